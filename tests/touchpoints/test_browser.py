from __future__ import annotations

import pytest

from touchpoints.models import Touchpoint

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_creates_a_touchpoint_and_sees_it_on_the_journey_map(
    page, live_server, login_in_browser, cx_admin, stages, department
):
    login_in_browser(page, cx_admin)

    page.goto(f"{live_server.url}/touchpoints/")
    page.get_by_role("link", name="Neuer Kontaktpunkt").click()
    page.get_by_label("Name").fill("Paketzustellung")
    page.get_by_label("Kürzel").fill("paketzustellung")
    page.get_by_label("Phase").select_option(label="Nutzung")
    page.get_by_label("Kanal").select_option(value="delivery")
    page.get_by_label("verantwortliche Abteilung").select_option(label=department.name)
    page.get_by_label("Moment der Wahrheit").check()
    page.get_by_role("button", name="Speichern").click()

    page.wait_for_url("**/touchpoints/*/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Paketzustellung")
    assert Touchpoint.objects.get(slug="paketzustellung").stage.slug == "nutzung"

    page.get_by_role("link", name="Journey Map").click()
    page.wait_for_url("**/touchpoints/map/")
    column = page.locator('section[data-stage="nutzung"]')
    card = column.locator('[data-touchpoint="paketzustellung"]')
    assert card.is_visible()
    assert "Paketzustellung" in card.inner_text()
    assert "Moment der Wahrheit" in card.inner_text()
    assert page.locator('section[data-stage="kauf"] [data-touchpoint="paketzustellung"]').count() == 0
    headings = page.locator(".journey-map .stage-title").all_inner_texts()
    assert headings == ["Aufmerksamkeit", "Information", "Kauf", "Nutzung", "Service", "Loyalität"]


def test_journey_editor_moves_steps_without_javascript(browser, live_server, cx_admin, journey):
    context = browser.new_context(java_script_enabled=False, locale="de-DE")
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("input[name=username]", cx_admin.username)
        from tests.factories import TEST_PASSWORD

        page.fill("input[name=password]", TEST_PASSWORD)
        page.click("main button[type=submit]")
        page.goto(f"{live_server.url}/touchpoints/journeys/{journey.pk}/")
        page.get_by_role("button", name="Schritt 3 nach oben").click()
        rows = page.locator("tbody tr[data-step]")
        assert [rows.nth(i).get_attribute("data-step") for i in range(3)] == ["prospekt", "hotline", "kasse"]
    finally:
        context.close()
