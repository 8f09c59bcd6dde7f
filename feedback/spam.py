"""The feedback form's spam check: core.spam's signed timestamp, scoped to the touchpoint (plus a honeypot field)."""

from __future__ import annotations

from django.conf import settings

from core import spam


def min_fill_seconds() -> float:
    return float(getattr(settings, "FEEDBACK_MIN_FILL_SECONDS", 3))


def issue_token(slug: str, *, now: float | None = None) -> str:
    return spam.issue_token(f"feedback:{slug}", now=now)


def token_verdict(token: str, slug: str, *, now: float | None = None) -> str:
    """"ok", "too_fast", or "invalid" (tampered, expired, or for another touchpoint)."""
    return spam.token_verdict(token, f"feedback:{slug}", min_seconds=min_fill_seconds(), now=now)
