"""Thin Celery tasks: take ids, call a service."""

from __future__ import annotations

from celery import shared_task

from customers import consent_services, import_services


@shared_task(
    name="customers.tasks.consent_send_confirmation", autoretry_for=(OSError,), retry_backoff=True, max_retries=5
)
def consent_send_confirmation(consent_id: int, requested_at: str) -> bool:
    return consent_services.consent_send_confirmation(consent_id=consent_id, requested_at=requested_at)


@shared_task(name="customers.tasks.customer_import_run")
def customer_import_run(job_id: int) -> bool:
    return import_services.import_job_run(job_id=job_id)
