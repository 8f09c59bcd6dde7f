"""core.queue: a request's task goes to the broker, or runs here when the broker is down; it never fails the request."""

from __future__ import annotations

import time
from typing import Any

from celery import shared_task

from core.queue import enqueue
from tests.broker_support import use_broker
from tests.nps.worker_support import free_port

ran: list[str] = []


@shared_task(name="tests.core.record")
def record(value: str) -> None:
    ran.append(value)


@shared_task(name="tests.core.boom")
def boom(value: str) -> None:
    raise RuntimeError(value)


def test_with_the_broker_down_the_task_runs_here_at_once(broker: Any, caplog: Any) -> None:
    use_broker(broker, f"redis://127.0.0.1:{free_port()}/0")
    ran.clear()
    started = time.monotonic()
    assert enqueue(record, "hier") is False
    assert time.monotonic() - started < 2
    assert ran == ["hier"]
    assert "broker unreachable" in caplog.text


def test_a_task_failing_in_process_is_logged_not_raised(broker: Any, caplog: Any) -> None:
    use_broker(broker, f"redis://127.0.0.1:{free_port()}/0")
    assert enqueue(boom, "kaputt") is False
    assert "in-process task failed" in caplog.text and "kaputt" in caplog.text


def test_eager_runs_the_task_in_process_and_counts_as_queued() -> None:
    ran.clear()
    assert enqueue(record, "eager") is True
    assert ran == ["eager"]
