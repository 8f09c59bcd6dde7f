"""One FilterSet per model, shared by the list page and the API (core.filters conventions)."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from core.filters import FilterSet, StrictBooleanFilter, TextFilter, relation, relation_slug
from customers.choices import Language
from customers.models import Customer, Interaction
from customers.selectors import customer_search
from touchpoints.models import Touchpoint


class CustomerFilter(FilterSet):
    search = TextFilter(label=_("Suche"), method="filter_search")
    language = django_filters.MultipleChoiceFilter(label=_("Sprache"), choices=Language.choices)
    segment = TextFilter(label=_("Segment"), lookup_expr="iexact")
    external_ref = TextFilter(label=_("Kundennummer"))
    erased = StrictBooleanFilter(label=_("gelöscht"), field_name="erased_at", lookup_expr="isnull", exclude=True)

    class Meta:
        model = Customer
        fields = ["search", "language", "segment", "external_ref", "erased"]

    def filter_search(self, queryset: QuerySet[Customer], name: str, value: str) -> QuerySet[Customer]:
        return customer_search(queryset, value)


class InteractionFilter(FilterSet):
    date_field = "occurred_at"

    customer = relation(Customer.objects.all(), label=_("Kunde/Kundin"))
    touchpoint = relation(Touchpoint.objects.all(), label=_("Kontaktpunkt"))
    touchpoint_slug = relation_slug(
        Touchpoint.objects.all(), label=_("Kürzel des Kontaktpunkts"), field_name="touchpoint"
    )
    external_id = TextFilter(label=_("externe ID"))

    class Meta:
        model = Interaction
        fields = ["customer", "touchpoint", "touchpoint_slug", "external_id", "date_from", "date_to"]
