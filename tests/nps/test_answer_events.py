"""What an answer leaves to the worker: its events, the invitation's status, the department's notice — once each."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from nps import answer_events, answers, sending, services, tokens
from nps.choices import EventState, InvitationStatus
from nps.models import Invitation, Response
from tests.factories import DepartmentFactory, TouchpointFactory, UserFactory
from tests.nps.factories import SurveyFactory, sent_invitation

pytestmark = pytest.mark.django_db


@pytest.fixture
def with_worker_only(monkeypatch):
    """As with a broker: nothing is dispatched in the request, only by responses_dispatch_events."""
    monkeypatch.setattr(answers, "_dispatch_now", lambda response_id: None)


def test_an_answer_and_its_edit_before_the_dispatch_give_one_created_event_and_one_notice(
    with_worker_only, captured_events, django_capture_on_commit_callbacks
):
    department = DepartmentFactory()
    manager = UserFactory(role="manager", department=department, email="leitung@example.com")
    invitation = sent_invitation(touchpoint=TouchpointFactory(department=department))
    mail.outbox = []
    services.response_submit(invitation=invitation, score=4, comment="zu spät")
    services.response_submit(invitation=invitation, score=3, comment="viel zu spät")
    response = Response.objects.get()
    assert (response.event_state, response.edits) == (EventState.CREATED, 1)
    assert Invitation.objects.get(pk=invitation.pk).status == InvitationStatus.SENT
    assert captured_events == []

    with django_capture_on_commit_callbacks(execute=True):
        assert answer_events.responses_dispatch_events() == 1
    assert [(name, payload["score"], payload["comment"]) for name, payload in captured_events] == [
        ("response.created", 3, "viel zu spät")
    ]
    marked = Invitation.objects.get(pk=invitation.pk)
    assert (marked.status, marked.answered_at) == (InvitationStatus.ANSWERED, response.submitted_at)
    assert [m.to for m in mail.outbox] == [[manager.email]]

    with django_capture_on_commit_callbacks(execute=True):
        assert answer_events.responses_dispatch_events() == 0  # a second run finds nothing
    assert len(captured_events) == 1


def test_later_edits_emit_updated_and_the_department_hears_of_a_detractor_once(
    with_worker_only, captured_events, django_capture_on_commit_callbacks
):
    department = DepartmentFactory()
    UserFactory(role="manager", department=department, email="leitung@example.com")
    invitation = sent_invitation(touchpoint=TouchpointFactory(department=department))
    mail.outbox = []
    for score in (9, 2, 10, 1):
        services.response_submit(invitation=invitation, score=score)
        with django_capture_on_commit_callbacks(execute=True):
            answer_events.responses_dispatch_events()
    assert [(name, payload["score"]) for name, payload in captured_events] == [
        ("response.created", 9),
        ("response.updated", 2),
        ("response.updated", 10),
        ("response.updated", 1),
    ]
    assert len(mail.outbox) == 1  # the first turn to a detractor; not again on every edit
    assert Response.objects.get().department_notified_at is not None


def test_the_dispatch_is_idempotent_for_webhooks(with_worker_only):
    """The event id is derived from the response and its edit count: a repeated dispatch adds no delivery."""
    from core.models import WebhookDelivery, WebhookEndpoint

    WebhookEndpoint.objects.create(name="CRM", url="https://crm.example.com/hook", secret="x" * 32, event_types=["*"])
    invitation = sent_invitation()
    services.response_submit(invitation=invitation, score=8)
    response = Response.objects.get()
    payload = answer_events.response_payload(response, invitation)
    event_id = answer_events._event_id(response)
    from core import events

    events.dispatch("response.created", payload, event_id=event_id)
    answer_events.responses_dispatch_events()
    assert WebhookDelivery.objects.filter(event_type="response.created").count() == 1


def test_reminders_and_expiry_leave_an_answered_invitation_alone_before_it_is_marked(with_worker_only):
    survey = SurveyFactory(reminder_after_days=1, max_reminders=1, link_valid_days=3)
    answered = sent_invitation(survey=survey, days_ago=2)
    unanswered = sent_invitation(survey=survey, days_ago=2)
    services.response_submit(invitation=answered, score=7)
    assert Invitation.objects.get(pk=answered.pk).status == InvitationStatus.SENT
    assert sending.invitations_queue_reminders() == 1
    assert Invitation.objects.get(pk=unanswered.pk).status == InvitationStatus.QUEUED
    assert Invitation.objects.get(pk=answered.pk).status == InvitationStatus.SENT
    assert sending.invitations_expire(now=timezone.now() + dt.timedelta(days=2)) == 0


def test_a_reminder_queued_just_before_the_answer_is_not_sent(with_worker_only, settings):
    survey = SurveyFactory(reminder_after_days=1, max_reminders=1)
    invitation = sent_invitation(survey=survey, days_ago=2)
    assert sending.invitations_queue_reminders() == 1
    services.response_submit(invitation=invitation, score=10)
    mail.outbox = []
    sending.invitations_dispatch()
    assert mail.outbox == []
    marked = Invitation.objects.get(pk=invitation.pk)
    assert (marked.status, marked.reminders_sent) == (InvitationStatus.ANSWERED, 0)
    assert marked.answered_at == Response.objects.get().submitted_at


@override_settings(
    CACHES={"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}}
)
def test_an_answer_is_recorded_when_the_rate_limiter_cannot_reach_redis(client, caplog):
    invitation = sent_invitation()
    page = client.post(f"/s/{tokens.sign(invitation.token)}/", {"score": "9"}, HTTP_X_REQUESTED_WITH="fetch")
    assert page.status_code == 200
    assert page.json()["status"] == "recorded"
    assert Response.objects.get().score == 9
    assert "rate limit not checked" in caplog.text


def test_the_events_are_named_entity_verb_and_carry_the_ids(
    with_worker_only, captured_events, django_capture_on_commit_callbacks
):
    from core import events

    touchpoint = TouchpointFactory()
    invitation = sent_invitation(touchpoint=touchpoint)
    services.response_submit(invitation=invitation, score=9, comment="gut")
    with django_capture_on_commit_callbacks(execute=True):
        answer_events.responses_dispatch_events()
    (name, payload), = captured_events
    response = Response.objects.get()
    assert name == "response.created"
    assert {
        "response_id": response.pk,
        "invitation_id": invitation.pk,
        "survey_id": invitation.survey_id,
        "customer_id": invitation.customer_id,
        "touchpoint_id": touchpoint.pk,
        "department_id": touchpoint.department_id,
    }.items() <= payload.items()
    nps_events = [name for name in events.event_types() if name.startswith("response.")]
    assert sorted(nps_events) == ["response.created", "response.updated"]
    assert all(name.count(".") == 1 and not name.split(".")[0].endswith("s") for name in nps_events)
