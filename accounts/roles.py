"""Django permissions per role group, synchronised after every migrate.

The role field on the user decides access in views and the API (see core.api.permissions); the groups carry
the matching model permissions so that the Django admin shows each role what it may change.
"""

from __future__ import annotations

from typing import Any

from accounts.choices import Role

PLATFORM_APPS = (
    "accounts",
    "touchpoints",
    "customers",
    "core",
    "nps",
    "complaints",
    "feedback",
    "training",
    "dashboard",
)

# role → (app_label, action) pairs; action is one of view/add/change/delete or "*" for all.
ROLE_PERMISSIONS: dict[str, list[tuple[str, str]]] = {
    Role.CX_ADMIN: [(app, "*") for app in PLATFORM_APPS],
    Role.CCEO: [(app, "view") for app in PLATFORM_APPS],
    Role.MANAGER: [(app, "view") for app in ("touchpoints", "customers", "nps", "complaints", "feedback", "training")],
    Role.AGENT: [(app, "view") for app in ("touchpoints", "customers", "complaints", "feedback")],
    Role.TRAINER: [(app, "view") for app in ("touchpoints", "training")] + [("training", "*")],
}


def sync_role_groups(**kwargs: Any) -> None:
    from django.apps import apps
    from django.contrib.auth.models import Group, Permission

    # post_migrate fires once per app; run after the last one, when every permission exists.
    last_app = list(apps.get_app_configs())[-1]
    if kwargs.get("app_config") is not last_app:
        return

    for role, grants in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        permissions = Permission.objects.none()
        for app_label, action in grants:
            perms = Permission.objects.filter(content_type__app_label=app_label)
            if action != "*":
                perms = perms.filter(codename__startswith=f"{action}_")
            permissions = permissions | perms
        group.permissions.set(permissions.distinct())
