"""Thin Celery tasks: take ids, call the training services."""

from __future__ import annotations

from celery import shared_task

from training import certificates, reminders


@shared_task(ignore_result=True)
def certificate_generate(record_id: int) -> None:
    certificates.certificate_generate(record_id=record_id)


@shared_task(ignore_result=True)
def expiry_reminders_scan() -> None:
    for record_id in reminders.expiry_reminders_due():
        expiry_reminder_send.delay(record_id)


@shared_task(ignore_result=True)
def expiry_reminder_send(record_id: int) -> None:
    reminders.expiry_reminder_send(record_id=record_id)


@shared_task(ignore_result=True)
def monthly_summaries_scan() -> None:
    for trainer_id in reminders.monthly_summaries_due():
        monthly_summary_send.delay(trainer_id)


@shared_task(ignore_result=True)
def monthly_summary_send(trainer_id: int) -> None:
    reminders.monthly_summary_send(trainer_id=trainer_id)
