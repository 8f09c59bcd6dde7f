"""The feedback app's GDPR export/erasure handlers and profile timeline entries (registered in apps.py)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from customers.models import Customer
from customers.timeline import TimelineEntry
from feedback.models import Feedback
from feedback.services import feedback_erase_for_customer

LIMIT = 200


def _of(customer: Customer) -> QuerySet[Feedback]:
    condition = Q(customer=customer)
    if customer.email:
        condition |= Q(contact_email__iexact=customer.email)
    return Feedback.objects.filter(condition).select_related("touchpoint").prefetch_related("topics")


def export_feedback(customer: Customer) -> list[dict[str, Any]]:
    return [
        {
            "type": "feedback",
            "id": item.pk,
            "kind": item.kind,
            "text": item.text,
            "rating": item.rating,
            "touchpoint": item.touchpoint.slug,
            "channel": item.channel,
            "language": item.language,
            "sentiment": item.sentiment,
            "topics": sorted(t.name for t in item.topics.all()),
            "status": item.status,
            "contact_name": item.contact_name,
            "contact_email": item.contact_email,
            "contact_consent": item.contact_consent,
            "consent_text_version": item.consent_text_version,
            "consent_given_at": item.consent_given_at.isoformat() if item.consent_given_at else None,
            "created_at": item.created_at.isoformat(),
        }
        for item in _of(customer).order_by("created_at", "id")
    ]


def erase_feedback(customer: Customer) -> None:
    feedback_erase_for_customer(customer=customer)


def timeline_entries(customer: Customer) -> list[TimelineEntry]:
    items = Feedback.objects.filter(customer=customer).select_related("touchpoint").order_by("-created_at")[:LIMIT]
    return [
        TimelineEntry(
            when=item.created_at,
            kind="feedback",
            title=_("Feedback (%(kind)s): %(touchpoint)s")
            % {"kind": item.get_kind_display(), "touchpoint": item.touchpoint.name},
            detail=f"{item.get_sentiment_display()} · {item.text[:140]}",
            url=reverse("feedback:detail", args=[item.pk]),
            department_id=item.department_id,
        )
        for item in items
    ]
