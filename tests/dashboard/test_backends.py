"""The dashboard's vendor branches: the median time to resolution in SQL (PostgreSQL) and in Python (SQLite)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from complaints.models import Case
from dashboard import selectors
from dashboard.forms import DashboardFilter
from tests.dashboard import factories as f

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("hours", "median"),
    [([1, 2, 3, 10], 2.5), ([1, 2, 30], 2.0), ([4], 4.0), ([], None), ([0.5, 0.25, 7, 7, 8, 100], 7.0)],
)
def test_the_median_resolution_time_is_the_same_on_both_paths(touchpoint: Any, hours: list[float],
                                                              median: float | None) -> None:
    at = timezone.now() - dt.timedelta(days=2)
    for value in hours:
        f.case(at=at, touchpoint=touchpoint, status="resolved", resolved_at=at,
               resolution_business_seconds=int(value * 3600))
    qs = Case.objects.filter(resolution_business_seconds__isnull=False)
    python = selectors.median_seconds_python(qs)
    assert python == (None if median is None else median * 3600)
    if connection.vendor == "postgresql":
        assert selectors.median_seconds_sql(qs) == python
    today = timezone.localdate()
    flt = DashboardFilter(date_from=today - dt.timedelta(days=29), date_to=today)
    assert selectors._median_resolution_hours(flt) == median  # the branch of the backend the suite runs on
