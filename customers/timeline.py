"""The customer profile's single timeline: each app registers a source of entries in AppConfig.ready()."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from customers.models import Customer


@dataclass(frozen=True)
class TimelineEntry:
    when: dt.datetime
    kind: str  # short machine name, e.g. "interaction", "response", "case", "feedback"
    title: str
    detail: str = ""
    url: str = ""


TimelineSource = Callable[["Customer"], list[TimelineEntry]]

_sources: dict[str, TimelineSource] = {}


def register_timeline_source(name: str, fn: TimelineSource) -> None:
    _sources[name] = fn


def timeline_for(customer: Customer, *, limit: int = 200) -> list[TimelineEntry]:
    entries: list[TimelineEntry] = []
    for fn in _sources.values():
        entries.extend(fn(customer))
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:limit]
