from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from nps.choices import CampaignStatus
from nps.models import Campaign, Invitation, InvitationSend, Response, Survey, TriggerRule


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "touchpoint", "active", "counts_for_quarantine", "ignores_quarantine"]
    list_filter = ["kind", "active"]
    search_fields = ["name"]


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["name", "survey", "status", "invited", "launched_at"]
    list_filter = ["status", "survey"]
    readonly_fields = [
        "status", "launched_at", "finished_at", "invited", "skipped_no_consent", "skipped_quarantine",
        "skipped_suppressed",
    ]  # fmt: skip

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # A launched wave is the record of what was sent: the same rule as nps.config_services.campaign_update.
        if obj is not None and obj.status != CampaignStatus.DRAFT:
            return [field.name for field in obj._meta.fields]
        return self.readonly_fields

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and (obj.status != CampaignStatus.DRAFT or obj.invitations.exists()):
            return False
        return super().has_delete_permission(request, obj)


@admin.register(TriggerRule)
class TriggerRuleAdmin(admin.ModelAdmin):
    list_display = ["touchpoint", "survey", "delay_hours", "sampling_rate", "active"]
    list_filter = ["active"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["id", "survey", "customer", "status", "skip_reason", "scheduled_for", "sent_at", "attempts"]
    list_filter = ["status", "skip_reason", "survey"]
    raw_id_fields = ["customer", "interaction", "campaign"]
    readonly_fields = ["token", "claim_id", "claimed_at", "sent_at", "last_sent_at", "answered_at"]


@admin.register(InvitationSend)
class InvitationSendAdmin(admin.ModelAdmin):
    list_display = ["invitation", "sequence", "sent_at", "message_id"]
    raw_id_fields = ["invitation"]


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ["id", "survey", "score", "category", "needs_follow_up", "submitted_at"]
    list_filter = ["survey", "category", "needs_follow_up"]
    raw_id_fields = ["invitation", "customer"]
