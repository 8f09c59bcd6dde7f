from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from complaints import calendar as bizcal
from complaints.choices import (
    OPEN_STATUSES,
    RUNNING_STATUSES,
    Acceptance,
    CaseChannel,
    CaseEventKind,
    CaseStatus,
    Outcome,
    Severity,
    SlaClock,
    SlaLevel,
    SlaState,
)


def default_hours() -> dict[str, list[list[str]]]:
    return {str(day): [["08:00", "18:00"]] for day in range(5)}


class Category(models.Model):
    """Admin-configured complaint category tree (e.g. Lieferung › verspätet)."""

    name = models.CharField(_("Name"), max_length=120)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("Oberkategorie"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    order = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        ordering = ["parent__name", "order", "name"]
        verbose_name = _("Beschwerdekategorie")
        verbose_name_plural = _("Beschwerdekategorien")
        constraints = [models.UniqueConstraint(fields=["parent", "name"], name="complaints_category_unique_name")]

    def __str__(self) -> str:
        return f"{self.parent.name} › {self.name}" if self.parent_id and self.parent else self.name


class RootCause(models.Model):
    name = models.CharField(_("Name"), max_length=120, unique=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("Ursache")
        verbose_name_plural = _("Ursachen")

    def __str__(self) -> str:
        return self.name


class BusinessCalendar(models.Model):
    name = models.CharField(_("Name"), max_length=120, unique=True)
    state = models.CharField(
        _("Bundesland"),
        max_length=10,
        choices=[(code, code) for code in bizcal.state_codes()],
        blank=True,
        help_text=_("Gesetzliche Feiertage dieses Bundeslands (leer: nur bundesweite Feiertage)."),
    )
    hours = models.JSONField(
        _("Arbeitszeiten"),
        default=default_hours,
        help_text=_('Je Wochentag (0 = Montag) Zeitfenster, z. B. {"0": [["08:00", "18:00"]]}.'),
    )
    time_zone = models.CharField(_("Zeitzone"), max_length=64, default="Europe/Berlin")
    is_default = models.BooleanField(_("Standard"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("Geschäftskalender")
        verbose_name_plural = _("Geschäftskalender")
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=models.Q(is_default=True), name="complaints_one_default_calendar"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def to_work_calendar(self) -> bizcal.WorkCalendar:
        return bizcal.WorkCalendar(hours=bizcal.parse_hours(self.hours), state=self.state, tz_name=self.time_zone)


class SlaPolicy(models.Model):
    severity = models.CharField(_("Schweregrad"), max_length=10, choices=Severity.choices)
    category = models.ForeignKey(
        Category,
        verbose_name=_("Kategorie"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sla_policies",
        help_text=_("Leer: gilt für alle Kategorien ohne eigene Regel."),
    )
    calendar = models.ForeignKey(
        BusinessCalendar, verbose_name=_("Geschäftskalender"), null=True, blank=True, on_delete=models.PROTECT
    )
    first_response_hours = models.DecimalField(
        _("Erstreaktion (Geschäftsstunden)"), max_digits=6, decimal_places=2, validators=[MinValueValidator(0)]
    )
    resolution_hours = models.DecimalField(
        _("Lösung (Geschäftsstunden)"), max_digits=6, decimal_places=2, validators=[MinValueValidator(0)]
    )
    update_interval_hours = models.DecimalField(
        _("Zwischenbescheid alle (Geschäftsstunden)"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        help_text=_("Auch der Abstand bis zur nächsten Eskalationsstufe."),
    )

    class Meta:
        ordering = ["severity", "category__name"]
        verbose_name = _("SLA-Regel")
        verbose_name_plural = _("SLA-Regeln")
        constraints = [
            models.UniqueConstraint(fields=["severity", "category"], name="complaints_sla_unique_category"),
            models.UniqueConstraint(
                fields=["severity"], condition=models.Q(category__isnull=True), name="complaints_sla_unique_default"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_severity_display()} · {self.category or _('alle Kategorien')}"

    @staticmethod
    def hours(value: Decimal) -> dt.timedelta:
        return dt.timedelta(seconds=int(value * 3600))


class ReferenceCounter(models.Model):
    """One row per year; the case reference is drawn from it under a row lock."""

    year = models.PositiveIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)


OPEN_Q = models.Q(status__in=sorted(OPEN_STATUSES))
RUNNING_Q = models.Q(status__in=sorted(RUNNING_STATUSES))


class Case(models.Model):
    reference = models.CharField(_("Aktenzeichen"), max_length=20, unique=True, editable=False)
    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("Kunde/Kundin"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="complaint_cases",
    )
    channel = models.CharField(_("Kanal"), max_length=20, choices=CaseChannel.choices)
    touchpoint = models.ForeignKey(
        "touchpoints.Touchpoint",
        verbose_name=_("Kontaktpunkt"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaint_cases",
    )
    category = models.ForeignKey(
        Category, verbose_name=_("Kategorie"), null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    severity = models.CharField(_("Schweregrad"), max_length=10, choices=Severity.choices, default=Severity.MEDIUM)
    description = models.TextField(_("Beschreibung"))
    remedy_sought = models.TextField(_("gewünschte Lösung"), blank=True)
    department = models.ForeignKey(
        "accounts.Department", verbose_name=_("Abteilung"), on_delete=models.PROTECT, related_name="complaint_cases"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("zuständig"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_cases",
    )
    status = models.CharField(_("Status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.NEW)
    sla_state = models.CharField(_("SLA-Status"), max_length=10, choices=SlaState.choices, default=SlaState.ON_TRACK)
    # The policy the due dates were computed from: deleting it would rewrite the SLA attainment of the past.
    policy = models.ForeignKey(SlaPolicy, null=True, blank=True, on_delete=models.PROTECT, related_name="cases")
    # Due dates and the 75 % warning points, all computed in business time when the case opens or resumes.
    first_response_due = models.DateTimeField(_("Erstreaktion fällig"), null=True, blank=True)
    first_response_warn_at = models.DateTimeField(null=True, blank=True)
    resolution_due = models.DateTimeField(_("Lösung fällig"), null=True, blank=True)
    resolution_warn_at = models.DateTimeField(null=True, blank=True)
    resolution_escalate_at = models.DateTimeField(null=True, blank=True)
    next_update_due = models.DateTimeField(_("nächster Zwischenbescheid fällig"), null=True, blank=True)
    paused_since = models.DateTimeField(_("pausiert seit"), null=True, blank=True)
    # Start of the current resolution clock: the receipt, or the last reopening.
    clock_started_at = models.DateTimeField(null=True, blank=True)
    first_responded_at = models.DateTimeField(_("erste Reaktion"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("gelöst am"), null=True, blank=True)
    closed_at = models.DateTimeField(_("abgeschlossen am"), null=True, blank=True)
    first_response_business_seconds = models.PositiveIntegerField(null=True, blank=True)
    resolution_business_seconds = models.PositiveIntegerField(null=True, blank=True)
    first_response_met = models.BooleanField(null=True, blank=True)
    resolution_met = models.BooleanField(null=True, blank=True)
    breached_at = models.DateTimeField(_("Frist überschritten am"), null=True, blank=True)
    reopen_count = models.PositiveSmallIntegerField(_("Wiedereröffnungen"), default=0)
    resolved_at_first_contact = models.BooleanField(_("beim Erstkontakt gelöst"), default=False)
    # Resolution (Lösung)
    outcome = models.CharField(_("Ergebnis"), max_length=20, choices=Outcome.choices, blank=True)
    apology_given = models.BooleanField(_("Entschuldigung ausgesprochen"), null=True, blank=True)
    remedy_granted = models.TextField(_("gewährte Wiedergutmachung / Kulanz"), blank=True)
    remedy_cost = models.DecimalField(
        _("Kosten der Wiedergutmachung (EUR)"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    root_cause = models.ForeignKey(
        RootCause, verbose_name=_("Ursache"), null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    corrective_action = models.TextField(_("Korrekturmaßnahme"), blank=True)
    rejection_reason = models.TextField(_("Ablehnungsgrund"), blank=True)
    customer_acceptance = models.CharField(
        _("Annahme durch Kunde/Kundin"), max_length=10, choices=Acceptance.choices, default=Acceptance.PENDING
    )
    customer_acceptance_at = models.DateTimeField(null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("zusammengeführt in"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_cases",
    )
    # NPS follow-up: the id of the nps Response that opened this case (plain integer: no cross-app FK).
    source_response_id = models.PositiveBigIntegerField(_("auslösende Antwort"), null=True, blank=True, unique=True)
    survey_consent = models.BooleanField(_("Einverständnis zur Zufriedenheitsbefragung"), default=False)
    satisfaction_invitation_id = models.PositiveBigIntegerField(null=True, blank=True)
    satisfaction_response_id = models.PositiveBigIntegerField(null=True, blank=True)
    satisfaction_overall = models.PositiveSmallIntegerField(
        _("Zufriedenheit gesamt"), null=True, blank=True, validators=[MaxValueValidator(10)]
    )
    satisfaction_outcome = models.PositiveSmallIntegerField(null=True, blank=True, validators=[MaxValueValidator(10)])
    satisfaction_treatment = models.PositiveSmallIntegerField(null=True, blank=True, validators=[MaxValueValidator(10)])
    satisfaction_speed = models.PositiveSmallIntegerField(null=True, blank=True, validators=[MaxValueValidator(10)])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("eingegangen"))
    updated_at = models.DateTimeField(_("geändert"), auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("Beschwerdefall")
        verbose_name_plural = _("Beschwerdefälle")
        indexes = [
            # The staff list: one department's cases, newest first or by due date; partial indexes for the open ones
            # so that ORDER BY … LIMIT walks the index instead of sorting the department's whole history.
            models.Index(fields=["department", "-created_at", "-id"], name="cx_case_dept_created"),
            models.Index(fields=["department", "status", "-created_at", "-id"], name="cx_case_dept_status"),
            models.Index(
                fields=["department", "-created_at", "-id"], name="cx_case_open_dept_created", condition=OPEN_Q
            ),
            models.Index(fields=["department", "resolution_due"], name="cx_case_open_dept_due", condition=OPEN_Q),
            # Overdue cases and the SLA scan: running clocks only.
            models.Index(fields=["resolution_due"], name="cx_case_running_due", condition=RUNNING_Q),
            models.Index(fields=["-created_at", "-id"], name="cx_case_created"),
            models.Index(fields=["assignee", "status"], name="cx_case_assignee_status"),
            models.Index(fields=["touchpoint", "created_at"], name="cx_case_touchpoint_created"),
            # The stats (complaints/stats.py): a period of non-merged cases read by an index-only range scan over
            # narrow entries that hold every column the KPIs aggregate, instead of the wide case rows.
            models.Index(
                fields=["created_at"],
                name="cx_case_stats",
                condition=~models.Q(status="merged"),
                include=[
                    "first_response_business_seconds",
                    "resolution_business_seconds",
                    "reopen_count",
                    "satisfaction_overall",
                    "satisfaction_outcome",
                    "satisfaction_treatment",
                    "satisfaction_speed",
                    "first_response_met",
                    "resolution_met",
                    "resolved_at_first_contact",
                    "resolved_at",
                    "breached_at",
                    "department",
                    "touchpoint",
                    "category",
                    "root_cause",
                    "policy",
                    "customer",
                    "remedy_cost",
                    "status",
                    "severity",
                ],
            ),
            # The stats' medians and p90s: the value at a rank is a walk of this index from the nearer end
            # (ORDER BY … OFFSET k LIMIT 2), filtered on the included columns, instead of sorting the column.
            *(
                models.Index(
                    fields=[column],
                    name=name,
                    condition=~models.Q(status="merged") & models.Q(**{f"{column}__isnull": False}),
                    include=["created_at", "department", "touchpoint", "category"],
                )
                for column, name in (
                    ("first_response_business_seconds", "cx_case_first_response_rank"),
                    ("resolution_business_seconds", "cx_case_resolution_rank"),
                )
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(remedy_cost__gte=0), name="complaints_case_cost_positive"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class CasePause(models.Model):
    """A stretch of time in which the SLA clocks stood still (waiting on the customer)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="pauses")
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["started_at"]


class CaseEvent(models.Model):
    """The case history: every change with who and when; public replies also show on the status page."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=CaseEventKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    text = models.TextField(blank=True)
    public = models.BooleanField(default=False)
    data: models.JSONField[Any] = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("Verlaufseintrag")
        verbose_name_plural = _("Verlauf")


def attachment_path(instance: CaseAttachment, filename: str) -> str:
    return f"complaints/{instance.case_id}/{instance.stored_name}"


class CaseAttachment(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=255)
    stored_name = models.CharField(max_length=80)
    original_name = models.CharField(_("Dateiname"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("Größe (Bytes)"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("Anhang")
        verbose_name_plural = _("Anhänge")

    def __str__(self) -> str:
        return self.original_name


class SlaNotification(models.Model):
    """What the SLA scan has sent: one row per case, clock and level makes a second scan a no-op."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="sla_notifications")
    kind = models.CharField(max_length=20, choices=SlaClock.choices)
    level = models.PositiveSmallIntegerField(choices=SlaLevel.choices)
    recipients = models.JSONField(default=list, blank=True)
    sent_at = models.DateTimeField()

    class Meta:
        ordering = ["sent_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "kind", "level"], name="complaints_sla_notification_once"),
        ]


class UserChannelPreference(models.Model):
    """The channel an agent used last, the default for the next case they log."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=20, choices=CaseChannel.choices)
