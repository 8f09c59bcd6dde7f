"""Answers from the public page: record once, edit within the window, emit the closed-loop events."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, OperationalError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import events
from nps import stats
from nps.choices import NPS_KINDS, InvitationStatus
from nps.models import Invitation, Response, Survey


class InvitationUnavailable(Exception):
    """The link can no longer be answered; `reason` is "expired" or "closed"."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class SubmitResult:
    response: Response
    created: bool


def _clean_score(value: Any, field: str) -> int:
    try:
        score = int(str(value).strip())
    except (TypeError, ValueError):
        raise ValidationError({field: _("Bitte wählen Sie einen Wert von 0 bis 10.")}) from None
    if not 0 <= score <= 10:
        raise ValidationError({field: _("Bitte wählen Sie einen Wert von 0 bis 10.")})
    return score


def _clean_extra(survey: Survey, extra: dict[str, Any] | None) -> dict[str, int]:
    cleaned: dict[str, int] = {}
    keys = {q["key"] for q in survey.extra_questions or []}
    for key, value in (extra or {}).items():
        if key in keys and value not in (None, ""):
            cleaned[key] = _clean_score(value, f"extra_{key}")
    return cleaned


_UNSET: Any = object()


def invitation_answerable(invitation: Invitation, *, now: dt.datetime, response: Response | None = _UNSET) -> None:
    """Raise InvitationUnavailable when the link has expired or the answer can no longer be changed."""
    survey = invitation.survey
    if response is _UNSET:
        response = Response.objects.filter(invitation=invitation).only("submitted_at").first()
    if response is not None:
        if response.submitted_at + dt.timedelta(days=survey.edit_window_days) < now:
            raise InvitationUnavailable("closed")
        return
    if invitation.sent_at is None or invitation.status in (InvitationStatus.EXPIRED, InvitationStatus.SKIPPED):
        raise InvitationUnavailable("expired")
    if invitation.sent_at + dt.timedelta(days=survey.link_valid_days) < now:
        raise InvitationUnavailable("expired")


def response_payload(response: Response, invitation: Invitation) -> dict[str, Any]:
    return {
        "response_id": response.pk,
        "invitation_id": invitation.pk,
        "survey_id": response.survey_id,
        "survey_kind": invitation.survey.kind,
        "score": response.score,
        "category": response.category,
        "comment": response.comment,
        "touchpoint_id": response.touchpoint_id,
        "department_id": response.department_id,
        "customer_id": response.customer_id,
        "needs_follow_up": response.needs_follow_up,
        "context": invitation.context,
        "extra_scores": response.extra_scores,
    }


def _answer_queryset() -> Any:
    """Row-locked invitations with what an answer reads (survey, customer, touchpoint) in one statement.

    The response is NOT joined here: a statement that waited for the lock would see the response as it was
    before the other tab's answer committed. It is read by its own statement once the lock is held.
    """
    return Invitation.objects.select_for_update(of=("self",)).select_related("survey", "customer", "touchpoint")


def invitation_lock_for_answer(*, token: str) -> Invitation | None:
    """The invitation behind a link, locked and joined for response_submit(locked=True); call inside atomic()."""
    return _answer_queryset().filter(token=token).first()  # type: ignore[no-any-return]


def response_submit(
    *,
    invitation: Invitation,
    score: Any,
    comment: str = "",
    extra_scores: dict[str, Any] | None = None,
    locked: bool = False,
) -> SubmitResult:
    """Record the answer (first POST) or update it within the edit window; one response per invitation.

    `locked=True`: the caller opened the transaction and got `invitation` from invitation_lock_for_answer(), so
    the row is locked already (the web answer: the link lookup is the lock, one statement fewer per answer).
    """
    now = timezone.now()
    value = _clean_score(score, "score")
    comment = (comment or "").strip()
    if len(comment) > settings.NPS_COMMENT_MAX_LENGTH:
        raise ValidationError(
            {
                "comment": _("Bitte kürzen Sie Ihren Kommentar auf %(n)s Zeichen.")
                % {"n": settings.NPS_COMMENT_MAX_LENGTH}
            }
        )
    if locked:
        return _response_save(
            invitation=invitation, value=value, comment=comment, extra_scores=extra_scores, now=now, locked=True
        )
    for attempt in range(5):
        try:
            return _response_save(
                invitation=invitation, value=value, comment=comment, extra_scores=extra_scores, now=now
            )
        except OperationalError:
            # SQLite (the embedded default) has no row locks: a writer that collides with another waits and retries.
            if connection.vendor != "sqlite" or attempt == 4:
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def _response_save(
    *,
    invitation: Invitation,
    value: int,
    comment: str,
    extra_scores: dict[str, Any] | None,
    now: dt.datetime,
    locked: bool = False,
) -> SubmitResult:
    # Locked: the caller's transaction holds the row; no savepoint (two round trips) inside it.
    with transaction.atomic(savepoint=not locked):
        if not locked:
            invitation = _answer_queryset().get(pk=invitation.pk)
        response = Response.objects.filter(invitation=invitation).first()
        invitation_answerable(invitation, now=now, response=response)
        survey = invitation.survey
        extra = _clean_extra(survey, extra_scores)
        needs_follow_up = survey.kind in NPS_KINDS and value <= survey.detractor_threshold
        fields = {
            "score": value,
            "category": stats.category(value),
            "comment": comment,
            "extra_scores": extra,
            "needs_follow_up": needs_follow_up,
            "updated_at": now,
        }
        created = False
        if response is None:
            touchpoint = invitation.touchpoint
            new = Response(
                invitation=invitation,
                survey=survey,
                customer=invitation.customer,
                touchpoint=touchpoint,
                department_id=touchpoint.department_id if touchpoint else None,
                segment=invitation.customer.segment,
                submitted_at=now,
                **fields,
            )
            if connection.features.has_select_for_update:
                new.save(force_insert=True)  # the row lock above keeps a second tab waiting: no race left
                response, created = new, True
            else:
                try:
                    with transaction.atomic():  # no row locks (SQLite): the unique constraint decides
                        new.save(force_insert=True)
                    response, created = new, True
                except IntegrityError:  # the same link submitted in two tabs at once
                    response = Response.objects.get(invitation=invitation)
        if not created:
            was_follow_up = response.needs_follow_up
            for name, val in fields.items():
                setattr(response, name, val)
            response.edits += 1
            response.save(update_fields=[*fields, "edits"])
        else:
            was_follow_up = False
        if invitation.status != InvitationStatus.ANSWERED:
            Invitation.objects.filter(pk=invitation.pk).update(status=InvitationStatus.ANSWERED, answered_at=now)
        events.emit("response.created" if created else "response.updated", response_payload(response, invitation))
        if response.needs_follow_up and not was_follow_up and response.department_id:
            from nps import tasks

            response_id = response.pk
            transaction.on_commit(lambda: tasks.response_notify_department.delay(response_id=response_id))
    return SubmitResult(response=response, created=created)
