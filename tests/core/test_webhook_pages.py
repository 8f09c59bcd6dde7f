from __future__ import annotations

import pytest

from accounts.choices import Role
from core.models import WebhookDelivery, WebhookEndpoint
from tests.core.factories import WebhookDeliveryFactory, WebhookEndpointFactory

pytestmark = pytest.mark.django_db

PUBLIC_URL = "https://93.184.215.14/hooks/cx"


@pytest.fixture
def admin_client(client, cx_admin):
    client.force_login(cx_admin)
    return client


@pytest.mark.parametrize("role", [Role.CCEO, Role.MANAGER, Role.AGENT, Role.TRAINER])
def test_the_pages_are_for_cx_admins_only(client, make_user, role):
    delivery = WebhookDeliveryFactory(status="failed")
    client.force_login(make_user(role))
    pk = delivery.endpoint_id
    for url in ["/webhooks/", "/webhooks/new/", f"/webhooks/{pk}/", f"/webhooks/{pk}/edit/", f"/webhooks/{pk}/delete/"]:
        assert client.get(url).status_code == 403, url
    assert client.post("/webhooks/new/", {"name": "X", "url": PUBLIC_URL}).status_code == 403
    assert client.post(f"/webhooks/{pk}/delete/").status_code == 403
    assert client.post(f"/webhooks/deliveries/{delivery.pk}/redeliver/").status_code == 403
    assert WebhookEndpoint.objects.count() == 1
    assert WebhookDelivery.objects.get().status == "failed"


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get("/webhooks/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_nav_shows_webhooks_to_cx_admins_only(client, admin_client, agent):
    assert 'href="/webhooks/"' in admin_client.get("/").content.decode()
    client.force_login(agent)
    assert 'href="/webhooks/"' not in client.get("/").content.decode()


def test_an_admin_creates_an_endpoint_and_sees_the_secret_once(admin_client):
    page = admin_client.get("/webhooks/new/").content.decode()
    assert 'type="checkbox" name="event_types" value="customer.created"' in page
    assert 'value="consent.changed"' in page

    response = admin_client.post(
        "/webhooks/new/",
        {"name": "CRM", "url": PUBLIC_URL, "event_types": ["customer.created", "consent.changed"], "active": "on"},
    )
    endpoint = WebhookEndpoint.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/webhooks/{endpoint.pk}/"
    assert endpoint.event_types == ["consent.changed", "customer.created"]
    assert endpoint.active

    first = admin_client.get(response["Location"]).content.decode()
    assert endpoint.secret in first
    second = admin_client.get(response["Location"]).content.decode()
    assert endpoint.secret not in second
    assert "CRM" in admin_client.get("/webhooks/").content.decode()


def test_a_refused_address_is_a_readable_form_error(admin_client):
    response = admin_client.post("/webhooks/new/", {"name": "Intern", "url": "http://169.254.169.254/", "active": "on"})
    assert response.status_code == 200
    assert "internes Netz" in response.content.decode()
    assert 'value="http://169.254.169.254/"' in response.content.decode()
    assert not WebhookEndpoint.objects.exists()
    response = admin_client.post("/webhooks/new/", {"name": "Alt", "url": "ftp://93.184.215.14/"})
    assert response.status_code == 200
    assert "Nur http- und https-Adressen sind erlaubt." in response.content.decode()


def test_an_admin_edits_an_endpoint_and_keeps_the_secret(admin_client):
    endpoint = WebhookEndpointFactory(url=PUBLIC_URL, event_types=["customer.created"], secret="s" * 20)
    page = admin_client.get(f"/webhooks/{endpoint.pk}/edit/").content.decode()
    assert 'value="customer.created" id="id_event_types_1" checked' in page or (
        'value="customer.created"' in page and "checked" in page
    )
    response = admin_client.post(
        f"/webhooks/{endpoint.pk}/edit/", {"name": "CRM 2", "url": PUBLIC_URL, "event_types": ["*"], "secret": ""}
    )
    assert response.status_code == 302
    endpoint.refresh_from_db()
    assert (endpoint.name, endpoint.event_types, endpoint.active, endpoint.secret) == ("CRM 2", ["*"], False, "s" * 20)


def test_the_delivery_log_shows_status_attempts_and_errors(admin_client):
    endpoint = WebhookEndpointFactory(url=PUBLIC_URL)
    WebhookDeliveryFactory(
        endpoint=endpoint, status="failed", attempts=6, last_status_code=503, last_error="HTTP 503 down"
    )
    page = admin_client.get(f"/webhooks/{endpoint.pk}/").content.decode()
    assert "fehlgeschlagen" in page
    assert "503" in page
    assert "HTTP 503 down" in page
    assert "Erneut senden" in page
    assert admin_client.get("/webhooks/999999/").status_code == 404


def test_the_redeliver_button_resends(admin_client, webhook_receiver, django_capture_on_commit_callbacks):
    endpoint = WebhookEndpointFactory(url=webhook_receiver.url)
    delivery = WebhookDeliveryFactory(endpoint=endpoint, status="failed", attempts=6, next_attempt_at=None)
    assert admin_client.get(f"/webhooks/deliveries/{delivery.pk}/redeliver/").status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/webhooks/deliveries/{delivery.pk}/redeliver/", follow=True)
    assert response.redirect_chain[-1][0] == f"/webhooks/{endpoint.pk}/"
    assert "erneut eingeplant" in response.content.decode()
    delivery.refresh_from_db()
    assert delivery.status == "delivered"
    assert len(webhook_receiver.requests) == 1


def test_the_redeliver_button_needs_the_csrf_token(cx_admin):
    from django.test import Client

    delivery = WebhookDeliveryFactory(status="failed")
    client = Client(enforce_csrf_checks=True)
    client.force_login(cx_admin)
    assert client.post(f"/webhooks/deliveries/{delivery.pk}/redeliver/").status_code == 403
    assert WebhookDelivery.objects.get().status == "failed"


def test_delete_asks_then_deletes(admin_client):
    endpoint = WebhookEndpointFactory()
    assert "endgültig" in admin_client.get(f"/webhooks/{endpoint.pk}/delete/").content.decode()
    assert admin_client.post(f"/webhooks/{endpoint.pk}/delete/").status_code == 302
    assert not WebhookEndpoint.objects.exists()


def test_the_pages_speak_english_when_asked(admin_client):
    endpoint = WebhookEndpointFactory(url=PUBLIC_URL)
    WebhookDeliveryFactory(endpoint=endpoint, status="failed")
    page = admin_client.get(f"/webhooks/{endpoint.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Delivery log" in page
    assert "Send again" in page
    assert "Zustellprotokoll" not in page
    form = admin_client.get("/webhooks/new/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Event types" in form


def test_the_list_and_log_pages_use_a_fixed_number_of_queries(
    admin_client, django_assert_num_queries, django_assert_max_num_queries
):
    endpoint = WebhookEndpointFactory(url=PUBLIC_URL)
    WebhookDeliveryFactory(endpoint=endpoint)
    with django_assert_max_num_queries(3) as few:  # session, user, endpoints with their counts
        admin_client.get("/webhooks/")
    for _ in range(10):
        WebhookDeliveryFactory(endpoint=WebhookEndpointFactory(url=PUBLIC_URL))
        WebhookDeliveryFactory(endpoint=endpoint)
    with django_assert_num_queries(len(few.captured_queries)):
        admin_client.get("/webhooks/")
    with django_assert_num_queries(5):  # session, user, endpoint, count, page of deliveries
        admin_client.get(f"/webhooks/{endpoint.pk}/")
