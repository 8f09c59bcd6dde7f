"""Pure dashboard arithmetic (no Django): shares, buckets, health levels, importance and quadrants.

NPS, its interval and the two-period test come from nps.stats; nothing here re-implements them.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence

MIN_SAMPLE = 10  # fewer observations than this: greyed out, no colour, no verdict

GOOD = "good"
FAIR = "fair"
POOR = "poor"
UNKNOWN = "unknown"
_RANK = {GOOD: 0, FAIR: 1, POOR: 2}


def share(part: float, whole: float) -> float | None:
    """Percentage with one decimal; None when there is nothing to divide by (never a division by zero)."""
    return None if not whole else round(100.0 * part / whole, 1)


def ratio(part: float, whole: float) -> float | None:
    return None if not whole else part / whole


def bucket_size(first: dt.date, last: dt.date) -> str:
    """Chart granularity for a period: days up to a month, weeks up to ~half a year, months beyond."""
    length = (last - first).days + 1
    if length <= 31:
        return "day"
    if length <= 190:
        return "week"
    return "month"


def bucket_of(day: dt.date, size: str) -> dt.date:
    if size == "week":
        return day - dt.timedelta(days=day.weekday())
    if size == "month":
        return day.replace(day=1)
    return day


def buckets(first: dt.date, last: dt.date, size: str) -> list[dt.date]:
    """Every bucket start of the period, so gaps without data stay visible on the charts."""
    result: list[dt.date] = []
    day = first
    while day <= last:
        start = bucket_of(day, size)
        if not result or result[-1] != start:
            result.append(start)
        day += dt.timedelta(days=1)
    return result


def _level(value: float, *, poor_below: float | None = None, poor_above: float | None = None,
           good_from: float | None = None, good_below: float | None = None) -> str:
    if poor_below is not None and value < poor_below:
        return POOR
    if poor_above is not None and value > poor_above:
        return POOR
    if good_from is not None and value >= good_from:
        return GOOD
    if good_below is not None and value < good_below:
        return GOOD
    return FAIR


def health_level(
    *,
    nps: float | None,
    responses: int,
    complaints: int,
    interactions: int,
    negative: int,
    feedback: int,
    min_sample: int = MIN_SAMPLE,
) -> str:
    """Worst of the signals that have enough data: NPS, complaints per interaction, share of negative feedback."""
    levels = []
    if nps is not None and responses >= min_sample:
        levels.append(_level(nps, poor_below=0.0, good_from=30.0))
    if interactions >= min_sample:
        levels.append(_level(100.0 * complaints / interactions, poor_above=5.0, good_below=1.0))
    if feedback >= min_sample:
        levels.append(_level(100.0 * negative / feedback, poor_above=50.0, good_below=20.0))
    if not levels:
        return UNKNOWN
    return max(levels, key=_RANK.__getitem__)


def emotion(*, nps: float | None, responses: int, positive: int, negative: int, feedback: int,
            min_sample: int = MIN_SAMPLE) -> float | None:
    """The customer's mood at a step on a −1 … +1 scale: mean of NPS/100 and net feedback sentiment."""
    parts = []
    if nps is not None and responses >= min_sample:
        parts.append(nps / 100.0)
    if feedback >= min_sample:
        parts.append((positive - negative) / feedback)
    return round(sum(parts) / len(parts), 3) if parts else None


def point_biserial(*, n: int, total: float, total_sq: float, n_with: int, total_with: float) -> float | None:
    """Correlation between "had the touchpoint" (0/1) and the score, from sums only; None when undefined."""
    n_without = n - n_with
    if n_with <= 0 or n_without <= 0:
        return None
    mean = total / n
    variance = total_sq / n - mean * mean
    if variance <= 1e-12:
        return None
    mean_with = total_with / n_with
    mean_without = (total - total_with) / n_without
    p = n_with / n
    return (mean_with - mean_without) / math.sqrt(variance) * math.sqrt(p * (1 - p))


def percentile_ranks(values: Sequence[float]) -> list[float]:
    """0 … 1 rank of every value (ties share their mean rank); a single value ranks 0.5."""
    if not values:
        return []
    if len(values) == 1:
        return [0.5]
    order = sorted(values)
    ranks = []
    for value in values:
        below = sum(1 for other in order if other < value)
        equal = sum(1 for other in order if other == value)
        ranks.append((below + (equal - 1) / 2) / (len(values) - 1))
    return ranks


def weight_importance(weight: int) -> float:
    """The admin's 1–5 importance weight on the 0–1 scale."""
    return (min(max(weight, 1), 5) - 1) / 4


FIX_FIRST = "fix_first"
KEEP_UP = "keep_up"
WATCH = "watch"
OVERKILL = "overkill"
NO_DATA = "no_data"


def quadrant(*, importance: float | None, performance: float | None, benchmark: float | None) -> str:
    """Importance × performance: high importance and below-average performance comes first."""
    if importance is None or performance is None or benchmark is None:
        return NO_DATA
    important = importance >= 0.5
    performing = performance >= benchmark
    if important:
        return KEEP_UP if performing else FIX_FIRST
    return OVERKILL if performing else WATCH


def iso_week(day: dt.date) -> tuple[int, int]:
    year, week, _ = day.isocalendar()
    return year, week


def mean(values: Iterable[float]) -> float | None:
    items = list(values)
    return sum(items) / len(items) if items else None
