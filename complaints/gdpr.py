"""GDPR hooks and the customer-profile timeline entries of the complaints app (registered in ready())."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.urls import reverse
from django.utils.translation import gettext as _

from complaints.models import Case, CaseAttachment, CaseEvent

if TYPE_CHECKING:
    from customers.models import Customer
    from customers.timeline import TimelineEntry


def export_cases(customer: Customer) -> list[dict[str, Any]]:
    rows = []
    for case in Case.objects.filter(customer=customer).select_related("category", "touchpoint").order_by("created_at"):
        rows.append(
            {
                "reference": case.reference,
                "created_at": case.created_at.isoformat(),
                "channel": case.channel,
                "touchpoint": str(case.touchpoint or ""),
                "category": str(case.category or ""),
                "status": case.status,
                "description": case.description,
                "remedy_sought": case.remedy_sought,
                "outcome": case.outcome,
                "remedy_granted": case.remedy_granted,
                "public_replies": [
                    {"at": e.created_at.isoformat(), "text": e.text}
                    for e in case.events.filter(public=True).order_by("created_at")
                ],
            }
        )
    return rows


def erase_cases(customer: Customer) -> None:
    """Remove free text and files that may carry personal data; keep the pseudonymous facts for the KPIs."""
    cases = Case.objects.filter(customer=customer)
    for attachment in CaseAttachment.objects.filter(case__in=cases):
        attachment.file.delete(save=False)
        attachment.delete()
    CaseEvent.objects.filter(case__in=cases).exclude(text="").update(text="[gelöscht]")
    cases.update(
        description="[gelöscht]", remedy_sought="", remedy_granted="", rejection_reason="", corrective_action=""
    )


def timeline_entries(customer: Customer) -> list[TimelineEntry]:
    from customers.timeline import TimelineEntry

    return [
        TimelineEntry(
            when=case.created_at,
            kind="case",
            title=_("Beschwerde %(reference)s (%(status)s)")
            % {"reference": case.reference, "status": case.get_status_display()},
            detail=str(case.category or case.get_channel_display()),
            url=reverse("complaints:detail", args=[case.pk]),
            department_id=case.department_id,
        )
        for case in Case.objects.filter(customer=customer).select_related("category").order_by("-created_at")[:50]
    ]
