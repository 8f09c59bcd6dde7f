"""Who may see what in training (§ 87 (1) Nr. 6 BetrVG).

Individual records and gaps: the employee, the managers of the employee's department, trainers and CX admins.
The CCEO sees team-level figures only (coverage per department and touchpoint); agents see their own.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet

from accounts.choices import Role
from accounts.models import User
from training.models import TrainingRecord

MANAGE_ROLES = frozenset({Role.TRAINER, Role.CX_ADMIN})
TEAM_ROLES = frozenset({Role.CCEO, Role.CX_ADMIN, Role.TRAINER, Role.MANAGER})
ALL_INDIVIDUALS_ROLES = frozenset({Role.TRAINER, Role.CX_ADMIN})


def _role(user: Any) -> str | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return str(user.effective_role)


def can_manage(user: Any) -> bool:
    """Trainers and admins keep the catalogue, sessions and records."""
    return _role(user) in MANAGE_ROLES


def can_view_team(user: Any) -> bool:
    return _role(user) in TEAM_ROLES


def sees_individuals_of_all_departments(user: Any) -> bool:
    return _role(user) in ALL_INDIVIDUALS_ROLES


def sees_individuals(user: Any) -> bool:
    """Whether the team views may list individual people (trainers, admins, and managers for their department)."""
    return _role(user) in ALL_INDIVIDUALS_ROLES | {Role.MANAGER}


def can_see_individual(user: Any, employee: User) -> bool:
    role = _role(user)
    if role is None:
        return False
    if user.pk == employee.pk or role in ALL_INDIVIDUALS_ROLES:
        return True
    return role == Role.MANAGER and user.department_id is not None and user.department_id == employee.department_id


def visible_employees(user: Any, queryset: QuerySet[User] | None = None) -> QuerySet[User]:
    """Employees whose individual training data `user` may see."""
    users = User.objects.all() if queryset is None else queryset
    role = _role(user)
    if role is None:
        return users.none()
    if role in ALL_INDIVIDUALS_ROLES:
        return users
    if role == Role.MANAGER and user.department_id is not None:
        return users.filter(Q(department_id=user.department_id) | Q(pk=user.pk))
    return users.filter(pk=user.pk)


def visible_records(user: Any, queryset: QuerySet[TrainingRecord] | None = None) -> QuerySet[TrainingRecord]:
    records = TrainingRecord.objects.all() if queryset is None else queryset
    return records.filter(employee__in=visible_employees(user).values("pk"))


def team_departments_filter(user: Any) -> int | None:
    """None: every department; otherwise the one department a manager's team view is limited to."""
    if _role(user) == Role.MANAGER:
        return int(user.department_id) if user.department_id else -1
    return None


def outcomes_linking_enabled() -> bool:
    """Individual training vs customer outcomes needs a recorded works-council agreement."""
    return bool(getattr(settings, "TRAINING_WORKS_COUNCIL_AGREEMENT", False))
