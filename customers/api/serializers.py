from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.api.serializers import ModelSerializer
from customers.choices import ConsentPurpose
from customers.models import Consent, Customer, ImportJob, Interaction
from touchpoints.choices import Channel


class CustomerSerializer(ModelSerializer):
    class Meta:
        model = Customer
        fields = [
            "id",
            "external_ref",
            "email",
            "first_name",
            "last_name",
            "language",
            "segment",
            "created_at",
            "updated_at",
            "erased_at",
        ]
        read_only_fields = ["created_at", "updated_at", "erased_at"]
        # uniqueness and the reserved "erased-" prefix are checked by customers.services with clear messages
        extra_kwargs: dict[str, dict[str, Any]] = {"external_ref": {"validators": []}}


class ConsentSerializer(ModelSerializer):
    class Meta:
        model = Consent
        fields = [
            "id",
            "purpose",
            "status",
            "text_version",
            "source",
            "evidence",
            "requested_at",
            "granted_at",
            "withdrawn_at",
        ]
        read_only_fields = fields


class ConsentCreateSerializer(serializers.Serializer):
    purpose = serializers.ChoiceField(choices=ConsentPurpose.choices, default=ConsentPurpose.SURVEY_EMAIL)
    source = serializers.CharField(max_length=120)  # type: ignore[assignment]
    text_version = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    granted_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    double_opt_in = serializers.BooleanField(required=False, default=False)
    evidence = serializers.CharField(required=False, allow_blank=True, default="")


class ConsentWithdrawSerializer(serializers.Serializer):
    purpose = serializers.ChoiceField(choices=ConsentPurpose.choices, default=ConsentPurpose.SURVEY_EMAIL)
    source = serializers.CharField(max_length=120, required=False, default="staff")  # type: ignore[assignment]
    suppress = serializers.BooleanField(required=False, default=False)


class ImportUploadSerializer(serializers.Serializer):
    file = serializers.FileField()


class ImportResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    errors = serializers.ListField(child=serializers.DictField())  # type: ignore[assignment]
    job = serializers.IntegerField(required=False)
    status = serializers.CharField(required=False)
    status_url = serializers.CharField(required=False)


class ImportJobSerializer(ModelSerializer):
    class Meta:
        model = ImportJob
        fields = [
            "id",
            "status",
            "file_name",
            "total",
            "processed",
            "created",
            "updated",
            "unchanged",
            "errors",
            "created_at",
            "started_at",
            "finished_at",
        ]
        read_only_fields = fields


class InteractionSerializer(ModelSerializer):
    """`customer` (id) or `customer_external_ref`; `touchpoint` by id or slug (the response carries both)."""

    customer_external_ref = serializers.CharField(max_length=64, required=False, write_only=True)
    channel = serializers.ChoiceField(choices=Channel.choices, required=False, allow_blank=True)

    class Meta:
        model = Interaction
        fields = [
            "id",
            "customer",
            "customer_external_ref",
            "touchpoint",
            "occurred_at",
            "channel",
            "external_id",
            "created_at",
        ]
        read_only_fields = ["created_at"]
        extra_kwargs: dict[str, dict[str, Any]] = {
            "customer": {"required": False},
            "external_id": {"validators": []},  # idempotency is handled by the service
        }

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        ref = attrs.pop("customer_external_ref", None)
        if attrs.get("customer") is None:
            if not ref:
                raise serializers.ValidationError(
                    {"customer": _("Bitte geben Sie customer oder customer_external_ref an.")}
                )
            customer = Customer.objects.filter(external_ref=ref.strip()).first()
            if customer is None:
                raise serializers.ValidationError(
                    {"customer_external_ref": _("Unbekannte Kundennummer „%(ref)s“.") % {"ref": ref}}
                )
            attrs["customer"] = customer
        return attrs

    def to_representation(self, instance: Interaction) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["customer_external_ref"] = instance.customer.external_ref
        return data
