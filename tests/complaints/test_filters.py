"""The case list and the stats take the platform's filter names: relations by id (repeatable) and by `_slug`,
periods as `date_from` / `date_to` (local days, inclusive)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from complaints.models import Case
from tests.complaints.conftest import berlin
from tests.complaints.factories import CategoryFactory
from tests.factories import TouchpointFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/complaints/"


def _refs(response: Any) -> set[str]:
    assert response.status_code == 200, response.content
    return {row["reference"] for row in response.json()["results"]}


def test_the_period_is_date_from_and_date_to_in_local_days(api_as: Any, cceo: Any, make_case: Any) -> None:
    late = make_case(at=berlin(2026, 3, 31, 23, 30))  # 21:30 UTC: still 31 March in Berlin
    early = make_case(at=berlin(2026, 4, 1, 0, 15))
    client = api_as(cceo)
    assert _refs(client.get(API, {"date_from": "2026-03-31", "date_to": "2026-03-31"})) == {late.reference}
    assert _refs(client.get(API, {"date_from": "2026-04-01"})) == {early.reference}
    assert _refs(client.get(API, {"date_to": "2026-04-01"})) == {late.reference, early.reference}
    old_names = client.get(API, {"created_from": "2026-04-01"})
    assert _refs(old_names) == {late.reference, early.reference}  # unknown parameters are ignored, as everywhere


def test_relations_filter_by_id_repeatable_and_by_slug(
    api_as: Any, cceo: Any, make_case: Any, touchpoint: Any, other_touchpoint: Any, department: Any
) -> None:
    third = TouchpointFactory(department=department, slug="dritter")
    a, b, c = make_case(), make_case(touchpoint=other_touchpoint), make_case(touchpoint=third)
    client = api_as(cceo)
    assert _refs(client.get(API, {"touchpoint": touchpoint.pk})) == {a.reference}
    both = client.get(f"{API}?touchpoint={touchpoint.pk}&touchpoint={third.pk}")
    assert _refs(both) == {a.reference, c.reference}
    assert _refs(client.get(API, {"touchpoint_slug": "hotline"})) == {b.reference}
    assert _refs(client.get(API, {"department": other_touchpoint.department_id})) == {b.reference}
    assert _refs(client.get(API, {"department_slug": "filialen"})) == {a.reference, c.reference}


def test_the_category_filter_includes_subcategories(api_as: Any, cceo: Any, make_case: Any) -> None:
    parent = CategoryFactory(name="Lieferung")
    child = CategoryFactory(name="verspätet", parent=parent)
    other = CategoryFactory(name="Rechnung")
    a, b, _ = make_case(category=parent), make_case(category=child), make_case(category=other)
    assert _refs(api_as(cceo).get(API, {"category": parent.pk})) == {a.reference, b.reference}
    assert _refs(api_as(cceo).get(API, {"category": child.pk})) == {b.reference}


def test_the_assignee_filter_offers_only_users_the_requester_may_see(
    api_as: Any, client: Client, agent: Any, make_user: Any, other_department: Any, make_case: Any
) -> None:
    stranger = make_user("agent", username="fremd", department=other_department)
    case = make_case(assignee=agent)
    response = api_as(agent).get(API, {"assignee": stranger.pk})
    assert response.status_code == 400 and "assignee" in response.json()
    assert _refs(api_as(agent).get(API, {"assignee": agent.pk})) == {case.reference}
    client.force_login(agent)
    html = client.get("/complaints/").content.decode()
    select = html.split('name="assignee"', 1)[1].split("</select>", 1)[0]
    assert "fremd" not in select and agent.username in select


def test_the_list_page_takes_the_same_names_and_shows_the_period_fields(
    client: Client, cceo: Any, make_case: Any
) -> None:
    late = make_case(at=berlin(2026, 3, 31, 23, 30))
    early = make_case(at=berlin(2026, 4, 1, 0, 15))
    client.force_login(cceo)
    response = client.get("/complaints/", {"date_from": "2026-04-01", "date_to": "2026-04-01"})
    html = response.content.decode()
    assert early.reference in html and late.reference not in html
    assert 'name="date_from"' in html and 'name="date_to"' in html


def test_the_list_page_shows_a_bad_filter_instead_of_every_case(client: Client, cceo: Any, make_case: Any) -> None:
    case = make_case()
    client.force_login(cceo)
    response = client.get("/complaints/", {"date_from": "2026-04-01", "date_to": "2026-03-01"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Das Enddatum liegt vor dem Startdatum." in html and case.reference not in html


def test_the_stats_take_the_list_filter_names(
    api_as: Any, cceo: Any, make_case: Any, touchpoint: Any, other_touchpoint: Any
) -> None:
    make_case(at=berlin(2026, 3, 31, 23, 30))
    make_case(at=berlin(2026, 4, 1, 0, 15), touchpoint=other_touchpoint)
    client = api_as(cceo)

    def volume(**params: Any) -> int:
        response = client.get(f"{API}stats/", params)
        assert response.status_code == 200, response.content
        return int(response.json()["volume"])

    assert volume() == 2
    assert volume(date_from="2026-04-01") == 1
    assert volume(date_to="2026-03-31") == 1
    assert volume(touchpoint=touchpoint.pk) == 1
    assert volume(touchpoint_slug="hotline") == 1
    assert volume(department=other_touchpoint.department_id) == 1
    assert volume(department_slug="filialen") == 1
    body = client.get(f"{API}stats/", {"department_slug": "filialen", "date_from": "2026-03-01"}).json()
    assert body["filters"]["department"] == [touchpoint.department_id]
    assert body["filters"]["date_from"] == "2026-03-01"


def test_the_stats_page_takes_the_same_names(client: Client, cceo: Any, make_case: Any, other_touchpoint: Any) -> None:
    make_case()
    make_case(touchpoint=other_touchpoint)
    client.force_login(cceo)
    html = client.get("/complaints/stats/", {"touchpoint_slug": "hotline"}).content.decode()
    assert 'data-testid="kpi-volume">1<' in html


def test_dashboard_drilldowns_link_the_case_list_with_the_new_names(cceo: Any) -> None:
    import datetime as dt

    from dashboard.forms import DashboardFilter
    from dashboard.links import cases

    flt = DashboardFilter(date_from=dt.date(2026, 3, 1), date_to=dt.date(2026, 3, 31))
    link = cases(flt)
    assert "date_from=2026-03-01" in link and "date_to=2026-03-31" in link and "created_" not in link


def test_a_case_list_link_from_the_dashboard_filters_the_period(client: Client, cceo: Any, make_case: Any) -> None:
    inside = make_case(at=berlin(2026, 3, 15, 10))
    outside = make_case(at=berlin(2026, 4, 15, 10))
    client.force_login(cceo)
    html = client.get("/complaints/?date_from=2026-03-01&date_to=2026-03-31").content.decode()
    assert inside.reference in html and outside.reference not in html
    assert Case.objects.count() == 2
