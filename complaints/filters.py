"""The filters of the case list (page and API) and of the stats, on the platform's base filterset: relations by id
(repeatable) and by `_slug`, the period as `date_from` / `date_to` on the receipt (`created_at`)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Department, User
from accounts.selectors import users_visible_to
from complaints.choices import OPEN_STATUSES, RUNNING_STATUSES, CaseChannel, CaseStatus, Severity, SlaState
from complaints.models import Case, Category
from core.filters import FilterSet, StrictBooleanFilter, TextFilter, relation, relation_slug
from touchpoints.models import Touchpoint

ORDERING = (
    ("created_at", "created_at"),
    ("resolution_due", "resolution_due"),
    ("severity", "severity"),
    ("status", "status"),
    ("reference", "reference"),
)


def _visible_users(request: HttpRequest | None) -> QuerySet[User]:
    if request is None:
        return User.objects.none()
    return users_visible_to(request.user).filter(is_active=True).order_by("last_name", "username")


def _departments() -> QuerySet[Department]:
    return Department.objects.order_by("name")


def _touchpoints() -> QuerySet[Touchpoint]:
    return Touchpoint.objects.order_by("name")


def _categories() -> QuerySet[Category]:
    return Category.objects.select_related("parent")


class CaseStatsFilterSet(FilterSet):
    """The filters the stats take; the case list takes these and more. The relation filters compare ids only (no
    join), so that the stats' index-only scans and rank walks stay on their indexes."""

    date_field = "created_at"

    department = relation(_departments(), label=_("Abteilung"), method="related_in")
    department_slug = relation_slug(
        _departments(), label=_("Abteilung (Kürzel)"), field_name="department", method="related_in"
    )
    touchpoint = relation(_touchpoints(), label=_("Kontaktpunkt"), method="related_in")
    touchpoint_slug = relation_slug(
        _touchpoints(), label=_("Kontaktpunkt (Kürzel)"), field_name="touchpoint", method="related_in"
    )
    category = relation(_categories(), label=_("Kategorie"), method="in_category")

    class Meta:
        model = Case
        fields: list[str] = []

    def related_in(self, queryset: QuerySet[Case], name: str, value: Any) -> QuerySet[Case]:
        return queryset.filter(**{f"{name}_id__in": [obj.pk for obj in value]}) if value else queryset

    def in_category(self, queryset: QuerySet[Case], name: str, value: Any) -> QuerySet[Case]:
        """The categories and their subcategories, as an id subquery."""
        if not value:
            return queryset
        chosen = [obj.pk for obj in value]
        family = Category.objects.filter(Q(pk__in=chosen) | Q(parent_id__in=chosen)).values("pk")
        return queryset.filter(category_id__in=family)


class CaseFilterSet(CaseStatsFilterSet):
    """One filter set for the case list page and the API."""

    q = TextFilter(method="search", label=_("Suche"))
    status = django_filters.MultipleChoiceFilter(choices=CaseStatus.choices, label=_("Status"), distinct=False)
    severity = django_filters.MultipleChoiceFilter(choices=Severity.choices, label=_("Schweregrad"), distinct=False)
    channel = django_filters.ChoiceFilter(choices=CaseChannel.choices, label=_("Kanal"))
    assignee = relation(_visible_users, label=_("zuständig"), method="related_in")
    sla_state = django_filters.ChoiceFilter(choices=SlaState.choices, label=_("SLA-Status"))
    overdue = StrictBooleanFilter(method="only_overdue", label=_("überfällig"))
    mine = StrictBooleanFilter(method="only_mine", label=_("meine Fälle"))
    open = StrictBooleanFilter(method="only_open", label=_("nur offene"))
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
