"""Spam resistance without third parties: a honeypot field and a signed timestamp with a minimum fill time."""

from __future__ import annotations

import time

from django.conf import settings
from django.core import signing

SALT = "feedback.form-timestamp"
MAX_AGE_SECONDS = 24 * 60 * 60


def min_fill_seconds() -> float:
    return float(getattr(settings, "FEEDBACK_MIN_FILL_SECONDS", 3))


def issue_token(slug: str, *, now: float | None = None) -> str:
    return signing.dumps({"slug": slug, "t": now if now is not None else time.time()}, salt=SALT, compress=True)


def token_verdict(token: str, slug: str, *, now: float | None = None) -> str:
    """"ok", "too_fast", or "invalid" (tampered, expired, or for another touchpoint)."""
    now = now if now is not None else time.time()
    try:
        data = signing.loads(token or "", salt=SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:
        return "invalid"
    if not isinstance(data, dict) or data.get("slug") != slug or not isinstance(data.get("t"), int | float):
        return "invalid"
    if now - float(data["t"]) < min_fill_seconds():
        return "too_fast"
    return "ok"
