"""Keeping the rollup table current: incremental refresh by watermark, full rebuild, one runner at a time.

Every counter is attributed to the Europe/Berlin local day of a timestamp that never changes for its row
(response submitted, invitation sent, case received, feedback received, interaction occurred). An
incremental run therefore finds the days touched by rows created or changed since the watermark and
recomputes exactly those days (delete + insert in one transaction). Deleted rows and segment changes made
without touching the row are picked up by the nightly rebuild.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from complaints.choices import DONE_STATUSES, OPEN_STATUSES, CaseStatus
from complaints.models import Case, CaseEvent
from customers.models import Interaction
from dashboard.choices import RollupSource
from dashboard.models import COUNTERS, DailyRollup, DailyRootCause, RollupWatermark
from feedback.models import Feedback
from nps.choices import NPS_KINDS, Category
from nps.models import Invitation, Response

logger = logging.getLogger(__name__)

LOCK_KEY = 0x44415348  # "DASH": the advisory lock id of the rollup job
CACHE_LOCK = "dashboard:rollup-lock"

Key = tuple[dt.date, int | None, int | None, str]


def berlin() -> ZoneInfo:
    return ZoneInfo(getattr(settings, "DASHBOARD_TIME_ZONE", "Europe/Berlin"))


def day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=berlin())


def local_day(field: str) -> TruncDate:
    return TruncDate(field, tzinfo=berlin())


@dataclass(frozen=True)
class RefreshResult:
    ran: bool  # False when another run held the lock
    full: bool
    days: int
    rows: int
    seconds: float


# --- the sources --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    name: str
    day_field: str
    changed_fields: tuple[str, ...]

    def base(self) -> QuerySet[Any]:
        raise NotImplementedError

    def aggregate(self, qs: QuerySet[Any]) -> QuerySet[Any]:
        raise NotImplementedError

    def changed_since(self, since: dt.datetime) -> Q:
        changed = Q(pk__in=[])
        for field in self.changed_fields:
            changed |= Q(**{f"{field}__gt": since})
        return changed


class ResponseSource(Source):
    def base(self) -> QuerySet[Any]:
        return Response.objects.filter(survey__kind__in=NPS_KINDS)

    def aggregate(self, qs: QuerySet[Any]) -> QuerySet[Any]:
        return qs.values(day=local_day("submitted_at"), tp=F("touchpoint_id"), dept=F("department_id"),
                         seg=F("segment")).annotate(
            responses=Count("pk"),
            promoters=Count("pk", filter=Q(category=Category.PROMOTER)),
            passives=Count("pk", filter=Q(category=Category.PASSIVE)),
            detractors=Count("pk", filter=Q(category=Category.DETRACTOR)),
        )


class InvitationSource(Source):
    def base(self) -> QuerySet[Any]:
        return Invitation.objects.filter(sent_at__isnull=False, survey__kind__in=NPS_KINDS)

    def aggregate(self, qs: QuerySet[Any]) -> QuerySet[Any]:
        return qs.values(day=local_day("sent_at"), tp=F("touchpoint_id"), dept=F("touchpoint__department_id"),
                         seg=Coalesce(F("customer__segment"), Value(""))).annotate(invitations_sent=Count("pk"))


class CaseSource(Source):
    def base(self) -> QuerySet[Any]:
        return Case.objects.exclude(status=CaseStatus.MERGED)

    def changed_since(self, since: dt.datetime) -> Q:
        # Some case writes use queryset.update() (SLA breach, satisfaction) and leave updated_at alone; every
        # change writes a history event, so a new event marks its case as changed too.
        events = CaseEvent.objects.filter(case_id=OuterRef("pk"), created_at__gt=since)
        return super().changed_since(since) | Q(Exists(events))

    def aggregate(self, qs: QuerySet[Any]) -> QuerySet[Any]:
        done = Q(status__in=DONE_STATUSES, policy__isnull=False)
        met = done & Q(breached_at__isnull=True) & ~Q(resolution_met=False) & ~Q(first_response_met=False)
        return qs.values(day=local_day("created_at"), tp=F("touchpoint_id"), dept=F("department_id"),
                         seg=Coalesce(F("customer__segment"), Value(""))).annotate(
            complaints_opened=Count("pk"),
            complaints_open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
            complaints_open_breached=Count("pk", filter=Q(status__in=OPEN_STATUSES, breached_at__isnull=False)),
            complaints_resolved=Count("pk", filter=Q(resolved_at__isnull=False)),
            complaints_breached=Count("pk", filter=Q(breached_at__isnull=False)),
            complaints_sla_due=Count("pk", filter=done),
            complaints_sla_met=Count("pk", filter=met),
            resolution_seconds_sum=Coalesce(Sum("resolution_business_seconds"), 0),
            resolution_count=Count("pk", filter=Q(resolution_business_seconds__isnull=False)),
            satisfaction_sum=Coalesce(Sum("satisfaction_overall"), 0),
            satisfaction_count=Count("pk", filter=Q(satisfaction_overall__isnull=False)),
        )


class FeedbackSource(Source):
    def base(self) -> QuerySet[Any]:
        return Feedback.objects.all()

    def aggregate(self, qs: QuerySet[Any]) -> QuerySet[Any]:
        return qs.values(day=local_day("created_at"), tp=F("touchpoint_id"), dept=F("department_id"),
                         seg=Coalesce(F("customer__segment"), Value(""))).annotate(
            feedback_positive=Count("pk", filter=Q(sentiment="positive")),
            feedback_neutral=Count("pk", filter=Q(sentiment="neutral")),
            feedback_negative=Count("pk", filter=Q(sentiment="negative")),
        )


class InteractionSource(Source):
    def base(self) -> QuerySet[Any]:
        return Interaction.objects.all()

    def aggregate(self, qs: QuerySet[Any]) -> QuerySet[Any]:
        return qs.values(day=local_day("occurred_at"), tp=F("touchpoint_id"), dept=F("touchpoint__department_id"),
                         seg=F("customer__segment")).annotate(interactions=Count("pk"))


SOURCES: tuple[Source, ...] = (
    ResponseSource(RollupSource.RESPONSES, "submitted_at", ("updated_at", "submitted_at")),
    InvitationSource(RollupSource.INVITATIONS, "sent_at", ("created_at", "sent_at")),
    CaseSource(RollupSource.CASES, "created_at", ("updated_at", "created_at", "resolved_at", "breached_at")),
    FeedbackSource(RollupSource.FEEDBACK, "created_at", ("updated_at", "created_at")),
    InteractionSource(RollupSource.INTERACTIONS, "occurred_at", ("created_at",)),
)


# --- day arithmetic -------------------------------------------------------------------------------------------


def day_runs(days: Iterable[dt.date]) -> list[tuple[dt.date, dt.date]]:
    """Contiguous runs of days as (first, last) pairs, so a filter needs one range per run."""
    runs: list[tuple[dt.date, dt.date]] = []
    for day in sorted(set(days)):
        if runs and runs[-1][1] + dt.timedelta(days=1) == day:
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


def in_days(field: str, days: Iterable[dt.date]) -> Q:
    condition = Q(pk__in=[])
    for first, last in day_runs(days):
        condition |= Q(**{f"{field}__gte": day_start(first), f"{field}__lt": day_start(last + dt.timedelta(days=1))})
    return condition


def touched_days(source: Source, since: dt.datetime) -> set[dt.date]:
    rows = (
        source.base()
        .filter(source.changed_since(since))
        .annotate(local=local_day(source.day_field))
        .values_list("local", flat=True)
        .distinct()
    )
    return {day for day in rows if day is not None}


# --- computing and writing ------------------------------------------------------------------------------------


def compute_root_causes(days: set[dt.date] | None) -> list[DailyRootCause]:
    qs = CaseSource(RollupSource.CASES, "created_at", ()).base().filter(root_cause__isnull=False)
    if days is not None:
        qs = qs.filter(in_days("created_at", days))
    rows = qs.values(day=local_day("created_at"), tp=F("touchpoint_id"), dept=F("department_id"),
                     seg=Coalesce(F("customer__segment"), Value("")), cause=F("root_cause_id")).annotate(n=Count("pk"))
    return [
        DailyRootCause(day=row["day"], touchpoint_id=row["tp"], department_id=row["dept"], segment=row["seg"] or "",
                       root_cause_id=row["cause"], cases=row["n"])
        for row in rows.order_by()
    ]


def compute(days: set[dt.date] | None) -> dict[Key, dict[str, int]]:
    """All counters of the given days (every day when None), straight from the source tables."""
    rows: dict[Key, dict[str, int]] = {}
    for source in SOURCES:
        qs = source.base()
        if days is not None:
            qs = qs.filter(in_days(source.day_field, days))
        for row in source.aggregate(qs).order_by():
            if row["day"] is None:
                continue
            key: Key = (row.pop("day"), row.pop("tp"), row.pop("dept"), row.pop("seg") or "")
            counters = rows.setdefault(key, dict.fromkeys(COUNTERS, 0))
            for name, value in row.items():
                counters[name] += int(value or 0)
    return rows


def _write(days: set[dt.date] | None, rows: dict[Key, dict[str, int]], causes: list[DailyRootCause]) -> int:
    for model in (DailyRollup, DailyRootCause):
        stale = model.objects.all() if days is None else model.objects.filter(day__in=days)
        stale.delete()
    DailyRootCause.objects.bulk_create(causes, batch_size=2000)
    objs = [
        DailyRollup(day=day, touchpoint_id=tp, department_id=dept, segment=seg, **counters)
        for (day, tp, dept, seg), counters in rows.items()
        if any(counters.values())
    ]
    DailyRollup.objects.bulk_create(objs, batch_size=2000)
    return len(objs)


def _advance(processed_until: dt.datetime, days: int) -> None:
    now = timezone.now()
    for source in SOURCES:
        RollupWatermark.objects.update_or_create(
            source=source.name, defaults={"processed_until": processed_until, "last_run_at": now, "last_days": days}
        )


@contextlib.contextmanager
def rollup_lock() -> Iterator[bool]:
    """One runner at a time: a PostgreSQL advisory lock, or a cache lock on the embedded database."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [LOCK_KEY])
            acquired = bool(cursor.fetchone()[0])
        try:
            yield acquired
        finally:
            if acquired:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])
        return
    acquired = cache.add(CACHE_LOCK, "1", timeout=getattr(settings, "DASHBOARD_ROLLUP_LOCK_SECONDS", 900))
    try:
        yield acquired
    finally:
        if acquired:
            cache.delete(CACHE_LOCK)


def rollup_rebuild() -> RefreshResult:
    """Recompute the whole table from the source data (manage.py rebuild_rollups, nightly job)."""
    started = time.monotonic()
    with rollup_lock() as acquired:
        if not acquired:
            return RefreshResult(ran=False, full=True, days=0, rows=0, seconds=0.0)
        processed_until = timezone.now()
        rows = compute(None)
        causes = compute_root_causes(None)
        with transaction.atomic():
            written = _write(None, rows, causes)
            days = len({key[0] for key in rows})
            _advance(processed_until, days)
    result = RefreshResult(ran=True, full=True, days=days, rows=written, seconds=time.monotonic() - started)
    logger.info("rollup rebuilt", extra={"days": result.days, "rows": result.rows, "seconds": result.seconds})
    return result


def rollup_refresh() -> RefreshResult:
    """Fold everything changed since the watermark into the table; the first run is a full rebuild."""
    started = time.monotonic()
    watermarks = dict(RollupWatermark.objects.values_list("source", "processed_until"))
    if any(source.name not in watermarks for source in SOURCES):
        return rollup_rebuild()
    overlap = dt.timedelta(seconds=getattr(settings, "DASHBOARD_ROLLUP_OVERLAP_SECONDS", 300))
    with rollup_lock() as acquired:
        if not acquired:
            return RefreshResult(ran=False, full=False, days=0, rows=0, seconds=0.0)
        processed_until = timezone.now()
        days: set[dt.date] = set()
        for source in SOURCES:
            # The overlap catches rows whose transaction committed after the last run started.
            days |= touched_days(source, watermarks[source.name] - overlap)
        rows = compute(days) if days else {}
        causes = compute_root_causes(days) if days else []
        with transaction.atomic():
            written = _write(days, rows, causes) if days else 0
            _advance(processed_until, len(days))
    return RefreshResult(ran=True, full=False, days=len(days), rows=written, seconds=time.monotonic() - started)
