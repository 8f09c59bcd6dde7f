from __future__ import annotations

import factory
from django.utils import timezone

from customers.models import Consent
from tests.factories import CustomerFactory


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    customer = factory.SubFactory(CustomerFactory)
    purpose = "survey_email"
    status = "granted"
    text_version = "2026-01"
    source = "Anmeldeformular Filiale"
    evidence = "Formular Nr. 4711"
    granted_at = factory.LazyFunction(timezone.now)
