"""Plotly figures as plain JSON-ready dicts (rendered in the browser by the locally served plotly.js)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from dashboard.report import Report

BLUE = "#0b5ed7"
RED = "#b02a37"
GREEN = "#146c43"
GREY = "#6c757d"
BASE_LAYOUT: dict[str, Any] = {
    "margin": {"l": 50, "r": 50, "t": 40, "b": 60},
    "height": 320,
    "legend": {"orientation": "h", "y": -0.25},
    "font": {"family": "system-ui, sans-serif", "size": 12},
}


def _layout(title: str, **extra: Any) -> dict[str, Any]:
    return {**BASE_LAYOUT, "title": {"text": title, "font": {"size": 14}}, **extra}


def nps_trend(report: Report) -> dict[str, Any]:
    points = [p for p in report.series["points"] if p["responses"]]
    x = [p["period"] for p in points]
    return {
        "data": [
            {"type": "scatter", "mode": "lines", "x": x, "y": [p["ci_high"] for p in points], "line": {"width": 0},
             "name": _("95-%-Intervall (oben)"), "showlegend": False, "hoverinfo": "skip"},
            {"type": "scatter", "mode": "lines", "x": x, "y": [p["ci_low"] for p in points], "line": {"width": 0},
             "fill": "tonexty", "fillcolor": "rgba(11,94,215,0.18)", "name": _("95-%-Intervall")},
            {"type": "scatter", "mode": "lines+markers", "x": x, "y": [p["nps"] for p in points], "name": _("NPS"),
             "line": {"color": BLUE, "width": 2},
             "text": [_("n = %(n)s") % {"n": p["responses"]} for p in points]},
        ],
        "layout": _layout(_("NPS-Verlauf mit 95-%-Intervall"), yaxis={"range": [-100, 100], "title": "NPS"}),
    }


def pareto(report: Report) -> dict[str, Any]:
    rows = report.root_causes
    names = [r["name"] for r in rows]
    return {
        "data": [
            {"type": "bar", "x": names, "y": [r["cases"] for r in rows], "name": _("Fälle"),
             "marker": {"color": RED}},
            {"type": "scatter", "mode": "lines+markers", "x": names, "y": [r["cumulative_percent"] for r in rows],
             "name": _("kumuliert (%)"), "yaxis": "y2", "line": {"color": GREY}},
        ],
        "layout": _layout(
            _("Beschwerden nach Ursache (Pareto)"),
            yaxis={"title": _("Fälle")},
            yaxis2={"overlaying": "y", "side": "right", "range": [0, 105], "title": "%"},
        ),
    }


def sla(report: Report) -> dict[str, Any]:
    points = report.series["points"]
    with_due = [p for p in points if p["sla_due"]]
    return {
        "data": [
            {"type": "bar", "x": [p["period"] for p in points], "y": [p["complaints"] for p in points],
             "name": _("eingegangene Beschwerden"), "marker": {"color": "rgba(108,117,125,0.45)"}, "yaxis": "y2"},
            {"type": "scatter", "mode": "lines+markers", "x": [p["period"] for p in with_due],
             "y": [p["sla_percent"] for p in with_due], "name": _("SLA eingehalten (%)"), "line": {"color": GREEN}},
        ],
        "layout": _layout(
            _("SLA-Erfüllung im Zeitverlauf"),
            yaxis={"range": [0, 105], "title": "%"},
            yaxis2={"overlaying": "y", "side": "right", "title": _("Fälle"), "rangemode": "tozero"},
        ),
    }


def emotion(report: Report) -> dict[str, Any]:
    data = []
    for curve in report.emotion_curves():
        data.append({
            "type": "scatter", "mode": "lines+markers", "connectgaps": False, "name": curve["journey"],
            "x": list(range(1, len(curve["steps"]) + 1)),
            "y": [s["emotion"] for s in curve["steps"]],
            "text": [s["touchpoint"] for s in curve["steps"]],
            "hovertemplate": "%{text}: %{y}<extra>" + curve["journey"] + "</extra>",
        })
    return {
        "data": data,
        "layout": _layout(_("Emotionskurve entlang der Kundenreise"),
                          xaxis={"title": _("Schritt"), "dtick": 1},
                          yaxis={"range": [-1.05, 1.05], "title": _("Stimmung (−1 … +1)"), "zeroline": True}),
    }


def all_charts(report: Report) -> dict[str, dict[str, Any]]:
    return {"nps": nps_trend(report), "pareto": pareto(report), "sla": sla(report), "emotion": emotion(report)}
