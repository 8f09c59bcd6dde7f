from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from rest_framework import serializers

from accounts.choices import Role
from accounts.models import User
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


class CompetenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Competence
        fields = ["id", "name", "description", "category"]


class CourseCompetenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = CourseCompetence
        fields = ["competence", "level"]


class CourseSerializer(serializers.ModelSerializer):
    competences = CourseCompetenceSerializer(source="course_competences", many=True, required=False)

    class Meta:
        model = Course
        fields = ["id", "title", "description", "competences", "duration_hours", "format", "validity_months", "active"]

    def create(self, validated_data: dict[str, Any]) -> Course:
        pairs = [(item["competence"], item["level"]) for item in validated_data.pop("course_competences", [])]
        return services.course_create(competences=pairs, **validated_data)

    def update(self, instance: Course, validated_data: dict[str, Any]) -> Course:
        items = validated_data.pop("course_competences", None)
        pairs = None if items is None else [(item["competence"], item["level"]) for item in items]
        return services.course_update(course=instance, competences=pairs, **validated_data)


class EnrolmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Enrolment
        fields = ["employee", "enrolled_at"]


class SessionSerializer(serializers.ModelSerializer):
    trainer = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(role=Role.TRAINER, is_active=True))
    enrolled = serializers.IntegerField(source="enrolments.count", read_only=True)
    enrolments = EnrolmentSerializer(many=True, read_only=True)

    class Meta:
        model = TrainingSession
        fields = ["id", "course", "date", "trainer", "location", "seats", "enrolled", "enrolments"]

    def to_representation(self, instance: TrainingSession) -> dict[str, Any]:
        data = super().to_representation(instance)
        request = self.context.get("request")
        # Who attends which session is individual data: only trainers and admins see the list.
        if request is None or not access.can_manage(request.user):
            data.pop("enrolments", None)
        return data


class EnrolSerializer(serializers.Serializer):
    employee = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True), required=False)


class RecordSerializer(serializers.ModelSerializer):
    employee = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True))
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
        request = self.context["request"]
        return services.record_create(
            data=services.RecordInput(
                employee=validated_data["employee"],
                course=validated_data["course"],
                completed_at=validated_data["completed_at"],
                passed=validated_data.get("passed", True),
                score=validated_data.get("score"),
                session=validated_data.get("session"),
                notes=validated_data.get("notes", ""),
            ),
            created_by=request.user,
        )


class RecordImportSerializer(serializers.Serializer):
    file = serializers.FileField()


class RequirementSerializer(serializers.ModelSerializer):
    class Meta:
        model = Requirement
        fields = ["id", "competence", "level", "role", "department", "touchpoint"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        merged = {
            key: attrs.get(key, getattr(self.instance, key, None)) for key in ("role", "department", "touchpoint")
        }
        if not merged["role"] and merged["department"] is None and merged["touchpoint"] is None:
            raise serializers.ValidationError(
                {"role": _("Bitte wählen Sie mindestens eine Rolle, eine Abteilung oder einen Kontaktpunkt.")}
            )
        return attrs
