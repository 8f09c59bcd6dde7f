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
