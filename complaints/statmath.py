"""Small pure helpers for the KPIs (no Django imports)."""

from __future__ import annotations

import math
from collections.abc import Sequence


def share(part: int, whole: int) -> float | None:
    """Percentage with one decimal, None when there is nothing to divide by."""
    return None if not whole else round(100.0 * part / whole, 1)


def percentile(sorted_values: Sequence[float], fraction: float) -> float | None:
    """Linear interpolation between closest ranks, the same as PostgreSQL's percentile_cont."""
    if not sorted_values:
        return None
    if not 0.0 <= fraction <= 1.0:
        raise ValueError("fraction must be within 0..1")
    position = (len(sorted_values) - 1) * fraction
    low, high = math.floor(position), math.ceil(position)
    if low == high:
        return float(sorted_values[low])
    return float(sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (position - low))


def nps(promoters: int, detractors: int, total: int) -> float | None:
    return None if not total else round(100.0 * (promoters - detractors) / total, 1)
