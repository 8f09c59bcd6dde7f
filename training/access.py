"""Who may see what in training (§ 87 (1) Nr. 6 BetrVG).

Individual records and gaps: the employee, the managers of the employee's department, trainers and CX admins
(accounts.roles.TRAINING_MANAGERS). The CCEO sees team-level figures only (coverage per department and touchpoint,
accounts.roles.TRAINING_TEAM_VIEWERS); agents see their own.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet

from accounts import roles
from accounts.choices import Role
from accounts.models import User
from training.models import TrainingRecord


def can_manage(user: Any) -> bool:
    """Trainers and admins keep the catalogue, sessions and records."""
    return roles.has_role(user, roles.TRAINING_MANAGERS)


def can_view_team(user: Any) -> bool:
    return roles.has_role(user, roles.TRAINING_TEAM_VIEWERS)


def sees_individuals_of_all_departments(user: Any) -> bool:
    return roles.has_role(user, roles.TRAINING_MANAGERS)


def _is_department_manager(user: Any) -> bool:
    return roles.role_of(user) == Role.MANAGER and user.department_id is not None


def sees_individuals(user: Any) -> bool:
    """Whether the team views may list individual people (trainers, admins, and managers for their department)."""
    return sees_individuals_of_all_departments(user) or roles.role_of(user) == Role.MANAGER


def can_see_individual(user: Any, employee: User) -> bool:
    if roles.role_of(user) is None:
        return False
    if user.pk == employee.pk or sees_individuals_of_all_departments(user):
        return True
    return _is_department_manager(user) and user.department_id == employee.department_id


def visible_employees(user: Any, queryset: QuerySet[User] | None = None) -> QuerySet[User]:
    """Employees whose individual training data `user` may see."""
    users = User.objects.all() if queryset is None else queryset
    if roles.role_of(user) is None:
        return users.none()
    if sees_individuals_of_all_departments(user):
        return users
    if _is_department_manager(user):
        return users.filter(Q(department_id=user.department_id) | Q(pk=user.pk))
    return users.filter(pk=user.pk)


def visible_records(user: Any, queryset: QuerySet[TrainingRecord] | None = None) -> QuerySet[TrainingRecord]:
    records = TrainingRecord.objects.all() if queryset is None else queryset
    return records.filter(employee__in=visible_employees(user).values("pk"))


def team_departments_filter(user: Any) -> int | None:
    """None: every department; otherwise the one department a manager's team view is limited to."""
    if roles.role_of(user) == Role.MANAGER:
        return int(user.department_id) if user.department_id else -1
    return None


def outcomes_linking_enabled() -> bool:
    """Individual training vs customer outcomes needs a recorded works-council agreement."""
    return bool(getattr(settings, "TRAINING_WORKS_COUNCIL_AGREEMENT", False))
