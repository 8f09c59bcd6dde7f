"""Thin Celery tasks of the platform: take ids, call a service."""

from __future__ import annotations

from typing import Any

from celery import shared_task

from core import events
from core.webhooks import services


@shared_task(name="core.dispatch_event", ignore_result=True)
def dispatch_event(event_type: str, payload: dict[str, Any], event_id: str | None = None) -> None:
    """Run the subscribers and the webhook fan-out of one committed event (enqueued by core.events.emit)."""
    events.dispatch(event_type, payload, event_id=event_id)


@shared_task(name="core.tasks.webhook_delivery_send_task", ignore_result=True)
def webhook_delivery_send_task(delivery_id: int) -> str:
    return services.webhook_delivery_send(delivery_id=delivery_id).value


@shared_task(name="core.tasks.webhook_deliveries_retry_due_task", ignore_result=True)
def webhook_deliveries_retry_due_task() -> int:
    return services.webhook_deliveries_retry_due()
