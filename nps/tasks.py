"""Thin Celery tasks: each calls one service and is safe to run twice."""

from __future__ import annotations

from celery import shared_task

from nps import answer_events, notifications, sending, services


@shared_task(name="nps.tasks.invitations_dispatch", ignore_result=True)
def invitations_dispatch(max_batches: int | None = None) -> dict[str, int]:
    result = sending.invitations_dispatch(max_batches=max_batches)
    if result.more and not invitations_dispatch.app.conf.task_always_eager:
        invitations_dispatch.apply_async(retry=False)  # a big wave continues without waiting for the next beat
    return {"claimed": result.claimed, "sent": result.sent, "skipped": result.skipped, "failed": result.failed}


@shared_task(name="nps.tasks.invitations_housekeeping", ignore_result=True)
def invitations_housekeeping() -> dict[str, int]:
    return {
        "reminders": sending.invitations_queue_reminders(),
        "expired": sending.invitations_expire(),
        "campaigns": services.campaigns_refresh(),
    }


@shared_task(name="nps.tasks.response_notify_department", ignore_result=True)
def response_notify_department(response_id: int) -> int:
    return notifications.response_notify_department(response_id=response_id)


@shared_task(name="nps.tasks.responses_dispatch_events", ignore_result=True)
def responses_dispatch_events() -> int:
    """Emit the answers' pending events; a full batch continues at once instead of waiting for the next beat."""
    emitted = answer_events.responses_dispatch_events()
    if emitted >= answer_events.DISPATCH_BATCH and not responses_dispatch_events.app.conf.task_always_eager:
        responses_dispatch_events.apply_async(retry=False)
    return emitted
