"""Reads for the webhook pages and API."""

from __future__ import annotations

from django.db.models import Count, Max, Q, QuerySet

from core.models import WebhookDelivery, WebhookEndpoint


def webhook_endpoint_list() -> QuerySet[WebhookEndpoint]:
    return WebhookEndpoint.objects.annotate(
        pending_count=Count("deliveries", filter=Q(deliveries__status=WebhookDelivery.Status.PENDING)),
        failed_count=Count("deliveries", filter=Q(deliveries__status=WebhookDelivery.Status.FAILED)),
        last_delivery_at=Max("deliveries__created_at"),
    ).order_by("name", "pk")


def webhook_delivery_list(*, endpoint: WebhookEndpoint | None = None) -> QuerySet[WebhookDelivery]:
    deliveries = WebhookDelivery.objects.select_related("endpoint").order_by("-created_at", "-pk")
    if endpoint is not None:
        deliveries = deliveries.filter(endpoint=endpoint)
    return deliveries
