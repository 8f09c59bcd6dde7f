"""Rollup correctness: the table equals the raw data, incremental runs equal a full rebuild."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.db.models import Count, Q
from django.test import override_settings
from django.utils import timezone

from complaints.models import Case, CaseEvent
from dashboard.models import COUNTERS, DailyRollup, RollupWatermark
from dashboard.rollups import LOCK_KEY, rollup_lock, rollup_rebuild, rollup_refresh
from nps.models import Invitation, Response
from tests.dashboard import factories as f

pytestmark = pytest.mark.django_db


def snapshot() -> dict[tuple[Any, ...], tuple[int, ...]]:
    return {
        (r.day, r.touchpoint_id, r.department_id, r.segment): tuple(getattr(r, c) for c in COUNTERS)
        for r in DailyRollup.objects.all()
    }


def test_a_response_at_2330_utc_belongs_to_the_next_berlin_day(touchpoint: Any) -> None:
    f.response(at=f.utc(2026, 3, 9, 23, 30), score=10, touchpoint=touchpoint)  # 00:30 on 10 March in Berlin
    f.response(at=f.utc(2026, 7, 9, 21, 59), score=3, touchpoint=touchpoint)  # 23:59 CEST: still 9 July
    f.response(at=f.utc(2026, 7, 9, 22, 0), score=8, touchpoint=touchpoint)  # 00:00 CEST: 10 July
    rollup_rebuild()
    rows = {r.day: r for r in DailyRollup.objects.all()}
    assert rows[dt.date(2026, 3, 10)].promoters == 1
    assert dt.date(2026, 3, 9) not in rows
    assert rows[dt.date(2026, 7, 9)].detractors == 1
    assert rows[dt.date(2026, 7, 10)].passives == 1


def test_the_rollup_matches_the_raw_counts(touchpoint: Any, other_touchpoint: Any) -> None:
    cause = f.root_cause("Verpackung")
    for i in range(12):
        at = f.utc(2026, 5, 1 + i % 4, 10 + i)
        f.response(at=at, score=i % 11, touchpoint=touchpoint if i % 2 else other_touchpoint)
        f.case(at=at, touchpoint=touchpoint, root_cause=cause, resolved_at=at + dt.timedelta(hours=3),
               resolution_business_seconds=3600 * (i + 1), satisfaction_overall=i % 10, status="resolved")
        f.feedback(at=at, touchpoint=other_touchpoint, sentiment=["positive", "neutral", "negative"][i % 3])
        f.interaction(at=at, touchpoint=touchpoint)
    rollup_rebuild()
    sums = {c: sum(getattr(r, c) for r in DailyRollup.objects.all()) for c in COUNTERS}
    raw = Response.objects.aggregate(p=Count("pk", filter=Q(score__gte=9)), d=Count("pk", filter=Q(score__lte=6)))
    assert sums["responses"] == 12 == sums["invitations_sent"]
    assert (sums["promoters"], sums["detractors"]) == (raw["p"], raw["d"])
    assert sums["complaints_opened"] == Case.objects.count() == sums["complaints_resolved"]
    f.case(at=f.utc(2026, 5, 2, 9), touchpoint=touchpoint, breached_at=f.utc(2026, 5, 3, 9))
    rollup_rebuild()
    sums = {c: sum(getattr(r, c) for r in DailyRollup.objects.all()) for c in COUNTERS}
    assert (sums["complaints_open"], sums["complaints_open_breached"], sums["complaints_breached"]) == (1, 1, 1)
    assert sums["resolution_seconds_sum"] == 3600 * sum(range(1, 13))
    assert sums["satisfaction_count"] == 12 and sums["satisfaction_sum"] == sum(i % 10 for i in range(12))
    assert (sums["feedback_positive"], sums["feedback_neutral"], sums["feedback_negative"]) == (4, 4, 4)
    assert sums["interactions"] == 12
    by_tp = DailyRollup.objects.filter(touchpoint=other_touchpoint)
    assert {r.department_id for r in by_tp} == {other_touchpoint.department_id}


def test_incremental_equals_rebuild_across_days_and_changes(touchpoint: Any, other_touchpoint: Any) -> None:
    now = timezone.now()
    for i in range(6):
        f.response(at=now - dt.timedelta(days=i, hours=1), score=i, touchpoint=touchpoint)
    old_case = f.case(at=now - dt.timedelta(days=3), touchpoint=touchpoint)
    rollup_refresh()  # first run: full
    assert RollupWatermark.objects.count() == 5

    # New and changed rows on several days, including one just before a Berlin midnight.
    edited = Response.objects.order_by("pk").first()
    assert edited is not None
    Response.objects.filter(pk=edited.pk).update(score=10, category="promoter", updated_at=timezone.now())
    f.response(at=f.utc(2026, 1, 14, 23, 30), score=9, touchpoint=other_touchpoint)
    f.feedback(at=now - dt.timedelta(days=40), touchpoint=touchpoint, sentiment="positive")
    f.interaction(at=now - dt.timedelta(days=2), touchpoint=other_touchpoint)
    old_case.status = "resolved"
    old_case.resolved_at = timezone.now()
    old_case.resolution_business_seconds = 7200
    old_case.save()  # updated_at moves, created_at (the rollup day) stays

    result = rollup_refresh()
    assert result.ran and not result.full
    assert result.days >= 4
    incremental = snapshot()
    rollup_rebuild()
    assert incremental == snapshot()
    assert DailyRollup.objects.filter(day=dt.date(2026, 1, 15), promoters=1).exists()


def test_a_second_incremental_run_changes_nothing(touchpoint: Any) -> None:
    f.response(at=timezone.now(), score=9, touchpoint=touchpoint)
    rollup_refresh()
    before = snapshot()
    rollup_refresh()
    assert snapshot() == before


def test_a_second_runner_does_not_run_while_the_lock_is_held(touchpoint: Any) -> None:
    if connection.vendor == "postgresql":
        # The advisory lock belongs to a database session: another worker is another connection.
        other = connections.create_connection("default")
        try:
            with other.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_lock(%s)", [LOCK_KEY])
            assert rollup_rebuild().ran is False
            assert rollup_refresh().ran is False
            with other.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])
        finally:
            other.close()
    else:
        with rollup_lock() as first:
            assert first
            assert rollup_rebuild().ran is False
    assert rollup_rebuild().ran is True


def test_the_rebuild_command_recomputes_everything(touchpoint: Any) -> None:
    f.response(at=timezone.now(), score=2, touchpoint=touchpoint)
    DailyRollup.objects.create(day=dt.date(2020, 1, 1), responses=99)  # stale junk
    call_command("rebuild_rollups")
    assert not DailyRollup.objects.filter(day=dt.date(2020, 1, 1)).exists()
    assert DailyRollup.objects.get().detractors == 1


def test_case_satisfaction_answers_do_not_count_for_the_nps(touchpoint: Any) -> None:
    f.response(at=timezone.now(), score=0, touchpoint=touchpoint, kind="case_satisfaction")
    rollup_rebuild()
    assert not DailyRollup.objects.filter(responses__gt=0).exists()


@override_settings(DASHBOARD_ROLLUP_OVERLAP_SECONDS=0)
def test_case_changes_written_without_updated_at_are_picked_up_by_their_history_event(touchpoint: Any) -> None:
    case = f.case(at=timezone.now() - dt.timedelta(days=10), touchpoint=touchpoint)
    Case.objects.filter(pk=case.pk).update(updated_at=timezone.now() - dt.timedelta(days=10))
    rollup_refresh()
    # complaints/satisfaction.py stores the survey answer with queryset.update() and writes a history event.
    Case.objects.filter(pk=case.pk).update(satisfaction_overall=9)
    CaseEvent.objects.create(case=case, kind="satisfaction", created_at=timezone.now())
    rollup_refresh()
    assert DailyRollup.objects.get(complaints_opened=1).satisfaction_sum == 9
    incremental = snapshot()
    rollup_rebuild()
    assert snapshot() == incremental


def test_an_erased_customers_scores_leave_their_segment_with_the_next_incremental_run(touchpoint: Any) -> None:
    from customers.services import customer_erase
    from tests.factories import CustomerFactory

    customer = CustomerFactory(segment="premium")
    answered = timezone.now() - dt.timedelta(days=2)
    old = f.response(at=answered, score=3, touchpoint=touchpoint, customer=customer)
    Invitation.objects.filter(pk=old.invitation_id).update(created_at=answered)  # as it was, two days ago
    f.response(at=timezone.now(), score=9, touchpoint=touchpoint)  # the watermark moves past the first answer
    rollup_refresh()
    assert DailyRollup.objects.filter(segment="premium", detractors=1).exists()
    customer_erase(customer=customer)
    result = rollup_refresh()
    assert result.ran and not result.full
    assert not DailyRollup.objects.filter(segment="premium", detractors__gt=0).exists()
    assert DailyRollup.objects.filter(segment="", detractors=1).exists()
    incremental = snapshot()
    rollup_rebuild()
    assert incremental == snapshot()
