"""Thin Celery tasks of the feedback app: take ids, call a service."""

from __future__ import annotations

from celery import shared_task

from feedback import services


@shared_task(name="feedback.tasks.retag_topics")
def retag_topics() -> int:
    return services.feedback_retag_topics()


@shared_task(name="feedback.tasks.notify_action_contacts")
def notify_action_contacts(action_id: int) -> dict[str, int]:
    return services.action_notify_contacts(action_id=action_id)
