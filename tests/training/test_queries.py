"""Every training list (API and page) and the gap report keep their query counts flat as data grows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.choices import Role
from tests.factories import TouchpointFactory, UserFactory
from tests.training.factories import (
    CompetenceFactory,
    EnrolmentFactory,
    RequirementFactory,
    TrainingRecordFactory,
    TrainingSessionFactory,
    course_building,
)

pytestmark = pytest.mark.django_db


def queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200, url
    return len(ctx.captured_queries)


def add_staff(department: Any, course: Any, n: int) -> None:
    for _ in range(n):
        TrainingRecordFactory(employee=UserFactory(role=Role.AGENT, department=department), course=course)


def add_competences(department: Any, course: Any, n: int) -> None:
    for _ in range(n):
        CompetenceFactory()


def add_courses(department: Any, course: Any, n: int) -> None:
    for _ in range(n):
        course_building(CompetenceFactory(), 2)


def add_sessions(department: Any, course: Any, n: int) -> None:
    for _ in range(n):
        session = TrainingSessionFactory(course=course, date=dt.date(2030, 1, 1))
        EnrolmentFactory(session=session, employee=UserFactory(role=Role.AGENT, department=department))


def add_requirements(department: Any, course: Any, n: int) -> None:
    for _ in range(n):
        RequirementFactory(role="", department=department, touchpoint=TouchpointFactory(department=department))


CASES = [
    ("/api/v1/training/records/", add_staff),
    ("/api/v1/training/records/?date_from=2020-01-01&department_slug={department}", add_staff),
    ("/api/v1/training/gaps/", add_staff),
    ("/api/v1/training/comparison/", add_staff),
    ("/api/v1/training/competences/", add_competences),
    ("/api/v1/training/courses/", add_courses),
    ("/api/v1/training/sessions/", add_sessions),
    ("/api/v1/training/requirements/", add_requirements),
    ("/training/gaps/", add_staff),
    ("/training/", add_sessions),
    ("/training/courses/", add_courses),
    ("/training/sessions/", add_sessions),
    ("/training/requirements/", add_requirements),
]


@pytest.mark.parametrize(("url", "add"), CASES, ids=[url for url, _add in CASES])
def test_query_count_does_not_grow_with_the_rows(
    api_as: Any, client: Any, trainer: Any, department: Any, empathy_course: Any, agent_requirement: Any,
    url: str, add: Callable[[Any, Any, int], None],
) -> None:
    TouchpointFactory(department=department)
    url = url.format(department=department.slug)
    fetch = api_as(trainer) if url.startswith("/api/") else client
    client.force_login(trainer)
    add(department, empathy_course, 2)
    queries(fetch, url)  # warm the per-process caches
    small = queries(fetch, url)
    add(department, empathy_course, 10)
    assert queries(fetch, url) == small


@pytest.mark.parametrize("url", ["/api/v1/training/gaps/", "/training/gaps/"])
def test_the_managers_gap_report_stays_flat_too(
    api_as: Any, client: Any, manager: Any, department: Any, empathy_course: Any, agent_requirement: Any, url: str
) -> None:
    fetch = api_as(manager) if url.startswith("/api/") else client
    client.force_login(manager)
    add_staff(department, empathy_course, 2)
    queries(fetch, url)
    small = queries(fetch, url)
    add_staff(department, empathy_course, 10)
    assert queries(fetch, url) == small
