from django.db import models
from django.utils.translation import gettext_lazy as _


class FeedbackKind(models.TextChoices):
    PRAISE = "praise", _("Lob")
    CRITICISM = "criticism", _("Kritik")
    SUGGESTION = "suggestion", _("Vorschlag")
    QUESTION = "question", _("Frage")


class FeedbackChannel(models.TextChoices):
    WEB_FORM = "web_form", _("Webformular")
    QR_CODE = "qr_code", _("QR-Code")
    EMAIL = "email", _("E-Mail")
    API = "api", _("API")
    STAFF = "staff", _("von Mitarbeitenden erfasst")


class FeedbackStatus(models.TextChoices):
    NEW = "new", _("neu")
    REVIEWED = "reviewed", _("gesichtet")
    ACTIONED = "actioned", _("in Maßnahme")
    CLOSED = "closed", _("abgeschlossen")


class Sentiment(models.TextChoices):
    POSITIVE = "positive", _("positiv")
    NEUTRAL = "neutral", _("neutral")
    NEGATIVE = "negative", _("negativ")


class AnalysisSource(models.TextChoices):
    AUTO = "auto", _("automatisch")
    STAFF = "staff", _("von Mitarbeitenden korrigiert")


class ActionStatus(models.TextChoices):
    IDEA = "idea", _("Idee")
    PLANNED = "planned", _("geplant")
    IN_PROGRESS = "in_progress", _("in Umsetzung")
    DONE = "done", _("erledigt")


# The allowed moves of an improvement action; "done" may be reopened to "in_progress".
ACTION_TRANSITIONS: dict[str, frozenset[str]] = {
    ActionStatus.IDEA: frozenset({ActionStatus.PLANNED, ActionStatus.IN_PROGRESS}),
    ActionStatus.PLANNED: frozenset({ActionStatus.IDEA, ActionStatus.IN_PROGRESS}),
    ActionStatus.IN_PROGRESS: frozenset({ActionStatus.PLANNED, ActionStatus.DONE}),
    ActionStatus.DONE: frozenset({ActionStatus.IN_PROGRESS}),
}


class NoticeStatus(models.TextChoices):
    PENDING = "pending", _("ausstehend")
    SENT = "sent", _("gesendet")
    SKIPPED = "skipped", _("übersprungen")
