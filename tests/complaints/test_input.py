"""Anything a client sends is a 400 with the field's message, never a 500 and never a half-write."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from complaints.models import Case

pytestmark = pytest.mark.django_db

API = "/api/v1/complaints/"
NUL = "kasse\x00hamburg"


@pytest.mark.parametrize(
    "payload",
    [
        {"touchpoint": NUL},
        {"touchpoint": "12\x00"},
        {"category": "1\x00"},
        {"category": "lieferung"},
        {"customer": "1\x00"},
        {"customer": 10**30},
        {"department": NUL},
        {"department": 10**20},
        {"assignee": "1\x00"},
        {"assignee": [1]},
        {"description": "Text\x00"},
        {"remedy_sought": "\x00"},
        {"customer_email": "a\x00@example.org"},
        {"customer_last_name": "Neu\x00"},
        {"channel": "phone\x00"},
    ],
    ids=lambda p: next(iter(p)),
)
def test_a_bad_value_in_any_field_of_a_new_case_is_a_400(
    api_as: Any, agent: Any, touchpoint: Any, payload: dict[str, Any]
) -> None:
    data = {"channel": "phone", "touchpoint": touchpoint.slug, "description": "Text", **payload}
    response = api_as(agent).post(API, data, format="json")
    assert response.status_code == 400, response.content
    field = next(iter(payload))
    assert isinstance(response.json()[field], list)
    assert Case.objects.count() == 0


@pytest.mark.parametrize(
    "params",
    [
        {"q": "a\x00b"},
        {"touchpoint": "\x00"},
        {"touchpoint_slug": NUL},
        {"department": "99999999999999999999999"},
        {"category": "x"},
        {"assignee": "1\x00"},
        {"status": "neu\x00"},
        {"ordering": "\x00"},
        {"date_from": "2026-02-30"},
        {"open": "vielleicht"},
    ],
    ids=lambda p: next(iter(p)),
)
def test_a_bad_list_filter_is_a_400(api_as: Any, agent: Any, make_case: Any, params: dict[str, str]) -> None:
    make_case()
    response = api_as(agent).get(API, params)
    assert response.status_code == 400
    assert isinstance(response.json()[next(iter(params))], list)


@pytest.mark.parametrize(
    "params",
    [
        {"date_from": "kaputt"},
        {"date_from": "2026-03-01", "date_to": "2026-02-01"},
        {"department": "abc"},
        {"department_slug": "gibt-es-nicht"},
        {"touchpoint": "\x00"},
        {"category": "99999999999999999999999"},
    ],
)
def test_a_bad_stats_filter_is_a_400(api_as: Any, cceo: Any, params: dict[str, str]) -> None:
    response = api_as(cceo).get(f"{API}stats/", params)
    assert response.status_code == 400
    body = response.json()
    assert all(isinstance(messages, list) for messages in body.values())


def test_a_nul_byte_in_the_page_search_is_a_400(client: Client, agent: Any, make_case: Any) -> None:
    make_case()
    client.force_login(agent)
    response = client.get("/complaints/", {"q": "a\x00b"})
    assert response.status_code == 400
    assert client.get("/complaints/customers/search/", {"q": "Mu\x00ster"}).status_code == 400


def test_a_nul_byte_in_the_page_stats_filter_is_a_400(client: Client, cceo: Any) -> None:
    client.force_login(cceo)
    assert client.get("/complaints/stats/", {"touchpoint": "1\x00"}).status_code == 400
    assert client.get("/complaints/stats/", {"date_from": "kaputt"}).status_code == 400


@pytest.mark.parametrize(
    ("path", "payload"),
    [
        ("transition/", {"to": "acknowledged\x00"}),
        ("transition/", {"to": "acknowledged", "version": "1\x00"}),
        ("notes/", {"text": "Hallo\x00"}),
        ("resolution/", {"outcome": "upheld", "root_cause": "1\x00"}),
        ("resolution/", {"outcome": "upheld", "remedy_cost": "1e999"}),
        ("merge/", {"into": "1\x00"}),
    ],
)
def test_a_bad_value_in_a_case_action_is_a_400(
    api_as: Any, agent: Any, make_case: Any, path: str, payload: dict[str, Any]
) -> None:
    case = make_case()
    response = api_as(agent).post(f"{API}{case.pk}/{path}", payload, format="json")
    assert response.status_code == 400
    assert Case.objects.get(pk=case.pk).version == case.version


def test_a_bad_bulk_assignee_is_a_400(api_as: Any, manager: Any, make_case: Any) -> None:
    case = make_case()
    response = api_as(manager).post(f"{API}bulk-assign/", {"cases": [case.pk], "assignee": "1\x00"}, format="json")
    assert response.status_code == 400 and isinstance(response.json()["assignee"], list)


@pytest.mark.parametrize(
    ("path", "payload"),
    [
        ("categories/", {"name": "Neu\x00"}),
        ("categories/", {"name": "Neu", "parent": "1\x00"}),
        ("root-causes/", {"name": "\x00"}),
        ("calendars/", {"name": "Nord", "hours": {"0\x00": [["08:00", "18:00"]]}}),
        ("calendars/", {"name": "Nord", "hours": {"0": [["08:00\x00", "18:00"]]}}),
        ("calendars/", {"name": "Nord", "hours": {"0": "08-18"}}),
        ("calendars/", {"name": "Nord", "time_zone": "Europe/Berlin\x00"}),
        ("sla-policies/", {"severity": "low", "calendar": "\x00", "first_response_hours": "1",
                           "resolution_hours": "2", "update_interval_hours": "1"}),
    ],
)  # fmt: skip
def test_a_bad_configuration_value_is_a_400(api_as: Any, cx_admin: Any, path: str, payload: dict[str, Any]) -> None:
    response = api_as(cx_admin).post(f"{API}{path}", payload, format="json")
    assert response.status_code == 400, response.content
