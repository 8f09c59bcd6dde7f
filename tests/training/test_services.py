"""Training writes go through services that take the acting user: the rules hold for pages, API and imports."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.choices import Role
from tests.factories import UserFactory
from tests.training.factories import CourseFactory, TrainingSessionFactory
from training import services
from training.models import Enrolment, TrainingRecord, TrainingSession

pytestmark = pytest.mark.django_db


def test_the_record_keeps_who_wrote_it(trainer: Any, agent: Any, empathy_course: Any) -> None:
    record = services.record_create(
        actor=trainer,
        data=services.RecordInput(employee=agent, course=empathy_course, completed_at=timezone.localdate()),
    )
    assert record.created_by == trainer


@pytest.mark.parametrize("role", [Role.MANAGER, Role.AGENT, Role.CCEO])
def test_only_training_managers_write_records_and_catalogue(
    make_user: Any, agent: Any, empathy: Any, empathy_course: Any, role: str
) -> None:
    actor = make_user(role)
    data = services.RecordInput(employee=agent, course=empathy_course, completed_at=timezone.localdate())
    with pytest.raises(PermissionDenied):
        services.record_create(actor=actor, data=data)
    with pytest.raises(PermissionDenied):
        services.course_create(actor=actor, title="X", duration_hours=Decimal("1"), format="online")
    with pytest.raises(PermissionDenied):
        services.requirement_create(actor=actor, competence=empathy, level=2, role="agent")
    assert not TrainingRecord.objects.exists()


def test_course_update_takes_a_changes_dict(trainer: Any, empathy: Any, empathy_course: Any) -> None:
    course = services.course_update(
        actor=trainer, course=empathy_course, changes={"title": "Empathie II", "competences": [(empathy, 3)]}
    )
    course.refresh_from_db()
    assert course.title == "Empathie II"
    assert list(course.course_competences.values_list("competence_id", "level")) == [(empathy.pk, 3)]


def test_a_manager_enrols_own_staff_but_not_another_departments(
    manager: Any, agent: Any, other_department: Any, empathy_course: Any
) -> None:
    session = TrainingSessionFactory(course=empathy_course, date=dt.date(2030, 1, 1))
    outsider = UserFactory(role=Role.AGENT, department=other_department)
    with pytest.raises(PermissionDenied):
        services.session_enrol(actor=manager, session=session, employee=outsider)
    with pytest.raises(PermissionDenied):
        services.session_enrol(actor=agent, session=session, employee=manager)
    services.session_enrol(actor=manager, session=session, employee=agent)
    services.session_enrol(actor=outsider, session=session, employee=outsider)
    assert set(Enrolment.objects.values_list("employee_id", flat=True)) == {agent.pk, outsider.pk}


def test_a_session_needs_a_trainer_and_an_active_course(
    api_as: Any, client: Any, trainer: Any, agent: Any, empathy_course: Any
) -> None:
    inactive = CourseFactory(active=False)
    with pytest.raises(ValidationError) as excinfo:
        services.session_create(actor=trainer, course=inactive, date=dt.date(2030, 1, 1), trainer=agent, seats=5)
    assert set(excinfo.value.message_dict) == {"course", "trainer"}
    response = api_as(trainer).post(
        "/api/v1/training/sessions/",
        {"course": inactive.pk, "date": "2030-01-01", "trainer": trainer.pk, "seats": 5},
        format="json",
    )
    assert response.status_code == 400 and isinstance(response.json()["course"], list)
    assert not TrainingSession.objects.exists()


def test_fewer_seats_than_enrolments_are_refused(trainer: Any, agent: Any, manager: Any, empathy_course: Any) -> None:
    session = TrainingSessionFactory(course=empathy_course, trainer=trainer, seats=3, date=dt.date(2030, 1, 1))
    for person in (agent, manager):
        services.session_enrol(actor=trainer, session=session, employee=person)
    with pytest.raises(ValidationError) as excinfo:
        services.session_update(actor=trainer, session=session, changes={"seats": 1})
    assert "seats" in excinfo.value.message_dict
    session.refresh_from_db()
    assert session.seats == 3


def test_the_session_api_answers_with_ids(api_as: Any, trainer: Any, empathy_course: Any) -> None:
    response = api_as(trainer).post(
        "/api/v1/training/sessions/",
        {"course": empathy_course.pk, "date": "2030-01-01", "trainer": trainer.pk, "seats": 5, "location": "Kiel"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert (data["course"], data["trainer"], data["enrolled"]) == (empathy_course.pk, trainer.pk, 0)
