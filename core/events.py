"""The platform's one event service.

Apps emit named domain events; the event is dispatched after the surrounding transaction commits to
in-process subscribers (how a later app reacts to an earlier one without being imported by it) and to
outbound webhooks. Subscribers register in their AppConfig.ready().
"""

from __future__ import annotations

import logging
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


def emit(event_type: str, payload: Payload) -> None:
    """Publish `event_type` once the current transaction commits (at once outside a transaction)."""
    if event_type not in _event_types:
        raise ValueError(f"unknown event type {event_type!r}")
    transaction.on_commit(lambda: dispatch(event_type, payload))


def dispatch(event_type: str, payload: Payload) -> None:
    for handler in list(_subscribers[event_type]):
        try:
            handler(event_type, payload)
        except Exception:
            # One broken subscriber must not stop the others nor the webhooks.
            logger.exception("event subscriber failed", extra={"event": event_type, "handler": repr(handler)})
    from core.webhooks.services import webhook_deliveries_create

    try:
        webhook_deliveries_create(event_type=event_type, payload=payload)
    except Exception:
        # The emitting transaction has committed already; its caller must not see a webhook problem.
        logger.exception("webhook deliveries could not be created", extra={"event": event_type})
