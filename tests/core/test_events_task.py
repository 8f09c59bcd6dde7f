"""Events through Celery: with a broker the commit enqueues `core.dispatch_event` and the worker runs the
subscribers and the webhook fan-out; a broker that is down makes the event dispatch inline instead."""

from __future__ import annotations

import base64
import json
import os
import time
from collections.abc import Iterator
from typing import Any

import pytest
import redis
from django.db import connection, transaction

from core import events
from core.models import WebhookDelivery
from tests.broker_support import flush_broker_queue, use_broker
from tests.core.factories import WebhookEndpointFactory
from tests.nps.worker_support import Worker, database_url, free_port


@pytest.fixture
def received() -> Iterator[list[tuple[str, dict[str, Any]]]]:
    calls: list[tuple[str, dict[str, Any]]] = []

    def handler(event_type: str, payload: dict[str, Any]) -> None:
        calls.append((event_type, payload))

    events.subscribe("customer.created", handler)
    yield calls
    events.unsubscribe("customer.created", handler)


@pytest.mark.django_db(transaction=True)
def test_with_the_broker_down_the_event_is_dispatched_inline(broker, received, caplog):
    WebhookEndpointFactory(event_types=["customer.created"])
    use_broker(broker, f"redis://127.0.0.1:{free_port()}/0")  # a port nobody listens on
    with transaction.atomic():
        events.emit("customer.created", {"id": 41})
        assert received == []
    assert received == [("customer.created", {"id": 41})]
    assert WebhookDelivery.objects.filter(event_type="customer.created").count() == 1
    assert "broker unreachable: running the task in-process" in caplog.text


def _queued(client: redis.Redis) -> list[dict[str, Any]]:
    return [json.loads(raw) for raw in client.lrange("celery", 0, -1)]


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_with_redis_the_commit_enqueues_one_task_and_a_real_worker_dispatches_it(broker, received):
    client = redis.Redis.from_url(os.environ["REDIS_URL"])
    flush_broker_queue(client)  # this test's own Redis database (REDIS_URL)
    use_broker(broker, os.environ["REDIS_URL"])
    endpoint = WebhookEndpointFactory(event_types=["customer.created"])
    worker = Worker({"DATABASE_URL": database_url(connection.settings_dict), "REDIS_URL": os.environ["REDIS_URL"]},
                    concurrency=1, beat=False)  # fmt: skip
    try:
        with transaction.atomic():
            events.emit("customer.created", {"id": 42, "name": "Müller"})
            assert _queued(client) == []  # nothing before the commit
        # Enqueued, not run: the subscriber in this process did not run and no delivery row exists yet.
        assert received == []
        assert not WebhookDelivery.objects.exists()
        messages = _queued(client)
        assert [m["headers"]["task"] for m in messages] == ["core.dispatch_event"]
        args, kwargs, _embed = json.loads(base64.b64decode(messages[0]["body"]))
        assert args[:2] == ["customer.created", {"id": 42, "name": "Müller"}] and kwargs == {}
        event_id = args[2]  # fixed at emit time, so a repeated task creates no second delivery

        worker.start()
        deadline = time.monotonic() + 60
        while not WebhookDelivery.objects.filter(endpoint=endpoint).exists():
            assert time.monotonic() < deadline, f"the worker did not dispatch the event:\n{worker.output()}"
            time.sleep(0.2)
    finally:
        worker.stop()
        flush_broker_queue(client)
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    assert delivery.event_type == "customer.created"
    assert str(delivery.event_id) == event_id
    assert delivery.payload["data"] == {"id": 42, "name": "Müller"}
    assert received == []  # the worker ran the subscribers, not this process


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_task_taken_from_redis_runs_the_subscribers_by_name(broker, received):
    client = redis.Redis.from_url(os.environ["REDIS_URL"])
    flush_broker_queue(client)
    use_broker(broker, os.environ["REDIS_URL"])
    try:
        events.emit("customer.created", {"id": 43})
        assert received == []
        (message,) = _queued(client)
    finally:
        flush_broker_queue(client)
    args, kwargs, _embed = json.loads(base64.b64decode(message["body"]))
    broker.tasks[message["headers"]["task"]](*args, **kwargs)
    assert received == [("customer.created", {"id": 43})]
