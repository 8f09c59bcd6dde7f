"""Writes with rules for users and departments."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from accounts.choices import Role
from accounts.models import Department, User

# Roles whose work is scoped to one department: without a department they would see nothing.
DEPARTMENT_ROLES = frozenset({Role.MANAGER, Role.AGENT})
USER_FIELDS = frozenset({"email", "language", "first_name", "last_name", "department", "is_active"})


def _check_role(role: str) -> None:
    if role not in Role.values:
        raise ValidationError({"role": _("Unbekannte Rolle „%(role)s“.") % {"role": role}})


def _check_department(*, role: str, department: Department | None) -> None:
    if role in DEPARTMENT_ROLES and department is None:
        raise ValidationError({"department": _("Für diese Rolle ist eine Abteilung erforderlich.")})


def _set_password(user: User, password: str) -> None:
    try:
        validate_password(password, user=user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc
    user.set_password(password)


def user_set_role(*, user: User, role: str) -> User:
    """Set the role and keep the matching Django group (and admin-site access) in step."""
    _check_role(role)
    with transaction.atomic():
        user.role = role
        user.is_staff = role == Role.CX_ADMIN or user.is_superuser
        user.save(update_fields=["role", "is_staff"])
        role_groups = Group.objects.filter(name__in=Role.values)
        user.groups.remove(*role_groups)
        group, _created = Group.objects.get_or_create(name=role)
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
    _check_role(role)
    _check_department(role=role, department=department)
    with transaction.atomic():
        user = User(username=username, email=email, department=department, role=role, **extra)
        if password:
            _set_password(user, password)
        else:
            user.set_unusable_password()
        user.save()
        user_set_role(user=user, role=role)
    return user


def user_update(*, user: User, actor: User | None = None, password: str | None = None, **fields: Any) -> User:
    """Change profile fields, role, department, active flag or password of `user`."""
    unknown = set(fields) - USER_FIELDS - {"role"}
    if unknown:
        raise ValueError(f"cannot update {sorted(unknown)}")
    role = str(fields.pop("role", user.role))
    _check_role(role)
    department = fields.get("department", user.department)
    _check_department(role=role, department=department)
    if actor is not None and actor.pk == user.pk:
        if fields.get("is_active") is False:
            raise ValidationError({"is_active": _("Sie können Ihr eigenes Konto nicht deaktivieren.")})
        if role != user.role and not user.is_superuser:
            raise ValidationError({"role": _("Sie können Ihre eigene Rolle nicht ändern.")})
    with transaction.atomic():
        for name, value in fields.items():
            setattr(user, name, value)
        if password:
            _set_password(user, password)
        user.save()
        user_set_role(user=user, role=role)
    return user


def user_deactivate(*, user: User, actor: User | None = None) -> User:
    """Users are never deleted (their cases, notes and records refer to them); they are deactivated."""
    return user_update(user=user, actor=actor, is_active=False)


def department_delete(*, department: Department) -> None:
    try:
        with transaction.atomic():
            department.delete()
    except ProtectedError as exc:
        raise ValidationError(
            {"department": _("Die Abteilung ist noch Benutzer/innen oder Kontaktpunkten zugeordnet.")}
        ) from exc


def user_set_language(*, user: User, language: str) -> User:
    """Keep the language the user picked in the switcher; staff emails go out in it."""
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    return user
