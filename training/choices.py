from django.db import models
from django.utils.translation import gettext_lazy as _

# Proficiency levels of a competence: 1 (Grundlagen) … 4 (Expertise).
# The staff whose competences the gap report covers are accounts.roles.FRONTLINE.
MIN_LEVEL = 1
MAX_LEVEL = 4


class Level(models.IntegerChoices):
    BASIC = 1, _("1 – Grundlagen")
    ADVANCED = 2, _("2 – Fortgeschritten")
    PROFICIENT = 3, _("3 – Sicher")
    EXPERT = 4, _("4 – Expertise")


class CompetenceCategory(models.TextChoices):
    INTERPERSONAL = "interpersonal", _("Zwischenmenschlich")
    PROCESS = "process", _("Prozess")
    PRODUCT = "product", _("Produkt")


class CourseFormat(models.TextChoices):
    CLASSROOM = "classroom", _("Präsenzschulung")
    ONLINE = "online", _("Online")
    COACHING = "coaching", _("Coaching")


class ReminderKind(models.TextChoices):
    EXPIRY = "expiry", _("Ablauf einer Schulung")
    MONTHLY_SUMMARY = "monthly_summary", _("Monatsübersicht für Trainer/innen")


class GapStatus(models.TextChoices):
    MET = "met", _("erfüllt")
    EXPIRING = "expiring", _("läuft bald ab")
    MISSING = "missing", _("fehlt")
