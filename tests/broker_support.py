"""Celery as in production (not eager) for a test, with the broker address the test picks."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest


def use_broker(app: Any, url: str) -> None:
    """Point the Celery app at `url` and drop its pooled connections so that the next publish connects there."""
    app.conf.broker_url = url
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def broker() -> Iterator[Any]:
    from cx_platform.celery import app

    eager, url = app.conf.task_always_eager, app.conf.broker_url
    app.conf.task_always_eager = False
    yield app
    app.conf.task_always_eager = eager
    use_broker(app, url)


# kombu's bindings (`_kombu.binding.*`) stay: publishers cache that they declared them, and publish into nothing
# once they are gone.
BROKER_KEYS = ("celery", "unacked", "unacked_index", "unacked_mutex", "celery\x06\x16*")


def flush_broker_queue(client: Any) -> None:
    """Empty Celery's queue in Redis without FLUSHDB, which would also wipe a parallel test process's cache."""
    keys: set[bytes] = set()
    for pattern in BROKER_KEYS:
        keys.update(client.scan_iter(match=pattern, count=1000))
    if keys:
        client.delete(*keys)
