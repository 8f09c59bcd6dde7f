from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("Schulungen und Kompetenzen")

    def ready(self) -> None:
        from core.schedule import register_periodic

        # Both jobs are idempotent (ReminderLog), so a frequent scan only catches up after downtime.
        register_periodic("training-expiry-reminders", task="training.tasks.expiry_reminders_scan", seconds=3600)
        register_periodic("training-monthly-summary", task="training.tasks.monthly_summaries_scan", seconds=3600)
