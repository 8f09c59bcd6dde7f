"""POST /api/v1/auth/token/: credentials → token, 400 for wrong ones, axes lockout and throttling."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt

pytestmark = pytest.mark.django_db

TOKEN = "/api/v1/auth/token/"


def test_a_token_is_issued_and_authenticates_requests(api_client, agent, password):
    response = api_client.post(TOKEN, {"username": agent.username, "password": password}, format="json")
    assert response.status_code == 200
    token = response.json()["token"]
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api_client.get("/api/v1/departments/").status_code == 200
    again = api_client.post(TOKEN, {"username": agent.username, "password": password}, format="json")
    assert again.json()["token"] == token


def test_wrong_credentials_are_a_400_without_a_token(api_client, agent):
    response = api_client.post(TOKEN, {"username": agent.username, "password": "falsch"}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert "token" not in body
    assert body["non_field_errors"]


def test_missing_fields_are_field_errors(api_client):
    response = api_client.post(TOKEN, {}, format="json")
    assert response.status_code == 400
    assert {"username", "password"} <= set(response.json())


def test_an_inactive_user_gets_no_token(api_client, agent, password):
    agent.is_active = False
    agent.save()
    response = api_client.post(TOKEN, {"username": agent.username, "password": password}, format="json")
    assert response.status_code == 400


def test_axes_counts_failed_token_requests(api_client, agent):
    api_client.post(TOKEN, {"username": agent.username, "password": "falsch"}, format="json")
    api_client.post(TOKEN, {"username": agent.username, "password": "auch falsch"}, format="json")
    attempt = AccessAttempt.objects.get(username=agent.username)
    assert attempt.failures_since_start == 2
    assert attempt.path_info == TOKEN


def test_the_token_endpoint_locks_out_after_five_failures(api_client, agent, password):
    statuses = [
        api_client.post(TOKEN, {"username": agent.username, "password": f"falsch{i}"}, format="json").status_code
        for i in range(5)
    ]
    assert statuses[:4] == [400, 400, 400, 400]
    response = api_client.post(TOKEN, {"username": agent.username, "password": password}, format="json")
    assert response.status_code == 429
    assert "token" not in response.json()
    assert "gesperrt" in response.json()["detail"]


def test_a_lockout_through_the_api_also_blocks_the_login_page(api_client, client, agent, password):
    for i in range(5):
        api_client.post(TOKEN, {"username": agent.username, "password": f"falsch{i}"}, format="json")
    response = client.post("/accounts/login/", {"username": agent.username, "password": password})
    assert response.status_code == 429


def test_the_token_endpoint_is_throttled(api_client):
    statuses = [
        api_client.post(TOKEN, {"username": f"niemand{i}", "password": "x"}, format="json").status_code
        for i in range(21)
    ]
    assert statuses[:20] == [400] * 20
    assert statuses[20] == 429


def test_the_error_speaks_english_on_request(api_client, agent):
    response = api_client.post(
        TOKEN, {"username": agent.username, "password": "falsch"}, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.json()["non_field_errors"] == ["Username or password is incorrect."]


def test_behind_a_trusted_proxy_a_lockout_holds_the_attackers_address_only(client, agent, password, settings):
    settings.TRUSTED_PROXY_COUNT = 1  # the compose TLS proxy appends the address it got the request from
    attacker = {"REMOTE_ADDR": "172.18.0.2", "HTTP_X_FORWARDED_FOR": "203.0.113.5"}
    colleague = {"REMOTE_ADDR": "172.18.0.2", "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    for i in range(5):
        client.post("/accounts/login/", {"username": agent.username, "password": f"falsch{i}"}, **attacker)
    assert AccessAttempt.objects.get(username=agent.username).ip_address == "203.0.113.5"
    locked = client.post("/accounts/login/", {"username": agent.username, "password": password}, **attacker)
    assert locked.status_code == 429
    allowed = client.post("/accounts/login/", {"username": agent.username, "password": password}, **colleague)
    assert allowed.status_code == 302


def test_a_forged_forwarded_entry_that_is_no_address_falls_back_to_the_proxy(client, agent, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    response = client.post(
        "/accounts/login/", {"username": agent.username, "password": "falsch"},
        REMOTE_ADDR="172.18.0.2", HTTP_X_FORWARDED_FOR="<script>",
    )  # fmt: skip
    assert response.status_code == 200
    assert AccessAttempt.objects.get(username=agent.username).ip_address == "172.18.0.2"
