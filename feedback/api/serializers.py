"""Feedback and improvement actions in the API: relations as id plus `<name>_slug`, writes through the services."""

from __future__ import annotations

from typing import Any, cast

from django.db.models import Manager
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import User
from accounts.scoping import scope_to_department
from core.api.fields import MAX_ID_DIGITS, IdOrSlugRelatedField
from core.api.serializers import ModelSerializer
from customers.models import Customer
from feedback import services
from feedback.choices import ActionStatus, FeedbackChannel, FeedbackStatus, Sentiment
from feedback.models import Feedback, ImprovementAction, Topic
from feedback.selectors import action_link_rows, feedback_for_user
from touchpoints.models import Touchpoint


def _actor(serializer: serializers.BaseSerializer) -> User:
    return cast(User, serializer.context["request"].user)


def _request_user(serializer: serializers.BaseSerializer) -> Any:
    request = serializer.context.get("request")
    return getattr(request, "user", None)


@extend_schema_field({"oneOf": [{"type": "string"}, {"type": "integer"}]})
class TopicField(serializers.SlugRelatedField):
    """A topic by its name (its unique key; topics have no slug) or its id on write; the name on read."""

    default_error_messages = {
        "does_not_exist": _("Unbekanntes Thema „{value}“."),
        "invalid": _("Bitte geben Sie den Namen oder die Nummer eines Themas an."),
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(slug_field="name", **kwargs)

    def to_internal_value(self, data: Any) -> Topic:
        if isinstance(data, bool) or not isinstance(data, int | str):
            self.fail("invalid")
        value = str(data).strip()
        queryset = self.get_queryset()
        assert queryset is not None  # noqa: S101 (always given in the declaration)
        if not value or "\x00" in value or len(value) > 200:
            self.fail("does_not_exist", value=value[:80].replace("\x00", ""))
        if value.isdigit() and len(value) <= MAX_ID_DIGITS:
            topic = queryset.filter(pk=int(value)).first() or queryset.filter(name=value).first()
        else:
            topic = queryset.filter(name=value).first()
        if topic is None:
            self.fail("does_not_exist", value=value[:80])
        return topic


class FeedbackSerializer(ModelSerializer):
    topics = TopicField(many=True, required=False, queryset=Topic.objects.all())
    customer = IdOrSlugRelatedField(
        queryset=Customer.objects.filter(erased_at__isnull=True), required=False, allow_null=True
    )
    channel = serializers.ChoiceField(choices=FeedbackChannel.choices, required=False, default=FeedbackChannel.API)
    sentiment = serializers.ChoiceField(choices=Sentiment.choices, required=False)
    status = serializers.ChoiceField(choices=FeedbackStatus.choices, required=False)
    contact_email = serializers.EmailField(required=False, allow_blank=True, write_only=True)
    contact_consent = serializers.BooleanField(required=False, write_only=True)

    class Meta:
        model = Feedback
        fields = [
            "id", "kind", "text", "touchpoint", "channel", "customer", "sentiment", "sentiment_source", "topics",
            "topics_source", "status", "rating", "language", "department", "created_at", "updated_at",
            "contact_email", "contact_consent",
        ]
        read_only_fields = ["sentiment_source", "topics_source", "department", "language", "created_at", "updated_at"]

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        user = _request_user(self)
        if user is not None:
            # Another department's touchpoint answers like an unknown one.
            fields["touchpoint"].queryset = scope_to_department(  # type: ignore[attr-defined]
                Touchpoint.objects.all(), user
            )
        return fields

    def create(self, validated_data: dict[str, Any]) -> Feedback:
        return services.feedback_create(
            actor=_actor(self),
            kind=validated_data["kind"],
            text=validated_data["text"],
            touchpoint=validated_data["touchpoint"],
            channel=validated_data.get("channel") or FeedbackChannel.API,
            rating=validated_data.get("rating"),
            customer=validated_data.get("customer"),
            contact_email=validated_data.get("contact_email", ""),
            contact_consent=validated_data.get("contact_consent", False),
            sentiment=validated_data.get("sentiment"),
            topics=validated_data.get("topics"),
            status=validated_data.get("status"),
        )

    def update(self, instance: Feedback, validated_data: dict[str, Any]) -> Feedback:
        actor = _actor(self)
        services.feedback_update(actor=actor, feedback=instance, changes=validated_data)
        return feedback_for_user(actor).get(pk=instance.pk)


class TopicSerializer(ModelSerializer):
    class Meta:
        model = Topic
        fields = ["id", "name", "keywords", "active"]

    def create(self, validated_data: dict[str, Any]) -> Topic:
        return services.topic_create(actor=_actor(self), **validated_data)

    def update(self, instance: Topic, validated_data: dict[str, Any]) -> Topic:
        return services.topic_update(actor=_actor(self), topic=instance, changes=validated_data)


class ImprovementActionListSerializer(serializers.ListSerializer):
    """Resolves the linked records of the whole page at once (a fixed number of queries, however many actions)."""

    def to_representation(self, data: Any) -> list[Any]:
        items = list(data.all() if isinstance(data, Manager) else data)
        self.child.link_rows = action_link_rows(items)  # type: ignore[union-attr]
        return [self.child.to_representation(item) for item in items]  # type: ignore[union-attr]


class ImprovementActionSerializer(ModelSerializer):
    feedback = IdOrSlugRelatedField(many=True, required=False, queryset=Feedback.objects.all())
    links = serializers.SerializerMethodField()

    class Meta:
        model = ImprovementAction
        fields = [
            "id", "title", "description", "touchpoints", "department", "owner", "status", "due_date",
            "expected_effect", "feedback", "links", "created_at", "updated_at", "done_at",
        ]
        read_only_fields = ["status", "done_at", "created_at", "updated_at"]
        list_serializer_class = ImprovementActionListSerializer

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        user = _request_user(self)
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
        rows: dict[int, list[dict[str, Any]]] = getattr(self, "link_rows", None) or {}
        if action.pk not in rows:
            rows = action_link_rows([action])
        return [
            {
                "id": item["link"].pk,
                "type": item["label"],
                "object_id": item["object_id"],
                "exists": item["target"] is not None,
            }
            for item in rows[action.pk]
        ]

    def create(self, validated_data: dict[str, Any]) -> ImprovementAction:
        return services.action_create(
            actor=_actor(self),
            title=validated_data["title"],
            department=validated_data["department"],
            description=validated_data.get("description", ""),
            touchpoints=validated_data.get("touchpoints", []),
            owner=validated_data.get("owner"),
            due_date=validated_data.get("due_date"),
            expected_effect=validated_data.get("expected_effect", ""),
            feedback=validated_data.get("feedback", []),
        )

    def update(self, instance: ImprovementAction, validated_data: dict[str, Any]) -> ImprovementAction:
        return services.action_update(actor=_actor(self), action=instance, changes=validated_data)


class ActionTransitionSerializer(serializers.Serializer):
    to = serializers.ChoiceField(choices=ActionStatus.choices)


class ActionLinkSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=["complaints.case", "nps.response"])  # noqa: A003
    object_id = serializers.IntegerField(min_value=1)
