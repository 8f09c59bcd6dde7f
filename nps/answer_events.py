"""The worker's half of an answer: emit its response.* events, mark the invitation answered, notify departments.

nps.answers records an answer with one statement and sets `event_state` on the response; this module finishes it
in batches (the periodic `nps.tasks.responses_dispatch_events`, or in-process right after the answer when Celery
runs eagerly).
"""

from __future__ import annotations

import functools
import uuid
from typing import Any

from django.db import connection, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from core import events
from nps.choices import EventState, InvitationStatus
from nps.models import Invitation, Response


def response_payload(response: Response, invitation: Invitation) -> dict[str, Any]:
    return {
        "response_id": response.pk,
        "invitation_id": invitation.pk,
        "survey_id": response.survey_id,
        "survey_kind": invitation.survey.kind,
        "score": response.score,
        "category": response.category,
        "comment": response.comment,
        "touchpoint_id": response.touchpoint_id,
        "department_id": response.department_id,
        "customer_id": response.customer_id,
        "needs_follow_up": response.needs_follow_up,
        "context": invitation.context,
        "extra_scores": response.extra_scores,
    }


def _event_id(response: Response) -> str:
    """The same answer state always gets the same event id: a repeated dispatch adds no second webhook delivery."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"cx:nps-response:{response.pk}:{response.edits}"))


EVENT_NAMES = {EventState.CREATED: "response.created", EventState.UPDATED: "response.updated"}
DISPATCH_BATCH = 500


def responses_dispatch_events(*, response_ids: list[int] | None = None, limit: int = DISPATCH_BATCH) -> int:
    """Emit the pending response.created / response.updated events, mark the invitations answered and notify
    departments of new detractors (what the answer's one statement left to the worker).

    Rows are claimed with FOR UPDATE SKIP LOCKED (two workers never emit the same event) and cleared in the same
    transaction as the events are recorded; an answer edited meanwhile waits for the lock and marks the row again.
    Returns the number of events emitted.
    """
    from nps import tasks

    now = timezone.now()
    with transaction.atomic():
        pending = Response.objects.filter(event_state__gt=EventState.NONE)
        if response_ids is not None:
            pending = pending.filter(pk__in=response_ids)
        rows = list(
            pending.select_related("invitation__survey")
            .select_for_update(of=("self",), skip_locked=connection.features.has_select_for_update_skip_locked)
            .order_by("pk")[:limit]
        )
        notify: list[int] = []
        for response in rows:
            events.emit(
                EVENT_NAMES[EventState(response.event_state)],
                response_payload(response, response.invitation),
                event_id=_event_id(response),
            )
            if response.needs_follow_up and response.department_id and response.department_notified_at is None:
                notify.append(response.pk)
        Response.objects.filter(pk__in=[r.pk for r in rows]).update(event_state=EventState.NONE)
        Invitation.objects.filter(pk__in=[r.invitation_id for r in rows]).exclude(
            status=InvitationStatus.ANSWERED
        ).update(
            status=InvitationStatus.ANSWERED,
            answered_at=Subquery(Response.objects.filter(invitation=OuterRef("pk")).values("submitted_at")[:1]),
        )
        Response.objects.filter(pk__in=notify).update(department_notified_at=now)
        for response_id in notify:
            transaction.on_commit(functools.partial(tasks.response_notify_department.delay, response_id=response_id))
    return len(rows)
