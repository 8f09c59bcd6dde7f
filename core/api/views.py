"""Webhook administration API: CX admins only (403 for every other role)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from core import events
from core.api.permissions import AdminsOnly
from core.api.serializers import (
    EventTypeSerializer,
    WebhookDeliverySerializer,
    WebhookEndpointCreatedSerializer,
    WebhookEndpointSerializer,
)
from core.models import WebhookDelivery, WebhookEndpoint
from core.webhooks import selectors, services
from core.webhooks.filters import WebhookDeliveryFilter


class WebhookEndpointViewSet(viewsets.ModelViewSet):
    serializer_class = WebhookEndpointSerializer
    permission_classes = [AdminsOnly]

    def get_queryset(self) -> QuerySet[WebhookEndpoint]:
        return WebhookEndpoint.objects.order_by("name", "pk")

    @extend_schema(responses={201: WebhookEndpointCreatedSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        endpoint = services.webhook_endpoint_create(
            name=serializer.validated_data["name"],
            url=serializer.validated_data["url"],
            event_types=serializer.validated_data.get("event_types", []),
            secret=serializer.validated_data.get("secret", ""),
            active=serializer.validated_data.get("active", True),
        )
        return Response(WebhookEndpointCreatedSerializer(endpoint).data, status=status.HTTP_201_CREATED)

    def perform_update(self, serializer: Any) -> None:
        endpoint = serializer.instance
        serializer.instance = services.webhook_endpoint_update(endpoint=endpoint, **serializer.validated_data)

    def perform_destroy(self, instance: WebhookEndpoint) -> None:
        services.webhook_endpoint_delete(endpoint=instance)

    @extend_schema(responses=WebhookDeliverySerializer(many=True))
    @action(detail=True, methods=["get"])
    def deliveries(self, request: Request, pk: str | None = None) -> Response:
        endpoint = self.get_object()
        deliveries = selectors.webhook_delivery_list(endpoint=endpoint)
        page = self.paginate_queryset(deliveries)
        serializer = WebhookDeliverySerializer(page if page is not None else deliveries, many=True)
        return self.get_paginated_response(serializer.data) if page is not None else Response(serializer.data)


class WebhookDeliveryViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = WebhookDeliverySerializer
    permission_classes = [AdminsOnly]
    filterset_class = WebhookDeliveryFilter

    def get_queryset(self) -> QuerySet[WebhookDelivery]:
        return selectors.webhook_delivery_list()

    @extend_schema(request=None, responses=WebhookDeliverySerializer)
    @action(detail=True, methods=["post"])
    def redeliver(self, request: Request, pk: str | None = None) -> Response:
        delivery = self.get_object()
        delivery = services.webhook_delivery_redeliver(delivery_id=delivery.pk)
        return Response(WebhookDeliverySerializer(delivery).data, status=status.HTTP_200_OK)


class EventTypeViewSet(viewsets.ViewSet):
    """The registered domain event types (what a webhook endpoint can subscribe to)."""

    permission_classes = [AdminsOnly]
    pagination_class = None

    @extend_schema(responses=EventTypeSerializer(many=True))
    def list(self, request: Request) -> Response:
        return Response(EventTypeSerializer(list(events.event_types().items()), many=True).data)
