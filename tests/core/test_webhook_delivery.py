from __future__ import annotations

import json
import socket
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from core import events
from core.models import WebhookDelivery
from core.webhooks import services, signing
from core.webhooks.services import SendOutcome
from tests.core.factories import WebhookDeliveryFactory, WebhookEndpointFactory

pytestmark = pytest.mark.django_db


def _make_due(delivery: WebhookDelivery) -> None:
    WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())


def test_it_posts_a_signed_envelope_the_receiver_can_verify(webhook_receiver):
    endpoint = WebhookEndpointFactory(url=webhook_receiver.url, secret="whsec_geheim_0123456789")
    delivery = WebhookDeliveryFactory(endpoint=endpoint, payload={"id": "e1", "type": "customer.created", "data": {}})

    assert services.webhook_delivery_send(delivery_id=delivery.pk) == SendOutcome.DELIVERED

    [request] = webhook_receiver.requests
    assert request.path == "/hooks/cx"
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["X-CX-Event"] == "customer.created"
    assert request.headers["X-CX-Delivery"] == str(delivery.pk)
    timestamp = int(request.headers["X-CX-Timestamp"])
    assert abs(timestamp - timezone.now().timestamp()) < 60
    signature = request.headers["X-CX-Signature"]
    assert signing.verify(secret="whsec_geheim_0123456789", timestamp=timestamp, body=request.body, signature=signature)
    assert not signing.verify(
        secret="ein-anderes-geheimnis", timestamp=timestamp, body=request.body, signature=signature
    )
    assert json.loads(request.body) == {"id": "e1", "type": "customer.created", "data": {}}
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.DELIVERED
    assert delivery.attempts == 1
    assert delivery.last_status_code == 200
    assert delivery.delivered_at is not None
    assert delivery.next_attempt_at is None


def test_the_signature_covers_timestamp_and_body():
    body = b'{"a":1}'
    expected = "sha256=" + __import__("hmac").new(b"k" * 16, b"1700000000." + body, "sha256").hexdigest()
    assert signing.sign(secret="k" * 16, timestamp=1700000000, body=body) == expected
    assert not signing.verify(secret="k" * 16, timestamp=1700000001, body=body, signature=expected)


def test_it_retries_with_backoff_then_gives_up(webhook_receiver, settings):
    settings.WEBHOOK_MAX_ATTEMPTS = 4
    webhook_receiver.statuses = [500]
    delivery = WebhookDeliveryFactory(endpoint=WebhookEndpointFactory(url=webhook_receiver.url))

    waits = []
    for attempt in range(1, 4):
        before = timezone.now()
        assert services.webhook_delivery_send(delivery_id=delivery.pk) == SendOutcome.RETRY
        delivery.refresh_from_db()
        assert delivery.status == WebhookDelivery.Status.PENDING
        assert delivery.attempts == attempt
        assert delivery.last_status_code == 500
        assert "HTTP 500" in delivery.last_error
        waits.append(round((delivery.next_attempt_at - before).total_seconds() / 60))
        # Not due yet: a second send now does nothing.
        assert services.webhook_delivery_send(delivery_id=delivery.pk) == SendOutcome.SKIPPED
        _make_due(delivery)
    assert waits == [1, 2, 4]

    assert services.webhook_delivery_send(delivery_id=delivery.pk) == SendOutcome.FAILED
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.FAILED
    assert delivery.attempts == 4
    assert delivery.next_attempt_at is None
    assert len(webhook_receiver.requests) == 4
    assert services.webhook_delivery_send(delivery_id=delivery.pk) == SendOutcome.SKIPPED


def test_backoff_doubles_from_one_minute():
    assert [signing.backoff_delay(n) for n in range(1, 6)] == [timedelta(minutes=m) for m in (1, 2, 4, 8, 16)]


def test_a_redirect_is_not_followed(webhook_receiver):
    webhook_receiver.statuses = [302]
    webhook_receiver.location = "http://169.254.169.254/latest/meta-data/"
    delivery = WebhookDeliveryFactory(endpoint=WebhookEndpointFactory(url=webhook_receiver.url))
    assert services.webhook_delivery_send(delivery_id=delivery.pk) == SendOutcome.RETRY
    delivery.refresh_from_db()
    assert delivery.last_status_code == 302
    assert len(webhook_receiver.requests) == 1


def test_an_unreachable_receiver_is_recorded_as_an_error(settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = True
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    delivery = WebhookDeliveryFactory(endpoint=WebhookEndpointFactory(url=f"http://127.0.0.1:{port}/"))
    assert services.webhook_delivery_send(delivery_id=delivery.pk) == SendOutcome.RETRY
    delivery.refresh_from_db()
    assert delivery.last_status_code is None
    assert "refused" in delivery.last_error.lower() or "Errno" in delivery.last_error


def test_the_address_is_checked_again_at_delivery_time(webhook_receiver, settings, monkeypatch):
    """DNS rebinding: the host pointed to a public address when registered, now it points inside."""
    delivery = WebhookDeliveryFactory(endpoint=WebhookEndpointFactory(url="http://hooks.partner.example/cx"))
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = False
    monkeypatch.setattr(
        "core.webhooks.targets.socket.getaddrinfo",
        lambda host, port, *args, **kw: [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))],
    )
    assert services.webhook_delivery_send(delivery_id=delivery.pk) == SendOutcome.RETRY
    delivery.refresh_from_db()
    assert "internes Netz" in delivery.last_error or "internal network" in delivery.last_error
    assert webhook_receiver.requests == []


def test_it_connects_to_the_checked_address_and_keeps_the_host_name(webhook_receiver, monkeypatch):
    port = int(webhook_receiver.url.split(":")[2].split("/")[0])
    resolved: list[str] = []

    real_getaddrinfo = socket.getaddrinfo

    def fake_getaddrinfo(host, port_, *args, **kw):
        resolved.append(host)
        if host == "hooks.partner.example":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port_))]
        return real_getaddrinfo(host, port_, *args, **kw)

    monkeypatch.setattr("core.webhooks.targets.socket.getaddrinfo", fake_getaddrinfo)
    endpoint = WebhookEndpointFactory(url=f"http://hooks.partner.example:{port}/cx")
    delivery = WebhookDeliveryFactory(endpoint=endpoint)
    assert services.webhook_delivery_send(delivery_id=delivery.pk) == SendOutcome.DELIVERED
    # The name was resolved once, by the check; the socket connected to that answer without asking DNS again.
    assert resolved.count("hooks.partner.example") == 1
    assert webhook_receiver.requests[0].headers["Host"] == f"hooks.partner.example:{port}"


def test_a_deactivated_endpoint_gets_nothing(webhook_receiver):
    delivery = WebhookDeliveryFactory(endpoint=WebhookEndpointFactory(url=webhook_receiver.url, active=False))
    assert services.webhook_delivery_send(delivery_id=delivery.pk) == SendOutcome.FAILED
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.FAILED
    assert webhook_receiver.requests == []


def test_redeliver_sends_a_delivered_or_failed_delivery_again(webhook_receiver, django_capture_on_commit_callbacks):
    delivery = WebhookDeliveryFactory(
        endpoint=WebhookEndpointFactory(url=webhook_receiver.url),
        status=WebhookDelivery.Status.FAILED,
        attempts=6,
        next_attempt_at=None,
        last_status_code=500,
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.webhook_delivery_redeliver(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.DELIVERED
    assert delivery.attempts == 1
    assert delivery.last_status_code == 200
    assert len(webhook_receiver.requests) == 1

    with django_capture_on_commit_callbacks(execute=True):
        services.webhook_delivery_redeliver(delivery_id=delivery.pk)
    assert len(webhook_receiver.requests) == 2
    assert webhook_receiver.requests[0].body == webhook_receiver.requests[1].body  # same event, same id


def test_redeliver_refuses_a_deactivated_endpoint():
    from django.core.exceptions import ValidationError

    delivery = WebhookDeliveryFactory(endpoint=WebhookEndpointFactory(active=False), status="failed")
    with pytest.raises(ValidationError):
        services.webhook_delivery_redeliver(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.FAILED


def test_the_periodic_job_sends_due_retries_only(webhook_receiver, django_capture_on_commit_callbacks):
    endpoint = WebhookEndpointFactory(url=webhook_receiver.url)
    due = WebhookDeliveryFactory(endpoint=endpoint, attempts=2, next_attempt_at=timezone.now() - timedelta(seconds=1))
    later = WebhookDeliveryFactory(endpoint=endpoint, attempts=1, next_attempt_at=timezone.now() + timedelta(minutes=5))
    done = WebhookDeliveryFactory(endpoint=endpoint, status="delivered", next_attempt_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.webhook_deliveries_retry_due() == 1
    due.refresh_from_db()
    later.refresh_from_db()
    done.refresh_from_db()
    assert (due.status, due.attempts) == ("delivered", 3)
    assert (later.status, later.attempts) == ("pending", 1)
    assert done.attempts == 0
    assert len(webhook_receiver.requests) == 1


@pytest.mark.django_db(transaction=True)
def test_an_emitted_event_becomes_a_delivery_only_after_commit(webhook_receiver):
    subscribed = WebhookEndpointFactory(url=webhook_receiver.url, event_types=["customer.created"])
    WebhookEndpointFactory(url=webhook_receiver.url, event_types=["consent.changed"])
    WebhookEndpointFactory(url=webhook_receiver.url, event_types=[])
    WebhookEndpointFactory(url=webhook_receiver.url, event_types=["*"], active=False)
    everything = WebhookEndpointFactory(url=webhook_receiver.url, event_types=["*"])

    with transaction.atomic():
        events.emit("customer.created", {"customer_id": 42, "external_ref": "K000042"})
        assert not WebhookDelivery.objects.exists()

    deliveries = WebhookDelivery.objects.order_by("endpoint_id")
    assert [d.endpoint_id for d in deliveries] == sorted([subscribed.pk, everything.pk])
    assert len({d.event_id for d in deliveries}) == 1
    envelope = deliveries[0].payload
    assert envelope["id"] == str(deliveries[0].event_id)
    assert envelope["type"] == "customer.created"
    assert envelope["data"] == {"customer_id": 42, "external_ref": "K000042"}
    assert envelope["created_at"]
    # Enqueued on commit; tasks run in-process here, so both receivers have it already.
    assert {d.status for d in deliveries} == {"delivered"}
    assert len(webhook_receiver.requests) == 2
    assert {json.loads(r.body)["id"] for r in webhook_receiver.requests} == {envelope["id"]}


def test_payload_values_that_json_cannot_hold_are_stored_as_strings():
    WebhookEndpointFactory(event_types=["*"])
    now = timezone.now()
    assert services.webhook_deliveries_create(event_type="consent.changed", payload={"at": now}) == 1
    assert WebhookDelivery.objects.get().payload["data"]["at"].startswith(str(now.year))


def test_it_tries_the_next_checked_address_when_one_refuses_the_connection(webhook_receiver, monkeypatch):
    port = int(webhook_receiver.url.split(":")[2].split("/")[0])
    real_getaddrinfo = socket.getaddrinfo

    def fake_getaddrinfo(host, port_, *args, **kw):
        if host == "hooks.partner.example":  # IPv6 first, where nothing listens; then the receiver's IPv4
            return [
                (socket.AF_INET6, socket.SOCK_STREAM, 6, "", ("::1", port_, 0, 0)),
                (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port_)),
            ]
        return real_getaddrinfo(host, port_, *args, **kw)

    monkeypatch.setattr("core.webhooks.targets.socket.getaddrinfo", fake_getaddrinfo)
    delivery = WebhookDeliveryFactory(endpoint=WebhookEndpointFactory(url=f"http://hooks.partner.example:{port}/cx"))
    assert services.webhook_delivery_send(delivery_id=delivery.pk) == SendOutcome.DELIVERED
    assert len(webhook_receiver.requests) == 1


def test_a_receiver_that_does_not_answer_in_time_is_a_failed_attempt(webhook_receiver, monkeypatch):
    import threading

    monkeypatch.setattr("core.webhooks.transport.TIMEOUT_SECONDS", 0.3)
    webhook_receiver.gate = threading.Event()  # never answers until the fixture ends
    delivery = WebhookDeliveryFactory(endpoint=WebhookEndpointFactory(url=webhook_receiver.url))
    assert services.webhook_delivery_send(delivery_id=delivery.pk) == SendOutcome.RETRY
    delivery.refresh_from_db()
    assert delivery.last_status_code is None
    assert "timed out" in delivery.last_error
    assert delivery.attempts == 1
