"""Writes with rules for the customer data pool: customers, suppression list, erasure, interactions.

Consent writes live in customers.consent_services and CSV imports in customers.import_services; both are
re-exported here so callers have one module to import from.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.scoping import can_see_department
from core import events
from core.errors import Conflict, count_by_model
from customers import gdpr
from customers.choices import ConsentStatus, Language, SuppressionReason
from customers.consent_services import (  # noqa: F401  (re-exported)
    consent_confirm,
    consent_record_documented,
    consent_request_double_opt_in,
    consent_send_confirmation,
    consent_withdraw,
)
from customers.import_services import (  # noqa: F401  (re-exported)
    ImportOutcome,
    ImportResult,
    customer_import_file,
    customer_import_start,
    import_job_run,
)
from customers.models import Consent, ConsentEvent, Customer, ErasureLog, Interaction, SuppressedAddress
from customers.selectors import email_hash
from touchpoints.models import Touchpoint

if TYPE_CHECKING:
    from accounts.models import User

ERASED_PREFIX = "erased-"
CUSTOMER_FIELDS = ("external_ref", "email", "first_name", "last_name", "language", "segment")
_MAX_LENGTHS = {"external_ref": 64, "email": 254, "first_name": 100, "last_name": 100, "segment": 60}


def _clean_customer_data(data: dict[str, Any]) -> dict[str, str]:
    """Normalise and check the writable customer fields; raises ValidationError with every field message."""
    cleaned = {key: str(value).strip() for key, value in data.items() if key in CUSTOMER_FIELDS and value is not None}
    errors: dict[str, str] = {}
    if "external_ref" in cleaned:
        ref = cleaned["external_ref"]
        if not ref:
            errors["external_ref"] = _("Bitte geben Sie eine Kundennummer an.")
        elif ref.lower().startswith(ERASED_PREFIX):
            errors["external_ref"] = _("Kundennummern, die mit „erased-“ beginnen, sind gelöschten Daten vorbehalten.")
    if cleaned.get("email"):
        try:
            validate_email(cleaned["email"])
        except ValidationError:
            errors["email"] = _("Bitte geben Sie eine gültige E-Mail-Adresse ein.")
    if "language" in cleaned:
        cleaned["language"] = cleaned["language"].lower() or Language.DE
        if cleaned["language"] not in Language.values:
            errors["language"] = _("Die Sprache muss „de“ oder „en“ sein.")
    for field, limit in _MAX_LENGTHS.items():
        if len(cleaned.get(field, "")) > limit and field not in errors:
            errors[field] = _("Höchstens %(limit)d Zeichen.") % {"limit": limit}
    if errors:
        raise ValidationError(errors)
    return cleaned


def _duplicate_ref_error() -> ValidationError:
    return ValidationError({"external_ref": _("Es gibt bereits eine Kundin / einen Kunden mit dieser Kundennummer.")})


def customer_create(
    *,
    external_ref: str,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    language: str = Language.DE,
    segment: str = "",
    actor: User | None = None,
) -> Customer:
    """Create a customer profile (`actor`: the staff member, None for the customer's own forms and integrations)."""
    cleaned = _clean_customer_data(
        {
            "external_ref": external_ref,
            "email": email,
            "first_name": first_name,
            "last_name": last_name,
            "language": language,
            "segment": segment,
        }
    )
    if Customer.objects.filter(external_ref=cleaned["external_ref"]).exists():
        raise _duplicate_ref_error()
    try:
        with transaction.atomic():
            customer = Customer.objects.create(**cleaned)
            events.emit("customer.created", {"customer_id": customer.pk, "external_ref": customer.external_ref})
    except IntegrityError:  # a concurrent create won the unique constraint
        raise _duplicate_ref_error() from None
    return customer


def customer_update(*, actor: User, customer: Customer, changes: dict[str, Any]) -> Customer:
    """Change the given fields (others stay as they are); erased customers cannot be changed."""
    if customer.is_erased:
        raise ValidationError({"customer": _("Die Daten dieser Person wurden gelöscht.")})
    cleaned = _clean_customer_data(changes)
    if (
        cleaned.get("external_ref", customer.external_ref) != customer.external_ref
        and Customer.objects.filter(external_ref=cleaned["external_ref"]).exclude(pk=customer.pk).exists()
    ):
        raise _duplicate_ref_error()
    for field, value in cleaned.items():
        setattr(customer, field, value)
    try:
        with transaction.atomic():
            customer.save()
    except IntegrityError:
        raise _duplicate_ref_error() from None
    return customer


def customer_delete(*, actor: User, customer: Customer) -> None:
    """Hard delete (admin only). Records of other apps protect a customer (409): erase them instead."""
    try:
        with transaction.atomic():
            customer.delete()
    except (ProtectedError, RestrictedError) as exc:
        protected = exc.protected_objects if isinstance(exc, ProtectedError) else exc.restricted_objects
        raise Conflict(
            _("Zu dieser Person gibt es weitere Datensätze. Bitte nutzen Sie „Daten löschen (DSGVO)“."),
            used_by=count_by_model(protected),
        ) from None


def suppression_add(*, email: str, reason: str = SuppressionReason.ADMIN) -> SuppressedAddress | None:
    """Put an address on the suppression list; only its keyed hash is stored. Idempotent."""
    if not email.strip():
        return None
    entry, _created = SuppressedAddress.objects.get_or_create(email_hash=email_hash(email), defaults={"reason": reason})
    return entry


def customer_erase(*, customer: Customer, actor: User | None = None) -> ErasureLog:
    """GDPR Art. 17: replace personal data by a pseudonym, keep pseudonymous facts, suppress the address.

    Interactions, consent dates and segment stay for statistics; names, email, reference, consent evidence and
    IP addresses go. Every app's registered eraser runs in the same transaction. Erasing twice changes nothing.
    """
    with transaction.atomic():
        customer = Customer.objects.select_for_update().get(pk=customer.pk)
        if customer.is_erased:
            log = ErasureLog.objects.filter(customer_pk=customer.pk).first()
            if log is not None:
                return log
        if customer.email:
            suppression_add(email=customer.email, reason=SuppressionReason.ERASURE)
        for consent in Consent.objects.select_for_update().filter(customer=customer):
            if consent.status != ConsentStatus.WITHDRAWN:
                consent_withdraw(customer=customer, purpose=consent.purpose, source="erasure", actor=actor)
        Consent.objects.filter(customer=customer).update(evidence="", ip=None)
        ConsentEvent.objects.filter(consent__customer=customer).update(evidence="", ip=None)
        ran: list[str] = []
        for name, eraser in gdpr.erasers().items():
            eraser(customer)
            ran.append(name)
        customer.external_ref = f"{ERASED_PREFIX}{customer.pk}"
        customer.email = ""
        customer.first_name = ""
        customer.last_name = ""
        customer.erased_at = timezone.now()
        customer.save()
        actor_user = actor if actor is not None and actor.pk else None
        return ErasureLog.objects.create(customer=customer, customer_pk=customer.pk, actor=actor_user, erasers=ran)


def interaction_create(
    *,
    customer: Customer,
    touchpoint: Touchpoint,
    occurred_at: dt.datetime,
    external_id: str,
    channel: str = "",
    actor: User | None = None,
) -> tuple[Interaction, bool]:
    """Record an interaction once per external_id; returns (interaction, created).

    Staff of one department (`actor` a manager or agent) record interactions at their department's touchpoints
    only. Race-safe: the unique constraint on external_id decides; the loser gets the winner's row.
    """
    if actor is not None and not can_see_department(actor, touchpoint.department_id):
        raise ValidationError(
            {"touchpoint": _("Sie dürfen nur Interaktionen an Kontaktpunkten Ihrer Abteilung erfassen.")}
        )
    external_id = external_id.strip()
    errors: dict[str, str] = {}
    if not external_id:
        errors["external_id"] = _("Bitte geben Sie eine externe ID an.")
    if timezone.is_naive(occurred_at):
        errors["occurred_at"] = _("Bitte geben Sie den Zeitpunkt mit Zeitzone an.")
    elif occurred_at > timezone.now() + dt.timedelta(days=1):
        errors["occurred_at"] = _("Der Zeitpunkt darf nicht in der Zukunft liegen.")
    if customer.is_erased:
        errors["customer"] = _("Die Daten dieser Person wurden gelöscht.")
    if errors:
        raise ValidationError(errors)
    existing = Interaction.objects.select_related("touchpoint").filter(external_id=external_id).first()
    if existing is not None:
        return _known(existing, actor), False
    try:
        with transaction.atomic():
            interaction = Interaction.objects.create(
                customer=customer,
                touchpoint=touchpoint,
                occurred_at=occurred_at,
                external_id=external_id,
                channel=channel or touchpoint.channel,
            )
            events.emit(
                "interaction.created",
                {
                    "interaction_id": interaction.pk,
                    "customer_id": customer.pk,
                    "touchpoint_id": touchpoint.pk,
                    "touchpoint_slug": touchpoint.slug,
                    "department_id": touchpoint.department_id,
                    "occurred_at": interaction.occurred_at.astimezone(dt.UTC).isoformat(),
                },
            )
    except IntegrityError:
        return _known(Interaction.objects.select_related("touchpoint").get(external_id=external_id), actor), False
    return interaction, True


def _known(interaction: Interaction, actor: User | None) -> Interaction:
    """The first record of a repeated external_id, unless it lies in a department the actor may not see."""
    if actor is not None and not can_see_department(actor, interaction.touchpoint.department_id):
        raise ValidationError({"external_id": _("Diese externe ID ist bereits vergeben.")})
    return interaction
