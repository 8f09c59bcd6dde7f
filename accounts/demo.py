"""Seeds the base data of the demo company (accounts, touchpoints, customers). Idempotent: existing rows stay.

The module apps add their own demo data in `<app>/demo.py`; `manage.py seed_demo` calls them after this.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import services as account_services
from accounts.demo_data import (
    CONSENT_SOURCE,
    CUSTOMER_COUNT,
    DEMO_PASSWORD,
    DEMO_USERS,
    DEPARTMENTS,
    FIRST_NAMES,
    HISTORY_DAYS,
    JOURNEYS,
    LAST_NAMES,
    SEGMENTS,
    STAGES,
    STORES,
    TOUCHPOINTS,
)
from accounts.models import Department, User


def seed_departments() -> dict[str, Department]:
    departments: dict[str, Department] = {}
    for slug, (name, _parent) in DEPARTMENTS.items():
        departments[slug], _created = Department.objects.get_or_create(slug=slug, defaults={"name": name})
    for slug, (_name, parent) in DEPARTMENTS.items():
        department = departments[slug]
        if parent and department.parent_id is None:
            department.parent = departments[parent]
            department.save(update_fields=["parent"])
    return departments


def seed_users(departments: dict[str, Department]) -> int:
    usernames = [u.username for u in DEMO_USERS]
    existing = set(User.objects.filter(username__in=usernames).values_list("username", flat=True))
    created = 0
    # One hash for the one shared demo password: hashing it per user would cost ~0.5 s each.
    password_hash = make_password(DEMO_PASSWORD)
    for demo in DEMO_USERS:
        if demo.username in existing:
            continue
        user = account_services.user_create(
            username=demo.username,
            password=None,
            role=demo.role,
            email=f"{demo.username}@nordlicht-handel.example",
            department=departments[demo.department] if demo.department else None,
            first_name=demo.first_name,
            last_name=demo.last_name,
        )
        user.password = password_hash
        user.save(update_fields=["password"])
        created += 1
    return created


def seed_touchpoints(departments: dict[str, Department]) -> int:
    from touchpoints import services as tp_services
    from touchpoints.models import Journey, JourneyStage, Touchpoint

    stages = {stage.slug: stage for stage in JourneyStage.objects.filter(slug__in=STAGES)}
    for slug, (name, order) in STAGES.items():
        if slug not in stages:
            stages[slug] = tp_services.stage_create(name=name, slug=slug, order=order)
    existing = set(Touchpoint.objects.values_list("slug", flat=True))
    created = 0
    for tp in TOUCHPOINTS:
        if tp.slug in existing:
            continue
        tp_services.touchpoint_create(
            name=tp.name,
            slug=tp.slug,
            stage=stages[tp.stage],
            channel=tp.channel,
            kind=tp.kind,
            department=departments[tp.department],
            is_key=tp.is_key,
            importance=tp.importance,
            description=tp.description,
        )
        created += 1
    by_slug = {t.slug: t for t in Touchpoint.objects.filter(slug__in=[tp.slug for tp in TOUCHPOINTS])}
    for journey in JOURNEYS:
        if Journey.objects.filter(name=journey.name).exists():
            continue
        tp_services.journey_create(
            name=journey.name,
            persona=journey.persona,
            description=journey.description,
            steps=[
                tp_services.StepInput(touchpoint_id=by_slug[slug].pk, expectation=expectation)
                for slug, expectation in journey.steps
            ],
        )
    return created


def _ascii(text: str) -> str:
    text = text.replace("ß", "ss").replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    text = text.replace("Ä", "Ae").replace("Ö", "Oe").replace("Ü", "Ue")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _customer_rows(rng: random.Random) -> list[dict[str, Any]]:
    segments = [s for s, _w in SEGMENTS]
    weights = [w for _s, w in SEGMENTS]
    rows = []
    for number in range(1, CUSTOMER_COUNT + 1):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        rows.append(
            {
                "external_ref": f"NH-{100000 + number}",
                "email": f"{_ascii(first)}.{_ascii(last)}.{number}@kunden.example",
                "first_name": first,
                "last_name": last,
                "language": "en" if rng.random() < 0.08 else "de",
                "segment": rng.choices(segments, weights)[0],
                # consent fate: granted (most), pending, withdrawn, or never asked
                "consent": rng.choices(["granted", "pending", "withdrawn", "none"], [72, 12, 8, 8])[0],
                "consent_days_ago": rng.randint(130, 900),
                "store": rng.choice(STORES),
                "card_number": rng.randint(10_000_000, 99_999_999),
            }
        )
    return rows


def seed_customers(rng: random.Random) -> tuple[int, int]:
    """~300 customers with consents (via customers.services) and 120 days of interactions; (customers, interactions)."""
    from customers import services as customer_services
    from customers.choices import ConsentPurpose, ConsentStatus
    from customers.models import Consent, ConsentEvent, Customer, Interaction
    from touchpoints.models import Touchpoint

    now = timezone.now()
    rows = _customer_rows(rng)
    existing = {c.external_ref: c for c in Customer.objects.filter(external_ref__in=[r["external_ref"] for r in rows])}
    with_consent = set(
        Consent.objects.filter(customer__in=existing.values(), purpose=ConsentPurpose.SURVEY_EMAIL).values_list(
            "customer__external_ref", flat=True
        )
    )
    created = 0
    customers: list[Customer] = []
    for row in rows:
        customer = existing.get(row["external_ref"])
        if customer is None:
            customer = customer_services.customer_create(
                external_ref=row["external_ref"],
                email=row["email"],
                first_name=row["first_name"],
                last_name=row["last_name"],
                language=row["language"],
                segment=row["segment"],
            )
            created += 1
        customers.append(customer)
        if row["consent"] == "none" or row["external_ref"] in with_consent:
            continue
        signed_at = now - dt.timedelta(days=row["consent_days_ago"])
        if row["consent"] == "pending":
            # A double opt-in mail sent long ago and never confirmed. Written directly (with its log entry) so
            # that seeding does not mail hundreds of confirmation requests to the demo addresses.
            consent = Consent.objects.create(
                customer=customer,
                purpose=ConsentPurpose.SURVEY_EMAIL,
                status=ConsentStatus.PENDING,
                text_version="2026-01",
                source="Webshop Checkout",
                requested_at=now - dt.timedelta(days=row["consent_days_ago"] % 60 + 1),
            )
            ConsentEvent.objects.create(
                consent=consent, status=consent.status, source=consent.source, text_version=consent.text_version
            )
            continue
        customer_services.consent_record_documented(
            customer=customer,
            purpose=ConsentPurpose.SURVEY_EMAIL,
            source=CONSENT_SOURCE,
            evidence=(
                f"Unterschriebenes Anmeldeformular Kundenkarte Nr. {row['card_number']}, "
                f"Filiale {row['store']}, vom {signed_at:%d.%m.%Y}; Ankreuzfeld „Befragungen per E-Mail“ gesetzt. "
                "Original im Filialordner, Scan im Kundenkarten-System."
            ),
            text_version="2026-01",
            granted_at=signed_at,
        )
        if row["consent"] == "withdrawn":
            customer_services.consent_withdraw(
                customer=customer, purpose=ConsentPurpose.SURVEY_EMAIL, source="Abmeldelink in E-Mail"
            )
    return created, _seed_interactions(rng, customers, Touchpoint.objects.filter(active=True), Interaction, now)


def _seed_interactions(
    rng: random.Random, customers: list[Any], touchpoints: Any, interaction_model: Any, now: dt.datetime
) -> int:
    # History is written in bulk and emits no events: replaying it through interaction_create would make the
    # survey triggers of the module apps mail every demo customer after seeding.
    weights = {tp.slug: tp.weight for tp in TOUCHPOINTS}
    touchpoint_list = [tp for tp in touchpoints if tp.slug in weights]
    if not touchpoint_list:
        return 0
    tp_weights = [weights[tp.slug] for tp in touchpoint_list]
    planned = []
    for customer in customers:
        for index in range(rng.randint(0, 8)):
            touchpoint = rng.choices(touchpoint_list, tp_weights)[0]
            occurred_at = now - dt.timedelta(seconds=rng.randint(3600, HISTORY_DAYS * 86400))
            planned.append(
                interaction_model(
                    customer=customer,
                    touchpoint=touchpoint,
                    occurred_at=occurred_at,
                    channel=touchpoint.channel,
                    external_id=f"demo-{customer.external_ref}-{index}",
                )
            )
    existing = set(
        interaction_model.objects.filter(external_id__startswith="demo-").values_list("external_id", flat=True)
    )
    new = [i for i in planned if i.external_id not in existing]
    interaction_model.objects.bulk_create(new, batch_size=500)
    return len(new)


def seed_base(stdout: Any, *, seed: int = 42) -> None:
    """Departments, users, journey stages, touchpoints, journeys, customers, consents, interactions."""
    rng = random.Random(seed)  # noqa: S311  (demo data, not security)
    with transaction.atomic():
        departments = seed_departments()
        users = seed_users(departments)
        touchpoints = seed_touchpoints(departments)
        customers, interactions = seed_customers(rng)
    stdout.write(
        _(
            "Nordlicht Handel GmbH: %(departments)d Abteilungen, %(users)d neue Benutzer/innen, "
            "%(touchpoints)d neue Kontaktpunkte, %(customers)d neue Kund/innen, %(interactions)d neue Interaktionen."
        )
        % {
            "departments": len(departments),
            "users": users,
            "touchpoints": touchpoints,
            "customers": customers,
            "interactions": interactions,
        }
    )
