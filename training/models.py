from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role
from training.choices import MAX_LEVEL, MIN_LEVEL, CompetenceCategory, CourseFormat, Level, ReminderKind

LEVEL_VALIDATORS = [MinValueValidator(MIN_LEVEL), MaxValueValidator(MAX_LEVEL)]


def certificate_path(instance: Any, filename: str) -> str:
    # Unguessable names: certificates are personal data and are only handed out through the permission-checked view.
    return f"training/certificates/{uuid.uuid4().hex}.pdf"


class Competence(models.Model):
    name = models.CharField(_("Name"), max_length=120, unique=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    category = models.CharField(_("Kategorie"), max_length=20, choices=CompetenceCategory.choices)

    class Meta:
        ordering = ["name"]
        verbose_name = _("Kompetenz")
        verbose_name_plural = _("Kompetenzen")

    def __str__(self) -> str:
        return self.name


class Course(models.Model):
    title = models.CharField(_("Titel"), max_length=200, unique=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    competences = models.ManyToManyField(
        Competence, through="CourseCompetence", related_name="courses", verbose_name=_("Kompetenzen")
    )
    duration_hours = models.DecimalField(
        _("Dauer (Stunden)"), max_digits=5, decimal_places=1, validators=[MinValueValidator(0)]
    )
    format = models.CharField(_("Format"), max_length=20, choices=CourseFormat.choices)
    validity_months = models.PositiveSmallIntegerField(
        _("Gültigkeit (Monate)"), null=True, blank=True, help_text=_("Leer lassen, wenn die Schulung nicht abläuft.")
    )
    active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("Schulung")
        verbose_name_plural = _("Schulungen")

    def __str__(self) -> str:
        return self.title


class CourseCompetence(models.Model):
    """A competence a course builds, with the level a participant reaches by passing it."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="course_competences")
    competence = models.ForeignKey(
        Competence, verbose_name=_("Kompetenz"), on_delete=models.PROTECT, related_name="course_competences"
    )
    level = models.PositiveSmallIntegerField(_("erreichte Stufe"), choices=Level.choices, validators=LEVEL_VALIDATORS)

    class Meta:
        ordering = ["course", "competence__name"]
        verbose_name = _("vermittelte Kompetenz")
        verbose_name_plural = _("vermittelte Kompetenzen")
        constraints = [
            models.UniqueConstraint(fields=["course", "competence"], name="training_course_competence_unique"),
            models.CheckConstraint(
                condition=Q(level__gte=MIN_LEVEL, level__lte=MAX_LEVEL), name="training_course_competence_level"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competence} ({self.level})"


class TrainingSession(models.Model):
    course = models.ForeignKey(Course, verbose_name=_("Schulung"), on_delete=models.PROTECT, related_name="sessions")
    date = models.DateField(_("Datum"))
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Trainer/in"),
        on_delete=models.PROTECT,
        related_name="training_sessions_given",
        limit_choices_to={"role": Role.TRAINER},
    )
    location = models.CharField(_("Ort"), max_length=200, blank=True)
    seats = models.PositiveSmallIntegerField(_("Plätze"), validators=[MinValueValidator(1)])
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Enrolment", related_name="training_sessions", verbose_name=_("Teilnehmende")
    )

    class Meta:
        ordering = ["-date", "id"]
        verbose_name = _("Schulungstermin")
        verbose_name_plural = _("Schulungstermine")
        constraints = [models.CheckConstraint(condition=Q(seats__gte=1), name="training_session_seats_positive")]

    def __str__(self) -> str:
        return f"{self.course} · {self.date:%d.%m.%Y}"


class Enrolment(models.Model):
    # Deleting a session or a person never takes the enrolments with it (PROTECT): the delete answers 409.
    session = models.ForeignKey(
        TrainingSession, verbose_name=_("Termin"), on_delete=models.PROTECT, related_name="enrolments"
    )
    employee = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Mitarbeiter/in"), on_delete=models.PROTECT, related_name="enrolments"
    )
    enrolled_at = models.DateTimeField(_("angemeldet"), auto_now_add=True)

    class Meta:
        ordering = ["session", "employee__last_name", "employee__username"]
        verbose_name = _("Anmeldung")
        verbose_name_plural = _("Anmeldungen")
        constraints = [models.UniqueConstraint(fields=["session", "employee"], name="training_enrolment_unique")]


class TrainingRecord(models.Model):
    # Records outlive everything they point at: users are deactivated, courses and sessions in use stay (PROTECT).
    employee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Mitarbeiter/in"),
        on_delete=models.PROTECT,
        related_name="training_records",
    )
    course = models.ForeignKey(Course, verbose_name=_("Schulung"), on_delete=models.PROTECT, related_name="records")
    session = models.ForeignKey(
        TrainingSession,
        verbose_name=_("Termin"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="records",
    )
    completed_at = models.DateField(_("abgeschlossen am"))
    passed = models.BooleanField(_("bestanden"), default=True)
    score = models.PositiveSmallIntegerField(
        _("Ergebnis (%)"), null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    expires_at = models.DateField(_("gültig bis"), null=True, blank=True, db_index=True)
    certificate = models.FileField(_("Zertifikat"), upload_to=certificate_path, blank=True)
    notes = models.TextField(_("Notizen"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-completed_at", "-id"]
        verbose_name = _("Schulungsnachweis")
        verbose_name_plural = _("Schulungsnachweise")
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "session"],
                condition=Q(session__isnull=False),
                name="training_record_once_per_session",
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__lte=100), name="training_record_score_0_100"
            ),
        ]
        indexes = [models.Index(fields=["employee", "passed", "expires_at"])]

    def __str__(self) -> str:
        return f"{self.employee} · {self.course} · {self.completed_at:%d.%m.%Y}"


class Requirement(models.Model):
    """A required competence level; it applies to staff matching every scope that is set (role, department,
    touchpoint). Staff work at the touchpoints their department owns (Touchpoint.department)."""

    competence = models.ForeignKey(
        Competence, verbose_name=_("Kompetenz"), on_delete=models.PROTECT, related_name="requirements"
    )
    level = models.PositiveSmallIntegerField(_("geforderte Stufe"), choices=Level.choices, validators=LEVEL_VALIDATORS)
    role = models.CharField(_("Rolle"), max_length=20, choices=Role.choices, blank=True)
    department = models.ForeignKey(
        "accounts.Department",
        verbose_name=_("Abteilung"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="training_requirements",
    )
    touchpoint = models.ForeignKey(
        "touchpoints.Touchpoint",
        verbose_name=_("Kontaktpunkt"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="training_requirements",
    )

    class Meta:
        ordering = ["competence__name", "role", "id"]
        verbose_name = _("Anforderung")
        verbose_name_plural = _("Anforderungen")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role="") | Q(department__isnull=False) | Q(touchpoint__isnull=False),
                name="training_requirement_has_scope",
            ),
            models.CheckConstraint(
                condition=Q(level__gte=MIN_LEVEL, level__lte=MAX_LEVEL), name="training_requirement_level"
            ),
        ]

    def __str__(self) -> str:
        scope = " · ".join(str(s) for s in (self.get_role_display(), self.department, self.touchpoint) if s)
        return f"{self.competence} ≥ {self.level} ({scope})"


class ReminderLog(models.Model):
    """What was sent: one expiry reminder per record, one summary per trainer and month (the unique constraints
    make the periodic jobs safe to run twice)."""

    kind = models.CharField(max_length=20, choices=ReminderKind.choices)
    record = models.ForeignKey(TrainingRecord, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    period = models.DateField(null=True, blank=True)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("versandte Erinnerung")
        verbose_name_plural = _("versandte Erinnerungen")
        constraints = [
            models.UniqueConstraint(
                fields=["record", "kind"], condition=Q(record__isnull=False), name="training_reminder_once_per_record"
            ),
            models.UniqueConstraint(
                fields=["recipient", "kind", "period"],
                condition=Q(kind=ReminderKind.MONTHLY_SUMMARY),
                name="training_summary_once_per_month",
            ),
        ]
