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
