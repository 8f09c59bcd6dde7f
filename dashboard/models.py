"""Rollup tables behind the CCEO dashboard, their watermarks, touchpoint importance and the weekly digest."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dashboard.choices import ImportanceSource, RollupSource

COUNTERS = (
    "invitations_sent",
    "responses",
    "promoters",
    "passives",
    "detractors",
    "complaints_opened",
    "complaints_open",
    "complaints_open_breached",
    "complaints_resolved",
    "complaints_breached",
    "complaints_sla_due",
    "complaints_sla_met",
    "resolution_seconds_sum",
    "resolution_count",
    "satisfaction_sum",
    "satisfaction_count",
    "feedback_positive",
    "feedback_neutral",
    "feedback_negative",
    "interactions",
)


class DailyRollup(models.Model):
    """Counters of one local (Europe/Berlin) day for one touchpoint, department and customer segment.

    Complaint counters belong to the day the case was received (intake cohort): a case never moves to
    another day, so recomputing the days of changed rows keeps the table exact.
    """

    day = models.DateField(_("Tag"))
    touchpoint = models.ForeignKey(
        "touchpoints.Touchpoint", null=True, blank=True, on_delete=models.DO_NOTHING, db_constraint=False,
        related_name="+",
    )
    department = models.ForeignKey(
        "accounts.Department", null=True, blank=True, on_delete=models.DO_NOTHING, db_constraint=False,
        related_name="+",
    )
    segment = models.CharField(_("Segment"), max_length=60, blank=True)
    invitations_sent = models.PositiveIntegerField(default=0)
    responses = models.PositiveIntegerField(default=0)
    promoters = models.PositiveIntegerField(default=0)
    passives = models.PositiveIntegerField(default=0)
    detractors = models.PositiveIntegerField(default=0)
    complaints_opened = models.PositiveIntegerField(default=0)
    complaints_open = models.PositiveIntegerField(default=0)  # of the day's intake, still open at the last run
    complaints_open_breached = models.PositiveIntegerField(default=0)
    complaints_resolved = models.PositiveIntegerField(default=0)
    complaints_breached = models.PositiveIntegerField(default=0)
    complaints_sla_due = models.PositiveIntegerField(default=0)
    complaints_sla_met = models.PositiveIntegerField(default=0)
    resolution_seconds_sum = models.BigIntegerField(default=0)
    resolution_count = models.PositiveIntegerField(default=0)
    satisfaction_sum = models.PositiveIntegerField(default=0)
    satisfaction_count = models.PositiveIntegerField(default=0)
    feedback_positive = models.PositiveIntegerField(default=0)
    feedback_neutral = models.PositiveIntegerField(default=0)
    feedback_negative = models.PositiveIntegerField(default=0)
    interactions = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("Tageswerte")
        verbose_name_plural = _("Tageswerte")
        # One row per key is kept by delete + insert of whole days under the rollup lock.
        indexes = [
            models.Index(fields=["day"], name="dashboard_rollup_day"),
            models.Index(fields=["department", "day"], name="dashboard_rollup_dept_day"),
            models.Index(fields=["touchpoint", "day"], name="dashboard_rollup_tp_day"),
        ]

    def __str__(self) -> str:
        return f"{self.day} · {self.touchpoint_id} · {self.department_id} · {self.segment}"


class DailyRootCause(models.Model):
    """Complaints received per local day and root cause (same key as DailyRollup), for the Pareto chart."""

    day = models.DateField(_("Tag"))
    touchpoint = models.ForeignKey(
        "touchpoints.Touchpoint", null=True, blank=True, on_delete=models.DO_NOTHING, db_constraint=False,
        related_name="+",
    )
    department = models.ForeignKey(
        "accounts.Department", null=True, blank=True, on_delete=models.DO_NOTHING, db_constraint=False,
        related_name="+",
    )
    segment = models.CharField(_("Segment"), max_length=60, blank=True)
    root_cause = models.ForeignKey(
        "complaints.RootCause", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    cases = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("Tageswerte je Ursache")
        verbose_name_plural = _("Tageswerte je Ursache")
        indexes = [models.Index(fields=["day"], name="dashboard_rootcause_day")]

    def __str__(self) -> str:
        return f"{self.day} · {self.root_cause_id}: {self.cases}"


class RollupWatermark(models.Model):
    """Up to when a source has been folded into the rollup (rows changed later are picked up next run)."""

    source = models.CharField(_("Quelle"), max_length=20, choices=RollupSource.choices, unique=True)
    processed_until = models.DateTimeField(_("verarbeitet bis"))
    last_run_at = models.DateTimeField(_("letzter Lauf"))
    last_days = models.PositiveIntegerField(_("neu berechnete Tage"), default=0)

    class Meta:
        ordering = ["source"]
        verbose_name = _("Verarbeitungsstand")
        verbose_name_plural = _("Verarbeitungsstände")

    def __str__(self) -> str:
        return f"{self.source} ≤ {self.processed_until:%Y-%m-%d %H:%M}"


class TouchpointImportance(models.Model):
    """How strongly having a touchpoint goes with the relationship NPS (recomputed by a periodic job)."""

    touchpoint = models.OneToOneField(
        "touchpoints.Touchpoint", on_delete=models.CASCADE, related_name="dashboard_importance"
    )
    importance = models.FloatField(_("Bedeutung (0–1)"))
    source = models.CharField(_("Grundlage"), max_length=12, choices=ImportanceSource.choices)
    correlation = models.FloatField(_("Korrelation"), null=True, blank=True)
    customers_with = models.PositiveIntegerField(_("Kundschaft mit Kontakt"), default=0)
    customers_without = models.PositiveIntegerField(_("Kundschaft ohne Kontakt"), default=0)
    computed_at = models.DateTimeField(_("berechnet"))

    class Meta:
        verbose_name = _("Bedeutung eines Kontaktpunkts")
        verbose_name_plural = _("Bedeutung der Kontaktpunkte")

    def __str__(self) -> str:
        return f"{self.touchpoint_id}: {self.importance:.2f}"


class DigestSubscription(models.Model):
    """A manager (or anyone with dashboard access) who receives the weekly digest; the CCEO always does."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("Benutzer/in"), on_delete=models.CASCADE,
        related_name="dashboard_digest",
    )
    active = models.BooleanField(_("aktiv"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Abonnement des Wochenberichts")
        verbose_name_plural = _("Abonnements des Wochenberichts")

    def __str__(self) -> str:
        return str(self.user)


class DigestLog(models.Model):
    """One row per user and ISO week: the record that makes the weekly digest idempotent."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    iso_year = models.PositiveSmallIntegerField()
    iso_week = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=10)  # "sent" | "paused"
    language = models.CharField(max_length=2, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("Versand des Wochenberichts")
        verbose_name_plural = _("Versand der Wochenberichte")
        constraints = [
            models.UniqueConstraint(fields=["user", "iso_year", "iso_week"], name="dashboard_digest_once_per_week"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.iso_year}-W{self.iso_week:02d} {self.status}"
