"""Training in the API: relations as ids (plus `<name>_slug` where the model has one), writes through services."""

from __future__ import annotations

from typing import Any, cast

from django.urls import reverse
from rest_framework import serializers

from accounts.choices import Role
from accounts.models import User
from core.api.fields import IdOrSlugRelatedField
from core.api.serializers import ModelSerializer
from training import access, services
from training.models import (
    Competence,
    Course,
    CourseCompetence,
    Enrolment,
    Requirement,
    TrainingRecord,
    TrainingSession,
)


def _actor(serializer: serializers.BaseSerializer) -> User:
    return cast(User, serializer.context["request"].user)


class CompetenceSerializer(ModelSerializer):
    class Meta:
        model = Competence
        fields = ["id", "name", "description", "category"]

    def create(self, validated_data: dict[str, Any]) -> Competence:
        return services.competence_create(actor=_actor(self), **validated_data)

    def update(self, instance: Competence, validated_data: dict[str, Any]) -> Competence:
        return services.competence_update(actor=_actor(self), competence=instance, changes=validated_data)


class CourseCompetenceSerializer(ModelSerializer):
    class Meta:
        model = CourseCompetence
        fields = ["competence", "level"]


class CourseSerializer(ModelSerializer):
    competences = CourseCompetenceSerializer(source="course_competences", many=True, required=False)

    class Meta:
        model = Course
        fields = ["id", "title", "description", "competences", "duration_hours", "format", "validity_months", "active"]

    @staticmethod
    def _pairs(items: list[dict[str, Any]]) -> list[tuple[Competence, int]]:
        return [(item["competence"], item["level"]) for item in items]

    def create(self, validated_data: dict[str, Any]) -> Course:
        pairs = self._pairs(validated_data.pop("course_competences", []))
        return services.course_create(actor=_actor(self), competences=pairs, **validated_data)

    def update(self, instance: Course, validated_data: dict[str, Any]) -> Course:
        changes = dict(validated_data)
        if "course_competences" in changes:
            changes["competences"] = self._pairs(changes.pop("course_competences"))
        return services.course_update(actor=_actor(self), course=instance, changes=changes)


class EnrolmentSerializer(ModelSerializer):
    class Meta:
        model = Enrolment
        fields = ["employee", "enrolled_at"]


class SessionSerializer(ModelSerializer):
    trainer = IdOrSlugRelatedField(queryset=User.objects.filter(role=Role.TRAINER, is_active=True))
    enrolled = serializers.IntegerField(source="enrolments.count", read_only=True)
    # Who attends which session is individual data: null for everyone but trainers and admins.
    enrolments = EnrolmentSerializer(many=True, read_only=True, allow_null=True)

    class Meta:
        model = TrainingSession
        fields = ["id", "course", "date", "trainer", "location", "seats", "enrolled", "enrolments"]

    def to_representation(self, instance: TrainingSession) -> dict[str, Any]:
        data = super().to_representation(instance)
        request = self.context.get("request")
        # Who attends which session is individual data: only trainers and admins see the list.
        if request is None or not access.can_manage(request.user):
            data["enrolments"] = None
        return data

    def create(self, validated_data: dict[str, Any]) -> TrainingSession:
        return services.session_create(actor=_actor(self), **validated_data)

    def update(self, instance: TrainingSession, validated_data: dict[str, Any]) -> TrainingSession:
        return services.session_update(actor=_actor(self), session=instance, changes=validated_data)


class EnrolSerializer(serializers.Serializer):
    employee = IdOrSlugRelatedField(queryset=User.objects.filter(is_active=True), required=False)


class RecordSerializer(ModelSerializer):
    employee = IdOrSlugRelatedField(queryset=User.objects.filter(is_active=True))
    certificate_url = serializers.SerializerMethodField()

    class Meta:
        model = TrainingRecord
        fields = [
            "id",
            "employee",
            "course",
            "session",
            "completed_at",
            "passed",
            "score",
            "expires_at",
            "certificate_url",
            "notes",
            "created_at",
        ]
        read_only_fields = ["expires_at", "created_at"]
        # The "once per session" rule is reported by the service as a field error on `session`.
        validators: list[Any] = []

    def get_certificate_url(self, record: TrainingRecord) -> str | None:
        if not record.certificate:
            return None
        return reverse("training:certificate", args=[record.pk])

    def create(self, validated_data: dict[str, Any]) -> TrainingRecord:
        return services.record_create(
            actor=_actor(self),
            data=services.RecordInput(
                employee=validated_data["employee"],
                course=validated_data["course"],
                completed_at=validated_data["completed_at"],
                passed=validated_data.get("passed", True),
                score=validated_data.get("score"),
                session=validated_data.get("session"),
                notes=validated_data.get("notes", ""),
            ),
        )


class RecordImportSerializer(serializers.Serializer):
    file = serializers.FileField()


class RequirementSerializer(ModelSerializer):
    class Meta:
        model = Requirement
        fields = ["id", "competence", "level", "role", "department", "touchpoint"]

    def create(self, validated_data: dict[str, Any]) -> Requirement:
        return services.requirement_create(actor=_actor(self), **validated_data)

    def update(self, instance: Requirement, validated_data: dict[str, Any]) -> Requirement:
        return services.requirement_update(actor=_actor(self), requirement=instance, changes=validated_data)
