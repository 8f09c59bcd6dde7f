"""Reads about customers that other apps rely on (consent and suppression checks at send time)."""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings

from customers.choices import ConsentPurpose, ConsentStatus
from customers.models import Consent, Customer, SuppressedAddress


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
