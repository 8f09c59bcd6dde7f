"""Reads of the complaints app that are more than a lookup."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from accounts import roles
from accounts.models import User
from accounts.scoping import scope_to_department
from complaints.choices import CaseChannel
from complaints.models import Case, UserChannelPreference
from customers.models import Customer


def visible_cases(user: User | None) -> QuerySet[Case]:
    """The cases `user` may see (department scoping); none for roles without access to complaints."""
    if not roles.has_role(user, roles.CX_STAFF):
        return Case.objects.none()
    return scope_to_department(Case.objects.all(), user)


def case_list(user: User | None) -> QuerySet[Case]:
    """The visible cases with what the list and the API show of their relations (no query per row)."""
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
    """Active users a case of `department_id` can be assigned to (all departments' when None)."""
    qs = User.objects.filter(is_active=True, role__in=sorted(roles.ASSIGNABLE))
    if department_id is not None:
        qs = qs.filter(department_id=department_id)
    return qs.order_by("last_name", "username")


def assignees_offered(actor: User, department_id: int, current: User | None = None) -> QuerySet[User]:
    """Whom the case page offers `actor` as assignee: the department's people for leads, themselves for agents;
    the current assignee stays selectable so that an unchanged form does not unassign them."""
    offered = assignable_users(department_id)
    if not roles.has_role(actor, roles.LEADS):
        offered = offered.filter(pk=actor.pk)
    elif not actor.sees_all_departments:
        offered = offered.filter(department=actor.department)
    if current is not None:
        offered = offered | User.objects.filter(pk=current.pk)
    return offered.order_by("last_name", "username")


def default_channel(user: User) -> str:
    pref = UserChannelPreference.objects.filter(user_id=user.pk).first() if user.pk else None
    return pref.channel if pref else str(CaseChannel.PHONE)
