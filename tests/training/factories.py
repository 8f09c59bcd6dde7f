"""factory_boy factories for training."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from accounts.choices import Role
from tests.factories import UserFactory
from training.gaps import expiry_date
from training.models import (
    Competence,
    Course,
    CourseCompetence,
    Enrolment,
    Requirement,
    TrainingRecord,
    TrainingSession,
)


class CompetenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Competence
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Kompetenz {n}")
    category = "interpersonal"


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    title = factory.Sequence(lambda n: f"Schulung {n}")
    duration_hours = Decimal("4")
    format = "classroom"
    validity_months = 12
    active = True


class CourseCompetenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CourseCompetence

    course = factory.SubFactory(CourseFactory)
    competence = factory.SubFactory(CompetenceFactory)
    level = 2


def course_building(
    competence: Competence, level: int, *, validity_months: int | None = 12, **kwargs: object
) -> Course:
    course = CourseFactory(validity_months=validity_months, **kwargs)
    CourseCompetenceFactory(course=course, competence=competence, level=level)
    return course


class TrainingSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingSession

    course = factory.SubFactory(CourseFactory)
    date = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=1))
    trainer = factory.SubFactory(UserFactory, role=Role.TRAINER)
    location = "Schulungsraum"
    seats = 10


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    session = factory.SubFactory(TrainingSessionFactory)
    employee = factory.SubFactory(UserFactory)


class TrainingRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingRecord

    employee = factory.SubFactory(UserFactory)
    course = factory.SubFactory(CourseFactory)
    completed_at = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=10))
    passed = True
    expires_at = factory.LazyAttribute(lambda r: expiry_date(r.completed_at, r.course.validity_months))


class RequirementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Requirement

    competence = factory.SubFactory(CompetenceFactory)
    level = 2
    role = Role.AGENT
