"""Who may create, move and assign cases: one set of rules in the services, the same answer through the API and
the pages (403 a role or right the user lacks, 400 a bad value, 404 another department's case)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from complaints import services
from complaints.models import Case

pytestmark = pytest.mark.django_db

API = "/api/v1/complaints/"


@pytest.fixture
def page_as(client: Client) -> Any:
    def login(user: Any) -> Client:
        client.force_login(user)
        return client

    return login


@pytest.fixture
def colleague(make_user: Any) -> Any:
    return make_user("agent", username="kollegin")


@pytest.fixture
def stranger(make_user: Any, other_department: Any) -> Any:
    return make_user("agent", username="fremd", department=other_department)


def _api_create(client: Any, touchpoint: Any, **extra: Any) -> Any:
    data = {"channel": "phone", "touchpoint": touchpoint.pk, "description": "Kasse defekt", **extra}
    return client.post(API, data, format="json")


def _page_create(client: Client, touchpoint: Any, **extra: Any) -> Any:
    data = {
        "customer_email": "neu@example.org",
        "customer_last_name": "Neu",
        "channel": "phone",
        "touchpoint": touchpoint.pk,
        "severity": "medium",
        "description": "Kasse defekt",
        **extra,
    }
    return client.post("/complaints/new/", data)


def _page_edit(client: Client, case: Case, **changes: Any) -> Any:
    case.refresh_from_db()
    data = {
        "version": case.version,
        "severity": case.severity,
        "category": case.category_id or "",
        "touchpoint": case.touchpoint_id or "",
        "department": case.department_id,
        "assignee": case.assignee_id or "",
        **changes,
    }
    return client.post(f"/complaints/{case.pk}/edit/", data)


# --- creating a case ------------------------------------------------------------------------------------------


def test_an_agent_cannot_create_a_case_in_another_department_assigned_to_a_colleague_there(
    api_as: Any, agent: Any, touchpoint: Any, other_department: Any, stranger: Any, policies: Any
) -> None:
    response = _api_create(api_as(agent), touchpoint, department=other_department.pk, assignee=stranger.pk)
    assert response.status_code == 403
    assert Case.objects.count() == 0


@pytest.mark.parametrize("how", ["id", "slug"])
def test_an_agent_cannot_create_a_case_in_another_department_through_the_api(
    api_as: Any, agent: Any, touchpoint: Any, other_department: Any, how: str
) -> None:
    department = other_department.pk if how == "id" else other_department.slug
    response = _api_create(api_as(agent), touchpoint, department=department)
    assert response.status_code == 403
    assert Case.objects.count() == 0


def test_an_agent_cannot_create_a_case_in_another_department_on_the_page(
    page_as: Any, agent: Any, touchpoint: Any, other_department: Any
) -> None:
    response = _page_create(page_as(agent), touchpoint, department=other_department.pk)
    assert response.status_code == 403
    assert "nur in Ihrer Abteilung" in response.content.decode()
    assert Case.objects.count() == 0


def test_an_agent_cannot_point_a_new_case_at_another_departments_touchpoint(
    api_as: Any, page_as: Any, agent: Any, other_touchpoint: Any
) -> None:
    assert _api_create(api_as(agent), other_touchpoint).status_code == 403
    assert _page_create(page_as(agent), other_touchpoint).status_code == 403
    assert Case.objects.count() == 0


def test_an_agent_cannot_create_a_case_assigned_to_a_colleague(
    api_as: Any, agent: Any, colleague: Any, touchpoint: Any
) -> None:
    assert _api_create(api_as(agent), touchpoint, assignee=colleague.pk).status_code == 403
    response = _api_create(api_as(agent), touchpoint, assignee=agent.pk)
    assert response.status_code == 201 and response.json()["assignee"] == agent.pk


def test_a_manager_creates_a_case_for_another_department_but_assigns_only_within_their_scope(
    api_as: Any, manager: Any, colleague: Any, other_department: Any, stranger: Any, touchpoint: Any
) -> None:
    client = api_as(manager)
    outside = _api_create(client, touchpoint, department=other_department.pk, assignee=stranger.pk)
    assert outside.status_code == 403
    handed_over = _api_create(client, touchpoint, department=other_department.pk)
    assert handed_over.status_code == 201 and handed_over.json()["department"] == other_department.pk
    own = _api_create(client, touchpoint, assignee=colleague.pk)
    assert own.status_code == 201 and own.json()["assignee"] == colleague.pk


def test_an_admin_creates_and_assigns_in_any_department(
    api_as: Any, cx_admin: Any, other_touchpoint: Any, stranger: Any
) -> None:
    response = _api_create(api_as(cx_admin), other_touchpoint, assignee=stranger.pk)
    assert response.status_code == 201 and response.json()["assignee"] == stranger.pk


def test_an_assignee_outside_the_cases_department_is_a_bad_value(
    api_as: Any, manager: Any, stranger: Any, touchpoint: Any
) -> None:
    response = _api_create(api_as(manager), touchpoint, assignee=stranger.pk)
    assert response.status_code == 400 and "assignee" in response.json()


def test_the_cceo_only_reads(api_as: Any, page_as: Any, cceo: Any, make_case: Any, touchpoint: Any) -> None:
    case = make_case()
    client = api_as(cceo)
    assert _api_create(client, touchpoint).status_code == 403
    assert client.patch(f"{API}{case.pk}/", {"severity": "high"}, format="json").status_code == 403
    assert client.post(f"{API}{case.pk}/transition/", {"to": "acknowledged"}, format="json").status_code == 403
    assert client.post(f"{API}{case.pk}/notes/", {"text": "x"}, format="json").status_code == 403
    page = page_as(cceo)
    assert page.get("/complaints/new/").status_code == 403
    assert _page_create(page, touchpoint).status_code == 403
    assert _page_edit(page, case, severity="high").status_code == 403
    assert page.post(f"/complaints/{case.pk}/notes/", {"text": "x", "version": case.version}).status_code == 403
    assert Case.objects.get(pk=case.pk).severity == "medium"


def test_the_services_refuse_the_cceo_too(cceo: Any, make_case: Any) -> None:
    from django.core.exceptions import PermissionDenied

    from complaints import note_services

    case = make_case()
    with pytest.raises(PermissionDenied):
        services.case_transition(case_id=case.pk, actor=cceo, to="acknowledged")
    with pytest.raises(PermissionDenied):
        note_services.case_add_note(case_id=case.pk, actor=cceo, text="x")


# --- changing a case ------------------------------------------------------------------------------------------


def test_an_agent_cannot_move_a_case_to_another_department(
    api_as: Any, page_as: Any, agent: Any, make_case: Any, other_department: Any
) -> None:
    case = make_case()
    assert (
        api_as(agent).patch(f"{API}{case.pk}/", {"department": other_department.pk}, format="json").status_code == 403
    )
    assert _page_edit(page_as(agent), case, department=other_department.pk).status_code == 403
    assert Case.objects.get(pk=case.pk).department_id == case.department_id


def test_an_agent_cannot_point_a_case_at_another_departments_touchpoint(
    api_as: Any, page_as: Any, agent: Any, make_case: Any, other_touchpoint: Any
) -> None:
    case = make_case()
    api = api_as(agent).patch(f"{API}{case.pk}/", {"touchpoint": other_touchpoint.slug}, format="json")
    assert api.status_code == 403
    assert _page_edit(page_as(agent), case, touchpoint=other_touchpoint.pk).status_code == 403
    assert Case.objects.get(pk=case.pk).touchpoint_id == case.touchpoint_id


def test_an_agent_assigns_only_themselves_or_nobody_through_the_api_and_the_page(
    api_as: Any, page_as: Any, agent: Any, colleague: Any, make_case: Any
) -> None:
    case = make_case()
    api = api_as(agent)
    assert api.patch(f"{API}{case.pk}/", {"assignee": colleague.pk}, format="json").status_code == 403
    page = page_as(agent)
    assert _page_edit(page, case, assignee=colleague.pk).status_code == 403
    assert Case.objects.get(pk=case.pk).assignee is None
    assert api.patch(f"{API}{case.pk}/", {"assignee": agent.pk}, format="json").status_code == 200
    assert _page_edit(page, case, assignee="").status_code == 302
    assert Case.objects.get(pk=case.pk).assignee is None
    assert _page_edit(page, case, assignee=agent.pk).status_code == 302
    assert Case.objects.get(pk=case.pk).assignee == agent


def test_an_agent_may_change_a_colleagues_case_without_touching_the_assignment(
    api_as: Any, page_as: Any, agent: Any, colleague: Any, manager: Any, make_case: Any
) -> None:
    case = make_case()
    services.case_update(case_id=case.pk, actor=manager, changes={"assignee": colleague})
    api = api_as(agent).patch(f"{API}{case.pk}/", {"severity": "high", "assignee": colleague.pk}, format="json")
    assert api.status_code == 200
    assert _page_edit(page_as(agent), case, severity="low").status_code == 302
    case.refresh_from_db()
    assert case.severity == "low" and case.assignee == colleague


def test_a_manager_assigns_within_the_department_and_moves_cases(
    api_as: Any, page_as: Any, manager: Any, colleague: Any, stranger: Any, make_case: Any, other_department: Any
) -> None:
    case = make_case()
    api = api_as(manager)
    assert api.patch(f"{API}{case.pk}/", {"assignee": stranger.pk}, format="json").status_code == 400
    assert _page_edit(page_as(manager), case, assignee=stranger.pk).status_code == 400
    assert _page_edit(page_as(manager), case, assignee=colleague.pk).status_code == 302
    assert Case.objects.get(pk=case.pk).assignee == colleague
    moved = api.patch(f"{API}{case.pk}/", {"department": other_department.slug}, format="json")
    assert moved.status_code == 200
    case.refresh_from_db()
    assert case.department == other_department and case.assignee is None


def test_a_manager_cannot_assign_someone_outside_their_scope_while_moving_a_case(
    api_as: Any, manager: Any, stranger: Any, make_case: Any, other_department: Any
) -> None:
    case = make_case()
    response = api_as(manager).patch(
        f"{API}{case.pk}/", {"department": other_department.pk, "assignee": stranger.pk}, format="json"
    )
    assert response.status_code == 403
    assert Case.objects.get(pk=case.pk).department_id == case.department_id


def test_another_departments_case_is_a_404_for_changes(
    api_as: Any, page_as: Any, stranger: Any, make_case: Any
) -> None:
    case = make_case()
    assert api_as(stranger).patch(f"{API}{case.pk}/", {"severity": "high"}, format="json").status_code == 404
    assert _page_edit(page_as(stranger), case, severity="high").status_code == 404


def test_the_service_refuses_a_case_the_actor_may_not_see(stranger: Any, make_case: Any) -> None:
    from django.http import Http404

    case = make_case()
    with pytest.raises(Http404):
        services.case_update(case_id=case.pk, actor=stranger, changes={"severity": "high"})


# --- bulk assignment ------------------------------------------------------------------------------------------


def test_bulk_assignment_is_for_leads_through_the_api_and_the_page(
    api_as: Any, page_as: Any, agent: Any, make_case: Any
) -> None:
    case = make_case()
    body = {"cases": [case.pk], "assignee": agent.pk}
    assert api_as(agent).post(f"{API}bulk-assign/", body, format="json").status_code == 403
    assert page_as(agent).post("/complaints/bulk-assign/", body).status_code == 403
    assert Case.objects.get(pk=case.pk).assignee is None


def test_bulk_assignment_of_a_case_the_manager_cannot_see_is_a_400_everywhere(
    api_as: Any, page_as: Any, manager: Any, agent: Any, make_case: Any, other_touchpoint: Any
) -> None:
    mine, foreign = make_case(), make_case(touchpoint=other_touchpoint)
    body = {"cases": [mine.pk, foreign.pk], "assignee": agent.pk}
    assert api_as(manager).post(f"{API}bulk-assign/", body, format="json").status_code == 400
    assert page_as(manager).post("/complaints/bulk-assign/", body).status_code == 400
    assert not Case.objects.filter(assignee=agent).exists()


def test_bulk_assignment_to_someone_of_another_department_is_refused_everywhere(
    api_as: Any, page_as: Any, manager: Any, stranger: Any, make_case: Any
) -> None:
    case = make_case()
    body = {"cases": [case.pk], "assignee": stranger.pk}
    assert api_as(manager).post(f"{API}bulk-assign/", body, format="json").status_code == 400
    assert page_as(manager).post("/complaints/bulk-assign/", body).status_code == 400
    assert Case.objects.get(pk=case.pk).assignee is None


def test_the_edit_form_offers_an_agent_only_themselves_and_the_current_assignee(
    page_as: Any, agent: Any, colleague: Any, manager: Any, make_case: Any
) -> None:
    case = make_case()
    services.case_update(case_id=case.pk, actor=manager, changes={"assignee": colleague})
    html = page_as(agent).get(f"/complaints/{case.pk}/").content.decode()
    select = html.split('name="assignee"', 1)[1].split("</select>", 1)[0]
    assert f'value="{agent.pk}"' in select and f'value="{colleague.pk}" selected' in select
    assert f'value="{manager.pk}"' not in select
