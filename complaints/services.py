"""Writes with rules for complaint cases: intake, changes, assignment and the status workflow.

The access rules live here, once, so that the pages and the API give the same answer: only case workers write
(the CCEO reads); agents keep cases in their own department (department, touchpoint) and assign only themselves
or nobody; leads hand cases over to other departments and assign the people they lead. A refused right is a
PermissionDenied (403), a bad value a ValidationError (400), a case the actor may not see a CaseNotFound (404).

Every write locks the case row and bumps `version`; callers that send the version they saw get a CaseConflict
(409) instead of overwriting a colleague's change (no lost update). `actor=None` is the platform itself (public
form, survey follow-up, demo data): it is not subject to the access rules.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import roles
from accounts.models import Department, User
from accounts.scoping import can_see_department
from complaints import sla, workflow
from complaints.case_writes import event_payload, lock_case, log_event, moment, person, save_case
from complaints.choices import (
    DONE_STATUSES,
    Acceptance,
    CaseChannel,
    CaseEventKind,
    CaseStatus,
    Severity,
    SlaClock,
)
from complaints.models import Case, CasePause, Category, SlaNotification, UserChannelPreference
from complaints.references import next_reference
from complaints.selectors import visible_cases
from core import events
from core.queue import enqueue
from customers.models import Customer
from touchpoints.models import Touchpoint


@dataclass(frozen=True)
class ContactDetails:
    """A complainant without a profile yet: a customer is created (or found by email) from these."""

    email: str = ""
    first_name: str = ""
    last_name: str = ""
    language: str = "de"


# --- Access rules: who may place a case where and assign it to whom (page and API both end up here) -------------


def require_case_worker(actor: User | None) -> None:
    """Only case workers write; the CCEO and trainers read (403). `None` is the platform itself."""
    if actor is not None and not roles.has_role(actor, roles.CASE_WORKERS):
        raise PermissionDenied(_("Ihre Rolle kann Beschwerdefälle nur lesen."))


def _check_placement(actor: User | None, *, department: Department, touchpoint: Touchpoint | None) -> None:
    """Agents keep cases in their own department (its queue, its touchpoints); leads may hand cases over."""
    if actor is None or roles.has_role(actor, roles.LEADS):
        return
    if department.pk != actor.department_id:
        raise PermissionDenied(_("Sie können Fälle nur in Ihrer Abteilung anlegen und führen."))
    if touchpoint is not None and touchpoint.department_id != actor.department_id:
        raise PermissionDenied(_("Sie können nur Kontaktpunkte Ihrer Abteilung wählen."))


def _check_assignee(assignee: User | None, department_id: int) -> None:
    """The assignee must be able to work the case: active, a case worker, in the responsible department (400)."""
    if assignee is None:
        return
    if not assignee.is_active or not roles.has_role(assignee, roles.ASSIGNABLE):
        raise ValidationError({"assignee": _("Diese Person kann keine Fälle bearbeiten.")})
    if not assignee.sees_all_departments and assignee.department_id != department_id:
        raise ValidationError({"assignee": _("Die Person gehört nicht zur zuständigen Abteilung.")})


def _check_assignment(actor: User | None, assignee: User | None) -> None:
    """Agents assign only themselves (or nobody); leads assign the people they lead (403 otherwise)."""
    if actor is None or assignee is None:
        return
    if not roles.has_role(actor, roles.LEADS):
        if assignee.pk != actor.pk:
            raise PermissionDenied(_("Sie können Fälle nur sich selbst zuweisen."))
    elif not can_see_department(actor, assignee.department_id):
        raise PermissionDenied(_("Sie können Fälle nur Personen Ihrer Abteilung zuweisen."))


def customer_from_contact(contact: ContactDetails) -> Customer:
    """An existing, not erased customer with this email, or a new profile created through the customers app."""
    from customers.services import customer_create

    email = contact.email.strip()
    if email:
        existing = Customer.objects.filter(email__iexact=email, erased_at__isnull=True).order_by("id").first()
        if existing is not None:
            return existing
    if not (email or contact.first_name.strip() or contact.last_name.strip()):
        raise ValidationError(
            {"customer": _("Bitte wählen Sie eine Kundin / einen Kunden oder geben Sie Kontaktdaten an.")}
        )
    try:
        return customer_create(
            external_ref=f"B-{uuid.uuid4().hex[:12]}",
            email=email,
            first_name=contact.first_name,
            last_name=contact.last_name,
            language=contact.language if contact.language in ("de", "en") else "de",
        )
    except ValidationError as exc:
        raise ValidationError({"email": exc.messages}) from None


def case_create(
    *,
    actor: User | None,
    channel: str,
    description: str,
    customer: Customer | None = None,
    contact: ContactDetails | None = None,
    touchpoint: Touchpoint | None = None,
    category: Category | None = None,
    severity: str = Severity.MEDIUM,
    remedy_sought: str = "",
    department: Department | None = None,
    assignee: User | None = None,
    source_response_id: int | None = None,
    survey_consent: bool = False,
    resolved_at_first_contact: bool = False,
    at: dt.datetime | None = None,
    notify: bool = True,
) -> Case:
    """Log a complaint. `notify=False` (historical imports, demo data) sends no acknowledgement."""
    require_case_worker(actor)
    now = moment(at)
    errors: dict[str, str] = {}
    if not description.strip():
        errors["description"] = _("Bitte beschreiben Sie die Beschwerde.")
    if channel not in CaseChannel.values:
        errors["channel"] = _("Unbekannter Kanal.")
    if severity not in Severity.values:
        errors["severity"] = _("Unbekannter Schweregrad.")
    if category is not None and not category.active:
        errors["category"] = _("Diese Kategorie ist nicht mehr aktiv.")
    if touchpoint is not None and not touchpoint.active:
        errors["touchpoint"] = _("Dieser Kontaktpunkt ist nicht mehr aktiv.")
    if customer is not None and customer.is_erased:
        errors["customer"] = _("Die Daten dieser Person wurden gelöscht.")
    department = department or (touchpoint.department if touchpoint else None) or getattr(actor, "department", None)
    if department is None:
        errors["department"] = _("Bitte wählen Sie eine zuständige Abteilung oder einen Kontaktpunkt.")
    if errors:
        raise ValidationError(errors)
    assert department is not None  # noqa: S101 (narrowing for mypy; checked above)
    _check_placement(actor, department=department, touchpoint=touchpoint)
    _check_assignee(assignee, department.pk)
    _check_assignment(actor, assignee)
    with transaction.atomic():
        if customer is None and contact is not None:
            customer = customer_from_contact(contact)
        case = Case(
            reference=next_reference(timezone.localtime(now).year),
            customer=customer,
            channel=channel,
            touchpoint=touchpoint,
            category=category,
            severity=severity,
            description=description.strip(),
            remedy_sought=remedy_sought.strip(),
            department=department,
            assignee=assignee,
            source_response_id=source_response_id,
            survey_consent=survey_consent,
            created_by=person(actor),
            created_at=now,
            clock_started_at=now,
            policy=sla.policy_for(severity=severity, category=category),
        )
        sla.schedule(case)
        case.sla_state = sla.state_for(case, now=now)
        case.save()
        log_event(case, CaseEventKind.CREATED, actor=actor, at=now, data={"channel": channel})
        if actor is not None and actor.pk:
            UserChannelPreference.objects.update_or_create(user=actor, defaults={"channel": channel})
        events.emit("case.created", event_payload(case))
        case_id = case.pk
        if notify:
            transaction.on_commit(lambda: _enqueue_acknowledgement(case_id))
        if resolved_at_first_contact:
            case = case_transition(case_id=case.pk, actor=actor, to=CaseStatus.RESOLVED, at=now, notify=notify)
            Case.objects.filter(pk=case.pk).update(resolved_at_first_contact=True)
            case.resolved_at_first_contact = True
    return case


def _enqueue_acknowledgement(case_id: int) -> None:
    from complaints.tasks import send_acknowledgement

    enqueue(send_acknowledgement, case_id)


def case_acknowledge_receipt(*, case_id: int) -> bool:
    """Send the acknowledgement email once; records it in the history."""
    from complaints import notifications

    with transaction.atomic():
        case = Case.objects.select_for_update(of=("self",)).select_related("customer").filter(pk=case_id).first()
        if case is None or case.events.filter(kind=CaseEventKind.EMAIL, data__template="acknowledgement").exists():
            return False
        if not notifications.send_acknowledgement(case):
            return False
        log_event(
            case,
            CaseEventKind.EMAIL,
            actor=None,
            at=timezone.now(),
            text=_("Eingangsbestätigung versandt"),
            data={"template": "acknowledgement"},
        )
    return True


def _end_pause(case: Case, now: dt.datetime) -> None:
    if case.paused_since is None:
        return
    CasePause.objects.filter(case=case, ended_at__isnull=True).update(ended_at=now)
    case.paused_since = None
    sla.schedule(case)


def case_transition(
    *,
    case_id: int,
    actor: User | None,
    to: str,
    note: str = "",
    expected_version: int | None = None,
    at: dt.datetime | None = None,
    notify: bool = True,
) -> Case:
    """Move the case along the workflow; `notify=False` sends no satisfaction survey on resolution."""
    require_case_worker(actor)
    now = moment(at)
    note = (note or "").strip()
    with transaction.atomic():
        case = lock_case(case_id, expected_version, actor=actor)
        previous = case.status
        if to not in CaseStatus.values or not workflow.can_transition(previous, to):
            raise ValidationError(
                {
                    "to": _("Der Wechsel von „%(from)s“ nach „%(to)s“ ist nicht erlaubt.")
                    % {"from": case.get_status_display(), "to": dict(CaseStatus.choices).get(to, to)}
                }
            )
        if to in workflow.REASON_REQUIRED and not note:
            raise ValidationError({"note": _("Bitte geben Sie eine Begründung an.")})
        if previous == CaseStatus.WAITING_ON_CUSTOMER:
            _end_pause(case, now)
        if to in workflow.FIRST_RESPONSE_TARGETS:
            sla.record_first_response(case, at=now)
        if to == CaseStatus.WAITING_ON_CUSTOMER:
            CasePause.objects.create(case=case, started_at=now)
            case.paused_since = now
        elif to in (CaseStatus.RESOLVED, CaseStatus.REJECTED) and previous not in DONE_STATUSES:
            sla.record_resolution(case, at=now)
            case.customer_acceptance = Acceptance.PENDING
            case.customer_acceptance_at = None
            case.next_update_due = None
            if to == CaseStatus.REJECTED:
                case.rejection_reason = note
        elif to == CaseStatus.CLOSED:
            case.closed_at = now
        elif to == CaseStatus.REOPENED:
            case.reopen_count += 1
            case.resolved_at = case.closed_at = None
            case.resolution_met = None
            case.resolution_business_seconds = None
            case.breached_at = None
            case.clock_started_at = now
            sla.schedule(case)
            SlaNotification.objects.filter(case=case, kind=SlaClock.RESOLUTION).delete()
        if case.first_responded_at is not None and case.next_update_due is None and to not in DONE_STATUSES:
            case.next_update_due = sla.next_update_due(case, now=now)
        case.status = to
        save_case(case, actor=actor, now=now)
        log_event(case, CaseEventKind.STATUS, actor=actor, at=now, text=note, data={"from": previous, "to": to})
        events.emit("case.status_changed", {**event_payload(case), "from": previous, "to": to})
        if to == CaseStatus.RESOLVED and notify:
            case_id_ = case.pk
            transaction.on_commit(lambda: _enqueue_satisfaction(case_id_))
    return case


def _enqueue_satisfaction(case_id: int) -> None:
    from complaints.tasks import send_satisfaction_survey

    enqueue(send_satisfaction_survey, case_id)


UPDATABLE_FIELDS = (
    "severity",
    "category",
    "touchpoint",
    "department",
    "assignee",
    "description",
    "remedy_sought",
    "resolution_due",
)


def case_update(
    *,
    case_id: int,
    actor: User | None,
    changes: dict[str, Any],
    expected_version: int | None = None,
    at: dt.datetime | None = None,
) -> Case:
    """Change intake fields, the department, the assignee or the resolution due date; each change lands in the
    history. Only what differs from the stored case counts as a change (a form that sends every field unchanged
    needs no right for them)."""
    require_case_worker(actor)
    now = moment(at)
    unknown = set(changes) - set(UPDATABLE_FIELDS)
    if unknown:
        raise ValidationError({field: _("Dieses Feld kann nicht geändert werden.") for field in unknown})
    with transaction.atomic():
        case = lock_case(case_id, expected_version, actor=actor)
        if case.status in (CaseStatus.CLOSED, CaseStatus.MERGED):
            raise ValidationError({"status": _("Ein abgeschlossener Fall kann nicht mehr geändert werden.")})
        changed = {k: v for k, v in changes.items() if getattr(case, k) != v}
        if "description" in changed and not str(changed["description"]).strip():
            raise ValidationError({"description": _("Bitte beschreiben Sie die Beschwerde.")})
        if "severity" in changed and changed["severity"] not in Severity.values:
            raise ValidationError({"severity": _("Unbekannter Schweregrad.")})
        if "department" in changed and changed["department"] is None:
            raise ValidationError({"department": _("Bitte wählen Sie eine zuständige Abteilung.")})
        if "category" in changed and changed["category"] is not None and not changed["category"].active:
            raise ValidationError({"category": _("Diese Kategorie ist nicht mehr aktiv.")})
        if "touchpoint" in changed and changed["touchpoint"] is not None and not changed["touchpoint"].active:
            raise ValidationError({"touchpoint": _("Dieser Kontaktpunkt ist nicht mehr aktiv.")})
        for field, value in changed.items():
            before = getattr(case, field)
            setattr(case, field, value)
            kind = {
                "assignee": CaseEventKind.ASSIGNED,
                "severity": CaseEventKind.SEVERITY,
                "resolution_due": CaseEventKind.DUE,
            }.get(field, CaseEventKind.FIELDS)
            data = {"field": field, "from": _plain(before), "to": _plain(value)}
            log_event(case, kind, actor=actor, at=now, data=data)
        if {"department", "touchpoint"} & set(changed):
            _check_placement(actor, department=case.department, touchpoint=case.touchpoint)
        if "department" in changed and case.assignee is not None and "assignee" not in changed:
            if not case.assignee.sees_all_departments and case.assignee.department_id != case.department_id:
                case.assignee = None
        _check_assignee(case.assignee, case.department_id)
        if "assignee" in changed:
            _check_assignment(actor, case.assignee)
        if {"severity", "category"} & set(changed):
            case.policy = sla.policy_for(severity=case.severity, category=case.category)
            if "resolution_due" not in changed and case.status not in DONE_STATUSES:
                sla.schedule(case)
        if changed:
            save_case(case, actor=actor, now=now)
    return case


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, dt.datetime):
        return value.isoformat()
    return str(value)


def case_bulk_assign(*, actor: User | None, case_ids: list[int], assignee: User | None) -> int:
    """Assign many cases at once (leads only); a case the actor cannot see makes the whole request a 400."""
    if actor is not None and not roles.has_role(actor, roles.LEADS):
        raise PermissionDenied(_("Nur die Abteilungsleitung kann Fälle gesammelt zuweisen."))
    wanted = sorted(set(case_ids))
    if not wanted:
        raise ValidationError({"cases": _("Bitte wählen Sie mindestens einen Fall.")})
    cases = Case.objects.all() if actor is None else visible_cases(actor)
    known = set(cases.filter(pk__in=wanted).values_list("pk", flat=True))
    missing = [case_id for case_id in wanted if case_id not in known]
    if missing:
        raise ValidationError({"cases": _("Unbekannte Fälle: %(ids)s") % {"ids": ", ".join(map(str, missing))}})
    with transaction.atomic():
        for case_id in wanted:
            case_update(case_id=case_id, actor=actor, changes={"assignee": assignee})
    return len(wanted)
