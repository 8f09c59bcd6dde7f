"""The platform's one event service.

Apps emit named domain events; the event is dispatched after the surrounding transaction commits to
in-process subscribers (how a later app reacts to an earlier one without being imported by it) and to
outbound webhooks. Subscribers register in their AppConfig.ready().

With a broker (REDIS_URL set, Celery not eager) the commit enqueues one `core.dispatch_event` task and the
subscribers and the webhook fan-out run in the worker, not in the web request. When the broker cannot take
the task the event is dispatched inline instead, so nothing is lost. Eager Celery (the embedded default and
the tests) dispatches inline after the commit.
"""

from __future__ import annotations

import logging
import uuid
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django_stubs_ext import StrOrPromise

logger = logging.getLogger(__name__)

Payload = dict[str, Any]
Handler = Callable[[str, Payload], None]

_event_types: dict[str, StrOrPromise] = {}
_subscribers: dict[str, list[Handler]] = defaultdict(list)


def register_event_type(name: str, description: StrOrPromise) -> None:
    """Declare an event type so admins can pick it for webhooks (the label stays lazy for translation)."""
    _event_types[name] = description


def event_types() -> dict[str, StrOrPromise]:
    return dict(sorted(_event_types.items()))


def subscribe(event_type: str, handler: Handler) -> None:
    if handler not in _subscribers[event_type]:
        _subscribers[event_type].append(handler)


def unsubscribe(event_type: str, handler: Handler) -> None:
    if handler in _subscribers[event_type]:
        _subscribers[event_type].remove(handler)


def emit(event_type: str, payload: Payload, *, event_id: str | None = None) -> None:
    """Publish `event_type` once the current transaction commits (at once outside a transaction).

    `event_id`: for an emitter that may repeat the same event (it names it deterministically); default a new one.
    """
    if event_type not in _event_types:
        raise ValueError(f"unknown event type {event_type!r}")
    # The id is fixed here, so a dispatch task that runs twice (late ack after a worker crash) creates no second
    # webhook delivery: deliveries are unique per (endpoint, event id).
    event_id = event_id or str(uuid.uuid4())
    transaction.on_commit(lambda: _publish(event_type, payload, event_id))


def _publish(event_type: str, payload: Payload, event_id: str) -> None:
    from core.queue import enqueue
    from core.tasks import dispatch_event

    enqueue(dispatch_event, event_type, payload, event_id)  # in-process when eager or the broker is down


def dispatch(event_type: str, payload: Payload, *, event_id: str | None = None) -> None:
    """Run the subscribers (which must be idempotent: a dispatch may repeat) and create the webhook deliveries."""
    for handler in list(_subscribers[event_type]):
        try:
            handler(event_type, payload)
        except Exception:
            # One broken subscriber must not stop the others nor the webhooks.
            logger.exception("event subscriber failed", extra={"event": event_type, "handler": repr(handler)})
    from core.webhooks.services import webhook_deliveries_create

    try:
        webhook_deliveries_create(event_type=event_type, payload=payload, event_id=event_id)
    except Exception:
        # The emitting transaction has committed already; its caller must not see a webhook problem.
        logger.exception("webhook deliveries could not be created", extra={"event": event_type})
