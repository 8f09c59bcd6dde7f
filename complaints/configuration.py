"""Deleting complaint configuration (categories, root causes, calendars, SLA policies): what cases, their SLA
clocks or other configuration still use is protected in the database; the delete then answers 409 with what uses
it. Categories and root causes have `active`, so the message offers deactivation; calendars and policies do not."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext as _

from core.errors import Conflict, delete_or_conflict


def configuration_delete(*, instance: models.Model) -> None:
    try:
        delete_or_conflict(instance)
    except Conflict as exc:
        if any(field.name == "active" for field in instance._meta.get_fields()) or not exc.used_by:
            raise
        uses = ", ".join(f"{count} {name}" for name, count in exc.used_by.items())
        message = _("„%(name)s“ wird noch verwendet (%(uses)s) und kann nicht gelöscht werden.") % {
            "name": str(instance),
            "uses": uses,
        }
        raise Conflict(message, used_by=exc.used_by) from exc
