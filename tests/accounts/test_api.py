"""The accounts API: users/, departments/ and the permission matrix of each role."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from accounts.models import Department, User
from tests.factories import DepartmentFactory, TouchpointFactory, UserFactory

pytestmark = pytest.mark.django_db

USERS = "/api/v1/users/"
DEPARTMENTS = "/api/v1/departments/"


def _can_log_in(client, username: str, password: str) -> bool:
    response = client.post("/accounts/login/", {"username": username, "password": password})
    return response.status_code == 302


def _usernames(response) -> set[str]:
    return {row["username"] for row in response.json()["results"]}


def test_it_lists_users_with_the_contract_fields(api_as, cx_admin, agent):
    response = api_as(cx_admin).get(USERS)
    assert response.status_code == 200
    row = next(r for r in response.json()["results"] if r["username"] == agent.username)
    assert {"id", "username", "email", "role", "department", "first_name", "last_name", "is_active"} <= set(row)
    assert "password" not in row
    assert row["role"] == "agent"
    assert row["department"] == agent.department_id


def test_a_superuser_is_shown_as_cx_admin(api_as, cx_admin):
    boss = UserFactory(username="root", role="agent", department=None, is_superuser=True)
    response = api_as(cx_admin).get(f"{USERS}{boss.pk}/")
    assert response.json()["role"] == "cx_admin"


@pytest.mark.parametrize("role", ["cceo", "cx_admin", "trainer"])
def test_these_roles_see_every_department_s_users(api_as, request, role, agent, other_department):
    outsider = UserFactory(username="outsider", role="agent", department=other_department)
    viewer = request.getfixturevalue(role)
    response = api_as(viewer).get(USERS)
    assert response.status_code == 200
    assert {agent.username, outsider.username} <= _usernames(response)


@pytest.mark.parametrize("role", ["manager", "agent"])
def test_managers_and_agents_see_only_their_department(api_as, request, role, department, other_department):
    colleague = UserFactory(username="colleague", role="agent", department=department)
    outsider = UserFactory(username="outsider", role="agent", department=other_department)
    viewer = request.getfixturevalue(role)
    client = api_as(viewer)
    names = _usernames(client.get(USERS))
    assert colleague.username in names
    assert outsider.username not in names
    assert client.get(f"{USERS}{outsider.pk}/").status_code == 404
    assert client.get(f"{USERS}{colleague.pk}/").status_code == 200


def test_anonymous_requests_are_refused(api_client):
    assert api_client.get(USERS).status_code in {401, 403}
    assert api_client.get(DEPARTMENTS).status_code in {401, 403}


def test_cx_admin_creates_a_user_with_role_group_and_usable_password(api_as, cx_admin, department, client):
    response = api_as(cx_admin).post(
        USERS,
        {
            "username": "neu.filialen",
            "email": "neu@nordlicht-handel.example",
            "first_name": "Nina",
            "last_name": "Neumann",
            "role": "manager",
            "department": department.pk,
            "password": "Sehr-sicheres-Passwort-77",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert "password" not in response.json()
    user = User.objects.get(username="neu.filialen")
    assert user.role == "manager"
    assert list(user.groups.values_list("name", flat=True)) == ["manager"]
    assert user.is_staff is False
    assert _can_log_in(client, "neu.filialen", "Sehr-sicheres-Passwort-77")


def test_a_new_cx_admin_gets_admin_site_access(api_as, cx_admin):
    response = api_as(cx_admin).post(USERS, {"username": "admin2", "role": "cx_admin"}, format="json")
    assert response.status_code == 201
    user = User.objects.get(username="admin2")
    assert user.is_staff
    assert not user.has_usable_password()
    assert user.groups.filter(name="cx_admin").exists()


def test_an_unknown_role_is_a_400_field_message(api_as, cx_admin, department):
    response = api_as(cx_admin).post(
        USERS, {"username": "x", "role": "chef", "department": department.pk}, format="json"
    )
    assert response.status_code == 400
    assert "role" in response.json()
    assert not User.objects.filter(username="x").exists()


def test_a_weak_password_is_rejected_by_django_s_validators(api_as, cx_admin, department):
    response = api_as(cx_admin).post(
        USERS,
        {"username": "schwach", "role": "agent", "department": department.pk, "password": "12345678"},
        format="json",
    )
    assert response.status_code == 400
    assert "password" in response.json()
    assert not User.objects.filter(username="schwach").exists()


def test_a_password_like_the_username_is_rejected(api_as, cx_admin, department):
    response = api_as(cx_admin).post(
        USERS,
        {"username": "gustav.gans", "role": "agent", "department": department.pk, "password": "gustav.gans1"},
        format="json",
    )
    assert response.status_code == 400
    assert "password" in response.json()


def test_an_agent_needs_a_department(api_as, cx_admin):
    response = api_as(cx_admin).post(USERS, {"username": "ohne", "role": "agent"}, format="json")
    assert response.status_code == 400
    assert "department" in response.json()
    assert not User.objects.filter(username="ohne").exists()


def test_a_duplicate_username_is_a_400(api_as, cx_admin, agent):
    response = api_as(cx_admin).post(
        USERS, {"username": agent.username, "role": "agent", "department": agent.department_id}, format="json"
    )
    assert response.status_code == 400
    assert "username" in response.json()


def test_changing_the_role_moves_the_user_between_groups(api_as, cx_admin, agent):
    response = api_as(cx_admin).patch(f"{USERS}{agent.pk}/", {"role": "cx_admin"}, format="json")
    assert response.status_code == 200, response.content
    agent.refresh_from_db()
    assert agent.role == "cx_admin"
    assert agent.is_staff
    assert set(agent.groups.values_list("name", flat=True)) == {"cx_admin"}


def test_patch_with_an_unknown_role_changes_nothing(api_as, cx_admin, agent):
    response = api_as(cx_admin).patch(f"{USERS}{agent.pk}/", {"role": "boss", "email": "x@y.de"}, format="json")
    assert response.status_code == 400
    agent.refresh_from_db()
    assert agent.role == "agent"
    assert agent.email != "x@y.de"


def test_a_password_change_through_the_api_is_validated_and_applied(api_as, cx_admin, agent, client):
    bad = api_as(cx_admin).patch(f"{USERS}{agent.pk}/", {"password": "kurz"}, format="json")
    assert bad.status_code == 400
    assert "password" in bad.json()
    good = api_as(cx_admin).patch(f"{USERS}{agent.pk}/", {"password": "Ein-neues-Passwort-2026"}, format="json")
    assert good.status_code == 200
    assert _can_log_in(client, agent.username, "Ein-neues-Passwort-2026")


def test_the_username_cannot_be_renamed(api_as, cx_admin, agent):
    response = api_as(cx_admin).patch(f"{USERS}{agent.pk}/", {"username": "anders"}, format="json")
    assert response.status_code == 400
    assert "username" in response.json()


def test_an_admin_cannot_deactivate_or_demote_themselves(api_as, cx_admin):
    client = api_as(cx_admin)
    assert client.patch(f"{USERS}{cx_admin.pk}/", {"is_active": False}, format="json").status_code == 400
    assert client.patch(f"{USERS}{cx_admin.pk}/", {"role": "agent"}, format="json").status_code == 400
    cx_admin.refresh_from_db()
    assert cx_admin.is_active and cx_admin.role == "cx_admin"


def test_delete_deactivates_instead_of_deleting(api_as, cx_admin, agent):
    response = api_as(cx_admin).delete(f"{USERS}{agent.pk}/")
    assert response.status_code == 204
    agent.refresh_from_db()
    assert agent.is_active is False


@pytest.mark.parametrize("role", ["cceo", "manager", "agent", "trainer"])
def test_other_roles_cannot_write_users(api_as, request, role, agent, department):
    client = api_as(request.getfixturevalue(role))
    assert client.post(USERS, {"username": "y", "role": "agent", "department": department.pk}).status_code == 403
    assert client.patch(f"{USERS}{agent.pk}/", {"email": "z@z.de"}, format="json").status_code == 403
    assert client.delete(f"{USERS}{agent.pk}/").status_code == 403
    agent.refresh_from_db()
    assert agent.is_active and agent.email != "z@z.de"
    assert not User.objects.filter(username="y").exists()


def test_users_can_be_filtered_by_role(api_as, cx_admin, agent, manager):
    response = api_as(cx_admin).get(USERS, {"role": "manager"})
    assert _usernames(response) == {manager.username}


# --- departments -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["cceo", "cx_admin", "manager", "agent", "trainer"])
def test_every_staff_role_reads_departments(api_as, request, role, department, other_department):
    response = api_as(request.getfixturevalue(role)).get(DEPARTMENTS)
    assert response.status_code == 200
    rows = response.json()["results"]
    assert {"id", "name", "slug"} <= set(rows[0])
    assert {"filialen", "kundenservice"} <= {r["slug"] for r in rows}


def test_cx_admin_creates_renames_and_deletes_a_department(api_as, cx_admin):
    client = api_as(cx_admin)
    created = client.post(DEPARTMENTS, {"name": "Logistik", "slug": "logistik"}, format="json")
    assert created.status_code == 201
    pk = created.json()["id"]
    assert client.patch(f"{DEPARTMENTS}{pk}/", {"name": "Logistik & Lager"}, format="json").status_code == 200
    assert Department.objects.get(pk=pk).name == "Logistik & Lager"
    assert client.delete(f"{DEPARTMENTS}{pk}/").status_code == 204
    assert not Department.objects.filter(pk=pk).exists()


def test_a_department_with_members_cannot_be_deleted(api_as, cx_admin, agent):
    response = api_as(cx_admin).delete(f"{DEPARTMENTS}{agent.department_id}/")
    assert response.status_code == 409
    assert response.json()["used_by"] == {"Benutzer/innen": 1}
    assert Department.objects.filter(pk=agent.department_id).exists()


def test_a_department_owning_touchpoints_cannot_be_deleted(api_as, cx_admin):
    touchpoint = TouchpointFactory()
    response = api_as(cx_admin).delete(f"{DEPARTMENTS}{touchpoint.department_id}/")
    assert response.status_code == 409
    assert response.json()["used_by"] == {"Kontaktpunkte": 1}
    assert Department.objects.filter(pk=touchpoint.department_id).exists()


def test_a_bad_department_slug_is_a_400(api_as, cx_admin, department):
    client = api_as(cx_admin)
    assert client.post(DEPARTMENTS, {"name": "X", "slug": "kein slug!"}, format="json").status_code == 400
    duplicate = client.post(DEPARTMENTS, {"name": "Andere", "slug": department.slug}, format="json")
    assert duplicate.status_code == 400
    assert "slug" in duplicate.json()


@pytest.mark.parametrize("role", ["cceo", "manager", "agent", "trainer"])
def test_other_roles_cannot_write_departments(api_as, request, role, department):
    client = api_as(request.getfixturevalue(role))
    assert client.post(DEPARTMENTS, {"name": "Neu", "slug": "neu"}, format="json").status_code == 403
    assert client.patch(f"{DEPARTMENTS}{department.pk}/", {"name": "Y"}, format="json").status_code == 403
    assert client.delete(f"{DEPARTMENTS}{department.pk}/").status_code == 403
    assert Department.objects.filter(pk=department.pk, name="Filialen").exists()


def test_role_groups_exist_after_migrate():
    assert set(Group.objects.values_list("name", flat=True)) >= {"cceo", "cx_admin", "manager", "agent", "trainer"}


def test_department_helper_factory_is_idempotent_on_slug():
    assert DepartmentFactory(slug="filialen").pk == DepartmentFactory(slug="filialen").pk
