"""One FilterSet for the case list page and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Department, User
from complaints.choices import OPEN_STATUSES, RUNNING_STATUSES, CaseChannel, CaseStatus, Severity, SlaState
from complaints.models import Case, Category
from touchpoints.models import Touchpoint

ORDERING = (
    ("created_at", "created_at"),
    ("resolution_due", "resolution_due"),
    ("severity", "severity"),
    ("status", "status"),
    ("reference", "reference"),
)


class CaseFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Suche"))
    status = django_filters.MultipleChoiceFilter(choices=CaseStatus.choices, label=_("Status"), distinct=False)
    severity = django_filters.MultipleChoiceFilter(choices=Severity.choices, label=_("Schweregrad"), distinct=False)
    channel = django_filters.ChoiceFilter(choices=CaseChannel.choices, label=_("Kanal"))
    department = django_filters.ModelChoiceFilter(queryset=Department.objects.all(), label=_("Abteilung"))
    assignee = django_filters.ModelChoiceFilter(queryset=User.objects.filter(is_active=True), label=_("zuständig"))
    touchpoint = django_filters.ModelChoiceFilter(
        queryset=Touchpoint.objects.select_related("stage"), label=_("Kontaktpunkt")
    )
    category = django_filters.ModelChoiceFilter(
        queryset=Category.objects.select_related("parent"), method="in_category", label=_("Kategorie")
    )
    sla_state = django_filters.ChoiceFilter(choices=SlaState.choices, label=_("SLA-Status"))
    overdue = django_filters.BooleanFilter(method="only_overdue", label=_("überfällig"))
    mine = django_filters.BooleanFilter(method="only_mine", label=_("meine Fälle"))
    open = django_filters.BooleanFilter(method="only_open", label=_("nur offene"))
    created_from = django_filters.DateFilter(
        field_name="created_at", lookup_expr="date__gte", label=_("eingegangen ab")
    )
    created_to = django_filters.DateFilter(field_name="created_at", lookup_expr="date__lte", label=_("eingegangen bis"))
    ordering = django_filters.OrderingFilter(fields=ORDERING, label=_("Sortierung"))

    class Meta:
        model = Case
        fields: list[str] = []

    def search(self, queryset: QuerySet[Case], name: str, value: str) -> QuerySet[Case]:
        value = value.strip()
        if not value:
            return queryset
        if value.upper().startswith("B-"):
            return queryset.filter(reference__istartswith=value)
        return queryset.filter(
            Q(reference__icontains=value)
            | Q(description__icontains=value)
            | Q(customer__last_name__icontains=value)
            | Q(customer__email__iexact=value)
            | Q(customer__external_ref__iexact=value)
        )

    def in_category(self, queryset: QuerySet[Case], name: str, value: Category | None) -> QuerySet[Case]:
        if value is None:
            return queryset
        return queryset.filter(Q(category=value) | Q(category__parent=value))

    def only_overdue(self, queryset: QuerySet[Case], name: str, value: bool | None) -> QuerySet[Case]:
        if not value:
            return queryset
        return queryset.filter(status__in=sorted(RUNNING_STATUSES), resolution_due__lt=timezone.now())

    def only_mine(self, queryset: QuerySet[Case], name: str, value: bool | None) -> QuerySet[Case]:
        user: Any = getattr(self.request, "user", None)
        if not value or user is None:
            return queryset
        return queryset.filter(assignee_id=user.pk)

    def only_open(self, queryset: QuerySet[Case], name: str, value: bool | None) -> QuerySet[Case]:
        return queryset.filter(status__in=sorted(OPEN_STATUSES)) if value else queryset
