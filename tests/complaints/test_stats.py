"""KPIs aggregated in the database."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from complaints import services
from complaints.resolution_services import case_record_resolution
from complaints.statmath import nps, percentile
from complaints.stats import StatsFilter, complaint_stats
from tests.complaints.conftest import berlin
from tests.complaints.factories import RootCauseFactory
from tests.factories import InteractionFactory

pytestmark = pytest.mark.django_db


def test_percentile_matches_percentile_cont() -> None:
    assert percentile([1.0, 2.0, 3.0, 4.0], 0.5) == 2.5
    assert percentile([10.0], 0.9) == 10.0
    assert percentile([], 0.5) is None
    assert percentile([0.0, 10.0], 0.9) == 9.0
    assert nps(5, 2, 10) == 30.0


def test_kpis(make_case: Any, agent: Any, cceo: Any, touchpoint: Any, customer: Any) -> None:
    cause_a, cause_b = RootCauseFactory(name="Lager"), RootCauseFactory(name="Personal")
    for i, cause in enumerate([cause_a, cause_a, cause_b]):
        case = make_case(at=berlin(2026, 11, 23, 8))
        services.case_transition(case_id=case.pk, actor=agent, to="acknowledged", at=berlin(2026, 11, 23, 9 + i))
        services.case_transition(case_id=case.pk, actor=agent, to="resolved", at=berlin(2026, 11, 24, 8 + i))
        case_record_resolution(
            case_id=case.pk, actor=agent, outcome="upheld", remedy_cost=Decimal("10"), root_cause=cause
        )
    reopened = make_case(at=berlin(2026, 11, 23, 8))
    services.case_transition(case_id=reopened.pk, actor=agent, to="resolved", at=berlin(2026, 11, 23, 8, 30))
    services.case_transition(
        case_id=reopened.pk, actor=agent, to="reopened", note="nochmal", at=berlin(2026, 11, 23, 9)
    )
    make_case(at=berlin(2026, 11, 23, 8), resolved_at_first_contact=True)
    for _ in range(10):
        InteractionFactory(touchpoint=touchpoint, customer=customer, occurred_at=berlin(2026, 11, 23, 10))

    stats = complaint_stats(cceo, StatsFilter())
    assert stats["volume"] == 5
    assert stats["open"] == 1
    assert stats["acknowledged_in_time_percent"] == 100.0  # 1 h, 2 h, 3 h (first response due 4 h) + 2 immediate
    assert stats["first_response"]["n"] == 5
    assert stats["resolution"]["median_hours"] == 10.5  # 10, 11, 12 business hours + the first-contact case (0)
    assert stats["remedy_cost"] == {"total": "30.00", "cases": 3}
    assert [r["name"] for r in stats["root_causes"]] == ["Lager", "Personal"]
    assert stats["root_causes"][0]["cumulative_percent"] == pytest.approx(66.7)
    assert stats["root_causes"][1]["cumulative_percent"] == 100.0
    assert stats["complaint_rate"][0]["rate_percent"] == 50.0  # 5 cases / 10 interactions
    assert stats["first_contact_resolution_percent"] == 25.0  # 1 of 4 resolved
    assert stats["reopen_rate_percent"] == 25.0


def test_stats_are_scoped_and_filtered(
    make_case: Any, make_user: Any, other_department: Any, other_touchpoint: Any, agent: Any
) -> None:
    make_case()
    make_case(touchpoint=other_touchpoint)
    stranger = make_user("manager", username="fremd", department=other_department)
    assert complaint_stats(stranger, StatsFilter())["volume"] == 1
    assert complaint_stats(agent, StatsFilter(touchpoint_ids=(other_touchpoint.pk,)))["volume"] == 0


def test_sums_over_groups_and_constant_query_count(make_case: Any, cceo: Any, department: Any, touchpoint: Any) -> None:
    """The figures add up over the touchpoint × root cause groups of the one scan, and the number of queries does
    not grow with the number of touchpoints (no per-touchpoint subquery)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from complaints.models import Case
    from tests.factories import TouchpointFactory

    def count_queries() -> tuple[int, dict[str, Any]]:
        with CaptureQueriesContext(connection) as ctx:
            stats = complaint_stats(cceo, StatsFilter())
        return len(ctx.captured_queries), stats

    cause_a, cause_b = RootCauseFactory(name="Lager"), RootCauseFactory(name="Personal")
    first = make_case(severity="high")
    Case.objects.filter(pk=first.pk).update(root_cause=cause_a)
    few, _ = count_queries()
    others = [TouchpointFactory(department=department) for _ in range(3)]
    plan = [
        (touchpoint, cause_a, "low", 8, Decimal("12.50")),
        (others[0], cause_a, "high", 6, Decimal("0")),
        (others[1], cause_b, "low", None, Decimal("7.25")),
        (others[2], None, "critical", 3, Decimal("0")),
    ]
    for tp, cause, severity, score, cost in plan:
        case = make_case(touchpoint=tp, severity=severity)
        Case.objects.filter(pk=case.pk).update(
            root_cause=cause, satisfaction_overall=score, satisfaction_speed=score, remedy_cost=cost
        )
    many, stats = count_queries()
    assert many == few
    assert stats["volume"] == 5
    assert stats["by_severity"] == {"low": 2, "high": 2, "critical": 1}
    assert sum(stats["by_status"].values()) == 5
    assert stats["open"] == 5
    assert {row["touchpoint"]: row["cases"] for row in stats["complaint_rate"]} == {
        touchpoint.pk: 2,
        others[0].pk: 1,
        others[1].pk: 1,
        others[2].pk: 1,
    }
    assert [(row["name"], row["cases"]) for row in stats["root_causes"]] == [("Lager", 3), ("Personal", 1)]
    assert stats["satisfaction"] == {
        "responses": 3,
        "overall": round((8 + 6 + 3) / 3, 2),
        "outcome": None,
        "treatment": None,
        "speed": round((8 + 6 + 3) / 3, 2),
    }
    assert stats["remedy_cost"] == {"total": "19.75", "cases": 2}


@pytest.mark.parametrize("walk_from", [1, 20_000], ids=["rank-walk", "sort"])
@pytest.mark.parametrize(
    "durations", [[5400], [3600, 7200], [60, 60, 60, 7200, 90000], list(range(600, 600 * 40, 600))]
)
def test_median_and_p90_equal_percentile_cont(
    make_case: Any, cceo: Any, other_touchpoint: Any, durations: list[int], walk_from: int, monkeypatch: Any
) -> None:
    """The rank-index walks (used from RANK_WALK_MIN_VALUES values on) give exactly what percentile_cont gives, for
    the whole company and a filtered subset; SQLite's Python sort gives the same."""
    from django.db import connection

    from complaints.models import Case

    monkeypatch.setattr("complaints.percentiles.RANK_WALK_MIN_VALUES", walk_from)

    for i, seconds in enumerate(durations):
        case = make_case(touchpoint=other_touchpoint if i % 3 == 0 else None)
        Case.objects.filter(pk=case.pk).update(
            first_response_business_seconds=seconds, resolution_business_seconds=seconds * 3 + i
        )
    make_case()  # not measured: NULLs are skipped
    for flt in (StatsFilter(), StatsFilter(touchpoint_ids=(other_touchpoint.pk,))):
        stats = complaint_stats(cceo, flt)
        chosen = [s for i, s in enumerate(durations) if flt.touchpoint_ids is None or i % 3 == 0]
        resolution = sorted(s * 3 + i for i, s in enumerate(durations) if flt.touchpoint_ids is None or i % 3 == 0)
        expected = {
            "first_response": [percentile(sorted(map(float, chosen)), f) for f in (0.5, 0.9)],
            "resolution": [percentile([float(v) for v in resolution], f) for f in (0.5, 0.9)],
        }
        if connection.vendor == "postgresql":
            from complaints.percentiles import DURATION_FIELDS, PercentilesCont
            from complaints.stats import filtered_cases

            cont = filtered_cases(cceo, flt).aggregate(
                **{key: PercentilesCont(field, (0.5, 0.9)) for key, field in DURATION_FIELDS.items()}
            )
            assert cont["first_response"] == pytest.approx(expected["first_response"])
            assert cont["resolution"] == pytest.approx(expected["resolution"])
        for key, (median, p90) in expected.items():
            assert stats[key]["n"] == len(chosen)
            assert stats[key]["median_hours"] == round(median / 3600, 2)
            assert stats[key]["p90_hours"] == round(p90 / 3600, 2)


def test_percentiles_fall_back_when_the_count_does_not_match_the_rows(
    make_case: Any, cceo: Any, monkeypatch: Any
) -> None:
    """A count that does not match the rows (possible only inside a caller's READ COMMITTED transaction) falls back
    to an exact percentile over the column instead of failing or reading past the end."""
    from complaints.models import Case
    from complaints.percentiles import median_and_p90
    from complaints.stats import filtered_cases

    monkeypatch.setattr("complaints.percentiles.RANK_WALK_MIN_VALUES", 1)
    for seconds in (3600, 7200, 10800):
        case = make_case()
        Case.objects.filter(pk=case.pk).update(first_response_business_seconds=seconds)
    stale = {"first_response_n": 100, "resolution_n": 0}
    result = median_and_p90(filtered_cases(cceo, StatsFilter()), stale)
    assert result["first_response"] == (7200.0, pytest.approx(10080.0))
    assert result["resolution"] == (None, None)


@pytest.mark.django_db(transaction=True)
def test_scan_and_rank_lookups_read_one_snapshot(make_case: Any, cceo: Any) -> None:
    """Outside a transaction the stats run in one read-only REPEATABLE READ transaction on PostgreSQL."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from complaints.models import Case

    case = make_case()
    Case.objects.filter(pk=case.pk).update(first_response_business_seconds=5400)
    with CaptureQueriesContext(connection) as ctx:
        stats = complaint_stats(cceo, StatsFilter())
    assert stats["first_response"] == {"n": 1, "median_hours": 1.5, "p90_hours": 1.5}
    isolation = [q["sql"] for q in ctx.captured_queries if "ISOLATION" in q["sql"]]
    assert isolation == (
        ["SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"] if connection.vendor == "postgresql" else []
    )


def test_every_percentile_path_gives_the_same_figures_on_this_backend(
    make_case: Any, cceo: Any, other_touchpoint: Any
) -> None:
    """The rank walk (plain SQL, used on PostgreSQL), the backend's sort (percentile_cont on PostgreSQL, Python on
    SQLite) and the generic Python path agree on the same rows; run on both backends by CI."""
    from django.db import connection

    from complaints.models import Case
    from complaints.percentiles import DURATION_FIELDS, python_percentiles, sorted_percentiles, walked_percentiles
    from complaints.stats import filtered_cases

    durations = [60, 61, 600, 3600, 3601, 7200, 9000, 86400, 90000, 172800, 5, 7]
    for i, seconds in enumerate(durations):
        case = make_case(touchpoint=other_touchpoint if i % 2 else None)
        Case.objects.filter(pk=case.pk).update(
            first_response_business_seconds=seconds, resolution_business_seconds=seconds * 2 + i
        )
    make_case()  # no durations yet: skipped by every path
    for flt in (StatsFilter(), StatsFilter(touchpoint_ids=(other_touchpoint.pk,))):
        qs = filtered_cases(cceo, flt)
        keys = list(DURATION_FIELDS)
        python = python_percentiles(qs, keys)
        native = sorted_percentiles(qs, keys)
        for key, field in DURATION_FIELDS.items():
            n = qs.filter(**{f"{field}__isnull": False}).count()
            walked = walked_percentiles(qs, field, n)
            assert walked is not None
            assert walked == pytest.approx(python[key]), (connection.vendor, key)
            assert native[key] == pytest.approx(python[key]), (connection.vendor, key)
        chosen = [s for i, s in enumerate(durations) if not flt.touchpoint_ids or i % 2]
        assert python["first_response"] == pytest.approx(
            (percentile(sorted(map(float, chosen)), 0.5), percentile(sorted(map(float, chosen)), 0.9))
        )


def test_the_stats_api_gives_the_same_figures_on_every_path(
    api_as: Any, make_case: Any, cceo: Any, monkeypatch: Any
) -> None:
    """Through the endpoint: rank walk forced on (PostgreSQL) and off give the same answer."""
    from complaints.models import Case

    for i, seconds in enumerate([3600, 5400, 7200, 36000, 1800]):
        case = make_case()
        Case.objects.filter(pk=case.pk).update(
            first_response_business_seconds=seconds, resolution_business_seconds=seconds * 4 + i
        )
    client = api_as(cceo)
    monkeypatch.setattr("complaints.percentiles.RANK_WALK_MIN_VALUES", 1)
    walked = client.get("/api/v1/complaints/stats/").json()
    monkeypatch.setattr("complaints.percentiles.RANK_WALK_MIN_VALUES", 10**9)
    sorted_ = client.get("/api/v1/complaints/stats/").json()
    assert walked == sorted_
    assert walked["first_response"] == {"n": 5, "median_hours": 1.5, "p90_hours": 6.8}
