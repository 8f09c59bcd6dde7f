from __future__ import annotations

import pytest

from core import events
from core.models import WebhookEndpoint
from core.webhooks import signing

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_registers_a_webhook_sees_a_delivery_and_redelivers_it(
    page, live_server, login_in_browser, cx_admin, webhook_receiver
):
    login_in_browser(page, cx_admin)
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Webhooks").click()
    page.get_by_role("link", name="Neuer Empfänger").click()
    page.get_by_label("Name").fill("CRM-System")
    page.get_by_label("Adresse (URL)").fill(webhook_receiver.url)
    page.get_by_label("Kunde angelegt (customer.created)").check()
    page.get_by_role("button", name="Speichern").click()

    page.wait_for_url("**/webhooks/*/")
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.event_types == ["customer.created"]
    assert page.locator("#webhook-secret").inner_text() == endpoint.secret

    events.emit("customer.created", {"customer_id": 7})
    page.reload()
    assert page.locator("#webhook-secret").count() == 0  # shown once only
    row = page.locator("tbody tr").first
    assert "customer.created" in row.inner_text()
    assert "zugestellt" in row.inner_text()

    row.get_by_role("button", name="Erneut senden").click()
    page.wait_for_url("**/webhooks/*/")
    assert "erneut eingeplant" in page.locator("main").inner_text()
    assert len(webhook_receiver.requests) == 2
    first, second = webhook_receiver.requests
    assert first.body == second.body
    assert signing.verify(
        secret=endpoint.secret,
        timestamp=int(second.headers["X-CX-Timestamp"]),
        body=second.body,
        signature=second.headers["X-CX-Signature"],
    )
