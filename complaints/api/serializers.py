from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import Department, User
from complaints.choices import CaseChannel, CaseStatus, Outcome, Severity
from complaints.models import BusinessCalendar, Case, CaseAttachment, CaseEvent, Category, RootCause, SlaPolicy
from customers.choices import Language
from customers.models import Customer
from touchpoints.models import Touchpoint


@extend_schema_field(OpenApiTypes.STR)
class TouchpointField(serializers.RelatedField):
    """A touchpoint by id or by slug."""

    default_error_messages = {"does_not_exist": _("Diesen Kontaktpunkt gibt es nicht.")}

    def to_internal_value(self, data: Any) -> Touchpoint:
        value = str(data).strip()
        lookup = {"pk": int(value)} if value.isdigit() else {"slug": value}
        touchpoint = Touchpoint.objects.filter(**lookup).select_related("department").first()
        if touchpoint is None:
            self.fail("does_not_exist")
        return touchpoint

    def to_representation(self, value: Any) -> int:
        return int(value.pk)


class CaseSerializer(serializers.ModelSerializer):
    status_display = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Case
        fields = [
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
            "status_display",
            "department",
            "assignee",
            "first_response_due",
            "resolution_due",
            "next_update_due",
            "sla_state",
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


class CaseListSerializer(serializers.ModelSerializer):
    """The list: the contract fields plus what a work queue needs; ids only, so no joins."""

    class Meta:
        model = Case
        fields = [
            "id", "reference", "customer", "channel", "touchpoint", "category", "severity", "description",
            "remedy_sought", "status", "department", "assignee", "first_response_due", "resolution_due", "sla_state",
            "created_at", "version",
        ]  # fmt: skip
        read_only_fields = fields


class CaseCreateSerializer(serializers.Serializer):
    customer = serializers.PrimaryKeyRelatedField(
        queryset=Customer.objects.filter(erased_at__isnull=True), required=False, allow_null=True
    )
    customer_email = serializers.EmailField(required=False, allow_blank=True)
    customer_first_name = serializers.CharField(required=False, allow_blank=True, max_length=100)
    customer_last_name = serializers.CharField(required=False, allow_blank=True, max_length=100)
    customer_language = serializers.ChoiceField(choices=Language.choices, required=False, default="de")
    channel = serializers.ChoiceField(choices=CaseChannel.choices)
    touchpoint = TouchpointField(queryset=Touchpoint.objects.all(), required=False, allow_null=True)
    category = serializers.PrimaryKeyRelatedField(queryset=Category.objects.all(), required=False, allow_null=True)
    severity = serializers.ChoiceField(choices=Severity.choices, default=Severity.MEDIUM)
    description = serializers.CharField(max_length=10000)
    remedy_sought = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")
    department = serializers.PrimaryKeyRelatedField(queryset=Department.objects.all(), required=False, allow_null=True)
    assignee = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(), required=False, allow_null=True)
    resolved_at_first_contact = serializers.BooleanField(required=False, default=False)


class CaseUpdateSerializer(serializers.Serializer):
    version = serializers.IntegerField(required=False, min_value=1)
    severity = serializers.ChoiceField(choices=Severity.choices, required=False)
    category = serializers.PrimaryKeyRelatedField(queryset=Category.objects.all(), required=False, allow_null=True)
    touchpoint = TouchpointField(queryset=Touchpoint.objects.all(), required=False, allow_null=True)
    department = serializers.PrimaryKeyRelatedField(queryset=Department.objects.all(), required=False)
    assignee = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(), required=False, allow_null=True)
    description = serializers.CharField(required=False, max_length=10000)
    remedy_sought = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    resolution_due = serializers.DateTimeField(required=False)


class TransitionSerializer(serializers.Serializer):
    to = serializers.ChoiceField(choices=CaseStatus.choices)
    note = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")
    version = serializers.IntegerField(required=False, min_value=1)


class NoteSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=10000)
    public = serializers.BooleanField(required=False, default=False)
    version = serializers.IntegerField(required=False, min_value=1)


class ResolutionSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    apology_given = serializers.BooleanField(required=False, allow_null=True, default=None)
    remedy_granted = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")
    remedy_cost = serializers.DecimalField(
        max_digits=10, decimal_places=2, min_value=0, required=False, default=Decimal("0")
    )
    root_cause = serializers.PrimaryKeyRelatedField(queryset=RootCause.objects.all(), required=False, allow_null=True)
    corrective_action = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")
    version = serializers.IntegerField(required=False, min_value=1)


class AcceptanceSerializer(serializers.Serializer):
    accepted = serializers.BooleanField()
    comment = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class MergeSerializer(serializers.Serializer):
    into = serializers.IntegerField(min_value=1)


class BulkAssignSerializer(serializers.Serializer):
    cases = serializers.ListField(child=serializers.IntegerField(min_value=1), min_length=1, max_length=500)
    assignee = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(), allow_null=True)


class AttachmentUploadSerializer(serializers.Serializer):
    file = serializers.FileField()


class CaseEventSerializer(serializers.ModelSerializer):
    actor: serializers.Field = serializers.StringRelatedField()
    case = serializers.CharField(source="case.reference", read_only=True)

    class Meta:
        model = CaseEvent
        fields = ["id", "case", "kind", "actor", "text", "public", "data", "created_at"]


class CaseAttachmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = CaseAttachment
        fields = ["id", "original_name", "content_type", "size", "created_at"]


class CategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ["id", "name", "parent", "order", "active"]


class RootCauseSerializer(serializers.ModelSerializer):
    class Meta:
        model = RootCause
        fields = ["id", "name", "description", "active"]


class SlaPolicySerializer(serializers.ModelSerializer):
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


class BusinessCalendarSerializer(serializers.ModelSerializer):
    class Meta:
        model = BusinessCalendar
        fields = ["id", "name", "state", "hours", "time_zone", "is_default"]

    def validate_hours(self, value: Any) -> Any:
        from complaints.calendar import parse_hours

        try:
            if not isinstance(value, dict):
                raise ValueError("not an object")
            parse_hours(value)
        except (ValueError, TypeError) as exc:
            raise serializers.ValidationError(_("Ungültige Arbeitszeiten: %(error)s") % {"error": exc}) from None
        return value
