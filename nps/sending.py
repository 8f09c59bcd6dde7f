"""The sender: claim due invitations in batches, re-check the rules, send each batch over one SMTP connection.

Claiming is a conditional UPDATE (with `SELECT … FOR UPDATE SKIP LOCKED` first where the database has it), so
two workers never take the same row. A claim that is older than NPS_CLAIM_TIMEOUT_SECONDS without a send (the
worker died) is claimable again. Every email handed to the server is recorded in the send log in the same
transaction that marks the row sent; a row that is already sent, or whose (invitation, sequence) is in the
log, is never sent again. The one window left is between the server's "250 OK" and that commit: a crash
exactly there can repeat one email (at-least-once), which is preferred to losing it. On PostgreSQL the
sent marks are committed without waiting for the WAL flush (see _MARK_SENT_SQL).
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.mail import get_connection
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from nps import emails, rules
from nps.choices import InvitationStatus, SkipReason
from nps.models import Invitation, InvitationSend, Response, Survey

logger = logging.getLogger(__name__)


@dataclass
class DispatchResult:
    claimed: int = 0
    sent: int = 0
    skipped: int = 0
    failed: int = 0
    batches: int = 0
    more: bool = False
    errors: list[str] = field(default_factory=list)

    def add(self, other: DispatchResult) -> None:
        self.claimed += other.claimed
        self.sent += other.sent
        self.skipped += other.skipped
        self.failed += other.failed
        self.batches += other.batches


def _due(now: dt.datetime) -> Q:
    stale = now - dt.timedelta(seconds=settings.NPS_CLAIM_TIMEOUT_SECONDS)
    return Q(status=InvitationStatus.QUEUED, scheduled_for__lte=now) | Q(
        status=InvitationStatus.SENDING, claimed_at__lt=stale
    )


def invitations_claim(*, batch_size: int | None = None, now: dt.datetime | None = None) -> tuple[str, int]:
    """Claim up to `batch_size` due invitations; returns the claim id and how many rows it holds."""
    now = now or timezone.now()
    batch_size = batch_size or settings.NPS_BATCH_SIZE
    claim_id = uuid.uuid4().hex
    with transaction.atomic():
        candidates = Invitation.objects.filter(_due(now)).order_by("scheduled_for", "pk")
        if connection.features.has_select_for_update_skip_locked:
            candidates = candidates.select_for_update(skip_locked=True)
        ids = list(candidates.values_list("pk", flat=True)[:batch_size])
        if not ids:
            return claim_id, 0
        # The filter is repeated in the UPDATE: on databases without row locks a competing claim loses here.
        claimed = (
            Invitation.objects.filter(pk__in=ids)
            .filter(_due(now))
            .update(status=InvitationStatus.SENDING, claimed_at=now, claim_id=claim_id)
        )
    return claim_id, claimed


def _release(invitation: Invitation, claim_id: str, **fields: object) -> bool:
    fields.setdefault("claim_id", "")
    return bool(
        Invitation.objects.filter(pk=invitation.pk, claim_id=claim_id, status=InvitationStatus.SENDING).update(**fields)
    )


# One round trip on PostgreSQL: log the mail and mark the row in a single statement (its own transaction), and
# do not wait for the WAL flush of that commit. A crashed *worker* loses nothing (the server has the commit);
# only a crash of the database server itself within ~200 ms could forget a mark — one repeated email, never a
# lost one. The UPDATE runs only for this claim's row in state `sending` (the status guard).
_MARK_SENT_SQL = """
WITH cfg AS (SELECT set_config('synchronous_commit', 'off', true) AS v),
log AS (
    INSERT INTO nps_invitationsend (invitation_id, sequence, sent_at, message_id)
    VALUES (%(pk)s, %(seq)s, %(now)s, %(message_id)s)
    ON CONFLICT (invitation_id, sequence) DO NOTHING
)
UPDATE nps_invitation SET
    status = 'sent', last_sent_at = %(now)s, attempts = 0, last_error = '', claimed_at = NULL, claim_id = '',
    sent_at = CASE WHEN %(seq)s = 0 THEN %(now)s ELSE sent_at END,
    reminders_sent = CASE WHEN %(seq)s = 0 THEN reminders_sent ELSE %(seq)s END
FROM cfg
WHERE id = %(pk)s AND claim_id = %(claim_id)s AND status = 'sending'
"""


def _mark_sent(invitation: Invitation, claim_id: str, sequence: int, message_id: str, now: dt.datetime) -> None:
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        params: dict[str, Any] = {
            "pk": invitation.pk,
            "seq": sequence,
            "now": now,
            "message_id": message_id,
            "claim_id": claim_id,
        }
        with connection.cursor() as cursor:
            cursor.execute(_MARK_SENT_SQL, params)
        return
    fields: dict[str, object] = {
        "status": InvitationStatus.SENT,
        "last_sent_at": now,
        "attempts": 0,
        "last_error": "",
        "claimed_at": None,
    }
    if sequence == 0:
        fields["sent_at"] = now
    else:
        fields["reminders_sent"] = sequence
    try:
        with transaction.atomic():
            InvitationSend.objects.create(invitation=invitation, sequence=sequence, sent_at=now, message_id=message_id)
            _release(invitation, claim_id, **fields)
    except IntegrityError:
        logger.warning("nps: send log already holds this mail", extra={"invitation": invitation.pk, "seq": sequence})
        _release(invitation, claim_id, **fields)


def _mark_failed(invitation: Invitation, claim_id: str, error: str, now: dt.datetime) -> None:
    attempts = invitation.attempts + 1
    error = error[:2000]
    if attempts < settings.NPS_MAX_ATTEMPTS:
        backoff = settings.NPS_RETRY_BACKOFF_SECONDS * 2 ** (attempts - 1)
        _release(
            invitation,
            claim_id,
            status=InvitationStatus.QUEUED,
            attempts=attempts,
            last_error=error,
            scheduled_for=now + dt.timedelta(seconds=backoff),
        )
    elif invitation.sent_at is None:
        _release(invitation, claim_id, status=InvitationStatus.FAILED, attempts=attempts, last_error=error)
    else:  # a reminder that keeps failing is given up; the invitation itself was delivered
        _release(
            invitation,
            claim_id,
            status=InvitationStatus.SENT,
            attempts=0,
            last_error=error,
            reminders_sent=invitation.survey.max_reminders,
        )


def _skip_reasons(batch: list[Invitation], now: dt.datetime) -> dict[int, str]:
    """Invitation id → reason for every row that must not be mailed now (rules re-checked at send time)."""
    reasons: dict[int, str] = {}
    by_survey: dict[int, tuple[Survey, list[Invitation]]] = {}
    for invitation in batch:
        if invitation.sent_at is not None:
            if invitation.sent_at + dt.timedelta(days=invitation.survey.link_valid_days) < now:
                reasons[invitation.pk] = "expired"
                continue
        by_survey.setdefault(invitation.survey_id, (invitation.survey, []))[1].append(invitation)
    contacted: set[int] = set()
    for survey, invitations in by_survey.values():
        first = [i for i in invitations if i.sent_at is None]
        reminders = [i for i in invitations if i.sent_at is not None]
        for group, check_quarantine in ((first, True), (reminders, False)):
            if not group:
                continue
            customer_reasons = rules.skip_reasons(
                survey=survey,
                customers=[i.customer for i in group],
                now=now,
                check_quarantine=check_quarantine,
                include_pending=False,
            )
            for invitation in group:
                reason = customer_reasons.get(invitation.customer_id, "")
                quarantined = check_quarantine and not survey.ignores_quarantine and invitation.customer_id in contacted
                if not reason and quarantined:
                    reason = SkipReason.QUARANTINE
                if reason:
                    reasons[invitation.pk] = reason
                elif check_quarantine and survey.counts_for_quarantine:
                    contacted.add(invitation.customer_id)
    return reasons


def invitations_send_claimed(*, claim_id: str) -> DispatchResult:
    """Send one claimed batch over a single SMTP connection and record the outcome of every row."""
    now = timezone.now()
    result = DispatchResult(batches=1)
    batch = list(
        Invitation.objects.filter(claim_id=claim_id, status=InvitationStatus.SENDING)
        .select_related("survey", "customer")
        .order_by("pk")
    )
    result.claimed = len(batch)
    if not batch:
        return result
    already = set(InvitationSend.objects.filter(invitation__in=batch).values_list("invitation_id", "sequence"))
    answered = dict(Response.objects.filter(invitation__in=batch).values_list("invitation_id", "submitted_at"))
    reasons = _skip_reasons(batch, now)
    to_send: list[tuple[Invitation, int]] = []
    for invitation in batch:
        sequence = 0 if invitation.sent_at is None else invitation.reminders_sent + 1
        reason = reasons.get(invitation.pk)
        if (invitation.pk, sequence) in already:
            _mark_sent(invitation, claim_id, sequence, "", now)
        elif invitation.pk in answered:  # a reminder queued just before the answer came in
            _release(invitation, claim_id, status=InvitationStatus.ANSWERED, answered_at=answered[invitation.pk])
        elif reason == "expired":
            _release(invitation, claim_id, status=InvitationStatus.EXPIRED)
        elif reason and invitation.sent_at is None:
            _release(invitation, claim_id, status=InvitationStatus.SKIPPED, skip_reason=reason)
            result.skipped += 1
        elif reason:  # no reminder without consent; the invitation itself stays sent
            _release(invitation, claim_id, status=InvitationStatus.SENT, reminders_sent=invitation.survey.max_reminders)
            result.skipped += 1
        else:
            to_send.append((invitation, sequence))
    if not to_send:
        return result

    smtp = get_connection()
    try:
        smtp.open()
    except (OSError, smtplib.SMTPException) as exc:
        error = f"{type(exc).__name__}: {exc}"
        logger.warning("nps: mail server unreachable", extra={"error": error})
        for invitation, _sequence in to_send:
            _mark_failed(invitation, claim_id, error, timezone.now())
        result.failed += len(to_send)
        result.errors.append(error)
        return result
    try:
        for invitation, sequence in to_send:
            message = emails.build_message(invitation, sequence=sequence)
            try:
                delivered = smtp.send_messages([message])
                if not delivered:
                    raise smtplib.SMTPException("the mail server did not accept the message")
            except (OSError, smtplib.SMTPException) as exc:
                error = f"{type(exc).__name__}: {exc}"
                _mark_failed(invitation, claim_id, error, timezone.now())
                result.failed += 1
                result.errors.append(error)
                if isinstance(exc, smtplib.SMTPServerDisconnected) or not isinstance(exc, smtplib.SMTPException):
                    smtp.close()  # the next message reopens the connection (or fails the same way)
                continue
            _mark_sent(invitation, claim_id, sequence, str(message.extra_headers.get("Message-ID", "")), timezone.now())
            result.sent += 1
    except BaseException:
        # Interrupted (e.g. the task's soft time limit): hand the untouched rest of the claim back at once
        # instead of waiting for the claim timeout. The message in flight stays claimed (it may have gone out).
        done = {invitation.pk for invitation, _seq in to_send[: result.sent + result.failed + 1]}
        Invitation.objects.filter(claim_id=claim_id, status=InvitationStatus.SENDING).exclude(pk__in=done).update(
            status=InvitationStatus.QUEUED, claim_id="", claimed_at=None
        )
        raise
    finally:
        smtp.close()
    return result


def invitations_dispatch(*, max_batches: int | None = None, time_budget_seconds: float | None = None) -> DispatchResult:
    """Send due invitations batch after batch until none is due, `max_batches` or the time budget is reached."""
    budget = time_budget_seconds if time_budget_seconds is not None else settings.NPS_DISPATCH_TIME_BUDGET_SECONDS
    deadline = time.monotonic() + budget
    total = DispatchResult()
    while True:
        claim_id, claimed = invitations_claim()
        if not claimed:
            return total
        total.add(invitations_send_claimed(claim_id=claim_id))
        if (max_batches and total.batches >= max_batches) or time.monotonic() > deadline:
            total.more = True
            return total


def invitations_queue_reminders(*, now: dt.datetime | None = None) -> int:
    """Re-queue sent, unanswered invitations whose reminder is due (the sender sends them as reminders)."""
    now = now or timezone.now()
    queued = 0
    for survey in Survey.objects.filter(max_reminders__gt=0):
        queued += Invitation.objects.filter(
            survey=survey,
            status=InvitationStatus.SENT,
            response__isnull=True,  # answered, not yet marked by responses_dispatch_events
            reminders_sent__lt=survey.max_reminders,
            last_sent_at__lte=now - dt.timedelta(days=survey.reminder_after_days),
            sent_at__gt=now - dt.timedelta(days=survey.link_valid_days),
        ).update(status=InvitationStatus.QUEUED, scheduled_for=now)
    return queued


def invitations_expire(*, now: dt.datetime | None = None) -> int:
    now = now or timezone.now()
    expired = 0
    for survey in Survey.objects.all():
        expired += Invitation.objects.filter(
            survey=survey,
            status=InvitationStatus.SENT,
            response__isnull=True,
            sent_at__lt=now - dt.timedelta(days=survey.link_valid_days),
        ).update(status=InvitationStatus.EXPIRED)
    return expired
