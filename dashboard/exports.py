"""Every table the dashboard shows as a pandas DataFrame, served as CSV or XLSX."""

from __future__ import annotations

import io
from collections.abc import Callable

import pandas as pd
from django.http import HttpResponse
from django.utils.translation import gettext as _

from dashboard.report import Report

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def kpi_table(report: Report) -> pd.DataFrame:
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
    return pd.DataFrame(rows, columns=[_("Kennzahl"), _("Wert")])


def trend_table(report: Report) -> pd.DataFrame:
    columns = ["period", "nps", "ci_low", "ci_high", "responses", "complaints", "sla_due", "sla_met", "sla_percent"]
    return pd.DataFrame([{c: p[c] for c in columns} for p in report.series["points"]], columns=columns)


def root_cause_table(report: Report) -> pd.DataFrame:
    columns = ["name", "cases", "share_percent", "cumulative_percent"]
    return pd.DataFrame([{c: r[c] for c in columns} for r in report.root_causes], columns=columns)


def touchpoint_table(report: Report) -> pd.DataFrame:
    columns = ["touchpoint", "stage", "department", "health", "nps", "ci_low", "ci_high", "responses",
               "complaints", "interactions", "complaint_rate_percent", "feedback", "negative_percent", "emotion"]
    rows = [
        {
            "touchpoint": f.touchpoint.name, "stage": f.touchpoint.stage.name,
            "department": f.touchpoint.department.name,
            "health": f.level, "nps": f.nps["nps"], "ci_low": f.nps["ci_low"], "ci_high": f.nps["ci_high"],
            "responses": f.nps["responses"], "complaints": f.row["complaints_opened"],
            "interactions": f.row["interactions"], "complaint_rate_percent": f.complaint_rate, "feedback": f.feedback,
            "negative_percent": f.negative_percent, "emotion": f.emotion,
        }
        for f in report.touchpoints
    ]
    return pd.DataFrame(rows, columns=columns)


def matrix_table(report: Report) -> pd.DataFrame:
    columns = ["quadrant", "touchpoint", "importance", "importance_source", "nps", "responses"]
    rows = [
        {"quadrant": group["label"], "touchpoint": f.touchpoint.name, "importance": round(f.importance or 0, 3),
         "importance_source": f.importance_source, "nps": f.nps["nps"], "responses": f.nps["responses"]}
        for group in report.matrix()
        for f in group["touchpoints"]
    ]
    return pd.DataFrame(rows, columns=columns)


def emotion_table(report: Report) -> pd.DataFrame:
    columns = ["journey", "step", "touchpoint", "emotion", "health"]
    rows = [
        {"journey": c["journey"], "step": s["order"], "touchpoint": s["touchpoint"], "emotion": s["emotion"],
         "health": s["level"]}
        for c in report.emotion_curves()
        for s in c["steps"]
    ]
    return pd.DataFrame(rows, columns=columns)


TABLES: dict[str, Callable[[Report], pd.DataFrame]] = {
    "kpis": kpi_table,
    "trend": trend_table,
    "root-causes": root_cause_table,
    "touchpoints": touchpoint_table,
    "matrix": matrix_table,
    "emotion": emotion_table,
}


def export_response(frame: pd.DataFrame, *, name: str, fmt: str) -> HttpResponse:
    filename = f"dashboard-{name}"
    if fmt == "xlsx":
        buffer = io.BytesIO()
        with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
            frame.to_excel(writer, index=False, sheet_name=name[:31])
        response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    else:
        response = HttpResponse(frame.to_csv(index=False), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
