"""FilterSets shared by the pages and the API."""

from __future__ import annotations

from typing import Any, TypedDict

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import Department, User
from touchpoints.models import Touchpoint
from training import access
from training.models import Course, Requirement, TrainingRecord, TrainingSession


def _visible_employees(request: Any) -> QuerySet[User]:
    """Only employees the requester may see individually: another department's id answers like an unknown one."""
    if request is None:
        return User.objects.none()
    return access.visible_employees(request.user)


class GapFilter(django_filters.FilterSet):
    """Filters of the gap report (department, touchpoint, employee) over the staff it covers."""

    department = django_filters.ModelChoiceFilter(
        label=_("Abteilung"), queryset=Department.objects.all(), field_name="department"
    )
    touchpoint = django_filters.ModelChoiceFilter(
        label=_("Kontaktpunkt"), queryset=Touchpoint.objects.filter(active=True), method="filter_touchpoint"
    )
    employee = django_filters.ModelChoiceFilter(
        label=_("Mitarbeiter/in"), queryset=_visible_employees, field_name="pk"
    )

    class Meta:
        model = User
        fields = ["department", "touchpoint", "employee"]

    def filter_touchpoint(self, queryset: QuerySet[User], name: str, value: Touchpoint) -> QuerySet[User]:
        return queryset.filter(department_id=value.department_id)


class RecordFilter(django_filters.FilterSet):
    employee = django_filters.ModelChoiceFilter(label=_("Mitarbeiter/in"), queryset=_visible_employees)
    course = django_filters.ModelChoiceFilter(label=_("Schulung"), queryset=Course.objects.all())
    session = django_filters.ModelChoiceFilter(label=_("Termin"), queryset=TrainingSession.objects.all())
    department = django_filters.ModelChoiceFilter(
        label=_("Abteilung"), queryset=Department.objects.all(), field_name="employee__department"
    )
    passed = django_filters.BooleanFilter(label=_("bestanden"))
    completed_from = django_filters.DateFilter(
        label=_("abgeschlossen ab"), field_name="completed_at", lookup_expr="gte"
    )
    completed_to = django_filters.DateFilter(
        label=_("abgeschlossen bis"), field_name="completed_at", lookup_expr="lte"
    )

    class Meta:
        model = TrainingRecord
        fields = ["employee", "course", "session", "department", "passed"]


class SessionFilter(django_filters.FilterSet):
    date_from = django_filters.DateFilter(label=_("ab"), field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(label=_("bis"), field_name="date", lookup_expr="lte")

    class Meta:
        model = TrainingSession
        fields = ["course", "trainer"]


class RequirementFilter(django_filters.FilterSet):
    class Meta:
        model = Requirement
        fields = ["competence", "role", "department", "touchpoint"]


class GapScope(TypedDict):
    department_id: int | None
    touchpoint_id: int | None
    employee_id: int | None


def gap_filter_values(filterset: GapFilter, user: Any) -> GapScope:
    """Arguments for selectors.gap_overview from a gap filter; a manager's view stays in the own department."""
    cleaned = filterset.form.cleaned_data if filterset.is_valid() else {}
    values: GapScope = {
        "department_id": cleaned["department"].pk if cleaned.get("department") else None,
        "touchpoint_id": cleaned["touchpoint"].pk if cleaned.get("touchpoint") else None,
        "employee_id": cleaned["employee"].pk if cleaned.get("employee") else None,
    }
    own = access.team_departments_filter(user)
    if own is not None:
        # Another department's id yields nothing, without saying whether it exists.
        values["department_id"] = own if values["department_id"] in (None, own) else -1
    return values
