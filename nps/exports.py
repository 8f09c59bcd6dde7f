"""The answers as CSV / XLSX, through the platform's one export helper (core.exports)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from core.exports import BOOL, DATETIME, INT, Column, export_response
from nps.choices import Category, SurveyKind
from nps.models import Response

RESPONSE_COLUMNS = (
    Column("id", _("ID"), INT),
    Column("survey__name", _("Befragung")),
    Column("survey__kind", _("Art"), choices=dict(SurveyKind.choices)),
    Column("score", _("Wert"), INT),
    Column("category", _("Kategorie"), choices=dict(Category.choices)),
    Column("comment", _("Kommentar")),
    Column("needs_follow_up", _("Nachfassen nötig"), BOOL),
    Column("touchpoint__name", _("Kontaktpunkt")),
    Column("department__name", _("Abteilung")),
    Column("segment", _("Segment")),
    Column("customer_id", _("Kunden-ID"), INT),
    Column("submitted_at", _("beantwortet"), DATETIME),
)


def responses_export(queryset: QuerySet[Response], fmt: str) -> HttpResponse:
    """`fmt` is "csv" or "xlsx"; the rows are read in one query, oldest first."""
    rows = queryset.order_by("submitted_at", "pk").values(*(column.key for column in RESPONSE_COLUMNS))
    return export_response(rows.iterator(chunk_size=2000), RESPONSE_COLUMNS, fmt=fmt, filename="nps-responses",
                           sheet=str(_("Antworten")))  # fmt: skip
