"""GDPR hooks and the profile timeline for NPS data about one customer."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from customers.models import Customer
from customers.timeline import TimelineEntry
from nps.choices import InvitationStatus, SkipReason
from nps.models import Invitation, Response


def export_customer(customer: Customer) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for invitation in Invitation.objects.filter(customer=customer).select_related("survey").order_by("pk"):
        rows.append(
            {
                "type": "nps_invitation",
                "survey": invitation.survey.name,
                "status": invitation.status,
                "sent_at": invitation.sent_at.isoformat() if invitation.sent_at else None,
                "reminders_sent": invitation.reminders_sent,
            }
        )
    for response in Response.objects.filter(customer=customer).select_related("survey").order_by("pk"):
        rows.append(
            {
                "type": "nps_response",
                "survey": response.survey.name,
                "score": response.score,
                "comment": response.comment,
                "extra_scores": response.extra_scores,
                "submitted_at": response.submitted_at.isoformat(),
            }
        )
    return rows


def erase_customer(customer: Customer) -> None:
    """Scores stay for the statistics, detached from the person; free text and pending mails go."""
    # updated_at moves so that the dashboard's next incremental rollup regroups the scores (segment gone) at once.
    Response.objects.filter(customer=customer).update(
        customer=None, comment="", segment="", updated_at=timezone.now()
    )
    Invitation.objects.filter(customer=customer, status=InvitationStatus.QUEUED).update(
        status=InvitationStatus.SKIPPED, skip_reason=SkipReason.ERASED
    )
    Invitation.objects.filter(customer=customer).update(context={})


def timeline_entries(customer: Customer) -> list[TimelineEntry]:
    """The customer's answers, owned by the answer's department (else its touchpoint's): scoped on the profile."""
    entries = []
    answers = Response.objects.filter(customer=customer).select_related("survey", "touchpoint")[:50]
    for response in answers:
        department_id = response.department_id
        if department_id is None and response.touchpoint is not None:
            department_id = response.touchpoint.department_id
        entries.append(
            TimelineEntry(
                when=response.submitted_at,
                kind="response",
                title=_("NPS-Antwort: %(score)s (%(survey)s)")
                % {"score": response.score, "survey": response.survey.name},
                detail=response.comment[:300],
                url=reverse("nps:survey-detail", args=[response.survey_id]),
                department_id=department_id,
            )
        )
    return entries
