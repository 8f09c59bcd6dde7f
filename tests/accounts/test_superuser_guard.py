"""Only a superuser may change a superuser: a CX admin can neither take over nor deactivate one (API and admin)."""

from __future__ import annotations

import pytest

from accounts.models import User
from tests.factories import DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db

USERS = "/api/v1/users/"
NEW_PASSWORD = "Uebernahme-Passwort-2026"  # noqa: S105


@pytest.fixture
def superuser(db) -> User:
    return UserFactory(username="root", role="cx_admin", department=None, is_superuser=True, is_staff=True)


def _logs_in(client, username: str, password: str) -> bool:
    return client.post("/accounts/login/", {"username": username, "password": password}).status_code == 302


def _admin_login(client, user, password) -> None:
    response = client.post("/admin/login/?next=/admin/", {"username": user.username, "password": password})
    assert response.status_code == 302


def test_a_cx_admin_cannot_set_a_superuser_s_password_through_the_api(api_as, cx_admin, superuser, client):
    response = api_as(cx_admin).patch(f"{USERS}{superuser.pk}/", {"password": NEW_PASSWORD}, format="json")
    assert response.status_code == 403
    assert not _logs_in(client, superuser.username, NEW_PASSWORD)


@pytest.mark.parametrize(
    "changes",
    [
        {"department": "new"},
        {"role": "agent", "department": "new"},
        {"email": "attacker@example.com"},
        {"is_active": False},
        {"password": NEW_PASSWORD, "department": "new"},
    ],
)
def test_a_cx_admin_cannot_change_any_field_of_a_superuser(api_as, cx_admin, superuser, changes):
    department = DepartmentFactory(slug="logistik", name="Logistik")
    body = {key: (department.pk if value == "new" else value) for key, value in changes.items()}
    response = api_as(cx_admin).patch(f"{USERS}{superuser.pk}/", body, format="json")
    assert response.status_code == 403
    stored = User.objects.get(pk=superuser.pk)
    assert (stored.email, stored.department_id, stored.role, stored.is_active) == (
        superuser.email,
        None,
        "cx_admin",
        True,
    )


def test_a_cx_admin_cannot_deactivate_a_superuser(api_as, cx_admin, superuser):
    assert api_as(cx_admin).delete(f"{USERS}{superuser.pk}/").status_code == 403
    assert User.objects.get(pk=superuser.pk).is_active


def test_a_superuser_may_change_another_superuser(api_as, superuser, client):
    other = UserFactory(username="root2", role="cx_admin", department=None, is_superuser=True, is_staff=True)
    client_api = api_as(superuser)
    assert client_api.patch(f"{USERS}{other.pk}/", {"password": NEW_PASSWORD}, format="json").status_code == 200
    assert _logs_in(client, other.username, NEW_PASSWORD)
    assert client_api.delete(f"{USERS}{other.pk}/").status_code == 204
    assert not User.objects.get(pk=other.pk).is_active


def test_a_cx_admin_still_changes_ordinary_users(api_as, cx_admin, agent):
    response = api_as(cx_admin).patch(f"{USERS}{agent.pk}/", {"email": "neu@example.com"}, format="json")
    assert response.status_code == 200
    assert User.objects.get(pk=agent.pk).email == "neu@example.com"


def test_the_admin_s_password_form_refuses_a_cx_admin_for_a_superuser(client, cx_admin, superuser, password):
    _admin_login(client, cx_admin, password)
    response = client.post(
        f"/admin/accounts/user/{superuser.pk}/password/",
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )
    assert response.status_code == 403
    client.logout()
    assert not _logs_in(client, superuser.username, NEW_PASSWORD)
    assert _logs_in(client, superuser.username, password)


def test_the_admin_s_change_form_refuses_a_cx_admin_for_a_superuser(client, cx_admin, superuser, password):
    _admin_login(client, cx_admin, password)
    response = client.post(
        f"/admin/accounts/user/{superuser.pk}/change/",
        {
            "username": superuser.username,
            "email": "attacker@example.com",
            "language": "de",
            "role": "agent",
            "department": DepartmentFactory(slug="logistik").pk,
            "is_active": "",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00",
        },
    )
    assert response.status_code == 403
    stored = User.objects.get(pk=superuser.pk)
    assert stored.email == superuser.email and stored.is_active and stored.department_id is None


def test_the_admin_does_not_offer_a_superuser_for_deletion_to_a_cx_admin(client, cx_admin, superuser, password):
    _admin_login(client, cx_admin, password)
    response = client.post(f"/admin/accounts/user/{superuser.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert User.objects.filter(pk=superuser.pk, is_active=True).exists()


def test_a_superuser_changes_a_superuser_in_the_admin(client, superuser, password):
    other = UserFactory(username="root2", role="cx_admin", department=None, is_superuser=True, is_staff=True)
    _admin_login(client, superuser, password)
    response = client.post(
        f"/admin/accounts/user/{other.pk}/password/",
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )
    assert response.status_code == 302
    client.logout()
    assert _logs_in(client, other.username, NEW_PASSWORD)
