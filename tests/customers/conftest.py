from __future__ import annotations

from typing import Any

import pytest

from accounts.models import Department
from customers.models import Customer
from tests.factories import CustomerFactory, TouchpointFactory
from touchpoints.models import Touchpoint


@pytest.fixture
def customer(db: Any) -> Customer:
    return CustomerFactory(
        external_ref="K-100", email="erika.beispiel@example.org", first_name="Erika", last_name="Beispielfrau"
    )


@pytest.fixture
def touchpoint(department: Department) -> Touchpoint:
    return TouchpointFactory(slug="filiale-hamburg", name="Filiale Hamburg", department=department, channel="store")


@pytest.fixture
def other_touchpoint(other_department: Department) -> Touchpoint:
    return TouchpointFactory(slug="hotline", name="Hotline", department=other_department, channel="phone")
