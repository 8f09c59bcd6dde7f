"""Handing work from a request to the Celery worker: after the commit, and never failing the request.

With the broker unreachable (Redis down), the publish fails within ~0.1 s (the broker transport does not retry
its connect, settings.CELERY_BROKER_TRANSPORT_OPTIONS) and the task runs here, in-process, as it would with
Celery eager: the request takes longer, but its email goes out and its import runs. A task failing inline is
logged, never raised into the request, like a task failing on a worker.
"""

from __future__ import annotations

import functools
import logging
from typing import Any

from celery import Task
from django.db import transaction

logger = logging.getLogger(__name__)


def enqueue(task: Task, *args: Any, **kwargs: Any) -> bool:
    """Queue `task`; True when the broker took it (or Celery is eager), False when it ran here instead."""
    if task.app.conf.task_always_eager:
        task.apply_async(args=args, kwargs=kwargs)
        return True
    try:
        task.apply_async(args=args, kwargs=kwargs, retry=False)
        return True
    except Exception:
        logger.warning("broker unreachable: running the task in-process", exc_info=True, extra={"task": task.name})
    result = task.apply(args=args, kwargs=kwargs, throw=False)
    if result.failed():
        logger.error("in-process task failed", extra={"task": task.name, "error": repr(result.result)})
    return False


def enqueue_on_commit(task: Task, *args: Any, **kwargs: Any) -> None:
    """enqueue() once the current transaction has committed (at once outside one)."""
    transaction.on_commit(functools.partial(enqueue, task, *args, **kwargs))
