"""Small pure helpers for the KPIs (no Django imports)."""

from __future__ import annotations

import math
from collections.abc import Sequence


def share(part: int, whole: int) -> float | None:
    """Percentage with one decimal, None when there is nothing to divide by."""
    return None if not whole else round(100.0 * part / whole, 1)


def percentile_ranks(n: int, fraction: float) -> tuple[int, int, float]:
    """The two 0-based ranks (low, high) whose values percentile_cont interpolates for `fraction` of `n` sorted
    values, and the position between them (low <= position <= high)."""
    if n < 1:
        raise ValueError("no values")
    if not 0.0 <= fraction <= 1.0:
        raise ValueError("fraction must be within 0..1")
    position = (n - 1) * fraction
    return math.floor(position), math.ceil(position), position


def interpolate(low_value: float, high_value: float, low: int, position: float) -> float:
    """PostgreSQL's percentile_cont between the values at ranks low and low + 1 (or low itself)."""
    if position == low:
        return float(low_value)
    return float(low_value + (high_value - low_value) * (position - low))


def percentile(sorted_values: Sequence[float], fraction: float) -> float | None:
    """Linear interpolation between closest ranks, the same as PostgreSQL's percentile_cont."""
    if not sorted_values:
        return None
    low, high, position = percentile_ranks(len(sorted_values), fraction)
    return interpolate(sorted_values[low], sorted_values[high], low, position)


def nps(promoters: int, detractors: int, total: int) -> float | None:
    return None if not total else round(100.0 * (promoters - detractors) / total, 1)
