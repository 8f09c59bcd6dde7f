from typing import Any

from django.contrib import admin
from django.db import transaction
from django.http import HttpRequest

from feedback.models import ActionLink, ActionNotice, Feedback, FeedbackCorrection, ImprovementAction, Topic


def _retag_after_commit() -> None:
    from feedback.tasks import retag_topics

    transaction.on_commit(retag_topics.delay)


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    """Editing a topic re-tags the automatically tagged feedback in the background; staff corrections stay."""

    list_display = ["name", "active"]
    list_filter = ["active"]
    search_fields = ["name", "keywords"]

    def save_model(self, request: HttpRequest, obj: Topic, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        _retag_after_commit()

    def has_delete_permission(self, request: HttpRequest, obj: Topic | None = None) -> bool:
        # A topic that tags feedback stays (its tags would vanish from the statistics): deactivate it instead.
        if obj is not None and obj.feedback.exists():
            return False
        return super().has_delete_permission(request, obj)

    def delete_model(self, request: HttpRequest, obj: Topic) -> None:
        super().delete_model(request, obj)
        _retag_after_commit()


class FeedbackCorrectionInline(admin.TabularInline):
    model = FeedbackCorrection
    extra = 0
    readonly_fields = ["field", "old_value", "new_value", "user", "created_at"]
    can_delete = False


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["id", "created_at", "kind", "touchpoint", "channel", "sentiment", "status"]
    list_filter = ["kind", "channel", "sentiment", "status", "department"]
    search_fields = ["text"]
    raw_id_fields = ["customer", "touchpoint", "created_by"]
    filter_horizontal = ["topics"]
    inlines = [FeedbackCorrectionInline]
    date_hierarchy = "created_at"


class ActionLinkInline(admin.TabularInline):
    model = ActionLink
    extra = 0
    readonly_fields = ["content_type", "object_id", "created_at"]


class ActionNoticeInline(admin.TabularInline):
    model = ActionNotice
    extra = 0
    readonly_fields = ["feedback", "status", "reason", "language", "sent_at"]
    can_delete = False


@admin.register(ImprovementAction)
class ImprovementActionAdmin(admin.ModelAdmin):
    list_display = ["title", "department", "owner", "status", "due_date"]
    list_filter = ["status", "department"]
    search_fields = ["title", "description"]
    raw_id_fields = ["feedback", "owner"]
    filter_horizontal = ["touchpoints"]
    readonly_fields = ["status", "done_at"]
    inlines = [ActionLinkInline, ActionNoticeInline]
