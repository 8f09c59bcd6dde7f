"""List endpoints and pages of the customers app take a constant number of queries."""

from __future__ import annotations

import pytest

from customers.models import ImportJob
from tests.factories import CustomerFactory, InteractionFactory
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def _imports(n: int) -> None:
    for index in range(n):
        ImportJob.objects.create(file_name=f"kunden-{index}.csv", content=b"x")


@pytest.mark.parametrize(
    ("url", "rows"),
    [
        ("/api/v1/customers/", lambda n: CustomerFactory.create_batch(n)),
        ("/api/v1/customer-imports/", _imports),
        ("/api/v1/interactions/", lambda n: InteractionFactory.create_batch(n)),
    ],
)
def test_list_endpoints(api_as, cx_admin, url, rows):
    api = api_as(cx_admin)
    assert_constant_queries(lambda: api.get(url), rows)


def test_interactions_list_of_a_scoped_agent(api_as, agent, touchpoint):
    api = api_as(agent)
    assert_constant_queries(
        lambda: api.get("/api/v1/interactions/"), lambda n: InteractionFactory.create_batch(n, touchpoint=touchpoint)
    )


@pytest.mark.parametrize(
    ("url", "rows"),
    [("/customers/", lambda n: CustomerFactory.create_batch(n)), ("/customers/import/", _imports)],
)
def test_list_pages(client, cx_admin, url, rows):
    client.force_login(cx_admin)
    assert_constant_queries(lambda: client.get(url), rows)


def test_profile_page(client, agent, customer, touchpoint):
    client.force_login(agent)
    assert_constant_queries(
        lambda: client.get(f"/customers/{customer.pk}/"),
        lambda n: InteractionFactory.create_batch(n, customer=customer, touchpoint=touchpoint),
    )
