from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from customers.models import Consent, ConsentEvent, Customer, ErasureLog, ImportJob, Interaction, SuppressedAddress


class ConsentInline(admin.TabularInline):
    model = Consent
    extra = 0
    fields = ("purpose", "status", "source", "text_version", "requested_at", "granted_at", "withdrawn_at")
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # consents change only through the services (logged in ConsentEvent)


@admin.register(Customer)
class CustomerAdmin(admin.ModelAdmin):
    list_display = ["external_ref", "last_name", "first_name", "email", "language", "segment", "erased_at"]
    list_filter = ["language", "segment"]
    search_fields = ["external_ref", "email", "last_name", "first_name"]
    readonly_fields = ["created_at", "updated_at", "erased_at"]
    inlines = [ConsentInline]


class ConsentEventInline(admin.TabularInline):
    model = ConsentEvent
    extra = 0
    fields = ("created_at", "status", "source", "text_version", "evidence", "ip", "actor")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin):
    """Read-only: consent proof must not be edited by hand; use the profile page or the API."""

    list_display = ["customer", "purpose", "status", "source", "granted_at", "withdrawn_at"]
    list_filter = ["purpose", "status"]
    search_fields = ["customer__external_ref", "customer__email"]
    list_select_related = ["customer"]
    inlines = [ConsentEventInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(SuppressedAddress)
class SuppressedAddressAdmin(admin.ModelAdmin):
    list_display = ["email_hash", "reason", "created_at"]
    list_filter = ["reason"]
    readonly_fields = ["email_hash", "reason", "created_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # the list must survive; removing an entry could re-enable mails to an erased person


@admin.register(Interaction)
class InteractionAdmin(admin.ModelAdmin):
    list_display = ["occurred_at", "customer", "touchpoint", "channel", "external_id"]
    list_filter = ["channel", "touchpoint"]
    search_fields = ["external_id", "customer__external_ref"]
    list_select_related = ["customer", "touchpoint"]
    raw_id_fields = ["customer"]
    date_hierarchy = "occurred_at"


@admin.register(ErasureLog)
class ErasureLogAdmin(admin.ModelAdmin):
    list_display = ["customer_pk", "actor", "created_at", "erasers"]
    readonly_fields = ["customer", "customer_pk", "actor", "erasers", "created_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["file_name", "status", "total", "created", "updated", "created_by", "created_at"]
    list_filter = ["status"]
    exclude = ["content"]
    readonly_fields = [
        "file_name",
        "status",
        "total",
        "processed",
        "created",
        "updated",
        "unchanged",
        "errors",
        "created_by",
        "created_at",
        "started_at",
        "finished_at",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
