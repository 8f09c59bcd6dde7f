from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    STORE = "store", _("Filiale")
    PHONE = "phone", _("Telefon")
    EMAIL = "email", _("E-Mail")
    WEB = "web", _("Website / Webshop")
    APP = "app", _("App")
    FIELD_SERVICE = "field_service", _("Außendienst")
    LETTER = "letter", _("Brief")
    SOCIAL = "social", _("Soziale Medien")
    REVIEW_PORTAL = "review_portal", _("Bewertungsportal")
    CHAT = "chat", _("Chat")
    DELIVERY = "delivery", _("Lieferung")
    OTHER = "other", _("Sonstiges")


class TouchpointKind(models.TextChoices):
    DIRECT = "direct", _("direkt")
    INDIRECT = "indirect", _("indirekt")
