"""Writes with rules for users and departments."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group
from django.db import transaction

from accounts.choices import Role
from accounts.models import Department, User


def user_set_role(*, user: User, role: str) -> User:
    """Set the role and keep the matching Django group (and admin-site access) in step."""
    if role not in Role.values:
        raise ValueError(f"unknown role {role!r}")
    with transaction.atomic():
        user.role = role
        user.is_staff = role == Role.CX_ADMIN or user.is_superuser
        user.save(update_fields=["role", "is_staff"])
        role_groups = Group.objects.filter(name__in=Role.values)
        user.groups.remove(*role_groups)
        group, _ = Group.objects.get_or_create(name=role)
        user.groups.add(group)
    return user


def user_create(
    *,
    username: str,
    password: str | None,
    role: str,
    email: str = "",
    department: Department | None = None,
    **extra: Any,
) -> User:
    with transaction.atomic():
        user = User(username=username, email=email, department=department, **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
        user_set_role(user=user, role=role)
    return user
