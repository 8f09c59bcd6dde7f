"""Importance of each touchpoint for the relationship NPS, recomputed by a periodic job into TouchpointImportance.

For every active touchpoint: the point-biserial correlation between "the customer had an interaction there"
and the customer's relationship-survey score (last 365 days), from sums computed in the database. Where too
few customers had (or lacked) the touchpoint, the admin's 1–5 importance weight is the fallback. Correlations
are turned into percentile ranks (0–1) so the quadrant split at 0.5 means "more important than most".
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef, Sum
from django.utils import timezone

from customers.models import Interaction
from dashboard import metrics
from dashboard.choices import ImportanceSource
from dashboard.models import TouchpointImportance
from nps.choices import SurveyKind
from nps.models import Response
from touchpoints.models import Touchpoint

WINDOW_DAYS = 365


def importance_recompute(*, now: dt.datetime | None = None, min_sample: int = 30) -> int:
    """Recompute every active touchpoint's importance; returns the number of touchpoints written."""
    now = now or timezone.now()
    responses = Response.objects.filter(
        survey__kind=SurveyKind.RELATIONSHIP,
        customer__isnull=False,
        submitted_at__gte=now - dt.timedelta(days=WINDOW_DAYS),
    )
    overall = responses.aggregate(n=Count("pk"), s=Sum("score"), ss=Sum(F("score") * F("score")))
    n, total, total_sq = overall["n"], float(overall["s"] or 0), float(overall["ss"] or 0)
    touchpoints = list(Touchpoint.objects.filter(active=True).order_by("pk"))
    measured: dict[int, tuple[float, int]] = {}
    counts: dict[int, int] = {}
    for tp in touchpoints:
        had = Interaction.objects.filter(customer_id=OuterRef("customer_id"), touchpoint_id=tp.pk)
        with_tp = responses.filter(Exists(had)).aggregate(n=Count("pk"), s=Sum("score"))
        counts[tp.pk] = with_tp["n"]
        if with_tp["n"] >= min_sample and n - with_tp["n"] >= min_sample:
            r = metrics.point_biserial(n=n, total=total, total_sq=total_sq, n_with=with_tp["n"],
                                       total_with=float(with_tp["s"] or 0))
            if r is not None:
                measured[tp.pk] = (r, with_tp["n"])
    ranked = dict(zip(measured, metrics.percentile_ranks([r for r, _ in measured.values()]), strict=True))
    rows = []
    for tp in touchpoints:
        if tp.pk in measured:
            rows.append(TouchpointImportance(
                touchpoint=tp, importance=ranked[tp.pk], source=ImportanceSource.CORRELATION,
                correlation=measured[tp.pk][0], customers_with=counts[tp.pk],
                customers_without=n - counts[tp.pk], computed_at=now,
            ))
        else:
            rows.append(TouchpointImportance(
                touchpoint=tp, importance=metrics.weight_importance(tp.importance), source=ImportanceSource.WEIGHT,
                correlation=None, customers_with=counts[tp.pk], customers_without=n - counts[tp.pk],
                computed_at=now,
            ))
    with transaction.atomic():
        TouchpointImportance.objects.all().delete()
        TouchpointImportance.objects.bulk_create(rows)
    return len(rows)
