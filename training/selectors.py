"""Reads for training: gap report, expiring records, team comparison."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from accounts import roles
from accounts.models import Department, User
from touchpoints.models import Touchpoint
from training import gaps, outcomes
from training.models import Competence, Requirement, TrainingRecord


def warn_days() -> int:
    return int(getattr(settings, "TRAINING_EXPIRY_REMINDER_DAYS", 30))


def min_group_size() -> int:
    return int(getattr(settings, "TRAINING_MIN_GROUP_SIZE", 5))


@dataclass(frozen=True)
class GapScope:
    """Whom a gap report covers: None = no restriction on that axis, an empty set = nobody."""

    department_ids: frozenset[int] | None = None
    touchpoint_ids: frozenset[int] | None = None
    employee_ids: frozenset[int] | None = None

    @classmethod
    def of(
        cls, *, department_id: int | None = None, touchpoint_id: int | None = None, employee_id: int | None = None
    ) -> GapScope:
        def one(value: int | None) -> frozenset[int] | None:
            return None if value is None else frozenset({value})

        return cls(one(department_id), one(touchpoint_id), one(employee_id))


NOBODY = GapScope(department_ids=frozenset())


def staff(scope: GapScope | None = None) -> QuerySet[User]:
    """Customer-facing staff covered by the gap report (accounts.roles.FRONTLINE with a department)."""
    scope = scope or GapScope()
    users = User.objects.filter(is_active=True, role__in=roles.FRONTLINE, department__isnull=False)
    if scope.department_ids is not None:
        users = users.filter(department_id__in=scope.department_ids)
    if scope.touchpoint_ids is not None:
        users = users.filter(department__touchpoints__id__in=scope.touchpoint_ids)
    if scope.employee_ids is not None:
        users = users.filter(pk__in=scope.employee_ids)
    return users.select_related("department").order_by("department__name", "last_name", "username").distinct()


@dataclass
class GapOverview:
    today: dt.date
    report: gaps.GapReport
    employees: dict[int, User]
    competences: dict[int, Competence]
    departments: dict[int, Department]
    touchpoints: dict[int, Touchpoint]

    def employee_rows(self) -> list[dict[str, Any]]:
        rows = []
        for item in self.report.employees:
            employee = self.employees[item.employee_id]
            rows.append(
                {
                    "employee": employee,
                    "gaps": item,
                    "items": [
                        {"gap": gap, "competence": self.competences[gap.competence_id]} for gap in item.items
                    ],
                }
            )
        return rows

    def department_rows(self) -> list[dict[str, Any]]:
        return [
            {"department": self.departments[key], "coverage": coverage}
            for key, coverage in sorted(self.report.by_department.items(), key=lambda kv: self.departments[kv[0]].name)
        ]

    def touchpoint_rows(self) -> list[dict[str, Any]]:
        return [
            {"touchpoint": self.touchpoints[key], "coverage": coverage}
            for key, coverage in sorted(self.report.by_touchpoint.items(), key=lambda kv: self.touchpoints[kv[0]].name)
        ]


def requirement_rules() -> list[gaps.RequirementRule]:
    return [
        gaps.RequirementRule(competence_id=c, level=lvl, role=role, department_id=d, touchpoint_id=t)
        for c, lvl, role, d, t in Requirement.objects.values_list(
            "competence_id", "level", "role", "department_id", "touchpoint_id"
        )
    ]


def achievements(employee_ids: list[int], *, today: dt.date) -> list[gaps.Achievement]:
    """Competence levels from valid (passed, not expired) records, one row per record and competence."""
    rows = (
        TrainingRecord.objects.filter(employee_id__in=employee_ids, passed=True)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gte=today))
        .values_list("employee_id", "course__course_competences__competence_id", "course__course_competences__level",
                     "expires_at")
    )
    return [
        gaps.Achievement(employee_id=e, competence_id=c, level=lvl, expires_at=x)
        for e, c, lvl, x in rows
        if c is not None
    ]


def gap_overview(
    *,
    scope: GapScope | None = None,
    department_id: int | None = None,
    touchpoint_id: int | None = None,
    employee_id: int | None = None,
    today: dt.date | None = None,
) -> GapOverview:
    """The gap report for `scope` (or, for one department, touchpoint or employee, the single ids)."""
    scope = scope or GapScope.of(department_id=department_id, touchpoint_id=touchpoint_id, employee_id=employee_id)
    today = today or timezone.localdate()
    employees = {u.pk: u for u in staff(scope)}
    department_ids = {u.department_id for u in employees.values() if u.department_id}
    touchpoints = Touchpoint.objects.filter(active=True, department_id__in=department_ids)
    if scope.touchpoint_ids is not None:
        touchpoints = touchpoints.filter(pk__in=scope.touchpoint_ids)
    touchpoints_by_department: dict[int, set[int]] = defaultdict(set)
    touchpoint_map = {}
    for tp in touchpoints:
        touchpoints_by_department[tp.department_id].add(tp.pk)
        touchpoint_map[tp.pk] = tp
    # The touchpoints an employee works at are always all of the department's, even when the report is
    # filtered to one touchpoint: requirements of the other touchpoints still apply to the person.
    all_touchpoints: dict[int, set[int]] = defaultdict(set)
    for tp_id, dep_id in Touchpoint.objects.filter(active=True, department_id__in=department_ids).values_list(
        "pk", "department_id"
    ):
        all_touchpoints[dep_id].add(tp_id)
    people = [
        gaps.Employee(
            id=u.pk,
            role=str(u.role),
            department_id=u.department_id,
            touchpoint_ids=frozenset(all_touchpoints.get(u.department_id or 0, set())),
        )
        for u in employees.values()
    ]
    report = gaps.gap_report(
        people, requirement_rules(), achievements(list(employees), today=today), today=today, warn_days=warn_days()
    )
    report = gaps.GapReport(
        employees=report.employees,
        by_department=report.by_department,
        by_touchpoint={k: v for k, v in report.by_touchpoint.items() if k in touchpoint_map},
    )
    return GapOverview(
        today=today,
        report=report,
        employees=employees,
        competences={c.pk: c for c in Competence.objects.all()},
        departments=Department.objects.in_bulk(list(department_ids)),
        touchpoints=touchpoint_map,
    )


def expiring_records(employees: QuerySet[User], *, today: dt.date | None = None) -> QuerySet[TrainingRecord]:
    """Valid records expiring within the warning window that have not been renewed by a later record."""
    today = today or timezone.localdate()
    renewed = TrainingRecord.objects.filter(
        employee=OuterRef("employee"), course=OuterRef("course"), passed=True
    ).filter(Q(expires_at__isnull=True) | Q(expires_at__gt=OuterRef("expires_at")))
    return (
        TrainingRecord.objects.filter(
            employee__in=employees.values("pk"),
            passed=True,
            expires_at__gte=today,
            expires_at__lte=today + dt.timedelta(days=warn_days()),
        )
        .exclude(Exists(renewed))
        .select_related("employee", "course")
        .order_by("expires_at", "id")
    )


@dataclass(frozen=True)
class TeamComparisonRow:
    department: Department
    staff: int
    suppressed: bool
    coverage: float | None
    outcomes: dict[str, float | None]


def team_comparison(
    *, date_from: dt.date, date_to: dt.date, scope: GapScope | None = None, department_id: int | None = None
) -> list[TeamComparisonRow]:
    """Coverage next to each department's customer figures; groups under the minimum size are suppressed.

    Team level only: the scope's departments and touchpoints choose the departments shown, never a person.
    """
    scope = scope or GapScope.of(department_id=department_id)
    scope = GapScope(department_ids=scope.department_ids, touchpoint_ids=scope.touchpoint_ids)
    overview = gap_overview(scope=scope)
    departments = Department.objects.all()
    if scope.department_ids is not None:
        departments = departments.filter(pk__in=scope.department_ids)
    if scope.touchpoint_ids is not None:
        departments = departments.filter(touchpoints__id__in=scope.touchpoint_ids).distinct()
    rows = []
    for department in departments:
        coverage = overview.report.by_department.get(department.pk, gaps.Coverage(0, 0))
        if coverage.staff < min_group_size():
            rows.append(TeamComparisonRow(department, coverage.staff, True, None, {}))
            continue
        rows.append(
            TeamComparisonRow(
                department,
                coverage.staff,
                False,
                coverage.share,
                outcomes.team_outcomes(department.pk, date_from, date_to),
            )
        )
    return rows
