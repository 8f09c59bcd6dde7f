"""Training records through the API: creation, certificates, and the bad input listed in the issue."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from tests.training.factories import TrainingRecordFactory, TrainingSessionFactory
from training.gaps import add_months
from training.models import TrainingRecord

URL = "/api/v1/training/records/"

pytestmark = pytest.mark.django_db


def payload(employee: Any, course: Any, **extra: Any) -> dict[str, Any]:
    return {
        "employee": employee.pk,
        "course": course.pk,
        "completed_at": (timezone.localdate() - dt.timedelta(days=1)).isoformat(),
        **extra,
    }


def test_a_trainer_records_a_training_and_a_certificate_pdf_is_generated(
    api_as: Any, trainer: Any, agent: Any, empathy_course: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = api_as(trainer).post(URL, payload(agent, empathy_course, score=91), format="json")
    assert response.status_code == 201, response.content
    record = TrainingRecord.objects.get(pk=response.json()["id"])
    completed = timezone.localdate() - dt.timedelta(days=1)
    assert record.expires_at == add_months(completed, 24)
    assert response.json()["expires_at"] == record.expires_at.isoformat()
    assert record.certificate.name.endswith(".pdf")
    with record.certificate.open("rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    download = api_as(agent).get(f"{URL}{record.pk}/certificate/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_a_failed_training_gets_no_certificate(
    api_as: Any, trainer: Any, agent: Any, empathy_course: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = api_as(trainer).post(URL, payload(agent, empathy_course, passed=False, score=30), format="json")
    assert response.status_code == 201
    assert response.json()["certificate_url"] is None
    assert not TrainingRecord.objects.get().certificate


def test_it_rejects_an_unknown_course(api_as: Any, trainer: Any, agent: Any) -> None:
    response = api_as(trainer).post(
        URL, {"employee": agent.pk, "course": 999999, "completed_at": "2026-01-05"}, format="json"
    )
    assert response.status_code == 400
    assert "course" in response.json()
    assert not TrainingRecord.objects.exists()


def test_it_rejects_an_unknown_employee(api_as: Any, trainer: Any, empathy_course: Any) -> None:
    response = api_as(trainer).post(
        URL, {"employee": 999999, "course": empathy_course.pk, "completed_at": "2026-01-05"}, format="json"
    )
    assert response.status_code == 400
    assert "employee" in response.json()


def test_it_rejects_a_completion_date_in_the_future(api_as: Any, trainer: Any, agent: Any, empathy_course: Any) -> None:
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = api_as(trainer).post(URL, payload(agent, empathy_course, completed_at=tomorrow), format="json")
    assert response.status_code == 400
    assert "Zukunft" in response.json()["completed_at"][0]
    assert not TrainingRecord.objects.exists()


def test_it_rejects_a_duplicate_record_for_the_same_session(
    api_as: Any, trainer: Any, agent: Any, empathy_course: Any
) -> None:
    session = TrainingSessionFactory(course=empathy_course)
    first = api_as(trainer).post(URL, payload(agent, empathy_course, session=session.pk), format="json")
    assert first.status_code == 201
    second = api_as(trainer).post(URL, payload(agent, empathy_course, session=session.pk), format="json")
    assert second.status_code == 400
    assert "session" in second.json()
    assert TrainingRecord.objects.count() == 1


def test_it_rejects_a_session_of_another_course(api_as: Any, trainer: Any, agent: Any, empathy_course: Any) -> None:
    session = TrainingSessionFactory()
    response = api_as(trainer).post(URL, payload(agent, empathy_course, session=session.pk), format="json")
    assert response.status_code == 400
    assert "session" in response.json()


@pytest.mark.parametrize("bad", [{"score": 101}, {"score": -1}, {"completed_at": "gestern"}, {"passed": "vielleicht"}])
def test_it_answers_400_not_500_for_malformed_fields(
    api_as: Any, trainer: Any, agent: Any, empathy_course: Any, bad: dict[str, Any]
) -> None:
    response = api_as(trainer).post(URL, payload(agent, empathy_course, **bad), format="json")
    assert response.status_code == 400
    assert set(bad) <= set(response.json())


def test_records_cannot_be_changed_or_deleted_through_the_api(api_as: Any, cx_admin: Any, agent: Any) -> None:
    record = TrainingRecordFactory(employee=agent)
    assert api_as(cx_admin).patch(f"{URL}{record.pk}/", {"notes": "x"}, format="json").status_code == 405
    assert api_as(cx_admin).delete(f"{URL}{record.pk}/").status_code == 405
