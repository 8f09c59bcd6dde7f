"""Every table the dashboard shows, as CSV or XLSX through the platform's one export helper (core.exports)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from core.exports import DATE, DECIMAL, INT, TEXT, Column, export_response
from dashboard.choices import ImportanceSource
from dashboard.report import Report
from dashboard.selectors import LEVEL_LABELS

Rows = list[dict[str, Any]]


@dataclass(frozen=True)
class Table:
    columns: Sequence[Column]
    rows: Callable[[Report], Rows]


def _kpi_value(value: Any) -> Any:
    """A KPI is a number, a yes/no (the change's significance) or missing."""
    if isinstance(value, bool):
        return _("ja") if value else _("nein")
    return value


def kpi_rows(report: Report) -> Rows:
    k = report.kpis
    rows = [
        (_("NPS"), k["nps"]["nps"]),
        (_("NPS Intervall unten"), k["nps"]["ci_low"]),
        (_("NPS Intervall oben"), k["nps"]["ci_high"]),
        (_("Antworten"), k["nps"]["responses"]),
        (_("NPS Vorperiode"), k["nps"]["previous"]),
        (_("Veränderung (Punkte)"), k["nps"]["change"]),
        (_("Veränderung signifikant"), k["nps"]["significant"]),
        (_("Rücklaufquote (%)"), k["response_rate"]["percent"]),
        (_("offene Beschwerden"), k["complaints"]["open"]),
        (_("eingegangene Beschwerden"), k["complaints"]["received"]),
        (_("SLA-Erfüllung (%)"), k["sla"]["percent"]),
        (_("Median Lösungszeit (Geschäftsstunden)"), k["resolution"]["median_hours"]),
        (_("Zufriedenheit mit der Bearbeitung (0–10)"), k["satisfaction"]["mean"]),
        (_("Feedback positiv (%)"), k["feedback"]["positive_percent"]),
        (_("Feedback negativ (%)"), k["feedback"]["negative_percent"]),
        (_("Schulungsabdeckung (%)"), k["training"]["percent"]),
    ]
    return [{"kpi": label, "value": _kpi_value(value)} for label, value in rows]


def trend_rows(report: Report) -> Rows:
    return [{**point, "period": dt.date.fromisoformat(point["period"])} for point in report.series["points"]]


def root_cause_rows(report: Report) -> Rows:
    return list(report.root_causes)


def touchpoint_rows(report: Report) -> Rows:
    return [
        {
            "touchpoint": f.touchpoint.name,
            "stage": f.touchpoint.stage.name,
            "department": f.touchpoint.department.name,
            "health": f.level,
            "nps": f.nps["nps"],
            "ci_low": f.nps["ci_low"],
            "ci_high": f.nps["ci_high"],
            "responses": f.nps["responses"],
            "complaints": f.row["complaints_opened"],
            "interactions": f.row["interactions"],
            "complaint_rate_percent": f.complaint_rate,
            "feedback": f.feedback,
            "negative_percent": f.negative_percent,
            "emotion": f.emotion,
        }
        for f in report.touchpoints
    ]


def matrix_rows(report: Report) -> Rows:
    return [
        {
            "quadrant": str(group["label"]),
            "touchpoint": f.touchpoint.name,
            "importance": f.importance or 0,
            "importance_source": f.importance_source,
            "nps": f.nps["nps"],
            "responses": f.nps["responses"],
        }
        for group in report.matrix()
        for f in group["touchpoints"]
    ]


def emotion_rows(report: Report) -> Rows:
    return [
        {"journey": c["journey"], "step": s["order"], "touchpoint": s["touchpoint"], "emotion": s["emotion"],
         "health": s["level"]}  # fmt: skip
        for c in report.emotion_curves()
        for s in c["steps"]
    ]


HEALTH = Column("health", gettext_lazy("Zustand"), choices=LEVEL_LABELS)
NPS_COLUMNS = (
    Column("nps", gettext_lazy("NPS"), DECIMAL),
    Column("ci_low", gettext_lazy("Intervall unten"), DECIMAL),
    Column("ci_high", gettext_lazy("Intervall oben"), DECIMAL),
    Column("responses", gettext_lazy("Antworten"), INT),
)

TABLES: dict[str, Table] = {
    "kpis": Table(
        (Column("kpi", gettext_lazy("Kennzahl")), Column("value", pgettext_lazy("Kennzahl", "Wert"), TEXT)),
        kpi_rows,
    ),
    "trend": Table(
        (
            Column("period", gettext_lazy("Zeitraum ab"), DATE),
            *NPS_COLUMNS,
            Column("complaints", gettext_lazy("Beschwerden"), INT),
            Column("sla_due", gettext_lazy("SLA fällig"), INT),
            Column("sla_met", gettext_lazy("SLA eingehalten"), INT),
            Column("sla_percent", gettext_lazy("SLA-Erfüllung (%)"), DECIMAL),
        ),
        trend_rows,
    ),
    "root-causes": Table(
        (
            Column("name", gettext_lazy("Grundursache")),
            Column("cases", gettext_lazy("Fälle"), INT),
            Column("share_percent", gettext_lazy("Anteil (%)"), DECIMAL),
            Column("cumulative_percent", gettext_lazy("kumuliert (%)"), DECIMAL),
        ),
        root_cause_rows,
    ),
    "touchpoints": Table(
        (
            Column("touchpoint", gettext_lazy("Kontaktpunkt")),
            Column("stage", gettext_lazy("Phase")),
            Column("department", gettext_lazy("Abteilung")),
            HEALTH,
            *NPS_COLUMNS,
            Column("complaints", gettext_lazy("Beschwerden"), INT),
            Column("interactions", gettext_lazy("Interaktionen"), INT),
            Column("complaint_rate_percent", gettext_lazy("Beschwerdequote (%)"), DECIMAL),
            Column("feedback", gettext_lazy("Feedback"), INT),
            Column("negative_percent", gettext_lazy("Feedback negativ (%)"), DECIMAL),
            Column("emotion", gettext_lazy("Emotion"), DECIMAL, decimals=2),
        ),
        touchpoint_rows,
    ),
    "matrix": Table(
        (
            Column("quadrant", gettext_lazy("Quadrant")),
            Column("touchpoint", gettext_lazy("Kontaktpunkt")),
            Column("importance", gettext_lazy("Wichtigkeit"), DECIMAL, decimals=3),
            Column("importance_source", gettext_lazy("Quelle der Wichtigkeit"), choices=dict(ImportanceSource.choices)),
            Column("nps", gettext_lazy("NPS"), DECIMAL),
            Column("responses", gettext_lazy("Antworten"), INT),
        ),
        matrix_rows,
    ),
    "emotion": Table(
        (
            Column("journey", gettext_lazy("Kundenreise")),
            Column("step", gettext_lazy("Schritt"), INT),
            Column("touchpoint", gettext_lazy("Kontaktpunkt")),
            Column("emotion", gettext_lazy("Emotion"), DECIMAL, decimals=2),
            HEALTH,
        ),
        emotion_rows,
    ),
}


def table_export(report: Report, *, name: str, fmt: str) -> HttpResponse:
    table = TABLES[name]
    return export_response(table.rows(report), table.columns, fmt=fmt, filename=f"dashboard-{name}", sheet=name)
