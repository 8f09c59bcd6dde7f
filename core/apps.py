from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Plattform")

    def ready(self) -> None:
        from core import events

        events.register_event_type("customer.created", _("Kunde angelegt"))
        events.register_event_type("consent.changed", _("Einwilligung geändert"))
