"""NPS fixtures, and the gate for the real-worker tests (they need PostgreSQL and Redis)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

from core import events


def worker_environment_missing() -> str | None:
    database = os.environ.get("DATABASE_URL", "")
    if not database.startswith(("postgres://", "postgresql://")):
        return "DATABASE_URL does not point at PostgreSQL"
    if not os.environ.get("REDIS_URL"):
        return "REDIS_URL is not set"
    return None


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    """Real-worker tests run where PostgreSQL and Redis are configured (CI); elsewhere they are deselected loudly."""
    missing = worker_environment_missing()
    if missing is None:
        return
    selected, deselected = [], []
    for item in items:
        (deselected if item.get_closest_marker("worker") and "tests/nps/" in str(item.fspath) else selected).append(
            item
        )
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = selected
        reporter = config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(
                f"nps: deselected {len(deselected)} real-worker test(s): {missing}. "
                "Run with DATABASE_URL=postgres://… and REDIS_URL=redis://… to include them.",
                yellow=True,
            )


@pytest.fixture
def captured_events() -> Iterator[list[tuple[str, dict[str, Any]]]]:
    """Every response.* event dispatched during the test, in order.

    Other apps' subscribers (e.g. complaints opening a case) are set aside meanwhile: these tests are about what
    nps emits, not about what the subscribers do with it.
    """
    seen: list[tuple[str, dict[str, Any]]] = []

    def handler(event_type: str, payload: dict[str, Any]) -> None:
        seen.append((event_type, payload))

    names = ("response.created", "response.updated")
    saved = {name: list(events._subscribers[name]) for name in names}
    for name in names:
        events._subscribers[name][:] = [handler]
    yield seen
    for name in names:
        events._subscribers[name][:] = saved[name]
