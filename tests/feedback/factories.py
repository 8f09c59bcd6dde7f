"""Factories for the feedback app."""

from __future__ import annotations

import factory
from django.utils import timezone

from feedback.models import Feedback, ImprovementAction, Topic
from tests.factories import DepartmentFactory, TouchpointFactory


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Thema {n}")
    keywords = "beispiel"
    active = True


class FeedbackFactory(factory.django.DjangoModelFactory):
    """A stored feedback item without running the analysis (use services.feedback_create for that)."""

    class Meta:
        model = Feedback

    kind = "criticism"
    text = "Die Wartezeit an der Kasse war zu lang."
    touchpoint = factory.SubFactory(TouchpointFactory)
    department = factory.LazyAttribute(lambda o: o.touchpoint.department)
    channel = "web_form"
    language = "de"
    sentiment = "negative"
    created_at = factory.LazyFunction(timezone.now)


class ImprovementActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImprovementAction

    title = factory.Sequence(lambda n: f"Maßnahme {n}")
    department = factory.SubFactory(DepartmentFactory)
