"""Staff pages: list, intake form, case page actions, scoping and readable errors."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from complaints import services
from complaints.models import Case

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged_in(client: Client) -> Any:
    def login(user: Any) -> Client:
        client.force_login(user)
        return client

    return login


def test_list_page_filters_and_scopes(logged_in: Any, agent: Any, make_case: Any, other_touchpoint: Any) -> None:
    mine = make_case(severity="high")
    foreign = make_case(touchpoint=other_touchpoint)
    html = logged_in(agent).get("/complaints/").content.decode()
    assert mine.reference in html and foreign.reference not in html
    filtered = logged_in(agent).get("/complaints/", {"severity": "low"}).content.decode()
    assert mine.reference not in filtered


def test_list_page_query_count_is_bounded(
    logged_in: Any, agent: Any, make_case: Any, django_assert_max_num_queries: Any
) -> None:
    for _ in range(5):
        make_case()
    client = logged_in(agent)
    with django_assert_max_num_queries(14):
        assert client.get("/complaints/").status_code == 200


def test_trainer_gets_403(logged_in: Any, trainer: Any) -> None:
    assert logged_in(trainer).get("/complaints/").status_code == 403


def test_detail_of_other_department_is_404(
    logged_in: Any, make_user: Any, other_department: Any, make_case: Any
) -> None:
    case = make_case()
    stranger = make_user("agent", username="fremd", department=other_department)
    assert logged_in(stranger).get(f"/complaints/{case.pk}/").status_code == 404


def test_intake_form_defaults_and_creation(
    logged_in: Any, agent: Any, touchpoint: Any, customer: Any, policies: Any
) -> None:
    client = logged_in(agent)
    page = client.get("/complaints/new/").content.decode()
    assert 'value="medium" selected' in page and 'value="phone" selected' in page
    response = client.post(
        "/complaints/new/",
        {
            "customer_query": customer.external_ref,
            "channel": "store",
            "touchpoint": touchpoint.pk,
            "severity": "medium",
            "description": "Lange Wartezeit an der Kasse",
        },
    )
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.customer == customer and case.department == touchpoint.department
    # the next form starts with the channel used last
    assert 'value="store" selected' in client.get("/complaints/new/").content.decode()


def test_intake_form_shows_readable_errors(logged_in: Any, agent: Any, touchpoint: Any) -> None:
    response = logged_in(agent).post(
        "/complaints/new/",
        {
            "customer_query": "niemand@example.org",
            "channel": "phone",
            "severity": "medium",
            "description": "",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "invalid-feedback" in html and Case.objects.count() == 0


def test_customer_search_endpoint(logged_in: Any, agent: Any, customer: Any) -> None:
    data = logged_in(agent).get("/complaints/customers/search/", {"q": "Muster"}).json()
    assert [r["id"] for r in data["results"]] == [customer.pk]
    assert logged_in(agent).get("/complaints/customers/search/", {"q": "x"}).json() == {"results": []}


def test_workflow_buttons_and_stale_form(logged_in: Any, agent: Any, manager: Any, make_case: Any) -> None:
    case = make_case()
    client = logged_in(agent)
    page = client.get(f"/complaints/{case.pk}/").content.decode()
    assert 'data-testid="to-acknowledged"' in page and 'data-testid="to-closed"' not in page
    stale_version = case.version
    services.case_update(case_id=case.pk, actor=manager, changes={"severity": "high"})
    response = client.post(f"/complaints/{case.pk}/transition/", {"to": "acknowledged", "version": stale_version})
    assert response.status_code == 409
    assert "Der Fall wurde inzwischen von" in response.content.decode()
    case.refresh_from_db()
    response = client.post(f"/complaints/{case.pk}/transition/", {"to": "acknowledged", "version": case.version})
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).status == "acknowledged"


def test_illegal_transition_on_the_page_is_a_message(logged_in: Any, agent: Any, make_case: Any) -> None:
    case = make_case()
    response = logged_in(agent).post(f"/complaints/{case.pk}/transition/", {"to": "closed", "version": case.version})
    assert response.status_code == 400
    assert "ist nicht erlaubt" in response.content.decode()


def test_note_resolution_and_upload_via_pages(
    logged_in: Any, agent: Any, make_case: Any, settings: Any, tmp_path: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    case = make_case()
    client = logged_in(agent)
    assert (
        client.post(
            f"/complaints/{case.pk}/notes/", {"text": "Rückruf vereinbart", "version": case.version}
        ).status_code
        == 302
    )
    case.refresh_from_db()
    assert (
        client.post(
            f"/complaints/{case.pk}/resolution/",
            {
                "outcome": "upheld",
                "apology_given": "true",
                "remedy_granted": "Gutschein",
                "remedy_cost": "15.00",
                "version": case.version,
            },
        ).status_code
        == 302
    )
    case.refresh_from_db()
    assert case.outcome == "upheld" and case.apology_given is True
    bad = client.post(
        f"/complaints/{case.pk}/attachments/",
        {"file": SimpleUploadedFile("x.exe", b"MZ\x90", content_type="application/octet-stream")},
    )
    assert bad.status_code == 400 and "nicht erlaubt" in bad.content.decode()


def test_bulk_assign_page(logged_in: Any, manager: Any, agent: Any, make_case: Any) -> None:
    a, b = make_case(), make_case()
    response = logged_in(manager).post("/complaints/bulk-assign/", {"cases": [a.pk, b.pk], "assignee": agent.pk})
    assert response.status_code == 302
    assert Case.objects.filter(assignee=agent).count() == 2


def test_stats_page_and_api(logged_in: Any, api_as: Any, cceo: Any, make_case: Any, agent: Any) -> None:
    case = make_case()
    services.case_transition(case_id=case.pk, actor=agent, to="resolved")
    make_case()
    html = logged_in(cceo).get("/complaints/stats/").content.decode()
    assert 'data-testid="kpi-volume">2<' in html
    body = api_as(cceo).get("/api/v1/complaints/stats/").json()
    assert body["volume"] == 2 and body["open"] == 1
    assert api_as(cceo).get("/api/v1/complaints/stats/", {"date_from": "kaputt"}).status_code == 400


def test_case_list_in_english(logged_in: Any, agent: Any) -> None:
    html = logged_in(agent).get("/complaints/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Complaints" in html and "New case" in html
