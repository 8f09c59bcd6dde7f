"""Outbound webhooks (placeholder; completed in the webhooks work)."""

from __future__ import annotations

from typing import Any


def webhook_deliveries_create(*, event_type: str, payload: dict[str, Any]) -> int:
    from core.models import WebhookEndpoint

    return WebhookEndpoint.objects.none().count()
