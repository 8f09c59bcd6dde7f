"""The answer page in headless Chromium: one click from the email records at once; without JavaScript too."""

from __future__ import annotations

import pytest

from nps import tokens
from nps.models import Response
from tests.nps.factories import sent_invitation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_preselected_score_is_recorded_on_load_and_a_comment_can_follow(live_server, page):
    invitation = sent_invitation()
    page.goto(f"{live_server.url}/s/{tokens.sign(invitation.token)}/?score=9")
    page.wait_for_selector("body[data-nps-recorded='1']")
    assert page.locator("#nps-status").inner_text().startswith("Vielen Dank")
    assert Response.objects.get(invitation=invitation).score == 9
    page.get_by_label("Was ist der wichtigste Grund für Ihre Bewertung?").fill("Sehr gute Beratung")
    page.get_by_role("button", name="Absenden").click()
    page.wait_for_selector("text=Vielen Dank für Ihre Antwort!")
    response = Response.objects.get(invitation=invitation)
    assert (response.score, response.comment, response.edits) == (9, "Sehr gute Beratung", 1)


def test_the_form_works_without_javascript_and_by_keyboard(live_server, browser):
    invitation = sent_invitation()
    context = browser.new_context(java_script_enabled=False, locale="de-DE")
    try:
        tab = context.new_page()
        tab.goto(f"{live_server.url}/s/{tokens.sign(invitation.token)}/?score=2")
        assert Response.objects.count() == 0  # a bare GET (a mail scanner) records nothing
        tab.focus("#score-2")
        tab.keyboard.press("ArrowRight")  # radio group: arrow keys move the choice
        tab.keyboard.press("Tab")
        tab.keyboard.type("Zu lange Wartezeit")
        tab.get_by_role("button", name="Absenden").click()
        tab.wait_for_selector("text=Vielen Dank für Ihre Antwort!")
    finally:
        context.close()
    response = Response.objects.get(invitation=invitation)
    assert (response.score, response.comment, response.needs_follow_up) == (3, "Zu lange Wartezeit", True)
