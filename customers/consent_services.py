"""Consent writes: double opt-in, documented consent, withdrawal. Every change is logged and emitted.

Survey emails are advertising under § 7 UWG: they need a recorded, confirmed consent. Two ways lead to one:
a double opt-in (the customer confirms a signed link by POST, so mail scanners that follow links cannot confirm)
or a documented grant by a CX admin with source and evidence. Withdrawal is one click from any email.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts import roles
from core import events
from core.queue import enqueue
from customers import tokens
from customers.choices import ConsentPurpose, ConsentStatus, SuppressionReason
from customers.models import Consent, ConsentEvent, Customer
from customers.selectors import email_is_suppressed

if TYPE_CHECKING:
    from accounts.models import User

logger = logging.getLogger(__name__)


def _check_purpose(purpose: str) -> None:
    if purpose not in ConsentPurpose.values:
        raise ValidationError({"purpose": _("Unbekannter Zweck der Einwilligung.")})


def _check_not_erased(customer: Customer) -> None:
    if customer.is_erased:
        raise ValidationError({"customer": _("Die Daten dieser Person wurden gelöscht.")})


def _log(
    consent: Consent,
    *,
    source: str,
    evidence: str = "",
    ip: str | None = None,
    actor: User | None = None,
) -> ConsentEvent:
    event = ConsentEvent.objects.create(
        consent=consent,
        status=consent.status,
        source=source[:120],
        text_version=consent.text_version,
        evidence=evidence,
        ip=ip,
        actor=actor if actor is not None and actor.pk else None,
    )
    events.emit(
        "consent.changed",
        {
            "consent_id": consent.pk,
            "customer_id": consent.customer_id,
            "purpose": consent.purpose,
            "status": consent.status,
            "source": event.source,
            "changed_at": event.created_at.isoformat(),
        },
    )
    return event


def _locked_consent(customer: Customer, purpose: str, *, text_version: str, source: str) -> Consent:
    # Lock the customer row first so two simultaneous first requests for one customer queue up here instead of
    # racing for the (customer, purpose) unique constraint.
    Customer.objects.select_for_update().filter(pk=customer.pk).first()
    consent, _created = Consent.objects.select_for_update().get_or_create(
        customer=customer,
        purpose=purpose,
        defaults={"text_version": text_version, "source": source[:120], "status": ConsentStatus.PENDING},
    )
    return consent


def consent_request_double_opt_in(
    *,
    customer: Customer,
    purpose: str = ConsentPurpose.SURVEY_EMAIL,
    source: str,
    text_version: str = "",
    actor: User | None = None,
    ip: str | None = None,
) -> Consent:
    """Set the consent to pending and send the confirmation email (after commit) in the customer's language."""
    _check_purpose(purpose)
    _check_not_erased(customer)
    if not customer.email:
        raise ValidationError({"email": _("Für diese Person ist keine E-Mail-Adresse hinterlegt.")})
    if email_is_suppressed(customer.email):
        raise ValidationError(
            {"email": _("Diese Adresse steht auf der Werbesperrliste; es wird keine E-Mail gesendet.")}
        )
    if not source.strip():
        raise ValidationError({"source": _("Bitte geben Sie die Quelle an.")})
    text_version = text_version.strip() or settings.CONSENT_TEXT_VERSION
    with transaction.atomic():
        consent = _locked_consent(customer, purpose, text_version=text_version, source=source)
        if consent.status == ConsentStatus.GRANTED:
            raise ValidationError({"purpose": _("Die Einwilligung ist bereits erteilt.")})
        consent.status = ConsentStatus.PENDING
        consent.text_version = text_version
        consent.source = source.strip()[:120]
        consent.requested_at = timezone.now()
        consent.granted_at = None
        consent.ip = None
        consent.save()
        _log(consent, source=consent.source, ip=ip, actor=actor)
        consent_id, requested_at = consent.pk, consent.requested_at.isoformat()

        def after_commit() -> None:
            from customers.tasks import consent_send_confirmation

            enqueue(consent_send_confirmation, consent_id, requested_at)

        transaction.on_commit(after_commit)
    return consent


def consent_send_confirmation(*, consent_id: int, requested_at: str) -> bool:
    """Send the double opt-in email; False (and nothing sent) when the request is no longer current."""
    consent = Consent.objects.select_related("customer").filter(pk=consent_id).first()
    if (
        consent is None
        or consent.status != ConsentStatus.PENDING
        or consent.requested_at is None
        or consent.requested_at.isoformat() != requested_at
    ):
        return False
    customer = consent.customer
    if not customer.email or email_is_suppressed(customer.email):
        return False
    link = tokens.confirm_url(consent_id=consent.pk, requested_at=requested_at)
    withdraw = tokens.withdraw_url(customer_id=customer.pk, purpose=consent.purpose)
    with translation.override(customer.language):
        context = {
            "customer": customer,
            "confirm_url": link,
            "withdraw_url": withdraw,
            "max_age_days": settings.CONSENT_CONFIRM_MAX_AGE_DAYS,
            "company_name": settings.COMPANY_NAME,
            "company_address": settings.COMPANY_ADDRESS,
            "purpose_label": consent.get_purpose_display(),
        }
        subject = _("Bitte bestätigen Sie Ihre Einwilligung")
        text = render_to_string("customers/email/consent_confirm.txt", context)
        html = render_to_string("customers/email/consent_confirm.html", context)
    message = EmailMultiAlternatives(subject=str(subject), body=text, to=[customer.email])
    message.attach_alternative(html, "text/html")
    message.extra_headers["List-Unsubscribe"] = f"<{withdraw}>"
    message.send()
    return True


def consent_confirm(*, token: str, ip: str | None = None) -> Consent:
    """Confirm a double opt-in from the signed link; raises ValidationError for tampered, expired or stale links."""
    try:
        claim = tokens.read_confirm_token(token)
    except tokens.InvalidToken:
        raise ValidationError(_("Der Bestätigungslink ist ungültig oder abgelaufen.")) from None
    with transaction.atomic():
        consent = Consent.objects.select_for_update().select_related("customer").filter(pk=claim.consent_id).first()
        if consent is None or consent.customer.is_erased:
            raise ValidationError(_("Der Bestätigungslink ist ungültig oder abgelaufen."))
        if consent.status == ConsentStatus.GRANTED and consent.granted_at is not None:
            return consent  # a second click changes nothing
        if (
            consent.status != ConsentStatus.PENDING
            or consent.requested_at is None
            or consent.requested_at.isoformat() != claim.requested_at
        ):
            raise ValidationError(_("Der Bestätigungslink ist ungültig oder abgelaufen."))
        consent.status = ConsentStatus.GRANTED
        consent.granted_at = timezone.now()
        consent.withdrawn_at = None
        consent.ip = ip
        consent.evidence = _("Double-Opt-in: Link aus der E-Mail vom %(date)s bestätigt.") % {
            "date": consent.requested_at.isoformat()
        }
        consent.save()
        _log(consent, source="double-opt-in", evidence=consent.evidence, ip=ip)
    return consent


def consent_record_documented(
    *,
    customer: Customer,
    purpose: str = ConsentPurpose.SURVEY_EMAIL,
    source: str,
    evidence: str,
    text_version: str = "",
    granted_at: dt.datetime | None = None,
    actor: User | None = None,
) -> Consent:
    """Record a consent given elsewhere (signed form, recorded call) with its source and evidence.

    Staff record it only as CX admins (`actor`); None is the platform itself (imports, tests of other flows).
    """
    if actor is not None and not roles.has_role(actor, roles.ADMINS):
        raise PermissionDenied(_("Nur die CX-Administration darf eine dokumentierte Einwilligung erfassen."))
    _check_purpose(purpose)
    _check_not_erased(customer)
    errors: dict[str, str] = {}
    if not source.strip():
        errors["source"] = _("Bitte geben Sie die Quelle an.")
    if not evidence.strip():
        errors["evidence"] = _("Ohne Nachweis kann keine Einwilligung erfasst werden.")
    now = timezone.now()
    if granted_at is not None and (timezone.is_naive(granted_at) or granted_at > now):
        errors["granted_at"] = _("Der Zeitpunkt der Einwilligung darf nicht in der Zukunft liegen.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        consent = _locked_consent(
            customer, purpose, text_version=text_version or settings.CONSENT_TEXT_VERSION, source=source
        )
        consent.status = ConsentStatus.GRANTED
        consent.text_version = text_version.strip() or settings.CONSENT_TEXT_VERSION
        consent.source = source.strip()[:120]
        consent.evidence = evidence.strip()
        consent.granted_at = granted_at or now
        consent.withdrawn_at = None
        consent.save()
        _log(consent, source=consent.source, evidence=consent.evidence, actor=actor)
    return consent


def consent_withdraw(
    *,
    customer: Customer,
    purpose: str = ConsentPurpose.SURVEY_EMAIL,
    source: str,
    actor: User | None = None,
    ip: str | None = None,
    suppress: bool = False,
) -> Consent | None:
    """Withdraw a consent (idempotent). The address is suppressed only when the customer asks for it."""
    _check_purpose(purpose)
    with transaction.atomic():
        consent = Consent.objects.select_for_update().filter(customer=customer, purpose=purpose).first()
        if consent is not None and consent.status != ConsentStatus.WITHDRAWN:
            consent.status = ConsentStatus.WITHDRAWN
            consent.withdrawn_at = timezone.now()
            consent.save()
            _log(consent, source=source, ip=ip, actor=actor)
        if suppress and customer.email:
            from customers.services import suppression_add

            suppression_add(email=customer.email, reason=SuppressionReason.CUSTOMER_REQUEST)
    return consent
