"""The NPS API's shapes. Writes go through nps.config_services; these only check types and read."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from core.api.serializers import ModelSerializer
from nps.choices import CampaignStatus, SkipReason, SurveyKind
from nps.config_services import validate_extra_questions
from nps.models import Campaign, Invitation, Response, Survey, TriggerRule


class SurveySerializer(ModelSerializer):
    class Meta:
        model = Survey
        fields = [
            "id", "name", "kind", "question_de", "question_en", "follow_up_de", "follow_up_en", "extra_questions",
            "touchpoint", "reminder_after_days", "max_reminders", "link_valid_days", "edit_window_days",
            "detractor_threshold", "counts_for_quarantine", "ignores_quarantine", "promoter_prompt_de",
            "promoter_prompt_en", "promoter_link", "active", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["created_at", "updated_at"]

    def validate_extra_questions(self, value: Any) -> list[dict[str, str]]:
        try:
            return validate_extra_questions(value)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.message_dict["extra_questions"]) from exc


class CampaignSerializer(ModelSerializer):
    class Meta:
        model = Campaign
        fields = [
            "id", "name", "survey", "segment", "touchpoint", "interactions_from", "interactions_to", "scheduled_at",
            "status", "launched_at", "finished_at", "invited", "skipped_no_consent", "skipped_quarantine",
            "skipped_suppressed", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = [
            "status", "launched_at", "finished_at", "invited", "skipped_no_consent", "skipped_quarantine",
            "skipped_suppressed", "created_at", "updated_at",
        ]  # fmt: skip


class LaunchResultSerializer(serializers.Serializer):
    invited = serializers.IntegerField()
    skipped_no_consent = serializers.IntegerField()
    skipped_quarantine = serializers.IntegerField()
    skipped_suppressed = serializers.IntegerField()


class CampaignProgressSerializer(serializers.Serializer):
    status = serializers.CharField()
    queued = serializers.IntegerField()
    sent = serializers.IntegerField()
    failed = serializers.IntegerField()
    answered = serializers.IntegerField()
    skipped = serializers.IntegerField()
    expired = serializers.IntegerField()
    response_rate = serializers.FloatField(allow_null=True)


class TriggerRuleSerializer(ModelSerializer):
    class Meta:
        model = TriggerRule
        fields = ["id", "touchpoint", "survey", "delay_hours", "sampling_rate", "active", "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]


class InvitationSerializer(ModelSerializer):
    skip_reason = serializers.ChoiceField(choices=SkipReason.choices, allow_blank=True, read_only=True)

    class Meta:
        model = Invitation
        fields = [
            "id", "survey", "campaign", "interaction", "customer", "touchpoint", "status", "skip_reason", "context",
            "scheduled_for", "sent_at", "reminders_sent", "attempts", "last_error", "answered_at", "created_at",
        ]  # fmt: skip
        read_only_fields = fields


class ResponseSerializer(ModelSerializer):
    survey_kind = serializers.ChoiceField(source="survey.kind", choices=SurveyKind.choices, read_only=True)

    class Meta:
        model = Response
        fields = [
            "id", "invitation", "survey", "survey_kind", "customer", "touchpoint", "department", "segment", "score",
            "category", "comment", "extra_scores", "needs_follow_up", "submitted_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields


class ConflictSerializer(serializers.Serializer):
    """409: what still uses the row (`used_by`: {"Antworten": 12}) or why it can no longer change."""

    detail = serializers.CharField()
    used_by = serializers.DictField(child=serializers.IntegerField(), required=False)
    status = serializers.ChoiceField(choices=CampaignStatus.choices, required=False)


class SummarySerializer(serializers.Serializer):
    nps = serializers.FloatField(allow_null=True)
    responses = serializers.IntegerField()
    promoters = serializers.IntegerField()
    passives = serializers.IntegerField()
    detractors = serializers.IntegerField()
    ci_low = serializers.FloatField(allow_null=True)
    ci_high = serializers.FloatField(allow_null=True)
    response_rate = serializers.FloatField(allow_null=True)
    small_sample = serializers.BooleanField()
