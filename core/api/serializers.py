from __future__ import annotations

from typing import Any

from rest_framework import serializers

from core.models import WebhookDelivery, WebhookEndpoint


class WebhookEndpointSerializer(serializers.ModelSerializer):
    """The secret is write-only: it is shown once, in the answer to the create request."""

    url = serializers.CharField(max_length=500)
    secret = serializers.CharField(write_only=True, required=False, allow_blank=True, max_length=128)
    event_types = serializers.ListField(child=serializers.CharField(max_length=60), allow_empty=True, required=False)

    class Meta:
        model = WebhookEndpoint
        fields = ["id", "name", "url", "secret", "event_types", "active", "created_at"]
        read_only_fields = ["id", "created_at"]


class WebhookEndpointCreatedSerializer(WebhookEndpointSerializer):
    secret = serializers.CharField(read_only=True)


class WebhookDeliverySerializer(serializers.ModelSerializer):
    class Meta:
        model = WebhookDelivery
        fields = [
            "id",
            "endpoint",
            "event_type",
            "event_id",
            "payload",
            "status",
            "attempts",
            "next_attempt_at",
            "last_status_code",
            "last_error",
            "last_attempt_at",
            "created_at",
            "delivered_at",
        ]
        read_only_fields = fields


class EventTypeSerializer(serializers.Serializer):
    name = serializers.CharField()  # type: ignore[assignment]
    label = serializers.CharField()  # type: ignore[assignment]

    def to_representation(self, instance: Any) -> dict[str, str]:
        name, label = instance
        return {"name": str(name), "label": str(label)}
