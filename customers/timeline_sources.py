"""The customers app's own entries on the profile timeline: interactions and consent changes."""

from __future__ import annotations

from django.utils.translation import gettext as _

from customers.models import ConsentEvent, Customer
from customers.timeline import TimelineEntry

LIMIT = 200


def interaction_entries(customer: Customer) -> list[TimelineEntry]:
    interactions = customer.interactions.select_related("touchpoint").order_by("-occurred_at")[:LIMIT]
    return [
        TimelineEntry(
            when=interaction.occurred_at,
            kind="interaction",
            title=_("Kontakt: %(touchpoint)s") % {"touchpoint": interaction.touchpoint.name},
            detail=str(interaction.get_channel_display()),
            department_id=interaction.touchpoint.department_id,
        )
        for interaction in interactions
    ]


def consent_entries(customer: Customer) -> list[TimelineEntry]:
    consent_events = ConsentEvent.objects.filter(consent__customer=customer).select_related("consent")
    return [
        TimelineEntry(
            when=event.created_at,
            kind="consent",
            title=_("Einwilligung %(purpose)s: %(status)s")
            % {"purpose": event.consent.get_purpose_display(), "status": event.get_status_display()},
            detail=event.source,
            company_wide=True,  # the customer's own consent: every staff role reads it
        )
        for event in consent_events.order_by("-created_at")[:LIMIT]
    ]
