from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxEmail(models.Model):
    """An email kept by the embedded default's email backend, viewable at /outbox/ (no SMTP server needed)."""

    subject = models.CharField(max_length=998)
    from_email = models.CharField(max_length=320)
    to = models.TextField(help_text="comma-separated recipients")
    body_text = models.TextField(blank=True)
    body_html = models.TextField(blank=True)
    headers = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("E-Mail im lokalen Postausgang")
        verbose_name_plural = _("Lokaler Postausgang")

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"


class WebhookEndpoint(models.Model):
    name = models.CharField(_("Name"), max_length=120)
    url = models.URLField(_("URL"), max_length=500)
    secret = models.CharField(_("Geheimnis"), max_length=128, help_text=_("Schlüssel für die HMAC-SHA256-Signatur."))
    event_types = models.JSONField(_("Ereignistypen"), default=list)
    active = models.BooleanField(_("aktiv"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("Webhook-Empfänger")
        verbose_name_plural = _("Webhook-Empfänger")

    def __str__(self) -> str:
        return self.name


class WebhookDelivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("ausstehend")
        DELIVERED = "delivered", _("zugestellt")
        FAILED = "failed", _("fehlgeschlagen")

    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries")
    event_type = models.CharField(max_length=60, db_index=True)
    event_id = models.UUIDField(db_index=True)
    payload = models.JSONField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True, db_index=True)
    last_status_code = models.PositiveIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("Webhook-Zustellung")
        verbose_name_plural = _("Webhook-Zustellungen")
        constraints = [
            models.UniqueConstraint(fields=["endpoint", "event_id"], name="core_webhookdelivery_once_per_event"),
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="core_webhookdelivery_due")]

    def __str__(self) -> str:
        return f"{self.event_type} → {self.endpoint_id} ({self.status})"
