"""`manage.py seed_demo [--if-empty]`: the demo company "Nordlicht Handel GmbH" with logins for every role."""

from __future__ import annotations

import importlib
import importlib.util
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.demo import seed_base
from accounts.demo_data import DEMO_PASSWORD, DEMO_USERS
from accounts.models import User

# The module apps seed after the base data, in dependency order (complaints reuse NPS, feedback links both).
MODULE_APPS = ("nps", "complaints", "feedback", "training", "dashboard")


def module_seeders() -> list[tuple[str, Any]]:
    """(app, seed function) for every module app that ships a `demo.py`; apps without one are skipped."""
    seeders = []
    for app in MODULE_APPS:
        try:
            spec = importlib.util.find_spec(f"{app}.demo")
        except ModuleNotFoundError:  # the app itself is not there
            spec = None
        if spec is None:
            continue
        module = importlib.import_module(f"{app}.demo")
        seeders.append((app, module.seed))
    return seeders


class Command(BaseCommand):
    help = "Lädt die Demodaten der Nordlicht Handel GmbH und gibt die Demo-Zugänge aus."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Nichts laden, wenn es schon Benutzer/innen gibt (erster Start von `make run`).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        if options["if_empty"] and User.objects.exists():
            self.stdout.write(_("Es gibt bereits Benutzer/innen: Demodaten werden nicht (erneut) geladen."))
        else:
            seed_base(self.stdout)
            for app, seed in module_seeders():
                app_started = time.monotonic()
                with transaction.atomic():
                    seed(self.stdout)
                message = _("Demodaten von „%(app)s“ geladen (%(seconds).1f s).")
                self.stdout.write(message % {"app": app, "seconds": time.monotonic() - app_started})
            elapsed = time.monotonic() - started
            self.stdout.write(self.style.SUCCESS(_("Demodaten geladen in %(seconds).1f s.") % {"seconds": elapsed}))
        self.print_logins()

    def print_logins(self) -> None:
        present = {
            u.username: u
            for u in User.objects.filter(username__in=[d.username for d in DEMO_USERS]).select_related("department")
        }
        if not present:
            return
        rows = [
            (d.username, str(present[d.username].get_role_display()), str(present[d.username].department or "–"))
            for d in DEMO_USERS
            if d.username in present
        ]
        headers = (_("Benutzername"), _("Rolle"), _("Abteilung"))
        widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
        line = "+".join("-" * (w + 2) for w in widths)
        self.stdout.write("")
        heading = _("Demo-Zugänge (%(url)s)") % {"url": f"{settings.SITE_URL}/accounts/login/"}
        self.stdout.write(self.style.MIGRATE_HEADING(heading))
        self.stdout.write(f"+{line}+")
        self.stdout.write("| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)) + " |")
        self.stdout.write(f"+{line}+")
        for row in rows:
            self.stdout.write("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |")
        self.stdout.write(f"+{line}+")
        self.stdout.write(_("Passwort für alle Demo-Zugänge: %(password)s") % {"password": DEMO_PASSWORD})
