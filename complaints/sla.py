"""SLA clocks of a case: choose the policy, compute due dates and warning points in business time, record
the business-hours durations when the first response and the resolution happen."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from complaints import calendar as bizcal
from complaints.choices import DONE_STATUSES, CaseStatus, SlaState
from complaints.models import BusinessCalendar, Case, Category, SlaPolicy

WARNING_SHARE = Decimal("0.75")


def policy_for(*, severity: str, category: Category | None) -> SlaPolicy | None:
    """The most specific policy: the category's own, its parent's, then the severity's default."""
    candidates = []
    if category is not None:
        candidates.append(category.pk)
        if category.parent_id:
            candidates.append(category.parent_id)
    for category_id in candidates:
        policy = SlaPolicy.objects.filter(severity=severity, category_id=category_id).first()
        if policy is not None:
            return policy
    return SlaPolicy.objects.filter(severity=severity, category__isnull=True).first()


def work_calendar(policy: SlaPolicy | None) -> bizcal.WorkCalendar:
    calendar = policy.calendar if policy is not None and policy.calendar_id else None
    if calendar is None:
        calendar = BusinessCalendar.objects.filter(is_default=True).first()
    return calendar.to_work_calendar() if calendar is not None else bizcal.WorkCalendar()


def _pauses(case: Case, *, since: dt.datetime | None = None) -> list[bizcal.Pause]:
    if case.pk is None:
        return []
    rows = case.pauses.all()
    if since is not None:
        rows = rows.filter(started_at__gte=since)
    return [(p.started_at, p.ended_at) for p in rows]


def _closed(pauses: list[bizcal.Pause]) -> list[bizcal.Pause]:
    return [p for p in pauses if p[1] is not None]


def schedule(case: Case) -> None:
    """(Re)compute the due dates and warning points of `case` in memory; the caller saves."""
    policy = case.policy
    if policy is None:
        case.first_response_due = case.first_response_warn_at = None
        case.resolution_due = case.resolution_warn_at = case.resolution_escalate_at = None
        return
    cal = work_calendar(policy)
    created = case.created_at
    clock_start = case.clock_started_at or created
    all_pauses = _closed(_pauses(case))
    first = SlaPolicy.hours(policy.first_response_hours)
    if case.first_responded_at is None or case.first_response_due is None:
        case.first_response_due = bizcal.add_business_time(created, first, all_pauses, cal)
        case.first_response_warn_at = bizcal.add_business_time(created, first * float(WARNING_SHARE), all_pauses, cal)
    resolution = SlaPolicy.hours(policy.resolution_hours)
    clock_pauses = [p for p in all_pauses if p[0] >= clock_start]
    case.resolution_due = bizcal.add_business_time(clock_start, resolution, clock_pauses, cal)
    case.resolution_warn_at = bizcal.add_business_time(
        clock_start, resolution * float(WARNING_SHARE), clock_pauses, cal
    )
    case.resolution_escalate_at = bizcal.add_business_time(
        case.resolution_due, SlaPolicy.hours(policy.update_interval_hours), (), cal
    )


def next_update_due(case: Case, *, now: dt.datetime) -> dt.datetime | None:
    if case.policy is None or case.status in DONE_STATUSES:
        return None
    return bizcal.add_business_time(
        now, SlaPolicy.hours(case.policy.update_interval_hours), (), work_calendar(case.policy)
    )


def record_first_response(case: Case, *, at: dt.datetime) -> None:
    if case.first_responded_at is not None:
        return
    case.first_responded_at = at
    cal = work_calendar(case.policy)
    case.first_response_business_seconds = int(
        bizcal.business_time_between(case.created_at, at, _pauses(case), cal).total_seconds()
    )
    case.first_response_met = None if case.first_response_due is None else at <= case.first_response_due


def record_resolution(case: Case, *, at: dt.datetime) -> None:
    case.resolved_at = at
    cal = work_calendar(case.policy)
    case.resolution_business_seconds = int(
        bizcal.business_time_between(case.created_at, at, _pauses(case), cal).total_seconds()
    )
    case.resolution_met = None if case.resolution_due is None else at <= case.resolution_due


def state_for(case: Case, *, now: dt.datetime) -> str:
    if case.policy is None:
        return str(SlaState.NONE)
    if case.status in DONE_STATUSES:
        if case.breached_at is not None or case.resolution_met is False or case.first_response_met is False:
            return str(SlaState.BREACHED)
        return str(SlaState.MET)
    if case.status == CaseStatus.WAITING_ON_CUSTOMER:
        return str(SlaState.PAUSED)
    if case.breached_at is not None:
        return str(SlaState.BREACHED)
    due_points = [case.resolution_due]
    warn_points = [case.resolution_warn_at]
    if case.first_responded_at is None:
        due_points.append(case.first_response_due)
        warn_points.append(case.first_response_warn_at)
    if any(p is not None and p <= now for p in due_points):
        return str(SlaState.BREACHED)
    if any(p is not None and p <= now for p in warn_points):
        return str(SlaState.WARNING)
    return str(SlaState.ON_TRACK)
