"""The in-process scheduler of the embedded default (no Redis, no Celery beat).

Runs every job of core.schedule.periodic_jobs() each `seconds`, in this process, until SIGINT/SIGTERM.
A failing job (including a briefly locked SQLite database) is logged and tried again at its next turn.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections
from django.utils.module_loading import import_string

from core.schedule import PeriodicJob, periodic_jobs

logger = logging.getLogger("cx.background")


def _release_connections() -> None:
    # A failed statement (e.g. "database is locked") must not leave a broken connection for the next run.
    try:
        close_old_connections()
    except Exception:
        logger.exception("could not release database connections")


def run_job(job: PeriodicJob) -> bool:
    """Run one job in-process; True on success. Never raises."""
    _release_connections()
    try:
        task = import_string(job.task)
        if hasattr(task, "apply"):
            task.apply(throw=True)  # a Celery task, executed here and now
        else:
            task()
    except Exception:
        logger.exception("periodic job failed", extra={"job": job.name, "task": job.task})
        return False
    finally:
        _release_connections()
    return True


class Scheduler:
    """Decides which jobs are due; the clock is injectable so the timing can be tested without sleeping."""

    def __init__(self, jobs: list[PeriodicJob], *, clock: Callable[[], float] = time.monotonic) -> None:
        self.jobs = jobs
        self.clock = clock
        self.last_run: dict[str, float] = {}

    def due(self) -> list[PeriodicJob]:
        now = self.clock()
        return [
            job for job in self.jobs if job.name not in self.last_run or now - self.last_run[job.name] >= job.seconds
        ]

    def tick(self, runner: Callable[[PeriodicJob], bool] = run_job) -> list[tuple[str, bool]]:
        results = []
        for job in self.due():
            self.last_run[job.name] = self.clock()
            results.append((job.name, runner(job)))
        return results


class Command(BaseCommand):
    help = "Runs the periodic background jobs in-process (embedded default without Redis)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Run every job once and exit.")
        parser.add_argument("--tick", type=float, default=1.0, help="Seconds between checks for due jobs.")

    def handle(self, *args: Any, **options: Any) -> None:
        jobs = periodic_jobs()
        scheduler = Scheduler(jobs)
        if options["once"]:
            results = scheduler.tick()
            failed = [name for name, ok in results if not ok]
            summary = f"ran {len(results)} job(s), {len(failed)} failed"
            self.stdout.write(summary + (": " + ", ".join(failed) if failed else ""))
            return

        stop = threading.Event()

        def request_stop(signum: int, frame: Any) -> None:
            logger.info("background scheduler stopping", extra={"signal": signum})
            stop.set()

        signal.signal(signal.SIGINT, request_stop)
        signal.signal(signal.SIGTERM, request_stop)
        logger.info("background scheduler started", extra={"jobs": [job.name for job in jobs]})
        self.stdout.write(f"background scheduler: {len(jobs)} job(s): {', '.join(job.name for job in jobs)}")
        while not stop.is_set():
            try:
                scheduler.tick()
            except Exception:  # the loop itself must survive anything a tick throws
                logger.exception("background scheduler tick failed")
            stop.wait(options["tick"])
        logger.info("background scheduler stopped")
