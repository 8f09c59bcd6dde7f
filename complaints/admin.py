from django.contrib import admin

from complaints.models import BusinessCalendar, Case, CaseEvent, Category, RootCause, SlaNotification, SlaPolicy


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["__str__", "parent", "order", "active"]
    list_filter = ["active", "parent"]
    search_fields = ["name"]


@admin.register(RootCause)
class RootCauseAdmin(admin.ModelAdmin):
    list_display = ["name", "active"]
    search_fields = ["name"]


@admin.register(BusinessCalendar)
class BusinessCalendarAdmin(admin.ModelAdmin):
    list_display = ["name", "state", "time_zone", "is_default"]


@admin.register(SlaPolicy)
class SlaPolicyAdmin(admin.ModelAdmin):
    list_display = ["severity", "category", "first_response_hours", "resolution_hours", "update_interval_hours"]
    list_filter = ["severity"]


class CaseEventInline(admin.TabularInline):
    model = CaseEvent
    extra = 0
    can_delete = False
    fields = ("created_at", "kind", "actor", "text", "public")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    """Read-mostly: cases change through the workflow on the case page so that rules and history apply."""

    list_display = ["reference", "status", "severity", "department", "assignee", "sla_state", "created_at"]
    list_filter = ["status", "severity", "sla_state", "department"]
    search_fields = ["reference", "description"]
    list_select_related = ["department", "assignee"]
    inlines = [CaseEventInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(SlaNotification)
class SlaNotificationAdmin(admin.ModelAdmin):
    list_display = ["case", "kind", "level", "sent_at"]
    list_filter = ["kind", "level"]
