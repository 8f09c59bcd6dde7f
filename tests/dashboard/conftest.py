from __future__ import annotations

from typing import Any

import pytest

from accounts.models import Department
from tests.factories import TouchpointFactory
from touchpoints.models import Touchpoint


@pytest.fixture
def touchpoint(db: Any, department: Department) -> Touchpoint:
    return TouchpointFactory(name="Kasse", slug="kasse", department=department)


@pytest.fixture
def other_touchpoint(db: Any, other_department: Department) -> Touchpoint:
    return TouchpointFactory(name="Hotline", slug="hotline", department=other_department, channel="phone")
