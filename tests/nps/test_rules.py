"""Consent, suppression, quarantine and erasure decide who gets a survey email — at launch and at send time."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings
from django.utils import timezone

from customers.choices import ConsentStatus
from customers.models import SuppressedAddress
from customers.selectors import email_hash
from nps import services
from nps.choices import InvitationStatus, SkipReason
from tests.factories import CustomerFactory
from tests.nps.factories import CampaignFactory, SurveyFactory, consenting_customer, grant, sent_invitation

pytestmark = pytest.mark.django_db


def suppress(customer):
    SuppressedAddress.objects.create(email_hash=email_hash(customer.email), reason="customer_request")


@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        ("granted", ""),
        ("pending", SkipReason.NO_CONSENT),
        ("withdrawn", SkipReason.NO_CONSENT),
        ("none", SkipReason.NO_CONSENT),
        ("granted+suppressed", SkipReason.SUPPRESSED),
        ("none+suppressed", SkipReason.SUPPRESSED),
        ("granted+quarantine", SkipReason.QUARANTINE),
        ("granted+old-contact", ""),
        ("granted+erased", SkipReason.ERASED),
        ("granted+no-email", SkipReason.NO_EMAIL),
    ],
)
def test_invitation_create_applies_the_rule_matrix(setup, expected):
    customer = CustomerFactory()
    parts = setup.split("+")
    if parts[0] != "none":
        grant(customer, status=parts[0])
    if "suppressed" in parts:
        suppress(customer)
    if "quarantine" in parts:
        sent_invitation(customer=customer, days_ago=30)
    if "old-contact" in parts:
        sent_invitation(customer=customer, days_ago=91)
    if "erased" in parts:
        customer.erased_at = timezone.now()
        customer.save()
    if "no-email" in parts:
        customer.email = ""
        customer.save()
    invitation = services.invitation_create(survey=SurveyFactory(), customer=customer)
    assert invitation.skip_reason == expected
    assert invitation.status == (InvitationStatus.SKIPPED if expected else InvitationStatus.QUEUED)


@override_settings(NPS_QUARANTINE_DAYS=14)
def test_the_quarantine_period_is_configurable():
    customer = consenting_customer()
    sent_invitation(customer=customer, days_ago=20)
    assert services.invitation_create(survey=SurveyFactory(), customer=customer).status == InvitationStatus.QUEUED


def test_a_service_follow_up_ignores_the_quarantine_and_does_not_count_for_it():
    customer = consenting_customer()
    sent_invitation(customer=customer, days_ago=3)
    follow_up = SurveyFactory(kind="case_satisfaction", counts_for_quarantine=False, ignores_quarantine=True)
    invitation = services.invitation_create(survey=follow_up, customer=customer, context={"case_id": 12})
    assert invitation.status == InvitationStatus.QUEUED and invitation.context == {"case_id": 12}
    other = consenting_customer()
    sent_invitation(customer=other, survey=follow_up, days_ago=1)
    assert services.invitation_create(survey=SurveyFactory(), customer=other).status == InvitationStatus.QUEUED


def test_a_queued_invitation_also_blocks_a_second_one():
    customer = consenting_customer()
    services.invitation_create(survey=SurveyFactory(), customer=customer)
    second = services.invitation_create(survey=SurveyFactory(), customer=customer)
    assert second.skip_reason == SkipReason.QUARANTINE


@override_settings(NPS_EXISTING_CUSTOMER_EXCEPTION=True)
def test_the_existing_customer_exception_allows_customers_who_did_not_object():
    never_asked = CustomerFactory()
    objected = CustomerFactory()
    grant(objected, status=ConsentStatus.WITHDRAWN)
    survey = SurveyFactory()
    assert services.invitation_create(survey=survey, customer=never_asked).status == InvitationStatus.QUEUED
    assert services.invitation_create(survey=survey, customer=objected).skip_reason == SkipReason.NO_CONSENT


def test_launch_counts_every_skip_reason_and_records_every_invitation(cx_admin, django_capture_on_commit_callbacks):
    survey = SurveyFactory()
    ok = [consenting_customer(segment="privat") for _ in range(3)]
    no_consent = CustomerFactory(segment="privat")
    quarantined = consenting_customer(segment="privat")
    sent_invitation(customer=quarantined, days_ago=10)
    suppressed = consenting_customer(segment="privat")
    suppress(suppressed)
    consenting_customer(segment="geschaeft")  # other segment: not in the audience
    campaign = CampaignFactory(survey=survey, segment="privat")
    with django_capture_on_commit_callbacks(execute=False):
        result = services.campaign_launch(actor=cx_admin, campaign=campaign)
    assert result.as_dict() == {"invited": 3, "skipped_no_consent": 1, "skipped_quarantine": 1, "skipped_suppressed": 1}
    statuses = dict(campaign.invitations.values_list("customer_id", "status"))
    assert {statuses[c.pk] for c in ok} == {InvitationStatus.QUEUED}
    assert statuses[no_consent.pk] == InvitationStatus.SKIPPED
    campaign.refresh_from_db()
    assert campaign.status == "sending" and campaign.invited == 3


def test_launch_filters_the_audience_by_touchpoint_interactions_in_a_period(
    cx_admin, django_capture_on_commit_callbacks
):
    from tests.factories import InteractionFactory, TouchpointFactory

    touchpoint = TouchpointFactory()
    recent = consenting_customer()
    InteractionFactory(customer=recent, touchpoint=touchpoint, occurred_at=timezone.now() - dt.timedelta(days=5))
    old = consenting_customer()
    InteractionFactory(customer=old, touchpoint=touchpoint, occurred_at=timezone.now() - dt.timedelta(days=50))
    consenting_customer()
    campaign = CampaignFactory(touchpoint=touchpoint, interactions_from=timezone.localdate() - dt.timedelta(days=10))
    with django_capture_on_commit_callbacks(execute=False):
        result = services.campaign_launch(actor=cx_admin, campaign=campaign)
    assert result.invited == 1
    assert list(campaign.invitations.values_list("customer_id", flat=True)) == [recent.pk]
    assert campaign.invitations.get().touchpoint_id == touchpoint.pk


def test_a_wave_cannot_be_launched_twice(cx_admin, django_capture_on_commit_callbacks):
    campaign = CampaignFactory()
    consenting_customer()
    with django_capture_on_commit_callbacks(execute=False):
        services.campaign_launch(actor=cx_admin, campaign=campaign)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.campaign_launch(actor=cx_admin, campaign=campaign)
    assert campaign.invitations.count() == 1


def test_a_scheduled_wave_waits_for_its_time_then_sends_and_ends_done(
    cx_admin, django_capture_on_commit_callbacks, settings
):
    import datetime as dt

    from nps import sending
    from nps.models import Campaign

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    consenting_customer()
    later = timezone.now() + dt.timedelta(hours=3)
    campaign = CampaignFactory(scheduled_at=later)
    with django_capture_on_commit_callbacks(execute=True):
        services.campaign_launch(actor=cx_admin, campaign=campaign)
    assert Campaign.objects.get(pk=campaign.pk).status == "scheduled"
    assert sending.invitations_dispatch().claimed == 0
    services.campaigns_refresh(now=later + dt.timedelta(minutes=1))
    assert Campaign.objects.get(pk=campaign.pk).status == "sending"
    campaign.invitations.update(scheduled_for=timezone.now())
    assert sending.invitations_dispatch().sent == 1
    services.campaigns_refresh()
    campaign.refresh_from_db()
    assert campaign.status == "done" and campaign.finished_at is not None
