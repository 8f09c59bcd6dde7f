"""Demo data for training: competences, courses, sessions, records of the demo staff and requirements.

Idempotent: everything is looked up by its natural key first. Uses the demo departments, users and touchpoints.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from accounts.choices import Role
from accounts.models import Department, User
from touchpoints.models import Touchpoint
from training import services
from training.choices import CompetenceCategory, CourseFormat
from training.gaps import add_months
from training.models import Competence, Course, Requirement, TrainingRecord, TrainingSession

COMPETENCES: dict[str, tuple[str, str]] = {
    "Empathie": (CompetenceCategory.INTERPERSONAL, "Gefühle der Kundin / des Kunden erkennen und ansprechen."),
    "Beschwerdeannahme": (
        CompetenceCategory.PROCESS,
        "Beschwerden vollständig aufnehmen, bestätigen und weiterleiten (ISO 10002).",
    ),
    "Entschuldigung und Wiedergutmachung": (
        CompetenceCategory.INTERPERSONAL,
        "Sich glaubwürdig entschuldigen und eine angemessene Wiedergutmachung anbieten.",
    ),
    "Momente der Wahrheit": (
        CompetenceCategory.PROCESS,
        "Die entscheidenden Kontaktpunkte der Kundenreise kennen und bewusst gestalten.",
    ),
    "Produktwissen": (CompetenceCategory.PRODUCT, "Sortiment, Services und Konditionen sicher erklären."),
    "Deeskalation": (CompetenceCategory.INTERPERSONAL, "Angespannte Gespräche beruhigen und lösungsorientiert führen."),
}

# title → (format, hours, validity in months, description, {competence: level})
COURSES: dict[str, tuple[str, str, int | None, str, dict[str, int]]] = {
    "Empathie im Kundenkontakt": (
        CourseFormat.CLASSROOM, "8", 24, "Aktives Zuhören, Perspektivwechsel, Sprache der Wertschätzung.",
        {"Empathie": 2, "Momente der Wahrheit": 1},
    ),
    "Professionelle Beschwerdeannahme": (
        CourseFormat.CLASSROOM, "6", 24, "Beschwerden als Chance: Annahme, Bestätigung, Erfassung im System.",
        {"Beschwerdeannahme": 2, "Entschuldigung und Wiedergutmachung": 2},
    ),
    "Deeskalation an Hotline und Counter": (
        CourseFormat.COACHING, "4", 12, "Training mit Rollenspielen für schwierige Gesprächssituationen.",
        {"Deeskalation": 3, "Empathie": 3},
    ),
    "Produktwissen kompakt": (
        CourseFormat.ONLINE, "2", 12, "Jährliche Auffrischung zu Sortiment, Services und Garantien.",
        {"Produktwissen": 2},
    ),
    "Momente der Wahrheit gestalten": (
        CourseFormat.CLASSROOM, "8", None, "Kundenreise, Schlüsselkontaktpunkte und Service-Standards.",
        {"Momente der Wahrheit": 3},
    ),
    "Wiedergutmachung und Kulanz – Vertiefung": (
        CourseFormat.COACHING, "3", 24, "Kulanzrahmen, Entschuldigungsformeln und Nachfassen.",
        {"Entschuldigung und Wiedergutmachung": 3},
    ),
}

# (competence, level, role, department slug, touchpoint slug)
REQUIREMENTS: tuple[tuple[str, int, str, str, str], ...] = (
    ("Empathie", 2, Role.AGENT, "", ""),
    ("Produktwissen", 2, Role.AGENT, "", ""),
    ("Beschwerdeannahme", 2, Role.MANAGER, "", ""),
    ("Entschuldigung und Wiedergutmachung", 2, Role.MANAGER, "", ""),
    ("Beschwerdeannahme", 2, "", "kundenservice", ""),
    ("Deeskalation", 3, "", "kundenservice", ""),
    ("Beschwerdeannahme", 2, Role.AGENT, "filialen", ""),
    ("Deeskalation", 3, "", "", "hotline"),
    ("Entschuldigung und Wiedergutmachung", 2, "", "", "kassenbereich"),
    ("Momente der Wahrheit", 3, "", "", "filiale-hamburg"),
    ("Momente der Wahrheit", 1, "", "", "lieferung"),
)

# username → [(course, months ago completed, passed, score)]
RECORDS: dict[str, list[tuple[str, int, bool, int | None]]] = {
    "agent.filialen": [
        ("Empathie im Kundenkontakt", 6, True, 88),
        ("Produktwissen kompakt", 12, True, 92),  # expires within the next weeks
        ("Professionelle Beschwerdeannahme", 3, True, 81),
        ("Momente der Wahrheit gestalten", 5, True, 90),
    ],
    "agent.filialen2": [("Empathie im Kundenkontakt", 2, True, 76), ("Produktwissen kompakt", 1, False, 45)],
    "agent.service": [
        ("Empathie im Kundenkontakt", 10, True, 90),
        ("Professionelle Beschwerdeannahme", 10, True, 85),
        ("Deeskalation an Hotline und Counter", 4, True, 79),
        ("Produktwissen kompakt", 5, True, 95),
    ],
    "agent.service2": [("Professionelle Beschwerdeannahme", 24, True, 70)],  # expires within the next weeks
    "manager.filialen": [("Professionelle Beschwerdeannahme", 12, True, None)],
    "manager.service": [
        ("Professionelle Beschwerdeannahme", 8, True, None),
        ("Wiedergutmachung und Kulanz – Vertiefung", 8, True, None),
        ("Deeskalation an Hotline und Counter", 2, True, None),
    ],
    "agent.logistik": [("Empathie im Kundenkontakt", 14, True, 83)],
}


def _seed_catalogue(actor: User) -> dict[str, Course]:
    competences = {}
    for name, (category, description) in COMPETENCES.items():
        competences[name] = Competence.objects.filter(name=name).first() or services.competence_create(
            actor=actor, name=name, category=category, description=description
        )
    courses = {}
    for title, (fmt, hours, validity, description, levels) in COURSES.items():
        course = Course.objects.filter(title=title).first()
        if course is None:
            course = services.course_create(
                actor=actor,
                title=title,
                description=description,
                duration_hours=Decimal(hours),
                format=fmt,
                validity_months=validity,
                competences=[(competences[name], level) for name, level in levels.items()],
            )
        courses[title] = course
    return courses


def _seed_requirements(actor: User) -> int:
    created = 0
    for competence, level, role, department, touchpoint in REQUIREMENTS:
        dep = Department.objects.filter(slug=department).first() if department else None
        tp = Touchpoint.objects.filter(slug=touchpoint).first() if touchpoint else None
        if (department and dep is None) or (touchpoint and tp is None):
            continue
        required = Competence.objects.get(name=competence)
        if Requirement.objects.filter(
            competence=required, level=level, role=role, department=dep, touchpoint=tp
        ).exists():
            continue
        services.requirement_create(
            actor=actor, competence=required, level=level, role=role, department=dep, touchpoint=tp
        )
        created += 1
    return created


def _seed_sessions(courses: dict[str, Course], trainer: User, today: dt.date) -> None:
    plan = [
        ("Professionelle Beschwerdeannahme", 21, "Schulungsraum Hamburg-Altona", 12),
        ("Deeskalation an Hotline und Counter", 35, "Kundenservice, Raum 2.14", 8),
        ("Produktwissen kompakt", 10, "Online (Lernplattform)", 40),
        ("Momente der Wahrheit gestalten", 50, "Schulungsraum Hamburg-Altona", 14),
    ]
    for title, days_ahead, location, seats in plan:
        date = today + dt.timedelta(days=days_ahead)
        if not TrainingSession.objects.filter(course=courses[title], date=date).exists():
            services.session_create(
                actor=trainer, course=courses[title], date=date, trainer=trainer, location=location, seats=seats
            )
    upcoming = TrainingSession.objects.filter(course=courses["Deeskalation an Hotline und Counter"], date__gt=today)
    session = upcoming.first()
    for username in ("agent.service2", "agent.filialen2"):
        employee = User.objects.filter(username=username).first()
        if session and employee and not session.enrolments.filter(employee=employee).exists():
            services.session_enrol(actor=trainer, session=session, employee=employee)


def _seed_records(courses: dict[str, Course], trainer: User, today: dt.date) -> int:
    created = 0
    for username, entries in RECORDS.items():
        employee = User.objects.filter(username=username).first()
        if employee is None:
            continue
        for title, months_ago, passed, score in entries:
            completed = add_months(today, -months_ago) + dt.timedelta(days=20)
            completed = min(completed, today)
            if TrainingRecord.objects.filter(employee=employee, course=courses[title]).exists():
                continue
            services.record_create(
                actor=trainer,
                data=services.RecordInput(
                    employee=employee, course=courses[title], completed_at=completed, passed=passed, score=score
                ),
            )
            created += 1
    return created


def seed(stdout: Any) -> None:
    today = timezone.localdate()
    trainer = User.objects.filter(role=Role.TRAINER, is_active=True).order_by("pk").first()
    if trainer is None:
        stdout.write("Schulungen: keine Trainer/in in den Demodaten – Schulungen übersprungen.")
        return
    courses = _seed_catalogue(trainer)
    requirements = _seed_requirements(trainer)
    _seed_sessions(courses, trainer, today)
    records = _seed_records(courses, trainer, today)
    stdout.write(f"Schulungen: {len(courses)} Kurse, {requirements} neue Anforderungen, {records} neue Nachweise.")
