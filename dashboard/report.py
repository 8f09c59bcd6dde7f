"""Everything the dashboard shows for one filter, assembled once and used by the page, API, exports and digest."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, cast

from django.conf import settings
from django.core.cache import cache
from django.db.models import Max
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from dashboard import metrics, selectors
from dashboard.forms import DEFAULT_PERIOD, DashboardFilter
from dashboard.models import RollupWatermark
from touchpoints.health import Health
from touchpoints.models import Journey, JourneyStage
from touchpoints.selectors import Card, StageColumn

QUADRANT_ORDER = (metrics.FIX_FIRST, metrics.KEEP_UP, metrics.WATCH, metrics.OVERKILL, metrics.NO_DATA)


@dataclass
class Report:
    flt: DashboardFilter
    kpis: dict[str, Any]
    series: dict[str, Any]
    root_causes: list[dict[str, Any]]
    touchpoints: list[selectors.TouchpointFigures]
    stages: list[JourneyStage]
    journeys: list[Journey]

    @property
    def has_data(self) -> bool:
        k = self.kpis
        return bool(k["nps"]["responses"] or k["complaints"]["received"] or k["feedback"]["total"]
                    or k["response_rate"]["invitations"] or k["interactions"])

    def health_columns(self) -> list[StageColumn]:
        """The journey map's stage columns with every touchpoint's card coloured by its measured health."""
        columns = {stage.pk: StageColumn(stage=stage) for stage in self.stages}
        for fig in self.touchpoints:
            column = columns.get(fig.touchpoint.stage_id)
            if column is not None:
                column.cards.append(Card(touchpoint=fig.touchpoint, health=health_of(fig)))
        return [column for column in columns.values() if column.cards]

    def emotion_curves(self) -> list[dict[str, Any]]:
        by_tp = {fig.touchpoint.pk: fig for fig in self.touchpoints}
        curves = []
        for journey in self.journeys:
            steps = []
            for step in journey.steps.all():
                fig = by_tp.get(step.touchpoint_id)
                steps.append({
                    "order": step.order,
                    "touchpoint": step.touchpoint.name,
                    "touchpoint_id": step.touchpoint_id,
                    "emotion": fig.emotion if fig else None,
                    "level": fig.level if fig else metrics.UNKNOWN,
                })
            if steps:
                curves.append({"journey": journey.name, "journey_id": journey.pk, "steps": steps})
        return curves

    def matrix(self) -> list[dict[str, Any]]:
        """Touchpoints grouped by quadrant of importance × performance, in the order the CCEO acts on them."""
        labels = {
            metrics.FIX_FIRST: _("Zuerst verbessern"),
            metrics.KEEP_UP: _("Niveau halten"),
            metrics.WATCH: _("Beobachten"),
            metrics.OVERKILL: _("Möglicher Overkill"),
            metrics.NO_DATA: _("Zu wenige Antworten"),
        }
        groups: dict[str, list[selectors.TouchpointFigures]] = {key: [] for key in QUADRANT_ORDER}
        for fig in self.touchpoints:
            groups[fig.quadrant].append(fig)
        return [{"key": key, "label": labels[key], "touchpoints": groups[key]} for key in QUADRANT_ORDER]


def health_of(fig: selectors.TouchpointFigures) -> Health:
    n = fig.nps["responses"]
    if fig.level == metrics.UNKNOWN:
        label = _("zu wenige Daten (n = %(n)s)") % {"n": n + fig.feedback}
    elif fig.nps["nps"] is not None and n >= metrics.MIN_SAMPLE:
        label = _("NPS %(nps)+.0f (n = %(n)s)") % {"nps": fig.nps["nps"], "n": n}
    elif fig.complaint_rate is not None and fig.row["interactions"] >= metrics.MIN_SAMPLE:
        label = _("%(rate).1f %% Beschwerden") % {"rate": fig.complaint_rate}
    else:
        label = _("%(share).0f %% negatives Feedback") % {"share": fig.negative_percent or 0}
    return Health(level=fig.level, label=label)


def cached_report(flt: DashboardFilter) -> Report:
    """The report, reused until the rollup changes (its watermark is part of the cache key)."""
    seconds = int(getattr(settings, "DASHBOARD_CACHE_SECONDS", 300))
    stamp = RollupWatermark.objects.aggregate(at=Max("last_run_at"))["at"]
    if seconds <= 0 or stamp is None:
        return build_report(flt)
    key = f"dashboard:report:{stamp.timestamp()}:{urlencode(sorted(flt.query().items()))}"
    report = cache.get(key)
    if report is None:
        report = build_report(flt)
        cache.set(key, report, seconds)
    return cast(Report, report)


def report_warm() -> int:
    """Fill the report cache for the default view of the whole company and of every department (after a run)."""
    from accounts.models import Department

    today = timezone.localdate()
    start = today - dt.timedelta(days=int(DEFAULT_PERIOD) - 1)
    department_ids: list[int | None] = [None, *Department.objects.values_list("pk", flat=True)]
    for department_id in department_ids:
        cached_report(DashboardFilter(date_from=start, date_to=today, department_id=department_id))
    return len(department_ids)


def build_report(flt: DashboardFilter) -> Report:
    current = selectors.totals(flt)
    previous = selectors.totals(flt.previous())
    kpis = selectors.kpis(flt, current, previous)
    touchpoints = selectors.touchpoint_figures(flt, selectors.visible_touchpoints(flt), kpis["nps"]["nps"])
    return Report(
        flt=flt,
        kpis=kpis,
        series=selectors.series(flt),
        root_causes=selectors.root_causes(flt),
        touchpoints=touchpoints,
        stages=selectors.stages(),
        journeys=selectors.journeys(flt),
    )
