from django.db import models
from django.utils.translation import gettext_lazy as _


class RollupSource(models.TextChoices):
    RESPONSES = "responses", _("NPS-Antworten")
    INVITATIONS = "invitations", _("NPS-Einladungen")
    CASES = "cases", _("Beschwerdefälle")
    FEEDBACK = "feedback", _("Feedback")
    INTERACTIONS = "interactions", _("Interaktionen")


class Quadrant(models.TextChoices):
    FIX_FIRST = "fix_first", _("Zuerst verbessern")
    KEEP_UP = "keep_up", _("Niveau halten")
    WATCH = "watch", _("Beobachten")
    OVERKILL = "overkill", _("Möglicher Overkill")
    NO_DATA = "no_data", _("Zu wenige Daten")


class ImportanceSource(models.TextChoices):
    CORRELATION = "correlation", _("Zusammenhang mit der Beziehungs-NPS")
    WEIGHT = "weight", _("Gewichtung der Administration")
