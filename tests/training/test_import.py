"""CSV import of training records: row-level errors and all-or-nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.training.factories import TrainingSessionFactory
from training.models import TrainingRecord

URL = "/api/v1/training/records/import/"

pytestmark = pytest.mark.django_db


def upload(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("nachweise.csv", text.encode("utf-8"), content_type="text/csv")


def test_a_clean_file_imports_every_row(
    api_as: Any, trainer: Any, agent: Any, manager: Any, empathy_course: Any
) -> None:
    csv = (
        "employee;course;completed_at;passed;score\n"
        f"agent;{empathy_course.title};03.02.2026;ja;88\n"
        f"{manager.email};{empathy_course.pk};2026-02-03;nein;\n"
    )
    response = api_as(trainer).post(URL, {"file": upload(csv)}, format="multipart")
    assert response.status_code == 201, response.content
    assert response.json() == {"created": 2, "errors": []}
    assert TrainingRecord.objects.filter(passed=True, employee=agent, score=88).count() == 1


def test_broken_rows_are_reported_per_row_and_nothing_is_written(
    api_as: Any, trainer: Any, agent: Any, empathy_course: Any
) -> None:
    session = TrainingSessionFactory(course=empathy_course)
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    csv = (
        "employee,course,completed_at,passed,score,session\n"
        f"agent,{empathy_course.title},2026-01-10,ja,90,\n"  # fine on its own
        f"niemand,{empathy_course.title},2026-01-10,,,\n"  # unknown employee
        "agent,Unbekannter Kurs,2026-01-10,,,\n"  # unknown course
        f"agent,{empathy_course.title},{tomorrow},,,\n"  # future date
        f"agent,{empathy_course.title},31.02.2026,,,\n"  # no such date
        f"agent,{empathy_course.title},2026-01-10,vielleicht,150,\n"  # bad flag and score
        f"agent,{empathy_course.title},2026-01-10,,,{session.pk}\n"
        f"agent,{empathy_course.title},2026-01-10,,,{session.pk}\n"  # same person, same session again
    )
    response = api_as(trainer).post(URL, {"file": upload(csv)}, format="multipart")
    assert response.status_code == 400
    body = response.json()
    assert body["created"] == 0
    assert [(e["row"], e["field"]) for e in body["errors"]] == [
        (3, "employee"),
        (4, "course"),
        (5, "completed_at"),
        (6, "completed_at"),
        (7, "passed"),
        (7, "score"),
        (9, "session"),
    ]
    assert "niemand" in body["errors"][0]["message"]
    assert not TrainingRecord.objects.exists()


def test_a_record_already_on_file_for_the_session_is_a_row_error(
    api_as: Any, trainer: Any, agent: Any, empathy_course: Any
) -> None:
    session = TrainingSessionFactory(course=empathy_course)
    TrainingRecord.objects.create(employee=agent, course=empathy_course, session=session, completed_at=session.date)
    csv = (
        f"employee,course,completed_at,session\nagent,{empathy_course.title},{session.date.isoformat()},{session.pk}\n"
    )
    body = api_as(trainer).post(URL, {"file": upload(csv)}, format="multipart").json()
    assert body["errors"] == [{"row": 2, "field": "session", "message": body["errors"][0]["message"]}]
    assert TrainingRecord.objects.count() == 1


@pytest.mark.parametrize(
    "content",
    [b"employee,course\nagent,x\n", b"\xff\xfe\x00garbage", b"employee,course,completed_at\n", b""],
)
def test_unusable_files_give_a_file_error_not_a_500(api_as: Any, trainer: Any, content: bytes) -> None:
    response = api_as(trainer).post(
        URL, {"file": SimpleUploadedFile("x.csv", content, content_type="text/csv")}, format="multipart"
    )
    assert response.status_code == 400
    body = response.json()
    assert body.get("errors") or body.get("file")


def test_only_trainers_and_admins_import(api_as: Any, manager: Any) -> None:
    response = api_as(manager).post(URL, {"file": upload("employee,course,completed_at\n")}, format="multipart")
    assert response.status_code == 403
