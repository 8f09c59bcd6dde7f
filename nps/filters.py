"""One filter set per list, shared by the staff pages and the API (the platform's names: core.filters)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import Department
from core.filters import FilterSet, StrictBooleanFilter, TextFilter, relation, relation_slug
from nps.choices import CampaignStatus, Category, InvitationStatus, SurveyKind
from nps.models import Campaign, Invitation, Response, Survey, TriggerRule
from touchpoints.models import Touchpoint


def _touchpoints() -> QuerySet[Touchpoint]:
    return Touchpoint.objects.all()


def _departments() -> QuerySet[Department]:
    return Department.objects.all()


class SurveyFilterSet(FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Art"), choices=SurveyKind.choices)
    active = StrictBooleanFilter(label=_("aktiv"))
    touchpoint = relation(_touchpoints(), label=_("Kontaktpunkt"))
    touchpoint_slug = relation_slug(_touchpoints(), label=_("Kontaktpunkt (Kürzel)"), field_name="touchpoint")

    class Meta:
        model = Survey
        fields: list[str] = []


class TriggerRuleFilterSet(FilterSet):
    survey = relation(Survey.objects.all(), label=_("Befragung"))
    touchpoint = relation(_touchpoints(), label=_("Kontaktpunkt"))
    touchpoint_slug = relation_slug(_touchpoints(), label=_("Kontaktpunkt (Kürzel)"), field_name="touchpoint")
    active = StrictBooleanFilter(label=_("aktiv"))

    class Meta:
        model = TriggerRule
        fields: list[str] = []


class CampaignFilterSet(FilterSet):
    date_field = "created_at"

    survey = relation(Survey.objects.all(), label=_("Befragung"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=CampaignStatus.choices)
    touchpoint = relation(_touchpoints(), label=_("Kontaktpunkt"))
    touchpoint_slug = relation_slug(_touchpoints(), label=_("Kontaktpunkt (Kürzel)"), field_name="touchpoint")

    class Meta:
        model = Campaign
        fields: list[str] = []


class ResponseFilterSet(FilterSet):
    date_field = "submitted_at"

    survey = relation(Survey.objects.all(), label=_("Befragung"))
    campaign = relation(Campaign.objects.all(), label=_("Befragungswelle"), field_name="invitation__campaign")
    touchpoint = relation(_touchpoints(), label=_("Kontaktpunkt"))
    touchpoint_slug = relation_slug(_touchpoints(), label=_("Kontaktpunkt (Kürzel)"), field_name="touchpoint")
    department = relation(_departments(), label=_("Abteilung"))
    department_slug = relation_slug(_departments(), label=_("Abteilung (Kürzel)"), field_name="department")
    segment = TextFilter(label=_("Segment"))
    category = django_filters.ChoiceFilter(label=_("Kategorie"), choices=Category.choices)
    needs_follow_up = StrictBooleanFilter(label=_("Nachfassen nötig"))
    q = TextFilter(label=_("Kommentar enthält"), method="filter_comment")

    class Meta:
        model = Response
        fields: list[str] = []

    def filter_comment(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(comment__icontains=value) if value else queryset


class InvitationFilterSet(FilterSet):
    """Also the denominator of the summary's response rate: the same filter names as the answers."""

    date_field = "sent_at"

    survey = relation(Survey.objects.all(), label=_("Befragung"))
    campaign = relation(Campaign.objects.all(), label=_("Befragungswelle"))
    touchpoint = relation(_touchpoints(), label=_("Kontaktpunkt"))
    touchpoint_slug = relation_slug(_touchpoints(), label=_("Kontaktpunkt (Kürzel)"), field_name="touchpoint")
    department = relation(_departments(), label=_("Abteilung"), field_name="touchpoint__department")
    department_slug = relation_slug(
        _departments(), label=_("Abteilung (Kürzel)"), field_name="touchpoint__department"
    )
    segment = TextFilter(label=_("Segment"), field_name="customer__segment")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=InvitationStatus.choices)

    class Meta:
        model = Invitation
        fields: list[str] = []
