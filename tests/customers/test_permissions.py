"""Permission matrix: every role × every customers endpoint and page (allowed, 403, 404)."""

from __future__ import annotations

import pytest

from customers.models import ImportJob
from tests.customers.factories import ConsentFactory
from tests.factories import CustomerFactory, InteractionFactory

ROLES = ("cceo", "cx_admin", "manager", "agent", "trainer")
ALL_STAFF = {"cceo", "cx_admin", "manager", "agent"}
WRITERS = {"cx_admin", "manager", "agent"}


def expect(allowed: set[str], ok: int) -> list[tuple[str, int]]:
    return [(role, ok if role in allowed else 403) for role in ROLES]


@pytest.fixture
def world(customer, touchpoint, other_touchpoint):
    ConsentFactory(customer=customer)
    return {
        "customer": customer,
        "mine": InteractionFactory(customer=customer, touchpoint=touchpoint),
        "theirs": InteractionFactory(customer=customer, touchpoint=other_touchpoint),
        "job": ImportJob.objects.create(file_name="x.csv", total=1, status="done"),
    }


API_CASES = [
    ("get", "/api/v1/customers/", None, expect(ALL_STAFF, 200)),
    ("get", "/api/v1/customers/{customer}/", None, expect(ALL_STAFF, 200)),
    ("post", "/api/v1/customers/", {"external_ref": "NEU-{role}", "email": "neu@example.org"}, expect(WRITERS, 201)),
    ("patch", "/api/v1/customers/{customer}/", {"segment": "b2b"}, expect(WRITERS, 200)),
    ("delete", "/api/v1/customers/{fresh}/", None, expect({"cx_admin"}, 204)),
    ("get", "/api/v1/customers/{customer}/consents/", None, expect(ALL_STAFF, 200)),
    (
        "post",
        "/api/v1/customers/{customer}/consents/",
        {"source": "Filiale", "evidence": "Formular", "purpose": "survey_email"},
        expect({"cx_admin"}, 201),
    ),
    (
        "post",
        "/api/v1/customers/{fresh}/consents/",
        {"source": "Webshop", "double_opt_in": True},
        expect(WRITERS, 201),
    ),
    ("post", "/api/v1/customers/{customer}/consents/withdraw/", {"purpose": "survey_email"}, expect(WRITERS, 200)),
    ("get", "/api/v1/customers/{customer}/export/", None, expect({"cx_admin", "cceo"}, 200)),
    ("post", "/api/v1/customers/{customer}/erase/", None, expect({"cx_admin"}, 200)),
    ("get", "/api/v1/customer-imports/", None, expect({"cx_admin"}, 200)),
    ("get", "/api/v1/customer-imports/{job}/", None, expect({"cx_admin"}, 200)),
    ("get", "/api/v1/interactions/", None, expect(ALL_STAFF, 200)),
    ("get", "/api/v1/interactions/{mine}/", None, expect(ALL_STAFF, 200)),
    (
        "get",
        "/api/v1/interactions/{theirs}/",
        None,
        [("cceo", 200), ("cx_admin", 200), ("manager", 404), ("agent", 404), ("trainer", 403)],
    ),
    (
        "post",
        "/api/v1/interactions/",
        {
            "customer": "{customer}",
            "touchpoint": "filiale-hamburg",
            "occurred_at": "2026-11-01T10:00:00Z",
            "external_id": "x-{role}",
        },
        expect(WRITERS, 201),
    ),
]


def fill(value, ids, role):
    if isinstance(value, str):
        return value.format(role=role, **ids)
    if isinstance(value, dict):
        return {k: fill(v, ids, role) for k, v in value.items()}
    return value


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "url", "data", "role", "status"),
    [(m, u, d, role, status) for m, u, d, matrix in API_CASES for role, status in matrix],
)
def test_api_matrix(request, api_as, world, method, url, data, role, status, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    user = request.getfixturevalue(role)
    ids = {
        "customer": world["customer"].pk,
        "fresh": CustomerFactory().pk,
        "mine": world["mine"].pk,
        "theirs": world["theirs"].pk,
        "job": world["job"].pk,
    }
    if url.endswith("/import/"):
        raise AssertionError("covered separately")
    response = getattr(api_as(user), method)(fill(url, ids, role), fill(data, ids, role), format="json")
    assert response.status_code == status, (role, url, getattr(response, "data", None))


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "status"), expect({"cx_admin"}, 200))
def test_api_import_matrix(request, api_as, role, status):
    from django.core.files.uploadedfile import SimpleUploadedFile

    user = request.getfixturevalue(role)
    file = SimpleUploadedFile("k.csv", b"Kundennummer;E-Mail\nI1;i@example.org\n")
    response = api_as(user).post("/api/v1/customers/import/", {"file": file}, format="multipart")
    assert response.status_code == status


@pytest.mark.django_db
def test_api_needs_authentication(api_client, customer):
    assert api_client.get("/api/v1/customers/").status_code in (401, 403)
    assert api_client.post("/api/v1/interactions/", {}, format="json").status_code in (401, 403)


@pytest.mark.django_db
def test_unknown_customer_is_404(api_as, agent):
    assert api_as(agent).get("/api/v1/customers/999999/").status_code == 404


PAGE_CASES = [
    ("/customers/", expect(ALL_STAFF, 200)),
    ("/customers/{customer}/", expect(ALL_STAFF, 200)),
    ("/customers/new/", expect(WRITERS, 200)),
    ("/customers/{customer}/edit/", expect(WRITERS, 200)),
    ("/customers/{customer}/consent/documented/", expect({"cx_admin"}, 200)),
    ("/customers/{customer}/export/", expect({"cx_admin", "cceo"}, 200)),
    ("/customers/{customer}/erase/", expect({"cx_admin"}, 200)),
    ("/customers/import/", expect({"cx_admin"}, 200)),
    ("/customers/import/{job}/", expect({"cx_admin"}, 200)),
    ("/customers/import/{job}/status/", expect({"cx_admin"}, 200)),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "role", "status"), [(u, role, status) for u, matrix in PAGE_CASES for role, status in matrix]
)
def test_page_matrix(request, client, world, url, role, status):
    client.force_login(request.getfixturevalue(role))
    response = client.get(url.format(customer=world["customer"].pk, job=world["job"].pk))
    assert response.status_code == status


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "role", "status"),
    [
        ("/customers/{customer}/consent/request/", "cceo", 403),
        ("/customers/{customer}/consent/request/", "trainer", 403),
        ("/customers/{customer}/consent/withdraw/", "cceo", 403),
        ("/customers/{customer}/consent/withdraw/", "agent", 302),
        ("/customers/{customer}/erase/", "manager", 403),
        ("/customers/999999/erase/", "cx_admin", 404),
    ],
)
def test_page_posts_are_guarded(request, client, world, url, role, status):
    client.force_login(request.getfixturevalue(role))
    response = client.post(url.format(customer=world["customer"].pk), {"purpose": "survey_email", "source": "x"})
    assert response.status_code == status


@pytest.mark.django_db
def test_pages_redirect_anonymous_users_to_login(client, customer):
    response = client.get(f"/customers/{customer.pk}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
