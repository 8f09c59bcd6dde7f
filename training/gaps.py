"""Competence gaps: required vs achieved levels per employee, and coverage per department and touchpoint.

Pure functions, no Django: the selectors feed plain values in and get plain values out.

Rules
- A requirement applies to an employee when every scope it sets matches: its role, its department, and its
  touchpoint (the employee works there). Of several requirements for one competence the highest level counts.
- Achieved level of a competence = the highest level reached through a valid achievement (passed record whose
  expiry date is not before `today`; no expiry date = valid for good).
- A requirement is "met" when a valid achievement reaches the level, "expiring" when it is met but every record
  that meets it expires within `warn_days`, "missing" otherwise.
- Coverage = share of staff meeting all their requirements (expiring still counts as meeting).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

MET = "met"
EXPIRING = "expiring"
MISSING = "missing"


@dataclass(frozen=True)
class RequirementRule:
    competence_id: int
    level: int
    role: str = ""
    department_id: int | None = None
    touchpoint_id: int | None = None


@dataclass(frozen=True)
class Employee:
    id: int
    role: str
    department_id: int | None
    touchpoint_ids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Achievement:
    employee_id: int
    competence_id: int
    level: int
    expires_at: dt.date | None = None


@dataclass(frozen=True)
class CompetenceGap:
    competence_id: int
    required: int
    achieved: int
    status: str
    expires_at: dt.date | None = None


@dataclass(frozen=True)
class EmployeeGaps:
    employee_id: int
    department_id: int | None
    items: tuple[CompetenceGap, ...]

    @property
    def missing(self) -> tuple[CompetenceGap, ...]:
        return tuple(item for item in self.items if item.status == MISSING)

    @property
    def expiring(self) -> tuple[CompetenceGap, ...]:
        return tuple(item for item in self.items if item.status == EXPIRING)

    @property
    def meets_all(self) -> bool:
        return not self.missing


@dataclass(frozen=True)
class Coverage:
    staff: int
    meeting: int

    @property
    def share(self) -> float | None:
        return self.meeting / self.staff if self.staff else None


@dataclass(frozen=True)
class GapReport:
    employees: tuple[EmployeeGaps, ...]
    by_department: dict[int, Coverage] = field(default_factory=dict)
    by_touchpoint: dict[int, Coverage] = field(default_factory=dict)


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` plus whole calendar months, clamped to the month's end (31 Jan + 1 month = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def expiry_date(completed: dt.date, validity_months: int | None) -> dt.date | None:
    return add_months(completed, validity_months) if validity_months else None


def applies(rule: RequirementRule, employee: Employee) -> bool:
    if rule.role and rule.role != employee.role:
        return False
    if rule.department_id is not None and rule.department_id != employee.department_id:
        return False
    return rule.touchpoint_id is None or rule.touchpoint_id in employee.touchpoint_ids


def required_levels(rules: Iterable[RequirementRule], employee: Employee) -> dict[int, int]:
    levels: dict[int, int] = {}
    for rule in rules:
        if applies(rule, employee):
            levels[rule.competence_id] = max(levels.get(rule.competence_id, 0), rule.level)
    return levels


def is_valid(achievement: Achievement, today: dt.date) -> bool:
    return achievement.expires_at is None or achievement.expires_at >= today


def _latest_expiry(expiries: Iterable[dt.date | None]) -> dt.date | None:
    """The expiry of the longest-lasting record; None (never expires) beats any date."""
    latest: dt.date | None = dt.date.min
    for expiry in expiries:
        if expiry is None:
            return None
        if latest is not None and expiry > latest:
            latest = expiry
    return latest


def employee_gaps(
    employee: Employee,
    rules: Iterable[RequirementRule],
    achievements: Iterable[Achievement],
    *,
    today: dt.date,
    warn_days: int = 30,
) -> EmployeeGaps:
    valid: dict[int, list[Achievement]] = defaultdict(list)
    for achievement in achievements:
        if achievement.employee_id == employee.id and is_valid(achievement, today):
            valid[achievement.competence_id].append(achievement)
    warn_until = today + dt.timedelta(days=warn_days)
    items = []
    for competence_id, required in sorted(required_levels(rules, employee).items()):
        reached = valid.get(competence_id, [])
        achieved = max((a.level for a in reached), default=0)
        meeting = [a.expires_at for a in reached if a.level >= required]
        if not meeting:
            items.append(CompetenceGap(competence_id, required, achieved, MISSING))
            continue
        expires = _latest_expiry(meeting)
        status = EXPIRING if expires is not None and expires <= warn_until else MET
        items.append(CompetenceGap(competence_id, required, achieved, status, expires))
    return EmployeeGaps(employee.id, employee.department_id, tuple(items))


def gap_report(
    employees: Iterable[Employee],
    rules: Iterable[RequirementRule],
    achievements: Iterable[Achievement],
    *,
    today: dt.date,
    warn_days: int = 30,
) -> GapReport:
    rules = list(rules)
    by_employee: dict[int, list[Achievement]] = defaultdict(list)
    for achievement in achievements:
        by_employee[achievement.employee_id].append(achievement)
    results = []
    department_counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    touchpoint_counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for employee in employees:
        gaps = employee_gaps(employee, rules, by_employee.get(employee.id, []), today=today, warn_days=warn_days)
        results.append(gaps)
        buckets = [touchpoint_counts[tp] for tp in employee.touchpoint_ids]
        if employee.department_id is not None:
            buckets.append(department_counts[employee.department_id])
        for counts in buckets:
            counts[0] += 1
            counts[1] += int(gaps.meets_all)
    return GapReport(
        employees=tuple(results),
        by_department={key: Coverage(staff, meeting) for key, (staff, meeting) in department_counts.items()},
        by_touchpoint={key: Coverage(staff, meeting) for key, (staff, meeting) in touchpoint_counts.items()},
    )
