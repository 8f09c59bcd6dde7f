"""The platform's one roles module: the role sets every app checks, and the Django groups that mirror them.

The role field on the user decides access: pages check it with `accounts.guards.role_required`, the API with
`core.api.permissions.RolePermission`, both against the sets below (never against role names spelled out in an
app). Each set is named by what its members may do, so that a reader sees the rule, not a list of roles.

The groups carry the matching model permissions so that the Django admin shows each role what it may change;
they are synchronised after every migrate.
"""

from __future__ import annotations

from typing import Any

from accounts.choices import ALL_DEPARTMENTS_ROLES, Role

RoleSet = frozenset[str]

# Every role that can sign in to the staff pages.
EVERYONE: RoleSet = frozenset(Role.values)
# Read customer profiles, complaint cases, survey answers and feedback (managers and agents: their department's).
CX_STAFF: RoleSet = frozenset({Role.CCEO, Role.CX_ADMIN, Role.MANAGER, Role.AGENT})
# Work with customers: log and handle complaints, record feedback and interactions, create customer profiles.
CASE_WORKERS: RoleSet = frozenset({Role.CX_ADMIN, Role.MANAGER, Role.AGENT})
# Lead a department's work: assign cases to others, move them between departments, own improvement actions.
LEADS: RoleSet = frozenset({Role.CX_ADMIN, Role.MANAGER})
# See every department's records (everyone else is scoped to their own department: accounts.scoping).
OVERSEERS: RoleSet = ALL_DEPARTMENTS_ROLES
# Configure the platform: touchpoints, surveys, categories, SLA policies, users, webhooks.
ADMINS: RoleSet = frozenset({Role.CX_ADMIN})
# The CCEO dashboard and the department figures behind it (managers: their department).
DASHBOARD_READERS: RoleSet = frozenset({Role.CCEO, Role.CX_ADMIN, Role.MANAGER})
# Keep the training catalogue, sessions and records.
TRAINING_MANAGERS: RoleSet = frozenset({Role.TRAINER, Role.CX_ADMIN})
# Team-level training figures (coverage per department and touchpoint).
TRAINING_TEAM_VIEWERS: RoleSet = frozenset({Role.CCEO, Role.CX_ADMIN, Role.TRAINER, Role.MANAGER})
# Staff in customer contact whom training requirements and gap reports cover.
FRONTLINE: RoleSet = frozenset({Role.MANAGER, Role.AGENT})
# Users a case can be assigned to.
ASSIGNABLE: RoleSet = frozenset({Role.CX_ADMIN, Role.MANAGER, Role.AGENT})
# Read every department's users (trainers plan courses for all of them); the others read their own department's.
USER_DIRECTORY_READERS: RoleSet = frozenset({Role.CCEO, Role.CX_ADMIN, Role.TRAINER})
# Roles whose work is scoped to one department: an account of theirs needs a department (else it would see nothing).
DEPARTMENT_BOUND: RoleSet = frozenset({Role.MANAGER, Role.AGENT})


def role_of(user: Any) -> str | None:
    """The role that decides access (superusers act as CX admins), or None for an anonymous or inactive user."""
    if user is None or not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", True):
        return None
    return str(user.effective_role)


def has_role(user: Any, roles: RoleSet) -> bool:
    return role_of(user) in roles

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
