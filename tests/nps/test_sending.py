"""The sender: batches over one connection, never twice, retries with backoff, reminders, rules at send time."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from customers.choices import ConsentStatus
from nps import sending, tokens
from nps.choices import InvitationStatus, SkipReason
from nps.models import Invitation, InvitationSend
from tests.nps import backends
from tests.nps.factories import InvitationFactory, SurveyFactory, consenting_customer, grant, sent_invitation

pytestmark = pytest.mark.django_db

COUNTING = "tests.nps.backends.CountingBackend"


@pytest.fixture(autouse=True)
def _reset_backends():
    backends.reset()
    yield
    backends.reset()


def queue(n: int, **kwargs) -> list[Invitation]:
    survey = kwargs.pop("survey", None) or SurveyFactory()
    return [InvitationFactory(survey=survey, customer=consenting_customer(), **kwargs) for _ in range(n)]


@override_settings(EMAIL_BACKEND=COUNTING, NPS_BATCH_SIZE=10)
def test_it_sends_each_batch_over_one_connection_and_marks_every_row_sent():
    invitations = queue(25)
    result = sending.invitations_dispatch()
    assert result.sent == 25 and result.batches == 3
    assert len(backends.opened) == 3
    assert len(mail.outbox) == 25
    assert Invitation.objects.filter(status=InvitationStatus.SENT, sent_at__isnull=False).count() == 25
    assert InvitationSend.objects.filter(sequence=0).count() == 25
    # nothing is due any more: a second run sends nothing
    assert sending.invitations_dispatch().sent == 0
    assert len(mail.outbox) == 25
    assert {m.to[0] for m in mail.outbox} == {i.customer.email for i in invitations}


@override_settings(EMAIL_BACKEND=COUNTING, SITE_URL="https://cx.example")
def test_the_email_holds_eleven_score_links_and_the_opt_out_link_in_the_text_part():
    (invitation,) = queue(1)
    sending.invitations_dispatch()
    message = mail.outbox[0]
    signed = tokens.sign(invitation.token)
    for score in range(11):
        assert f"https://cx.example/s/{signed}/?score={score}" in message.body
    assert f"https://cx.example/u/{signed}/" in message.body
    assert "Nordlicht Handel GmbH" in message.body
    html = message.alternatives[0][0]
    assert html.count('<td align="center" bgcolor=') == 11 and "?score=10" in html
    assert message.extra_headers["List-Unsubscribe"] == f"<https://cx.example/u/{signed}/>"


@override_settings(EMAIL_BACKEND=COUNTING)
def test_the_email_speaks_the_customers_language():
    survey = SurveyFactory()
    InvitationFactory(survey=survey, customer=consenting_customer(language="en"))
    sending.invitations_dispatch()
    message = mail.outbox[0]
    assert "How likely is it that you would recommend us" in message.body
    assert "unsubscribe" in message.body.lower() or "opt out" in message.body.lower()


@override_settings(EMAIL_BACKEND=COUNTING)
def test_a_sent_invitation_is_never_sent_again_even_when_requeued_by_mistake():
    (invitation,) = queue(1)
    sending.invitations_dispatch()
    # simulate a status flipped back (e.g. by a crash recovery bug): the send log still guards
    Invitation.objects.filter(pk=invitation.pk).update(status=InvitationStatus.QUEUED, sent_at=None)
    InvitationSend.objects.filter(invitation=invitation).update(sequence=0)
    sending.invitations_dispatch()
    assert len(mail.outbox) == 1
    assert Invitation.objects.get(pk=invitation.pk).status == InvitationStatus.SENT


@override_settings(EMAIL_BACKEND=COUNTING, NPS_CLAIM_TIMEOUT_SECONDS=600)
def test_a_claim_left_by_a_crashed_worker_is_sent_after_the_timeout_and_not_before():
    queue(3)
    claim_id, claimed = sending.invitations_claim()
    assert claimed == 3  # ...and the worker dies here, before sending
    assert sending.invitations_dispatch().sent == 0  # still held by the (dead) claim
    later = timezone.now() - dt.timedelta(seconds=601)
    Invitation.objects.filter(claim_id=claim_id).update(claimed_at=later)
    assert sending.invitations_dispatch().sent == 3
    assert len(mail.outbox) == 3


@override_settings(EMAIL_BACKEND=COUNTING)
def test_two_claims_never_share_a_row():
    queue(5)
    first_id, first = sending.invitations_claim(batch_size=3)
    second_id, second = sending.invitations_claim(batch_size=3)
    assert (first, second) == (3, 2)
    ids_first = set(Invitation.objects.filter(claim_id=first_id).values_list("pk", flat=True))
    ids_second = set(Invitation.objects.filter(claim_id=second_id).values_list("pk", flat=True))
    assert not ids_first & ids_second


@override_settings(EMAIL_BACKEND="tests.nps.backends.DownBackend", NPS_MAX_ATTEMPTS=3, NPS_RETRY_BACKOFF_SECONDS=60)
def test_a_server_that_is_down_leads_to_retries_with_backoff_then_failed_with_the_error_kept():
    (invitation,) = queue(1)
    result = sending.invitations_dispatch()
    assert result.failed == 1
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.QUEUED and invitation.attempts == 1
    assert "Connection refused" in invitation.last_error
    assert invitation.scheduled_for > timezone.now() + dt.timedelta(seconds=50)
    assert sending.invitations_dispatch().claimed == 0  # backoff: not due yet
    for expected_attempts in (2, 3):
        Invitation.objects.filter(pk=invitation.pk).update(scheduled_for=timezone.now())
        sending.invitations_dispatch()
        invitation.refresh_from_db()
        assert invitation.attempts == expected_attempts
    assert invitation.status == InvitationStatus.FAILED
    assert "Connection refused" in invitation.last_error
    assert invitation.sent_at is None


@override_settings(EMAIL_BACKEND=COUNTING)
def test_a_refused_recipient_fails_alone_and_the_rest_of_the_batch_goes_out():
    invitations = queue(3)
    backends.refuse.add(invitations[1].customer.email)
    result = sending.invitations_dispatch()
    assert (result.sent, result.failed) == (2, 1)
    invitations[1].refresh_from_db()
    assert invitations[1].status == InvitationStatus.QUEUED and "550" in invitations[1].last_error


@override_settings(EMAIL_BACKEND=COUNTING)
def test_rules_are_checked_again_at_send_time():
    withdrawn, suppressed, erased, fine = queue(4)
    grant(withdrawn.customer, status=ConsentStatus.WITHDRAWN)
    from customers.models import SuppressedAddress
    from customers.selectors import email_hash

    SuppressedAddress.objects.create(email_hash=email_hash(suppressed.customer.email), reason="admin")
    erased.customer.erased_at = timezone.now()
    erased.customer.save()
    result = sending.invitations_dispatch()
    assert result.sent == 1 and result.skipped == 3
    reasons = dict(Invitation.objects.values_list("pk", "skip_reason"))
    assert reasons[withdrawn.pk] == SkipReason.NO_CONSENT
    assert reasons[suppressed.pk] == SkipReason.SUPPRESSED
    assert reasons[erased.pk] == SkipReason.ERASED
    assert [m.to[0] for m in mail.outbox] == [fine.customer.email]


@override_settings(EMAIL_BACKEND=COUNTING)
def test_the_quarantine_is_checked_at_send_time_also_within_one_batch():
    customer = consenting_customer()
    first = InvitationFactory(customer=customer)
    second = InvitationFactory(customer=customer)  # e.g. a trigger and a wave queued the same day
    sending.invitations_dispatch()
    statuses = dict(Invitation.objects.values_list("pk", "status"))
    assert statuses[first.pk] == InvitationStatus.SENT
    assert statuses[second.pk] == InvitationStatus.SKIPPED
    recent = consenting_customer()
    sent_invitation(customer=recent, days_ago=5)
    late = InvitationFactory(customer=recent)
    sending.invitations_dispatch()
    late.refresh_from_db()
    assert late.skip_reason == SkipReason.QUARANTINE


@override_settings(EMAIL_BACKEND=COUNTING)
def test_reminders_go_only_to_those_who_have_not_answered_and_stop_at_the_maximum():
    survey = SurveyFactory(reminder_after_days=3, max_reminders=1)
    silent = sent_invitation(survey=survey, days_ago=4)
    answered = sent_invitation(survey=survey, days_ago=4)
    Invitation.objects.filter(pk=answered.pk).update(status=InvitationStatus.ANSWERED)
    too_early = sent_invitation(survey=survey, days_ago=1)
    assert sending.invitations_queue_reminders() == 1
    sending.invitations_dispatch()
    assert [m.to[0] for m in mail.outbox] == [silent.customer.email]
    assert "Erinnerung" in mail.outbox[0].subject
    silent.refresh_from_db()
    assert silent.reminders_sent == 1 and silent.status == InvitationStatus.SENT
    assert InvitationSend.objects.filter(invitation=silent).count() == 1  # the reminder (sequence 1)
    # later: the maximum is reached, no more reminders
    Invitation.objects.filter(pk=silent.pk).update(last_sent_at=timezone.now() - dt.timedelta(days=10))
    assert sending.invitations_queue_reminders() == 0
    assert too_early.status == InvitationStatus.SENT


@override_settings(EMAIL_BACKEND=COUNTING)
def test_a_reminder_is_not_sent_after_the_customer_withdrew_consent():
    survey = SurveyFactory(reminder_after_days=1, max_reminders=2)
    invitation = sent_invitation(survey=survey, days_ago=2)
    grant(invitation.customer, status=ConsentStatus.WITHDRAWN)
    sending.invitations_queue_reminders()
    sending.invitations_dispatch()
    assert mail.outbox == []
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.SENT and invitation.reminders_sent == 2


def test_links_expire_after_the_validity():
    survey = SurveyFactory(link_valid_days=10)
    old = sent_invitation(survey=survey, days_ago=11)
    fresh = sent_invitation(survey=survey, days_ago=2)
    assert sending.invitations_expire() == 1
    assert Invitation.objects.get(pk=old.pk).status == InvitationStatus.EXPIRED
    assert Invitation.objects.get(pk=fresh.pk).status == InvitationStatus.SENT


@override_settings(EMAIL_BACKEND=COUNTING)
def test_future_invitations_wait_for_their_time():
    InvitationFactory(customer=consenting_customer(), scheduled_for=timezone.now() + dt.timedelta(hours=2))
    assert sending.invitations_dispatch().claimed == 0


def test_the_message_id_names_the_invitation_and_the_sequence():
    (invitation,) = queue(1)
    from nps.emails import message_id

    assert re.fullmatch(rf"<nps-{invitation.pk}-0@[\w.-]+>", message_id(invitation, 0))


@override_settings(EMAIL_BACKEND=COUNTING, NPS_BATCH_SIZE=10)
def test_an_interrupted_batch_hands_its_unsent_rows_back_at_once(monkeypatch):
    from celery.exceptions import SoftTimeLimitExceeded

    queue(5)
    real_send = backends.CountingBackend.send_messages
    calls = []

    def send_then_time_out(self, messages):
        calls.append(1)
        if len(calls) == 3:
            raise SoftTimeLimitExceeded()
        return real_send(self, messages)

    monkeypatch.setattr(backends.CountingBackend, "send_messages", send_then_time_out)
    with pytest.raises(SoftTimeLimitExceeded):
        sending.invitations_dispatch()
    statuses = sorted(Invitation.objects.values_list("status", flat=True))
    # two sent, the one in flight stays claimed (it may have gone out), two are queued again at once
    assert statuses == ["queued", "queued", "sending", "sent", "sent"]
    monkeypatch.undo()
    assert sending.invitations_dispatch().sent == 2
