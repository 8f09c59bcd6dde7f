"""Touchpoints API serializers on the platform's base: relations as id + `<name>_slug`, id or slug on write."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.validators import UniqueValidator

from core.api.serializers import ModelSerializer
from touchpoints import services
from touchpoints.models import Journey, JourneyStage, JourneyStep, Touchpoint


def _slug_field(model: type[Any], duplicate: Any) -> serializers.SlugField:
    return serializers.SlugField(
        max_length=80,
        validators=[UniqueValidator(queryset=model.objects.all(), message=duplicate)],
        error_messages={
            "invalid": _("Ein Kürzel darf nur Kleinbuchstaben a–z, Ziffern, Bindestriche und Unterstriche enthalten.")
        },
    )


class JourneyStageSerializer(ModelSerializer):
    slug = _slug_field(JourneyStage, _("Eine Phase mit diesem Kürzel gibt es bereits."))
    order = serializers.IntegerField(min_value=0, max_value=32767, required=False)

    class Meta:
        model = JourneyStage
        fields = ["id", "name", "slug", "order"]

    def create(self, validated_data: dict[str, Any]) -> JourneyStage:
        return services.stage_create(**validated_data)

    def update(self, instance: JourneyStage, validated_data: dict[str, Any]) -> JourneyStage:
        return services.stage_update(stage=instance, changes=validated_data)


class StageReorderSerializer(serializers.Serializer):
    stages = serializers.ListField(child=serializers.IntegerField(), allow_empty=False)


class TouchpointSerializer(ModelSerializer):
    """`stage` and `department` by id or slug; the response carries both (`stage_slug`, `department_slug`)."""

    slug = _slug_field(Touchpoint, _("Ein Kontaktpunkt mit diesem Kürzel existiert bereits."))
    importance = serializers.IntegerField(min_value=1, max_value=5, required=False)

    class Meta:
        model = Touchpoint
        fields = [
            "id",
            "name",
            "slug",
            "stage",
            "channel",
            "kind",
            "department",
            "is_key",
            "importance",
            "active",
            "description",
        ]

    def create(self, validated_data: dict[str, Any]) -> Touchpoint:
        return services.touchpoint_create(**validated_data)

    def update(self, instance: Touchpoint, validated_data: dict[str, Any]) -> Touchpoint:
        return services.touchpoint_update(touchpoint=instance, changes=validated_data)


class JourneyStepSerializer(ModelSerializer):
    order = serializers.IntegerField(min_value=0, max_value=32767, required=False)
    expectation = serializers.CharField(max_length=255, allow_blank=True, default="")

    class Meta:
        model = JourneyStep
        fields = ["touchpoint", "order", "expectation"]


class JourneySerializer(ModelSerializer):
    """Writing `steps` replaces all steps; each step names its touchpoint (id or slug)."""

    steps = JourneyStepSerializer(many=True, required=False)

    class Meta:
        model = Journey
        fields = ["id", "name", "persona", "description", "steps"]

    def validate_steps(self, value: list[dict[str, Any]]) -> list[services.StepInput]:
        # A PATCH validates nested fields partially: a step without its touchpoint must still be refused here.
        missing = {
            str(index): {"touchpoint": [_("Dieses Feld ist erforderlich.")]}
            for index, step in enumerate(value)
            if "touchpoint" not in step
        }
        if missing:
            raise serializers.ValidationError(missing)
        orders = [step["order"] for step in value if step.get("order") is not None]
        if len(orders) != len(set(orders)):
            raise serializers.ValidationError(_("Jede Position darf in einer Kundenreise nur einmal vorkommen."))
        return [
            services.StepInput(
                touchpoint_id=step["touchpoint"].pk, expectation=step.get("expectation", ""), order=step.get("order")
            )
            for step in value
        ]

    def create(self, validated_data: dict[str, Any]) -> Journey:
        return services.journey_create(**validated_data)

    def update(self, instance: Journey, validated_data: dict[str, Any]) -> Journey:
        steps = validated_data.pop("steps", None)
        return services.journey_update(journey=instance, changes=validated_data, steps=steps)
