"""Business-hours arithmetic for SLA clocks (pure: no Django imports).

A calendar is working hours per weekday (local wall-clock intervals), the public holidays of one German
federal state and a time zone. Instants are aware datetimes; results are returned in UTC. Pauses (the
clock stops while a case waits on the customer) are half-open intervals [start, end) removed from working time.
Local times are converted per day, so the daylight-saving switches need no special handling.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

UTC = dt.UTC
Interval = tuple[dt.datetime, dt.datetime]
Pause = tuple[dt.datetime, dt.datetime | None]

DEFAULT_HOURS: dict[int, tuple[tuple[dt.time, dt.time], ...]] = {day: ((dt.time(8), dt.time(18)),) for day in range(5)}
# Beyond this horizon a calendar is considered to have no working time at all (guards endless loops).
MAX_DAYS = 3 * 366


@lru_cache(maxsize=32)
def _state_holidays(state: str) -> holidays.HolidayBase:
    return holidays.country_holidays("DE", subdiv=state or None)


def state_codes() -> list[str]:
    return sorted(holidays.country_holidays("DE").subdivisions)


TIME_OF_DAY = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?")


def parse_time(value: object) -> dt.time:
    """A wall-clock time "HH:MM" (or "HH:MM:SS"); anything else (time zones, stray bytes) is a ValueError."""
    if not isinstance(value, str) or not TIME_OF_DAY.fullmatch(value):
        raise ValueError(f"{value!r} is not a time HH:MM")
    return dt.time.fromisoformat(value)


def parse_hours(raw: Mapping[str, Sequence[Sequence[str]]]) -> dict[int, tuple[tuple[dt.time, dt.time], ...]]:
    """{"0": [["08:00", "18:00"]], …} (0 = Monday) → validated intervals; raises ValueError on bad input."""
    result: dict[int, tuple[tuple[dt.time, dt.time], ...]] = {}
    for key, spans in raw.items():
        if not isinstance(key, str) or not key.isdigit():
            raise ValueError(f"weekday {key!r} is not 0–6")
        day = int(key)
        if not 0 <= day <= 6:
            raise ValueError(f"weekday {key!r} is not 0–6")
        parsed = []
        for span in spans:
            if len(span) != 2:
                raise ValueError(f"interval {span!r} needs a start and an end")
            start, end = parse_time(span[0]), parse_time(span[1])
            if start >= end:
                raise ValueError(f"interval {span!r} ends before it starts")
            parsed.append((start, end))
        parsed.sort()
        for (_, prev_end), (next_start, _) in zip(parsed, parsed[1:], strict=False):
            if next_start < prev_end:
                raise ValueError(f"intervals of weekday {day} overlap")
        if parsed:
            result[day] = tuple(parsed)
    return result


@dataclass(frozen=True)
class WorkCalendar:
    hours: Mapping[int, tuple[tuple[dt.time, dt.time], ...]] = field(default_factory=lambda: dict(DEFAULT_HOURS))
    state: str = ""
    tz_name: str = "Europe/Berlin"
    extra_closed_days: frozenset[dt.date] = frozenset()

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.tz_name)

    def is_holiday(self, day: dt.date) -> bool:
        return day in self.extra_closed_days or day in _state_holidays(self.state)

    def day_intervals(self, day: dt.date) -> list[Interval]:
        """The working intervals of one local calendar day, in UTC."""
        if self.is_holiday(day):
            return []
        tz = self.tz
        result = []
        for start, end in self.hours.get(day.weekday(), ()):
            a = dt.datetime.combine(day, start, tzinfo=tz).astimezone(UTC)
            b = dt.datetime.combine(day, end, tzinfo=tz).astimezone(UTC)
            if a < b:
                result.append((a, b))
        return result

    def intervals_from(self, start: dt.datetime, until: dt.datetime | None = None) -> Iterator[Interval]:
        """Working intervals clipped to [start, …), in order; up to `until`, or for MAX_DAYS days without it."""
        _require_aware(start)
        start = start.astimezone(UTC)
        day = start.astimezone(self.tz).date() - dt.timedelta(days=1)
        last = until.astimezone(self.tz).date() + dt.timedelta(days=1) if until else day + dt.timedelta(MAX_DAYS + 2)
        while day <= last:
            for a, b in self.day_intervals(day):
                if b > start:
                    yield (max(a, start), b)
            day += dt.timedelta(days=1)

    def is_working_time(self, instant: dt.datetime) -> bool:
        """True when `instant` lies in a working interval (its end included)."""
        local_day = instant.astimezone(self.tz).date()
        return any(a <= instant <= b for a, b in self.day_intervals(local_day))


def _require_aware(value: dt.datetime) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("naive datetimes are not allowed")


def _subtract_pauses(interval: Interval, pauses: Sequence[tuple[dt.datetime, dt.datetime]]) -> Iterator[Interval]:
    """Split `interval` into the parts not covered by any pause (pauses sorted by start, merged)."""
    a, b = interval
    for p_start, p_end in pauses:
        if p_end <= a:
            continue
        if p_start >= b:
            break
        if p_start > a:
            yield (a, p_start)
        a = max(a, p_end)
        if a >= b:
            return
    if a < b:
        yield (a, b)


def _normalise_pauses(pauses: Iterable[Pause], *, until: dt.datetime) -> list[tuple[dt.datetime, dt.datetime]]:
    """Sort and merge pauses; an open pause (end None) lasts until `until`."""
    closed = []
    for start, end in pauses:
        _require_aware(start)
        stop = until if end is None else end
        _require_aware(stop)
        if stop > start:
            closed.append((start.astimezone(UTC), stop.astimezone(UTC)))
    closed.sort()
    merged: list[tuple[dt.datetime, dt.datetime]] = []
    for start, end in closed:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def add_business_time(
    start: dt.datetime,
    duration: dt.timedelta,
    pauses: Iterable[Pause] = (),
    calendar: WorkCalendar | None = None,
) -> dt.datetime:
    """The earliest instant at which `duration` of working time (outside pauses) has elapsed since `start`.

    A zero duration returns `start` unchanged. Raises ValueError when a pause never ends or the calendar
    has no working time within MAX_DAYS.
    """
    _require_aware(start)
    if duration < dt.timedelta(0):
        raise ValueError("duration must not be negative")
    start = start.astimezone(UTC)
    if duration == dt.timedelta(0):
        return start
    pause_list = list(pauses)
    if any(end is None for _, end in pause_list):
        raise ValueError("an open pause has no due date")
    merged = _normalise_pauses(pause_list, until=start)
    remaining = duration
    for interval in calendar_or_default(calendar).intervals_from(start):
        for a, b in _subtract_pauses(interval, merged):
            span = b - a
            if span >= remaining:
                return a + remaining
            remaining -= span
    raise ValueError("the calendar has no working time")


def business_time_between(
    start: dt.datetime,
    end: dt.datetime,
    pauses: Iterable[Pause] = (),
    calendar: WorkCalendar | None = None,
) -> dt.timedelta:
    """Working time (outside pauses) in [start, end); zero when end is not after start."""
    _require_aware(start)
    _require_aware(end)
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    if end <= start:
        return dt.timedelta(0)
    merged = _normalise_pauses(pauses, until=end)
    total = dt.timedelta(0)
    for interval in calendar_or_default(calendar).intervals_from(start, until=end):
        if interval[0] >= end:
            break
        clipped = (interval[0], min(interval[1], end))
        for a, b in _subtract_pauses(clipped, merged):
            total += b - a
    return total


def calendar_or_default(calendar: WorkCalendar | None) -> WorkCalendar:
    return calendar if calendar is not None else WorkCalendar()
