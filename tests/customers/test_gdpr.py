"""Erasure and export: no personal data after erasure, suppression survives, pseudonymous facts stay."""

from __future__ import annotations

import json

import pytest

from customers import gdpr, services
from customers.choices import ConsentStatus
from customers.models import Consent, Customer, ErasureLog
from customers.selectors import email_is_suppressed
from tests.customers.factories import ConsentFactory
from tests.factories import InteractionFactory

PERSONAL = ("erika.beispiel@example.org", "Erika", "Beispielfrau", "K-100", "Formular Nr. 4711", "198.51.100.7")


@pytest.fixture
def rich_customer(customer, touchpoint):
    consent = ConsentFactory(customer=customer, evidence="Formular Nr. 4711", ip="198.51.100.7")
    services.consent_withdraw(customer=customer, source="Telefon", ip="198.51.100.7")
    services.consent_record_documented(customer=customer, source="Filiale", evidence="Formular Nr. 4711")
    InteractionFactory(customer=customer, touchpoint=touchpoint, external_id="kasse-1")
    assert consent.pk
    return customer


@pytest.mark.django_db
def test_export_contains_every_record_of_the_person(api_as, cceo, rich_customer):
    response = api_as(cceo).get(f"/api/v1/customers/{rich_customer.pk}/export/")
    assert response.status_code == 200
    records = response.json()["records"]["customers"]
    types = [record["type"] for record in records]
    assert types == ["customer", "consent", "interaction"]
    assert records[0]["email"] == "erika.beispiel@example.org"
    assert [e["status"] for e in records[1]["events"]] == ["withdrawn", "granted"]


@pytest.mark.django_db
def test_erase_then_export_shows_no_personal_data(api_as, cx_admin, rich_customer):
    api = api_as(cx_admin)
    response = api.post(f"/api/v1/customers/{rich_customer.pk}/erase/")
    assert response.status_code == 200
    assert response.json()["external_ref"] == f"erased-{rich_customer.pk}"
    export = api.get(f"/api/v1/customers/{rich_customer.pk}/export/")
    text = json.dumps(export.json(), ensure_ascii=False)
    for value in PERSONAL:
        assert value not in text, value
    records = export.json()["records"]["customers"]
    # pseudonymous facts stay for statistics
    assert any(r["type"] == "interaction" and r["touchpoint"] == "filiale-hamburg" for r in records)
    assert Consent.objects.get(customer=rich_customer).status == ConsentStatus.WITHDRAWN
    assert ErasureLog.objects.get(customer_pk=rich_customer.pk).actor == cx_admin


@pytest.mark.django_db
def test_suppression_survives_erasure_and_keeps_only_a_hash(cx_admin, rich_customer):
    from customers.models import SuppressedAddress

    services.customer_erase(customer=rich_customer, actor=cx_admin)
    assert email_is_suppressed("Erika.Beispiel@example.org ")
    assert not SuppressedAddress.objects.filter(email_hash__icontains="erika").exists()
    # a later re-import of the same person starts fresh but stays suppressed
    services.customer_create(external_ref="K-100", email="erika.beispiel@example.org")
    assert email_is_suppressed("erika.beispiel@example.org")


@pytest.mark.django_db
def test_erase_is_idempotent(api_as, cx_admin, rich_customer):
    api = api_as(cx_admin)
    assert api.post(f"/api/v1/customers/{rich_customer.pk}/erase/").status_code == 200
    assert api.post(f"/api/v1/customers/{rich_customer.pk}/erase/").status_code == 200
    assert ErasureLog.objects.filter(customer_pk=rich_customer.pk).count() == 1
    customer = Customer.objects.get(pk=rich_customer.pk)
    assert customer.is_erased and customer.email == ""


@pytest.mark.django_db
def test_registered_exporters_and_erasers_of_other_apps_run(cx_admin, customer, monkeypatch):
    erased: list[int] = []
    monkeypatch.setattr(gdpr, "_exporters", {**gdpr._exporters, "demo": lambda c: [{"note": f"about {c.pk}"}]})
    monkeypatch.setattr(gdpr, "_erasers", {**gdpr._erasers, "demo": lambda c: erased.append(c.pk)})
    log = services.customer_erase(customer=customer, actor=cx_admin)
    assert erased == [customer.pk]
    assert "demo" in log.erasers
    from customers.selectors import customer_export

    assert customer_export(customer)["records"]["demo"] == [{"note": f"about {customer.pk}"}]


@pytest.mark.django_db
def test_a_failing_eraser_rolls_back_everything(cx_admin, customer, monkeypatch):
    def broken(c):
        raise RuntimeError("boom")

    monkeypatch.setattr(gdpr, "_erasers", {"broken": broken})
    with pytest.raises(RuntimeError):
        services.customer_erase(customer=customer, actor=cx_admin)
    customer.refresh_from_db()
    assert not customer.is_erased and customer.email == "erika.beispiel@example.org"
    assert not email_is_suppressed(customer.email)


@pytest.mark.django_db
def test_erased_customers_cannot_be_changed(api_as, cx_admin, customer):
    services.customer_erase(customer=customer, actor=cx_admin)
    response = api_as(cx_admin).patch(f"/api/v1/customers/{customer.pk}/", {"first_name": "Neu"}, format="json")
    assert response.status_code == 400


@pytest.mark.django_db
def test_erase_page_asks_for_confirmation(client, cx_admin, customer):
    client.force_login(cx_admin)
    page = client.get(f"/customers/{customer.pk}/erase/")
    assert page.status_code == 200
    assert "Endgültig löschen" in page.content.decode()
    unconfirmed = client.post(f"/customers/{customer.pk}/erase/")
    assert unconfirmed.status_code == 200
    customer.refresh_from_db()
    assert not customer.is_erased
    done = client.post(f"/customers/{customer.pk}/erase/", {"confirm": "yes"}, follow=True)
    assert "Die personenbezogenen Daten wurden gelöscht" in done.content.decode()
    customer.refresh_from_db()
    assert customer.is_erased


@pytest.mark.django_db
def test_export_page_downloads_json(client, cceo, customer):
    client.force_login(cceo)
    response = client.get(f"/customers/{customer.pk}/export/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert json.loads(response.content)["records"]["customers"][0]["external_ref"] == "K-100"
