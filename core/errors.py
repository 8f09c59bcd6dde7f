"""Conflicts (HTTP 409): a stale version, or configuration that is still in use.

Services raise `Conflict`; the API's exception handler answers 409 with the message and, for configuration in
use, what uses it (`used_by`: {"Antworten": 12, …}); pages show the message instead of deleting. `delete_or_conflict`
is the one way to delete configuration: the database refuses (PROTECT) what answers, cases and records hang on.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, models, transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils.text import capfirst
from django.utils.translation import gettext as _


class Conflict(Exception):
    """The request conflicts with the current state (409)."""

    def __init__(self, message: str, *, used_by: dict[str, int] | None = None, extra: dict[str, Any] | None = None):
        super().__init__(message)
        self.message = message
        self.used_by = used_by or {}
        self.extra = extra or {}

    def as_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {"detail": self.message}
        if self.used_by:
            body["used_by"] = self.used_by
        body.update(self.extra)
        return body


def count_by_model(objects: Iterable[models.Model]) -> dict[str, int]:
    """{"Antworten": 12, "Befragungswellen": 1}: what the protected objects are, in the user's language."""
    counts: Counter[str] = Counter()
    for obj in objects:
        meta = obj._meta
        counts[str(capfirst(meta.verbose_name_plural))] += 1
    return dict(sorted(counts.items()))


def in_use(instance: models.Model | None, used_by: dict[str, int]) -> Conflict:
    listing = ", ".join(f"{count} {name}" for name, count in used_by.items())
    if instance is None:
        message = _("Der Eintrag wird noch verwendet (%(uses)s) und kann nicht gelöscht werden.") % {"uses": listing}
    else:
        message = _(
            "„%(name)s“ wird noch verwendet (%(uses)s) und kann nicht gelöscht werden. Deaktivieren Sie den Eintrag "
            "stattdessen."
        ) % {"name": str(instance), "uses": listing}
    return Conflict(message, used_by=used_by)


def delete_or_conflict(instance: models.Model) -> None:
    """Delete `instance`, or raise Conflict naming what still uses it (nothing is deleted then)."""
    try:
        with transaction.atomic():
            instance.delete()
    except (ProtectedError, RestrictedError) as exc:
        protected = exc.protected_objects if isinstance(exc, ProtectedError) else exc.restricted_objects
        raise in_use(instance, count_by_model(protected)) from exc
    except IntegrityError as exc:  # a reference the ORM does not know about (e.g. a raw table)
        message = _("„%(name)s“ wird noch verwendet und kann nicht gelöscht werden.") % {"name": str(instance)}
        raise Conflict(message) from exc
