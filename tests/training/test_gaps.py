"""The pure gap computation: levels, expiry, role + department + touchpoint requirements, coverage."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from training.gaps import (
    EXPIRING,
    MET,
    MISSING,
    Achievement,
    Employee,
    RequirementRule,
    add_months,
    employee_gaps,
    expiry_date,
    gap_report,
)

TODAY = dt.date(2026, 6, 15)
EMPATHY, COMPLAINTS, DEESCALATION = 1, 2, 3
STORES, SERVICE = 10, 20
HOTLINE, COUNTER = 100, 200


def agent(pk: int = 1, department: int = SERVICE, touchpoints: frozenset[int] = frozenset({HOTLINE})) -> Employee:
    return Employee(id=pk, role="agent", department_id=department, touchpoint_ids=touchpoints)


def test_it_reports_a_missing_competence_when_nothing_was_achieved() -> None:
    gaps = employee_gaps(agent(), [RequirementRule(EMPATHY, 2, role="agent")], [], today=TODAY)
    assert [(g.competence_id, g.required, g.achieved, g.status) for g in gaps.items] == [(EMPATHY, 2, 0, MISSING)]
    assert not gaps.meets_all


def test_a_lower_level_does_not_meet_a_higher_requirement() -> None:
    gaps = employee_gaps(
        agent(), [RequirementRule(EMPATHY, 3, role="agent")], [Achievement(1, EMPATHY, 2)], today=TODAY
    )
    assert gaps.items[0].status == MISSING
    assert gaps.items[0].achieved == 2


def test_the_highest_achieved_level_counts_and_meets_the_requirement() -> None:
    achievements = [Achievement(1, EMPATHY, 1), Achievement(1, EMPATHY, 3)]
    gaps = employee_gaps(agent(), [RequirementRule(EMPATHY, 2, role="agent")], achievements, today=TODAY)
    assert (gaps.items[0].achieved, gaps.items[0].status) == (3, MET)
    assert gaps.meets_all


def test_an_expired_achievement_no_longer_counts() -> None:
    expired = Achievement(1, EMPATHY, 3, expires_at=TODAY - dt.timedelta(days=1))
    gaps = employee_gaps(agent(), [RequirementRule(EMPATHY, 2, role="agent")], [expired], today=TODAY)
    assert (gaps.items[0].achieved, gaps.items[0].status) == (0, MISSING)


def test_an_achievement_expiring_on_the_day_itself_is_still_valid_but_expiring() -> None:
    today_expiry = Achievement(1, EMPATHY, 2, expires_at=TODAY)
    gaps = employee_gaps(agent(), [RequirementRule(EMPATHY, 2, role="agent")], [today_expiry], today=TODAY)
    assert gaps.items[0].status == EXPIRING
    assert gaps.meets_all  # still valid today: expiring counts as meeting


def test_expiring_within_the_warning_window_and_not_after_it() -> None:
    rule = [RequirementRule(EMPATHY, 2, role="agent")]
    soon = Achievement(1, EMPATHY, 2, expires_at=TODAY + dt.timedelta(days=30))
    later = Achievement(1, EMPATHY, 2, expires_at=TODAY + dt.timedelta(days=31))
    assert employee_gaps(agent(), rule, [soon], today=TODAY).items[0].status == EXPIRING
    assert employee_gaps(agent(), rule, [later], today=TODAY).items[0].status == MET


def test_a_renewal_or_a_record_without_expiry_lifts_the_expiring_warning() -> None:
    rule = [RequirementRule(EMPATHY, 2, role="agent")]
    soon = Achievement(1, EMPATHY, 2, expires_at=TODAY + dt.timedelta(days=5))
    renewed = Achievement(1, EMPATHY, 2, expires_at=TODAY + dt.timedelta(days=700))
    forever = Achievement(1, EMPATHY, 2, expires_at=None)
    assert employee_gaps(agent(), rule, [soon, renewed], today=TODAY).items[0].expires_at == renewed.expires_at
    assert employee_gaps(agent(), rule, [soon, forever], today=TODAY).items[0].status == MET


def test_an_expiring_higher_level_with_a_lasting_lower_level_that_suffices_is_met() -> None:
    rule = [RequirementRule(EMPATHY, 2, role="agent")]
    achievements = [
        Achievement(1, EMPATHY, 3, expires_at=TODAY + dt.timedelta(days=3)),
        Achievement(1, EMPATHY, 2, expires_at=None),
    ]
    item = employee_gaps(agent(), rule, achievements, today=TODAY).items[0]
    assert (item.achieved, item.status) == (3, MET)


def test_role_department_and_touchpoint_requirements_combine_and_the_highest_level_wins() -> None:
    rules = [
        RequirementRule(EMPATHY, 2, role="agent"),
        RequirementRule(COMPLAINTS, 2, department_id=SERVICE),
        RequirementRule(DEESCALATION, 2, role="agent", department_id=SERVICE),
        RequirementRule(DEESCALATION, 3, touchpoint_id=HOTLINE),  # key touchpoint: more is required
        RequirementRule(EMPATHY, 4, touchpoint_id=COUNTER),  # another touchpoint: does not apply
        RequirementRule(COMPLAINTS, 4, role="manager"),  # another role: does not apply
        RequirementRule(EMPATHY, 4, department_id=STORES),  # another department: does not apply
    ]
    gaps = employee_gaps(agent(), rules, [], today=TODAY)
    assert {g.competence_id: g.required for g in gaps.items} == {EMPATHY: 2, COMPLAINTS: 2, DEESCALATION: 3}


def test_a_requirement_with_several_scopes_applies_only_when_all_match() -> None:
    rule = [RequirementRule(EMPATHY, 2, role="agent", department_id=STORES, touchpoint_id=COUNTER)]
    assert employee_gaps(agent(department=STORES, touchpoints=frozenset({COUNTER})), rule, [], today=TODAY).items
    assert not employee_gaps(agent(department=STORES, touchpoints=frozenset()), rule, [], today=TODAY).items
    assert not employee_gaps(agent(department=SERVICE, touchpoints=frozenset({COUNTER})), rule, [], today=TODAY).items


def test_other_peoples_achievements_do_not_count() -> None:
    gaps = employee_gaps(
        agent(1), [RequirementRule(EMPATHY, 1, role="agent")], [Achievement(2, EMPATHY, 4)], today=TODAY
    )
    assert gaps.items[0].status == MISSING


def test_coverage_per_department_and_touchpoint_is_the_share_meeting_all_requirements() -> None:
    rules = [RequirementRule(EMPATHY, 2, role="agent"), RequirementRule(DEESCALATION, 3, touchpoint_id=HOTLINE)]
    staff = [
        agent(1, SERVICE, frozenset({HOTLINE})),
        agent(2, SERVICE, frozenset({HOTLINE})),
        agent(3, STORES, frozenset({COUNTER})),
        Employee(4, "manager", STORES, frozenset({COUNTER})),  # no requirement applies: meets all
    ]
    achievements = [
        Achievement(1, EMPATHY, 2),
        Achievement(1, DEESCALATION, 3),
        Achievement(2, EMPATHY, 2),  # misses the hotline's de-escalation
        Achievement(3, EMPATHY, 2),
    ]
    report = gap_report(staff, rules, achievements, today=TODAY)
    assert (report.by_department[SERVICE].staff, report.by_department[SERVICE].meeting) == (2, 1)
    assert report.by_department[SERVICE].share == 0.5
    assert report.by_department[STORES].share == 1.0
    assert report.by_touchpoint[HOTLINE].share == 0.5
    assert report.by_touchpoint[COUNTER].share == 1.0
    assert [e.employee_id for e in report.employees if e.missing] == [2]


def test_add_months_clamps_to_the_end_of_the_month() -> None:
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2027, 11, 30), 3) == dt.date(2028, 2, 29)
    assert add_months(dt.date(2026, 3, 15), -3) == dt.date(2025, 12, 15)
    assert expiry_date(dt.date(2026, 3, 15), 24) == dt.date(2028, 3, 15)
    assert expiry_date(dt.date(2026, 3, 15), None) is None


levels = st.integers(min_value=1, max_value=4)
offsets = st.one_of(st.none(), st.integers(min_value=-400, max_value=400))


@settings(deadline=None)  # no timing assertion: the suite runs in parallel on busy machines
@given(
    required=st.lists(st.tuples(st.integers(1, 4), levels), max_size=6),
    achieved=st.lists(st.tuples(st.integers(1, 4), levels, offsets), max_size=8),
    extra=st.tuples(st.integers(1, 4), levels, offsets),
)
def test_one_more_achievement_never_opens_a_gap(required, achieved, extra) -> None:  # type: ignore[no-untyped-def]
    rules = [RequirementRule(c, lvl, role="agent") for c, lvl in required]

    def ach(c: int, lvl: int, off: int | None) -> Achievement:
        return Achievement(1, c, lvl, None if off is None else TODAY + dt.timedelta(days=off))

    before = employee_gaps(agent(), rules, [ach(*a) for a in achieved], today=TODAY)
    after = employee_gaps(agent(), rules, [ach(*a) for a in [*achieved, extra]], today=TODAY)
    assert len(after.missing) <= len(before.missing)
    assert all(a.achieved >= b.achieved for a, b in zip(after.items, before.items, strict=True))
    report = gap_report([agent()], rules, [ach(*a) for a in achieved], today=TODAY)
    assert report.by_department[SERVICE].meeting <= report.by_department[SERVICE].staff
