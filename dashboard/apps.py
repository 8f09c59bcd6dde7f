from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "dashboard"
    verbose_name = _("CCEO-Dashboard")

    def ready(self) -> None:
        from core.schedule import register_periodic
        from dashboard.health import journey_map_health
        from touchpoints.health import register_health_source

        register_periodic(
            "dashboard-rollup-refresh", task="dashboard.tasks.rollup_refresh_task",
            seconds=settings.DASHBOARD_ROLLUP_INTERVAL_SECONDS,
        )
        register_periodic("dashboard-rollup-rebuild", task="dashboard.tasks.rollup_rebuild_task", seconds=24 * 3600)
        register_periodic("dashboard-importance", task="dashboard.tasks.importance_recompute_task", seconds=6 * 3600)
        register_periodic(
            "dashboard-weekly-digest", task="dashboard.tasks.weekly_digest_task",
            seconds=settings.DASHBOARD_DIGEST_CHECK_SECONDS,
        )
        register_health_source("dashboard", journey_map_health)
