"""List endpoints and pages of the touchpoints app take a constant number of queries."""

from __future__ import annotations

import pytest

from tests.factories import JourneyStageFactory, JourneyStepFactory, TouchpointFactory
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def _journeys(n: int) -> None:
    for _ in range(n):
        JourneyStepFactory.create_batch(2)


@pytest.mark.parametrize(
    ("url", "rows"),
    [
        ("/api/v1/journey-stages/", lambda n: JourneyStageFactory.create_batch(n)),
        ("/api/v1/touchpoints/", lambda n: TouchpointFactory.create_batch(n)),
        ("/api/v1/journeys/", _journeys),
    ],
)
def test_list_endpoints(api_as, agent, url, rows):
    api = api_as(agent)
    assert_constant_queries(lambda: api.get(url), rows)


@pytest.mark.parametrize(
    ("url", "rows"),
    [
        ("/touchpoints/", lambda n: TouchpointFactory.create_batch(n)),
        ("/touchpoints/stages/", lambda n: JourneyStageFactory.create_batch(n)),
        ("/touchpoints/journeys/", _journeys),
        ("/touchpoints/map/", lambda n: TouchpointFactory.create_batch(n)),
    ],
)
def test_list_pages(client, cx_admin, url, rows):
    client.force_login(cx_admin)
    assert_constant_queries(lambda: client.get(url), rows)
