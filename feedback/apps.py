from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = _("Feedback und Verbesserungen")

    def ready(self) -> None:
        from core import events
        from customers import gdpr, timeline
        from feedback import gdpr_hooks, poster_views
        from touchpoints import panels

        events.register_event_type("feedback.created", _("Feedback eingegangen"))
        events.register_event_type("improvement.status_changed", _("Status einer Verbesserungsmaßnahme geändert"))
        gdpr.register_exporter("feedback", gdpr_hooks.export_feedback)
        gdpr.register_eraser("feedback", gdpr_hooks.erase_feedback)
        timeline.register_timeline_source("feedback", gdpr_hooks.timeline_entries)
        panels.register_detail_panel("feedback_qr", poster_views.touchpoint_panel)
