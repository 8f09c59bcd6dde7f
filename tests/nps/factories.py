"""Factories and helpers for the NPS tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory
from django.utils import timezone

from customers.choices import ConsentPurpose, ConsentStatus
from customers.models import Consent, Customer
from nps.choices import InvitationStatus, SurveyKind
from nps.models import Campaign, Invitation, Survey, TriggerRule
from tests.factories import CustomerFactory, TouchpointFactory


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Survey

    name = factory.Sequence(lambda n: f"Befragung {n}")
    kind = SurveyKind.RELATIONSHIP


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    name = factory.Sequence(lambda n: f"Welle {n}")
    survey = factory.SubFactory(SurveyFactory)


class TriggerRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TriggerRule

    touchpoint = factory.SubFactory(TouchpointFactory)
    survey = factory.SubFactory(SurveyFactory, kind=SurveyKind.TRANSACTIONAL)
    delay_hours = 0
    sampling_rate = 1.0


def grant(customer: Customer, status: str = ConsentStatus.GRANTED) -> Consent:
    consent, _ = Consent.objects.update_or_create(
        customer=customer,
        purpose=ConsentPurpose.SURVEY_EMAIL,
        defaults={"status": status, "text_version": "2026-01", "source": "test", "granted_at": timezone.now()},
    )
    return consent


def consenting_customer(**kwargs: Any) -> Customer:
    customer = CustomerFactory(**kwargs)
    grant(customer)
    return customer


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    survey = factory.SubFactory(SurveyFactory)
    customer = factory.SubFactory(CustomerFactory)
    scheduled_for = factory.LazyFunction(timezone.now)
    status = InvitationStatus.QUEUED


def sent_invitation(*, days_ago: float = 0, **kwargs: Any) -> Invitation:
    sent_at = timezone.now() - dt.timedelta(days=days_ago)
    if "customer" not in kwargs:
        kwargs["customer"] = consenting_customer()
    return InvitationFactory(status=InvitationStatus.SENT, sent_at=sent_at, last_sent_at=sent_at, **kwargs)
