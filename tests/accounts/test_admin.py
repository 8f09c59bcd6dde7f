"""The Django admin at /admin/ is the user-management page for CX admins."""

from __future__ import annotations

import pytest

from accounts.models import User

pytestmark = pytest.mark.django_db


def _login(client, user, password) -> None:
    response = client.post("/admin/login/?next=/admin/", {"username": user.username, "password": password})
    assert response.status_code == 302, response.content.decode()[:500]


def test_a_cx_admin_logs_in_to_the_admin_and_sees_the_platform_models(client, cx_admin, password):
    _login(client, cx_admin, password)
    index = client.get("/admin/")
    assert index.status_code == 200
    content = index.content.decode()
    assert "/admin/accounts/user/" in content
    assert "/admin/accounts/department/" in content
    assert client.get("/admin/accounts/user/").status_code == 200


@pytest.mark.parametrize("role", ["cceo", "manager", "agent", "trainer"])
def test_other_roles_cannot_use_the_admin(client, request, role, password):
    user = request.getfixturevalue(role)
    response = client.post("/admin/login/?next=/admin/", {"username": user.username, "password": password})
    assert response.status_code == 200  # the form again, with an error
    assert client.get("/admin/accounts/user/").status_code == 302


def test_a_cx_admin_holds_model_permissions_for_every_platform_app(cx_admin):
    for perm in (
        "accounts.add_user",
        "accounts.change_department",
        "touchpoints.add_touchpoint",
        "touchpoints.change_journey",
        "customers.view_customer",
    ):
        assert cx_admin.has_perm(perm), perm


def test_a_cx_admin_creates_a_user_with_role_and_department_in_the_admin(client, cx_admin, password, department):
    _login(client, cx_admin, password)
    response = client.post(
        "/admin/accounts/user/add/",
        {
            "username": "neu.service",
            "email": "neu@nordlicht-handel.example",
            "role": "manager",
            "department": department.pk,
            "password1": "Ein-gutes-Passwort-42",
            "password2": "Ein-gutes-Passwort-42",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(username="neu.service")
    assert user.role == "manager"
    assert user.department == department
    assert list(user.groups.values_list("name", flat=True)) == ["manager"]


def test_changing_the_role_in_the_admin_syncs_group_and_staff_flag(client, cx_admin, password, agent):
    _login(client, cx_admin, password)
    response = client.post(
        f"/admin/accounts/user/{agent.pk}/change/",
        {
            "username": agent.username,
            "first_name": "",
            "last_name": "",
            "email": agent.email,
            "language": "en",
            "role": "cx_admin",
            "department": agent.department_id,
            "is_active": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    agent.refresh_from_db()
    assert agent.language == "en"
    assert agent.role == "cx_admin"
    assert agent.is_staff
    assert set(agent.groups.values_list("name", flat=True)) == {"cx_admin"}


def test_a_cx_admin_cannot_grant_superuser_rights(client, cx_admin, password, agent):
    _login(client, cx_admin, password)
    client.post(
        f"/admin/accounts/user/{agent.pk}/change/",
        {
            "username": agent.username,
            "email": agent.email,
            "role": "agent",
            "department": agent.department_id,
            "is_active": "on",
            "is_superuser": "on",
        },
    )
    agent.refresh_from_db()
    assert not agent.is_superuser


def test_a_cx_admin_creates_a_touchpoint_in_the_admin(client, cx_admin, password, department):
    from tests.factories import JourneyStageFactory
    from touchpoints.models import Touchpoint

    stage = JourneyStageFactory(slug="kauf", name="Kauf")
    _login(client, cx_admin, password)
    assert client.get("/admin/touchpoints/touchpoint/").status_code == 200
    response = client.post(
        "/admin/touchpoints/touchpoint/add/",
        {
            "name": "Filiale Lübeck",
            "slug": "filiale-luebeck",
            "stage": stage.pk,
            "channel": "store",
            "kind": "direct",
            "department": department.pk,
            "importance": 4,
            "description": "",
            "active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Touchpoint.objects.filter(slug="filiale-luebeck", department=department).exists()


def test_a_cceo_is_not_staff_and_cannot_reach_the_touchpoint_admin(client, cceo, password):
    client.post("/admin/login/?next=/admin/", {"username": cceo.username, "password": password})
    assert client.get("/admin/touchpoints/touchpoint/").status_code == 302
