from __future__ import annotations

from decimal import Decimal

import factory

from complaints.models import BusinessCalendar, Category, RootCause, SlaPolicy


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Kategorie {n}")


class RootCauseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RootCause
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Ursache {n}")


class BusinessCalendarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BusinessCalendar
        django_get_or_create = ("name",)

    name = "Hamburg"
    state = "HH"
    is_default = True


class SlaPolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SlaPolicy

    severity = "medium"
    first_response_hours = Decimal("4")
    resolution_hours = Decimal("40")
    update_interval_hours = Decimal("8")
