"""Thin Celery tasks: take ids, call a service."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="complaints.tasks.send_acknowledgement")
def send_acknowledgement(case_id: int) -> bool:
    from complaints.services import case_acknowledge_receipt

    return case_acknowledge_receipt(case_id=case_id)


@shared_task(name="complaints.tasks.send_public_reply")
def send_public_reply(case_id: int, event_id: int) -> bool:
    from complaints.note_services import case_send_public_reply

    return case_send_public_reply(case_id=case_id, event_id=event_id)


@shared_task(name="complaints.tasks.send_satisfaction_survey")
def send_satisfaction_survey(case_id: int) -> int | None:
    from complaints.satisfaction import case_send_satisfaction_survey

    return case_send_satisfaction_survey(case_id=case_id)


@shared_task(name="complaints.tasks.sla_scan")
def sla_scan() -> int:
    from complaints.escalation import sla_scan as run

    return run()
