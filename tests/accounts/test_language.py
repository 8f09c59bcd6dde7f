"""Staff languages: the switcher keeps a signed-in user's choice, and staff emails go out in it."""

from __future__ import annotations

import pytest

from accounts.selectors import emails_by_language
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_switcher_keeps_a_signed_in_users_language(client, agent, password):
    client.post("/accounts/login/", {"username": agent.username, "password": password})
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/password/"})
    assert response.status_code == 302 and response["Location"] == "/accounts/password/"
    agent.refresh_from_db()
    assert agent.language == "en"
    client.post("/i18n/setlang/", {"language": "xx", "next": "/"})  # no such language: nothing kept
    agent.refresh_from_db()
    assert agent.language == "en"


def test_an_anonymous_switch_only_sets_the_cookie(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert response.status_code == 302 and response.cookies["django_language"].value == "en"
    assert client.get("/i18n/setlang/").status_code == 405


def test_addresses_are_grouped_by_their_accounts_language():
    UserFactory(email="de@example.com")
    UserFactory(email="en@example.com", language="en")
    UserFactory(email="weg@example.com", language="en", is_active=False)
    groups = emails_by_language(["en@example.com", "de@example.com", "extern@example.com", "weg@example.com", ""])
    assert groups == {"de": ["de@example.com", "extern@example.com", "weg@example.com"], "en": ["en@example.com"]}


def test_a_new_browser_starts_in_the_language_stored_on_the_account(client, agent, password):
    agent.language = "en"
    agent.save()
    response = client.post("/accounts/login/", {"username": agent.username, "password": password})
    assert response.status_code == 302 and response.cookies["django_language"].value == "en"
    assert '<html lang="en"' in client.get("/accounts/password/").content.decode()


def test_a_browser_that_chose_a_language_keeps_it_at_login(client, agent, password):
    agent.language = "en"
    agent.save()
    client.cookies["django_language"] = "de"
    response = client.post("/accounts/login/", {"username": agent.username, "password": password})
    assert "django_language" not in response.cookies
    assert '<html lang="de"' in client.get("/accounts/password/").content.decode()
