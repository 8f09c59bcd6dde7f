"""List endpoints of the accounts app take a constant number of queries."""

from __future__ import annotations

import pytest

from tests.factories import DepartmentFactory, UserFactory
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def test_departments_list(api_as, cx_admin):
    parent = DepartmentFactory(slug="zentrale")
    api = api_as(cx_admin)
    assert_constant_queries(
        lambda: api.get("/api/v1/departments/"), lambda n: DepartmentFactory.create_batch(n, parent=parent)
    )


def test_users_list(api_as, cx_admin):
    api = api_as(cx_admin)
    assert_constant_queries(lambda: api.get("/api/v1/users/"), lambda n: UserFactory.create_batch(n))
