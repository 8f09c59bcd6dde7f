"""Writes with rules for training: catalogue (competences, courses, requirements), sessions and enrolment,
training records. Every write takes the acting user; trainers and CX admins (accounts.roles.TRAINING_MANAGERS)
keep the catalogue and the records, everyone may enrol themselves.

Configuration that records or requirements use is never deleted with them: the database protects them and the
delete answers 409 naming what uses it (core.errors.delete_or_conflict); a course is deactivated instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import roles
from accounts.choices import Role
from accounts.models import Department, User
from core.errors import delete_or_conflict
from core.queue import enqueue_on_commit
from touchpoints.models import Touchpoint
from training import access
from training.gaps import expiry_date
from training.models import (
    Competence,
    Course,
    CourseCompetence,
    Enrolment,
    Requirement,
    TrainingRecord,
    TrainingSession,
)


def _check_manager(actor: User) -> None:
    if not access.can_manage(actor):
        raise PermissionDenied


def _apply(instance: Any, changes: dict[str, Any], allowed: Iterable[str]) -> None:
    unknown = set(changes) - set(allowed)
    if unknown:
        raise ValueError(f"cannot update {sorted(unknown)}")
    for name, value in changes.items():
        setattr(instance, name, value)


# --- competences -------------------------------------------------------------------------------------------

COMPETENCE_FIELDS = ("name", "description", "category")


def competence_create(*, actor: User, name: str, category: str, description: str = "") -> Competence:
    _check_manager(actor)
    competence = Competence(name=name, category=category, description=description)
    competence.full_clean()
    competence.save()
    return competence


def competence_update(*, actor: User, competence: Competence, changes: dict[str, Any]) -> Competence:
    _check_manager(actor)
    _apply(competence, changes, COMPETENCE_FIELDS)
    competence.full_clean()
    competence.save()
    return competence


def competence_delete(*, actor: User, competence: Competence) -> None:
    """Courses and requirements that use the competence keep it: 409 naming them."""
    _check_manager(actor)
    delete_or_conflict(competence)


# --- courses -----------------------------------------------------------------------------------------------

COURSE_FIELDS = ("title", "description", "duration_hours", "format", "validity_months", "active", "competences")


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
    actor: User,
    title: str,
    duration_hours: Decimal,
    format: str,
    description: str = "",
    validity_months: int | None = None,
    active: bool = True,
    competences: Iterable[tuple[Competence, int]] = (),
) -> Course:
    _check_manager(actor)
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


def course_update(*, actor: User, course: Course, changes: dict[str, Any]) -> Course:
    """`changes` may hold `competences` as (competence, level) pairs: they replace the course's competences."""
    _check_manager(actor)
    fields = dict(changes)
    competences = fields.pop("competences", None)
    with transaction.atomic():
        _apply(course, fields, COURSE_FIELDS)
        course.full_clean()
        course.save()
        if competences is not None:
            _set_course_competences(course, competences)
    return course


def course_delete(*, actor: User, course: Course) -> None:
    """A course with sessions or records stays (409 naming them); deactivate it instead."""
    _check_manager(actor)
    delete_or_conflict(course)


# --- requirements ------------------------------------------------------------------------------------------

REQUIREMENT_FIELDS = ("competence", "level", "role", "department", "touchpoint")


def _save_requirement(requirement: Requirement) -> Requirement:
    if not requirement.role and requirement.department_id is None and requirement.touchpoint_id is None:
        raise ValidationError(
            {"role": _("Bitte wählen Sie mindestens eine Rolle, eine Abteilung oder einen Kontaktpunkt.")}
        )
    requirement.full_clean()
    requirement.save()
    return requirement


def requirement_create(
    *,
    actor: User,
    competence: Competence,
    level: int,
    role: str = "",
    department: Department | None = None,
    touchpoint: Touchpoint | None = None,
) -> Requirement:
    """A requirement applies to staff matching every scope set (role, department, touchpoint); at least one."""
    _check_manager(actor)
    requirement = Requirement(
        competence=competence, level=level, role=role or "", department=department, touchpoint=touchpoint
    )
    return _save_requirement(requirement)


def requirement_update(*, actor: User, requirement: Requirement, changes: dict[str, Any]) -> Requirement:
    _check_manager(actor)
    _apply(requirement, changes, REQUIREMENT_FIELDS)
    requirement.role = requirement.role or ""
    return _save_requirement(requirement)


def requirement_delete(*, actor: User, requirement: Requirement) -> None:
    _check_manager(actor)
    requirement.delete()


# --- sessions and enrolment --------------------------------------------------------------------------------

SESSION_FIELDS = ("course", "date", "trainer", "location", "seats")


def _check_session(session: TrainingSession, *, new: bool) -> None:
    errors: dict[str, str] = {}
    if roles.role_of(session.trainer) != Role.TRAINER:
        errors["trainer"] = _("Bitte wählen Sie eine aktive Trainerin oder einen aktiven Trainer.")
    if new and not session.course.active:
        errors["course"] = _("Für eine inaktive Schulung können keine Termine angelegt werden.")
    if not new and session.seats is not None and session.seats < session.enrolments.count():
        errors["seats"] = _("Es sind bereits mehr Personen angemeldet, als der Termin Plätze hätte.")
    if errors:
        raise ValidationError(errors)
    session.full_clean()


def session_create(
    *, actor: User, course: Course, date: dt.date, trainer: User, seats: int, location: str = ""
) -> TrainingSession:
    _check_manager(actor)
    session = TrainingSession(course=course, date=date, trainer=trainer, seats=seats, location=location)
    _check_session(session, new=True)
    session.save()
    return session


def session_update(*, actor: User, session: TrainingSession, changes: dict[str, Any]) -> TrainingSession:
    _check_manager(actor)
    with transaction.atomic():
        session = TrainingSession.objects.select_for_update().get(pk=session.pk)
        _apply(session, changes, SESSION_FIELDS)
        _check_session(session, new=False)
        session.save()
    return session


def session_delete(*, actor: User, session: TrainingSession) -> None:
    """A session with enrolments or records stays (409 naming them)."""
    _check_manager(actor)
    delete_or_conflict(session)


def session_enrol(*, actor: User, session: TrainingSession, employee: User) -> Enrolment:
    """Enrol yourself, or (trainers, CX admins, the employee's department managers) another employee."""
    if employee.pk != actor.pk and not (access.can_manage(actor) or access.can_see_individual(actor, employee)):
        raise PermissionDenied
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


def session_unenrol(*, actor: User, session: TrainingSession, employee: User) -> None:
    if employee.pk != actor.pk and not (access.can_manage(actor) or access.can_see_individual(actor, employee)):
        raise PermissionDenied
    session.enrolments.filter(employee=employee).delete()


# --- training records --------------------------------------------------------------------------------------


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


def record_create(*, actor: User, data: RecordInput) -> TrainingRecord:
    _check_manager(actor)
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
                created_by=actor,
            )
    except IntegrityError as exc:
        # A parallel request recorded the same person for the same session first.
        raise ValidationError(
            {"session": _("Für diese Person gibt es zu diesem Termin bereits einen Nachweis.")}
        ) from exc
    _schedule_certificate(record)
    return record


def records_create_many(*, actor: User, rows: Sequence[RecordInput]) -> list[TrainingRecord]:
    """All or nothing: every row is validated first; one broken row writes none."""
    _check_manager(actor)
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
        return [record_create(actor=actor, data=row) for row in rows]


def session_record_attendance(
    *,
    actor: User,
    session: TrainingSession,
    attendees: Sequence[tuple[User, bool, int | None]],
    completed_at: dt.date | None = None,
) -> list[TrainingRecord]:
    """One POST for a session's attendance list: a record for everyone present (employee, passed, score)."""
    _check_manager(actor)
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
    return records_create_many(actor=actor, rows=rows)
