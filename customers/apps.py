from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CustomersConfig(AppConfig):
    name = "customers"
    verbose_name = _("Kundendaten")

    def ready(self) -> None:
        from core import events
        from customers import gdpr, selectors, timeline, timeline_sources

        events.register_event_type("customer.created", _("Kunde angelegt"))
        events.register_event_type("consent.changed", _("Einwilligung geändert"))
        events.register_event_type("interaction.created", _("Interaktion erfasst"))
        events.register_event_type("customer_import.completed", _("Kundenimport abgeschlossen"))
        gdpr.register_exporter("customers", selectors.customer_base_export)
        timeline.register_timeline_source("interactions", timeline_sources.interaction_entries)
        timeline.register_timeline_source("consents", timeline_sources.consent_entries)
