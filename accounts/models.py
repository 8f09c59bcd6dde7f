from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.choices import ALL_DEPARTMENTS_ROLES, Role


class Department(models.Model):
    name = models.CharField(_("Name"), max_length=120, unique=True)
    slug = models.SlugField(_("Kürzel"), max_length=80, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("übergeordnete Abteilung"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text=_("Nächste Eskalationsstufe."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("Abteilung")
        verbose_name_plural = _("Abteilungen")

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    role = models.CharField(_("Rolle"), max_length=20, choices=Role.choices, default=Role.AGENT)
    department = models.ForeignKey(
        Department,
        verbose_name=_("Abteilung"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    # The language of the staff emails this user gets (digest, alerts, reminders); set by the language switcher.
    language = models.CharField(_("Sprache"), max_length=8, choices=settings.LANGUAGES, default="de")

    class Meta(AbstractUser.Meta):
        verbose_name = _("Benutzer/in")  # type: ignore[assignment]
        verbose_name_plural = _("Benutzer/innen")  # type: ignore[assignment]

    @property
    def effective_role(self) -> str:
        """Superusers act as CX admins (DESIGN.md)."""
        return str(Role.CX_ADMIN) if self.is_superuser else str(self.role)

    @property
    def sees_all_departments(self) -> bool:
        return self.effective_role in ALL_DEPARTMENTS_ROLES

    def has_role(self, *roles: str) -> bool:
        return self.effective_role in roles
