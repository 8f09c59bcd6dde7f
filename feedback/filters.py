"""One FilterSet per model, shared by the list pages and the API."""

from __future__ import annotations

import datetime as dt

import django_filters
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Department
from feedback.choices import ActionStatus, FeedbackChannel, FeedbackKind, FeedbackStatus, Sentiment
from feedback.models import Feedback, ImprovementAction, Topic
from touchpoints.models import Touchpoint

PERIOD_CHOICES = [("7", _("letzte 7 Tage")), ("30", _("letzte 30 Tage")), ("90", _("letzte 90 Tage")),
                  ("365", _("letzte 12 Monate"))]


class FeedbackFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Art"), choices=FeedbackKind.choices)
    touchpoint = django_filters.ModelChoiceFilter(
        label=_("Kontaktpunkt"), queryset=Touchpoint.objects.all(), to_field_name="slug"
    )
    channel = django_filters.ChoiceFilter(label=_("Kanal"), choices=FeedbackChannel.choices)
    sentiment = django_filters.ChoiceFilter(label=_("Stimmung"), choices=Sentiment.choices)
    topic = django_filters.ModelChoiceFilter(
        label=_("Thema"), queryset=Topic.objects.all(), to_field_name="name", field_name="topics"
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=FeedbackStatus.choices)
    period = django_filters.ChoiceFilter(label=_("Zeitraum"), choices=PERIOD_CHOICES, method="filter_period")
    date_from = django_filters.DateFilter(label=_("von"), method="filter_date_from")
    date_to = django_filters.DateFilter(label=_("bis"), method="filter_date_to")
    q = django_filters.CharFilter(label=_("Suche im Text"), field_name="text", lookup_expr="icontains")

    class Meta:
        model = Feedback
        fields = ["kind", "touchpoint", "channel", "sentiment", "topic", "status"]

    def filter_period(self, queryset: QuerySet[Feedback], name: str, value: str) -> QuerySet[Feedback]:
        return queryset.filter(created_at__gte=timezone.now() - dt.timedelta(days=int(value)))

    @staticmethod
    def _day_start(day: dt.date) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(day, dt.time.min))

    def filter_date_from(self, queryset: QuerySet[Feedback], name: str, value: dt.date) -> QuerySet[Feedback]:
        return queryset.filter(created_at__gte=self._day_start(value))

    def filter_date_to(self, queryset: QuerySet[Feedback], name: str, value: dt.date) -> QuerySet[Feedback]:
        return queryset.filter(created_at__lt=self._day_start(value + dt.timedelta(days=1)))


class ImprovementActionFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ActionStatus.choices)
    department = django_filters.ModelChoiceFilter(
        label=_("Abteilung"), queryset=Department.objects.all(), to_field_name="slug"
    )

    class Meta:
        model = ImprovementAction
        fields = ["status", "department"]
