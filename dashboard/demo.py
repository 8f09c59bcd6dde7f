"""Demo data for the dashboard: fills the rollup table and the touchpoint importance from the other apps' demo
data and subscribes the demo managers to the weekly digest. Idempotent (recomputes, subscribes once)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from accounts.models import User
from dashboard.importance import importance_recompute
from dashboard.models import DigestSubscription
from dashboard.rollups import rollup_rebuild


def seed(stdout: Any) -> None:
    result = rollup_rebuild()
    importance_recompute()
    for user in User.objects.filter(role="manager", is_active=True, department__isnull=False):
        DigestSubscription.objects.get_or_create(user=user)
    message = _("Dashboard: %(rows)s Tageswerte für %(days)s Tage berechnet.")
    stdout.write(message % {"rows": result.rows, "days": result.days})
