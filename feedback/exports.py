"""The feedback list as CSV or XLSX, through the platform's one export helper (core.exports)."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from core.exports import BOOL, DATETIME, DECIMAL, INT, Column, export_response
from customers.choices import Language
from feedback.choices import AnalysisSource, FeedbackChannel, FeedbackKind, FeedbackStatus, Sentiment
from feedback.models import Feedback

EXPORT_LIMIT = 50_000


COLUMNS = [
    Column("id", _("Nr."), INT),
    Column("created_at", _("eingegangen"), DATETIME),
    Column("kind", _("Art"), choices=dict(FeedbackKind.choices)),
    Column("touchpoint", _("Kontaktpunkt"), get=lambda item: item.touchpoint.name),
    Column("touchpoint_slug", _("Kürzel des Kontaktpunkts"), get=lambda item: item.touchpoint.slug),
    Column("department", _("Abteilung"), get=lambda item: item.department.name),
    Column("channel", _("Kanal"), choices=dict(FeedbackChannel.choices)),
    Column("language", _("Sprache"), choices=dict(Language.choices)),
    Column("sentiment", _("Stimmung"), choices=dict(Sentiment.choices)),
    Column("sentiment_score", _("Stimmungswert"), DECIMAL, decimals=2),
    Column("sentiment_source", _("Quelle der Stimmung"), choices=dict(AnalysisSource.choices)),
    Column("topics", _("Themen"), get=lambda item: ", ".join(topic.name for topic in item.topics.all())),
    Column("status", _("Status"), choices=dict(FeedbackStatus.choices)),
    Column("rating", _("Bewertung (1–5)"), INT),
    Column("contact_consent", _("Einwilligung in Rückmeldung"), BOOL),
    Column("text", _("Text")),
]


def feedback_export(items: Iterable[Feedback], *, fmt: str) -> HttpResponse:
    """`items` should carry the touchpoint, department and topics (selectors.feedback_for_user does)."""
    return export_response(items, COLUMNS, fmt=fmt, filename="feedback", sheet=str(_("Feedback")))
