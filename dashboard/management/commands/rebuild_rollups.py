"""`manage.py rebuild_rollups`: recompute the dashboard's rollup table (and touchpoint importance) from scratch."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from dashboard.importance import importance_recompute
from dashboard.rollups import rollup_rebuild


class Command(BaseCommand):
    help = "Berechnet die Tageswerte des Dashboards vollständig neu."

    def handle(self, *args: Any, **options: Any) -> None:
        result = rollup_rebuild()
        if not result.ran:
            raise CommandError(_("Eine andere Berechnung läuft gerade; bitte später erneut versuchen."))
        touchpoints = importance_recompute()
        message = _(
            "Tageswerte neu berechnet: %(rows)s Zeilen für %(days)s Tage in %(seconds).1f s; "
            "Bedeutung von %(touchpoints)s Kontaktpunkten."
        ) % {"rows": result.rows, "days": result.days, "seconds": result.seconds, "touchpoints": touchpoints}
        self.stdout.write(self.style.SUCCESS(message))
