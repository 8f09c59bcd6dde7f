"""Reads of users and departments that depend on who asks."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from accounts.choices import Role
from accounts.models import User
from accounts.scoping import scope_to_department

# Trainers plan courses for every department, so they read the whole staff list.
ROLES_SEEING_ALL_USERS = frozenset({Role.CCEO, Role.CX_ADMIN, Role.TRAINER})


def users_visible_to(viewer: Any) -> QuerySet[User]:
    users = User.objects.select_related("department").order_by("username")
    if getattr(viewer, "is_authenticated", False) and viewer.effective_role in ROLES_SEEING_ALL_USERS:
        return users
    return scope_to_department(users, viewer)
