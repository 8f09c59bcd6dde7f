"""Pages: my trainings, the manager's gap report, trainer pages (attendance list, record entry, CSV import)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.utils import timezone

from accounts.choices import Role
from tests.factories import UserFactory
from tests.training.factories import EnrolmentFactory, TrainingRecordFactory, TrainingSessionFactory
from training.models import TrainingRecord

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_every_employee_sees_my_trainings_with_own_gaps(
    agent: Any, agent_requirement: Any, empathy_course: Any
) -> None:
    TrainingRecordFactory(employee=agent, course=empathy_course)
    page = client_for(agent).get("/training/").content.decode()
    assert "Meine Schulungen" in page
    assert empathy_course.title in page
    assert "erfüllt" in page
    assert "Kompetenzlücken" not in page  # agents get no team view in the sub-navigation


def test_my_trainings_speaks_english_when_asked(agent: Any) -> None:
    page = client_for(agent).get("/training/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "My trainings" in page
    assert "Meine Schulungen" not in page


def test_the_nav_has_a_training_entry_for_everyone(agent: Any) -> None:
    assert 'href="/training/"' in client_for(agent).get("/training/").content.decode()


def test_an_employee_enrols_into_an_open_session(agent: Any, empathy_course: Any) -> None:
    session = TrainingSessionFactory(course=empathy_course, date=timezone.localdate() + dt.timedelta(days=7))
    response = client_for(agent).post(f"/training/sessions/{session.pk}/enrol/", follow=True)
    assert "Sie sind für den Termin angemeldet." in response.content.decode()
    assert session.enrolments.filter(employee=agent).exists()


def test_the_manager_gap_page_lists_the_department_and_expiring_trainings(
    manager: Any, agent: Any, agent_requirement: Any, empathy_course: Any, other_department: Any
) -> None:
    today = timezone.localdate()
    TrainingRecordFactory(
        employee=agent,
        course=empathy_course,
        completed_at=today - dt.timedelta(days=700),
        expires_at=today + dt.timedelta(days=9),
    )
    UserFactory(role=Role.AGENT, department=other_department, username="fremd")
    page = client_for(manager).get("/training/gaps/").content.decode()
    assert 'data-employee="agent"' in page
    assert "fremd" not in page
    assert "läuft bald ab" in page
    assert (today + dt.timedelta(days=9)).strftime("%d.%m.%Y") in page
    assert "zu kleine Gruppe" in page


def test_the_cceo_gap_page_shows_team_figures_only(cceo: Any, agent: Any, agent_requirement: Any) -> None:
    page = client_for(cceo).get("/training/gaps/").content.decode()
    assert "Abdeckung je Abteilung" in page
    assert 'data-employee="agent"' not in page


def test_agents_are_refused_the_team_and_trainer_pages(agent: Any, manager: Any) -> None:
    for url in (
        "/training/gaps/",
        "/training/courses/",
        "/training/sessions/",
        "/training/records/new/",
        "/training/records/import/",
        "/training/requirements/",
    ):
        assert client_for(agent).get(url).status_code == 403, url
    assert client_for(manager).get("/training/courses/").status_code == 403


def test_individual_pages_404_outside_the_managers_department(
    manager: Any, agent: Any, other_department: Any, empathy_course: Any
) -> None:
    outsider = UserFactory(role=Role.AGENT, department=other_department)
    record = TrainingRecordFactory(employee=outsider, course=empathy_course, certificate="training/certificates/x.pdf")
    assert client_for(manager).get(f"/training/employees/{outsider.pk}/").status_code == 404
    assert client_for(manager).get(f"/training/records/{record.pk}/certificate/").status_code == 404
    assert client_for(agent).get(f"/training/records/{record.pk}/certificate/").status_code == 404
    assert client_for(manager).get(f"/training/employees/{agent.pk}/").status_code == 200


def test_the_employee_page_shows_outcomes_only_with_a_works_council_agreement(manager: Any, agent: Any) -> None:
    url = f"/training/employees/{agent.pk}/"
    assert "Betriebsvereinbarung" not in client_for(manager).get(url).content.decode()
    with override_settings(TRAINING_WORKS_COUNCIL_AGREEMENT=True):
        assert "Betriebsvereinbarung" in client_for(manager).get(url).content.decode()


def test_a_trainer_records_attendance_for_a_session_in_one_post(
    trainer: Any, agent: Any, manager: Any, empathy_course: Any, django_capture_on_commit_callbacks: Any
) -> None:
    session = TrainingSessionFactory(course=empathy_course, trainer=trainer)
    EnrolmentFactory(session=session, employee=agent)
    EnrolmentFactory(session=session, employee=manager)
    absent = UserFactory(role=Role.AGENT, department=agent.department)
    EnrolmentFactory(session=session, employee=absent)
    walk_in = UserFactory(role=Role.AGENT, department=agent.department)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(trainer).post(
            f"/training/sessions/{session.pk}/",
            {
                "attendance": "1",
                "completed_at": session.date.isoformat(),
                f"present_{agent.pk}": "on",
                f"passed_{agent.pk}": "on",
                f"score_{agent.pk}": "87",
                f"present_{manager.pk}": "on",
                "others": [walk_in.pk],
            },
            follow=True,
        )
    assert "3 Nachweise wurden gespeichert." in response.content.decode()
    records = {r.employee_id: r for r in TrainingRecord.objects.filter(session=session)}
    assert set(records) == {agent.pk, manager.pk, walk_in.pk}
    assert records[agent.pk].passed and records[agent.pk].score == 87 and records[agent.pk].certificate
    assert not records[manager.pk].passed and not records[manager.pk].certificate


def test_attendance_in_the_future_is_refused_with_a_readable_error(
    trainer: Any, agent: Any, empathy_course: Any
) -> None:
    session = TrainingSessionFactory(course=empathy_course, date=timezone.localdate() + dt.timedelta(days=3))
    EnrolmentFactory(session=session, employee=agent)
    response = client_for(trainer).post(
        f"/training/sessions/{session.pk}/",
        {"attendance": "1", "completed_at": session.date.isoformat(), f"present_{agent.pk}": "on"},
    )
    assert response.status_code == 400
    assert "Zukunft" in response.content.decode()
    assert not TrainingRecord.objects.exists()


def test_the_record_form_shows_field_errors_for_bad_input(trainer: Any, agent: Any, empathy_course: Any) -> None:
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = client_for(trainer).post(
        "/training/records/new/",
        {"employee": agent.pk, "course": 999999, "completed_at": tomorrow, "passed": "on"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Auswahl" in page or "gültige" in page  # Django's German "select a valid choice" message
    assert not TrainingRecord.objects.exists()
    response = client_for(trainer).post(
        "/training/records/new/",
        {"employee": agent.pk, "course": empathy_course.pk, "completed_at": tomorrow, "passed": "on"},
    )
    assert "Zukunft" in response.content.decode()


def test_the_import_page_lists_row_errors(trainer: Any, empathy_course: Any) -> None:
    csv = f"employee,course,completed_at\nniemand,{empathy_course.title},2026-01-02\n"
    response = client_for(trainer).post(
        "/training/records/import/", {"file": SimpleUploadedFile("n.csv", csv.encode(), content_type="text/csv")}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Nichts importiert" in page and "niemand" in page


def test_trainer_pages_create_courses_sessions_and_requirements(trainer: Any, empathy: Any, department: Any) -> None:
    client = client_for(trainer)
    response = client.post(
        "/training/courses/new/",
        {
            "title": "Deeskalation",
            "duration_hours": "4",
            "format": "coaching",
            "validity_months": "12",
            "active": "on",
            "competences-TOTAL_FORMS": "1",
            "competences-INITIAL_FORMS": "0",
            "competences-0-competence": empathy.pk,
            "competences-0-level": "3",
        },
    )
    assert response.status_code == 302
    course = empathy.courses.get(title="Deeskalation")
    response = client.post(
        "/training/sessions/",
        {"course": course.pk, "date": "2030-05-01", "trainer": trainer.pk, "location": "Raum 1", "seats": "8"},
    )
    assert response.status_code == 302
    refused = client.post("/training/requirements/", {"competence": empathy.pk, "level": "2"})
    assert refused.status_code == 400
    assert "mindestens eine Rolle" in refused.content.decode()
    assert (
        client.post(
            "/training/requirements/", {"competence": empathy.pk, "level": "2", "department": department.pk}
        ).status_code
        == 302
    )
    assert client.get("/training/courses/").status_code == 200
    assert client.get(f"/training/sessions/{course.sessions.get().pk}/").status_code == 200
