from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.scoping import scope_to_department
from customers.models import Customer
from feedback import services
from feedback.choices import ActionStatus, FeedbackChannel, FeedbackStatus, Sentiment
from feedback.models import Feedback, ImprovementAction, Topic
from feedback.selectors import action_links, feedback_for_user
from touchpoints.models import Touchpoint


def _user(serializer: serializers.Serializer) -> Any:
    request = serializer.context.get("request")
    return getattr(request, "user", None)


@extend_schema_field(OpenApiTypes.STR)
class TouchpointField(serializers.RelatedField):
    """Accepts a touchpoint's slug (or its id) on write; always returns the slug."""

    default_error_messages = {
        "does_not_exist": _("Unbekannter Kontaktpunkt „{value}“."),
        "invalid": _("Bitte geben Sie das Kürzel oder die Nummer eines Kontaktpunkts an."),
    }

    def to_internal_value(self, data: Any) -> Touchpoint:
        queryset = self.get_queryset()
        assert queryset is not None  # noqa: S101  (always given in the declaration)
        if isinstance(data, bool) or not isinstance(data, str | int):
            self.fail("invalid")
        value = str(data).strip()
        lookup = {"pk": int(value)} if value.isdigit() else {"slug": value}
        touchpoint = queryset.filter(**lookup).first()
        if touchpoint is None:
            self.fail("does_not_exist", value=value[:80])
        return touchpoint

    def to_representation(self, value: Any) -> str:
        return value.slug


class FeedbackSerializer(serializers.ModelSerializer):
    touchpoint = TouchpointField(queryset=Touchpoint.objects.all())
    topics = serializers.SlugRelatedField(slug_field="name", many=True, required=False, queryset=Topic.objects.all())
    customer = serializers.PrimaryKeyRelatedField(
        queryset=Customer.objects.filter(erased_at__isnull=True), required=False, allow_null=True
    )
    channel = serializers.ChoiceField(choices=FeedbackChannel.choices, required=False, default=FeedbackChannel.API)
    sentiment = serializers.ChoiceField(choices=Sentiment.choices, required=False)
    status = serializers.ChoiceField(choices=FeedbackStatus.choices, required=False)
    created = serializers.DateTimeField(source="created_at", read_only=True)
    contact_email = serializers.EmailField(required=False, allow_blank=True, write_only=True)
    contact_consent = serializers.BooleanField(required=False, write_only=True)

    IMMUTABLE = ("kind", "text", "touchpoint", "channel", "customer", "rating", "contact_email", "contact_consent")

    class Meta:
        model = Feedback
        fields = [
            "id", "kind", "text", "touchpoint", "channel", "customer", "sentiment", "sentiment_source", "topics",
            "topics_source", "status", "rating", "language", "department", "created", "contact_email",
            "contact_consent",
        ]
        read_only_fields = ["sentiment_source", "topics_source", "department", "language"]

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        user = _user(self)
        if user is not None:
            fields["touchpoint"].queryset = scope_to_department(  # type: ignore[attr-defined]
                Touchpoint.objects.all(), user
            )
        return fields

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if self.instance is not None:
            changed = [name for name in self.IMMUTABLE if name in self.initial_data]
            if changed:
                message = _("Nach dem Erfassen können nur Stimmung, Themen und Status geändert werden.")
                raise serializers.ValidationError({name: message for name in changed})
        return attrs

    def create(self, validated_data: dict[str, Any]) -> Feedback:
        topics = validated_data.pop("topics", None)
        status = validated_data.pop("status", None)
        with transaction.atomic():
            feedback = services.feedback_create(
                kind=validated_data["kind"],
                text=validated_data["text"],
                touchpoint=validated_data["touchpoint"],
                channel=validated_data.get("channel") or FeedbackChannel.API,
                rating=validated_data.get("rating"),
                customer=validated_data.get("customer"),
                contact_email=validated_data.get("contact_email", ""),
                contact_consent=validated_data.get("contact_consent", False),
                sentiment=validated_data.get("sentiment"),
                topics=[t.name for t in topics] if topics is not None else None,
                created_by=_user(self),
            )
            if status:
                services.feedback_set_status(feedback=feedback, status=status)
        return feedback

    def update(self, instance: Feedback, validated_data: dict[str, Any]) -> Feedback:
        topics = validated_data.get("topics")
        with transaction.atomic():
            services.feedback_correct(
                feedback=instance,
                user=_user(self),
                sentiment=validated_data.get("sentiment"),
                topics=[t.name for t in topics] if topics is not None else None,
            )
            if validated_data.get("status"):
                services.feedback_set_status(feedback=instance, status=validated_data["status"])
        return feedback_for_user(_user(self)).get(pk=instance.pk)


class TopicSerializer(serializers.ModelSerializer):
    class Meta:
        model = Topic
        fields = ["id", "name", "keywords", "active"]


class ImprovementActionSerializer(serializers.ModelSerializer):
    touchpoints = serializers.SlugRelatedField(
        slug_field="slug", many=True, required=False, queryset=Touchpoint.objects.all()
    )
    feedback = serializers.PrimaryKeyRelatedField(many=True, required=False, queryset=Feedback.objects.all())
    links = serializers.SerializerMethodField()
    created = serializers.DateTimeField(source="created_at", read_only=True)

    class Meta:
        model = ImprovementAction
        fields = [
            "id", "title", "description", "touchpoints", "department", "owner", "status", "due_date",
            "expected_effect", "feedback", "links", "created", "done_at",
        ]
        read_only_fields = ["status", "done_at"]

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        user = _user(self)
        if user is not None:
            touchpoints = scope_to_department(Touchpoint.objects.all(), user)
            fields["touchpoints"].child_relation.queryset = touchpoints  # type: ignore[attr-defined]
            fields["feedback"].child_relation.queryset = scope_to_department(  # type: ignore[attr-defined]
                Feedback.objects.all(), user
            )
        return fields

    @extend_schema_field(
        {"type": "array", "items": {"type": "object", "properties": {
            "id": {"type": "integer"}, "type": {"type": "string"}, "object_id": {"type": "integer"},
            "exists": {"type": "boolean"}}}}
    )
    def get_links(self, action: ImprovementAction) -> list[dict[str, Any]]:
        return [
            {
                "id": item["link"].pk,
                "type": item["label"],
                "object_id": item["object_id"],
                "exists": item["target"] is not None,
            }
            for item in action_links(action)
        ]

    def create(self, validated_data: dict[str, Any]) -> ImprovementAction:
        return services.action_create(
            title=validated_data["title"],
            department=validated_data["department"],
            user=_user(self),
            description=validated_data.get("description", ""),
            touchpoints=validated_data.get("touchpoints", []),
            owner=validated_data.get("owner"),
            due_date=validated_data.get("due_date"),
            expected_effect=validated_data.get("expected_effect", ""),
            feedback=validated_data.get("feedback", []),
        )

    def update(self, instance: ImprovementAction, validated_data: dict[str, Any]) -> ImprovementAction:
        feedback = validated_data.pop("feedback", None)
        with transaction.atomic():
            action = services.action_update(action=instance, user=_user(self), **validated_data)
            if feedback is not None:
                for item in instance.feedback.exclude(pk__in=[f.pk for f in feedback]):
                    services.action_unlink_feedback(action=action, feedback=item)
                for item in feedback:
                    services.action_link_feedback(action=action, feedback=item)
        return action


class ActionTransitionSerializer(serializers.Serializer):
    to = serializers.ChoiceField(choices=ActionStatus.choices)


class ActionLinkSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=["complaints.case", "nps.response"])  # noqa: A003
    object_id = serializers.IntegerField(min_value=1)
