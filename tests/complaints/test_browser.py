"""Chromium: an agent logs a case, the customer follows the status link from the acknowledgement, the case is
resolved and the satisfaction survey goes out."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from django.conf import settings
from django.core import mail

from complaints.models import Case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_agent_logs_case_customer_follows_it_and_is_surveyed(
    page: Any,
    browser: Any,
    live_server: Any,
    login_in_browser: Any,
    agent: Any,
    policies: Any,
    touchpoint: Any,
    customer: Any,
) -> None:
    from customers.services import consent_record_documented
    from nps.models import Invitation

    consent_record_documented(customer=customer, source="Kundenkarte", evidence="Formular 2026-11-01")
    login_in_browser(page, agent)
    started = time.monotonic()
    page.goto(f"{live_server.url}/complaints/new/")
    page.fill("#id_customer_query", "Muster")
    page.click("#customer-results li")  # search-as-you-type suggestion
    assert page.input_value("#id_customer") == str(customer.pk)
    page.select_option("#id_touchpoint", str(touchpoint.pk))
    page.fill("#id_description", "Die bestellte Ware war beim Abholen nicht da.")
    page.fill("#id_remedy_sought", "Lieferung nach Hause")
    page.click("#case-form button[type=submit]")
    page.wait_for_url(re.compile(r"/complaints/\d+/$"))
    assert time.monotonic() - started < 60
    case = Case.objects.get()
    assert case.customer == customer and case.department == touchpoint.department
    assert page.get_by_test_id("case-status").inner_text() == "neu"

    ack = [m for m in mail.outbox if case.reference in m.subject]
    assert len(ack) == 1
    link = re.search(r"https?://\S+/c/\S+/", ack[0].body).group(0)  # type: ignore[union-attr]
    customer_context = browser.new_context(locale="de-DE", timezone_id="Europe/Berlin")
    customer_page = customer_context.new_page()
    customer_page.goto(link.replace(settings.SITE_URL, live_server.url))
    assert case.reference in customer_page.content()
    assert "Eingegangen" in customer_page.get_by_test_id("public-status").inner_text()

    page.fill("#id_text", "Wir liefern Ihnen die Ware morgen kostenfrei nach Hause.")
    page.check("#id_public")
    page.click("#h-note ~ form button[type=submit]")
    page.wait_for_load_state()
    page.click("[data-testid=to-in_progress]")
    page.wait_for_load_state()
    page.click("[data-testid=to-resolved]")
    page.wait_for_load_state()
    assert page.get_by_test_id("case-status").inner_text() == "gelöst"

    customer_page.reload()
    assert "Gelöst" in customer_page.get_by_test_id("public-status").inner_text()
    assert "Wir liefern Ihnen die Ware morgen kostenfrei nach Hause." in customer_page.content()
    customer_page.click("button[value=yes]")
    customer_page.wait_for_load_state()
    assert "Vielen Dank für Ihre Rückmeldung." in customer_page.content()

    invitation = Invitation.objects.get(context__case_id=case.pk)
    assert invitation.status == "sent"
    assert any(m.to == [customer.email] and m is not ack[0] and "/s/" in m.body for m in mail.outbox)
    case.refresh_from_db()
    assert case.customer_acceptance == "accepted" and case.first_response_met is True
    customer_context.close()
