"""The public form in headless Chromium: with JavaScript, without JavaScript, and embedded in an iframe."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from feedback.models import Feedback
from touchpoints.models import Touchpoint

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def quick_form(settings: Any) -> None:
    settings.FEEDBACK_MIN_FILL_SECONDS = 0.5


def test_a_customer_scans_the_code_and_leaves_criticism(
    page: Any, live_server: Any, store: Touchpoint, quick_form: None, manager: Any,
    login_in_browser: Callable[[Any, Any], None],
) -> None:
    page.goto(f"{live_server.url}/f/{store.slug}/")
    assert page.locator("h1").inner_text() == "Ihre Meinung zählt"
    page.get_by_label("Kritik").check()
    page.get_by_label("Ihr Feedback").fill("Ich musste 25 Minuten an der Kasse warten, sehr ärgerlich.")
    assert "Zeichen" in page.locator("#text-count").inner_text()  # the script's live counter
    page.get_by_label("E-Mail (freiwillig)").fill("kundin@example.org")
    page.get_by_label("Ja, Sie dürfen mich per E-Mail informieren", exact=False).check()
    page.get_by_label("2", exact=True).check()
    page.wait_for_timeout(600)
    page.get_by_role("button", name="Feedback senden").click()
    page.wait_for_url(f"**/f/{store.slug}/danke/")
    assert "Vielen Dank für Ihr Feedback!" in page.content()

    item = Feedback.objects.get()
    assert (item.kind, item.rating, item.sentiment, item.contact_consent) == ("criticism", 2, "negative", True)
    assert "Wartezeit" in set(item.topics.values_list("name", flat=True))

    login_in_browser(page, manager)
    page.goto(f"{live_server.url}/feedback/")
    row = page.locator("tbody tr").first
    assert "25 Minuten" in row.inner_text() and "Wartezeit" in row.inner_text() and "negativ" in row.inner_text()


def test_the_form_works_without_javascript(browser: Any, live_server: Any, store: Touchpoint, quick_form: None) -> None:
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/f/{store.slug}/")
        assert page.locator("h1").inner_text() == "Your opinion matters"
        page.get_by_label("Praise").check()
        page.wait_for_timeout(600)
        page.get_by_role("button", name="Send feedback").click()  # empty text
        assert page.locator("#form-errors").is_visible()
        assert "Please write your feedback." in page.locator("#form-errors").inner_text()
        assert not Feedback.objects.exists()
        page.get_by_label("Your feedback").fill("The staff were very friendly and helpful. <b>Thanks</b>")
        page.wait_for_timeout(600)
        page.get_by_role("button", name="Send feedback").click()
        page.wait_for_url(f"**/f/{store.slug}/danke/")
        assert "Thank you for your feedback!" in page.content()
    finally:
        context.close()
    item = Feedback.objects.get()
    assert (item.kind, item.language, item.sentiment) == ("praise", "en", "positive")


def test_the_embedded_form_works_inside_another_sites_iframe(
    page: Any, live_server: Any, store: Touchpoint, quick_form: None
) -> None:
    embed = f"{live_server.url}/f/{store.slug}/embed/"
    page.set_content(
        f'<h1>Händler-Website</h1><iframe src="{embed}" title="Feedback" width="600" height="900"></iframe>'
    )
    frame = page.frame_locator("iframe")
    frame.get_by_label("Vorschlag").check()
    frame.get_by_label("Ihr Feedback").fill("Bitte mehr Fahrradständer vor dem Eingang.")
    page.wait_for_timeout(600)
    frame.get_by_role("button", name="Feedback senden").click()
    frame.get_by_text("Vielen Dank für Ihr Feedback!").wait_for()
    item = Feedback.objects.get()
    assert (item.kind, item.channel) == ("suggestion", "web_form")
