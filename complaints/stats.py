"""Complaint KPIs, aggregated in the database (a few grouped queries), for GET complaints/stats/ and the page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Aggregate, Avg, Count, Exists, FloatField, OuterRef, Q, QuerySet, Sum
from django.utils import timezone

from complaints.choices import DONE_STATUSES, OPEN_STATUSES, CaseStatus
from complaints.models import Case, RootCause
from complaints.selectors import visible_cases
from complaints.statmath import nps, percentile, share

HOUR = 3600.0


class PercentileCont(Aggregate):
    """PostgreSQL percentile_cont for one fraction (used by the dashboard app too)."""

    function = "PERCENTILE_CONT"
    template = "%(function)s(%(percentile)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()

    def __init__(self, expression: Any, percentile: float, **extra: Any) -> None:
        super().__init__(expression, percentile=float(percentile), **extra)


class PercentilesCont(Aggregate):
    """PostgreSQL percentile_cont over several fractions with one sort: returns a list of floats (NULLs skipped)."""

    function = "PERCENTILE_CONT"
    template = "%(function)s(ARRAY[%(fractions)s]::float8[]) WITHIN GROUP (ORDER BY %(expressions)s)"

    def __init__(self, expression: Any, fractions: tuple[float, ...], **extra: Any) -> None:
        from django.contrib.postgres.fields import ArrayField

        listed = ", ".join(repr(float(f)) for f in fractions)
        super().__init__(expression, fractions=listed, output_field=ArrayField(FloatField()), **extra)


@dataclass(frozen=True)
class StatsFilter:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    department_id: int | None = None
    touchpoint_id: int | None = None
    category_id: int | None = None


def _local_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_default_timezone())


def filtered_cases(user: Any, flt: StatsFilter) -> QuerySet[Case]:
    qs = visible_cases(user).exclude(status=CaseStatus.MERGED)
    # Ranges on the indexed timestamp (not created_at::date) so PostgreSQL can use the index.
    if flt.date_from:
        qs = qs.filter(created_at__gte=_local_midnight(flt.date_from))
    if flt.date_to:
        qs = qs.filter(created_at__lt=_local_midnight(flt.date_to + dt.timedelta(days=1)))
    if flt.department_id:
        qs = qs.filter(department_id=flt.department_id)
    if flt.touchpoint_id:
        qs = qs.filter(touchpoint_id=flt.touchpoint_id)
    if flt.category_id:
        qs = qs.filter(Q(category_id=flt.category_id) | Q(category__parent_id=flt.category_id))
    return qs


DURATION_FIELDS = {"first_response": "first_response_business_seconds", "resolution": "resolution_business_seconds"}


def _duration_aggregates() -> dict[str, Any]:
    """Counts always; on PostgreSQL also median and p90 in the same scan (percentile_cont skips NULLs)."""
    result: dict[str, Any] = {}
    for key, field in DURATION_FIELDS.items():
        result[f"{key}_n"] = Count(field)
        if connection.vendor == "postgresql":
            result[f"{key}_percentiles"] = PercentilesCont(field, (0.5, 0.9))
    return result


def _durations(qs: QuerySet[Case], totals: dict[str, Any], key: str) -> dict[str, Any]:
    field = DURATION_FIELDS[key]
    if connection.vendor == "postgresql":
        median, p90 = totals[f"{key}_percentiles"] or (None, None)
    else:  # SQLite has no percentile_cont: the embedded default sorts the one column in Python
        seconds = sorted(float(v) for v in qs.filter(**{f"{field}__isnull": False}).values_list(field, flat=True))
        median, p90 = percentile(seconds, 0.5), percentile(seconds, 0.9)
    return {
        "n": totals[f"{key}_n"],
        "median_hours": None if median is None else round(median / HOUR, 2),
        "p90_hours": None if p90 is None else round(p90 / HOUR, 2),
    }


@dataclass
class Breakdown:
    """Counts from one grouped query (status × severity × touchpoint × root cause): one scan for four KPIs."""

    by_status: dict[str, int]
    by_severity: dict[str, int]
    by_touchpoint: dict[int, int]
    by_root_cause: dict[int, int]


def _breakdown(qs: QuerySet[Case]) -> Breakdown:
    result = Breakdown({}, {}, {}, {})
    rows = qs.values_list("status", "severity", "touchpoint_id", "root_cause_id").annotate(n=Count("pk")).order_by()
    for status, severity, touchpoint_id, root_cause_id, n in rows:
        result.by_status[status] = result.by_status.get(status, 0) + n
        result.by_severity[severity] = result.by_severity.get(severity, 0) + n
        if touchpoint_id is not None:
            result.by_touchpoint[touchpoint_id] = result.by_touchpoint.get(touchpoint_id, 0) + n
        if root_cause_id is not None:
            result.by_root_cause[root_cause_id] = result.by_root_cause.get(root_cause_id, 0) + n
    return result


def _complaint_rates(by_touchpoint: dict[int, int], flt: StatsFilter) -> list[dict[str, Any]]:
    from customers.models import Interaction
    from touchpoints.models import Touchpoint

    top = sorted(by_touchpoint.items(), key=lambda item: -item[1])[:25]
    ids = [touchpoint_id for touchpoint_id, _ in top]
    names = dict(Touchpoint.objects.filter(pk__in=ids).values_list("pk", "name"))
    interactions = Interaction.objects.filter(touchpoint_id__in=ids)
    if flt.date_from:
        interactions = interactions.filter(occurred_at__gte=_local_midnight(flt.date_from))
    if flt.date_to:
        interactions = interactions.filter(occurred_at__lt=_local_midnight(flt.date_to + dt.timedelta(days=1)))
    counts = dict(interactions.values_list("touchpoint_id").annotate(n=Count("pk")).values_list("touchpoint_id", "n"))
    return [
        {
            "touchpoint": touchpoint_id,
            "name": names.get(touchpoint_id, ""),
            "cases": cases,
            "interactions": counts.get(touchpoint_id, 0),
            "rate_percent": share(cases, counts.get(touchpoint_id, 0)),
        }
        for touchpoint_id, cases in top
    ]


def _root_causes(by_root_cause: dict[int, int]) -> list[dict[str, Any]]:
    names = dict(RootCause.objects.filter(pk__in=list(by_root_cause)).values_list("pk", "name"))
    rows = sorted(by_root_cause.items(), key=lambda item: (-item[1], names.get(item[0], "")))
    total = sum(by_root_cause.values())
    running = 0
    result = []
    for root_cause_id, cases in rows:
        running += cases
        result.append(
            {
                "root_cause": root_cause_id,
                "name": names.get(root_cause_id, ""),
                "cases": cases,
                "share_percent": share(cases, total),
                "cumulative_percent": share(running, total),
            }
        )
    return result


def _recovery(qs: QuerySet[Case]) -> dict[str, Any]:
    """NPS of complainants from answers before their complaint vs answers after its resolution."""
    try:
        from nps.choices import NPS_KINDS
        from nps.models import Response
    except ImportError:  # pragma: no cover - the NPS app is part of the platform
        return {"nps_before": None, "nps_after": None, "responses_before": 0, "responses_after": 0}
    cases = qs.filter(customer_id=OuterRef("customer_id"))
    responses = Response.objects.filter(survey__kind__in=NPS_KINDS, customer__isnull=False)
    before = responses.filter(Exists(cases.filter(created_at__gt=OuterRef("submitted_at"))))
    after = responses.filter(Exists(cases.filter(resolved_at__isnull=False, resolved_at__lt=OuterRef("submitted_at"))))

    def counts(rs: QuerySet[Any]) -> dict[str, int]:
        return rs.aggregate(
            n=Count("pk"), promoters=Count("pk", filter=Q(score__gte=9)), detractors=Count("pk", filter=Q(score__lte=6))
        )

    b, a = counts(before), counts(after)
    return {
        "nps_before": nps(b["promoters"], b["detractors"], b["n"]),
        "nps_after": nps(a["promoters"], a["detractors"], a["n"]),
        "responses_before": b["n"],
        "responses_after": a["n"],
    }


def complaint_stats(user: Any, flt: StatsFilter) -> dict[str, Any]:
    qs = filtered_cases(user, flt)
    done = Q(status__in=DONE_STATUSES)
    resolved = Q(resolved_at__isnull=False)
    totals = qs.aggregate(
        volume=Count("pk"),
        open=Count("pk", filter=Q(status__in=sorted(OPEN_STATUSES))),
        first_response_known=Count("pk", filter=Q(first_response_met__isnull=False)),
        first_response_in_time=Count("pk", filter=Q(first_response_met=True)),
        sla_known=Count("pk", filter=done & Q(policy__isnull=False)),
        sla_met=Count(
            "pk",
            filter=done
            & Q(policy__isnull=False, breached_at__isnull=True)
            & ~Q(resolution_met=False)
            & ~Q(first_response_met=False),
        ),
        resolved=Count("pk", filter=resolved),
        reopened=Count("pk", filter=Q(reopen_count__gt=0)),
        first_contact=Count("pk", filter=Q(resolved_at_first_contact=True)),
        breached_open=Count("pk", filter=Q(status__in=sorted(OPEN_STATUSES), breached_at__isnull=False)),
        remedy_total=Sum("remedy_cost"),
        remedy_cases=Count("pk", filter=Q(remedy_cost__gt=0)),
        satisfaction_n=Count("pk", filter=Q(satisfaction_overall__isnull=False)),
        satisfaction_overall=Avg("satisfaction_overall"),
        satisfaction_outcome=Avg("satisfaction_outcome"),
        satisfaction_treatment=Avg("satisfaction_treatment"),
        satisfaction_speed=Avg("satisfaction_speed"),
        **_duration_aggregates(),
    )
    breakdown = _breakdown(qs)

    def avg(key: str) -> float | None:
        value = totals[key]
        return None if value is None else round(float(value), 2)

    return {
        "filters": {
            "date_from": flt.date_from.isoformat() if flt.date_from else None,
            "date_to": flt.date_to.isoformat() if flt.date_to else None,
            "department": flt.department_id,
            "touchpoint": flt.touchpoint_id,
            "category": flt.category_id,
        },
        "volume": totals["volume"],
        "open": totals["open"],
        "open_breached": totals["breached_open"],
        "by_status": breakdown.by_status,
        "by_severity": breakdown.by_severity,
        "complaint_rate": _complaint_rates(breakdown.by_touchpoint, flt),
        "acknowledged_in_time_percent": share(totals["first_response_in_time"], totals["first_response_known"]),
        "first_response": _durations(qs, totals, "first_response"),
        "resolution": _durations(qs, totals, "resolution"),
        "sla_attainment_percent": share(totals["sla_met"], totals["sla_known"]),
        "reopen_rate_percent": share(totals["reopened"], totals["resolved"]),
        "first_contact_resolution_percent": share(totals["first_contact"], totals["resolved"]),
        "satisfaction": {
            "responses": totals["satisfaction_n"],
            "overall": avg("satisfaction_overall"),
            "outcome": avg("satisfaction_outcome"),
            "treatment": avg("satisfaction_treatment"),
            "speed": avg("satisfaction_speed"),
        },
        "recovery": _recovery(qs),
        "remedy_cost": {
            "total": str(Decimal(totals["remedy_total"] or 0).quantize(Decimal("0.01"))),
            "cases": totals["remedy_cases"],
        },
        "root_causes": _root_causes(breakdown.by_root_cause),
    }
