from django.contrib import admin

from dashboard.models import DigestLog, DigestSubscription, RollupWatermark, TouchpointImportance


@admin.register(DigestSubscription)
class DigestSubscriptionAdmin(admin.ModelAdmin):
    list_display = ["user", "active", "created_at"]
    list_filter = ["active"]
    raw_id_fields = ["user"]


@admin.register(DigestLog)
class DigestLogAdmin(admin.ModelAdmin):
    list_display = ["user", "iso_year", "iso_week", "status", "language", "created_at"]
    list_filter = ["status", "iso_year"]

    def has_add_permission(self, request):
        return False


@admin.register(RollupWatermark)
class RollupWatermarkAdmin(admin.ModelAdmin):
    list_display = ["source", "processed_until", "last_run_at", "last_days"]


@admin.register(TouchpointImportance)
class TouchpointImportanceAdmin(admin.ModelAdmin):
    list_display = ["touchpoint", "importance", "source", "correlation", "customers_with", "computed_at"]
