"""The SLA scan: warn the assignee at 75 %, escalate a breach to the department's managers and, after a
further interval, to the parent department's managers. Due points are stored on the case, so the scan is a
few indexed queries; the SlaNotification row (unique per case, clock and level) makes every alert go out once."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from accounts.choices import Role
from accounts.models import Department, User
from complaints import notifications
from complaints.case_writes import event_payload, log_event
from complaints.choices import RUNNING_STATUSES as RUNNING
from complaints.choices import CaseEventKind, SlaClock, SlaLevel, SlaState
from complaints.models import Case, SlaNotification
from core import events

logger = logging.getLogger(__name__)

RUNNING_STATUSES = sorted(RUNNING)


@dataclass(frozen=True)
class Step:
    clock: str
    level: int
    due_field: str


STEPS = (
    Step(SlaClock.FIRST_RESPONSE, SlaLevel.WARNING, "first_response_warn_at"),
    Step(SlaClock.FIRST_RESPONSE, SlaLevel.BREACH, "first_response_due"),
    Step(SlaClock.RESOLUTION, SlaLevel.WARNING, "resolution_warn_at"),
    Step(SlaClock.RESOLUTION, SlaLevel.BREACH, "resolution_due"),
    Step(SlaClock.RESOLUTION, SlaLevel.ESCALATION, "resolution_escalate_at"),
)


def due_cases(step: Step, *, now: dt.datetime):
    already = SlaNotification.objects.filter(case=OuterRef("pk"), kind=step.clock, level=step.level)
    qs = Case.objects.filter(status__in=RUNNING_STATUSES, **{f"{step.due_field}__lte": now}).exclude(Exists(already))
    if step.clock == SlaClock.FIRST_RESPONSE:
        qs = qs.filter(first_responded_at__isnull=True)
    return qs


def _managers(department: Department | None) -> list[User]:
    if department is None:
        return []
    return list(User.objects.filter(department=department, role=Role.MANAGER, is_active=True).exclude(email=""))


def recipients_for(case: Case, level: int) -> list[str]:
    users: list[User] = []
    assignee = case.assignee if case.assignee and case.assignee.is_active and case.assignee.email else None
    if level == SlaLevel.WARNING:
        users = [assignee] if assignee else _managers(case.department)
    elif level == SlaLevel.BREACH:
        users = _managers(case.department) + ([assignee] if assignee else [])
    else:
        parent = case.department.parent
        users = _managers(parent) if parent else []
        if not users:
            users = list(User.objects.filter(role=Role.CX_ADMIN, is_active=True).exclude(email=""))
    return sorted({u.email for u in users if u is not None and u.email})


def sla_notify(*, case_id: int, step: Step, now: dt.datetime) -> bool:
    """Send one alert for one case, at most once; False when it was already sent or is no longer due."""
    with transaction.atomic():
        case = (
            Case.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("department__parent", "assignee")
            .filter(pk=case_id, status__in=RUNNING_STATUSES, **{f"{step.due_field}__lte": now})
            .first()
        )
        if case is None or (step.clock == SlaClock.FIRST_RESPONSE and case.first_responded_at is not None):
            return False
        recipients = recipients_for(case, step.level)
        try:
            with transaction.atomic():
                SlaNotification.objects.create(
                    case=case, kind=step.clock, level=step.level, recipients=recipients, sent_at=now
                )
        except IntegrityError:
            return False
        clock_label = str(SlaClock(step.clock).label)
        level_label = str(SlaLevel(step.level).label)
        due = getattr(case, step.due_field)
        if recipients:
            notifications.send_sla_alert(
                case, recipients=recipients, clock_label=clock_label, level_label=level_label, due=due
            )
        log_event(
            case,
            CaseEventKind.SLA,
            actor=None,
            at=now,
            text=f"{clock_label}: {level_label}",
            data={"clock": step.clock, "level": step.level, "recipients": recipients},
        )
        if step.level >= SlaLevel.BREACH:
            first_breach = case.breached_at is None
            case.breached_at = case.breached_at or now
            Case.objects.filter(pk=case.pk).update(sla_state=SlaState.BREACHED, breached_at=case.breached_at)
            case.sla_state = SlaState.BREACHED
            if step.level == SlaLevel.BREACH:
                events.emit(
                    "case.sla_breached",
                    {
                        **event_payload(case),
                        "clock": step.clock,
                        "due": due.isoformat() if due else None,
                        "first_breach": first_breach,
                    },
                )
        elif case.sla_state == SlaState.ON_TRACK:
            Case.objects.filter(pk=case.pk, sla_state=SlaState.ON_TRACK).update(sla_state=SlaState.WARNING)
    return True


def sla_scan(*, now: dt.datetime | None = None, batch_size: int = 500) -> int:
    """Send every alert that has fallen due; returns how many were sent. Safe to run twice or in parallel."""
    now = now or timezone.now()
    sent = 0
    for step in STEPS:
        for case_id in list(
            due_cases(step, now=now).order_by(step.due_field).values_list("pk", flat=True)[:batch_size]
        ):
            try:
                if sla_notify(case_id=case_id, step=step, now=now):
                    sent += 1
            except Exception:
                logger.exception("SLA alert failed", extra={"case_id": case_id, "clock": step.clock})
    if sent:
        logger.info("SLA scan sent %d alerts", sent)
    return sent
