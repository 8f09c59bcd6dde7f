"""`manage.py seed_demo`: the demo company with logins for every role, idempotent, fast."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.demo_data import DEMO_PASSWORD
from accounts.management.commands import seed_demo
from accounts.models import Department, User
from customers.models import Consent, Customer, Interaction
from touchpoints.models import Journey, JourneyStage, Touchpoint

pytestmark = pytest.mark.django_db(transaction=False)


def _seed(*args: str) -> str:
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def base_only(monkeypatch):
    """The module apps' demo data is theirs to test; these tests look at the base data only."""
    monkeypatch.setattr(seed_demo, "MODULE_APPS", ())


@pytest.fixture
def seeded(base_only) -> str:
    return _seed()


def test_the_whole_demo_with_every_module_app_loads():
    output = _seed()
    for app, module_seed in seed_demo.module_seeders():
        assert f"„{app}“" in output, module_seed
    assert User.objects.filter(username="cxadmin").exists()


def test_it_creates_the_departments(seeded):
    assert set(Department.objects.values_list("slug", flat=True)) >= {
        "filialen", "kundenservice", "logistik", "e-commerce", "marketing", "cx-team",
    }
    assert Department.objects.get(slug="filialen").parent.slug == "cx-team"


def test_every_role_has_a_demo_login_that_works(seeded, client):
    assert set(User.objects.values_list("role", flat=True)) == {"cceo", "cx_admin", "manager", "agent", "trainer"}
    for username in ("cceo", "cxadmin", "manager.filialen", "agent.filialen", "manager.service", "agent.service",
                     "trainer"):
        response = client.post("/accounts/login/", {"username": username, "password": DEMO_PASSWORD})
        assert response.status_code == 302, username
        client.post("/accounts/logout/")
    assert User.objects.get(username="agent.service").department.slug == "kundenservice"
    assert User.objects.get(username="cxadmin").is_staff


def test_it_prints_the_logins_in_a_table(seeded):
    assert "Benutzername" in seeded
    for username in ("cceo", "cxadmin", "manager.filialen", "agent.filialen", "trainer"):
        assert f"| {username} " in seeded
    assert DEMO_PASSWORD in seeded


def test_it_creates_stages_touchpoints_and_journeys(seeded):
    assert list(JourneyStage.objects.order_by("order").values_list("slug", flat=True)) == [
        "aufmerksamkeit", "information", "kauf", "nutzung", "service", "loyalitaet",
    ]
    assert JourneyStage.objects.get(slug="loyalitaet").name == "Loyalität"
    assert Touchpoint.objects.count() >= 15
    names = set(Touchpoint.objects.values_list("name", flat=True))
    assert {"Webshop", "Hotline", "Lieferung", "Retourenannahme", "Außendienst-Montage"} <= names
    assert Touchpoint.objects.filter(is_key=True).exists()
    assert set(Touchpoint.objects.values_list("kind", flat=True)) == {"direct", "indirect"}
    online = Journey.objects.get(name="Online-Bestellung mit Lieferung")
    steps = list(online.steps.order_by("order").values_list("touchpoint__slug", flat=True))
    assert steps[0] == "newsletter" and "lieferung" in steps and steps.index("webshop") < steps.index("lieferung")
    assert Journey.objects.get(name="Filialeinkauf mit Reklamation").steps.count() >= 5


def test_it_creates_customers_with_consents_and_history(seeded):
    assert Customer.objects.count() == 300
    assert Customer.objects.filter(last_name="Thomsen").exists()
    granted = Consent.objects.filter(status="granted")
    assert granted.count() > 150
    sample = granted.first()
    assert sample.source == "Kundenkarte Anmeldung"
    assert "Anmeldeformular" in sample.evidence
    assert sample.events.exists()
    assert Consent.objects.filter(status="pending").count() > 5
    assert Consent.objects.filter(status="withdrawn").count() > 5
    assert Interaction.objects.count() > 500
    oldest = Interaction.objects.order_by("occurred_at").first().occurred_at
    assert oldest >= timezone.now() - dt.timedelta(days=121)


def test_a_second_run_adds_nothing(seeded):
    counts = (User.objects.count(), Touchpoint.objects.count(), Customer.objects.count(),
              Consent.objects.count(), Interaction.objects.count(), Journey.objects.count())
    _seed()
    assert counts == (User.objects.count(), Touchpoint.objects.count(), Customer.objects.count(),
                      Consent.objects.count(), Interaction.objects.count(), Journey.objects.count())


def test_if_empty_does_nothing_when_users_exist_but_still_prints_logins(seeded):
    Journey.objects.filter(name="Filialeinkauf mit Reklamation").delete()
    output = _seed("--if-empty")
    assert not Journey.objects.filter(name="Filialeinkauf mit Reklamation").exists()
    assert "cxadmin" in output


def test_if_empty_seeds_an_empty_database(base_only):
    output = _seed("--if-empty")
    assert User.objects.filter(username="cceo").exists()
    assert "cceo" in output


def test_missing_module_apps_are_skipped(monkeypatch):
    monkeypatch.setattr(seed_demo, "MODULE_APPS", ("no_such_app", "core"))
    assert seed_demo.module_seeders() == []  # no such app, and core ships no demo.py


def test_the_data_is_deterministic():
    import random

    from accounts.demo import _customer_rows

    assert _customer_rows(random.Random(42)) == _customer_rows(random.Random(42))
