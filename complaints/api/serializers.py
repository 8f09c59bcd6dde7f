"""Serializers of the complaints API. Responses carry relations as id plus `<name>_slug` (core ModelSerializer);
requests take a relation's id or slug. Input serializers only check shapes: the rules are in the services."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Any
from zoneinfo import available_timezones

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accounts.models import Department, User
from complaints.choices import CaseChannel, CaseStatus, Outcome, Severity
from complaints.models import BusinessCalendar, Case, CaseAttachment, CaseEvent, Category, RootCause, SlaPolicy
from core.api.fields import IdOrSlugRelatedField
from core.api.serializers import ModelSerializer
from customers.choices import Language
from customers.models import Customer
from touchpoints.models import Touchpoint


@lru_cache(maxsize=1)
def _time_zones() -> frozenset[str]:
    return frozenset(available_timezones())


class OptionalChoiceField(serializers.ChoiceField):
    """A choice that may not be made yet: null in the response, never "" (which is outside the enum)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> Any:
        return None if value in ("", None) else super().to_representation(value)


CASE_FIELDS = [
    "id",
    "reference",
    "customer",
    "channel",
    "touchpoint",
    "category",
    "severity",
    "description",
    "remedy_sought",
    "status",
    "department",
    "assignee",
    "first_response_due",
    "resolution_due",
    "sla_state",
]


class CaseListSerializer(ModelSerializer):
    """The list: the contract fields plus what a work queue needs."""

    class Meta:
        model = Case
        fields = [*CASE_FIELDS, "next_update_due", "created_at", "updated_at", "version"]
        read_only_fields = fields


class CaseSerializer(ModelSerializer):
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    outcome = OptionalChoiceField(choices=Outcome.choices, read_only=True)

    class Meta:
        model = Case
        fields = [
            *CASE_FIELDS,
            "status_display",
            "next_update_due",
            "first_responded_at",
            "resolved_at",
            "closed_at",
            "outcome",
            "apology_given",
            "remedy_granted",
            "remedy_cost",
            "root_cause",
            "corrective_action",
            "rejection_reason",
            "customer_acceptance",
            "reopen_count",
            "resolved_at_first_contact",
            "merged_into",
            "source_response_id",
            "satisfaction_overall",
            "satisfaction_outcome",
            "satisfaction_treatment",
            "satisfaction_speed",
            "created_by",
            "created_at",
            "updated_at",
            "version",
        ]
        read_only_fields = fields


def _relation(queryset: Any, **kwargs: Any) -> IdOrSlugRelatedField:
    kwargs.setdefault("required", False)
    return IdOrSlugRelatedField(queryset=queryset, **kwargs)


class CaseCreateSerializer(serializers.Serializer):
    customer = _relation(Customer.objects.filter(erased_at__isnull=True), allow_null=True)
    customer_email = serializers.EmailField(required=False, allow_blank=True)
    customer_first_name = serializers.CharField(required=False, allow_blank=True, max_length=100)
    customer_last_name = serializers.CharField(required=False, allow_blank=True, max_length=100)
    customer_language = serializers.ChoiceField(choices=Language.choices, required=False, default="de")
    channel = serializers.ChoiceField(choices=CaseChannel.choices)
    touchpoint = _relation(Touchpoint.objects.select_related("department"), allow_null=True)
    category = _relation(Category.objects.all(), allow_null=True)
    severity = serializers.ChoiceField(choices=Severity.choices, default=Severity.MEDIUM)
    description = serializers.CharField(max_length=10000)
    remedy_sought = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")
    department = _relation(Department.objects.all(), allow_null=True)
    assignee = _relation(User.objects.select_related("department"), allow_null=True)
    resolved_at_first_contact = serializers.BooleanField(required=False, default=False)


class CaseUpdateSerializer(serializers.Serializer):
    version = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1)
    severity = serializers.ChoiceField(choices=Severity.choices, required=False)
    category = _relation(Category.objects.all(), allow_null=True)
    touchpoint = _relation(Touchpoint.objects.all(), allow_null=True)
    department = _relation(Department.objects.all())
    assignee = _relation(User.objects.select_related("department"), allow_null=True)
    description = serializers.CharField(required=False, max_length=10000)
    remedy_sought = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    resolution_due = serializers.DateTimeField(required=False)


def _version() -> serializers.IntegerField:
    return serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1)


class TransitionSerializer(serializers.Serializer):
    to = serializers.ChoiceField(choices=CaseStatus.choices)
    note = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")
    version = _version()


class NoteSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=10000)
    public = serializers.BooleanField(required=False, default=False)
    version = _version()


class ResolutionSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    apology_given = serializers.BooleanField(required=False, allow_null=True, default=None)
    remedy_granted = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")
    remedy_cost = serializers.DecimalField(
        max_digits=10, decimal_places=2, min_value=Decimal("0"), required=False, default=Decimal("0")
    )
    root_cause = _relation(RootCause.objects.all(), allow_null=True)
    corrective_action = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")
    version = _version()


class AcceptanceSerializer(serializers.Serializer):
    accepted = serializers.BooleanField()
    comment = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class MergeSerializer(serializers.Serializer):
    into = serializers.IntegerField(min_value=1, max_value=2**63 - 1)


class BulkAssignSerializer(serializers.Serializer):
    cases = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1), min_length=1, max_length=500
    )
    assignee = IdOrSlugRelatedField(queryset=User.objects.select_related("department"), allow_null=True)


class BulkAssignResultSerializer(serializers.Serializer):
    assigned = serializers.IntegerField()


class AttachmentUploadSerializer(serializers.Serializer):
    file = serializers.FileField()


class CaseEventSerializer(ModelSerializer):
    """One entry of the history (notes and replies included); `actor` is null for the platform's own entries."""

    case_reference = serializers.CharField(source="case.reference", read_only=True)
    actor_name = serializers.SerializerMethodField()

    class Meta:
        model = CaseEvent
        fields = ["id", "case", "case_reference", "kind", "actor", "actor_name", "text", "public", "data", "created_at"]
        read_only_fields = fields

    def get_actor_name(self, entry: CaseEvent) -> str | None:
        actor = entry.actor
        return None if actor is None else (actor.get_full_name() or actor.get_username())


class CaseAttachmentSerializer(ModelSerializer):
    class Meta:
        model = CaseAttachment
        fields = ["id", "original_name", "content_type", "size", "uploaded_by", "created_at"]
        read_only_fields = fields


class CategorySerializer(ModelSerializer):
    class Meta:
        model = Category
        fields = ["id", "name", "parent", "order", "active"]

    def validate_parent(self, parent: Category | None) -> Category | None:
        """Two levels (Lieferung › verspätet): the parent is a top category, never the category itself."""
        if parent is None:
            return parent
        instance = self.instance
        if parent.parent_id is not None:
            raise serializers.ValidationError(_("Unterkategorien können keine eigenen Unterkategorien haben."))
        if instance is not None and (parent.pk == instance.pk or instance.children.exists()):
            raise serializers.ValidationError(_("Eine Kategorie mit Unterkategorien kann keine Oberkategorie haben."))
        return parent


class RootCauseSerializer(ModelSerializer):
    class Meta:
        model = RootCause
        fields = ["id", "name", "description", "active"]


class SlaPolicySerializer(ModelSerializer):
    class Meta:
        model = SlaPolicy
        fields = [
            "id",
            "severity",
            "category",
            "calendar",
            "first_response_hours",
            "resolution_hours",
            "update_interval_hours",
        ]
        # The uniqueness rules below answer with a field message (the generated validators would not).
        validators: list[Any] = []

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        instance = self.instance
        severity = attrs.get("severity", getattr(instance, "severity", None))
        category = attrs["category"] if "category" in attrs else getattr(instance, "category", None)
        clash = SlaPolicy.objects.filter(severity=severity, category=category)
        if instance is not None:
            clash = clash.exclude(pk=instance.pk)
        if clash.exists():
            message = (
                _("Für diesen Schweregrad gibt es schon eine Regel für alle Kategorien.")
                if category is None
                else _("Für diesen Schweregrad gibt es schon eine Regel dieser Kategorie.")
            )
            raise serializers.ValidationError({"category": [message]})
        return attrs


class BusinessCalendarSerializer(ModelSerializer):
    class Meta:
        model = BusinessCalendar
        fields = ["id", "name", "state", "hours", "time_zone", "is_default"]
        # validate_is_default says it in words (the generated validator names the database field).
        extra_kwargs: dict[str, dict[str, Any]] = {"is_default": {"validators": []}}

    def validate_hours(self, value: Any) -> Any:
        from complaints.calendar import parse_hours

        try:
            if not isinstance(value, dict):
                raise ValueError("not an object")
            parse_hours(value)
        except (ValueError, TypeError) as exc:
            raise serializers.ValidationError(_("Ungültige Arbeitszeiten: %(error)s") % {"error": exc}) from None
        return value

    def validate_time_zone(self, value: str) -> str:
        if value not in _time_zones():
            raise serializers.ValidationError(_("Unbekannte Zeitzone."))
        return value

    def validate_is_default(self, value: bool) -> bool:
        others = BusinessCalendar.objects.filter(is_default=True)
        if self.instance is not None:
            others = others.exclude(pk=self.instance.pk)
        if value and others.exists():
            raise serializers.ValidationError(_("Es gibt schon einen Standardkalender."))
        return value
