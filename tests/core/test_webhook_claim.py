"""Two workers handed the same delivery at the same moment must send it once."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from django.db import OperationalError, connection

from core.models import WebhookDelivery
from core.webhooks import services
from core.webhooks.services import SendOutcome
from tests.core.factories import WebhookDeliveryFactory, WebhookEndpointFactory


def _wait_when_locked(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
    """What SQLite's busy timeout does for a file database; the shared in-memory test database fails at once instead.

    Only statements that did not run are repeated (SQLite refuses the whole statement); PostgreSQL never gets here.
    """
    for _ in range(500):
        try:
            return execute(sql, params, many, context)
        except OperationalError as exc:
            if "locked" not in str(exc):
                raise
            time.sleep(0.005)
    return execute(sql, params, many, context)


def _send_in_threads(delivery_id: int, workers: int = 2) -> list[SendOutcome]:
    barrier = threading.Barrier(workers)
    outcomes: list[SendOutcome] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            with connection.execute_wrapper(_wait_when_locked):
                barrier.wait(5)
                outcomes.append(services.webhook_delivery_send(delivery_id=delivery_id))
        except BaseException as exc:  # reported to the test below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    return outcomes


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("round_", range(5))
def test_two_concurrent_sends_deliver_once(webhook_receiver, round_):
    delivery = WebhookDeliveryFactory(endpoint=WebhookEndpointFactory(url=webhook_receiver.url))

    outcomes = _send_in_threads(delivery.pk)

    assert sorted(outcomes) == sorted([SendOutcome.DELIVERED, SendOutcome.SKIPPED])
    assert len(webhook_receiver.requests) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (WebhookDelivery.Status.DELIVERED, 1)


@pytest.mark.django_db(transaction=True)
def test_a_second_worker_skips_while_the_first_is_still_sending(webhook_receiver):
    webhook_receiver.gate = threading.Event()  # the receiver holds the first request open
    delivery = WebhookDeliveryFactory(endpoint=WebhookEndpointFactory(url=webhook_receiver.url))
    first: list[SendOutcome] = []

    def slow_worker() -> None:
        try:
            with connection.execute_wrapper(_wait_when_locked):
                first.append(services.webhook_delivery_send(delivery_id=delivery.pk))
        finally:
            connection.close()

    thread = threading.Thread(target=slow_worker)
    thread.start()
    for _ in range(200):
        if webhook_receiver.requests:
            break
        threading.Event().wait(0.01)
    assert len(webhook_receiver.requests) == 1

    assert services.webhook_delivery_send(delivery_id=delivery.pk) == SendOutcome.SKIPPED

    webhook_receiver.gate.set()
    thread.join(10)
    assert first == [SendOutcome.DELIVERED]
    assert len(webhook_receiver.requests) == 1
