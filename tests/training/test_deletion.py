"""Deleting training configuration never takes records with it: in use, the delete answers 409 naming the users."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db.models import ProtectedError

from accounts.services import department_delete
from tests.factories import TouchpointFactory
from tests.training.factories import (
    CompetenceFactory,
    CourseFactory,
    EnrolmentFactory,
    RequirementFactory,
    TrainingRecordFactory,
    TrainingSessionFactory,
)
from training.models import Competence, Course, Enrolment, Requirement, TrainingRecord, TrainingSession

pytestmark = pytest.mark.django_db

API = "/api/v1/training"


def test_a_competence_in_use_answers_409_with_what_uses_it(
    api_as: Any, trainer: Any, empathy: Any, empathy_course: Any, agent_requirement: Any
) -> None:
    response = api_as(trainer).delete(f"{API}/competences/{empathy.pk}/")
    assert response.status_code == 409
    body = response.json()
    assert body["used_by"] == {"Anforderungen": 1, "Vermittelte Kompetenzen": 1}
    assert "Empathie" in body["detail"]
    assert Competence.objects.filter(pk=empathy.pk).exists()
    assert Requirement.objects.filter(pk=agent_requirement.pk).exists()


def test_a_course_with_records_answers_409_and_keeps_the_records(
    api_as: Any, trainer: Any, agent: Any, empathy_course: Any
) -> None:
    record = TrainingRecordFactory(employee=agent, course=empathy_course)
    response = api_as(trainer).delete(f"{API}/courses/{empathy_course.pk}/")
    assert response.status_code == 409
    assert response.json()["used_by"] == {"Schulungsnachweise": 1}
    assert TrainingRecord.objects.filter(pk=record.pk).exists()
    assert Course.objects.filter(pk=empathy_course.pk).exists()


def test_a_session_with_enrolments_answers_409(api_as: Any, trainer: Any, agent: Any) -> None:
    enrolment = EnrolmentFactory(session=TrainingSessionFactory(date=dt.date(2030, 1, 1)), employee=agent)
    response = api_as(trainer).delete(f"{API}/sessions/{enrolment.session_id}/")
    assert response.status_code == 409
    assert response.json()["used_by"] == {"Anmeldungen": 1}
    assert Enrolment.objects.filter(pk=enrolment.pk).exists()


def test_unused_configuration_is_deleted(api_as: Any, trainer: Any) -> None:
    client = api_as(trainer)
    competence = CompetenceFactory()
    course = CourseFactory()
    session = TrainingSessionFactory()
    requirement = RequirementFactory()
    assert client.delete(f"{API}/sessions/{session.pk}/").status_code == 204
    assert client.delete(f"{API}/competences/{competence.pk}/").status_code == 204
    assert client.delete(f"{API}/courses/{course.pk}/").status_code == 204
    assert client.delete(f"{API}/requirements/{requirement.pk}/").status_code == 204
    assert not TrainingSession.objects.filter(pk=session.pk).exists()


def test_only_trainers_and_admins_delete(api_as: Any, manager: Any) -> None:
    competence = CompetenceFactory()
    assert api_as(manager).delete(f"{API}/competences/{competence.pk}/").status_code == 403
    assert Competence.objects.filter(pk=competence.pk).exists()


def test_deleting_a_person_never_deletes_their_records_or_enrolments(agent: Any, empathy_course: Any) -> None:
    TrainingRecordFactory(employee=agent, course=empathy_course)
    with pytest.raises(ProtectedError):
        agent.delete()
    assert TrainingRecord.objects.filter(employee=agent).exists()
    colleague = EnrolmentFactory().employee
    with pytest.raises(ProtectedError):
        colleague.delete()


def test_a_touchpoint_or_department_with_requirements_is_not_deleted_with_them(
    department: Any, other_department: Any, empathy: Any, cx_admin: Any
) -> None:
    from core.errors import Conflict
    from touchpoints.services import touchpoint_delete

    counter = TouchpointFactory(department=department)
    at_counter = RequirementFactory(competence=empathy, role="", touchpoint=counter)
    for_department = RequirementFactory(competence=empathy, role="", department=other_department)
    with pytest.raises(Conflict):  # configuration in use: 409, nothing deleted
        touchpoint_delete(touchpoint=counter)
    with pytest.raises(Conflict):
        department_delete(actor=cx_admin, department=other_department)
    assert Requirement.objects.filter(pk__in=[at_counter.pk, for_department.pk]).count() == 2
