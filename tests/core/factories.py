from __future__ import annotations

import uuid

import factory
from django.utils import timezone

from core.models import WebhookDelivery, WebhookEndpoint


class WebhookEndpointFactory(factory.django.DjangoModelFactory):
    """Bypasses the service's address check: for tests that set the URL to a local test server themselves."""

    class Meta:
        model = WebhookEndpoint

    name = factory.Sequence(lambda n: f"Empfänger {n}")
    # Loopback: refused at send time unless a test allows private targets, so no test ever reaches the network.
    url = "http://127.0.0.1:9/hooks"
    secret = factory.Sequence(lambda n: f"whsec_test_secret_{n:08d}")
    event_types = factory.LazyFunction(lambda: ["*"])
    active = True


class WebhookDeliveryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WebhookDelivery

    endpoint = factory.SubFactory(WebhookEndpointFactory)
    event_type = "customer.created"
    event_id = factory.LazyFunction(uuid.uuid4)
    payload = factory.LazyAttribute(
        lambda d: {"id": str(d.event_id), "type": d.event_type, "created_at": "2026-01-01T00:00:00+00:00", "data": {}}
    )
    next_attempt_at = factory.LazyFunction(timezone.now)
