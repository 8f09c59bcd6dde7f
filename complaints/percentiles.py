"""Medians and p90s of the business-hours durations, the way percentile_cont computes them (NULLs skipped).

PostgreSQL: many values are read off the rank indexes (the values at the two ranks a fraction needs), few values
sorted by percentile_cont. The generic path (SQLite) sorts the column in Python; the rank walk is plain SQL and runs
on every backend, so tests hold all three to the same figures.
"""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import Aggregate, FloatField, QuerySet

from complaints.models import Case
from complaints.statmath import interpolate, percentile, percentile_ranks

DURATION_FIELDS = {"first_response": "first_response_business_seconds", "resolution": "resolution_business_seconds"}


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


PERCENTILE_FRACTIONS = (0.5, 0.9)
# Below this many values percentile_cont's sort costs a few milliseconds, less than walking an index whose entries
# the filter mostly skips (a department's 90 days); above it the walk, which reads at most half the index, wins.
RANK_WALK_MIN_VALUES = 20_000


def _values_at_ranks(qs: QuerySet[Case], field: str, n: int, low: int, high: int) -> tuple[float, float] | None:
    """The values at the 0-based ranks `low` and `high` (high is low or low + 1) of the non-null `field`.

    Walks the column's partial index (cx_case_*_rank) from the nearer end, so a p90 reads a tenth of the entries and
    a median half, instead of sorting the column. None when fewer rows are there than `n` says (only possible when
    the caller's own transaction is READ COMMITTED and rows changed since the count)."""
    present = qs.filter(**{f"{field}__isnull": False}).order_by()
    if low <= n - 1 - high:
        values = list(present.order_by(field).values_list(field, flat=True)[low : high + 1])
    else:
        values = list(present.order_by(f"-{field}").values_list(field, flat=True)[n - 1 - high : n - low])
        values.reverse()
    if len(values) != high - low + 1:
        return None
    return float(values[0]), float(values[-1])


Pair = tuple[float | None, float | None]


def walked_percentiles(qs: QuerySet[Case], field: str, n: int) -> tuple[float, float] | None:
    """Median and p90 of the `n` non-null values of `field` from the values at their ranks (plain ORDER BY … OFFSET
    … LIMIT, so it runs on every backend; on PostgreSQL a walk of the rank index). None when the rows do not match
    `n`."""
    found: list[float] = []
    for fraction in PERCENTILE_FRACTIONS:
        low, high, position = percentile_ranks(n, fraction)
        pair = _values_at_ranks(qs, field, n, low, high)
        if pair is None:
            return None
        found.append(interpolate(pair[0], pair[1], low, position))
    return found[0], found[1]


def median_and_p90(qs: QuerySet[Case], sums: dict[str, Any]) -> dict[str, Pair]:
    """Median and p90 of both stored business-second columns (percentile_cont's interpolation, NULLs skipped).

    PostgreSQL with many values: the values at the two ranks each fraction needs, read off the rank indexes (n comes
    from the counts of the grouped scan, read in the same snapshot). Fewer values, or rows that do not match the
    count: one percentile_cont query over the columns concerned. SQLite, which has neither, sorts in Python."""
    result: dict[str, Pair] = {key: (None, None) for key in DURATION_FIELDS}
    to_sort: list[str] = []
    for key, field in DURATION_FIELDS.items():
        n = sums[f"{key}_n"]
        if not n:
            continue
        walked = None
        if connection.vendor == "postgresql" and n >= RANK_WALK_MIN_VALUES:
            walked = walked_percentiles(qs, field, n)
        if walked is None:
            to_sort.append(key)
        else:
            result[key] = walked
    result.update(sorted_percentiles(qs, to_sort))
    return result


def sorted_percentiles(qs: QuerySet[Case], keys: list[str]) -> dict[str, Pair]:
    """Median and p90 of the columns of `keys` by sorting: percentile_cont (one query) or, on SQLite, in Python."""
    if not keys:
        return {}
    if connection.vendor == "postgresql":
        values = qs.order_by().aggregate(
            **{key: PercentilesCont(DURATION_FIELDS[key], PERCENTILE_FRACTIONS) for key in keys}
        )
        return {key: (values[key][0], values[key][1]) if values[key] else (None, None) for key in keys}
    return python_percentiles(qs, keys)


def python_percentiles(qs: QuerySet[Case], keys: list[str]) -> dict[str, Pair]:
    """The generic path: the column's values sorted in Python (SQLite has no percentile_cont)."""
    result: dict[str, Pair] = {}
    for key in keys:
        field = DURATION_FIELDS[key]
        seconds = sorted(float(v) for v in qs.filter(**{f"{field}__isnull": False}).values_list(field, flat=True))
        result[key] = (percentile(seconds, 0.5), percentile(seconds, 0.9))
    return result
