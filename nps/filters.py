"""One filter set per list, shared by the staff pages and the API."""

from __future__ import annotations

import datetime as dt

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Department
from nps.choices import Category, InvitationStatus
from nps.models import Invitation, Response, Survey
from touchpoints.models import Touchpoint


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


class ResponseFilterSet(django_filters.FilterSet):
    survey = django_filters.ModelChoiceFilter(label=_("Befragung"), queryset=Survey.objects.all())
    touchpoint = django_filters.ModelChoiceFilter(label=_("Kontaktpunkt"), queryset=Touchpoint.objects.all())
    department = django_filters.ModelChoiceFilter(label=_("Abteilung"), queryset=Department.objects.all())
    segment = django_filters.CharFilter(label=_("Segment"))
    category = django_filters.ChoiceFilter(label=_("Kategorie"), choices=Category.choices)
    needs_follow_up = django_filters.BooleanFilter(label=_("Nachfassen nötig"))
    date_from = django_filters.DateFilter(label=_("von"), method="filter_date_from")
    date_to = django_filters.DateFilter(label=_("bis"), method="filter_date_to")
    q = django_filters.CharFilter(label=_("Kommentar enthält"), method="filter_comment")

    class Meta:
        model = Response
        fields = ["survey", "touchpoint", "department", "segment", "category", "needs_follow_up"]

    date_field = "submitted_at"

    def filter_date_from(self, queryset: QuerySet, name: str, value: dt.date) -> QuerySet:
        return queryset.filter(**{f"{self.date_field}__gte": _day_start(value)})

    def filter_date_to(self, queryset: QuerySet, name: str, value: dt.date) -> QuerySet:
        return queryset.filter(**{f"{self.date_field}__lt": _day_start(value + dt.timedelta(days=1))})

    def filter_comment(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(comment__icontains=value) if value else queryset


class InvitationFilterSet(django_filters.FilterSet):
    """Also used for the denominator of the response rate in the summary (same filter names as responses)."""

    survey = django_filters.ModelChoiceFilter(label=_("Befragung"), queryset=Survey.objects.all())
    campaign = django_filters.NumberFilter(label=_("Befragungswelle"))
    touchpoint = django_filters.ModelChoiceFilter(label=_("Kontaktpunkt"), queryset=Touchpoint.objects.all())
    department = django_filters.ModelChoiceFilter(
        label=_("Abteilung"), queryset=Department.objects.all(), field_name="touchpoint__department"
    )
    segment = django_filters.CharFilter(label=_("Segment"), field_name="customer__segment")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=InvitationStatus.choices)
    date_from = django_filters.DateFilter(label=_("von"), method="filter_date_from")
    date_to = django_filters.DateFilter(label=_("bis"), method="filter_date_to")

    class Meta:
        model = Invitation
        fields = ["survey", "campaign", "touchpoint", "status"]

    def filter_date_from(self, queryset: QuerySet, name: str, value: dt.date) -> QuerySet:
        return queryset.filter(Q(sent_at__gte=_day_start(value)))

    def filter_date_to(self, queryset: QuerySet, name: str, value: dt.date) -> QuerySet:
        return queryset.filter(sent_at__lt=_day_start(value + dt.timedelta(days=1)))
