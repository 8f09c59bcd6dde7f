"""List views and the gap report keep their query counts flat as data grows."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.choices import Role
from tests.factories import TouchpointFactory, UserFactory
from tests.training.factories import TrainingRecordFactory

pytestmark = pytest.mark.django_db


def queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", ["/api/v1/training/records/", "/api/v1/training/gaps/", "/training/gaps/"])
def test_query_count_does_not_grow_with_staff_and_records(
    api_as: Any, client: Any, trainer: Any, department: Any, empathy_course: Any, agent_requirement: Any, url: str
) -> None:
    TouchpointFactory(department=department)
    api = api_as(trainer)
    client.force_login(trainer)
    fetch = api if url.startswith("/api/") else client

    def add_staff(n: int) -> None:
        for _ in range(n):
            TrainingRecordFactory(employee=UserFactory(role=Role.AGENT, department=department), course=empathy_course)

    add_staff(2)
    small = queries(fetch, url)
    add_staff(10)
    assert queries(fetch, url) == small
