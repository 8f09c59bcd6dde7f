"""Signed, salted tokens for the customer's status link /c/{token}/ (no expiry: the case reference is public anyway)."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "complaints.status-link"


def status_token(case_id: int) -> str:
    """Deterministic: every email about one case carries the same link."""
    return signing.Signer(salt=SALT).sign_object(case_id)


def case_id_from_token(token: str) -> int | None:
    if not token or len(token) > 200:
        return None
    try:
        value = signing.Signer(salt=SALT).unsign_object(token)
    except (signing.BadSignature, ValueError):
        return None
    return value if isinstance(value, int) else None


def status_url(case_id: int) -> str:
    return settings.SITE_URL + reverse("complaints_public:status", args=[status_token(case_id)])
