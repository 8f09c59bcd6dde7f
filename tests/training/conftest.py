"""Training fixtures: certificates go to a temporary MEDIA_ROOT; a small catalogue with one requirement."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.training.factories import CompetenceFactory, RequirementFactory, course_building
from training import outcomes
from training.models import Competence, Course


@pytest.fixture(autouse=True)
def _media_root(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture(autouse=True)
def _clean_outcomes() -> Iterator[None]:
    """Tests register outcome providers; the registry is process-wide, so restore it afterwards."""
    team, employee = dict(outcomes._team_outcomes), dict(outcomes._employee_outcomes)
    yield
    outcomes._team_outcomes.clear()
    outcomes._team_outcomes.update(team)
    outcomes._employee_outcomes.clear()
    outcomes._employee_outcomes.update(employee)


@pytest.fixture
def empathy(db: Any) -> Competence:
    return CompetenceFactory(name="Empathie", category="interpersonal")


@pytest.fixture
def empathy_course(empathy: Competence) -> Course:
    return course_building(empathy, 2, title="Empathie im Kundenkontakt", validity_months=24)


@pytest.fixture
def agent_requirement(empathy: Competence) -> Any:
    """Every agent needs Empathie at level 2."""
    return RequirementFactory(competence=empathy, level=2, role="agent")
