from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = _("Beschwerdemanagement")

    def ready(self) -> None:
        from complaints import gdpr, satisfaction
        from core import events
        from core.schedule import register_periodic
        from customers.gdpr import register_eraser, register_exporter
        from customers.timeline import register_timeline_source

        events.register_event_type("case.created", _("Beschwerdefall angelegt"))
        events.register_event_type("case.status_changed", _("Status eines Beschwerdefalls geändert"))
        events.register_event_type("case.sla_breached", _("Frist eines Beschwerdefalls überschritten"))
        events.subscribe("response.created", satisfaction.on_response)
        events.subscribe("response.updated", satisfaction.on_response)
        register_periodic("complaints-sla-scan", task="complaints.tasks.sla_scan", seconds=300)
        register_exporter("complaints", gdpr.export_cases)
        register_eraser("complaints", gdpr.erase_cases)
        register_timeline_source("complaints", gdpr.timeline_entries)
