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
    # The department that owns the underlying record (the case's, the answer's, the touchpoint's). Entries of a
    # department the viewer may not see are left out; so is an entry without one, unless the viewer sees every
    # department (accounts.roles.OVERSEERS) or the source marks it `company_wide` on purpose (the customer's own
    # data such as consents, which every staff role may read).
    department_id: int | None = None
    company_wide: bool = False


TimelineSource = Callable[["Customer"], list[TimelineEntry]]

_sources: dict[str, TimelineSource] = {}


def register_timeline_source(name: str, fn: TimelineSource) -> None:
    _sources[name] = fn


def visible_to(entry: TimelineEntry, user: Any) -> bool:
    from accounts import roles
    from accounts.scoping import can_see_department

    if entry.department_id is not None:
        return can_see_department(user, entry.department_id)
    return entry.company_wide or roles.has_role(user, roles.OVERSEERS)


def timeline_for(customer: Customer, *, limit: int = 200, user: Any = None) -> list[TimelineEntry]:
    """Every registered source's entries, newest first; with `user`, only what that user may see."""
    entries: list[TimelineEntry] = []
    for fn in _sources.values():
        entries.extend(fn(customer))
    if user is not None:
        entries = [entry for entry in entries if visible_to(entry, user)]
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:limit]
