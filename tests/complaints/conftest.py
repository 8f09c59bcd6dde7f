from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from accounts.models import Department, User
from complaints import services
from complaints.models import Case, SlaPolicy
from customers.models import Customer
from tests.complaints.factories import BusinessCalendarFactory, CategoryFactory, SlaPolicyFactory
from tests.factories import CustomerFactory, TouchpointFactory
from touchpoints.models import Touchpoint

BERLIN = ZoneInfo("Europe/Berlin")


def berlin(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=BERLIN)  # type: ignore[misc]


@pytest.fixture(autouse=True)
def _german() -> Any:
    """Requests with Accept-Language: en leave English active in the thread; every test starts in German."""
    from django.utils import translation

    with translation.override("de"):
        yield


@pytest.fixture
def policies(db: Any) -> dict[str, SlaPolicy]:
    """Hamburg calendar (Mon–Fri 8–18) and one policy per severity."""
    calendar = BusinessCalendarFactory()
    hours = {"low": (8, 80, 16), "medium": (4, 40, 8), "high": (2, 16, 4), "critical": (1, 8, 2)}
    return {
        severity: SlaPolicyFactory(
            severity=severity,
            calendar=calendar,
            first_response_hours=Decimal(fr),
            resolution_hours=Decimal(res),
            update_interval_hours=Decimal(upd),
        )
        for severity, (fr, res, upd) in hours.items()
    }


@pytest.fixture
def touchpoint(department: Department) -> Touchpoint:
    return TouchpointFactory(name="Filiale Altona", slug="filiale-altona", department=department)


@pytest.fixture
def other_touchpoint(other_department: Department) -> Touchpoint:
    return TouchpointFactory(name="Hotline", slug="hotline", department=other_department, channel="phone")


@pytest.fixture
def category(db: Any) -> Any:
    parent = CategoryFactory(name="Lieferung")
    return CategoryFactory(name="verspätet", parent=parent)


@pytest.fixture
def customer(db: Any) -> Customer:
    return CustomerFactory(email="erika@example.org", first_name="Erika", last_name="Mustermann")


@pytest.fixture
def make_case(policies: Any, touchpoint: Touchpoint, customer: Customer, agent: User) -> Callable[..., Case]:
    def make(**kwargs: Any) -> Case:
        kwargs.setdefault("channel", "phone")
        kwargs.setdefault("description", "Die Lieferung kam zwei Wochen zu spät.")
        kwargs.setdefault("customer", customer)
        kwargs.setdefault("touchpoint", touchpoint)
        place = kwargs.get("department") or (kwargs["touchpoint"].department if kwargs["touchpoint"] else None)
        # The agent logs their own department's cases; another department's come from the platform (actor None).
        kwargs.setdefault("actor", agent if place is None or place.pk == agent.department_id else None)
        return services.case_create(**kwargs)

    return make
