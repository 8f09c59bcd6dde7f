"""Periods as the platform shows them: local calendar days (Europe/Berlin), inclusive at both ends.

Every filter and report that takes `date_from` / `date_to` turns them into a half-open UTC range with
`day_range`, so that "bis 31.03." includes the whole of 31 March in Berlin, whatever the server's zone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone


def day_start(day: dt.date) -> dt.datetime:
    """The first instant of `day` in the platform's time zone (aware)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min), timezone.get_default_timezone())


def day_end(day: dt.date) -> dt.datetime:
    """The first instant after `day` (exclusive upper bound)."""
    return day_start(day + dt.timedelta(days=1))


@dataclass(frozen=True)
class Period:
    """Local dates, both inclusive; `start`/`end` are the matching half-open aware range."""

    date_from: dt.date
    date_to: dt.date

    @property
    def start(self) -> dt.datetime:
        return day_start(self.date_from)

    @property
    def end(self) -> dt.datetime:
        return day_end(self.date_to)

    @property
    def days(self) -> int:
        return (self.date_to - self.date_from).days + 1

    def previous(self) -> Period:
        """The period of the same length just before this one."""
        return Period(self.date_from - dt.timedelta(days=self.days), self.date_from - dt.timedelta(days=1))


def last_days(days: int, *, today: dt.date | None = None) -> Period:
    """The `days` local days up to and including today."""
    end = today or timezone.localdate()
    return Period(end - dt.timedelta(days=days - 1), end)
