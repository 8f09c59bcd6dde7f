from __future__ import annotations

import io
import logging
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.utils import timezone

from core.management.commands import runbackground
from core.management.commands.runbackground import Scheduler, run_job
from core.models import WebhookDelivery
from core.schedule import PeriodicJob, periodic_jobs
from tests.core.factories import WebhookDeliveryFactory, WebhookEndpointFactory

calls: list[str] = []


def job_that_works() -> None:
    calls.append("works")


def job_that_fails() -> None:
    raise RuntimeError("kaputt")


def job_with_a_locked_database() -> None:
    raise OperationalError("database is locked")


def test_the_webhook_retry_job_is_registered():
    [job] = [job for job in periodic_jobs() if job.name == "core.webhooks.retry_due"]
    assert job.task == "core.tasks.webhook_deliveries_retry_due_task"
    assert job.seconds == 60


@pytest.mark.django_db(transaction=True)
def test_once_runs_the_registered_jobs_and_sends_due_retries(webhook_receiver):
    delivery = WebhookDeliveryFactory(
        endpoint=WebhookEndpointFactory(url=webhook_receiver.url),
        attempts=1,
        next_attempt_at=timezone.now() - timedelta(seconds=5),
    )
    out = io.StringIO()
    call_command("runbackground", "--once", stdout=out)
    assert f"ran {len(periodic_jobs())} job(s)" in out.getvalue()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (WebhookDelivery.Status.DELIVERED, 2)
    assert len(webhook_receiver.requests) == 1


# transaction=True throughout: run_job releases connections between jobs, which a wrapping test transaction forbids.
@pytest.mark.django_db(transaction=True)
def test_a_failing_job_is_logged_and_the_others_still_run(monkeypatch, caplog):
    calls.clear()
    jobs = [
        PeriodicJob(name="a.fails", task=f"{__name__}.job_that_fails", seconds=60),
        PeriodicJob(name="b.locked", task=f"{__name__}.job_with_a_locked_database", seconds=60),
        PeriodicJob(name="c.works", task=f"{__name__}.job_that_works", seconds=60),
    ]
    monkeypatch.setattr(runbackground, "periodic_jobs", lambda: jobs)
    out = io.StringIO()
    with caplog.at_level(logging.ERROR, logger="cx.background"):
        call_command("runbackground", "--once", stdout=out)
    assert calls == ["works"]
    assert "ran 3 job(s), 2 failed: a.fails, b.locked" in out.getvalue()
    assert caplog.text.count("periodic job failed") == 2


@pytest.mark.django_db(transaction=True)
def test_a_celery_task_runs_in_process():
    job = PeriodicJob(name="x", task="core.tasks.webhook_deliveries_retry_due_task", seconds=60)
    assert run_job(job) is True
    assert run_job(PeriodicJob(name="y", task="core.tasks.does_not_exist", seconds=60)) is False


def test_the_scheduler_runs_each_job_every_its_seconds():
    now = [1000.0]
    jobs = [PeriodicJob(name="fast", task="t.fast", seconds=10), PeriodicJob(name="slow", task="t.slow", seconds=60)]
    scheduler = Scheduler(jobs, clock=lambda: now[0])
    ran: list[str] = []

    def runner(job: PeriodicJob) -> bool:
        ran.append(job.name)
        return job.name != "slow"

    assert scheduler.tick(runner) == [("fast", True), ("slow", False)]  # every job once at start
    for _ in range(12):  # one minute in 5-second ticks
        now[0] += 5
        scheduler.tick(runner)
    assert ran.count("fast") == 7
    assert ran.count("slow") == 2  # a failed run waits for its next turn like any other


@pytest.mark.django_db(transaction=True)
def test_the_loop_runs_until_sigterm(monkeypatch):
    import os
    import signal
    import threading

    calls.clear()
    monkeypatch.setattr(
        runbackground,
        "periodic_jobs",
        lambda: [PeriodicJob(name="w", task=f"{__name__}.job_that_works", seconds=0.1)],
    )
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    timer = threading.Timer(0.6, os.kill, args=(os.getpid(), signal.SIGTERM))
    timer.start()
    try:
        call_command("runbackground", "--tick", "0.05", stdout=io.StringIO())
    finally:
        timer.cancel()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    assert 3 <= len(calls) <= 8
