from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CCEO = "cceo", _("Chief Customer Experience Officer")
    CX_ADMIN = "cx_admin", _("CX-Administration")
    MANAGER = "manager", _("Abteilungsleitung")
    AGENT = "agent", _("Mitarbeitende im Kundenkontakt")
    TRAINER = "trainer", _("Trainer/in")


# Roles that see every department's records; all others are scoped to their own department.
ALL_DEPARTMENTS_ROLES = frozenset({Role.CCEO, Role.CX_ADMIN})
