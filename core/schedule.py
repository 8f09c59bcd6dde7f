"""One registry of periodic jobs for the whole platform.

Apps register their periodic tasks in AppConfig.ready(). With Redis, Celery beat (django-celery-beat's
database scheduler) picks them up from `celery_app.conf.beat_schedule`; in the embedded default the
`runbackground` management command runs the same registry in-process.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    task: str
    seconds: float


_jobs: dict[str, PeriodicJob] = {}


def register_periodic(name: str, *, task: str, seconds: float) -> None:
    from cx_platform.celery import app

    job = PeriodicJob(name=name, task=task, seconds=seconds)
    _jobs[name] = job
    app.conf.beat_schedule = {
        **(app.conf.beat_schedule or {}),
        name: {"task": task, "schedule": seconds},
    }


def periodic_jobs() -> list[PeriodicJob]:
    return sorted(_jobs.values(), key=lambda job: job.name)
