"""Thin Celery tasks of the platform: take ids, call a service."""

from __future__ import annotations

from celery import shared_task

from core.webhooks import services


@shared_task(name="core.tasks.webhook_delivery_send_task", ignore_result=True)
def webhook_delivery_send_task(delivery_id: int) -> str:
    return services.webhook_delivery_send(delivery_id=delivery_id).value


@shared_task(name="core.tasks.webhook_deliveries_retry_due_task", ignore_result=True)
def webhook_deliveries_retry_due_task() -> int:
    return services.webhook_deliveries_retry_due()
