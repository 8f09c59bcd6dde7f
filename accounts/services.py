"""Writes with rules for users and departments.

Only a superuser may change a superuser (any field, the password, deactivation): `user_may_change` is the one rule,
checked by `user_update`, `user_set_password` and `user_deactivate`, and by the Django admin's permission hooks.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts import roles
from accounts.choices import Role
from accounts.models import Department, User
from core.errors import delete_or_conflict

USER_FIELDS = frozenset({"email", "language", "first_name", "last_name", "department", "is_active", "role"})


def _check_role(role: str) -> None:
    if role not in Role.values:
        raise ValidationError({"role": _("Unbekannte Rolle „%(role)s“.") % {"role": role}})


def _check_department(*, role: str, department: Department | None) -> None:
    if role in roles.DEPARTMENT_BOUND and department is None:
        raise ValidationError({"department": _("Für diese Rolle ist eine Abteilung erforderlich.")})


def user_may_change(*, actor: User, user: User) -> bool:
    """Only a superuser may change a superuser; the stored flag decides (not an unsaved edit of it)."""
    if actor.is_superuser:
        return True
    if user.pk is None:
        return not user.is_superuser
    return not User.objects.filter(pk=user.pk, is_superuser=True).exists()


def _require_may_change(*, actor: User, user: User) -> None:
    if not user_may_change(actor=actor, user=user):
        raise PermissionDenied(_("Nur Superuser dürfen das Konto eines Superusers ändern."))


def _apply_password(user: User, password: str) -> None:
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
            _apply_password(user, password)
        else:
            user.set_unusable_password()
        user.save()
        user_set_role(user=user, role=role)
    return user


def user_update(*, actor: User, user: User, changes: dict[str, Any]) -> User:
    """Change profile fields, role, department, active flag or (with `password`) the password of `user`."""
    changes = dict(changes)
    password = changes.pop("password", None)
    unknown = set(changes) - USER_FIELDS
    if unknown:
        raise ValueError(f"cannot update {sorted(unknown)}")
    _require_may_change(actor=actor, user=user)
    role = str(changes.pop("role", user.role))
    _check_role(role)
    department = changes.get("department", user.department)
    _check_department(role=role, department=department)
    if actor.pk == user.pk:
        if changes.get("is_active") is False:
            raise ValidationError({"is_active": _("Sie können Ihr eigenes Konto nicht deaktivieren.")})
        if role != user.role and not user.is_superuser:
            raise ValidationError({"role": _("Sie können Ihre eigene Rolle nicht ändern.")})
    with transaction.atomic():
        for name, value in changes.items():
            setattr(user, name, value)
        if password:
            _apply_password(user, password)
        user.save()
        user_set_role(user=user, role=role)
    return user


def user_set_password(*, actor: User, user: User, password: str) -> User:
    """Set a new password (validated by Django's password validators)."""
    _require_may_change(actor=actor, user=user)
    _apply_password(user, password)
    user.save(update_fields=["password"])
    return user


def user_deactivate(*, actor: User, user: User) -> User:
    """Users are never deleted (their cases, notes and records refer to them); they are deactivated."""
    return user_update(actor=actor, user=user, changes={"is_active": False})


def department_delete(*, actor: User, department: Department) -> None:
    """Refused with a 409 (Conflict) while users, touchpoints or records belong to the department."""
    delete_or_conflict(department)


def user_set_language(*, user: User, language: str) -> User:
    """Keep the language the user picked in the switcher; staff emails go out in it."""
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    return user
