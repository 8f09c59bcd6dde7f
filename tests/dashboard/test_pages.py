"""The dashboard page, summary API, exports and snapshot: permissions, filters, empty states, query count."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pandas as pd
import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dashboard.rollups import rollup_rebuild
from tests.dashboard import factories as f
from tests.factories import JourneyStepFactory

pytestmark = pytest.mark.django_db


def seed(touchpoint: Any, other_touchpoint: Any, n: int) -> None:
    cause = f.root_cause("Lieferverzug")
    for i in range(n):
        at = timezone.now() - dt.timedelta(days=i % 20, hours=2)
        f.response(at=at, score=i % 11, touchpoint=touchpoint, comment="Sehr gut" if i % 3 else "")
        f.response(at=at, score=(i * 7) % 11, touchpoint=other_touchpoint)
        f.case(at=at, touchpoint=touchpoint, root_cause=cause, status="resolved", resolved_at=at,
               resolution_business_seconds=3600 + i)
        f.feedback(at=at, touchpoint=other_touchpoint, sentiment="negative" if i % 2 else "positive")
        f.interaction(at=at, touchpoint=touchpoint)
    rollup_rebuild()


@pytest.mark.parametrize("role", ["cceo", "cx_admin", "manager"])
def test_cceo_admins_and_managers_open_the_dashboard(client: Any, request: Any, role: str, touchpoint: Any) -> None:
    client.force_login(request.getfixturevalue(role))
    response = client.get("/dashboard/")
    assert response.status_code == 200
    assert b"data-kpi-tiles" in response.content


@pytest.mark.parametrize("role", ["agent", "trainer"])
def test_agents_and_trainers_get_403(client: Any, api_as: Any, request: Any, role: str) -> None:
    user = request.getfixturevalue(role)
    client.force_login(user)
    assert client.get("/dashboard/").status_code == 403
    assert client.get("/dashboard/export/kpis.csv").status_code == 403
    assert client.get("/dashboard/snapshot/").status_code == 403
    assert api_as(user).get("/api/v1/dashboard/summary/").status_code == 403


def test_anonymous_visitors_are_sent_to_the_login(client: Any) -> None:
    response = client.get("/dashboard/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_manager_sees_only_the_own_department(api_as: Any, manager: Any, touchpoint: Any,
                                                other_touchpoint: Any) -> None:
    seed(touchpoint, other_touchpoint, 12)
    data = api_as(manager).get("/api/v1/dashboard/summary/").json()
    assert data["filters"]["department"] == manager.department_id
    assert {tp["id"] for tp in data["touchpoints"]} == {touchpoint.pk}
    assert data["kpis"]["nps"]["responses"] == 12
    other = api_as(manager).get(f"/api/v1/dashboard/summary/?department={other_touchpoint.department_id}")
    assert other.status_code == 400 and "department" in other.json()


def test_the_summary_counts_match_the_data(api_as: Any, cceo: Any, touchpoint: Any, other_touchpoint: Any) -> None:
    seed(touchpoint, other_touchpoint, 15)
    data = api_as(cceo).get("/api/v1/dashboard/summary/?period=30").json()
    k = data["kpis"]
    assert k["nps"]["responses"] == 30
    assert k["nps"]["ci_low"] < k["nps"]["nps"] < k["nps"]["ci_high"]
    assert k["complaints"]["received"] == 15 and k["complaints"]["open"] == 0
    f.case(at=f.days_ago(400), touchpoint=touchpoint)  # open, received long before the period
    rollup_rebuild()
    again = api_as(cceo).get("/api/v1/dashboard/summary/?period=30").json()["kpis"]["complaints"]
    assert again["open"] == 1 and again["received"] == 15
    assert k["feedback"]["total"] == 15 and k["feedback"]["negative"] == 7
    assert k["resolution"]["median_hours"] == pytest.approx((3600 + 7) / 3600, abs=0.05)
    assert data["root_causes"][0] == {"root_cause": data["root_causes"][0]["root_cause"], "name": "Lieferverzug",
                                      "cases": 15, "share_percent": 100.0, "cumulative_percent": 100.0}
    assert data["drilldown"]["nps"].startswith("/api/v1/nps/responses/?")


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("date_from=2026-05-01&date_to=2026-04-01", "date_to"),
        ("department=999999", "department"),
        ("journey=999999", "journey"),
        ("segment=gibtsnicht", "segment"),
        ("period=custom", "date_from"),
        ("date_from=kein-datum", "date_from"),
    ],
)
def test_bad_filters_are_400_with_field_messages(client: Any, api_as: Any, cceo: Any, query: str, field: str) -> None:
    response = api_as(cceo).get(f"/api/v1/dashboard/summary/?{query}")
    assert response.status_code == 400
    assert field in response.json()
    client.force_login(cceo)
    page = client.get(f"/dashboard/?{query}")
    assert page.status_code == 400
    assert b"invalid-feedback" in page.content


def test_a_period_without_data_shows_the_empty_state(client: Any, api_as: Any, cceo: Any, touchpoint: Any) -> None:
    client.force_login(cceo)
    response = client.get("/dashboard/?date_from=2001-01-01&date_to=2001-03-31")
    assert response.status_code == 200
    assert b"data-empty-state" in response.content
    data = api_as(cceo).get("/api/v1/dashboard/summary/?date_from=2001-01-01&date_to=2001-03-31").json()
    assert data["has_data"] is False
    assert data["kpis"]["nps"]["nps"] is None and data["kpis"]["sla"]["percent"] is None


def test_a_journey_filter_limits_the_touchpoints(api_as: Any, cceo: Any, touchpoint: Any,
                                                 other_touchpoint: Any) -> None:
    seed(touchpoint, other_touchpoint, 5)
    step = JourneyStepFactory(touchpoint=other_touchpoint)
    data = api_as(cceo).get(f"/api/v1/dashboard/summary/?journey={step.journey_id}").json()
    assert [tp["id"] for tp in data["touchpoints"]] == [other_touchpoint.pk]
    assert data["kpis"]["nps"]["responses"] == 5


@override_settings(DASHBOARD_CACHE_SECONDS=0)  # count the uncached page: every figure computed
def test_the_page_runs_a_constant_number_of_queries(client: Any, cceo: Any, touchpoint: Any,
                                                    other_touchpoint: Any) -> None:
    JourneyStepFactory(touchpoint=touchpoint)
    client.force_login(cceo)
    seed(touchpoint, other_touchpoint, 3)
    with CaptureQueriesContext(connection) as small:
        assert client.get("/dashboard/").status_code == 200
    seed(touchpoint, other_touchpoint, 40)
    with CaptureQueriesContext(connection) as large:
        assert client.get("/dashboard/").status_code == 200
    assert len(small) == len(large)
    assert len(large) < 40


def test_the_page_shows_health_map_matrix_charts_and_drilldowns(client: Any, cceo: Any, touchpoint: Any,
                                                                 other_touchpoint: Any) -> None:
    JourneyStepFactory(touchpoint=touchpoint)
    seed(touchpoint, other_touchpoint, 20)
    client.force_login(cceo)
    html = client.get("/dashboard/").content.decode()
    assert "vendor/plotly/plotly.min.js" in html
    for chart in ("fig-nps", "fig-pareto", "fig-sla", "fig-emotion"):
        assert f'id="{chart}"' in html
    assert 'data-health-map' in html and 'touchpoint-card' in html and "health-" in html
    assert 'data-quadrant="fix_first"' in html
    assert "/nps/responses/?" in html and "/complaints/?" in html and "/feedback/?" in html


def test_the_page_speaks_english(client: Any, cceo: Any) -> None:
    client.force_login(cceo)
    html = client.get("/dashboard/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Open complaints" in html and "SLA attainment" in html


@pytest.mark.parametrize("table", ["kpis", "trend", "root-causes", "touchpoints", "matrix", "emotion"])
def test_every_table_exports_as_csv_and_xlsx(client: Any, cceo: Any, touchpoint: Any, other_touchpoint: Any,
                                             table: str) -> None:
    seed(touchpoint, other_touchpoint, 4)
    client.force_login(cceo)
    csv = client.get(f"/dashboard/export/{table}.csv?period=30")
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    frame = pd.read_csv(io.BytesIO(csv.content), sep=";", decimal=",", encoding="utf-8-sig")
    xlsx = client.get(f"/dashboard/export/{table}.xlsx?period=30")
    assert xlsx.status_code == 200
    assert pd.read_excel(io.BytesIO(xlsx.content)).shape == frame.shape


def test_unknown_export_formats_are_404(client: Any, cceo: Any) -> None:
    client.force_login(cceo)
    assert client.get("/dashboard/export/kpis.pdf").status_code == 404
    assert client.get("/dashboard/export/secrets.csv").status_code == 404


def test_the_snapshot_is_a_standalone_html_download(client: Any, cceo: Any, touchpoint: Any,
                                                    other_touchpoint: Any) -> None:
    seed(touchpoint, other_touchpoint, 4)
    client.force_login(cceo)
    response = client.get("/dashboard/snapshot/?period=30")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    html = response.content.decode()
    assert "<script" not in html and "Lieferverzug" in html and "Kasse" in html


def test_the_journey_map_of_the_touchpoints_app_is_coloured(client: Any, cx_admin: Any, touchpoint: Any,
                                                             other_touchpoint: Any) -> None:
    seed(touchpoint, other_touchpoint, 20)
    from touchpoints.selectors import journey_map_columns

    cards = {card.touchpoint.pk: card for column in journey_map_columns() for card in column.cards}
    assert cards[touchpoint.pk].health is not None
    assert cards[touchpoint.pk].health.level in {"good", "fair", "poor"}


def test_the_refresh_job_warms_the_cached_report_for_the_default_view(client: Any, cceo: Any, touchpoint: Any,
                                                                      other_touchpoint: Any) -> None:
    from dashboard.tasks import rollup_refresh_task

    seed(touchpoint, other_touchpoint, 3)
    f.response(at=timezone.now(), score=10, touchpoint=touchpoint)
    assert rollup_refresh_task.delay().get() >= 1
    client.force_login(cceo)
    with CaptureQueriesContext(connection) as warm:
        response = client.get("/dashboard/")
    assert response.status_code == 200
    assert response.context["k"]["nps"]["responses"] == 7
    assert not any("dashboard_dailyrollup" in q["sql"] and "SUM" in q["sql"] for q in warm.captured_queries)


def test_the_summary_api_runs_a_constant_number_of_queries(api_as: Any, cceo: Any, touchpoint: Any,
                                                          other_touchpoint: Any) -> None:
    client = api_as(cceo)

    def count() -> int:
        from tests.conftest import clear_own_cache

        clear_own_cache()  # the report is cached: count a cold computation
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/api/v1/dashboard/summary/?period=30").status_code == 200
        return len(captured)

    seed(touchpoint, other_touchpoint, 2)
    count()  # the first request of a process also fills caches outside the report's (content types, …)
    few = count()
    seed(touchpoint, other_touchpoint, 20)
    assert count() == few


def test_the_department_is_filtered_by_slug_as_by_id(api_as: Any, cceo: Any, touchpoint: Any,
                                                     other_touchpoint: Any) -> None:
    seed(touchpoint, other_touchpoint, 3)
    client = api_as(cceo)
    by_id = client.get(f"/api/v1/dashboard/summary/?department={touchpoint.department_id}").json()
    by_slug = client.get(f"/api/v1/dashboard/summary/?department_slug={touchpoint.department.slug}").json()
    assert by_id["kpis"] == by_slug["kpis"] and by_slug["filters"]["department"] == touchpoint.department_id
    assert [t["id"] for t in by_slug["touchpoints"]] == [touchpoint.pk]


@pytest.mark.parametrize("query", ["department_slug=gibt-es-nicht", "department=99999999999999999999999",
                                   "journey=99999999999999999999999", "department=-99999999999999999999999",
                                   "department_slug=fil%00ialen",
                                   "date_to=2026-02-30"])
def test_unknown_ids_and_slugs_are_400_never_500(api_as: Any, client: Any, cceo: Any, query: str) -> None:
    response = api_as(cceo).get(f"/api/v1/dashboard/summary/?{query}")
    assert response.status_code == 400
    assert all(isinstance(messages, list) for messages in response.json().values())
    client.force_login(cceo)
    assert client.get(f"/dashboard/?{query}").status_code == 400
    assert client.get(f"/dashboard/export/kpis.csv?{query}").status_code == 400


def test_a_manager_cannot_reach_another_departments_figures_by_slug(api_as: Any, manager: Any, touchpoint: Any,
                                                                    other_touchpoint: Any) -> None:
    seed(touchpoint, other_touchpoint, 2)
    other = other_touchpoint.department
    assert api_as(manager).get(f"/api/v1/dashboard/summary/?department_slug={other.slug}").status_code == 400
    assert api_as(manager).get(f"/api/v1/dashboard/summary/?department={other.pk}").status_code == 400


def test_a_manager_without_a_department_gets_403(api_as: Any, client: Any, make_user: Any) -> None:
    user = make_user("manager", username="ohne-abteilung", department=None)
    assert api_as(user).get("/api/v1/dashboard/summary/").status_code == 403
    client.force_login(user)
    assert client.get("/dashboard/").status_code == 403
    assert client.get("/dashboard/export/kpis.csv").status_code == 403


@pytest.mark.parametrize(
    "query", ["date_from=0252-10-04", "date_to=0001-01-05", "date_from=0001-01-01&date_to=0001-01-02"]
)
def test_a_period_reaching_outside_the_calendar_is_a_400(api_as: Any, cceo: Any, query: str) -> None:
    response = api_as(cceo).get(f"/api/v1/dashboard/summary/?{query}")
    assert response.status_code == 400
    assert set(response.json()) & {"date_from", "date_to"}
