from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseChannel(models.TextChoices):
    PHONE = "phone", _("Telefon")
    EMAIL = "email", _("E-Mail")
    STORE = "store", _("Filiale")
    WEB_FORM = "web_form", _("Webformular")
    LETTER = "letter", _("Brief")
    SOCIAL = "social", _("Soziale Medien")
    CHAT = "chat", _("Chat")
    SURVEY_FOLLOW_UP = "survey_follow_up", _("Nachfassen nach Befragung")
    OTHER = "other", _("Sonstiges")


class Severity(models.TextChoices):
    LOW = "low", _("niedrig")
    MEDIUM = "medium", _("mittel")
    HIGH = "high", _("hoch")
    CRITICAL = "critical", _("kritisch")


class CaseStatus(models.TextChoices):
    NEW = "new", _("neu")
    ACKNOWLEDGED = "acknowledged", _("bestätigt")
    IN_PROGRESS = "in_progress", _("in Bearbeitung")
    WAITING_ON_CUSTOMER = "waiting_on_customer", _("wartet auf Kunde")
    RESOLVED = "resolved", _("gelöst")
    CLOSED = "closed", _("abgeschlossen")
    REOPENED = "reopened", _("wiedereröffnet")
    REJECTED = "rejected", _("abgelehnt")
    MERGED = "merged", _("zusammengeführt")


# Statuses in which the case still needs work (the SLA clocks run unless paused).
OPEN_STATUSES = frozenset(
    {
        CaseStatus.NEW,
        CaseStatus.ACKNOWLEDGED,
        CaseStatus.IN_PROGRESS,
        CaseStatus.WAITING_ON_CUSTOMER,
        CaseStatus.REOPENED,
    }
)
# Open statuses in which the SLA clocks run (waiting on the customer pauses them).
RUNNING_STATUSES = OPEN_STATUSES - {CaseStatus.WAITING_ON_CUSTOMER}
DONE_STATUSES = frozenset({CaseStatus.RESOLVED, CaseStatus.CLOSED, CaseStatus.REJECTED, CaseStatus.MERGED})


class SlaState(models.TextChoices):
    ON_TRACK = "on_track", _("im Plan")
    WARNING = "warning", _("gefährdet")
    BREACHED = "breached", _("überschritten")
    PAUSED = "paused", _("pausiert")
    MET = "met", _("eingehalten")
    NONE = "none", _("ohne SLA")


class CaseEventKind(models.TextChoices):
    CREATED = "created", _("angelegt")
    STATUS = "status", _("Statuswechsel")
    ASSIGNED = "assigned", _("Zuweisung")
    SEVERITY = "severity", _("Schweregrad geändert")
    DUE = "due", _("Fristen geändert")
    FIELDS = "fields", _("Angaben geändert")
    NOTE = "note", _("interne Notiz")
    REPLY = "reply", _("öffentliche Antwort")
    EMAIL = "email", _("E-Mail versandt")
    ATTACHMENT = "attachment", _("Anhang")
    RESOLUTION = "resolution", _("Lösung erfasst")
    ACCEPTANCE = "acceptance", _("Rückmeldung der Kundin / des Kunden")
    MERGED = "merged", _("zusammengeführt")
    SLA = "sla", _("Fristüberwachung")
    SATISFACTION = "satisfaction", _("Zufriedenheit mit der Bearbeitung")


class Outcome(models.TextChoices):
    UPHELD = "upheld", _("berechtigt")
    PARTIALLY_UPHELD = "partially_upheld", _("teilweise berechtigt")
    NOT_UPHELD = "not_upheld", _("unberechtigt")


class Acceptance(models.TextChoices):
    PENDING = "pending", _("offen")
    ACCEPTED = "accepted", _("angenommen")
    REJECTED = "rejected", _("abgelehnt")


class SlaClock(models.TextChoices):
    FIRST_RESPONSE = "first_response", _("Erstreaktion")
    RESOLUTION = "resolution", _("Lösung")


class SlaLevel(models.IntegerChoices):
    WARNING = 1, _("Vorwarnung (75 %)")
    BREACH = 2, _("Frist überschritten: Abteilungsleitung")
    ESCALATION = 3, _("Eskalation: übergeordnete Abteilung")
