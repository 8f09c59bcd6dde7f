"""One FilterSet per model, shared by the list page and the API."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from customers.choices import Language
from customers.models import Customer, Interaction
from customers.selectors import customer_search


class CustomerFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(label=_("Suche"), method="filter_search")
    language = django_filters.ChoiceFilter(label=_("Sprache"), choices=Language.choices)
    segment = django_filters.CharFilter(label=_("Segment"), lookup_expr="iexact")
    erased = django_filters.BooleanFilter(
        label=_("gelöscht"), field_name="erased_at", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = Customer
        fields = ["search", "language", "segment", "erased"]

    def filter_search(self, queryset: QuerySet[Customer], name: str, value: str) -> QuerySet[Customer]:
        return customer_search(queryset, value)


class InteractionFilter(django_filters.FilterSet):
    customer = django_filters.NumberFilter(label=_("Kunde/Kundin"), field_name="customer_id")
    touchpoint = django_filters.CharFilter(label=_("Kontaktpunkt"), field_name="touchpoint__slug")
    occurred_from = django_filters.IsoDateTimeFilter(label=_("von"), field_name="occurred_at", lookup_expr="gte")
    occurred_to = django_filters.IsoDateTimeFilter(label=_("bis"), field_name="occurred_at", lookup_expr="lt")

    class Meta:
        model = Interaction
        fields = ["customer", "touchpoint", "occurred_from", "occurred_to"]
