"""The training filters follow the platform's conventions: relations by id (repeatable) and `_slug`, periods as
date_from / date_to, and a 400 with the field's message for anything that does not fit."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from accounts.choices import Role
from tests.factories import TouchpointFactory, UserFactory
from tests.training.factories import (
    CompetenceFactory,
    CourseFactory,
    RequirementFactory,
    TrainingRecordFactory,
    TrainingSessionFactory,
    course_building,
)

pytestmark = pytest.mark.django_db

RECORDS = "/api/v1/training/records/"
SESSIONS = "/api/v1/training/sessions/"
REQUIREMENTS = "/api/v1/training/requirements/"
COURSES = "/api/v1/training/courses/"
GAPS = "/api/v1/training/gaps/"
COMPARISON = "/api/v1/training/comparison/"


def ids(client: Any, url: str, query: dict[str, Any] | str) -> set[int]:
    response = client.get(url, query) if isinstance(query, dict) else client.get(f"{url}?{query}")
    assert response.status_code == 200, response.json()
    return {row["id"] for row in response.json()["results"]}


def test_records_filter_by_completion_date_relations_and_passed(
    api_as: Any, trainer: Any, agent: Any, other_department: Any, empathy: Any, empathy_course: Any
) -> None:
    today = timezone.localdate()
    outsider = UserFactory(role=Role.AGENT, department=other_department)
    old = TrainingRecordFactory(employee=agent, course=empathy_course, completed_at=today - dt.timedelta(days=40))
    recent = TrainingRecordFactory(employee=outsider, course=CourseFactory(), completed_at=today, passed=False)
    client = api_as(trainer)

    assert ids(client, RECORDS, {"date_from": (today - dt.timedelta(days=7)).isoformat()}) == {recent.pk}
    assert ids(client, RECORDS, {"date_to": (today - dt.timedelta(days=30)).isoformat()}) == {old.pk}
    assert ids(client, RECORDS, {"completed_from": today.isoformat()}) == {old.pk, recent.pk}  # the old name is gone
    assert ids(client, RECORDS, {"department": agent.department_id}) == {old.pk}
    assert ids(client, RECORDS, {"department_slug": other_department.slug}) == {recent.pk}
    assert ids(client, RECORDS, f"employee={agent.pk}&employee={outsider.pk}") == {old.pk, recent.pk}
    assert ids(client, RECORDS, {"course": empathy_course.pk}) == {old.pk}
    assert ids(client, RECORDS, {"competence": empathy.pk}) == {old.pk}
    assert ids(client, RECORDS, {"passed": "false"}) == {recent.pk}


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"date_from": "gestern"}, "date_from"),
        ({"date_from": "2026-03-02", "date_to": "2026-03-01"}, "date_to"),
        ({"passed": "vielleicht"}, "passed"),
        ({"course": "empathie"}, "course"),
        ({"department_slug": "gibt-es-nicht"}, "department_slug"),
        ({"session": "\x00"}, "session"),
        ({"employee": "9" * 30}, "employee"),
    ],
)
def test_bad_record_filters_are_a_400(api_as: Any, trainer: Any, query: dict[str, str], field: str) -> None:
    response = api_as(trainer).get(RECORDS, query)
    assert response.status_code == 400
    assert isinstance(response.json()[field], list)


def test_sessions_filter_by_date_course_and_trainer(api_as: Any, trainer: Any, empathy_course: Any) -> None:
    soon = TrainingSessionFactory(course=empathy_course, date=dt.date(2030, 5, 1), trainer=trainer)
    later = TrainingSessionFactory(date=dt.date(2030, 9, 1))
    client = api_as(trainer)
    assert ids(client, SESSIONS, {"date_from": "2030-06-01"}) == {later.pk}
    assert ids(client, SESSIONS, {"date_to": "2030-05-01"}) == {soon.pk}
    assert ids(client, SESSIONS, {"course": empathy_course.pk}) == {soon.pk}
    assert ids(client, SESSIONS, {"trainer": trainer.pk}) == {soon.pk}
    assert client.get(SESSIONS, {"date_from": "2030-06-01", "date_to": "2030-05-01"}).status_code == 400


def test_requirements_filter_by_id_and_slug_and_answer_with_both(
    api_as: Any, trainer: Any, department: Any, empathy: Any
) -> None:
    counter = TouchpointFactory(department=department, slug="kasse")
    by_department = RequirementFactory(competence=empathy, role="", department=department)
    by_touchpoint = RequirementFactory(competence=CompetenceFactory(), role="", touchpoint=counter)
    client = api_as(trainer)
    assert ids(client, REQUIREMENTS, {"department": department.pk}) == {by_department.pk}
    assert ids(client, REQUIREMENTS, {"department_slug": department.slug}) == {by_department.pk}
    assert ids(client, REQUIREMENTS, {"touchpoint": counter.pk}) == {by_touchpoint.pk}
    assert ids(client, REQUIREMENTS, {"touchpoint_slug": "kasse"}) == {by_touchpoint.pk}
    assert ids(client, REQUIREMENTS, {"competence": empathy.pk}) == {by_department.pk}
    row = client.get(f"{REQUIREMENTS}{by_touchpoint.pk}/").json()
    assert (row["touchpoint"], row["touchpoint_slug"], row["department"], row["department_slug"]) == (
        counter.pk, "kasse", None, None
    )


def test_a_requirement_may_be_written_with_slugs(api_as: Any, trainer: Any, department: Any, empathy: Any) -> None:
    response = api_as(trainer).post(
        REQUIREMENTS, {"competence": empathy.pk, "level": 2, "department": department.slug}, format="json"
    )
    assert response.status_code == 201, response.json()
    assert (response.json()["department"], response.json()["department_slug"]) == (department.pk, department.slug)
    refused = api_as(trainer).post(REQUIREMENTS, {"competence": empathy.pk, "level": 2}, format="json")
    assert refused.status_code == 400 and isinstance(refused.json()["role"], list)


def test_courses_filter_by_competence_and_a_strict_active_flag(api_as: Any, trainer: Any, empathy: Any) -> None:
    builds = course_building(empathy, 2)
    CourseFactory(active=False)
    client = api_as(trainer)
    assert ids(client, COURSES, {"competence": empathy.pk}) == {builds.pk}
    assert ids(client, COURSES, {"active": "true"}) == {builds.pk}
    assert client.get(COURSES, {"active": "vielleicht"}).status_code == 400


def test_the_gap_report_takes_repeatable_ids_and_slugs(
    api_as: Any, cx_admin: Any, agent: Any, department: Any, other_department: Any, agent_requirement: Any
) -> None:
    outsider = UserFactory(role=Role.AGENT, department=other_department)
    client = api_as(cx_admin)

    def people(query: dict[str, Any] | str) -> set[int]:
        response = client.get(GAPS, query) if isinstance(query, dict) else client.get(f"{GAPS}?{query}")
        assert response.status_code == 200, response.json()
        return {row["employee"] for row in response.json()["employees"]}

    assert people({"department": department.pk}) == {agent.pk}
    assert people({"department_slug": other_department.slug}) == {outsider.pk}
    assert people(f"department={department.pk}&department={other_department.pk}") == {agent.pk, outsider.pk}
    assert people(f"employee={outsider.pk}") == {outsider.pk}
    assert people({"department": department.pk, "department_slug": other_department.slug}) == set()
    row = client.get(GAPS, {"employee": agent.pk}).json()["employees"][0]
    assert (row["department"], row["department_slug"]) == (department.pk, department.slug)


@pytest.mark.parametrize("url", [GAPS, COMPARISON])
@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"department": 999_999}, "department"),
        ({"department": "filialen"}, "department"),
        ({"touchpoint_slug": "gibt-es-nicht"}, "touchpoint_slug"),
        ({"date_from": "letzte-woche"}, "date_from"),
        ({"date_from": "2026-03-02", "date_to": "2026-03-01"}, "date_to"),
    ],
)
def test_gaps_and_comparison_answer_400_for_bad_filters(
    api_as: Any, cceo: Any, url: str, query: dict[str, Any], field: str
) -> None:
    response = api_as(cceo).get(url, query)
    assert response.status_code == 400
    assert isinstance(response.json()[field], list)


def test_the_comparison_takes_the_period_and_the_department_and_refuses_a_person(
    api_as: Any, cceo: Any, agent: Any, department: Any, other_department: Any, agent_requirement: Any
) -> None:
    seen: list[tuple[int, dt.date, dt.date]] = []

    def nps(department_id: int, date_from: dt.date, date_to: dt.date) -> float:
        seen.append((department_id, date_from, date_to))
        return 40.0

    from training import outcomes

    outcomes.register_outcome("nps", nps)
    for _ in range(5):
        UserFactory(role=Role.AGENT, department=department)
    client = api_as(cceo)
    data = client.get(COMPARISON, {"department": department.pk, "date_from": "2026-01-01", "date_to": "2026-01-31"})
    assert data.status_code == 200, data.json()
    body = data.json()
    assert (body["date_from"], body["date_to"]) == ("2026-01-01", "2026-01-31")
    assert [row["department"] for row in body["departments"]] == [department.pk]
    assert seen == [(department.pk, dt.date(2026, 1, 1), dt.date(2026, 1, 31))]
    refused = client.get(COMPARISON, {"employee": agent.pk})
    assert refused.status_code == 400 and "employee" in refused.json()


def test_the_gap_page_shows_filter_errors_with_a_400(client: Any, cx_admin: Any) -> None:
    client.force_login(cx_admin)
    response = client.get("/training/gaps/", {"date_from": "2026-03-02", "date_to": "2026-03-01"})
    assert response.status_code == 400
    assert "Das Enddatum liegt vor dem Startdatum." in response.content.decode()
