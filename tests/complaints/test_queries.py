"""Every list endpoint and list page of the complaints app answers with a number of queries that does not grow
with the number of rows (no N+1)."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from complaints import note_services, services
from complaints.models import Case
from tests.complaints.factories import BusinessCalendarFactory, CategoryFactory, RootCauseFactory, SlaPolicyFactory
from tests.factories import TouchpointFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/complaints/"
NUMBERS = itertools.count()


def queries(fetch: Callable[[], Any]) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = fetch()
    assert response.status_code == 200, getattr(response, "content", b"")[:500]
    return len(ctx.captured_queries)


def assert_flat(fetch: Callable[[], Any], add_rows: Callable[[int], None]) -> None:
    add_rows(2)
    few = queries(fetch)
    add_rows(8)
    many = queries(fetch)
    assert many == few, f"{few} queries for 2 rows, {many} for 10"


@pytest.fixture
def varied_cases(make_case: Any, department: Any, agent: Any, manager: Any) -> Callable[[int], None]:
    """Cases with distinct touchpoints, categories, customers, assignees and root causes."""
    from tests.factories import CustomerFactory

    def add(n: int) -> None:
        for _ in range(n):
            tp = TouchpointFactory(department=department)
            parent = CategoryFactory()
            case = make_case(
                touchpoint=tp,
                category=CategoryFactory(parent=parent),
                customer=CustomerFactory(),
                assignee=agent,
            )
            Case.objects.filter(pk=case.pk).update(root_cause=RootCauseFactory(), assignee=manager)

    return add


def test_the_case_list_endpoint(api_as: Any, cceo: Any, varied_cases: Any) -> None:
    client = api_as(cceo)
    assert_flat(lambda: client.get(API), varied_cases)


def test_the_case_list_page(client: Client, manager: Any, varied_cases: Any) -> None:
    client.force_login(manager)
    assert_flat(lambda: client.get("/complaints/"), varied_cases)


def test_the_stats_endpoint_and_page(api_as: Any, client: Client, cceo: Any, varied_cases: Any) -> None:
    api = api_as(cceo)
    assert_flat(lambda: api.get(f"{API}stats/"), varied_cases)
    client.force_login(cceo)
    assert_flat(lambda: client.get("/complaints/stats/"), varied_cases)


def test_the_configuration_lists(api_as: Any, agent: Any) -> None:
    client = api_as(agent)

    def categories(n: int) -> None:
        for _ in range(n):
            CategoryFactory(parent=CategoryFactory())

    def causes(n: int) -> None:
        for _ in range(n):
            RootCauseFactory()

    def calendars(n: int) -> None:
        for _ in range(n):
            BusinessCalendarFactory(name=f"Kalender {next(NUMBERS)}", is_default=False)

    def policies(n: int) -> None:
        for _ in range(n):
            SlaPolicyFactory(category=CategoryFactory(parent=CategoryFactory()), calendar=BusinessCalendarFactory())

    assert_flat(lambda: client.get(f"{API}categories/"), categories)
    assert_flat(lambda: client.get(f"{API}root-causes/"), causes)
    assert_flat(lambda: client.get(f"{API}calendars/"), calendars)
    assert_flat(lambda: client.get(f"{API}sla-policies/"), policies)


def test_the_notes_history_and_attachments_of_a_case(
    api_as: Any, agent: Any, manager: Any, make_case: Any, settings: Any, tmp_path: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from complaints.resolution_services import attachment_add, case_merge

    settings.MEDIA_ROOT = tmp_path
    case = make_case()
    client = api_as(agent)
    actors = [agent, manager]

    def notes(n: int) -> None:
        for i in range(n):
            note_services.case_add_note(case_id=case.pk, actor=actors[i % 2], text=f"Notiz {i}", public=i % 3 == 0)

    def history(n: int) -> None:
        for i in range(n):
            services.case_update(case_id=case.pk, actor=actors[i % 2], changes={"severity": ["low", "high"][i % 2]})
            duplicate = make_case(actor=actors[i % 2])
            case_merge(case_id=duplicate.pk, into_id=case.pk, actor=manager)

    def attachments(n: int) -> None:
        for i in range(n):
            upload = SimpleUploadedFile(f"n{i}.txt", b"Notiz", content_type="text/plain")
            attachment_add(case_id=case.pk, actor=actors[i % 2], upload=upload)

    assert_flat(lambda: client.get(f"{API}{case.pk}/notes/"), notes)
    assert_flat(lambda: client.get(f"{API}{case.pk}/history/"), history)
    assert_flat(lambda: client.get(f"{API}{case.pk}/attachments/"), attachments)


def test_the_case_page_with_a_long_history(client: Client, agent: Any, manager: Any, make_case: Any) -> None:
    case = make_case()
    client.force_login(agent)

    def history(n: int) -> None:
        for i in range(n):
            note_services.case_add_note(case_id=case.pk, actor=[agent, manager][i % 2], text=f"Notiz {i}")

    assert_flat(lambda: client.get(f"/complaints/{case.pk}/"), history)
