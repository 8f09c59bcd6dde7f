"""Business-hours arithmetic: worked examples and properties (hypothesis)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from complaints.calendar import WorkCalendar, add_business_time, business_time_between, parse_hours

BERLIN = ZoneInfo("Europe/Berlin")
HH = WorkCalendar(state="HH")
H = dt.timedelta(hours=1)


def b(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=BERLIN)  # type: ignore[misc]


def test_friday_afternoon_plus_four_hours_lands_on_monday_morning() -> None:
    # 2 h left on Friday (16–18), 2 h on Monday (8–10).
    assert add_business_time(b(2026, 11, 20, 16), 4 * H, calendar=HH) == b(2026, 11, 23, 10)


def test_friday_afternoon_plus_six_hours_lands_on_monday_noon() -> None:
    assert add_business_time(b(2026, 11, 20, 16), 6 * H, calendar=HH) == b(2026, 11, 23, 12)


def test_easter_weekend_is_skipped() -> None:
    # Good Friday 2026-04-03 and Easter Monday 2026-04-06 are holidays in Hamburg.
    assert add_business_time(b(2026, 4, 2, 16), 4 * H, calendar=HH) == b(2026, 4, 7, 10)
    assert business_time_between(b(2026, 4, 2, 8), b(2026, 4, 7, 18), calendar=HH) == 20 * H


def test_state_holidays_differ() -> None:
    # Reformation Day (31 Oct) is a holiday in Hamburg, not in Bavaria; 2025-10-31 is a Friday.
    start = b(2025, 10, 30, 16)
    assert add_business_time(start, 4 * H, calendar=HH) == b(2025, 11, 3, 10)
    assert add_business_time(start, 4 * H, calendar=WorkCalendar(state="BY")) == b(2025, 10, 31, 10)


def test_spring_dst_switch_keeps_wall_clock_hours() -> None:
    # 2026-03-29 (Sunday) clocks go forward; Friday 16:00 CET + 4 h = Monday 10:00 CEST.
    result = add_business_time(b(2026, 3, 27, 16), 4 * H, calendar=HH)
    assert result == b(2026, 3, 30, 10)
    assert result.utcoffset() == dt.timedelta(0)  # returned in UTC
    assert result == dt.datetime(2026, 3, 30, 8, tzinfo=dt.UTC)
    assert business_time_between(b(2026, 3, 27, 16), b(2026, 3, 30, 10), calendar=HH) == 4 * H


def test_autumn_dst_switch() -> None:
    assert add_business_time(b(2026, 10, 23, 17), 2 * H, calendar=HH) == b(2026, 10, 26, 9)


def test_start_outside_working_hours_starts_at_next_opening() -> None:
    assert add_business_time(b(2026, 11, 21, 11), 1 * H, calendar=HH) == b(2026, 11, 23, 9)
    assert add_business_time(b(2026, 11, 23, 6), 30 * dt.timedelta(minutes=1), calendar=HH) == b(2026, 11, 23, 8, 30)


def test_pause_stops_the_clock() -> None:
    start = b(2026, 11, 23, 8)
    pause = (b(2026, 11, 23, 10), b(2026, 11, 24, 10))  # 10 working hours paused
    assert add_business_time(start, 4 * H, [pause], calendar=HH) == b(2026, 11, 24, 12)
    assert business_time_between(start, b(2026, 11, 24, 12), [pause], calendar=HH) == 4 * H


def test_open_pause_counts_until_the_end_for_elapsed_time() -> None:
    start = b(2026, 11, 23, 8)
    assert business_time_between(start, b(2026, 11, 23, 18), [(b(2026, 11, 23, 12), None)], calendar=HH) == 4 * H
    with pytest.raises(ValueError):
        add_business_time(start, H, [(b(2026, 11, 23, 12), None)], calendar=HH)


def test_split_working_hours_and_saturday() -> None:
    cal = WorkCalendar(hours=parse_hours({"0": [["13:00", "18:00"], ["08:00", "12:00"]], "5": [["09:00", "13:00"]]}))
    assert add_business_time(b(2026, 11, 23, 11), 2 * H, calendar=cal) == b(2026, 11, 23, 14)
    assert add_business_time(b(2026, 11, 23, 17), 2 * H, calendar=cal) == b(2026, 11, 28, 10)


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError):
        add_business_time(dt.datetime(2026, 1, 5, 9), H)  # noqa: DTZ001 - naive on purpose
    with pytest.raises(ValueError):
        add_business_time(b(2026, 1, 5, 9), -H)
    with pytest.raises(ValueError):
        parse_hours({"0": [["18:00", "08:00"]]})
    with pytest.raises(ValueError):
        parse_hours({"7": [["08:00", "09:00"]]})
    with pytest.raises(ValueError):
        add_business_time(b(2026, 1, 5, 9), H, calendar=WorkCalendar(hours={}))


# --- Properties ----------------------------------------------------------------------------------------------

instants = st.datetimes(
    min_value=dt.datetime(2024, 1, 1),  # noqa: DTZ001 - hypothesis wants naive bounds
    max_value=dt.datetime(2028, 12, 31),  # noqa: DTZ001
    timezones=st.just(BERLIN),
)
durations = st.integers(min_value=0, max_value=200 * 60).map(lambda m: dt.timedelta(minutes=m))
states = st.sampled_from(["HH", "BY", "NW", "BE", ""])


@settings(max_examples=150, deadline=None)
@given(start=instants, d1=durations, d2=durations, state=states)
def test_monotonic(start: dt.datetime, d1: dt.timedelta, d2: dt.timedelta, state: str) -> None:
    cal = WorkCalendar(state=state)
    lo, hi = sorted([d1, d2])
    assert add_business_time(start, lo, calendar=cal) <= add_business_time(start, hi, calendar=cal)


@settings(max_examples=150, deadline=None)
@given(start=instants, d1=durations, d2=durations, state=states)
def test_additive(start: dt.datetime, d1: dt.timedelta, d2: dt.timedelta, state: str) -> None:
    cal = WorkCalendar(state=state)
    stepwise = add_business_time(add_business_time(start, d1, calendar=cal), d2, calendar=cal)
    assert stepwise == add_business_time(start, d1 + d2, calendar=cal)


@settings(max_examples=150, deadline=None)
@given(start=instants, duration=durations, state=states)
def test_never_lands_outside_working_hours_nor_on_holidays(
    start: dt.datetime, duration: dt.timedelta, state: str
) -> None:
    assume(duration > dt.timedelta(0))
    cal = WorkCalendar(state=state)
    due = add_business_time(start, duration, calendar=cal)
    local = due.astimezone(BERLIN)
    assert cal.is_working_time(due)
    assert local.weekday() < 5
    assert not cal.is_holiday(local.date())
    assert dt.time(8) <= local.time() <= dt.time(18)


@settings(max_examples=150, deadline=None)
@given(start=instants, duration=durations, state=states)
def test_between_inverts_add(start: dt.datetime, duration: dt.timedelta, state: str) -> None:
    cal = WorkCalendar(state=state)
    assert business_time_between(start, add_business_time(start, duration, calendar=cal), calendar=cal) == duration


@settings(max_examples=100, deadline=None)
@given(start=instants, duration=durations, pause_start=st.integers(0, 96 * 60), pause_len=st.integers(0, 72 * 60))
def test_a_pause_never_brings_the_due_date_forward(
    start: dt.datetime, duration: dt.timedelta, pause_start: int, pause_len: int
) -> None:
    p0 = start + dt.timedelta(minutes=pause_start)
    pause = (p0, p0 + dt.timedelta(minutes=pause_len))
    without = add_business_time(start, duration, calendar=HH)
    with_pause = add_business_time(start, duration, [pause], calendar=HH)
    assert with_pause >= without
    assert business_time_between(start, with_pause, [pause], calendar=HH) == duration


@settings(max_examples=100, deadline=None)
@given(a=instants, b_=instants, c=instants)
def test_elapsed_time_adds_up_over_a_split(a: dt.datetime, b_: dt.datetime, c: dt.datetime) -> None:
    x, y, z = sorted([a, b_, c])
    assert business_time_between(x, z, calendar=HH) == business_time_between(x, y, calendar=HH) + business_time_between(
        y, z, calendar=HH
    )
