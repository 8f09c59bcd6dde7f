"""§ 87 (1) Nr. 6 BetrVG: who sees individual training, the works-council switch, team level with minimum size."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import override_settings

from accounts.choices import Role
from tests.factories import TouchpointFactory, UserFactory
from tests.training.factories import TrainingRecordFactory, TrainingSessionFactory
from training import outcomes

RECORDS = "/api/v1/training/records/"
GAPS = "/api/v1/training/gaps/"
COMPARISON = "/api/v1/training/comparison/"

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(agent: Any, other_department: Any, empathy_course: Any) -> dict[str, Any]:
    outsider = UserFactory(role=Role.AGENT, department=other_department, username="outsider")
    return {
        "own": TrainingRecordFactory(employee=agent, course=empathy_course),
        "colleague": TrainingRecordFactory(
            employee=UserFactory(role=Role.AGENT, department=agent.department), course=empathy_course
        ),
        "other_department": TrainingRecordFactory(employee=outsider, course=empathy_course),
    }


def listed(client: Any) -> set[int]:
    response = client.get(RECORDS)
    assert response.status_code == 200
    return {row["id"] for row in response.json()["results"]}


def test_an_employee_sees_only_the_own_records(api_as: Any, agent: Any, records: dict[str, Any]) -> None:
    assert listed(api_as(agent)) == {records["own"].pk}
    assert api_as(agent).get(f"{RECORDS}{records['colleague'].pk}/").status_code == 404


def test_a_manager_sees_the_department_and_gets_404_for_another_department(
    api_as: Any, manager: Any, records: dict[str, Any]
) -> None:
    assert listed(api_as(manager)) == {records["own"].pk, records["colleague"].pk}
    assert api_as(manager).get(f"{RECORDS}{records['other_department'].pk}/").status_code == 404
    certificate = api_as(manager).get(f"{RECORDS}{records['other_department'].pk}/certificate/")
    assert certificate.status_code == 404


def test_trainers_and_admins_see_all_records(api_as: Any, trainer: Any, cx_admin: Any, records: dict[str, Any]) -> None:
    everything = {r.pk for r in records.values()}
    assert listed(api_as(trainer)) == everything
    assert listed(api_as(cx_admin)) == everything


def test_the_cceo_sees_no_individual_records_only_team_figures(
    api_as: Any, cceo: Any, records: dict[str, Any], agent_requirement: Any
) -> None:
    assert listed(api_as(cceo)) == set()
    assert api_as(cceo).get(f"{RECORDS}{records['own'].pk}/").status_code == 404
    gaps = api_as(cceo).get(GAPS).json()
    assert "employees" not in gaps
    assert {row["name"] for row in gaps["departments"]} == {"Filialen", "Kundenservice"}


def test_only_trainers_and_admins_write_records(
    api_as: Any, manager: Any, agent: Any, cceo: Any, empathy_course: Any
) -> None:
    body = {"employee": agent.pk, "course": empathy_course.pk, "completed_at": "2026-01-05"}
    for user in (manager, agent, cceo):
        assert api_as(user).post(RECORDS, body, format="json").status_code == 403
        assert api_as(user).post("/api/v1/training/courses/", {"title": "x"}, format="json").status_code == 403


def test_agents_get_403_for_the_gap_report_and_anonymous_401(api_as: Any, agent: Any, api_client: Any) -> None:
    assert api_as(agent).get(GAPS).status_code == 403
    assert api_as(agent).get(COMPARISON).status_code == 403
    assert api_client.get(GAPS).status_code in (401, 403)
    assert api_client.get(RECORDS).status_code in (401, 403)


def test_a_manager_gap_report_stays_in_the_own_department(
    api_as: Any, manager: Any, agent: Any, records: dict[str, Any], other_department: Any, agent_requirement: Any
) -> None:
    data = api_as(manager).get(GAPS).json()
    assert {row["username"] for row in data["employees"]} == {
        "manager",
        "agent",
        records["colleague"].employee.username,
    }
    foreign = api_as(manager).get(GAPS, {"department": other_department.pk}).json()
    assert foreign["employees"] == [] and foreign["departments"] == []


def test_gap_filters_reject_unknown_values_with_400(api_as: Any, cx_admin: Any) -> None:
    response = api_as(cx_admin).get(GAPS, {"department": 999999})
    assert response.status_code == 400
    assert "department" in response.json()


def test_a_manager_enrols_the_own_staff_but_not_other_departments(
    api_as: Any, manager: Any, agent: Any, other_department: Any, empathy_course: Any
) -> None:
    session = TrainingSessionFactory(course=empathy_course, date=dt.date(2030, 1, 1), seats=1)
    url = f"/api/v1/training/sessions/{session.pk}/enrol/"
    outsider = UserFactory(role=Role.AGENT, department=other_department)
    assert api_as(manager).post(url, {"employee": outsider.pk}, format="json").status_code == 403
    assert api_as(manager).post(url, {"employee": agent.pk}, format="json").status_code == 201
    full = api_as(outsider).post(url, {}, format="json")
    assert full.status_code == 400  # the one seat is taken
    assert "session" in full.json()


# --- works-council switch ------------------------------------------------------------------------------------


def test_individual_outcomes_are_refused_without_a_works_council_agreement(
    api_as: Any, cx_admin: Any, agent: Any, agent_requirement: Any
) -> None:
    outcomes.register_employee_outcome("agent_nps", lambda employee_id, date_from, date_to: 42.0)
    response = api_as(cx_admin).get(f"/api/v1/training/employees/{agent.pk}/outcomes/")
    assert response.status_code == 403
    gaps = api_as(cx_admin).get(GAPS).json()
    assert gaps["employees"] and all("outcomes" not in row for row in gaps["employees"])


@override_settings(TRAINING_WORKS_COUNCIL_AGREEMENT=True)
def test_with_an_agreement_individual_outcomes_are_shown_to_those_who_may_see_the_person(
    api_as: Any, cx_admin: Any, manager: Any, agent: Any, other_department: Any, agent_requirement: Any
) -> None:
    outcomes.register_employee_outcome("agent_nps", lambda employee_id, date_from, date_to: 42.0)
    response = api_as(cx_admin).get(f"/api/v1/training/employees/{agent.pk}/outcomes/")
    assert response.status_code == 200
    assert response.json()["outcomes"] == {"agent_nps": 42.0}
    assert api_as(cx_admin).get(GAPS).json()["employees"][0]["outcomes"] == {"agent_nps": 42.0}
    outsider = UserFactory(role=Role.AGENT, department=other_department)
    assert api_as(manager).get(f"/api/v1/training/employees/{outsider.pk}/outcomes/").status_code == 404


# --- team level ------------------------------------------------------------------------------------------------


def test_team_comparison_suppresses_groups_under_five_and_shows_no_data_without_providers(
    api_as: Any, cceo: Any, department: Any, other_department: Any, agent_requirement: Any
) -> None:
    for _ in range(5):
        UserFactory(role=Role.AGENT, department=department)
    for _ in range(4):
        UserFactory(role=Role.AGENT, department=other_department)
    data = api_as(cceo).get(COMPARISON).json()
    rows = {row["name"]: row for row in data["departments"]}
    assert rows["Filialen"]["suppressed"] is False and rows["Filialen"]["staff"] == 5
    assert rows["Filialen"]["coverage"] == 0.0
    assert rows["Filialen"]["outcomes"] == {}
    assert rows["Kundenservice"] == {
        "department": other_department.pk,
        "department_slug": "kundenservice",
        "name": "Kundenservice",
        "suppressed": True,
        "staff": None,
        "coverage": None,
        "outcomes": {},
    }


def test_team_comparison_reads_registered_department_figures(
    api_as: Any, cceo: Any, department: Any, agent_requirement: Any
) -> None:
    for _ in range(6):
        UserFactory(role=Role.AGENT, department=department)
    seen = []

    def nps(department_id: int, date_from: dt.date, date_to: dt.date) -> float | None:
        seen.append(department_id)
        return 31.5

    outcomes.register_outcome("nps", nps)
    outcomes.register_outcome("complaints", lambda *args: None)
    rows = {row["name"]: row for row in api_as(cceo).get(COMPARISON).json()["departments"]}
    assert rows["Filialen"]["outcomes"] == {"complaints": None, "nps": 31.5}
    assert seen == [department.pk]  # suppressed groups are never asked


def test_touchpoint_coverage_in_the_gap_report(
    api_as: Any, cx_admin: Any, agent: Any, department: Any, agent_requirement: Any
) -> None:
    counter = TouchpointFactory(department=department, slug="kasse", is_key=True)
    data = api_as(cx_admin).get(GAPS, {"touchpoint": counter.pk}).json()
    assert [(t["touchpoint_slug"], t["staff"], t["meeting"]) for t in data["touchpoints"]] == [("kasse", 1, 0)]
    by_slug = api_as(cx_admin).get(GAPS, {"touchpoint_slug": "kasse"}).json()
    assert by_slug["touchpoints"] == data["touchpoints"]
    assert data["employees"][0]["missing"] == [agent_requirement.competence_id]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v1/training/gaps/", "/api/v1/training/records/"])
def test_an_employee_of_another_department_answers_like_an_unknown_one(api_as, manager, other_department, path):
    outsider = UserFactory(role=Role.AGENT, department=other_department)
    unknown_id = outsider.pk + 10_000
    client = api_as(manager)

    foreign = client.get(path, {"employee": outsider.pk})
    unknown = client.get(path, {"employee": unknown_id})

    assert foreign.status_code == unknown.status_code == 400
    assert "employee" in foreign.json()


def test_who_attends_a_session_is_shown_to_trainers_only(api_as, trainer, agent, make_user):
    from tests.training.factories import EnrolmentFactory, TrainingSessionFactory

    session = TrainingSessionFactory(trainer=trainer)
    EnrolmentFactory(session=session, employee=agent)
    as_agent = api_as(agent).get(f"/api/v1/training/sessions/{session.pk}/").json()
    as_trainer = api_as(trainer).get(f"/api/v1/training/sessions/{session.pk}/").json()
    assert as_agent["enrolments"] is None and as_agent["enrolled"] == 1
    assert [e["employee"] for e in as_trainer["enrolments"]] == [agent.pk]
