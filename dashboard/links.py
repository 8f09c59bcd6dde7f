"""Drill-down links from the dashboard to the lists (pages and API) behind every number, with the same filters."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.http import urlencode

from dashboard.forms import DashboardFilter


def _url(name: str, params: dict[str, Any]) -> str:
    clean = {key: value for key, value in params.items() if value not in (None, "")}
    return f"{reverse(name)}?{urlencode(clean)}" if clean else reverse(name)


def _touchpoint(flt: DashboardFilter, touchpoint_id: int | None) -> int | None:
    if touchpoint_id is not None:
        return touchpoint_id
    return flt.touchpoint_ids[0] if len(flt.touchpoint_ids) == 1 else None


def responses(flt: DashboardFilter, *, api: bool = False, touchpoint_id: int | None = None,
              category: str = "") -> str:
    params = {
        "date_from": flt.date_from.isoformat(), "date_to": flt.date_to.isoformat(),
        "department": flt.department_id, "segment": flt.segment, "touchpoint": _touchpoint(flt, touchpoint_id),
        "category": category,
    }
    return _url("api:nps-response-list" if api else "nps:response-list", params)


def cases(flt: DashboardFilter, *, api: bool = False, touchpoint_id: int | None = None, open_only: bool = False,
          sla_state: str = "") -> str:
    params: dict[str, Any] = {
        "department": flt.department_id, "touchpoint": _touchpoint(flt, touchpoint_id), "sla_state": sla_state,
    }
    if open_only:
        params["open"] = "true"
    else:
        params.update(date_from=flt.date_from.isoformat(), date_to=flt.date_to.isoformat())
    return _url("api:complaints-case-list" if api else "complaints:list", params)


def feedback(flt: DashboardFilter, *, api: bool = False, touchpoint_slug: str = "", sentiment: str = "") -> str:
    params = {
        "date_from": flt.date_from.isoformat(), "date_to": flt.date_to.isoformat(),
        "touchpoint_slug": touchpoint_slug, "sentiment": sentiment,
    }
    return _url("api:feedback-list" if api else "feedback:list", params)


def drilldowns(flt: DashboardFilter) -> dict[str, dict[str, str]]:
    """Page and API link per tile."""
    pairs = {
        "nps": lambda api: responses(flt, api=api),
        "detractors": lambda api: responses(flt, api=api, category="detractor"),
        "open": lambda api: cases(flt, api=api, open_only=True),
        "cases": lambda api: cases(flt, api=api),
        "breached": lambda api: cases(flt, api=api, sla_state="breached"),
        "feedback": lambda api: feedback(flt, api=api),
        "negative": lambda api: feedback(flt, api=api, sentiment="negative"),
    }
    return {key: {"page": fn(False), "api": fn(True)} for key, fn in pairs.items()}
