"""NPS arithmetic, free of Django: categories, score, adjusted-Wald interval, sample size, two-period test.

All NPS values are in points (−100 … 100). The interval follows DESIGN.md: n' = n + 3, p' = (P + ¾)/n',
d' = (D + ¾)/n', SE = √((p' + d' − (p' − d')²)/n'); the 95% interval is 100·((p' − d') ± z·SE), clipped
to [−100, 100].
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

Z95 = 1.959963984540054
SMALL_SAMPLE = 30

PROMOTER = "promoter"
PASSIVE = "passive"
DETRACTOR = "detractor"


def category(score: int) -> str:
    if not 0 <= score <= 10:
        raise ValueError(f"score must be 0–10, got {score}")
    if score >= 9:
        return PROMOTER
    if score >= 7:
        return PASSIVE
    return DETRACTOR


@dataclass(frozen=True)
class Counts:
    promoters: int
    passives: int
    detractors: int

    def __post_init__(self) -> None:
        if min(self.promoters, self.passives, self.detractors) < 0:
            raise ValueError("counts must not be negative")

    @property
    def n(self) -> int:
        return self.promoters + self.passives + self.detractors

    @classmethod
    def from_scores(cls, scores: Iterable[int]) -> Counts:
        tally = {PROMOTER: 0, PASSIVE: 0, DETRACTOR: 0}
        for score in scores:
            tally[category(score)] += 1
        return cls(tally[PROMOTER], tally[PASSIVE], tally[DETRACTOR])


@dataclass(frozen=True)
class Summary:
    n: int
    promoters: int
    passives: int
    detractors: int
    nps: float | None
    ci_low: float | None
    ci_high: float | None
    share_promoters: float | None
    share_passives: float | None
    share_detractors: float | None
    small_sample: bool


def nps(counts: Counts) -> float | None:
    """%promoters − %detractors in points; None without answers."""
    if counts.n == 0:
        return None
    return 100.0 * (counts.promoters - counts.detractors) / counts.n


def shares(counts: Counts) -> tuple[float, float, float] | None:
    if counts.n == 0:
        return None
    return (
        100.0 * counts.promoters / counts.n,
        100.0 * counts.passives / counts.n,
        100.0 * counts.detractors / counts.n,
    )


def _adjusted(counts: Counts) -> tuple[float, float]:
    """Adjusted NPS (as a fraction, −1…1) and its standard error."""
    n_adj = counts.n + 3
    p = (counts.promoters + 0.75) / n_adj
    d = (counts.detractors + 0.75) / n_adj
    variance = max(p + d - (p - d) ** 2, 0.0) / n_adj
    return p - d, math.sqrt(variance)


def interval(counts: Counts, *, z: float = Z95) -> tuple[float, float]:
    """Adjusted-Wald confidence interval for the NPS in points (95% by default)."""
    centre, se = _adjusted(counts)
    low = max(-1.0, centre - z * se)
    high = min(1.0, centre + z * se)
    return 100.0 * low, 100.0 * high


def summarise(counts: Counts) -> Summary:
    score = nps(counts)
    parts = shares(counts)
    low, high = interval(counts) if counts.n else (None, None)
    return Summary(
        n=counts.n,
        promoters=counts.promoters,
        passives=counts.passives,
        detractors=counts.detractors,
        nps=score,
        ci_low=low,
        ci_high=high,
        share_promoters=parts[0] if parts else None,
        share_passives=parts[1] if parts else None,
        share_detractors=parts[2] if parts else None,
        small_sample=counts.n < SMALL_SAMPLE,
    )


def sample_size(margin: float, *, promoter_share: float = 0.5, detractor_share: float = 0.5, z: float = Z95) -> int:
    """Answers needed so that the 95% interval is at most ±`margin` points.

    Without prior shares the worst case (half promoters, half detractors) is assumed.
    """
    if not 0 < margin <= 200:
        raise ValueError("margin must be in (0, 200] points")
    if promoter_share < 0 or detractor_share < 0 or promoter_share + detractor_share > 1:
        raise ValueError("shares must be non-negative and add up to at most 1")
    m = margin / 100.0
    variance = promoter_share + detractor_share - (promoter_share - detractor_share) ** 2
    n_adj = (z * z * variance) / (m * m)
    return max(1, math.ceil(n_adj - 3))


@dataclass(frozen=True)
class Difference:
    change: float  # points, later minus earlier (adjusted estimates)
    z: float
    p_value: float
    significant: bool


def difference(earlier: Counts, later: Counts, *, alpha: float = 0.05) -> Difference:
    """Two-sided z-test for the change of NPS between two independent periods (adjusted-Wald variances)."""
    a, se_a = _adjusted(earlier)
    b, se_b = _adjusted(later)
    se = math.sqrt(se_a**2 + se_b**2)
    z = (b - a) / se if se > 0 else 0.0
    p_value = math.erfc(abs(z) / math.sqrt(2.0))
    return Difference(change=100.0 * (b - a), z=z, p_value=p_value, significant=p_value < alpha)
