"""Complaint KPIs, aggregated in the database, for GET complaints/stats/ and the page.

On the case table: one grouped conditional-aggregate scan (every count and sum, grouped by touchpoint × root cause)
and, for the medians and p90s, short walks of two rank indexes; no case row is loaded into Python.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Aggregate, Count, Exists, OuterRef, Q, QuerySet, Sum

from accounts.models import User
from complaints.choices import DONE_STATUSES, OPEN_STATUSES, CaseStatus, Severity
from complaints.models import Case, Category, RootCause
from complaints.percentiles import DURATION_FIELDS, Pair, median_and_p90
from complaints.percentiles import PercentileCont as PercentileCont  # the dashboard's medians use it too
from complaints.selectors import visible_cases
from complaints.statmath import nps, share
from core.dates import day_end, day_start

HOUR = 3600.0


@dataclass(frozen=True)
class StatsFilter:
    """The period (local days, inclusive) and the relations to count; None: not filtered, (): nothing matches."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    department_ids: tuple[int, ...] | None = None
    touchpoint_ids: tuple[int, ...] | None = None
    category_ids: tuple[int, ...] | None = None


def _ids(data: Mapping[str, Any], *names: str) -> tuple[int, ...] | None:
    """The ids chosen under `names` (e.g. `department` and `department_slug`); both given: the ones in both."""
    chosen: set[int] | None = None
    for name in names:
        objects = data.get(name)
        if objects:
            ids = {obj.pk for obj in objects}
            chosen = ids if chosen is None else chosen & ids
    return None if chosen is None else tuple(sorted(chosen))


def stats_filter(params: Mapping[str, Any]) -> StatsFilter:
    """The stats' filter from query parameters (the case list's names); ValidationError (400) on bad input."""
    from complaints.filters import CaseStatsFilterSet

    filterset = CaseStatsFilterSet(params, queryset=Case.objects.none())
    if not filterset.is_valid():
        raise ValidationError({field: list(errors) for field, errors in filterset.errors.items()})
    data = filterset.form.cleaned_data
    return StatsFilter(
        date_from=data.get("date_from"),
        date_to=data.get("date_to"),
        department_ids=_ids(data, "department", "department_slug"),
        touchpoint_ids=_ids(data, "touchpoint", "touchpoint_slug"),
        category_ids=_ids(data, "category"),
    )


def filtered_cases(user: User | None, flt: StatsFilter) -> QuerySet[Case]:
    qs = visible_cases(user).exclude(status=CaseStatus.MERGED)
    # Ranges on the indexed timestamp (not created_at::date) so PostgreSQL can use the index.
    if flt.date_from:
        qs = qs.filter(created_at__gte=day_start(flt.date_from))
    if flt.date_to:
        qs = qs.filter(created_at__lt=day_end(flt.date_to))
    if flt.department_ids is not None:
        qs = qs.filter(department_id__in=flt.department_ids)
    if flt.touchpoint_ids is not None:
        qs = qs.filter(touchpoint_id__in=flt.touchpoint_ids)
    if flt.category_ids is not None:
        # The categories and their subcategories as an id subquery (no join: the rank walks filter on the index).
        chosen = flt.category_ids
        family = Category.objects.filter(Q(pk__in=chosen) | Q(parent_id__in=chosen)).values("pk")
        qs = qs.filter(category_id__in=family)
    return qs


SATISFACTION_FIELDS = ("overall", "outcome", "treatment", "speed")
# Grouping of the one scan: the complaint rate needs cases per touchpoint, the Pareto chart cases per root cause.
GROUP_KEYS = ("touchpoint_id", "root_cause_id")


def _count_aggregates() -> dict[str, Aggregate]:
    """Every count of the KPIs as `COUNT(…) FILTER (WHERE …)` / sums, evaluated in one grouped scan.

    Only additive aggregates (counts and sums; averages as sum and count), so that the rows per touchpoint × root
    cause add up exactly to the totals; status and severity are conditional counts instead of grouping keys, which
    keeps the hash table small (at most touchpoints × root causes groups).
    """
    open_q = Q(status__in=sorted(OPEN_STATUSES))
    done = Q(status__in=sorted(DONE_STATUSES))
    result: dict[str, Aggregate] = {
        "volume": Count("*"),
        "first_response_known": Count("pk", filter=Q(first_response_met__isnull=False)),
        "first_response_in_time": Count("pk", filter=Q(first_response_met=True)),
        "sla_known": Count("pk", filter=done & Q(policy__isnull=False)),
        "sla_met": Count(
            "pk",
            filter=done
            & Q(policy__isnull=False, breached_at__isnull=True)
            & ~Q(resolution_met=False)
            & ~Q(first_response_met=False),
        ),
        "resolved": Count("pk", filter=Q(resolved_at__isnull=False)),
        "reopened": Count("pk", filter=Q(reopen_count__gt=0)),
        "first_contact": Count("pk", filter=Q(resolved_at_first_contact=True)),
        "breached_open": Count("pk", filter=open_q & Q(breached_at__isnull=False)),
        # Zero costs add nothing: summing only the positive ones halves the (slow) numeric additions.
        "remedy_total": Sum("remedy_cost", filter=Q(remedy_cost__gt=0)),
        "remedy_cases": Count("pk", filter=Q(remedy_cost__gt=0)),
    }
    for key in SATISFACTION_FIELDS:
        result[f"satisfaction_{key}_n"] = Count(f"satisfaction_{key}")
        result[f"satisfaction_{key}_sum"] = Sum(f"satisfaction_{key}")
    for key, field in DURATION_FIELDS.items():
        result[f"{key}_n"] = Count(field)
    for status in CaseStatus.values:
        result[f"status_{status}"] = Count("pk", filter=Q(status=status))
    for severity in Severity.values:
        result[f"severity_{severity}"] = Count("pk", filter=Q(severity=severity))
    return result


@dataclass
class Totals:
    """The additive KPIs summed over the groups of the one scan, plus the group counts for the breakdowns."""

    sums: dict[str, Any]
    by_status: dict[str, int]
    by_severity: dict[str, int]
    by_touchpoint: dict[int, int]
    by_root_cause: dict[int, int]


def _totals(qs: QuerySet[Case]) -> Totals:
    aggregates = _count_aggregates()
    rows = qs.order_by().values(*GROUP_KEYS).annotate(**aggregates)
    sums: dict[str, Any] = {key: 0 for key in aggregates}
    by_touchpoint: dict[int, int] = {}
    by_root_cause: dict[int, int] = {}
    for row in rows:  # one row per touchpoint × root cause (a few hundred), never one per case
        for key in aggregates:
            if row[key] is not None:
                sums[key] += row[key]
        if row["touchpoint_id"] is not None:
            by_touchpoint[row["touchpoint_id"]] = by_touchpoint.get(row["touchpoint_id"], 0) + row["volume"]
        if row["root_cause_id"] is not None:
            by_root_cause[row["root_cause_id"]] = by_root_cause.get(row["root_cause_id"], 0) + row["volume"]
    return Totals(
        sums=sums,
        by_status={s: sums[f"status_{s}"] for s in CaseStatus.values if sums[f"status_{s}"]},
        by_severity={s: sums[f"severity_{s}"] for s in Severity.values if sums[f"severity_{s}"]},
        by_touchpoint=by_touchpoint,
        by_root_cause=by_root_cause,
    )


def _durations(sums: dict[str, Any], percentiles: dict[str, Pair], key: str) -> dict[str, Any]:
    median, p90 = percentiles[key]
    return {
        "n": sums[f"{key}_n"],
        "median_hours": None if median is None else round(median / HOUR, 2),
        "p90_hours": None if p90 is None else round(p90 / HOUR, 2),
    }


def _complaint_rates(by_touchpoint: dict[int, int], flt: StatsFilter) -> list[dict[str, Any]]:
    from customers.models import Interaction
    from touchpoints.models import Touchpoint

    top = sorted(by_touchpoint.items(), key=lambda item: (-item[1], item[0]))[:25]
    ids = [touchpoint_id for touchpoint_id, _ in top]
    names = dict(Touchpoint.objects.filter(pk__in=ids).values_list("pk", "name"))
    interactions = Interaction.objects.filter(touchpoint_id__in=ids)
    if flt.date_from:
        interactions = interactions.filter(occurred_at__gte=day_start(flt.date_from))
    if flt.date_to:
        interactions = interactions.filter(occurred_at__lt=day_end(flt.date_to))
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


@contextlib.contextmanager
def _one_snapshot() -> Iterator[None]:
    """On PostgreSQL outside a transaction: one read-only REPEATABLE READ snapshot for the scan and the rank lookups,
    so the counts the ranks are computed from describe the very rows the lookups walk."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def complaint_stats(user: User | None, flt: StatsFilter) -> dict[str, Any]:
    """All KPIs of the filter; on the case table one grouped conditional-aggregate scan plus the rank lookups."""
    qs = filtered_cases(user, flt)
    with _one_snapshot():
        totals = _totals(qs)
        sums = totals.sums
        percentiles = median_and_p90(qs, sums)

    def avg(key: str) -> float | None:
        n = sums[f"satisfaction_{key}_n"]
        return None if not n else round(sums[f"satisfaction_{key}_sum"] / n, 2)

    return {
        "filters": {
            "date_from": flt.date_from.isoformat() if flt.date_from else None,
            "date_to": flt.date_to.isoformat() if flt.date_to else None,
            "department": None if flt.department_ids is None else list(flt.department_ids),
            "touchpoint": None if flt.touchpoint_ids is None else list(flt.touchpoint_ids),
            "category": None if flt.category_ids is None else list(flt.category_ids),
        },
        "volume": sums["volume"],
        "open": sum(totals.by_status.get(status, 0) for status in OPEN_STATUSES),
        "open_breached": sums["breached_open"],
        "by_status": totals.by_status,
        "by_severity": totals.by_severity,
        "complaint_rate": _complaint_rates(totals.by_touchpoint, flt),
        "acknowledged_in_time_percent": share(sums["first_response_in_time"], sums["first_response_known"]),
        "first_response": _durations(sums, percentiles, "first_response"),
        "resolution": _durations(sums, percentiles, "resolution"),
        "sla_attainment_percent": share(sums["sla_met"], sums["sla_known"]),
        "reopen_rate_percent": share(sums["reopened"], sums["resolved"]),
        "first_contact_resolution_percent": share(sums["first_contact"], sums["resolved"]),
        "satisfaction": {
            "responses": sums["satisfaction_overall_n"],
            "overall": avg("overall"),
            "outcome": avg("outcome"),
            "treatment": avg("treatment"),
            "speed": avg("speed"),
        },
        "recovery": _recovery(qs),
        "remedy_cost": {
            "total": str(Decimal(sums["remedy_total"] or 0).quantize(Decimal("0.01"))),
            "cases": sums["remedy_cases"],
        },
        "root_causes": _root_causes(totals.by_root_cause),
    }
