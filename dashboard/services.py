"""Writes of the dashboard app (the figures themselves are computed by rollups, reports and digests)."""

from __future__ import annotations

from accounts.models import User
from dashboard.models import DigestSubscription


def digest_subscription_set(*, actor: User, active: bool) -> DigestSubscription:
    """Subscribe the acting user to the weekly digest, or unsubscribe them (the CCEO always receives it)."""
    subscription, _created = DigestSubscription.objects.update_or_create(user=actor, defaults={"active": active})
    return subscription
