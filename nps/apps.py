from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class NpsConfig(AppConfig):
    name = "nps"
    verbose_name = _("NPS-Befragungen")

    def ready(self) -> None:
        from core import events
        from core.schedule import register_periodic
        from customers.gdpr import register_eraser, register_exporter
        from customers.timeline import register_timeline_source
        from nps import gdpr, services

        events.register_event_type("response.created", _("NPS-Antwort eingegangen"))
        events.register_event_type("response.updated", _("NPS-Antwort geändert"))
        events.subscribe("interaction.created", services.on_interaction_created)
        register_periodic(
            "nps-dispatch", task="nps.tasks.invitations_dispatch", seconds=settings.NPS_DISPATCH_INTERVAL_SECONDS
        )
        register_periodic("nps-housekeeping", task="nps.tasks.invitations_housekeeping", seconds=300)
        register_periodic(
            "nps-answer-events",
            task="nps.tasks.responses_dispatch_events",
            seconds=settings.NPS_ANSWER_EVENTS_INTERVAL_SECONDS,
        )
        register_exporter("nps", gdpr.export_customer)
        register_eraser("nps", gdpr.erase_customer)
        register_timeline_source("nps", gdpr.timeline_entries)
