"""A real HTTP server on 127.0.0.1 that records what the webhook sender posts; the gate for the real-worker tests."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest


@dataclass
class Received:
    path: str
    headers: Any
    body: bytes


@dataclass
class WebhookReceiver:
    url: str = ""
    statuses: list[int] = field(default_factory=lambda: [200])  # the last one repeats
    location: str = ""
    requests: list[Received] = field(default_factory=list)
    gate: threading.Event | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def next_status(self) -> int:
        with self.lock:
            return self.statuses.pop(0) if len(self.statuses) > 1 else self.statuses[0]


class _Handler(BaseHTTPRequestHandler):
    server: Any

    def do_POST(self) -> None:  # noqa: N802
        receiver: WebhookReceiver = self.server.receiver
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        receiver.requests.append(Received(path=self.path, headers=self.headers, body=body))
        if receiver.gate is not None:
            receiver.gate.wait(10)
        status = receiver.next_status()
        self.send_response(status)
        if 300 <= status < 400:
            self.send_header("Location", receiver.location)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", "8")
        self.end_headers()
        self.wfile.write(b"answered")

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def webhook_receiver(settings: Any) -> Iterator[WebhookReceiver]:
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = True
    receiver = WebhookReceiver()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.receiver = receiver  # type: ignore[attr-defined]
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/cx"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield receiver
    if receiver.gate is not None:
        receiver.gate.set()
    server.shutdown()
    server.server_close()


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    """Real-worker tests (marker `worker`) need PostgreSQL and Redis; elsewhere they are deselected loudly."""
    if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")) and os.environ.get("REDIS_URL"):
        return
    selected, deselected = [], []
    for item in items:
        (deselected if item.get_closest_marker("worker") and "tests/core/" in str(item.fspath) else selected).append(
            item
        )
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = selected
        reporter = config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(
                f"core: deselected {len(deselected)} real-worker test(s): they need PostgreSQL and Redis. "
                "Run with DATABASE_URL=postgres://… and REDIS_URL=redis://… to include them.",
                yellow=True,
            )
