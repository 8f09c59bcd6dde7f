"""factory_boy factories shared by all test modules. Apps add theirs in tests/<app>/factories.py."""

from __future__ import annotations

import factory
from django.utils import timezone

from accounts.choices import Role
from accounts.models import Department, User
from customers.models import Customer, Interaction
from touchpoints.models import Journey, JourneyStage, JourneyStep, Touchpoint

TEST_PASSWORD = "Test-Passwort-2026!"  # noqa: S105


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Abteilung {n}")
    slug = factory.Sequence(lambda n: f"abteilung-{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    role = Role.AGENT
    department = factory.SubFactory(DepartmentFactory)

    @factory.post_generation
    def password(self, create: bool, extracted: str | None, **kwargs: object) -> None:
        self.set_password(extracted or TEST_PASSWORD)
        if create:
            self.save()
            from accounts.services import user_set_role

            user_set_role(user=self, role=self.role)


class JourneyStageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JourneyStage
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Phase {n}")
    slug = factory.Sequence(lambda n: f"phase-{n}")
    order = factory.Sequence(lambda n: n)


class TouchpointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Touchpoint

    name = factory.Sequence(lambda n: f"Kontaktpunkt {n}")
    slug = factory.Sequence(lambda n: f"kontaktpunkt-{n}")
    stage = factory.SubFactory(JourneyStageFactory)
    channel = "store"
    kind = "direct"
    department = factory.SubFactory(DepartmentFactory)
    importance = 3


class JourneyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Journey

    name = factory.Sequence(lambda n: f"Kundenreise {n}")
    persona = "Familienkundin"


class JourneyStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JourneyStep

    journey = factory.SubFactory(JourneyFactory)
    touchpoint = factory.SubFactory(TouchpointFactory)
    order = factory.Sequence(lambda n: n)


class CustomerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Customer

    external_ref = factory.Sequence(lambda n: f"K{n:06d}")
    email = factory.Sequence(lambda n: f"kunde{n}@example.org")
    first_name = "Erika"
    last_name = factory.Sequence(lambda n: f"Mustermann{n}")
    language = "de"
    segment = "privat"


class InteractionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interaction

    customer = factory.SubFactory(CustomerFactory)
    touchpoint = factory.SubFactory(TouchpointFactory)
    occurred_at = factory.LazyFunction(timezone.now)
    channel = "store"
    external_id = factory.Sequence(lambda n: f"ext-{n}")
