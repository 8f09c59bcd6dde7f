from django.db import models
from django.utils.translation import gettext_lazy as _


class SurveyKind(models.TextChoices):
    RELATIONSHIP = "relationship", _("Beziehungsbefragung")
    TRANSACTIONAL = "transactional", _("Transaktionsbefragung")
    CASE_SATISFACTION = "case_satisfaction", _("Zufriedenheit mit der Beschwerdebearbeitung")


# Only these kinds feed the NPS statistics; the case-satisfaction survey measures complaint handling.
NPS_KINDS = (SurveyKind.RELATIONSHIP, SurveyKind.TRANSACTIONAL)


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    SCHEDULED = "scheduled", _("geplant")
    SENDING = "sending", _("wird versendet")
    DONE = "done", _("abgeschlossen")


class InvitationStatus(models.TextChoices):
    QUEUED = "queued", _("in der Warteschlange")
    SENDING = "sending", _("wird gesendet")
    SENT = "sent", _("gesendet")
    FAILED = "failed", _("fehlgeschlagen")
    ANSWERED = "answered", _("beantwortet")
    EXPIRED = "expired", _("abgelaufen")
    SKIPPED = "skipped", _("übersprungen")


class SkipReason(models.TextChoices):
    NO_CONSENT = "no_consent", _("keine Einwilligung")
    QUARANTINE = "quarantine", _("Kontaktsperrfrist")
    SUPPRESSED = "suppressed", _("auf der Werbesperrliste")
    ERASED = "erased", _("gelöscht (DSGVO)")
    NO_EMAIL = "no_email", _("keine E-Mail-Adresse")
    INACTIVE = "inactive", _("Befragung inaktiv")


class EventState(models.IntegerChoices):
    """Whether a response still has an event to emit (nps.answer_events.responses_dispatch_events)."""

    NONE = 0, _("keines")
    CREATED = 1, _("response.created ausstehend")
    UPDATED = 2, _("response.updated ausstehend")


class Category(models.TextChoices):
    PROMOTER = "promoter", _("Promotor")
    PASSIVE = "passive", _("Passiver")
    DETRACTOR = "detractor", _("Kritiker")
