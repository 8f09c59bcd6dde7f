"""List endpoints and pages of the core app take a constant number of queries."""

from __future__ import annotations

import pytest
from django.core import mail

from tests.core.factories import WebhookDeliveryFactory, WebhookEndpointFactory
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def _endpoints(n: int) -> None:
    for endpoint in WebhookEndpointFactory.create_batch(n):
        WebhookDeliveryFactory.create_batch(2, endpoint=endpoint)


@pytest.mark.parametrize(
    ("url", "rows"),
    [
        ("/api/v1/webhooks/", _endpoints),
        ("/api/v1/webhook-deliveries/", lambda n: WebhookDeliveryFactory.create_batch(n)),
        ("/api/v1/event-types/", lambda n: None),
    ],
)
def test_list_endpoints(api_as, cx_admin, url, rows):
    api = api_as(cx_admin)
    assert_constant_queries(lambda: api.get(url), rows)


def test_webhook_pages(client, cx_admin):
    client.force_login(cx_admin)
    assert_constant_queries(lambda: client.get("/webhooks/"), _endpoints)
    endpoint = WebhookEndpointFactory()
    assert_constant_queries(
        lambda: client.get(f"/webhooks/{endpoint.pk}/"),
        lambda n: WebhookDeliveryFactory.create_batch(n, endpoint=endpoint),
    )


def test_outbox_page(client, cx_admin, settings):
    settings.EMAIL_BACKEND = "core.mail.OutboxBackend"
    client.force_login(cx_admin)

    def send(n: int) -> None:
        for index in range(n):
            mail.EmailMessage(f"Betreff {index}", "Text", to=[f"k{index}@example.org"]).send()

    assert_constant_queries(lambda: client.get("/outbox/"), send)
