"""Demo data: category tree, root causes, the Hamburg business calendar, SLA policies and ~120 cases over the
last 90 days in every state, with resolutions and satisfaction ratings. Idempotent: skips when cases exist."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts import roles
from accounts.choices import Role
from accounts.models import User
from complaints import note_services, services
from complaints.models import BusinessCalendar, Case, Category, RootCause, SlaPolicy
from complaints.resolution_services import case_record_acceptance, case_record_resolution
from complaints.satisfaction import case_record_satisfaction, satisfaction_survey
from customers.models import Customer
from touchpoints.models import Touchpoint

CATEGORIES = {
    "Lieferung": ["verspätet", "beschädigt", "unvollständig"],
    "Produkt": ["defekt", "nicht wie beschrieben"],
    "Service": ["unfreundlich", "falsche Auskunft", "nicht erreichbar"],
    "Rechnung": ["fehlerhaft", "Erstattung verzögert"],
    "Filiale": ["Wartezeit", "Sauberkeit", "Verfügbarkeit"],
}
ROOT_CAUSES = [
    "Logistikpartner",
    "Personalengpass",
    "Schulungsbedarf",
    "Prozessfehler",
    "IT-Störung",
    "Lieferantenqualität",
    "Kommunikation",
    "Kundenerwartung",
]
POLICIES = {"low": (16, 80, 24), "medium": (8, 40, 16), "high": (4, 16, 8), "critical": (1, 8, 2)}
TEXTS = {
    "verspätet": "Die Bestellung kam fünf Tage später als zugesagt.",
    "beschädigt": "Das Paket war eingedrückt, die Ware ist zerbrochen.",
    "unvollständig": "Es fehlte ein Artikel in der Lieferung.",
    "defekt": "Das Gerät funktioniert seit dem ersten Tag nicht richtig.",
    "nicht wie beschrieben": "Die Farbe weicht deutlich von der Abbildung ab.",
    "unfreundlich": "Der Mitarbeiter an der Information war sehr unfreundlich.",
    "falsche Auskunft": "Mir wurde gesagt, die Ware sei vorrätig – sie war es nicht.",
    "nicht erreichbar": "Ich habe dreimal angerufen und niemanden erreicht.",
    "fehlerhaft": "Auf der Rechnung ist ein Artikel doppelt berechnet.",
    "Erstattung verzögert": "Meine Erstattung ist nach drei Wochen noch nicht da.",
    "Wartezeit": "Ich habe 25 Minuten an der Kasse gewartet.",
    "Sauberkeit": "Die Umkleidekabinen waren verschmutzt.",
    "Verfügbarkeit": "Der beworbene Artikel war schon morgens ausverkauft.",
}
CHANNELS = ["phone", "email", "store", "web_form", "letter", "social"]


def _seed_configuration() -> dict[str, Category]:
    leaves: dict[str, Category] = {}
    for order, (parent_name, children) in enumerate(CATEGORIES.items()):
        parent, _ = Category.objects.get_or_create(name=parent_name, parent=None, defaults={"order": order})
        for child_order, name in enumerate(children):
            leaves[name], _ = Category.objects.get_or_create(name=name, parent=parent, defaults={"order": child_order})
    for name in ROOT_CAUSES:
        RootCause.objects.get_or_create(name=name)
    calendar = BusinessCalendar.objects.filter(is_default=True).first()
    if calendar is None:
        calendar, _ = BusinessCalendar.objects.get_or_create(
            name="Hamburg (Mo–Fr 8–18, Sa 10–14)",
            defaults={
                "state": "HH",
                "is_default": True,
                "hours": {**{str(d): [["08:00", "18:00"]] for d in range(5)}, "5": [["10:00", "14:00"]]},
            },
        )
    for severity, (first, resolution, update) in POLICIES.items():
        SlaPolicy.objects.get_or_create(
            severity=severity,
            category=None,
            defaults={
                "calendar": calendar,
                "first_response_hours": Decimal(first),
                "resolution_hours": Decimal(resolution),
                "update_interval_hours": Decimal(update),
            },
        )
    satisfaction_survey()
    return leaves


def _actor(rng: random.Random, touchpoint: Touchpoint, fallback: User | None) -> User | None:
    staff = list(
        User.objects.filter(department=touchpoint.department, role__in=sorted(roles.ASSIGNABLE), is_active=True)
    )
    return rng.choice(staff) if staff else fallback


def _one_case(
    rng: random.Random,
    *,
    leaves: dict[str, Category],
    touchpoints: list[Touchpoint],
    customers: list[Customer],
    causes: list[RootCause],
    fallback: User | None,
    now: dt.datetime,
) -> None:
    leaf_name = rng.choice(list(leaves))
    touchpoint = rng.choice(touchpoints)
    actor = _actor(rng, touchpoint, fallback)
    created = now - dt.timedelta(days=rng.uniform(0.2, 90), hours=rng.uniform(0, 8))
    severity = rng.choices(["low", "medium", "high", "critical"], [3, 6, 3, 1])[0]
    case = services.case_create(
        actor=actor,
        channel=rng.choice(CHANNELS),
        description=TEXTS[leaf_name],
        customer=rng.choice(customers),
        touchpoint=touchpoint,
        category=leaves[leaf_name],
        severity=severity,
        assignee=actor,
        remedy_sought=rng.choice(["", "Erstattung", "Ersatzlieferung", "Eine Entschuldigung", "Gutschein"]),
        at=created,
        notify=False,
    )
    age_days = (now - created).days
    fate = rng.random()
    if age_days < 2 and fate < 0.6:
        return  # still new
    t = created + dt.timedelta(hours=rng.choice([0.5, 1, 2, 3, 5, 9, 20]))
    if t >= now:
        return
    services.case_transition(case_id=case.pk, actor=actor, to="acknowledged", at=t, notify=False)
    if fate < 0.12 or age_days < 5:
        return
    t += dt.timedelta(hours=rng.uniform(1, 30))
    if t >= now:
        return
    services.case_transition(case_id=case.pk, actor=actor, to="in_progress", at=t, notify=False)
    if rng.random() < 0.2:
        t += dt.timedelta(hours=rng.uniform(2, 20))
        if t >= now:
            return
        services.case_transition(case_id=case.pk, actor=actor, to="waiting_on_customer", at=t, notify=False)
        t += dt.timedelta(hours=rng.uniform(10, 60))
        if t >= now:
            return
        services.case_transition(case_id=case.pk, actor=actor, to="in_progress", at=t, notify=False)
    note_services.case_add_note(
        case_id=case.pk, actor=actor, text="Rückruf bei der Kundin / dem Kunden vereinbart.", at=t
    )
    if fate < 0.2:
        return
    t += dt.timedelta(hours=rng.uniform(4, 80))
    if t >= now:
        return
    if fate > 0.95:
        services.case_transition(
            case_id=case.pk,
            actor=actor,
            to="rejected",
            at=t,
            notify=False,
            note="Nach Prüfung liegt kein Mangel vor; die Ware entsprach der Beschreibung.",
        )
        return
    cost = Decimal(rng.choice([0, 0, 5, 10, 15, 20, 25, 50, 80]))
    case_record_resolution(
        case_id=case.pk,
        actor=actor,
        outcome=rng.choices(["upheld", "partially_upheld", "not_upheld"], [6, 3, 1])[0],
        apology_given=rng.random() < 0.8,
        remedy_granted="Gutschein" if cost else "Entschuldigung und Erklärung",
        remedy_cost=cost,
        root_cause=rng.choice(causes),
        corrective_action="Team informiert, Prozess angepasst.",
        at=t,
    )
    services.case_transition(case_id=case.pk, actor=actor, to="resolved", at=t, notify=False)
    if rng.random() < 0.6:
        case_record_acceptance(case_id=case.pk, accepted=rng.random() < 0.85, at=t + dt.timedelta(days=1))
    if rng.random() < 0.45:
        overall = rng.choices(range(11), [1, 1, 1, 1, 2, 3, 4, 6, 8, 7, 5])[0]
        case_record_satisfaction(
            case_id=case.pk,
            response_id=None,
            score=overall,
            at=t + dt.timedelta(days=2),
            extra_scores={k: max(0, min(10, overall + rng.randint(-2, 2))) for k in ("outcome", "treatment", "speed")},
        )
    if rng.random() < 0.07:
        services.case_transition(
            case_id=case.pk,
            actor=actor,
            to="reopened",
            note="Kunde meldet sich erneut.",
            at=t + dt.timedelta(days=3),
            notify=False,
        )
    elif rng.random() < 0.5 and t + dt.timedelta(days=7) < now:
        services.case_transition(case_id=case.pk, actor=actor, to="closed", at=t + dt.timedelta(days=7), notify=False)


def seed(stdout: Any, *, count: int = 120) -> None:
    leaves = _seed_configuration()
    if Case.objects.exists():
        stdout.write("Beschwerde-Demodaten sind schon vorhanden.")
        return
    touchpoints = list(Touchpoint.objects.filter(active=True))
    customers = list(Customer.objects.filter(erased_at__isnull=True)[:300])
    if not touchpoints or not customers:
        stdout.write("Keine Kontaktpunkte oder Kunden: Beschwerde-Demodaten übersprungen.")
        return
    rng = random.Random(4)  # noqa: S311 - reproducible demo data, not security
    causes = list(RootCause.objects.all())
    fallback = User.objects.filter(role=Role.CX_ADMIN).first()
    now = timezone.now()
    with transaction.atomic():
        for _ in range(count):
            _one_case(
                rng,
                leaves=leaves,
                touchpoints=touchpoints,
                customers=customers,
                causes=causes,
                fallback=fallback,
                now=now,
            )
    stdout.write(f"{Case.objects.count()} Beschwerdefälle angelegt.")
