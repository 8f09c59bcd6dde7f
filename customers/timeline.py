"""The customer profile's single timeline: each app registers a source of entries in AppConfig.ready()."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from customers.models import Customer


@dataclass(frozen=True)
class TimelineEntry:
    when: dt.datetime
    kind: str  # short machine name, e.g. "interaction", "response", "case", "feedback"
    title: str
    detail: str = ""
    url: str = ""
    # The department that owns the underlying record (e.g. the touchpoint's or the case's); None = company-wide.
    # timeline_for(..., user=...) hides entries of departments the user may not see.
    department_id: int | None = None


TimelineSource = Callable[["Customer"], list[TimelineEntry]]

_sources: dict[str, TimelineSource] = {}


def register_timeline_source(name: str, fn: TimelineSource) -> None:
    _sources[name] = fn


def timeline_for(customer: Customer, *, limit: int = 200, user: Any = None) -> list[TimelineEntry]:
    from accounts.scoping import can_see_department

    entries: list[TimelineEntry] = []
    for fn in _sources.values():
        entries.extend(fn(customer))
    if user is not None:
        entries = [e for e in entries if e.department_id is None or can_see_department(user, e.department_id)]
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:limit]
