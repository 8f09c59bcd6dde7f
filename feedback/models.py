from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from customers.choices import Language
from feedback.choices import (
    ActionStatus,
    AnalysisSource,
    FeedbackChannel,
    FeedbackKind,
    FeedbackStatus,
    NoticeStatus,
    Sentiment,
)

TEXT_MAX_LENGTH = 5000


class Topic(models.Model):
    """A theme customers talk about; its keywords (German and English) drive the automatic tagging."""

    name = models.CharField(_("Name"), max_length=80, unique=True)
    keywords = models.TextField(
        _("Schlüsselwörter"),
        blank=True,
        help_text=_("Ein Wort oder eine Wendung pro Zeile, deutsch und englisch; Wortstämme genügen (z. B. „liefer“)."),
    )
    active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("Thema")
        verbose_name_plural = _("Themen")

    def __str__(self) -> str:
        return self.name

    @property
    def keyword_list(self) -> list[str]:
        return [line.strip() for line in self.keywords.replace(",", "\n").splitlines() if line.strip()]


class Feedback(models.Model):
    kind = models.CharField(_("Art"), max_length=12, choices=FeedbackKind.choices)
    text = models.TextField(_("Text"), max_length=TEXT_MAX_LENGTH)
    rating = models.PositiveSmallIntegerField(
        _("Bewertung (1–5)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    touchpoint = models.ForeignKey(
        "touchpoints.Touchpoint", verbose_name=_("Kontaktpunkt"), on_delete=models.PROTECT, related_name="feedback"
    )
    department = models.ForeignKey(
        "accounts.Department", verbose_name=_("Abteilung"), on_delete=models.PROTECT, related_name="feedback"
    )
    channel = models.CharField(_("Kanal"), max_length=12, choices=FeedbackChannel.choices)
    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("Kunde/Kundin"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback",
    )
    language = models.CharField(_("Sprache"), max_length=2, choices=Language.choices, default=Language.DE)
    sentiment = models.CharField(_("Stimmung"), max_length=10, choices=Sentiment.choices, default=Sentiment.NEUTRAL)
    sentiment_score = models.FloatField(_("Stimmungswert"), default=0.0)
    sentiment_source = models.CharField(
        _("Quelle der Stimmung"), max_length=5, choices=AnalysisSource.choices, default=AnalysisSource.AUTO
    )
    topics = models.ManyToManyField(Topic, verbose_name=_("Themen"), blank=True, related_name="feedback")
    topics_source = models.CharField(
        _("Quelle der Themen"), max_length=5, choices=AnalysisSource.choices, default=AnalysisSource.AUTO
    )
    status = models.CharField(
        _("Status"), max_length=10, choices=FeedbackStatus.choices, default=FeedbackStatus.NEW, db_index=True
    )
    contact_name = models.CharField(_("Name (Kontakt)"), max_length=150, blank=True)
    contact_email = models.EmailField(_("E-Mail (Kontakt)"), blank=True)
    contact_consent = models.BooleanField(_("Einwilligung in Rückmeldung"), default=False)
    consent_text_version = models.CharField(_("Version des Einwilligungstexts"), max_length=40, blank=True)
    consent_given_at = models.DateTimeField(_("Einwilligung erteilt"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("erfasst von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("eingegangen"), db_index=True)
    updated_at = models.DateTimeField(_("geändert"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("Feedback")
        verbose_name_plural = _("Feedback")
        indexes = [
            models.Index(fields=["department", "created_at"]),
            models.Index(fields=["touchpoint", "created_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="feedback_rating_1_5",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_kind_display()}: {self.text[:40]}"


class FeedbackCorrection(models.Model):
    """A staff correction of the automatic analysis, kept to measure and improve the analysis."""

    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="corrections")
    field = models.CharField(_("Feld"), max_length=20)
    old_value = models.JSONField(_("vorher"))
    new_value = models.JSONField(_("nachher"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("Korrektur der Analyse")
        verbose_name_plural = _("Korrekturen der Analyse")


class ImprovementAction(models.Model):
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    touchpoints = models.ManyToManyField(
        "touchpoints.Touchpoint", verbose_name=_("Kontaktpunkte"), blank=True, related_name="improvement_actions"
    )
    department = models.ForeignKey(
        "accounts.Department",
        verbose_name=_("verantwortliche Abteilung"),
        on_delete=models.PROTECT,
        related_name="improvement_actions",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verantwortlich"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="improvement_actions",
    )
    status = models.CharField(
        _("Status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.IDEA, db_index=True
    )
    due_date = models.DateField(_("fällig am"), null=True, blank=True)
    expected_effect = models.TextField(_("erwartete Wirkung"), blank=True)
    feedback = models.ManyToManyField(
        Feedback, verbose_name=_("verknüpftes Feedback"), blank=True, related_name="improvement_actions"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("angelegt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert"), auto_now=True)
    done_at = models.DateTimeField(_("erledigt am"), null=True, blank=True)

    class Meta:
        ordering = ["due_date", "-created_at", "-id"]
        verbose_name = _("Verbesserungsmaßnahme")
        verbose_name_plural = _("Verbesserungsmaßnahmen")

    def __str__(self) -> str:
        return self.title


class ActionLink(models.Model):
    """A complaint case or NPS response linked to an action (generic, so feedback has no migration on those apps)."""

    action = models.ForeignKey(ImprovementAction, on_delete=models.CASCADE, related_name="links")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("verknüpfter Datensatz")
        verbose_name_plural = _("verknüpfte Datensätze")
        constraints = [
            models.UniqueConstraint(fields=["action", "content_type", "object_id"], name="action_link_unique"),
        ]


class ActionNotice(models.Model):
    """One "you said, we did" email per action and feedback item: the record that makes sending idempotent."""

    action = models.ForeignKey(ImprovementAction, on_delete=models.CASCADE, related_name="notices")
    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="notices")
    status = models.CharField(max_length=10, choices=NoticeStatus.choices, default=NoticeStatus.PENDING)
    reason = models.CharField(max_length=40, blank=True)
    language = models.CharField(max_length=2, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("Rückmeldung „Sie sagten, wir handelten“")
        verbose_name_plural = _("Rückmeldungen „Sie sagten, wir handelten“")
        constraints = [
            models.UniqueConstraint(fields=["action", "feedback"], name="action_notice_once"),
        ]
