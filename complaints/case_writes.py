"""What every write to a case shares: the row lock with the optimistic version check, the history entry, the save
that bumps the version, and the ids every case event carries. Used by all service modules of the app."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.scoping import can_see_department
from complaints import sla
from complaints.models import Case, CaseEvent
from core.errors import Conflict


class CaseConflict(Conflict):
    """The case changed since the caller loaded it (optimistic lock): 409 with the current `version`."""

    def __init__(self, case: Case) -> None:
        self.case = case
        who = (
            case.updated_by.get_full_name() or case.updated_by.get_username()
            if case.updated_by
            else _("jemand anderem")
        )
        message = _("Der Fall wurde inzwischen von %(user)s geändert. Bitte laden Sie ihn neu.") % {"user": who}
        super().__init__(message, extra={"version": case.version})


class CaseNotFound(Http404):
    """A case the actor may not see: answered like a missing one (404, no leaking of existence)."""


def moment(at: dt.datetime | None) -> dt.datetime:
    """The time of a write: `at` (aware, for imports and demo data) or now."""
    if at is not None and timezone.is_naive(at):
        raise ValueError("naive datetime")
    return at or timezone.now()


def person(actor: User | None) -> User | None:
    """The actor to store on a row; None for the platform itself (public form, survey follow-up, SLA scan)."""
    return actor if actor is not None and actor.pk else None


def lock_case(case_id: int, expected_version: int | None = None, *, actor: User | None = None) -> Case:
    """The case row, locked for the rest of the transaction.

    CaseNotFound when `actor` may not see it, CaseConflict when it no longer has `expected_version`."""
    case = (
        Case.objects.select_for_update(of=("self",))
        .select_related("policy", "customer", "assignee", "updated_by")
        .filter(pk=case_id)
        .first()
    )
    if case is None:
        raise ValidationError({"case": _("Diesen Fall gibt es nicht.")})
    if actor is not None and not can_see_department(actor, case.department_id):
        raise CaseNotFound
    if expected_version is not None and int(expected_version) != case.version:
        raise CaseConflict(case)
    return case


def log_event(
    case: Case,
    kind: str,
    *,
    actor: User | None,
    at: dt.datetime,
    text: str = "",
    public: bool = False,
    data: dict[str, Any] | None = None,
) -> CaseEvent:
    """One entry of the case history."""
    return CaseEvent.objects.create(
        case=case, kind=kind, actor=person(actor), text=text, public=public, data=data or {}, created_at=at
    )


def save_case(case: Case, *, actor: User | None, now: dt.datetime) -> None:
    """Save a changed case: a new version, who changed it, the SLA state of `now`."""
    case.version += 1
    case.updated_by = person(actor)
    case.sla_state = sla.state_for(case, now=now)
    case.save()


def event_payload(case: Case) -> dict[str, Any]:
    """The ids and states every `case.*` event carries."""
    return {
        "case_id": case.pk,
        "reference": case.reference,
        "status": case.status,
        "severity": case.severity,
        "sla_state": case.sla_state,
        "department_id": case.department_id,
        "touchpoint_id": case.touchpoint_id,
        "category_id": case.category_id,
        "customer_id": case.customer_id,
        "assignee_id": case.assignee_id,
        "merged_into_id": case.merged_into_id,
    }
