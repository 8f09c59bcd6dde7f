from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from customers.choices import ConsentPurpose, ConsentStatus, ImportStatus, Language
from touchpoints.choices import Channel


class Customer(models.Model):
    external_ref = models.CharField(_("Kundennummer"), max_length=64, unique=True)
    email = models.EmailField(_("E-Mail"), blank=True, db_index=True)
    first_name = models.CharField(_("Vorname"), max_length=100, blank=True)
    last_name = models.CharField(_("Nachname"), max_length=100, blank=True)
    language = models.CharField(_("Sprache"), max_length=2, choices=Language.choices, default=Language.DE)
    segment = models.CharField(_("Segment"), max_length=60, blank=True, db_index=True)
    created_at = models.DateTimeField(_("angelegt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert"), auto_now=True)
    erased_at = models.DateTimeField(_("gelöscht (DSGVO)"), null=True, blank=True)

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        verbose_name = _("Kunde/Kundin")
        verbose_name_plural = _("Kundinnen und Kunden")

    def __str__(self) -> str:
        name = f"{self.first_name} {self.last_name}".strip()
        return name or self.external_ref

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None


class Consent(models.Model):
    """The current state of one customer's consent for one purpose; changes are logged in ConsentEvent."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("Zweck"), max_length=30, choices=ConsentPurpose.choices)
    status = models.CharField(_("Status"), max_length=10, choices=ConsentStatus.choices, default=ConsentStatus.PENDING)
    text_version = models.CharField(_("Version des Einwilligungstexts"), max_length=40)
    source = models.CharField(_("Quelle"), max_length=120)
    evidence = models.TextField(_("Nachweis"), blank=True)
    requested_at = models.DateTimeField(_("angefragt"), null=True, blank=True)
    granted_at = models.DateTimeField(_("erteilt"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("widerrufen"), null=True, blank=True)
    ip = models.GenericIPAddressField(_("IP-Adresse"), null=True, blank=True)

    class Meta:
        verbose_name = _("Einwilligung")
        verbose_name_plural = _("Einwilligungen")
        constraints = [
            models.UniqueConstraint(fields=["customer", "purpose"], name="consent_one_per_customer_purpose"),
        ]

    def __str__(self) -> str:
        return f"{self.customer} · {self.get_purpose_display()} · {self.get_status_display()}"


class ConsentEvent(models.Model):
    """Append-only log of every consent change (who, when, from where) as proof under GDPR Art. 7(1)."""

    consent = models.ForeignKey(Consent, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(max_length=10, choices=ConsentStatus.choices)
    source = models.CharField(max_length=120)
    text_version = models.CharField(max_length=40, blank=True)
    evidence = models.TextField(blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    actor = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]


class SuppressedAddress(models.Model):
    """Werbesperrliste: only a keyed hash of the address is kept, so it survives erasure."""

    email_hash = models.CharField(max_length=64, unique=True)
    reason = models.CharField(_("Grund"), max_length=40)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("gesperrte Adresse")
        verbose_name_plural = _("Werbesperrliste")


class Interaction(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="interactions")
    touchpoint = models.ForeignKey("touchpoints.Touchpoint", on_delete=models.PROTECT, related_name="interactions")
    occurred_at = models.DateTimeField(_("Zeitpunkt"), db_index=True)
    channel = models.CharField(_("Kanal"), max_length=20, choices=Channel.choices, blank=True)
    external_id = models.CharField(_("externe ID"), max_length=100, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("Interaktion")
        verbose_name_plural = _("Interaktionen")
        indexes = [models.Index(fields=["touchpoint", "occurred_at"])]


class ErasureLog(models.Model):
    """Proof that a customer's personal data was erased (GDPR Art. 17): who, when, which app erasers ran."""

    customer = models.ForeignKey(
        Customer, null=True, blank=True, on_delete=models.SET_NULL, related_name="erasure_logs"
    )
    customer_pk = models.PositiveBigIntegerField(_("Kunden-ID"), db_index=True)
    actor = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL)
    erasers = models.JSONField(_("ausgeführte Löschroutinen"), default=list, blank=True)
    created_at = models.DateTimeField(_("gelöscht am"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("Löschprotokoll")
        verbose_name_plural = _("Löschprotokolle")

    def __str__(self) -> str:
        return f"erased-{self.customer_pk} · {self.created_at:%Y-%m-%d %H:%M}"


class ImportJob(models.Model):
    """A CSV import run in the background; the uploaded bytes are kept until the run ends, then cleared."""

    status = models.CharField(
        _("Status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.PENDING, db_index=True
    )
    file_name = models.CharField(_("Dateiname"), max_length=255, blank=True)
    content = models.BinaryField(_("Dateiinhalt"), blank=True, default=b"")
    total = models.PositiveIntegerField(_("Zeilen gesamt"), default=0)
    processed = models.PositiveIntegerField(_("Zeilen geprüft"), default=0)
    created = models.PositiveIntegerField(_("angelegt"), default=0)
    updated = models.PositiveIntegerField(_("aktualisiert"), default=0)
    unchanged = models.PositiveIntegerField(_("unverändert"), default=0)
    errors = models.JSONField(_("Fehler"), default=list, blank=True)
    created_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(_("hochgeladen"), auto_now_add=True)
    started_at = models.DateTimeField(_("gestartet"), null=True, blank=True)
    finished_at = models.DateTimeField(_("beendet"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("Kundenimport")
        verbose_name_plural = _("Kundenimporte")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (ImportStatus.DONE, ImportStatus.FAILED)
