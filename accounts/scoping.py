"""Department scoping: managers and agents see their department's records; the CCEO and admins see all."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, QuerySet

M = TypeVar("M", bound=Model)


def scope_to_department(queryset: QuerySet[M], user: Any, *, field: str = "department") -> QuerySet[M]:
    """Restrict `queryset` to what `user` may see; `field` is the lookup path to the owning department."""
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    if user.sees_all_departments:
        return queryset
    if user.department_id is None:
        return queryset.none()
    return queryset.filter(**{field: user.department_id})


def can_see_department(user: Any, department_id: int | None) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.sees_all_departments:
        return True
    return department_id is not None and department_id == user.department_id
