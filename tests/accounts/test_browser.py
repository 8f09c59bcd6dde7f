"""Chromium walks through sign-in, the language switcher (without JavaScript) and sign-out."""

from __future__ import annotations

import pytest

from tests.factories import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_in_switch_language_and_sign_out(page, live_server, manager):
    page.goto(f"{live_server.url}/accounts/login/")
    assert page.locator("h1").inner_text() == "Anmelden"
    page.get_by_label("Benutzername").fill(manager.username)
    page.get_by_label("Passwort").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(f"{live_server.url}/")
    assert manager.username in page.locator("nav").inner_text()

    page.select_option("#language-select", "en")
    page.get_by_role("button", name="Wechseln").click()
    page.wait_for_load_state()
    assert page.get_by_role("button", name="Sign out").is_visible()

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(lambda url: "/accounts/login/" in url)
    assert page.locator("h1").inner_text() == "Sign in"
    page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in page.url


def test_a_wrong_password_shows_an_error_and_five_lock_the_account(page, live_server, agent):
    for _ in range(5):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Benutzername").fill(agent.username)
        page.get_by_label("Passwort").fill("falsch")
        page.get_by_role("button", name="Anmelden").click()
        page.wait_for_load_state()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Benutzername").fill(agent.username)
    page.get_by_label("Passwort").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_load_state()
    assert "Konto vorübergehend gesperrt" in page.locator("h1").inner_text()
