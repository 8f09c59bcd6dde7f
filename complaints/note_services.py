"""Notes and replies on a case: internal notes, and public replies that are emailed to the customer and shown
on the status page (ISO 10002 tracking)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from complaints import sla
from complaints.case_writes import lock_case, log_event, moment, save_case
from complaints.choices import CaseEventKind, CaseStatus
from complaints.models import Case, CaseEvent
from complaints.services import require_case_worker
from core.queue import enqueue


def case_add_note(
    *,
    case_id: int,
    actor: User | None,
    text: str,
    public: bool = False,
    expected_version: int | None = None,
    at: dt.datetime | None = None,
) -> CaseEvent:
    """An internal note, or a public reply that is emailed to the customer and shown on the status page."""
    require_case_worker(actor)
    now = moment(at)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Bitte geben Sie einen Text ein.")})
    with transaction.atomic():
        case = lock_case(case_id, expected_version, actor=actor)
        if case.status in (CaseStatus.CLOSED, CaseStatus.MERGED):
            raise ValidationError(
                {"text": _("Zu einem abgeschlossenen Fall können keine Notizen mehr erfasst werden.")}
            )
        kind = CaseEventKind.REPLY if public else CaseEventKind.NOTE
        entry = log_event(case, kind, actor=actor, at=now, text=text, public=public)
        if public:
            sla.record_first_response(case, at=now)
            case.next_update_due = sla.next_update_due(case, now=now)
            case_id_, entry_id = case.pk, entry.pk
            transaction.on_commit(lambda: _enqueue_reply(case_id_, entry_id))
        save_case(case, actor=actor, now=now)
    return entry


def _enqueue_reply(case_id: int, event_id: int) -> None:
    from complaints.tasks import send_public_reply

    enqueue(send_public_reply, case_id, event_id)


def case_send_public_reply(*, case_id: int, event_id: int) -> bool:
    from complaints import notifications

    with transaction.atomic():
        case = Case.objects.select_for_update(of=("self",)).select_related("customer").filter(pk=case_id).first()
        entry = CaseEvent.objects.filter(pk=event_id, case_id=case_id, kind=CaseEventKind.REPLY).first()
        if case is None or entry is None or entry.data.get("emailed"):
            return False
        if not notifications.send_public_reply(case, text=entry.text):
            return False
        entry.data = {**entry.data, "emailed": True}
        entry.save(update_fields=["data"])
        log_event(
            case,
            CaseEventKind.EMAIL,
            actor=None,
            at=timezone.now(),
            text=_("Antwort per E-Mail versandt"),
            data={"template": "public_reply", "event_id": event_id},
        )
    return True
