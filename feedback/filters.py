"""One FilterSet per model, shared by the list pages and the API (the conventions of core.filters)."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import Department
from accounts.scoping import scope_to_department
from core.filters import FilterSet, TextFilter, relation, relation_slug
from feedback.choices import ActionStatus, FeedbackChannel, FeedbackKind, FeedbackStatus, Sentiment
from feedback.models import Feedback, ImprovementAction, Topic
from touchpoints.models import Touchpoint

MULTI = forms.SelectMultiple(attrs={"size": 4})


# A list is filtered by what the user may see: another department's touchpoint answers like an unknown one (400).
def _visible_touchpoints(request: Any) -> QuerySet[Touchpoint]:
    if request is None:
        return Touchpoint.objects.all()
    return scope_to_department(Touchpoint.objects.all(), request.user)


def _visible_departments(request: Any) -> QuerySet[Department]:
    if request is None:
        return Department.objects.all()
    return scope_to_department(Department.objects.all(), request.user, field="pk")


class FeedbackFilter(FilterSet):
    date_field = "created_at"

    kind = django_filters.ChoiceFilter(label=_("Art"), choices=FeedbackKind.choices)
    touchpoint = relation(_visible_touchpoints, label=_("Kontaktpunkt"), widget=MULTI)
    touchpoint_slug = relation_slug(_visible_touchpoints, label=_("Kontaktpunkt (Kürzel)"), field_name="touchpoint")
    channel = django_filters.ChoiceFilter(label=_("Kanal"), choices=FeedbackChannel.choices)
    sentiment = django_filters.ChoiceFilter(label=_("Stimmung"), choices=Sentiment.choices)
    # Topics have no slug: by id only.
    topic = relation(Topic.objects.all(), label=_("Thema"), field_name="topics", distinct=True, widget=MULTI)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=FeedbackStatus.choices)
    q = TextFilter(label=_("Suche im Text"), field_name="text", lookup_expr="icontains")

    class Meta:
        model = Feedback
        fields = ["kind", "touchpoint", "touchpoint_slug", "channel", "sentiment", "topic", "status"]


class ImprovementActionFilter(FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ActionStatus.choices)
    department = relation(_visible_departments, label=_("Abteilung"), widget=MULTI)
    department_slug = relation_slug(_visible_departments, label=_("Abteilung (Kürzel)"), field_name="department")
    touchpoint = relation(
        _visible_touchpoints, label=_("Kontaktpunkt"), field_name="touchpoints", distinct=True, widget=MULTI
    )
    touchpoint_slug = relation_slug(
        _visible_touchpoints, label=_("Kontaktpunkt (Kürzel)"), field_name="touchpoints", distinct=True
    )

    class Meta:
        model = ImprovementAction
        fields = ["status", "department", "department_slug", "touchpoint", "touchpoint_slug"]
