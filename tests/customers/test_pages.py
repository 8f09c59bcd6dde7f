"""Staff pages: list with search and pagination, profile with consents, interactions and timeline, forms."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from customers.models import Customer
from customers.timeline import TimelineEntry
from tests.customers.factories import ConsentFactory
from tests.factories import CustomerFactory, InteractionFactory


@pytest.mark.django_db
def test_list_searches_name_email_and_customer_number(client, agent):
    CustomerFactory(external_ref="A-1", first_name="Hildegard", last_name="Knef", email="hk@example.org")
    CustomerFactory(external_ref="B-2", first_name="Max", last_name="Mustermann", email="max@example.org")
    client.force_login(agent)
    for term in ("hildegard knef", "hk@example", "A-1"):
        html = client.get("/customers/", {"search": term}).content.decode()
        assert "Hildegard" in html and "Mustermann" not in html, term


@pytest.mark.django_db
def test_list_paginates_with_a_constant_number_of_queries(client, cceo):
    CustomerFactory.create_batch(60)
    client.force_login(cceo)
    with CaptureQueriesContext(connection) as first:
        page1 = client.get("/customers/")
    assert "Seite 1 von 2" in page1.content.decode()
    CustomerFactory.create_batch(60)
    with CaptureQueriesContext(connection) as second:
        page2 = client.get("/customers/", {"page": 2})
    assert page2.status_code == 200
    assert len(second) == len(first) <= 8


@pytest.mark.django_db
def test_api_search_and_list(api_as, agent):
    CustomerFactory(external_ref="S-1", last_name="Sonnenschein")
    CustomerFactory(external_ref="S-2", last_name="Regen")
    body = api_as(agent).get("/api/v1/customers/", {"search": "sonnen"}).json()
    assert [row["external_ref"] for row in body["results"]] == ["S-1"]
    assert set(body["results"][0]) >= {"id", "external_ref", "email", "first_name", "last_name", "language", "segment"}


@pytest.mark.django_db
def test_profile_shows_data_consents_scoped_interactions_and_timeline(
    client, manager, customer, touchpoint, other_touchpoint
):
    ConsentFactory(customer=customer, source="Anmeldeformular Filiale")
    from customers import services

    services.consent_withdraw(customer=customer, source="Telefon")
    InteractionFactory(customer=customer, touchpoint=touchpoint, external_id="kasse-77")
    InteractionFactory(customer=customer, touchpoint=other_touchpoint, external_id="anruf-88")
    client.force_login(manager)
    html = client.get(f"/customers/{customer.pk}/").content.decode()
    assert "Beispielfrau" in html and "erika.beispiel@example.org" in html
    assert "widerrufen" in html
    assert "kasse-77" in html and "Kontakt: Filiale Hamburg" in html
    # another department's interaction is neither in the table nor on the timeline
    assert "anruf-88" not in html and "Kontakt: Hotline" not in html


@pytest.mark.django_db
def test_profile_timeline_includes_registered_sources(client, cx_admin, customer, monkeypatch):
    from customers import timeline

    entry = TimelineEntry(when=customer.created_at, kind="case", title="Beschwerde B-2026-0001", url="/complaints/1/")
    monkeypatch.setattr(timeline, "_sources", {**timeline._sources, "demo": lambda c: [entry]})
    client.force_login(cx_admin)
    html = client.get(f"/customers/{customer.pk}/").content.decode()
    assert 'href="/complaints/1/"' in html and "Beschwerde B-2026-0001" in html


@pytest.mark.django_db
def test_profile_shows_admin_buttons_only_to_admins(client, cx_admin, agent, customer):
    client.force_login(cx_admin)
    html = client.get(f"/customers/{customer.pk}/").content.decode()
    assert "Daten löschen (DSGVO)" in html and "Einwilligung mit Nachweis erfassen" in html
    client.force_login(agent)
    html = client.get(f"/customers/{customer.pk}/").content.decode()
    assert "Daten löschen (DSGVO)" not in html and "Datenauskunft" not in html
    assert "Double-Opt-in anfordern" in html


@pytest.mark.django_db
def test_create_and_edit_forms_show_readable_errors(client, agent, customer, django_capture_on_commit_callbacks):
    client.force_login(agent)
    duplicate = client.post("/customers/new/", {"external_ref": "K-100", "email": "x@example.org", "language": "de"})
    assert duplicate.status_code == 200
    assert "Es gibt bereits eine Kundin / einen Kunden mit dieser Kundennummer" in duplicate.content.decode()
    bad_email = client.post("/customers/new/", {"external_ref": "K-200", "email": "kaputt", "language": "de"})
    assert bad_email.status_code == 200 and "invalid-feedback" in bad_email.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        created = client.post("/customers/new/", {"external_ref": "K-200", "email": "ok@example.org", "language": "en"})
    assert created.status_code == 302
    new = Customer.objects.get(external_ref="K-200")
    edited = client.post(f"/customers/{new.pk}/edit/", {"external_ref": "K-200", "last_name": "Neu", "language": "de"})
    assert edited.status_code == 302
    new.refresh_from_db()
    assert (new.last_name, new.language) == ("Neu", "de")


@pytest.mark.django_db
def test_api_create_emits_customer_created_and_rejects_duplicates(api_as, agent, django_capture_on_commit_callbacks):
    from core import events

    seen: list[dict] = []
    handler = lambda event_type, payload: seen.append(payload)  # noqa: E731
    events.subscribe("customer.created", handler)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            created = api_as(agent).post("/api/v1/customers/", {"external_ref": "N-1", "language": "en"}, format="json")
    finally:
        events.unsubscribe("customer.created", handler)
    assert created.status_code == 201
    assert seen == [{"customer_id": created.json()["id"], "external_ref": "N-1"}]
    again = api_as(agent).post("/api/v1/customers/", {"external_ref": "N-1"}, format="json")
    assert again.status_code == 400 and "external_ref" in again.json()
    bad = api_as(agent).post(
        "/api/v1/customers/", {"external_ref": "N-2", "language": "fr", "email": "x"}, format="json"
    )
    assert bad.status_code == 400 and {"language", "email"} <= set(bad.json())


@pytest.mark.django_db
def test_delete_of_a_customer_with_protected_records_is_a_409_not_a_500(api_as, cx_admin, customer, monkeypatch):
    from django.db.models import ProtectedError

    def protected(self, *args, **kwargs):
        raise ProtectedError("protected", set())

    monkeypatch.setattr(Customer, "delete", protected)
    response = api_as(cx_admin).delete(f"/api/v1/customers/{customer.pk}/")
    assert response.status_code == 409
    assert "DSGVO" in response.json()["detail"]
    assert Customer.objects.filter(pk=customer.pk).exists()


@pytest.mark.django_db
def test_pages_speak_english(client, agent, customer):
    client.force_login(agent)
    html = client.get("/customers/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Customer number" in html and "Kundennummer" not in html


@pytest.mark.django_db
def test_public_consent_page_speaks_the_customers_language(client, customer):
    from urllib.parse import urlparse

    from customers import tokens

    customer.language = "en"
    customer.save()
    ConsentFactory(customer=customer)
    url = urlparse(tokens.withdraw_url(customer_id=customer.pk, purpose="survey_email")).path
    html = client.get(url).content.decode()
    assert "Withdraw consent" in html


@pytest.mark.django_db
def test_profile_query_count_does_not_grow_with_history(client, cceo, customer, touchpoint):
    from customers import services

    client.force_login(cceo)
    InteractionFactory(customer=customer, touchpoint=touchpoint)
    services.consent_record_documented(customer=customer, source="Filiale", evidence="Formular")
    with CaptureQueriesContext(connection) as few:
        client.get(f"/customers/{customer.pk}/")
    InteractionFactory.create_batch(20, customer=customer, touchpoint=touchpoint)
    services.consent_withdraw(customer=customer, source="Telefon")
    services.consent_record_documented(customer=customer, source="Filiale", evidence="Formular 2")
    with CaptureQueriesContext(connection) as many:
        client.get(f"/customers/{customer.pk}/")
    assert len(many) == len(few)


@pytest.mark.django_db
def test_list_filters_by_language_and_segment_like_the_api(client, api_as, agent):
    CustomerFactory(external_ref="E-1", language="en", segment="geschaeft")
    CustomerFactory(external_ref="D-1", language="de", segment="geschaeft")
    CustomerFactory(external_ref="E-2", language="en", segment="privat")
    client.force_login(agent)
    html = client.get("/customers/", {"language": "en", "segment": "Geschaeft"}).content.decode()
    assert "E-1" in html and "D-1" not in html and "E-2" not in html
    assert 'value="en" selected' in html
    body = api_as(agent).get("/api/v1/customers/", {"language": "en", "segment": "geschaeft"}).json()
    assert [row["external_ref"] for row in body["results"]] == ["E-1"]
    assert api_as(agent).get("/api/v1/customers/", {"language": "fr"}).status_code == 400
    assert api_as(agent).get("/api/v1/customers/", {"erased": "vielleicht"}).status_code == 400
