"""Before/after figures for a finished improvement action.

Other apps register metrics here in their AppConfig.ready(), e.g. nps:
    register_metric("nps", fn, label=_("NPS"), higher_is_better=True)
where fn(touchpoint_ids, date_from, date_to) -> number | None counts over the half-open window
[date_from, date_to) given as aware datetimes. The feedback app always contributes its own figures.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.db.models import Avg, Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

MetricFn = Callable[[Sequence[int], dt.datetime, dt.datetime], float | int | None]

DEFAULT_WINDOW_DAYS = 90


@dataclass(frozen=True)
class Metric:
    name: str
    fn: MetricFn
    label: str
    higher_is_better: bool


@dataclass(frozen=True)
class ImpactRow:
    name: str
    label: str
    before: float | int | None
    after: float | int | None
    higher_is_better: bool | None  # None: a change is neither good nor bad (e.g. how much feedback came in)

    @property
    def change(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return round(float(self.after) - float(self.before), 2)

    @property
    def improved(self) -> bool | None:
        change = self.change
        if change is None or change == 0 or self.higher_is_better is None:
            return None
        return (change > 0) == self.higher_is_better


@dataclass(frozen=True)
class Impact:
    before_from: dt.datetime
    pivot: dt.datetime
    after_to: dt.datetime
    rows: list[ImpactRow]

    @property
    def days(self) -> int:
        return (self.after_to - self.pivot).days


_metrics: dict[str, Metric] = {}


def register_metric(
    name: str, fn: MetricFn, *, label: str | None = None, higher_is_better: bool = True
) -> None:
    _metrics[name] = Metric(name=name, fn=fn, label=str(label or name), higher_is_better=higher_is_better)


def unregister_metric(name: str) -> None:
    _metrics.pop(name, None)


def registered_metrics() -> list[Metric]:
    return list(_metrics.values())


def _feedback_figures(touchpoint_ids: Sequence[int], start: dt.datetime, end: dt.datetime) -> dict[str, float | None]:
    from feedback.models import Feedback

    figures = Feedback.objects.filter(
        touchpoint_id__in=list(touchpoint_ids), created_at__gte=start, created_at__lt=end
    ).aggregate(
        total=Count("id"),
        negative=Count("id", filter=Q(sentiment="negative")),
        rating=Avg("rating"),
    )
    total = figures["total"] or 0
    return {
        "total": total,
        "negative_share": round(100 * figures["negative"] / total, 1) if total else None,
        "rating": round(figures["rating"], 2) if figures["rating"] is not None else None,
    }


def before_after(
    touchpoint_ids: Sequence[int],
    pivot: dt.datetime,
    *,
    window_days: int = DEFAULT_WINDOW_DAYS,
    now: dt.datetime | None = None,
) -> Impact:
    """Equal windows before and after `pivot`: the after window runs until now, at most `window_days`."""
    now = now or timezone.now()
    length = min(dt.timedelta(days=window_days), max(now - pivot, dt.timedelta(0)))
    start, end = pivot - length, pivot + length
    before = _feedback_figures(touchpoint_ids, start, pivot)
    after = _feedback_figures(touchpoint_ids, pivot, end)
    rows = [
        ImpactRow("feedback_total", str(_("Feedback (Anzahl)")), before["total"], after["total"], None),
        ImpactRow("feedback_negative_share", str(_("Anteil negativ (%)")), before["negative_share"],
                  after["negative_share"], False),
        ImpactRow("feedback_rating", str(_("Durchschnittliche Bewertung (1–5)")), before["rating"],
                  after["rating"], True),
    ]
    for metric in registered_metrics():
        try:
            value_before = metric.fn(touchpoint_ids, start, pivot)
            value_after = metric.fn(touchpoint_ids, pivot, end)
        except Exception:
            # A broken metric of another app must not break the action page.
            logger.exception("impact metric failed", extra={"metric": metric.name})
            continue
        rows.append(ImpactRow(metric.name, metric.label, value_before, value_after, metric.higher_is_better))
    return Impact(before_from=start, pivot=pivot, after_to=end, rows=rows)
