"""Closing the loop: the satisfaction survey after resolution (through the NPS invitation machinery) and
the reactions to NPS answers (record the case satisfaction; open a follow-up case for a detractor)."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from complaints.case_writes import log_event
from complaints.choices import CaseChannel, CaseEventKind, Severity
from complaints.models import Case

logger = logging.getLogger(__name__)

SURVEY_KIND = "case_satisfaction"
EXTRA_QUESTIONS = [
    {"key": "outcome", "label_de": "Ergebnis der Bearbeitung", "label_en": "The outcome"},
    {
        "key": "treatment",
        "label_de": "Art und Weise, wie wir mit Ihnen umgegangen sind",
        "label_en": "The way we treated you",
    },
    {"key": "speed", "label_de": "Schnelligkeit der Bearbeitung", "label_en": "The speed of handling"},
]


def satisfaction_survey() -> Any:
    """The case-satisfaction survey, created on first use."""
    from nps.models import Survey

    survey = Survey.objects.filter(kind=SURVEY_KIND, active=True).order_by("id").first()
    if survey is not None:
        return survey
    return Survey.objects.create(
        name="Zufriedenheit mit der Beschwerdebearbeitung",
        kind=SURVEY_KIND,
        question_de="Wie zufrieden sind Sie insgesamt mit der Bearbeitung Ihrer Beschwerde?",
        question_en="Overall, how satisfied are you with the way your complaint was handled?",
        follow_up_de="Was hätten wir besser machen können?",
        follow_up_en="What could we have done better?",
        extra_questions=EXTRA_QUESTIONS,
        ignores_quarantine=True,
        counts_for_quarantine=False,
        max_reminders=1,
    )


def case_send_satisfaction_survey(*, case_id: int) -> int | None:
    """Queue the survey invitation once per resolution; the NPS app skips it without consent. Returns its id."""
    from nps.services import invitation_create

    with transaction.atomic():
        case = Case.objects.select_for_update(of=("self",)).select_related("customer").filter(pk=case_id).first()
        if case is None or case.customer is None or case.customer.is_erased or case.resolved_at is None:
            return None
        if case.satisfaction_invitation_id is not None:
            return case.satisfaction_invitation_id
        invitation = invitation_create(
            survey=satisfaction_survey(), customer=case.customer, context={"case_id": case.pk}
        )
        Case.objects.filter(pk=case.pk).update(satisfaction_invitation_id=invitation.pk)
        text = (
            _("Zufriedenheitsbefragung versandt")
            if not invitation.skip_reason
            else _("Zufriedenheitsbefragung nicht versandt: %(reason)s")
            % {"reason": invitation.get_skip_reason_display()}
        )
        log_event(
            case,
            CaseEventKind.SATISFACTION,
            actor=None,
            at=timezone.now(),
            text=text,
            data={"invitation_id": invitation.pk, "skip_reason": invitation.skip_reason},
        )
    return int(invitation.pk)


def _int(value: Any) -> int:
    """An id from an event payload; 0 (matches nothing) when missing or malformed."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _score(value: Any) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 <= number <= 10 else None


def case_record_satisfaction(
    *, case_id: int, response_id: int | None, score: Any, extra_scores: dict[str, Any], at: dt.datetime | None = None
) -> bool:
    with transaction.atomic():
        case = Case.objects.select_for_update().filter(pk=case_id).first()
        if case is None:
            return False
        fields = {
            "satisfaction_response_id": response_id,
            "satisfaction_overall": _score(score),
            "satisfaction_outcome": _score(extra_scores.get("outcome")),
            "satisfaction_treatment": _score(extra_scores.get("treatment")),
            "satisfaction_speed": _score(extra_scores.get("speed")),
        }
        Case.objects.filter(pk=case.pk).update(**fields)
        log_event(
            case,
            CaseEventKind.SATISFACTION,
            actor=None,
            at=at or timezone.now(),
            text=_("Bewertung der Bearbeitung: %(score)s von 10") % {"score": fields["satisfaction_overall"]},
            data={k: v for k, v in fields.items() if k != "satisfaction_response_id"},
        )
    return True


def case_open_follow_up(*, payload: dict[str, Any]) -> Case | None:
    """Open one follow-up case for a detractor answer; a second delivery of the same event changes nothing."""
    from complaints.services import case_create
    from customers.models import Customer
    from touchpoints.models import Touchpoint

    response_id = payload.get("response_id")
    if not response_id or Case.objects.filter(source_response_id=response_id).exists():
        return None
    touchpoint = Touchpoint.objects.filter(pk=_int(payload.get("touchpoint_id"))).select_related("department").first()
    from accounts.models import Department

    department = Department.objects.filter(pk=_int(payload.get("department_id"))).first() or (
        touchpoint.department if touchpoint else None
    )
    if department is None:
        logger.warning("detractor answer without department: no follow-up case", extra={"response_id": response_id})
        return None
    customer = Customer.objects.filter(pk=_int(payload.get("customer_id")), erased_at__isnull=True).first()
    score = _score(payload.get("score"))
    comment = str(payload.get("comment") or "").strip()
    description = _("NPS-Bewertung %(score)s von 10.") % {"score": score}
    if comment:
        description += "\n\n" + comment
    try:
        with transaction.atomic():
            return case_create(
                actor=None,
                channel=CaseChannel.SURVEY_FOLLOW_UP,
                description=description,
                customer=customer,
                touchpoint=touchpoint if touchpoint and touchpoint.active else None,
                department=department,
                severity=Severity.HIGH if score is not None and score <= 2 else Severity.MEDIUM,
                source_response_id=int(response_id),
            )
    except IntegrityError:  # the same event delivered twice at once
        return None
    except ValidationError:
        logger.exception("follow-up case could not be opened", extra={"response_id": response_id})
        return None


def on_response(event_type: str, payload: dict[str, Any]) -> None:
    """Subscriber for `response.created` / `response.updated` (core.events)."""
    context = payload.get("context") or {}
    if payload.get("survey_kind") == SURVEY_KIND:
        case_id = context.get("case_id") if isinstance(context, dict) else None
        if case_id:
            case_record_satisfaction(
                case_id=int(case_id),
                response_id=int(payload["response_id"]),
                score=payload.get("score"),
                extra_scores=payload.get("extra_scores") or {},
            )
        return
    if event_type == "response.created" and payload.get("needs_follow_up"):
        case_open_follow_up(payload=payload)
