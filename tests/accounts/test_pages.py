"""Login, lockout, logout and password change pages."""

from __future__ import annotations

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def test_login_page_is_german_by_default(client):
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert "Anmelden" in response.content.decode()


def test_login_page_speaks_english_on_request(client):
    response = client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="en")
    content = response.content.decode()
    assert "Sign in" in content
    assert "Password" in content
    assert 'lang="en"' in content


def test_a_valid_login_lands_on_the_start_page(client, agent, password):
    response = client.post(LOGIN, {"username": agent.username, "password": password})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200


def test_login_follows_a_safe_next_but_not_an_external_one(client, agent, password):
    response = client.post(LOGIN, {"username": agent.username, "password": password, "next": "/touchpoints/"})
    assert response["Location"] == "/touchpoints/"
    client.post("/accounts/logout/")
    response = client.post(LOGIN, {"username": agent.username, "password": password, "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_a_wrong_password_shows_a_readable_error(client, agent):
    response = client.post(LOGIN, {"username": agent.username, "password": "falsch"})
    assert response.status_code == 200
    assert "alert-danger" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_pages_require_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_it_locks_out_after_five_failed_logins(client, agent, password):
    for _ in range(5):
        client.post(LOGIN, {"username": agent.username, "password": "falsch"})
    response = client.post(LOGIN, {"username": agent.username, "password": password})
    assert response.status_code == 429
    content = response.content.decode()
    assert "Konto vorübergehend gesperrt" in content
    assert "15 Minuten" in content
    assert "_auth_user_id" not in client.session


def test_the_lockout_is_per_user_so_colleagues_can_still_log_in(client, agent, manager, password):
    for _ in range(5):
        client.post(LOGIN, {"username": agent.username, "password": "falsch"})
    response = client.post(LOGIN, {"username": manager.username, "password": password})
    assert response.status_code == 302


def test_a_success_before_the_limit_resets_the_counter(client, agent, password):
    for _ in range(4):
        client.post(LOGIN, {"username": agent.username, "password": "falsch"})
    assert client.post(LOGIN, {"username": agent.username, "password": password}).status_code == 302
    client.post("/accounts/logout/")
    for _ in range(4):
        client.post(LOGIN, {"username": agent.username, "password": "falsch"})
    assert client.post(LOGIN, {"username": agent.username, "password": password}).status_code == 302


def test_logout_works_by_post_only(client, agent):
    client.force_login(agent)
    assert client.get("/accounts/logout/").status_code == 405
    assert "_auth_user_id" in client.session
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert response["Location"] == LOGIN
    assert "_auth_user_id" not in client.session


def test_the_navbar_offers_a_logout_form(client, agent):
    client.force_login(agent)
    content = client.get("/").content.decode()
    assert 'action="/accounts/logout/"' in content
    assert 'method="post"' in content


def test_password_change_shows_validation_errors(client, agent, password):
    client.force_login(agent)
    response = client.post(
        "/accounts/password/",
        {"old_password": "falsch", "new_password1": "123", "new_password2": "456"},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "text-danger" in content
    assert "Das alte Passwort war falsch" in content
    agent.refresh_from_db()
    assert agent.check_password(password)


def test_password_change_rejects_a_weak_new_password(client, agent, password):
    client.force_login(agent)
    response = client.post(
        "/accounts/password/",
        {"old_password": password, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "zu kurz" in content or "zu gängig" in content
    agent.refresh_from_db()
    assert agent.check_password(password)


def test_password_change_succeeds_and_keeps_the_session(client, agent, password):
    client.force_login(agent)
    response = client.post(
        "/accounts/password/",
        {"old_password": password, "new_password1": "Kaffee-Bohne-2026!", "new_password2": "Kaffee-Bohne-2026!"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/done/"
    assert "Ihr Passwort wurde geändert" in client.get(response["Location"]).content.decode()
    agent.refresh_from_db()
    assert agent.check_password("Kaffee-Bohne-2026!")


def test_password_change_requires_login(client):
    response = client.get("/accounts/password/")
    assert response.status_code == 302


def test_session_security_settings():
    assert settings.SESSION_COOKIE_HTTPONLY
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_COOKIE_AGE <= 12 * 60 * 60
    assert settings.X_FRAME_OPTIONS == "DENY"
    assert settings.AXES_FAILURE_LIMIT == 5
    assert "axes.middleware.AxesMiddleware" in settings.MIDDLEWARE
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"


def test_the_session_cookie_is_httponly_and_lax(client, agent, password):
    response = client.post(LOGIN, {"username": agent.username, "password": password})
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert cookie["max-age"] == ""  # a browser-session cookie: gone when the browser closes
