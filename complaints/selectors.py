"""Reads of the complaints app that are more than a lookup."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from accounts.choices import Role
from accounts.models import User
from accounts.scoping import scope_to_department
from complaints.choices import CaseChannel
from complaints.models import Case, UserChannelPreference
from customers.models import Customer

STAFF_ROLES = frozenset({Role.CCEO, Role.CX_ADMIN, Role.MANAGER, Role.AGENT})
WRITE_ROLES = frozenset({Role.CX_ADMIN, Role.MANAGER, Role.AGENT})
LEAD_ROLES = frozenset({Role.CX_ADMIN, Role.MANAGER})


def visible_cases(user: Any) -> QuerySet[Case]:
    """The cases `user` may see (department scoping); none for roles without access to complaints."""
    if not getattr(user, "is_authenticated", False) or user.effective_role not in STAFF_ROLES:
        return Case.objects.none()
    return scope_to_department(Case.objects.all(), user)


def case_list(user: Any) -> QuerySet[Case]:
    return visible_cases(user).select_related("customer", "department", "assignee", "touchpoint", "category__parent")


def customer_search(query: str, *, limit: int = 10) -> list[Customer]:
    query = query.strip()
    if len(query) < 2:
        return []
    parts = query.split()
    condition = Q(external_ref__iexact=query) | Q(email__istartswith=query)
    name = Q()
    for part in parts:
        name &= Q(first_name__istartswith=part) | Q(last_name__istartswith=part)
    return list(
        Customer.objects.filter(erased_at__isnull=True).filter(condition | name).order_by("last_name", "id")[:limit]
    )


def assignable_users(department_id: int | None) -> QuerySet[User]:
    qs = User.objects.filter(is_active=True, role__in=[Role.AGENT, Role.MANAGER])
    if department_id is not None:
        qs = qs.filter(department_id=department_id)
    return qs.order_by("last_name", "username")


def default_channel(user: Any) -> str:
    user_id = getattr(user, "pk", None)
    pref = UserChannelPreference.objects.filter(user_id=user_id).first() if user_id else None
    return pref.channel if pref else str(CaseChannel.PHONE)
