"""Chromium: an admin finds a customer, records a documented consent and erases the person; a customer
withdraws consent with JavaScript switched off."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from customers import tokens
from customers.models import Customer
from customers.selectors import consent_is_granted, email_is_suppressed
from tests.customers.factories import ConsentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_records_consent_and_erases_a_customer(page, live_server, login_in_browser, cx_admin, customer):
    login_in_browser(page, cx_admin)
    page.goto(f"{live_server.url}/customers/")
    page.get_by_label("Suche (Name, E-Mail, Kundennummer)").fill("Beispielfrau")
    page.get_by_role("button", name="Suchen").click()
    page.get_by_role("link", name="K-100").click()
    page.wait_for_url(f"**/customers/{customer.pk}/")

    page.get_by_role("link", name="Einwilligung mit Nachweis erfassen").click()
    page.get_by_label("Quelle").fill("Anmeldeformular Filiale Hamburg")
    page.get_by_label("Nachweis").fill("Ordner 2026/11, Blatt 3")
    page.get_by_role("button", name="Einwilligung erfassen").click()
    page.wait_for_url(f"**/customers/{customer.pk}/")
    assert "Die Einwilligung wurde mit Nachweis erfasst." in page.get_by_role("status").first.inner_text()
    assert consent_is_granted(customer)

    page.get_by_role("link", name="Daten löschen (DSGVO)").click()
    page.get_by_label("Ja, die Daten dieser Person endgültig löschen.").check()
    page.get_by_role("button", name="Endgültig löschen").click()
    page.wait_for_url(f"**/customers/{customer.pk}/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Gelöschte Person")
    erased = Customer.objects.get(pk=customer.pk)
    assert erased.is_erased and erased.email == ""
    assert email_is_suppressed("erika.beispiel@example.org")


def test_customer_withdraws_consent_without_javascript(browser, live_server, customer):
    ConsentFactory(customer=customer)
    path = urlparse(tokens.withdraw_url(customer_id=customer.pk, purpose="survey_email")).path
    context = browser.new_context(java_script_enabled=False, locale="de-DE")
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}{path}")
        assert page.get_by_role("heading", level=1).inner_text() == "Einwilligung widerrufen"
        page.get_by_label("Meine Adresse außerdem für alle werblichen E-Mails sperren").focus()
        page.keyboard.press("Tab")  # keyboard users reach the button right after the checkbox
        page.keyboard.press("Enter")
        page.get_by_role("heading", name="Widerruf bestätigt").wait_for()
        assert "Ihre Einwilligung ist widerrufen" in page.locator("main").inner_text()
    finally:
        context.close()
    assert not consent_is_granted(customer)
    assert not email_is_suppressed(customer.email)
