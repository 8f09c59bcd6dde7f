from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Plattform")

    def ready(self) -> None:
        from core import schedule

        schedule.register_periodic(
            "core.webhooks.retry_due", task="core.tasks.webhook_deliveries_retry_due_task", seconds=60
        )
