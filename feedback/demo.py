"""Demo data: ~200 feedback items across the touchpoints and a few improvement actions.

Idempotent: does nothing when feedback exists. Texts are realistic German retail feedback (some English); the
checkout queue improves after the "Zweite Kasse" action so its before/after figures have something to show.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import roles
from accounts.models import User
from customers.models import Customer
from feedback import services
from feedback.choices import ActionStatus
from feedback.models import Feedback, ImprovementAction
from touchpoints.models import Touchpoint

DAYS = 120
ACTION_DONE_DAYS_AGO = 45

# (touchpoint slugs, kind, text, language)
TEXTS: list[tuple[tuple[str, ...], str, str, str]] = [
    (("kassenbereich", "filiale-hamburg"), "criticism",
     "Nur eine Kasse offen, ich habe 20 Minuten in der Schlange gestanden.", "de"),
    (("kassenbereich", "filiale-bremen"), "criticism", "Die Wartezeit an der Kasse war am Samstag viel zu lang.", "de"),
    (("kassenbereich",), "suggestion", "Könnten Sie zu Stoßzeiten eine zweite Kasse öffnen?", "de"),
    (("kassenbereich", "filiale-kiel"), "criticism", "Long queue at the checkout and only one till open.", "en"),
    (("kassenbereich",), "praise", "Heute ging es an der Kasse richtig schnell, danke!", "de"),
    (("filiale-hamburg", "filiale-bremen", "filiale-kiel"), "praise",
     "Die Verkäuferin war sehr freundlich und hat sich viel Zeit genommen.", "de"),
    (("filiale-hamburg", "filiale-kiel"), "criticism",
     "Der Mitarbeiter an der Information war leider unfreundlich.", "de"),
    (("filiale-hamburg", "filiale-bremen"), "praise",
     "Sehr kompetente Beratung bei der Auswahl der Waschmaschine.", "de"),
    (("filiale-bremen",), "criticism", "Die Beratung war schlecht, niemand kannte sich mit den Geräten aus.", "de"),
    (("filiale-hamburg", "filiale-kiel", "filiale-bremen"), "criticism",
     "Die Umkleidekabinen waren schmutzig und die Spiegel verschmiert.", "de"),
    (("filiale-hamburg", "filiale-bremen"), "praise", "Saubere, helle Filiale, man findet sich gut zurecht.", "de"),
    (("filiale-kiel",), "criticism", "Die Toiletten waren dreckig, es gab keine Seife.", "de"),
    (("filiale-hamburg", "webshop"), "criticism",
     "Die Preise sind deutlich gestiegen, für mich inzwischen zu teuer.", "de"),
    (("filiale-bremen", "webshop", "kundenkarte"), "praise",
     "Faire Preise und die Punkte der Kundenkarte lohnen sich.", "de"),
    (("filiale-hamburg",), "criticism", "Der Preis am Regal stimmte nicht mit dem Preis an der Kasse überein.", "de"),
    (("filiale-kiel", "webshop"), "criticism",
     "Die Qualität der Jacke ist enttäuschend, nach zweimal Waschen kaputt.", "de"),
    (("filiale-hamburg", "webshop"), "praise",
     "Die Schuhe sind von hervorragender Qualität, ich bin begeistert.", "de"),
    (("webshop", "app"), "question", "Gibt es den Artikel auch in Größe 44?", "de"),
    (("webshop", "lieferung"), "criticism", "Die Lieferung kam zwei Tage zu spät und der Karton war beschädigt.", "de"),
    (("lieferung",), "praise",
     "Pünktliche Lieferung, der Fahrer war sehr nett und hat alles in den Keller getragen.", "de"),
    (("lieferung",), "criticism", "Das Paket wurde einfach vor die Tür gestellt, ohne zu klingeln.", "de"),
    (("lieferung", "aussendienst-montage"), "praise", "Delivery was on time and the driver was very polite.", "en"),
    (("aussendienst-montage",), "praise", "Die Monteure haben sauber gearbeitet und alles wieder mitgenommen.", "de"),
    (("aussendienst-montage",), "criticism", "Der Monteur kam vier Stunden später als angekündigt.", "de"),
    (("retourenannahme", "webshop"), "praise",
     "Die Rücksendung lief problemlos, das Geld war nach drei Tagen zurück.", "de"),
    (("retourenannahme",), "criticism", "Der Umtausch wurde abgelehnt, obwohl ich den Kassenbon dabei hatte.", "de"),
    (("retourenannahme", "e-mail-service"), "criticism",
     "Die Rückerstattung dauert jetzt schon vier Wochen, niemand meldet sich.", "de"),
    (("retourenannahme",), "praise", "Returning the jacket was easy and the refund came quickly.", "en"),
    (("hotline",), "criticism", "An der Hotline hänge ich ständig in der Warteschleife.", "de"),
    (("hotline", "e-mail-service"), "praise",
     "Der Kundenservice hat mein Problem in fünf Minuten gelöst, super freundlich.", "de"),
    (("hotline",), "criticism", "I was transferred three times and then the line went dead.", "en"),
    (("e-mail-service",), "question", "Wie lange dauert eine Rücksendung normalerweise?", "de"),
    (("rechnung",), "question", "Kann ich die Rechnung per E-Mail statt auf Papier bekommen?", "de"),
    (("rechnung",), "criticism", "Auf der Rechnung war ein falscher Preis angegeben.", "de"),
    (("app", "kundenkarte"), "suggestion",
     "Bitte zeigen Sie in der App an, ob ein Artikel in meiner Filiale vorrätig ist.", "de"),
    (("app",), "praise", "Die neue App ist übersichtlich und schnell.", "de"),
    (("newsletter", "social-media"), "suggestion", "Mehr Angebote für vegane Produkte wären schön.", "de"),
    (("social-media", "google-bewertungen"), "praise",
     "Great selection and friendly staff in the Hamburg store.", "en"),
    (("google-bewertungen",), "criticism", "Parkplätze sind immer voll und der Eingang war zugestellt.", "de"),
    (("filiale-hamburg", "filiale-bremen", "filiale-kiel"), "suggestion",
     "Es wäre schön, wenn es mehr Sitzgelegenheiten gäbe.", "de"),
]

ACTIONS: list[dict[str, Any]] = [
    {
        "title": "Zweite Kasse zu Stoßzeiten öffnen",
        "department": "filialen",
        "touchpoints": ["kassenbereich", "filiale-hamburg"],
        "description": "Samstags und werktags ab 17 Uhr wird eine zweite Kasse besetzt; Springer aus dem Lager.",
        "expected_effect": "Wartezeit an der Kasse unter 5 Minuten, weniger Kritik zum Thema Wartezeit.",
        "topic": "Wartezeit",
        "status": ActionStatus.DONE,
    },
    {
        "title": "Reinigungsplan für Umkleiden und Toiletten",
        "department": "filialen",
        "touchpoints": ["filiale-kiel", "filiale-hamburg"],
        "description": "Kontrollrundgang alle zwei Stunden mit Checkliste am Eingang der Umkleiden.",
        "expected_effect": "Keine Kritik mehr zur Sauberkeit der Umkleiden.",
        "topic": "Sauberkeit",
        "status": ActionStatus.IN_PROGRESS,
    },
    {
        "title": "Zustellung nur nach Klingeln und mit Foto-Nachweis",
        "department": "logistik",
        "touchpoints": ["lieferung"],
        "description": "Fahrer bestätigen die Übergabe in der App; Abstellen nur mit Erlaubnis.",
        "expected_effect": "Weniger Beschwerden über abgestellte oder beschädigte Pakete.",
        "topic": "Lieferung",
        "status": ActionStatus.PLANNED,
    },
    {
        "title": "Erstattung innerhalb von 5 Werktagen",
        "department": "kundenservice",
        "touchpoints": ["retourenannahme", "e-mail-service"],
        "description": "Retouren werden am Tag des Eingangs gebucht; Erstattung automatisch angestoßen.",
        "expected_effect": "Kürzere Erstattungsdauer, weniger Nachfragen.",
        "topic": "Retoure",
        "status": ActionStatus.IDEA,
    },
]


def _pick(rng: random.Random, touchpoints: dict[str, Touchpoint], days_ago: float) -> tuple[Touchpoint, str, str]:
    while True:
        slugs, kind, text, _language = rng.choice(TEXTS)
        available = [touchpoints[s] for s in slugs if s in touchpoints]
        if not available:
            continue
        # After the second till opened, checkout criticism gets rarer (the before/after of the demo action).
        if "Kasse" in text and kind == "criticism" and days_ago < ACTION_DONE_DAYS_AGO and rng.random() < 0.7:
            continue
        return rng.choice(available), kind, text


def _owner(department_slug: str) -> User | None:
    return User.objects.filter(role="manager", department__slug=department_slug).order_by("id").first()


def _seed_actions(stdout: Any, touchpoints: dict[str, Touchpoint], feedback: QuerySet[Feedback]) -> None:
    for spec in ACTIONS:
        owner = _owner(spec["department"])
        if owner is None or owner.department is None:
            continue
        action = services.action_create(
            actor=owner,
            title=spec["title"],
            department=owner.department,
            description=spec["description"],
            touchpoints=[touchpoints[s] for s in spec["touchpoints"] if s in touchpoints],
            owner=owner,
            due_date=timezone.localdate() + dt.timedelta(days=30),
            expected_effect=spec["expected_effect"],
        )
        # The owner links what their department may see: feedback of its own touchpoints.
        linked = feedback.filter(
            topics__name=spec["topic"],
            touchpoint__slug__in=spec["touchpoints"],
            kind__in=["criticism", "suggestion"],
            department=owner.department,
        )
        if spec["status"] == ActionStatus.DONE:
            linked = linked.filter(created_at__lt=timezone.now() - dt.timedelta(days=ACTION_DONE_DAYS_AGO))
        for item in linked.distinct()[:6]:
            services.action_link_feedback(actor=owner, action=action, feedback=item)
        path = [ActionStatus.PLANNED, ActionStatus.IN_PROGRESS, ActionStatus.DONE]
        for status in path[: path.index(spec["status"]) + 1] if spec["status"] in path else []:
            services.action_transition(actor=owner, action=action, to=status)
        if spec["status"] == ActionStatus.DONE:
            done_at = timezone.now() - dt.timedelta(days=ACTION_DONE_DAYS_AGO)
            ImprovementAction.objects.filter(pk=action.pk).update(done_at=done_at, due_date=done_at.date())
    stdout.write("  " + _("%(count)d Verbesserungsmaßnahmen") % {"count": ImprovementAction.objects.count()})


def seed(stdout: Any) -> None:
    if Feedback.objects.exists():
        stdout.write("  " + _("Feedback: bereits vorhanden, nichts zu tun."))
        return
    rng = random.Random(5)  # noqa: S311 - demo data, not security
    touchpoints = {tp.slug: tp for tp in Touchpoint.objects.filter(active=True)}
    if not touchpoints:
        stdout.write("  " + _("Feedback: keine Kontaktpunkte, übersprungen."))
        return
    customers = list(Customer.objects.filter(erased_at__isnull=True).exclude(email="").order_by("id")[:300])
    staff: dict[int, list[User]] = {}
    for user in User.objects.filter(role__in=roles.FRONTLINE, is_active=True).order_by("id"):
        staff.setdefault(user.department_id or 0, []).append(user)
    now = timezone.now()
    for _index in range(200):
        days_ago = rng.uniform(0, DAYS)
        touchpoint, kind, text = _pick(rng, touchpoints, days_ago)
        channel = rng.choice(["qr_code", "qr_code", "web_form", "staff", "email", "api"])
        if touchpoint.channel not in ("store", "field_service", "delivery") and channel == "qr_code":
            channel = "web_form"
        customer = rng.choice(customers) if customers and rng.random() < 0.25 else None
        consent = rng.random() < 0.35
        email = "" if customer or not consent else f"demo-kunde{rng.randint(1, 9999)}@example.org"
        colleagues = staff.get(touchpoint.department_id, [])
        item = services.feedback_create(
            actor=rng.choice(colleagues) if channel == "staff" and colleagues else None,
            kind=kind,
            text=text,
            touchpoint=touchpoint,
            channel=channel,
            rating=rng.choice([None, 1, 2]) if kind == "criticism" else rng.choice([None, 4, 5]),
            customer=customer,
            contact_email=email,
            contact_consent=consent and bool(email or (customer and customer.email)),
            created_at=now - dt.timedelta(days=days_ago, minutes=rng.randint(0, 600)),
        )
        if days_ago > 14 and rng.random() < 0.5 and colleagues:
            services.feedback_update(actor=colleagues[0], feedback=item, changes={"status": "reviewed"})
    stdout.write("  " + _("%(count)d Feedback-Einträge") % {"count": Feedback.objects.count()})
    _seed_actions(stdout, touchpoints, Feedback.objects.all())
