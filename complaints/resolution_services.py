"""Writes with rules around the end of a case: resolution details, the customer's acceptance, merging
duplicates, and attachments."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.scoping import can_see_department
from complaints.attachments import validate_attachment
from complaints.case_writes import CaseNotFound, event_payload, lock_case, log_event, moment, person, save_case
from complaints.choices import DONE_STATUSES, Acceptance, CaseEventKind, CaseStatus, Outcome
from complaints.models import Case, CaseAttachment, CaseEvent, CasePause, RootCause
from complaints.services import require_case_worker
from core import events


def case_record_resolution(
    *,
    case_id: int,
    actor: User | None,
    outcome: str,
    apology_given: bool | None = None,
    remedy_granted: str = "",
    remedy_cost: Decimal | str | int = Decimal("0"),
    root_cause: RootCause | None = None,
    corrective_action: str = "",
    expected_version: int | None = None,
    at: dt.datetime | None = None,
) -> Case:
    require_case_worker(actor)
    now = moment(at)
    errors: dict[str, str] = {}
    if outcome not in Outcome.values:
        errors["outcome"] = _("Bitte wählen Sie ein Ergebnis.")
    try:
        cost = Decimal(str(remedy_cost or 0))
        if cost < 0 or cost >= Decimal("100000000"):
            raise InvalidOperation
    except InvalidOperation:
        errors["remedy_cost"] = _("Bitte geben Sie einen Betrag ab 0 an.")
        cost = Decimal("0")
    if root_cause is not None and not root_cause.active:
        errors["root_cause"] = _("Diese Ursache ist nicht mehr aktiv.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        case = lock_case(case_id, expected_version, actor=actor)
        if case.status in (CaseStatus.CLOSED, CaseStatus.MERGED):
            raise ValidationError({"outcome": _("Ein abgeschlossener Fall kann nicht mehr geändert werden.")})
        case.outcome = outcome
        case.apology_given = apology_given
        case.remedy_granted = remedy_granted.strip()
        case.remedy_cost = cost.quantize(Decimal("0.01"))
        case.root_cause = root_cause
        case.corrective_action = corrective_action.strip()
        save_case(case, actor=actor, now=now)
        log_event(
            case,
            CaseEventKind.RESOLUTION,
            actor=actor,
            at=now,
            text=case.remedy_granted,
            data={
                "outcome": outcome,
                "apology_given": apology_given,
                "remedy_cost": str(case.remedy_cost),
                "root_cause": root_cause.name if root_cause else None,
            },
        )
    return case


def case_record_acceptance(
    *, case_id: int, accepted: bool, comment: str = "", actor: User | None = None, at: dt.datetime | None = None
) -> Case:
    """The customer accepts or rejects the communicated outcome (status page: no actor, or recorded by staff)."""
    require_case_worker(actor)
    now = moment(at)
    with transaction.atomic():
        case = lock_case(case_id, actor=actor)
        if case.status not in (CaseStatus.RESOLVED, CaseStatus.REJECTED, CaseStatus.CLOSED):
            raise ValidationError({"accepted": _("Zu diesem Fall liegt noch keine Entscheidung vor.")})
        case.customer_acceptance = Acceptance.ACCEPTED if accepted else Acceptance.REJECTED
        case.customer_acceptance_at = now
        save_case(case, actor=actor, now=now)
        log_event(
            case,
            CaseEventKind.ACCEPTANCE,
            actor=actor,
            at=now,
            text=comment.strip()[:2000],
            data={"accepted": accepted},
        )
    return case


def case_merge(*, case_id: int, into_id: int, actor: User | None, at: dt.datetime | None = None) -> Case:
    """Merge a duplicate into another case the actor may see; both keep their histories, each with a note on the
    other."""
    require_case_worker(actor)
    now = moment(at)
    if case_id == into_id:
        raise ValidationError({"into": _("Ein Fall kann nicht mit sich selbst zusammengeführt werden.")})
    with transaction.atomic():
        # Lock in id order so two opposite merges cannot deadlock.
        first, second = sorted([case_id, into_id])
        locked = {first: lock_case(first), second: lock_case(second)}
        duplicate, target = locked[case_id], locked[into_id]
        if actor is not None:
            if not can_see_department(actor, duplicate.department_id):
                raise CaseNotFound
            if not can_see_department(actor, target.department_id):
                raise ValidationError({"into": _("Diesen Fall gibt es nicht.")})
        if duplicate.status in DONE_STATUSES:
            raise ValidationError({"case": _("Nur offene Fälle können zusammengeführt werden.")})
        if target.status == CaseStatus.MERGED:
            raise ValidationError({"into": _("Der Zielfall wurde selbst bereits zusammengeführt.")})
        previous = duplicate.status
        CasePause.objects.filter(case=duplicate, ended_at__isnull=True).update(ended_at=now)
        duplicate.paused_since = None
        duplicate.status = CaseStatus.MERGED
        duplicate.merged_into = target
        save_case(duplicate, actor=actor, now=now)
        log_event(
            duplicate, CaseEventKind.MERGED, actor=actor, at=now, data={"into": target.reference, "into_id": target.pk}
        )
        log_event(
            target,
            CaseEventKind.MERGED,
            actor=actor,
            at=now,
            data={"from": duplicate.reference, "from_id": duplicate.pk},
        )
        if target.customer_id is None and duplicate.customer_id is not None:
            target.customer_id = duplicate.customer_id
        save_case(target, actor=actor, now=now)
        events.emit("case.status_changed", {**event_payload(duplicate), "from": previous, "to": CaseStatus.MERGED})
    return target


def attachment_add(*, case_id: int, actor: User | None, upload: UploadedFile) -> CaseAttachment:
    name = (upload.name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:200]
    require_case_worker(actor)
    content_type = validate_attachment(name=name, size=upload.size or 0, stream=upload.file)  # type: ignore[arg-type]
    with transaction.atomic():
        case = lock_case(case_id, actor=actor)
        if case.status in (CaseStatus.CLOSED, CaseStatus.MERGED):
            raise ValidationError(
                {"file": _("Zu einem abgeschlossenen Fall können keine Anhänge mehr erfasst werden.")}
            )
        extension = name.rsplit(".", 1)[-1].lower()
        attachment = CaseAttachment(
            case=case,
            original_name=name,
            content_type=content_type,
            size=upload.size or 0,
            stored_name=f"{uuid.uuid4().hex}.{extension}",
            uploaded_by=person(actor),
        )
        attachment.file.save(attachment.stored_name, upload, save=False)
        attachment.save()
        log_event(
            case,
            CaseEventKind.ATTACHMENT,
            actor=actor,
            at=timezone.now(),
            text=name,
            data={"attachment_id": attachment.pk, "size": attachment.size},
        )
    return attachment


def history_of(case: Case) -> list[CaseEvent]:
    """The case's own history plus that of every case merged into it, in time order."""
    ids: list[Any] = [case.pk, *case.merged_cases.values_list("pk", flat=True)]
    return list(CaseEvent.objects.filter(case_id__in=ids).select_related("actor", "case").order_by("created_at", "id"))
