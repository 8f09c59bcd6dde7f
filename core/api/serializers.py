"""The base of every serializer of the platform, and the webhook administration's serializers.

`ModelSerializer` carries the conventions of DESIGN.md: a relation is its id under its own name; where the related
model has a slug, the response also carries `<name>_slug` (`<name>_slugs` for to-many relations); on write a
relation accepts the id or the slug.
"""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from core.api.fields import IdOrSlugRelatedField, has_slug
from core.models import WebhookDelivery, WebhookEndpoint


class ModelSerializer(serializers.ModelSerializer):
    serializer_related_field = IdOrSlugRelatedField

    def _slug_companions(self, field_names: list[str]) -> dict[str, tuple[str, bool]]:
        """{"touchpoint_slug": ("touchpoint", False), "touchpoints_slugs": ("touchpoints", True)}"""
        model: Any = self.Meta.model
        companions: dict[str, tuple[str, bool]] = {}
        for name in field_names:
            try:
                field = model._meta.get_field(name)
            except Exception:  # noqa: S112 (declared or computed fields are not relations)
                continue
            if not field.is_relation or field.auto_created or field.related_model is None:
                continue
            if not has_slug(field.related_model):
                continue
            many = bool(field.many_to_many)
            companions[f"{name}_slugs" if many else f"{name}_slug"] = (name, many)
        return companions

    def get_field_names(self, declared_fields: Any, info: Any) -> list[str]:
        names = list(super().get_field_names(declared_fields, info))
        if getattr(self.Meta, "slug_companions", True) is False:
            return names
        companions = self._slug_companions(names)
        result: list[str] = []
        for name in names:
            result.append(name)
            for companion, (base, _many) in companions.items():
                if base == name and companion not in names:
                    result.append(companion)
        self._companions = companions
        return result

    def build_field(self, field_name: str, info: Any, model_class: Any, nested_depth: int) -> Any:
        companions = getattr(self, "_companions", {})
        if field_name in companions:
            base, many = companions[field_name]
            kwargs = {"source": base, "slug_field": "slug", "read_only": True, "many": many}
            if not many and model_class._meta.get_field(base).null:
                kwargs["allow_null"] = True  # an empty relation has no slug either (declared nullable in the schema)
            return serializers.SlugRelatedField, kwargs
        return super().build_field(field_name, info, model_class, nested_depth)


class WebhookEndpointSerializer(ModelSerializer):
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


class WebhookDeliverySerializer(ModelSerializer):
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
    name = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]

    def to_representation(self, instance: Any) -> dict[str, str]:
        name, label = instance
        return {"name": str(name), "label": str(label)}
