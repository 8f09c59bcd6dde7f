from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from touchpoints.choices import Channel, TouchpointKind


class JourneyStage(models.Model):
    name = models.CharField(_("Name"), max_length=100)
    slug = models.SlugField(_("Kürzel"), max_length=80, unique=True)
    order = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("Phase der Kundenreise")
        verbose_name_plural = _("Phasen der Kundenreise")

    def __str__(self) -> str:
        return self.name


class Touchpoint(models.Model):
    name = models.CharField(_("Name"), max_length=150)
    slug = models.SlugField(_("Kürzel"), max_length=80, unique=True)
    stage = models.ForeignKey(
        JourneyStage, verbose_name=_("Phase"), on_delete=models.PROTECT, related_name="touchpoints"
    )
    channel = models.CharField(_("Kanal"), max_length=20, choices=Channel.choices)
    kind = models.CharField(_("Art"), max_length=10, choices=TouchpointKind.choices, default=TouchpointKind.DIRECT)
    department = models.ForeignKey(
        "accounts.Department",
        verbose_name=_("verantwortliche Abteilung"),
        on_delete=models.PROTECT,
        related_name="touchpoints",
    )
    is_key = models.BooleanField(_("Moment der Wahrheit"), default=False)
    importance = models.PositiveSmallIntegerField(
        _("Bedeutung (1–5)"), default=3, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    description = models.TextField(_("Beschreibung"), blank=True)
    active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        ordering = ["stage__order", "name"]
        verbose_name = _("Kontaktpunkt")
        verbose_name_plural = _("Kontaktpunkte")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(importance__gte=1, importance__lte=5), name="touchpoint_importance_1_5"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Journey(models.Model):
    name = models.CharField(_("Name"), max_length=150)
    persona = models.CharField(_("Persona"), max_length=150, blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("Kundenreise")
        verbose_name_plural = _("Kundenreisen")

    def __str__(self) -> str:
        return self.name


class JourneyStep(models.Model):
    journey = models.ForeignKey(Journey, on_delete=models.CASCADE, related_name="steps")
    touchpoint = models.ForeignKey(
        Touchpoint, verbose_name=_("Kontaktpunkt"), on_delete=models.PROTECT, related_name="journey_steps"
    )
    order = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    expectation = models.CharField(_("Erwartung der Kundin / des Kunden"), max_length=255, blank=True)

    class Meta:
        ordering = ["journey", "order", "id"]
        verbose_name = _("Schritt der Kundenreise")
        verbose_name_plural = _("Schritte der Kundenreise")
        constraints = [
            models.UniqueConstraint(fields=["journey", "order"], name="journeystep_unique_order_per_journey"),
        ]

    def __str__(self) -> str:
        return f"{self.journey} · {self.order}: {self.touchpoint}"
