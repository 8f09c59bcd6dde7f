"""Reads about customers that other apps rely on (consent and suppression checks at send time)."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet

from accounts import roles
from accounts.scoping import scope_to_department
from customers.choices import ConsentPurpose, ConsentStatus
from customers.models import Consent, Customer, ImportJob, Interaction, SuppressedAddress


def email_hash(email: str) -> str:
    """Keyed SHA-256 of the normalised address; the suppression list stores only this."""
    normalised = email.strip().lower().encode()
    return hmac.new(settings.SUPPRESSION_HASH_PEPPER.encode(), normalised, hashlib.sha256).hexdigest()


def email_is_suppressed(email: str) -> bool:
    if not email:
        return False
    return SuppressedAddress.objects.filter(email_hash=email_hash(email)).exists()


def consent_is_granted(customer: Customer, purpose: str = ConsentPurpose.SURVEY_EMAIL) -> bool:
    return Consent.objects.filter(customer=customer, purpose=purpose, status=ConsentStatus.GRANTED).exists()


# --- reads for pages and the API -----------------------------------------------------------------------------


def customers_visible_to(user: Any) -> QuerySet[Customer]:
    """Customers belong to the company, not to a department: every staff role reads all of them.

    Department scoping applies to what happens at touchpoints (interactions, cases), not to the person.
    Trainers have no business with customer data and see none (the views answer 403).
    """
    if not roles.has_role(user, roles.CX_STAFF):
        return Customer.objects.none()
    return Customer.objects.all()


def customer_search(queryset: QuerySet[Customer], term: str) -> QuerySet[Customer]:
    """Match every word of `term` against name, email or customer number."""
    for word in term.split()[:5]:
        queryset = queryset.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(email__icontains=word)
            | Q(external_ref__icontains=word)
        )
    return queryset


def interactions_visible_to(user: Any) -> QuerySet[Interaction]:
    """Managers and agents see interactions at their department's touchpoints; CCEO and admins see all."""
    if not roles.has_role(user, roles.CX_STAFF):
        return Interaction.objects.none()
    queryset = Interaction.objects.select_related("touchpoint", "customer")
    return scope_to_department(queryset, user, field="touchpoint__department")


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


def customer_base_export(customer: Customer) -> list[dict[str, Any]]:
    """The customers app's own records about one person (registered as GDPR exporter "customers")."""
    records: list[dict[str, Any]] = [
        {
            "type": "customer",
            "id": customer.pk,
            "external_ref": customer.external_ref,
            "email": customer.email,
            "first_name": customer.first_name,
            "last_name": customer.last_name,
            "language": customer.language,
            "segment": customer.segment,
            "created_at": _iso(customer.created_at),
            "updated_at": _iso(customer.updated_at),
            "erased_at": _iso(customer.erased_at),
        }
    ]
    for consent in customer.consents.prefetch_related("events").order_by("id"):
        records.append(
            {
                "type": "consent",
                "id": consent.pk,
                "purpose": consent.purpose,
                "status": consent.status,
                "text_version": consent.text_version,
                "source": consent.source,
                "evidence": consent.evidence,
                "requested_at": _iso(consent.requested_at),
                "granted_at": _iso(consent.granted_at),
                "withdrawn_at": _iso(consent.withdrawn_at),
                "ip": consent.ip,
                "events": [
                    {
                        "status": event.status,
                        "source": event.source,
                        "text_version": event.text_version,
                        "evidence": event.evidence,
                        "ip": event.ip,
                        "at": _iso(event.created_at),
                    }
                    for event in consent.events.all()
                ],
            }
        )
    for interaction in customer.interactions.select_related("touchpoint").order_by("occurred_at", "id"):
        records.append(
            {
                "type": "interaction",
                "id": interaction.pk,
                "touchpoint": interaction.touchpoint.slug,
                "channel": interaction.channel,
                "occurred_at": _iso(interaction.occurred_at),
                "external_id": interaction.external_id,
            }
        )
    return records


def customer_export(customer: Customer) -> dict[str, Any]:
    """GDPR Art. 15/20: every record of the person across all apps, by registered exporter name."""
    from django.utils import timezone

    from customers import gdpr

    return {
        "customer_id": customer.pk,
        "exported_at": timezone.now().isoformat(),
        "records": {name: exporter(customer) for name, exporter in sorted(gdpr.exporters().items())},
    }


def import_job_progress(job: ImportJob) -> dict[str, Any]:
    """Status for the progress bar: checking counts for the first half, writing for the second."""
    from django.core.cache import cache

    from customers.import_services import written_cache_key

    written = 0 if job.is_finished else int(cache.get(written_cache_key(job.pk)) or 0)
    total = max(job.total, 1)
    percent = 100 if job.is_finished else min(99, int((job.processed + written) * 50 / total))
    return {
        "id": job.pk,
        "status": job.status,
        "status_label": str(job.get_status_display()),
        "finished": job.is_finished,
        "total": job.total,
        "processed": job.processed,
        "percent": percent,
        "created": job.created,
        "updated": job.updated,
        "unchanged": job.unchanged,
        "errors": job.errors,
    }
