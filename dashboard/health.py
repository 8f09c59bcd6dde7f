"""Colours the touchpoints app's journey map with the health measured over the last 90 days (from the rollup)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from django.utils import timezone

from dashboard.forms import DashboardFilter
from touchpoints.health import Health

if TYPE_CHECKING:
    from touchpoints.models import Touchpoint

WINDOW_DAYS = 90


def journey_map_health(touchpoints: Sequence[Touchpoint]) -> Mapping[int, Health]:
    from dashboard.report import health_of
    from dashboard.selectors import touchpoint_figures

    if not touchpoints:
        return {}
    today = timezone.localdate()
    flt = DashboardFilter(date_from=today - dt.timedelta(days=WINDOW_DAYS - 1), date_to=today)
    figures = touchpoint_figures(flt, list(touchpoints), benchmark=None)
    return {fig.touchpoint.pk: health_of(fig) for fig in figures}
