from __future__ import annotations

from typing import Any

import pytest

from accounts.models import Department, User
from tests.factories import JourneyFactory, JourneyStageFactory, JourneyStepFactory, TouchpointFactory
from touchpoints.models import Journey, JourneyStage, Touchpoint

ROLES = ["cceo", "cx_admin", "manager", "agent", "trainer"]


@pytest.fixture
def user_of_role(cceo: User, cx_admin: User, manager: User, agent: User, trainer: User) -> Any:
    users = {"cceo": cceo, "cx_admin": cx_admin, "manager": manager, "agent": agent, "trainer": trainer}
    return users.__getitem__


@pytest.fixture
def stages(db: Any) -> list[JourneyStage]:
    names = ["Aufmerksamkeit", "Information", "Kauf", "Nutzung", "Service", "Loyalität"]
    slugs = ["aufmerksamkeit", "information", "kauf", "nutzung", "service", "loyalitaet"]
    return [JourneyStageFactory(name=n, slug=s, order=i) for i, (n, s) in enumerate(zip(names, slugs, strict=True), 1)]


@pytest.fixture
def touchpoint(stages: list[JourneyStage], department: Department) -> Touchpoint:
    return TouchpointFactory(name="Filiale Hamburg", slug="filiale-hamburg", stage=stages[2], department=department)


@pytest.fixture
def journey(stages: list[JourneyStage], department: Department) -> Journey:
    journey = JourneyFactory(name="Kauf im Laden", persona="Familienkundin")
    for order, (stage, name) in enumerate([(stages[0], "Prospekt"), (stages[2], "Kasse"), (stages[4], "Hotline")], 1):
        tp = TouchpointFactory(name=name, slug=name.lower(), stage=stage, department=department)
        JourneyStepFactory(journey=journey, touchpoint=tp, order=order, expectation=f"Erwartung {name}")
    return journey
