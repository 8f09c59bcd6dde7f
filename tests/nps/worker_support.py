"""A local SMTP sink (aiosmtpd) and a real Celery worker process for the end-to-end tests and benchmarks."""

from __future__ import annotations

import email
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class SinkHandler:
    """Keeps every accepted message; `before_accept(n)` may run before the n-th message is acknowledged."""

    messages: list[Message] = field(default_factory=list)
    before_accept: Callable[[int], bool] | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd's name
        if self.before_accept is not None and not self.before_accept(len(self.messages) + 1):
            return "451 4.3.0 not accepted"
        with self.lock:
            self.messages.append(email.message_from_bytes(envelope.content))
        return "250 OK"

    def message_ids(self) -> list[str]:
        with self.lock:
            return [str(m["Message-ID"]) for m in self.messages]


class SmtpSink:
    def __init__(self, handler: SinkHandler | None = None) -> None:
        self.handler = handler or SinkHandler()
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> SmtpSink:
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.controller.stop()

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def wait_for(self, count: int, timeout: float) -> list[Message]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.handler.messages) >= count:
                return list(self.handler.messages)
            time.sleep(0.1)
        raise AssertionError(f"the SMTP sink got {len(self.handler.messages)} of {count} messages in {timeout} s")


def database_url(settings_dict: dict[str, Any]) -> str:
    user = settings_dict.get("USER") or "postgres"
    password = settings_dict.get("PASSWORD") or ""
    auth = f"{user}:{password}@" if password else f"{user}@"
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{auth}{host}:{port}/{settings_dict['NAME']}"


class Worker:
    """`celery -A cx_platform worker` (with an embedded beat) in its own process group."""

    def __init__(self, env: dict[str, str], *, concurrency: int = 2, beat: bool = True) -> None:
        self.env = {**os.environ, **env, "DJANGO_SETTINGS_MODULE": "cx_platform.settings", "PYTHONUNBUFFERED": "1"}
        self.concurrency = concurrency
        self.beat = beat
        self.process: subprocess.Popen[bytes] | None = None
        self.log = tempfile.NamedTemporaryFile(prefix="nps-worker-", suffix=".log", delete=False)  # noqa: SIM115
        self.schedule = Path(tempfile.mkdtemp(prefix="nps-beat-")) / "schedule"

    def start(self) -> Worker:
        command = [
            sys.executable, "-m", "celery", "-A", "cx_platform", "worker", "--loglevel=WARNING",
            f"--concurrency={self.concurrency}", "--without-gossip", "--without-mingle", "--pool=prefork",
        ]  # fmt: skip
        if self.beat:
            command += ["--beat", "--scheduler=celery.beat:PersistentScheduler", f"--schedule={self.schedule}"]
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )
        return self

    def kill(self) -> None:
        """SIGKILL the worker and its pool children (its own process group), as a crash would."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)
            self._reap_group()

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()
        self._reap_group()

    def _reap_group(self) -> None:
        """No pool child or embedded beat may outlive the main process: a straggler would go on consuming the
        queue (or publishing to it) during the next test."""
        assert self.process is not None  # noqa: S101
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                return  # the group is empty
            time.sleep(0.05)

    def output(self) -> str:
        return Path(self.log.name).read_text(errors="replace")[-4000:]


def _serve_sink(port: int, ids_path: str, counter: Any, ready: Any, stop: Any) -> None:
    class CountingHandler:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
            message = email.message_from_bytes(envelope.content, _class=Message)
            with open(ids_path, "a") as ids:
                ids.write(f"{message['Message-ID']}\n")
            with counter.get_lock():
                counter.value += 1
            return "250 OK"

    controller = Controller(CountingHandler(), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    stop.wait()
    controller.stop()


class SinkProcess:
    """The same aiosmtpd sink in a process of its own, so that it does not share an interpreter with a client."""

    def __init__(self) -> None:
        import multiprocessing

        self.port = free_port()
        self.ids_path = tempfile.NamedTemporaryFile(prefix="nps-sink-", delete=False).name  # noqa: SIM115
        self.counter = multiprocessing.Value("i", 0)
        self._ready = multiprocessing.Event()
        self._stop = multiprocessing.Event()
        self._process = multiprocessing.Process(
            target=_serve_sink, args=(self.port, self.ids_path, self.counter, self._ready, self._stop), daemon=True
        )

    def __enter__(self) -> SinkProcess:
        self._process.start()
        self._ready.wait(30)
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._process.join(10)

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    @property
    def count(self) -> int:
        return int(self.counter.value)

    def reset(self) -> None:
        with self.counter.get_lock():
            self.counter.value = 0
        Path(self.ids_path).write_text("")

    def message_ids(self) -> list[str]:
        return Path(self.ids_path).read_text().split()

    def wait_for(self, count: int, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while self.count < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"the SMTP sink got {self.count} of {count} messages in {timeout} s")
            time.sleep(0.05)
