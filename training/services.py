"""Writes with rules for training: catalogue, enrolment, training records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.queue import enqueue_on_commit
from training.gaps import expiry_date
from training.models import Competence, Course, CourseCompetence, Enrolment, TrainingRecord, TrainingSession


def _set_course_competences(course: Course, competences: Iterable[tuple[Competence, int]]) -> None:
    pairs = list(competences)
    ids = [competence.pk for competence, _level in pairs]
    if len(ids) != len(set(ids)):
        raise ValidationError({"competences": _("Jede Kompetenz darf nur einmal vorkommen.")})
    course.course_competences.all().delete()
    CourseCompetence.objects.bulk_create(
        CourseCompetence(course=course, competence=competence, level=level) for competence, level in pairs
    )


def course_create(
    *,
    title: str,
    duration_hours: Decimal,
    format: str,
    description: str = "",
    validity_months: int | None = None,
    active: bool = True,
    competences: Iterable[tuple[Competence, int]] = (),
) -> Course:
    with transaction.atomic():
        course = Course(
            title=title,
            description=description,
            duration_hours=duration_hours,
            format=format,
            validity_months=validity_months,
            active=active,
        )
        course.full_clean()
        course.save()
        _set_course_competences(course, competences)
    return course


def course_update(
    *, course: Course, competences: Iterable[tuple[Competence, int]] | None = None, **fields: Any
) -> Course:
    with transaction.atomic():
        for name, value in fields.items():
            setattr(course, name, value)
        course.full_clean()
        course.save()
        if competences is not None:
            _set_course_competences(course, competences)
    return course


def session_enrol(*, session: TrainingSession, employee: User) -> Enrolment:
    with transaction.atomic():
        # Lock the session so that two enrolments at once cannot both take the last seat.
        session = TrainingSession.objects.select_for_update().get(pk=session.pk)
        if not employee.is_active:
            raise ValidationError({"employee": _("Diese Person ist nicht aktiv.")})
        if session.enrolments.filter(employee=employee).exists():
            raise ValidationError({"employee": _("Diese Person ist für den Termin bereits angemeldet.")})
        if session.enrolments.count() >= session.seats:
            raise ValidationError({"session": _("Alle Plätze dieses Termins sind belegt.")})
        return Enrolment.objects.create(session=session, employee=employee)


def session_unenrol(*, session: TrainingSession, employee: User) -> None:
    session.enrolments.filter(employee=employee).delete()


@dataclass(frozen=True)
class RecordInput:
    employee: User
    course: Course
    completed_at: dt.date
    passed: bool = True
    score: int | None = None
    session: TrainingSession | None = None
    notes: str = ""


def record_validate(data: RecordInput, *, today: dt.date | None = None) -> dict[str, str]:
    """Rule violations of one record as {field: message}; empty when the record may be written."""
    today = today or timezone.localdate()
    errors: dict[str, str] = {}
    if data.completed_at > today:
        errors["completed_at"] = _("Das Abschlussdatum darf nicht in der Zukunft liegen.")
    if data.score is not None and not 0 <= data.score <= 100:
        errors["score"] = _("Das Ergebnis muss zwischen 0 und 100 liegen.")
    if not data.employee.is_active:
        errors["employee"] = _("Diese Person ist nicht aktiv.")
    if data.session is not None:
        if data.session.course_id != data.course.pk:
            errors["session"] = _("Der Termin gehört zu einer anderen Schulung.")
        elif TrainingRecord.objects.filter(employee=data.employee, session=data.session).exists():
            errors["session"] = _("Für diese Person gibt es zu diesem Termin bereits einen Nachweis.")
    return errors


def _schedule_certificate(record: TrainingRecord) -> None:
    if not record.passed:
        return
    from training import tasks

    enqueue_on_commit(tasks.certificate_generate, record.pk)


def record_create(*, data: RecordInput, created_by: User | None = None) -> TrainingRecord:
    errors = record_validate(data)
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            record = TrainingRecord.objects.create(
                employee=data.employee,
                course=data.course,
                session=data.session,
                completed_at=data.completed_at,
                passed=data.passed,
                score=data.score,
                expires_at=expiry_date(data.completed_at, data.course.validity_months),
                notes=data.notes,
                created_by=created_by,
            )
    except IntegrityError as exc:
        # A parallel request recorded the same person for the same session first.
        raise ValidationError(
            {"session": _("Für diese Person gibt es zu diesem Termin bereits einen Nachweis.")}
        ) from exc
    _schedule_certificate(record)
    return record


def records_create_many(*, rows: Sequence[RecordInput], created_by: User | None = None) -> list[TrainingRecord]:
    """All or nothing: every row is validated first; one broken row writes none."""
    errors: dict[str, list[str]] = {}
    seen: set[tuple[int, int]] = set()
    for row in rows:
        problems = record_validate(row)
        if row.session is not None:
            key = (row.employee.pk, row.session.pk)
            if key in seen:
                problems["session"] = _("Diese Person steht mehrfach in der Liste.")
            seen.add(key)
        for field, message in problems.items():
            errors.setdefault(field, []).append(f"{row.employee.get_username()}: {message}")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        return [record_create(data=row, created_by=created_by) for row in rows]


def session_record_attendance(
    *,
    session: TrainingSession,
    attendees: Sequence[tuple[User, bool, int | None]],
    completed_at: dt.date | None = None,
    created_by: User | None = None,
) -> list[TrainingRecord]:
    """One POST for a session's attendance list: a record for everyone present (employee, passed, score)."""
    if not attendees:
        raise ValidationError({"attendees": _("Bitte wählen Sie mindestens eine anwesende Person aus.")})
    rows = [
        RecordInput(
            employee=employee,
            course=session.course,
            session=session,
            completed_at=completed_at or session.date,
            passed=passed,
            score=score,
        )
        for employee, passed, score in attendees
    ]
    return records_create_many(rows=rows, created_by=created_by)
