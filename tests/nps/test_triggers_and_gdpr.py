"""Transactional triggers from interaction events; GDPR export/erase; the profile timeline."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from core import events
from customers.gdpr import erasers, exporters
from customers.timeline import timeline_for
from nps import services
from nps.choices import InvitationStatus
from nps.models import Invitation, Response
from tests.factories import InteractionFactory, TouchpointFactory
from tests.nps.factories import TriggerRuleFactory, consenting_customer, sent_invitation

pytestmark = pytest.mark.django_db


def emit_interaction(interaction) -> None:
    events.dispatch(
        "interaction.created",
        {
            "interaction_id": interaction.pk,
            "customer_id": interaction.customer_id,
            "touchpoint_id": interaction.touchpoint_id,
            "touchpoint_slug": interaction.touchpoint.slug,
            "occurred_at": interaction.occurred_at.isoformat(),
        },
    )


def test_an_interaction_at_a_trigger_touchpoint_queues_an_invitation_after_the_delay(
    django_capture_on_commit_callbacks,
):
    rule = TriggerRuleFactory(delay_hours=24)
    occurred = timezone.now() - dt.timedelta(hours=1)
    interaction = InteractionFactory(customer=consenting_customer(), touchpoint=rule.touchpoint, occurred_at=occurred)
    with django_capture_on_commit_callbacks(execute=False):
        emit_interaction(interaction)
        emit_interaction(interaction)  # a replayed event: still one invitation
    invitation = Invitation.objects.get()
    assert invitation.interaction_id == interaction.pk and invitation.survey_id == rule.survey_id
    assert invitation.touchpoint_id == rule.touchpoint_id
    assert invitation.scheduled_for == occurred + dt.timedelta(hours=24)
    assert invitation.status == InvitationStatus.QUEUED


def test_at_most_one_invitation_per_interaction_even_with_two_rules(django_capture_on_commit_callbacks):
    rule = TriggerRuleFactory()
    TriggerRuleFactory(touchpoint=rule.touchpoint)
    interaction = InteractionFactory(customer=consenting_customer(), touchpoint=rule.touchpoint)
    with django_capture_on_commit_callbacks(execute=False):
        emit_interaction(interaction)
        again = services.invitation_create(survey=rule.survey, customer=interaction.customer, interaction=interaction)
    assert Invitation.objects.count() == 1 and again.pk == Invitation.objects.get().pk


def test_sampling_takes_about_the_configured_share_and_is_stable(django_capture_on_commit_callbacks):
    rule = TriggerRuleFactory(sampling_rate=0.3)
    survey = rule.survey
    survey.ignores_quarantine = True
    survey.save()
    customer = consenting_customer()
    interactions = [InteractionFactory(customer=customer, touchpoint=rule.touchpoint) for _ in range(300)]
    with django_capture_on_commit_callbacks(execute=False):
        for interaction in interactions:
            emit_interaction(interaction)
    share = Invitation.objects.count() / 300
    assert 0.2 < share < 0.4
    assert all(services._sampled(rule, i.pk) == Invitation.objects.filter(interaction=i).exists() for i in interactions)


def test_inactive_rules_and_other_touchpoints_do_not_trigger(django_capture_on_commit_callbacks):
    rule = TriggerRuleFactory(active=False)
    with django_capture_on_commit_callbacks(execute=False):
        emit_interaction(InteractionFactory(customer=consenting_customer(), touchpoint=rule.touchpoint))
        emit_interaction(InteractionFactory(customer=consenting_customer(), touchpoint=TouchpointFactory()))
    assert Invitation.objects.count() == 0


def test_export_and_erasure_keep_the_score_but_drop_the_person():
    invitation = sent_invitation(context={"case_id": 3})
    services.response_submit(invitation=invitation, score=4, comment="Mein Name ist Erika")
    customer = invitation.customer
    exported = exporters()["nps"](customer)
    assert {row["type"] for row in exported} == {"nps_invitation", "nps_response"}
    assert any(row.get("comment") == "Mein Name ist Erika" for row in exported)
    assert timeline_for(customer)[0].kind == "response"
    erasers()["nps"](customer)
    response = Response.objects.get()
    assert (response.customer_id, response.comment, response.score) == (None, "", 4)
    assert Invitation.objects.get().context == {}
    assert exporters()["nps"](customer)[0]["type"] == "nps_invitation"
