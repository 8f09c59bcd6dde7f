"""Filters of the webhook delivery log (core.filters conventions)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import FilterSet, TextFilter, relation
from core.models import WebhookDelivery, WebhookEndpoint


class WebhookDeliveryFilter(FilterSet):
    date_field = "created_at"

    endpoint = relation(WebhookEndpoint.objects.all(), label=_("Empfänger"))
    status = django_filters.MultipleChoiceFilter(label=_("Status"), choices=WebhookDelivery.Status.choices)
    event_type = TextFilter(label=_("Ereignistyp"))

    class Meta:
        model = WebhookDelivery
        fields = ["endpoint", "status", "event_type", "date_from", "date_to"]
