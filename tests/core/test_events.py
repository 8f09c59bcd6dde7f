from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction

from core import events
from core.models import WebhookDelivery
from tests.core.factories import WebhookEndpointFactory


@pytest.fixture
def received() -> Any:
    calls: list[tuple[str, dict[str, Any]]] = []

    def handler(event_type: str, payload: dict[str, Any]) -> None:
        calls.append((event_type, payload))

    events.subscribe("customer.created", handler)
    yield calls
    events.unsubscribe("customer.created", handler)


@pytest.mark.django_db(transaction=True)
def test_a_subscriber_runs_only_after_commit(received):
    with transaction.atomic():
        events.emit("customer.created", {"id": 1})
        assert received == []
    assert received == [("customer.created", {"id": 1})]


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_transaction_publishes_nothing(received):
    WebhookEndpointFactory(event_types=["*"])
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            events.emit("customer.created", {"id": 1})
            raise RuntimeError("rollback")
    assert received == []
    assert not WebhookDelivery.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_the_event_is_published_at_once(received):
    events.emit("customer.created", {"id": 2})
    assert received == [("customer.created", {"id": 2})]


@pytest.mark.django_db(transaction=True)
def test_a_failing_subscriber_does_not_stop_the_others_nor_the_webhooks(received, caplog):
    WebhookEndpointFactory(event_types=["customer.created"])
    later: list[str] = []

    def broken(event_type: str, payload: dict[str, Any]) -> None:
        raise ValueError("kaputt")

    def later_handler(event_type: str, payload: dict[str, Any]) -> None:
        later.append(event_type)

    events.subscribe("customer.created", broken)
    events.subscribe("customer.created", later_handler)
    try:
        events.emit("customer.created", {"id": 3})
    finally:
        events.unsubscribe("customer.created", broken)
        events.unsubscribe("customer.created", later_handler)
    assert received == [("customer.created", {"id": 3})]
    assert later == ["customer.created"]
    assert WebhookDelivery.objects.filter(event_type="customer.created").count() == 1
    assert "event subscriber failed" in caplog.text


def test_an_unknown_event_type_is_refused():
    with pytest.raises(ValueError, match="unknown event type"):
        events.emit("customer.vanished", {})


def test_the_platform_event_types_are_registered():
    assert {"customer.created", "consent.changed"} <= set(events.event_types())


@pytest.mark.django_db
def test_a_repeated_dispatch_of_one_event_creates_no_second_delivery():
    """A dispatch task may run twice (late ack after a worker crash); the event id keeps the webhooks once."""
    first, second = WebhookEndpointFactory(event_types=["customer.created"]), WebhookEndpointFactory(event_types=["*"])
    event_id = "1c7c6b7e-4a55-4b8e-9f0e-2d7d3c1b9a01"

    events.dispatch("customer.created", {"id": 9}, event_id=event_id)
    WebhookDelivery.objects.filter(endpoint=first).update(status=WebhookDelivery.Status.DELIVERED)
    events.dispatch("customer.created", {"id": 9}, event_id=event_id)

    deliveries = WebhookDelivery.objects.filter(event_id=event_id)
    assert sorted(deliveries.values_list("endpoint_id", flat=True)) == sorted([first.pk, second.pk])
    assert deliveries.get(endpoint=first).status == WebhookDelivery.Status.DELIVERED
