from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from accounts.choices import Role
from core.models import WebhookDelivery, WebhookEndpoint
from tests.core.factories import WebhookDeliveryFactory, WebhookEndpointFactory

pytestmark = pytest.mark.django_db

PUBLIC_URL = "https://93.184.215.14/hooks/cx"


@pytest.fixture
def admin_api(api_as, cx_admin):
    return api_as(cx_admin)


def _endpoints(delivery_id: int, endpoint_id: int) -> list[tuple[str, str]]:
    return [
        ("get", "/api/v1/webhooks/"),
        ("post", "/api/v1/webhooks/"),
        ("get", f"/api/v1/webhooks/{endpoint_id}/"),
        ("patch", f"/api/v1/webhooks/{endpoint_id}/"),
        ("delete", f"/api/v1/webhooks/{endpoint_id}/"),
        ("get", f"/api/v1/webhooks/{endpoint_id}/deliveries/"),
        ("get", "/api/v1/webhook-deliveries/"),
        ("post", f"/api/v1/webhook-deliveries/{delivery_id}/redeliver/"),
        ("get", "/api/v1/event-types/"),
    ]


@pytest.mark.parametrize("role", [Role.CCEO, Role.MANAGER, Role.AGENT, Role.TRAINER])
def test_every_role_but_cx_admin_is_refused(api_as, make_user, role):
    delivery = WebhookDeliveryFactory()
    client = api_as(make_user(role))
    for method, url in _endpoints(delivery.pk, delivery.endpoint_id):
        response = getattr(client, method)(url, {}, format="json")
        assert response.status_code == 403, (role, method, url)
    assert WebhookEndpoint.objects.count() == 1
    assert WebhookDelivery.objects.get().attempts == 0


def test_anonymous_callers_are_refused():
    delivery = WebhookDeliveryFactory()
    client = APIClient()
    for method, url in _endpoints(delivery.pk, delivery.endpoint_id):
        assert getattr(client, method)(url, {}, format="json").status_code in {401, 403}, url


def test_a_superuser_acts_as_cx_admin(api_as, make_user):
    superuser = make_user(Role.AGENT, is_superuser=True, is_staff=True)
    assert api_as(superuser).get("/api/v1/webhooks/").status_code == 200


def test_create_shows_a_generated_secret_once(admin_api):
    response = admin_api.post(
        "/api/v1/webhooks/",
        {"name": "CRM", "url": PUBLIC_URL, "event_types": ["customer.created"]},
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["secret"].startswith("whsec_") and len(body["secret"]) > 30
    assert body["event_types"] == ["customer.created"]
    assert body["active"] is True
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.secret == body["secret"]

    detail = admin_api.get(f"/api/v1/webhooks/{endpoint.pk}/").json()
    assert "secret" not in detail
    assert detail["url"] == PUBLIC_URL
    assert "secret" not in admin_api.get("/api/v1/webhooks/").json()["results"][0]


def test_a_given_secret_is_kept_and_can_be_rotated(admin_api):
    response = admin_api.post(
        "/api/v1/webhooks/",
        {"name": "CRM", "url": PUBLIC_URL, "event_types": ["*"], "secret": "mein-eigenes-geheimnis-123"},
        format="json",
    )
    assert response.json()["secret"] == "mein-eigenes-geheimnis-123"
    endpoint_id = response.json()["id"]
    admin_api.patch(f"/api/v1/webhooks/{endpoint_id}/", {"name": "CRM neu"}, format="json")
    endpoint = WebhookEndpoint.objects.get()
    assert (endpoint.name, endpoint.secret) == ("CRM neu", "mein-eigenes-geheimnis-123")
    response = admin_api.patch(f"/api/v1/webhooks/{endpoint_id}/", {"secret": "ein-neues-geheimnis-456"}, format="json")
    assert response.status_code == 200
    assert "secret" not in response.json()
    endpoint.refresh_from_db()
    assert endpoint.secret == "ein-neues-geheimnis-456"


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/hook",
        "http://127.0.0.1:8000/hook",
        "http://10.0.0.1/hook",
        "http://192.168.1.20/hook",
        "http://172.16.5.4/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://[fe80::1]/hook",
        "http://224.0.0.1/hook",
        "http://0.0.0.0/hook",
        "http://240.0.0.1/hook",
        "http://localhost/hook",
        "http://localhost:8000/hook",
    ],
)
def test_internal_targets_are_refused_with_a_field_error(admin_api, url):
    response = admin_api.post("/api/v1/webhooks/", {"name": "X", "url": url, "event_types": ["*"]}, format="json")
    assert response.status_code == 400
    assert "url" in response.json()
    assert not WebhookEndpoint.objects.exists()


@pytest.mark.parametrize(
    "url", ["ftp://93.184.215.14/hook", "file:///etc/passwd", "gopher://93.184.215.14/", "javascript:alert(1)", "hooks"]
)
def test_only_http_urls_are_accepted(admin_api, url):
    response = admin_api.post("/api/v1/webhooks/", {"name": "X", "url": url, "event_types": ["*"]}, format="json")
    assert response.status_code == 400
    assert "url" in response.json()


def test_credentials_in_the_url_and_unresolvable_hosts_are_refused(admin_api):
    for url in ["https://user:pw@93.184.215.14/hook", "https://nicht-vorhanden.invalid/hook"]:
        response = admin_api.post("/api/v1/webhooks/", {"name": "X", "url": url, "event_types": []}, format="json")
        assert response.status_code == 400, url
        assert "url" in response.json()


def test_private_targets_are_allowed_when_the_setting_says_so(admin_api, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = True
    response = admin_api.post(
        "/api/v1/webhooks/", {"name": "Intern", "url": "http://10.0.0.1/hook", "event_types": []}, format="json"
    )
    assert response.status_code == 201
    ftp = admin_api.post("/api/v1/webhooks/", {"name": "F", "url": "ftp://10.0.0.1/", "event_types": []}, format="json")
    assert ftp.status_code == 400


def test_an_update_is_checked_like_a_create(admin_api):
    endpoint = WebhookEndpointFactory(url=PUBLIC_URL)
    response = admin_api.patch(f"/api/v1/webhooks/{endpoint.pk}/", {"url": "http://10.1.2.3/"}, format="json")
    assert response.status_code == 400
    assert "url" in response.json()
    endpoint.refresh_from_db()
    assert endpoint.url == PUBLIC_URL


def test_unknown_event_types_and_missing_fields_are_field_errors(admin_api):
    response = admin_api.post(
        "/api/v1/webhooks/", {"name": "X", "url": PUBLIC_URL, "event_types": ["kunde.geloescht"]}, format="json"
    )
    assert response.status_code == 400
    assert "kunde.geloescht" in response.json()["event_types"][0]
    response = admin_api.post("/api/v1/webhooks/", {"event_types": "nicht-eine-liste"}, format="json")
    assert response.status_code == 400
    assert {"name", "url", "event_types"} <= set(response.json())
    response = admin_api.post(
        "/api/v1/webhooks/", {"name": "X", "url": PUBLIC_URL, "event_types": [], "secret": "kurz"}, format="json"
    )
    assert response.status_code == 400
    assert "secret" in response.json()


def test_delete_removes_the_endpoint_and_its_log(admin_api):
    delivery = WebhookDeliveryFactory()
    assert admin_api.delete(f"/api/v1/webhooks/{delivery.endpoint_id}/").status_code == 204
    assert not WebhookDelivery.objects.exists()


def test_deliveries_of_one_endpoint(admin_api):
    mine = WebhookDeliveryFactory(last_status_code=500, last_error="HTTP 500", attempts=2)
    WebhookDeliveryFactory()
    response = admin_api.get(f"/api/v1/webhooks/{mine.endpoint_id}/deliveries/")
    assert response.status_code == 200
    [row] = response.json()["results"]
    assert row["id"] == mine.pk
    assert (row["status"], row["attempts"], row["last_status_code"], row["last_error"]) == (
        "pending",
        2,
        500,
        "HTTP 500",
    )
    assert admin_api.get("/api/v1/webhooks/999999/deliveries/").status_code == 404


def test_redeliver_through_the_api(admin_api, webhook_receiver, django_capture_on_commit_callbacks):
    delivery = WebhookDeliveryFactory(
        endpoint=WebhookEndpointFactory(url=webhook_receiver.url), status="failed", attempts=6, next_attempt_at=None
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_api.post(f"/api/v1/webhook-deliveries/{delivery.pk}/redeliver/")
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["attempts"]) == ("pending", 0)  # the send runs after commit
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("delivered", 1)
    assert len(webhook_receiver.requests) == 1
    assert admin_api.post("/api/v1/webhook-deliveries/999999/redeliver/").status_code == 404


def test_redeliver_to_a_deactivated_endpoint_is_a_400(admin_api):
    delivery = WebhookDeliveryFactory(endpoint=WebhookEndpointFactory(active=False), status="failed")
    response = admin_api.post(f"/api/v1/webhook-deliveries/{delivery.pk}/redeliver/")
    assert response.status_code == 400
    assert "endpoint" in response.json()


def test_event_types_lists_the_registry(admin_api):
    response = admin_api.get("/api/v1/event-types/")
    assert response.status_code == 200
    names = {row["name"]: row["label"] for row in response.json()}
    assert names["customer.created"] == "Kunde angelegt"
    assert "consent.changed" in names


def test_the_schema_builds_with_the_webhook_api(admin_api):
    response = admin_api.get("/api/schema/")
    assert response.status_code == 200
    assert b"/api/v1/webhooks/" in response.content
    assert b"/api/v1/event-types/" in response.content


def test_list_queries_do_not_grow_with_the_rows(admin_api, django_assert_max_num_queries):
    for _ in range(3):
        WebhookDeliveryFactory()
    with django_assert_max_num_queries(4) as small:
        admin_api.get("/api/v1/webhook-deliveries/")
    for _ in range(20):
        WebhookDeliveryFactory()
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert len(admin_api.get("/api/v1/webhook-deliveries/").json()["results"]) == 23
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert len(admin_api.get("/api/v1/webhooks/").json()["results"]) == 23
