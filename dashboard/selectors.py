"""Reads behind the dashboard: KPI tiles, trends, per-touchpoint figures; aggregated from the rollup table.

Only what the rollup cannot hold is read from the source tables, each in one grouped query: the cases open
right now, the median time to resolution, the root causes and the training coverage.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from accounts import roles
from accounts.choices import Role
from accounts.models import User
from complaints.choices import CaseStatus
from complaints.models import Case
from complaints.statmath import percentile
from complaints.stats import PercentileCont
from dashboard import metrics
from dashboard.forms import DashboardFilter
from dashboard.models import COUNTERS, DailyRollup, DailyRootCause, TouchpointImportance
from dashboard.rollups import day_start
from nps import stats
from touchpoints.models import Journey, JourneyStage, JourneyStep, Touchpoint
from training.selectors import gap_overview

LEVEL_LABELS = {
    metrics.GOOD: _("gut"),
    metrics.FAIR: _("mittel"),
    metrics.POOR: _("kritisch"),
    metrics.UNKNOWN: _("zu wenige Daten"),
}
T = TypeVar("T")
SUMS = {name: Coalesce(Sum(name), 0) for name in COUNTERS}
HOUR = 3600.0


def rollups(flt: DashboardFilter) -> QuerySet[DailyRollup]:
    qs = DailyRollup.objects.filter(day__gte=flt.date_from, day__lte=flt.date_to)
    if flt.department_id:
        qs = qs.filter(department_id=flt.department_id)
    if flt.segment:
        qs = qs.filter(segment=flt.segment)
    if flt.touchpoint_ids:
        qs = qs.filter(touchpoint_id__in=flt.touchpoint_ids)
    return qs


def totals(flt: DashboardFilter) -> dict[str, int]:
    return {key: int(value) for key, value in rollups(flt).aggregate(**SUMS).items()}


def counts_of(row: dict[str, int]) -> stats.Counts:
    return stats.Counts(row["promoters"], row["passives"], row["detractors"])


def _r(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


def nps_block(row: dict[str, int]) -> dict[str, Any]:
    summary = stats.summarise(counts_of(row))
    return {
        "nps": _r(summary.nps),
        "ci_low": _r(summary.ci_low),
        "ci_high": _r(summary.ci_high),
        "responses": summary.n,
        "promoters": summary.promoters,
        "passives": summary.passives,
        "detractors": summary.detractors,
        "small_sample": summary.small_sample,
    }


# --- raw reads the rollup cannot answer --------------------------------------------------------------------


def cases(flt: DashboardFilter, *, period: bool = True) -> QuerySet[Case]:
    qs = Case.objects.exclude(status=CaseStatus.MERGED)
    if period:
        end = day_start(flt.date_to + dt.timedelta(days=1))
        qs = qs.filter(created_at__gte=day_start(flt.date_from), created_at__lt=end)
    if flt.department_id:
        qs = qs.filter(department_id=flt.department_id)
    if flt.segment:
        qs = qs.filter(customer__segment=flt.segment)
    if flt.touchpoint_ids:
        qs = qs.filter(touchpoint_id__in=flt.touchpoint_ids)
    return qs


def open_complaints(flt: DashboardFilter) -> dict[str, int]:
    """Cases open right now (as of the last rollup run), whatever day they came in."""
    qs = DailyRollup.objects.all()
    if flt.department_id:
        qs = qs.filter(department_id=flt.department_id)
    if flt.segment:
        qs = qs.filter(segment=flt.segment)
    if flt.touchpoint_ids:
        qs = qs.filter(touchpoint_id__in=flt.touchpoint_ids)
    row = qs.aggregate(open=Coalesce(Sum("complaints_open"), 0), breached=Coalesce(Sum("complaints_open_breached"), 0))
    return {"open": int(row["open"]), "breached": int(row["breached"])}


def cached(name: str, flt: DashboardFilter, compute: Callable[[], T]) -> T:
    """Raw-table figures are cached as long as the rollup may lag behind anyway (settings.DASHBOARD_CACHE_SECONDS)."""
    seconds = int(getattr(settings, "DASHBOARD_CACHE_SECONDS", 300))
    if seconds <= 0:
        return compute()
    key = "dashboard:" + name + ":" + urlencode(sorted(flt.query().items()))
    value = cache.get(key)
    if value is None:
        value = {"v": compute()}
        cache.set(key, value, seconds)
    return cast(T, value["v"])


def median_resolution_hours(flt: DashboardFilter) -> float | None:
    return cached("median", flt, lambda: _median_resolution_hours(flt))


def median_seconds_sql(qs: QuerySet[Case]) -> float | None:
    """PostgreSQL: percentile_cont in the database."""
    value = qs.aggregate(m=PercentileCont("resolution_business_seconds", 0.5))["m"]
    return None if value is None else float(value)


def median_seconds_python(qs: QuerySet[Case]) -> float | None:
    """Elsewhere (SQLite): the same interpolated median over the values (tests hold the two to the same answer)."""
    seconds = qs.values_list("resolution_business_seconds", flat=True)
    return percentile(sorted(float(v or 0) for v in seconds), 0.5)


def _median_resolution_hours(flt: DashboardFilter) -> float | None:
    qs = cases(flt).filter(resolution_business_seconds__isnull=False)
    median = median_seconds_sql(qs) if connection.vendor == "postgresql" else median_seconds_python(qs)
    return None if median is None else round(median / HOUR, 1)


def root_causes(flt: DashboardFilter, *, limit: int = 12) -> list[dict[str, Any]]:
    """Complaint volume by root cause, largest first, with the cumulative share (Pareto), from the rollup."""
    qs = DailyRootCause.objects.filter(day__gte=flt.date_from, day__lte=flt.date_to)
    if flt.department_id:
        qs = qs.filter(department_id=flt.department_id)
    if flt.segment:
        qs = qs.filter(segment=flt.segment)
    if flt.touchpoint_ids:
        qs = qs.filter(touchpoint_id__in=flt.touchpoint_ids)
    grouped: list[Any] = list(
        qs.values("root_cause_id", name=F("root_cause__name")).annotate(cases=Sum("cases")).order_by("-cases", "name")
    )
    total = sum(row["cases"] for row in grouped)
    running = 0
    result = []
    for row in grouped[:limit]:
        running += row["cases"]
        result.append(
            {
                "root_cause": row["root_cause_id"],
                "name": row["name"],
                "cases": row["cases"],
                "share_percent": metrics.share(row["cases"], total),
                "cumulative_percent": metrics.share(running, total),
            }
        )
    return result


def training_coverage(flt: DashboardFilter) -> dict[str, Any]:
    return cached("training", flt, lambda: _training_coverage(flt))


def _training_coverage(flt: DashboardFilter) -> dict[str, Any]:
    report = gap_overview(department_id=flt.department_id).report
    staff = sum(c.staff for c in report.by_department.values())
    meeting = sum(c.meeting for c in report.by_department.values())
    return {"staff": staff, "meeting": meeting, "percent": metrics.share(meeting, staff)}


# --- the KPI tiles -------------------------------------------------------------------------------------------


def kpis(flt: DashboardFilter, current: dict[str, int], previous: dict[str, int]) -> dict[str, Any]:
    now, before = counts_of(current), counts_of(previous)
    nps = nps_block(current)
    nps["previous"] = nps_block(previous)["nps"]
    if now.n and before.n:
        diff = stats.difference(before, now)
        nps.update(change=_r(diff.change), p_value=round(diff.p_value, 4), significant=diff.significant)
    else:
        nps.update(change=None, p_value=None, significant=False)
    feedback_total = current["feedback_positive"] + current["feedback_neutral"] + current["feedback_negative"]
    opened = open_complaints(flt)
    rate = metrics.share(current["responses"], current["invitations_sent"])
    return {
        "nps": nps,
        "response_rate": {
            "percent": None if rate is None else min(rate, 100.0),
            "responses": current["responses"],
            "invitations": current["invitations_sent"],
        },
        "complaints": {
            "open": opened["open"],
            "open_breached": opened["breached"],
            "received": current["complaints_opened"],
            "resolved": current["complaints_resolved"],
            "per_1000_interactions": _r(None if not current["interactions"]
                                        else 1000.0 * current["complaints_opened"] / current["interactions"]),
        },
        "sla": {
            "percent": metrics.share(current["complaints_sla_met"], current["complaints_sla_due"]),
            "met": current["complaints_sla_met"],
            "due": current["complaints_sla_due"],
            "breached": current["complaints_breached"],
        },
        "resolution": {
            "median_hours": median_resolution_hours(flt),
            "mean_hours": _r(None if not current["resolution_count"]
                             else current["resolution_seconds_sum"] / current["resolution_count"] / HOUR),
            "resolved": current["resolution_count"],
        },
        "satisfaction": {
            "mean": _r(metrics.ratio(current["satisfaction_sum"], current["satisfaction_count"])),
            "responses": current["satisfaction_count"],
        },
        "feedback": {
            "total": feedback_total,
            "positive": current["feedback_positive"],
            "neutral": current["feedback_neutral"],
            "negative": current["feedback_negative"],
            "positive_percent": metrics.share(current["feedback_positive"], feedback_total),
            "negative_percent": metrics.share(current["feedback_negative"], feedback_total),
            "net": _r(None if not feedback_total
                      else 100.0 * (current["feedback_positive"] - current["feedback_negative"]) / feedback_total),
        },
        "training": training_coverage(flt),
        "interactions": current["interactions"],
    }


# --- time series ---------------------------------------------------------------------------------------------


def series(flt: DashboardFilter) -> dict[str, Any]:
    """NPS with interval, complaint volume and SLA attainment per day, week or month of the period."""
    size = metrics.bucket_size(flt.date_from, flt.date_to)
    starts = metrics.buckets(flt.date_from, flt.date_to, size)
    acc = {start: dict.fromkeys(COUNTERS, 0) for start in starts}
    daily: list[Any] = list(rollups(flt).values("day").annotate(**SUMS).order_by("day"))
    for day_row in daily:
        bucket = acc.setdefault(metrics.bucket_of(day_row["day"], size), dict.fromkeys(COUNTERS, 0))
        for name in COUNTERS:
            bucket[name] += int(day_row[name])
    points = []
    for start in starts:
        row = acc[start]
        block = nps_block(row)
        points.append(
            {
                "period": start.isoformat(),
                **{k: block[k] for k in ("nps", "ci_low", "ci_high", "responses", "small_sample")},
                "complaints": row["complaints_opened"],
                "sla_due": row["complaints_sla_due"],
                "sla_met": row["complaints_sla_met"],
                "sla_percent": metrics.share(row["complaints_sla_met"], row["complaints_sla_due"]),
            }
        )
    return {"bucket": size, "points": points}


# --- touchpoints: health, emotion curve, key-touchpoint matrix ---------------------------------------------


@dataclass
class TouchpointFigures:
    touchpoint: Touchpoint
    row: dict[str, int]
    nps: dict[str, Any]
    level: str
    complaint_rate: float | None
    negative_percent: float | None
    feedback: int
    emotion: float | None
    importance: float | None = None
    importance_source: str = ""
    quadrant: str = metrics.NO_DATA
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def small_sample(self) -> bool:
        return self.level == metrics.UNKNOWN

    @property
    def level_label(self) -> str:
        return str(LEVEL_LABELS[self.level])


def visible_touchpoints(flt: DashboardFilter) -> list[Touchpoint]:
    qs = Touchpoint.objects.filter(active=True).select_related("stage", "department").order_by(
        "stage__order", "-is_key", "name"
    )
    if flt.department_id:
        qs = qs.filter(department_id=flt.department_id)
    if flt.touchpoint_ids:
        qs = qs.filter(pk__in=flt.touchpoint_ids)
    return list(qs)


def touchpoint_figures(flt: DashboardFilter, touchpoints: list[Touchpoint], benchmark: float | None,
                       min_sample: int = metrics.MIN_SAMPLE) -> list[TouchpointFigures]:
    grouped: list[Any] = list(
        rollups(flt).filter(touchpoint_id__isnull=False).values("touchpoint_id").annotate(**SUMS).order_by()
    )
    per_tp = {row["touchpoint_id"]: {name: int(row[name]) for name in COUNTERS} for row in grouped}
    importance = {imp.touchpoint_id: imp for imp in TouchpointImportance.objects.all()}
    result = []
    for tp in touchpoints:
        row = per_tp.get(tp.pk) or dict.fromkeys(COUNTERS, 0)
        block = nps_block(row)
        feedback = row["feedback_positive"] + row["feedback_neutral"] + row["feedback_negative"]
        level = metrics.health_level(
            nps=block["nps"], responses=block["responses"], complaints=row["complaints_opened"],
            interactions=row["interactions"], negative=row["feedback_negative"], feedback=feedback,
            min_sample=min_sample,
        )
        figures = TouchpointFigures(
            touchpoint=tp,
            row=row,
            nps=block,
            level=level,
            complaint_rate=metrics.share(row["complaints_opened"], row["interactions"]),
            negative_percent=metrics.share(row["feedback_negative"], feedback),
            feedback=feedback,
            emotion=metrics.emotion(nps=block["nps"], responses=block["responses"], positive=row["feedback_positive"],
                                    negative=row["feedback_negative"], feedback=feedback, min_sample=min_sample),
        )
        imp = importance.get(tp.pk)
        if imp is not None:
            figures.importance, figures.importance_source = imp.importance, imp.source
        else:
            figures.importance, figures.importance_source = metrics.weight_importance(tp.importance), "weight"
        performance = block["nps"] if block["responses"] >= min_sample else None
        figures.quadrant = metrics.quadrant(importance=figures.importance, performance=performance,
                                            benchmark=benchmark)
        result.append(figures)
    return result


def stages() -> list[JourneyStage]:
    return list(JourneyStage.objects.order_by("order", "name"))


def journeys(flt: DashboardFilter) -> list[Journey]:
    from django.db.models import Prefetch

    steps = JourneyStep.objects.select_related("touchpoint").order_by("order", "pk")
    qs = Journey.objects.prefetch_related(Prefetch("steps", queryset=steps)).order_by("name")
    if flt.journey_id:
        qs = qs.filter(pk=flt.journey_id)
    return list(qs)


def dashboard_allowed(user: Any) -> bool:
    """The dashboard's readers (accounts.roles.DASHBOARD_READERS); those scoped to a department need one."""
    if not roles.has_role(user, roles.DASHBOARD_READERS):
        return False
    return bool(user.sees_all_departments or user.department_id)


def digest_recipients() -> QuerySet[User]:
    """Active CCEOs, plus every active user with an active digest subscription who may open the dashboard."""
    return (
        User.objects.filter(is_active=True)
        .filter(Q(role=Role.CCEO) | Q(dashboard_digest__active=True))
        .exclude(email="")
        .select_related("department")
        .distinct()
        .order_by("pk")
    )
