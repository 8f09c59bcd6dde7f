"""NPS surveys, campaigns, transactional trigger rules, invitations (the email outbox) and responses."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from nps.choices import CampaignStatus, Category, EventState, InvitationStatus, SkipReason, SurveyKind

DEFAULT_QUESTION_DE = "Wie wahrscheinlich ist es, dass Sie uns einem Freund oder Kollegen weiterempfehlen?"
DEFAULT_QUESTION_EN = "How likely is it that you would recommend us to a friend or colleague?"
DEFAULT_FOLLOW_UP_DE = "Was ist der wichtigste Grund für Ihre Bewertung?"
DEFAULT_FOLLOW_UP_EN = "What is the most important reason for your score?"


def new_token() -> str:
    return secrets.token_urlsafe(16)


class Survey(models.Model):
    """A questionnaire: the 0–10 recommendation question, a free-text follow-up and optional extra questions.

    Extra questions are rated on the same 0–10 scale as the main question (one radio group each, on the same
    page); their answers land in Response.extra_scores and never enter the NPS.

    Contact quarantine (DESIGN.md: 90 days across all surveys) applies to every survey by default. A service
    follow-up that the customer expects right after a case (e.g. complaints' satisfaction survey) may set
    `counts_for_quarantine=False` (it does not block the next NPS wave) and `ignores_quarantine=True` (a recent
    NPS mail does not block it); consent, suppression list and erasure still apply to it.
    """

    name = models.CharField(_("Name"), max_length=150)
    kind = models.CharField(_("Art"), max_length=20, choices=SurveyKind.choices, default=SurveyKind.RELATIONSHIP)
    question_de = models.CharField(_("Frage (Deutsch)"), max_length=300, default=DEFAULT_QUESTION_DE)
    question_en = models.CharField(_("Frage (Englisch)"), max_length=300, default=DEFAULT_QUESTION_EN)
    follow_up_de = models.CharField(_("Folgefrage (Deutsch)"), max_length=300, default=DEFAULT_FOLLOW_UP_DE)
    follow_up_en = models.CharField(_("Folgefrage (Englisch)"), max_length=300, default=DEFAULT_FOLLOW_UP_EN)
    extra_questions = models.JSONField(
        _("Zusatzfragen"),
        default=list,
        blank=True,
        help_text=_('Liste von {"key", "label_de", "label_en"}; jede wird auf einer Skala von 0 bis 10 beantwortet.'),
    )
    touchpoint = models.ForeignKey(
        "touchpoints.Touchpoint",
        verbose_name=_("Kontaktpunkt"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="surveys",
    )
    reminder_after_days = models.PositiveSmallIntegerField(_("Erinnerung nach Tagen"), default=5)
    max_reminders = models.PositiveSmallIntegerField(_("höchstens Erinnerungen"), default=1)
    link_valid_days = models.PositiveSmallIntegerField(
        _("Link gültig (Tage)"), default=30, validators=[MinValueValidator(1)]
    )
    edit_window_days = models.PositiveSmallIntegerField(_("Änderung möglich (Tage)"), default=7)
    detractor_threshold = models.PositiveSmallIntegerField(
        _("Nachfassen bis Wert"), default=6, validators=[MaxValueValidator(10)]
    )
    counts_for_quarantine = models.BooleanField(_("zählt für die Kontaktsperrfrist"), default=True)
    ignores_quarantine = models.BooleanField(
        _("ignoriert die Kontaktsperrfrist"),
        default=False,
        help_text=_("Nur für transaktionale Service-Nachfassungen, z. B. nach einer Beschwerde."),
    )
    promoter_prompt_de = models.CharField(_("Hinweis für Promotoren (Deutsch)"), max_length=300, blank=True)
    promoter_prompt_en = models.CharField(_("Hinweis für Promotoren (Englisch)"), max_length=300, blank=True)
    promoter_link = models.URLField(_("Link für Promotoren (z. B. Bewertungsportal)"), blank=True)
    active = models.BooleanField(_("aktiv"), default=True)
    created_at = models.DateTimeField(_("angelegt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert"), auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("Befragung")
        verbose_name_plural = _("Befragungen")
        constraints = [
            models.CheckConstraint(condition=Q(detractor_threshold__lte=10), name="nps_survey_threshold_0_10"),
        ]

    def __str__(self) -> str:
        return self.name

    def _localised(self, field: str, language: str | None = None) -> str:
        lang = (language or get_language() or "de")[:2]
        value = getattr(self, f"{field}_en") if lang == "en" else ""
        return str(value or getattr(self, f"{field}_de"))

    def question(self, language: str | None = None) -> str:
        return self._localised("question", language)

    def follow_up(self, language: str | None = None) -> str:
        return self._localised("follow_up", language)

    def promoter_prompt(self, language: str | None = None) -> str:
        return self._localised("promoter_prompt", language)

    @property
    def counts_for_nps(self) -> bool:
        return self.kind in (SurveyKind.RELATIONSHIP, SurveyKind.TRANSACTIONAL)


class Campaign(models.Model):
    """A relationship wave: one survey sent to an audience chosen by segment and/or touchpoint interactions."""

    name = models.CharField(_("Name"), max_length=150)
    survey = models.ForeignKey(Survey, verbose_name=_("Befragung"), on_delete=models.PROTECT, related_name="campaigns")
    segment = models.CharField(_("Segment"), max_length=60, blank=True)
    touchpoint = models.ForeignKey(
        "touchpoints.Touchpoint",
        verbose_name=_("Interaktion am Kontaktpunkt"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nps_campaigns",
    )
    interactions_from = models.DateField(_("Interaktionen ab"), null=True, blank=True)
    interactions_to = models.DateField(_("Interaktionen bis"), null=True, blank=True)
    scheduled_at = models.DateTimeField(_("Versand ab"), null=True, blank=True)
    status = models.CharField(
        _("Status"), max_length=12, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT, db_index=True
    )
    launched_at = models.DateTimeField(_("gestartet"), null=True, blank=True)
    finished_at = models.DateTimeField(_("abgeschlossen"), null=True, blank=True)
    invited = models.PositiveIntegerField(default=0)
    skipped_no_consent = models.PositiveIntegerField(default=0)
    skipped_quarantine = models.PositiveIntegerField(default=0)
    skipped_suppressed = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(_("angelegt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("Befragungswelle")
        verbose_name_plural = _("Befragungswellen")

    def __str__(self) -> str:
        return self.name


class TriggerRule(models.Model):
    """An interaction at `touchpoint` invites to `survey` after `delay_hours`, for a random `sampling_rate` share."""

    touchpoint = models.ForeignKey(
        "touchpoints.Touchpoint", verbose_name=_("Kontaktpunkt"), on_delete=models.CASCADE, related_name="nps_triggers"
    )
    survey = models.ForeignKey(Survey, verbose_name=_("Befragung"), on_delete=models.CASCADE, related_name="triggers")
    delay_hours = models.PositiveIntegerField(_("Verzögerung (Stunden)"), default=24)
    sampling_rate = models.FloatField(
        _("Stichprobenanteil"), default=1.0, validators=[MinValueValidator(0.0), MaxValueValidator(1.0)]
    )
    active = models.BooleanField(_("aktiv"), default=True)
    created_at = models.DateTimeField(_("angelegt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert"), auto_now=True)

    class Meta:
        ordering = ["touchpoint", "id"]
        verbose_name = _("Auslöseregel")
        verbose_name_plural = _("Auslöseregeln")
        constraints = [
            models.CheckConstraint(
                condition=Q(sampling_rate__gte=0.0, sampling_rate__lte=1.0), name="nps_trigger_sampling_0_1"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.touchpoint} → {self.survey}"


class Invitation(models.Model):
    """One survey invitation for one customer: the outbox row that the sender claims, sends and reminds."""

    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="invitations")
    # PROTECT: deleting a wave never deletes its invitations or their answers (a wave with invitations is kept).
    campaign = models.ForeignKey(Campaign, null=True, blank=True, on_delete=models.PROTECT, related_name="invitations")
    interaction = models.ForeignKey(
        "customers.Interaction", null=True, blank=True, on_delete=models.SET_NULL, related_name="nps_invitations"
    )
    customer = models.ForeignKey("customers.Customer", on_delete=models.CASCADE, related_name="nps_invitations")
    touchpoint = models.ForeignKey(
        "touchpoints.Touchpoint", null=True, blank=True, on_delete=models.SET_NULL, related_name="nps_invitations"
    )
    token = models.CharField(max_length=32, unique=True, default=new_token, editable=False)
    status = models.CharField(
        _("Status"), max_length=10, choices=InvitationStatus.choices, default=InvitationStatus.QUEUED
    )
    skip_reason = models.CharField(_("Grund"), max_length=12, choices=SkipReason.choices, blank=True)
    context = models.JSONField(default=dict, blank=True)
    scheduled_for = models.DateTimeField(_("fällig ab"), db_index=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claim_id = models.CharField(max_length=32, blank=True, db_index=True)
    sent_at = models.DateTimeField(_("gesendet"), null=True, blank=True, db_index=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("Einladung")
        verbose_name_plural = _("Einladungen")
        constraints = [
            models.UniqueConstraint(
                fields=["interaction"],
                condition=Q(interaction__isnull=False),
                name="nps_one_invitation_per_interaction",
            ),
            models.UniqueConstraint(
                fields=["campaign", "customer"], condition=Q(campaign__isnull=False), name="nps_one_invitation_per_wave"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "scheduled_for"], name="nps_inv_due_idx"),
            models.Index(fields=["customer", "sent_at"], name="nps_inv_quarantine_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.survey} → {self.customer_id} ({self.status})"


class InvitationSend(models.Model):
    """Send log: one row per email actually handed to the mail server (0 = invitation, 1… = reminders)."""

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="sends")
    sequence = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField()
    message_id = models.CharField(max_length=255)

    class Meta:
        ordering = ["invitation", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["invitation", "sequence"], name="nps_send_once_per_sequence"),
        ]


class Response(models.Model):
    # Every index here is written by each answer (the platform's hottest write): the survey is covered by
    # nps_resp_survey_time_idx, the segment is only ever a filter beside survey or period, and the follow-up
    # index holds the detractors alone.
    invitation = models.OneToOneField(Invitation, on_delete=models.PROTECT, related_name="response")
    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="responses", db_index=False)
    customer = models.ForeignKey(
        "customers.Customer", null=True, blank=True, on_delete=models.SET_NULL, related_name="nps_responses"
    )
    touchpoint = models.ForeignKey(
        "touchpoints.Touchpoint", null=True, blank=True, on_delete=models.SET_NULL, related_name="nps_responses"
    )
    department = models.ForeignKey(
        "accounts.Department", null=True, blank=True, on_delete=models.SET_NULL, related_name="nps_responses"
    )
    segment = models.CharField(_("Segment"), max_length=60, blank=True)
    score = models.PositiveSmallIntegerField(_("Wert"), validators=[MaxValueValidator(10)])
    category = models.CharField(_("Kategorie"), max_length=10, choices=Category.choices)
    comment = models.TextField(_("Kommentar"), blank=True)
    extra_scores = models.JSONField(default=dict, blank=True)
    needs_follow_up = models.BooleanField(_("Nachfassen nötig"), default=False)
    submitted_at = models.DateTimeField(_("beantwortet"), db_index=True)
    updated_at = models.DateTimeField(_("geändert"))
    edits = models.PositiveSmallIntegerField(default=0)
    # Set by the answer's write, cleared when nps.answer_events.responses_dispatch_events has emitted the event.
    event_state = models.PositiveSmallIntegerField(choices=EventState.choices, default=EventState.NONE)
    department_notified_at = models.DateTimeField(_("Abteilung benachrichtigt"), null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("Antwort")
        verbose_name_plural = _("Antworten")
        constraints = [
            models.CheckConstraint(condition=Q(score__gte=0, score__lte=10), name="nps_response_score_0_10"),
        ]
        indexes = [
            models.Index(fields=["survey", "submitted_at"], name="nps_resp_survey_time_idx"),
            models.Index(fields=["id"], name="nps_resp_event_pending", condition=Q(event_state__gt=0)),
            models.Index(
                fields=["survey", "submitted_at"], name="nps_resp_follow_up_idx", condition=Q(needs_follow_up=True)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.survey}: {self.score}"
