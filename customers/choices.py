from django.db import models
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    DE = "de", _("Deutsch")
    EN = "en", _("Englisch")


class ConsentPurpose(models.TextChoices):
    SURVEY_EMAIL = "survey_email", _("Befragungen per E-Mail")


class ConsentStatus(models.TextChoices):
    PENDING = "pending", _("ausstehend")
    GRANTED = "granted", _("erteilt")
    WITHDRAWN = "withdrawn", _("widerrufen")


class SuppressionReason(models.TextChoices):
    ERASURE = "erasure", _("Löschung (DSGVO)")
    CUSTOMER_REQUEST = "customer_request", _("Wunsch der Kundin / des Kunden")
    BOUNCE = "bounce", _("unzustellbar")
    ADMIN = "admin", _("Administration")


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("wartet")
    RUNNING = "running", _("läuft")
    DONE = "done", _("abgeschlossen")
    FAILED = "failed", _("fehlgeschlagen")
