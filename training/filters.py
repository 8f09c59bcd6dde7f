"""FilterSets shared by the pages and the API (the conventions of core.filters): relations by id, repeatable,
with `_slug` where the related model has a slug; periods as `date_from` / `date_to`."""

from __future__ import annotations

import datetime as dt
from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role
from accounts.models import Department, User
from core.dates import Period
from core.filters import FilterSet, StrictBooleanFilter, TextFilter, relation, relation_slug
from touchpoints.models import Touchpoint
from training import access
from training.choices import CompetenceCategory, CourseFormat
from training.models import Competence, Course, Requirement, TrainingRecord, TrainingSession
from training.selectors import NOBODY, GapScope


def _visible_employees(request: Any) -> QuerySet[User]:
    """Only employees the requester may see individually: another department's id answers like an unknown one."""
    if request is None:
        return User.objects.none()
    return access.visible_employees(request.user)


def _trainers(request: Any) -> QuerySet[User]:
    return User.objects.filter(role=Role.TRAINER)


class CompetenceFilter(FilterSet):
    category = django_filters.ChoiceFilter(label=_("Kategorie"), choices=CompetenceCategory.choices)
    q = TextFilter(label=_("Suche"), field_name="name", lookup_expr="icontains")

    class Meta:
        model = Competence
        fields = ["category"]


class CourseFilter(FilterSet):
    format = django_filters.ChoiceFilter(label=_("Format"), choices=CourseFormat.choices)
    active = StrictBooleanFilter(label=_("aktiv"))
    competence = relation(
        Competence.objects.all(), label=_("Kompetenz"), field_name="course_competences__competence", distinct=True
    )

    class Meta:
        model = Course
        fields = ["format", "active", "competence"]


class RecordFilter(FilterSet):
    date_field = "completed_at"

    employee = relation(_visible_employees, label=_("Mitarbeiter/in"))
    course = relation(Course.objects.all(), label=_("Schulung"))
    session = relation(TrainingSession.objects.all(), label=_("Termin"))
    department = relation(Department.objects.all(), label=_("Abteilung"), field_name="employee__department")
    department_slug = relation_slug(
        Department.objects.all(), label=_("Abteilung (Kürzel)"), field_name="employee__department"
    )
    competence = relation(
        Competence.objects.all(),
        label=_("Kompetenz"),
        field_name="course__course_competences__competence",
        distinct=True,
    )
    passed = StrictBooleanFilter(label=_("bestanden"))

    class Meta:
        model = TrainingRecord
        fields = ["employee", "course", "session", "department", "department_slug", "competence", "passed"]


class SessionFilter(FilterSet):
    date_field = "date"

    course = relation(Course.objects.all(), label=_("Schulung"))
    trainer = relation(_trainers, label=_("Trainer/in"))

    class Meta:
        model = TrainingSession
        fields = ["course", "trainer"]


class RequirementFilter(FilterSet):
    competence = relation(Competence.objects.all(), label=_("Kompetenz"))
    role = django_filters.ChoiceFilter(label=_("Rolle"), choices=Role.choices)
    department = relation(Department.objects.all(), label=_("Abteilung"))
    department_slug = relation_slug(Department.objects.all(), label=_("Abteilung (Kürzel)"), field_name="department")
    touchpoint = relation(Touchpoint.objects.all(), label=_("Kontaktpunkt"))
    touchpoint_slug = relation_slug(Touchpoint.objects.all(), label=_("Kontaktpunkt (Kürzel)"), field_name="touchpoint")

    class Meta:
        model = Requirement
        fields = ["competence", "role", "department", "department_slug", "touchpoint", "touchpoint_slug"]


class PeriodFilter(FilterSet):
    """Only `date_from` / `date_to`: the window of the customer outcomes shown next to training (filters no rows)."""

    date_field = "date_joined"  # a period is required by the base; the methods below keep every row

    class Meta:
        model = User
        fields: list[str] = []

    def filter_date_from(self, queryset: QuerySet[Any], name: str, value: Any) -> QuerySet[Any]:
        return queryset

    def filter_date_to(self, queryset: QuerySet[Any], name: str, value: Any) -> QuerySet[Any]:
        return queryset


class GapFilter(PeriodFilter):
    """Filters of the gap report and the team comparison: department, touchpoint, employee, date_from/date_to."""

    department = relation(Department.objects.all(), label=_("Abteilung"))
    department_slug = relation_slug(Department.objects.all(), label=_("Abteilung (Kürzel)"), field_name="department")
    touchpoint = relation(
        Touchpoint.objects.filter(active=True), label=_("Kontaktpunkt"), field_name="department__touchpoints"
    )
    touchpoint_slug = relation_slug(
        Touchpoint.objects.filter(active=True), label=_("Kontaktpunkt (Kürzel)"), field_name="department__touchpoints"
    )
    employee = relation(_visible_employees, label=_("Mitarbeiter/in"), field_name="pk")

    class Meta:
        model = User
        fields = ["department", "department_slug", "touchpoint", "touchpoint_slug", "employee"]


def _ids(cleaned: dict[str, Any], *names: str) -> frozenset[int] | None:
    """The ids chosen by id and by slug (both given: those in both), None when neither was given."""
    chosen: frozenset[int] | None = None
    for name in names:
        objects = cleaned.get(name)
        if objects:
            ids = frozenset(obj.pk for obj in objects)
            chosen = ids if chosen is None else chosen & ids
    return chosen


def gap_scope(filterset: GapFilter, user: Any) -> GapScope:
    """The staff a gap filter selects for `user`; an invalid filter selects nobody, a manager stays in the own
    department (another department's id yields nothing, without saying whether it exists)."""
    if not filterset.is_valid():
        return NOBODY
    cleaned = filterset.form.cleaned_data
    departments = _ids(cleaned, "department", "department_slug")
    own = access.team_departments_filter(user)
    if own is not None:
        departments = frozenset({own}) if departments is None else departments & {own}
    return GapScope(
        department_ids=departments,
        touchpoint_ids=_ids(cleaned, "touchpoint", "touchpoint_slug"),
        employee_ids=_ids(cleaned, "employee"),
    )



OUTCOME_WINDOW_DAYS = 90


def gap_period(filterset: PeriodFilter) -> Period:
    """The outcome window: date_from / date_to as given, by default the 90 days up to today."""
    cleaned = filterset.form.cleaned_data if filterset.is_valid() else {}
    date_to = cleaned.get("date_to") or timezone.localdate()
    date_from = cleaned.get("date_from") or date_to - dt.timedelta(days=OUTCOME_WINDOW_DAYS)
    return Period(min(date_from, date_to), date_to)
