from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts.models import Department, User
from accounts.services import user_set_role


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "parent"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "slug"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "email", "first_name", "last_name", "role", "department", "is_active"]
    list_filter = ["role", "department", "is_active"]
    list_select_related = ["department"]
    fieldsets = (  # type: ignore[assignment]
        (None, {"fields": ("username", "password")}),
        (_("Persönliche Angaben"), {"fields": ("first_name", "last_name", "email", "language")}),
        (_("Rolle und Abteilung"), {"fields": ("role", "department")}),
        (_("Status"), {"fields": ("is_active", "is_superuser", "last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "email", "role", "department", "password1", "password2"),
            },
        ),
    )
    readonly_fields = ["last_login", "date_joined"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        readonly = list(super().get_readonly_fields(request, obj))
        # Only superusers hand out superuser rights; CX admins manage roles instead.
        if not request.user.is_superuser:
            readonly.append("is_superuser")
        return readonly

    def save_related(self, request: HttpRequest, form: ModelForm, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        # The role decides groups and admin access (accounts.roles); keep them in step after every edit.
        user_set_role(user=form.instance, role=form.instance.role)
