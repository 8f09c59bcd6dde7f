from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import TouchpointFactory
from tests.touchpoints.conftest import ROLES
from touchpoints.models import Journey, JourneyStage, Touchpoint
from touchpoints.panels import _panels, register_detail_panel

pytestmark = pytest.mark.django_db

ADMIN_PAGES = [
    ("touchpoints:create", False),
    ("touchpoints:edit", "touchpoint"),
    ("touchpoints:stage-list", False),
    ("touchpoints:stage-edit", "stage"),
    ("touchpoints:journey-list", False),
    ("touchpoints:journey-create", False),
    ("touchpoints:journey-edit", "journey"),
]
ADMIN_POSTS = [
    ("touchpoints:stage-move", "stage"),
    ("touchpoints:journey-steps", "journey"),
    ("touchpoints:journey-delete", "journey"),
]
READ_PAGES = [("touchpoints:list", False), ("touchpoints:detail", "touchpoint"), ("touchpoints:journey-map", False)]


def url_for(name, kind, touchpoint, journey):
    pk = {"touchpoint": touchpoint.pk, "stage": touchpoint.stage_id, "journey": journey.pk}.get(kind)
    return reverse(name, args=[pk]) if pk else reverse(name)


@pytest.mark.parametrize("role", ROLES)
def test_page_permission_matrix(client, user_of_role, role, touchpoint, journey):
    client.force_login(user_of_role(role))
    for name, kind in READ_PAGES:
        assert client.get(url_for(name, kind, touchpoint, journey)).status_code == 200, name
    expected = 200 if role == "cx_admin" else 403
    for name, kind in ADMIN_PAGES:
        assert client.get(url_for(name, kind, touchpoint, journey)).status_code == expected, name
    if role != "cx_admin":
        for name, kind in ADMIN_POSTS:
            assert client.post(url_for(name, kind, touchpoint, journey), {"action": "remove"}).status_code == 403
        assert journey.steps.count() == 3


def test_anonymous_is_sent_to_login(client, touchpoint):
    for name in ["touchpoints:list", "touchpoints:journey-map", "touchpoints:create"]:
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_missing_records_are_404(client, cx_admin):
    client.force_login(cx_admin)
    assert client.get(reverse("touchpoints:detail", args=[9999])).status_code == 404
    assert client.get(reverse("touchpoints:journey-edit", args=[9999])).status_code == 404


def test_edit_buttons_only_for_admins(client, agent, cx_admin, touchpoint):
    client.force_login(agent)
    assert reverse("touchpoints:create") not in client.get(reverse("touchpoints:list")).content.decode()
    client.force_login(cx_admin)
    assert reverse("touchpoints:create") in client.get(reverse("touchpoints:list")).content.decode()


def test_list_page_filters_with_the_shared_filterset(client, agent, stages, department):
    TouchpointFactory(name="Kundenhotline", stage=stages[4], department=department, channel="phone")
    TouchpointFactory(name="Online-Kasse", stage=stages[2], department=department, channel="web")
    client.force_login(agent)
    page = client.get(reverse("touchpoints:list"), {"channel": "phone"}).content.decode()
    assert "Kundenhotline" in page and "Online-Kasse" not in page


def test_admin_creates_a_touchpoint_through_the_form(client, cx_admin, stages, department):
    client.force_login(cx_admin)
    data = {
        "name": "Paketzustellung",
        "slug": "paketzustellung",
        "stage": stages[3].pk,
        "channel": "delivery",
        "kind": "indirect",
        "department": department.pk,
        "is_key": "on",
        "importance": 4,
        "description": "",
        "active": "on",
    }
    response = client.post(reverse("touchpoints:create"), data)
    tp = Touchpoint.objects.get(slug="paketzustellung")
    assert response.status_code == 302 and response["Location"] == reverse("touchpoints:detail", args=[tp.pk])
    assert tp.is_key and tp.kind == "indirect" and tp.stage == stages[3]


def test_touchpoint_form_shows_readable_slug_errors(client, cx_admin, stages, department, touchpoint):
    client.force_login(cx_admin)
    base = {"name": "X", "stage": stages[0].pk, "channel": "web", "kind": "direct", "department": department.pk}
    bad = client.post(reverse("touchpoints:create"), {**base, "slug": "Mit Leerzeichen", "importance": 3})
    assert bad.status_code == 400
    assert "Ein Kürzel darf nur Kleinbuchstaben" in bad.content.decode()
    dup = client.post(reverse("touchpoints:create"), {**base, "slug": "filiale-hamburg", "importance": 3})
    assert "Ein Kontaktpunkt mit diesem Kürzel existiert bereits." in dup.content.decode()
    wrong = client.post(reverse("touchpoints:create"), {**base, "slug": "ok", "importance": 7})
    assert wrong.status_code == 400
    assert Touchpoint.objects.count() == 1


def test_admin_edits_a_touchpoint(client, cx_admin, touchpoint):
    client.force_login(cx_admin)
    form = client.get(reverse("touchpoints:edit", args=[touchpoint.pk])).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and v is not False}
    data.update(name="Filiale Hamburg-Altona", stage=touchpoint.stage_id, department=touchpoint.department_id)
    response = client.post(reverse("touchpoints:edit", args=[touchpoint.pk]), data)
    assert response.status_code == 302
    touchpoint.refresh_from_db()
    assert touchpoint.name == "Filiale Hamburg-Altona"


def test_stage_page_creates_edits_and_moves_stages(client, cx_admin, stages):
    client.force_login(cx_admin)
    response = client.post(reverse("touchpoints:stage-list"), {"name": "Rückgewinnung", "slug": "rueckgewinnung"})
    assert response.status_code == 302
    new = JourneyStage.objects.get(slug="rueckgewinnung")
    assert new.order == 7
    client.post(reverse("touchpoints:stage-move", args=[new.pk]), {"direction": "up"})
    assert list(JourneyStage.objects.order_by("order").values_list("slug", flat=True))[-2] == "rueckgewinnung"
    client.post(reverse("touchpoints:stage-edit", args=[new.pk]), {"name": "Rückgewinnung", "slug": "winback"})
    assert JourneyStage.objects.filter(slug="winback").exists()
    dup = client.post(reverse("touchpoints:stage-list"), {"name": "Doppelt", "slug": "kauf"})
    assert "Eine Phase mit diesem Kürzel gibt es bereits." in dup.content.decode()


def test_journey_editor_add_move_update_remove(client, cx_admin, journey, touchpoint):
    client.force_login(cx_admin)
    steps_url = reverse("touchpoints:journey-steps", args=[journey.pk])

    def slugs():
        return list(journey.steps.order_by("order").values_list("touchpoint__slug", flat=True))

    assert (
        client.post(steps_url, {"action": "add", "touchpoint": touchpoint.pk, "expectation": "Beratung"}).status_code
        == 302
    )
    assert slugs() == ["prospekt", "kasse", "hotline", "filiale-hamburg"]
    last = journey.steps.get(touchpoint=touchpoint)
    client.post(steps_url, {"action": "up", "step": last.pk})
    assert slugs() == ["prospekt", "kasse", "filiale-hamburg", "hotline"]
    first = journey.steps.order_by("order").first()
    client.post(steps_url, {"action": "down", "step": first.pk})
    assert slugs() == ["kasse", "prospekt", "filiale-hamburg", "hotline"]
    kasse = journey.steps.get(touchpoint__slug="kasse")
    client.post(steps_url, {"action": "update", "step": kasse.pk, "expectation": "keine Schlange"})
    assert journey.steps.get(touchpoint__slug="kasse").expectation == "keine Schlange"
    client.post(steps_url, {"action": "remove", "step": journey.steps.get(touchpoint__slug="kasse").pk})
    assert slugs() == ["prospekt", "filiale-hamburg", "hotline"]
    page = client.get(reverse("touchpoints:journey-edit", args=[journey.pk])).content.decode()
    assert page.index("Prospekt") < page.index("Filiale Hamburg") < page.index("Hotline")


def test_journey_editor_bad_input_is_a_readable_error(client, cx_admin, journey):
    client.force_login(cx_admin)
    steps_url = reverse("touchpoints:journey-steps", args=[journey.pk])
    bad_tp = client.post(steps_url, {"action": "add", "touchpoint": 99999})
    assert bad_tp.status_code == 400
    assert "Bitte wählen Sie einen vorhandenen Kontaktpunkt." in bad_tp.content.decode()
    bad_step = client.post(steps_url, {"action": "remove", "step": "abc"})
    assert bad_step.status_code == 400
    assert "Bitte wählen Sie einen Schritt." in bad_step.content.decode()
    assert client.post(steps_url, {"action": "explode"}).status_code == 400
    assert journey.steps.count() == 3


def test_journey_create_edit_and_delete_pages(client, cx_admin):
    client.force_login(cx_admin)
    response = client.post(reverse("touchpoints:journey-create"), {"name": "Reklamation", "persona": "Stammkunde"})
    journey_url = response["Location"]
    assert client.get(journey_url).status_code == 200
    assert client.post(journey_url, {"name": "", "persona": "x"}).status_code == 400  # form error, nothing saved
    client.post(journey_url, {"name": "Reklamation im Laden", "persona": "Stammkunde", "description": ""})
    assert "Reklamation im Laden" in client.get(reverse("touchpoints:journey-list")).content.decode()
    pk = int(journey_url.rstrip("/").rsplit("/", 1)[1])
    assert client.post(reverse("touchpoints:journey-delete", args=[pk])).status_code == 302
    assert not Journey.objects.filter(pk=pk).exists()


def test_journey_map_lists_stages_in_order_with_cards_and_paths(client, agent, stages, journey, department):
    stages[0].order = 50  # Aufmerksamkeit moves to the end
    stages[0].save()
    TouchpointFactory(name="Altes Formular", stage=stages[1], department=department, active=False)
    client.force_login(agent)
    response = client.get(reverse("touchpoints:journey-map"))
    columns = response.context["columns"]
    assert [c.stage.slug for c in columns] == [
        "information",
        "kauf",
        "nutzung",
        "service",
        "loyalitaet",
        "aufmerksamkeit",
    ]
    page = response.content.decode()
    positions = [page.index(f'data-stage="{c.stage.slug}"') for c in columns]
    assert positions == sorted(positions)
    kasse_column = next(c for c in columns if c.stage.slug == "kauf")
    assert [card.touchpoint.slug for card in kasse_column.cards] == ["kasse"]
    assert "Altes Formular" not in page
    path = page[page.index(f'data-journey="{journey.pk}"') :]
    assert path.index("Prospekt") < path.index("Kasse") < path.index("Hotline")


def test_journey_map_marks_moments_of_truth(client, agent, stages, department):
    TouchpointFactory(name="Kasse", stage=stages[2], department=department, is_key=True)
    client.force_login(agent)
    page = client.get(reverse("touchpoints:journey-map")).content.decode()
    assert "touchpoint-card is-key" in page
    assert "Moment der Wahrheit" in page


def test_journey_map_query_count_is_constant(client, agent, stages, journey, department, django_assert_max_num_queries):
    for i in range(10):
        TouchpointFactory(stage=stages[i % 6], department=department)
    client.force_login(agent)
    with django_assert_max_num_queries(10):
        client.get(reverse("touchpoints:journey-map"))


def test_health_hook_colours_cards(client, agent, touchpoint):
    from touchpoints.health import Health, register_health_source, unregister_health_source

    register_health_source("test", lambda tps: {tp.pk: Health(level="poor", label="NPS −20") for tp in tps})
    try:
        client.force_login(agent)
        page = client.get(reverse("touchpoints:journey-map")).content.decode()
    finally:
        unregister_health_source("test")
    assert "health-poor" in page and "NPS −20" in page


def test_detail_shows_data_journey_steps_and_registered_panels(client, agent, journey):
    tp = journey.steps.get(touchpoint__slug="kasse").touchpoint
    register_detail_panel("test-panel", lambda request, touchpoint: f"<p id='panel'>Plakat für {touchpoint.slug}</p>")
    register_detail_panel("test-empty", lambda request, touchpoint: None)
    try:
        client.force_login(agent)
        page = client.get(reverse("touchpoints:detail", args=[tp.pk])).content.decode()
    finally:
        _panels.pop("test-panel")
        _panels.pop("test-empty")
    assert "<p id='panel'>Plakat für kasse</p>" in page
    assert "Kauf im Laden, Schritt 2" in page
    assert "Erwartung Kasse" in page


def test_pages_speak_english_when_asked(client, cx_admin, touchpoint):
    client.force_login(cx_admin)
    page = client.get(reverse("touchpoints:list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "New touchpoint" in page
    assert "Neuer Kontaktpunkt" not in page
    map_page = client.get(reverse("touchpoints:journey-map"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "No journeys have been created yet." in map_page


def test_list_page_with_an_invalid_filter_shows_the_error(client, agent, touchpoint):
    client.force_login(agent)
    response = client.get(reverse("touchpoints:list"), {"stage": "999999"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "invalid-feedback" in page
    assert "Filiale Hamburg" not in page
