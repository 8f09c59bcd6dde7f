from __future__ import annotations

import pytest

from tests.factories import TouchpointFactory
from tests.touchpoints.conftest import ROLES
from touchpoints.models import Journey, JourneyStage, Touchpoint

pytestmark = pytest.mark.django_db

TP_FIELDS = {
    "id",
    "name",
    "slug",
    "stage",
    "stage_slug",
    "department_slug",
    "channel",
    "kind",
    "department",
    "is_key",
    "importance",
    "active",
    "description",
}


def tp_payload(stage_obj, department_obj, **overrides):
    data = {
        "name": "Webshop Kasse",
        "slug": "webshop-kasse",
        "stage": stage_obj.pk,
        "channel": "web",
        "kind": "direct",
        "department": department_obj.pk,
        "is_key": True,
        "importance": 5,
        "active": True,
        "description": "Bezahlvorgang im Webshop",
    }
    data.update(overrides)
    return data


# --- Permission matrix ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", ["/api/v1/journey-stages/", "/api/v1/touchpoints/", "/api/v1/journeys/"])
def test_every_staff_role_reads(api_as, user_of_role, role, path, touchpoint, journey):
    response = api_as(user_of_role(role)).get(path)
    assert response.status_code == 200
    assert response.json()["count"] >= 1


@pytest.mark.parametrize("role", ROLES)
def test_every_staff_role_reads_a_detail(api_as, user_of_role, role, touchpoint, journey):
    client = api_as(user_of_role(role))
    assert client.get(f"/api/v1/touchpoints/{touchpoint.pk}/").json()["slug"] == "filiale-hamburg"
    assert client.get(f"/api/v1/journeys/{journey.pk}/").json()["name"] == "Kauf im Laden"
    assert client.get(f"/api/v1/journey-stages/{touchpoint.stage_id}/").json()["slug"] == "kauf"


@pytest.mark.parametrize("role", ["cceo", "manager", "agent", "trainer"])
def test_only_cx_admins_write(api_as, user_of_role, role, stages, department, touchpoint, journey):
    client = api_as(user_of_role(role))
    attempts = [
        client.post("/api/v1/touchpoints/", tp_payload(stages[0], department), format="json"),
        client.patch(f"/api/v1/touchpoints/{touchpoint.pk}/", {"name": "X"}, format="json"),
        client.delete(f"/api/v1/touchpoints/{touchpoint.pk}/"),
        client.post("/api/v1/journey-stages/", {"name": "Neu", "slug": "neu"}, format="json"),
        client.patch(f"/api/v1/journey-stages/{stages[0].pk}/", {"name": "X"}, format="json"),
        client.post("/api/v1/journey-stages/reorder/", {"stages": [s.pk for s in stages]}, format="json"),
        client.post("/api/v1/journeys/", {"name": "Neu"}, format="json"),
        client.put(f"/api/v1/journeys/{journey.pk}/", {"name": "X", "steps": []}, format="json"),
        client.delete(f"/api/v1/journeys/{journey.pk}/"),
    ]
    assert [r.status_code for r in attempts] == [403] * len(attempts)
    touchpoint.refresh_from_db()
    assert touchpoint.name == "Filiale Hamburg"
    assert Journey.objects.get(pk=journey.pk).steps.count() == 3
    assert not JourneyStage.objects.filter(slug="neu").exists()


def test_anonymous_gets_no_access(api_client, touchpoint):
    assert api_client.get("/api/v1/touchpoints/").status_code in (401, 403)
    assert api_client.post("/api/v1/journey-stages/", {"name": "A", "slug": "a"}).status_code in (401, 403)


def test_superuser_acts_as_cx_admin(api_as, make_user, stages, department):
    root = make_user("agent", username="root", is_superuser=True)
    response = api_as(root).post("/api/v1/touchpoints/", tp_payload(stages[1], department), format="json")
    assert response.status_code == 201


def test_token_auth_reads_touchpoints(api_client, agent, password, touchpoint):
    token = api_client.post("/api/v1/auth/token/", {"username": agent.username, "password": password}).json()["token"]
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api_client.get("/api/v1/touchpoints/").json()["results"][0]["slug"] == "filiale-hamburg"


# --- Touchpoint CRUD ------------------------------------------------------------------------------------------


def test_admin_creates_reads_updates_and_deletes_a_touchpoint(api_as, cx_admin, stages, department):
    client = api_as(cx_admin)
    created = client.post("/api/v1/touchpoints/", tp_payload(stages[2], department), format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert set(body) == TP_FIELDS
    assert body["stage"] == stages[2].pk and body["is_key"] is True and body["importance"] == 5

    pk = body["id"]
    updated = client.patch(f"/api/v1/touchpoints/{pk}/", {"importance": 2, "stage": stages[3].pk}, format="json")
    assert updated.status_code == 200
    tp = Touchpoint.objects.get(pk=pk)
    assert (tp.importance, tp.stage_id) == (2, stages[3].pk)

    assert client.delete(f"/api/v1/touchpoints/{pk}/").status_code == 204
    assert not Touchpoint.objects.filter(pk=pk).exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"slug": "Webshop Kasse!"}, "slug"),
        ({"slug": ""}, "slug"),
        ({"importance": 0}, "importance"),
        ({"importance": 6}, "importance"),
        ({"kind": "sideways"}, "kind"),
        ({"channel": "telepathy"}, "channel"),
        ({"department": 999999}, "department"),
        ({"name": ""}, "name"),
    ],
)
def test_bad_touchpoint_input_is_a_400_with_field_message(api_as, cx_admin, stages, department, overrides, field):
    response = api_as(cx_admin).post(
        "/api/v1/touchpoints/", tp_payload(stages[0], department, **overrides), format="json"
    )
    assert response.status_code == 400
    assert field in response.json()
    assert not Touchpoint.objects.exists()


def test_duplicate_slug_is_a_400(api_as, cx_admin, stages, department, touchpoint):
    response = api_as(cx_admin).post(
        "/api/v1/touchpoints/", tp_payload(stages[0], department, slug="filiale-hamburg"), format="json"
    )
    assert response.status_code == 400
    assert response.json()["slug"] == ["Ein Kontaktpunkt mit diesem Kürzel existiert bereits."]


def test_invalid_slug_message_explains_the_rule(api_as, cx_admin, stages, department):
    response = api_as(cx_admin).post(
        "/api/v1/touchpoints/", tp_payload(stages[0], department, slug="Kasse 1"), format="json"
    )
    assert "Kleinbuchstaben" in response.json()["slug"][0]


def test_unknown_stage_is_a_clear_400(api_as, cx_admin, stages, department):
    response = api_as(cx_admin).post(
        "/api/v1/touchpoints/", tp_payload(stages[0], department, stage=424242), format="json"
    )
    assert response.status_code == 400
    assert response.json()["stage"] == ["„424242“ gibt es nicht."]


def test_stage_and_department_are_accepted_as_slugs(api_as, cx_admin, stages, department):
    body = tp_payload(stages[0], department, stage=stages[2].slug, department=department.slug)
    response = api_as(cx_admin).post("/api/v1/touchpoints/", body, format="json")
    assert response.status_code == 201, response.json()
    created = response.json()
    assert (created["stage"], created["stage_slug"]) == (stages[2].pk, stages[2].slug)
    assert (created["department"], created["department_slug"]) == (department.pk, department.slug)


def test_an_unknown_stage_slug_is_a_400(api_as, cx_admin, stages, department):
    response = api_as(cx_admin).post(
        "/api/v1/touchpoints/", tp_payload(stages[0], department, stage="gibt-es-nicht"), format="json"
    )
    assert response.status_code == 400
    assert response.json()["stage"] == ["„gibt-es-nicht“ gibt es nicht."]


def test_deleting_a_touchpoint_used_in_a_journey_is_a_409_with_what_uses_it(api_as, cx_admin, journey):
    tp = journey.steps.first().touchpoint
    response = api_as(cx_admin).delete(f"/api/v1/touchpoints/{tp.pk}/")
    assert response.status_code == 409
    assert response.json()["used_by"] == {"Schritte der Kundenreise": 1}
    assert "Deaktivieren" in response.json()["detail"]
    assert Touchpoint.objects.filter(pk=tp.pk).exists()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("is_key=true", {"kasse"}),
        ("active=false", {"alt"}),
        ("channel=web", {"kasse"}),
        ("slug=hotline", {"hotline"}),
        ("stage_slug=service", {"hotline"}),
    ],
)
def test_touchpoint_filters(api_as, agent, stages, department, other_department, query, expected):
    TouchpointFactory(slug="kasse", stage=stages[2], department=department, channel="web", is_key=True)
    TouchpointFactory(slug="hotline", stage=stages[4], department=other_department, channel="phone")
    TouchpointFactory(slug="alt", stage=stages[0], department=department, channel="letter", active=False)
    results = api_as(agent).get(f"/api/v1/touchpoints/?{query}").json()["results"]
    assert {r["slug"] for r in results} == expected


def test_touchpoint_filters_by_stage_and_department_id(api_as, agent, stages, department, other_department):
    TouchpointFactory(slug="kasse", stage=stages[2], department=department)
    TouchpointFactory(slug="hotline", stage=stages[4], department=other_department)
    client = api_as(agent)
    assert [r["slug"] for r in client.get(f"/api/v1/touchpoints/?stage={stages[4].pk}").json()["results"]] == [
        "hotline"
    ]
    by_dept = client.get(f"/api/v1/touchpoints/?department={department.pk}").json()["results"]
    assert [r["slug"] for r in by_dept] == ["kasse"]


def test_unknown_filter_value_is_a_400(api_as, agent, touchpoint):
    response = api_as(agent).get("/api/v1/touchpoints/?stage=999999")
    assert response.status_code == 400
    assert "stage" in response.json()


# --- Stages ---------------------------------------------------------------------------------------------------


def test_stages_are_listed_in_order(api_as, agent, stages):
    stages[0].order = 99
    stages[0].save()
    results = api_as(agent).get("/api/v1/journey-stages/").json()["results"]
    assert [r["slug"] for r in results][-1] == "aufmerksamkeit"
    assert set(results[0]) == {"id", "name", "slug", "order"}


def test_admin_creates_a_stage_at_the_end_and_rejects_duplicate_slug(api_as, cx_admin, stages):
    client = api_as(cx_admin)
    created = client.post("/api/v1/journey-stages/", {"name": "Rückgewinnung", "slug": "rueckgewinnung"}, format="json")
    assert created.status_code == 201
    assert created.json()["order"] == 7
    dup = client.post("/api/v1/journey-stages/", {"name": "Doppelt", "slug": "kauf"}, format="json")
    assert dup.status_code == 400
    assert dup.json()["slug"] == ["Eine Phase mit diesem Kürzel gibt es bereits."]


def test_admin_reorders_stages(api_as, cx_admin, stages):
    new_order = [s.pk for s in reversed(stages)]
    response = api_as(cx_admin).post("/api/v1/journey-stages/reorder/", {"stages": new_order}, format="json")
    assert response.status_code == 200
    assert [s["id"] for s in response.json()] == new_order
    assert list(JourneyStage.objects.order_by("order").values_list("pk", flat=True)) == new_order


def test_incomplete_stage_reorder_is_a_400_and_changes_nothing(api_as, cx_admin, stages):
    response = api_as(cx_admin).post("/api/v1/journey-stages/reorder/", {"stages": [stages[1].pk]}, format="json")
    assert response.status_code == 400
    assert "stages" in response.json()
    assert list(JourneyStage.objects.order_by("order").values_list("pk", flat=True)) == [s.pk for s in stages]


def test_deleting_a_stage_with_touchpoints_is_a_409(api_as, cx_admin, touchpoint):
    response = api_as(cx_admin).delete(f"/api/v1/journey-stages/{touchpoint.stage_id}/")
    assert response.status_code == 409
    assert response.json()["used_by"] == {"Kontaktpunkte": 1}
    assert JourneyStage.objects.filter(pk=touchpoint.stage_id).exists()


def test_invalid_boolean_filter_is_a_400(api_as, agent, touchpoint):
    response = api_as(agent).get("/api/v1/touchpoints/?is_key=vielleicht")
    assert response.status_code == 400
    assert "is_key" in response.json()


def test_touchpoint_list_query_count_is_constant(api_as, agent, stages, department, django_assert_max_num_queries):
    for i in range(20):
        TouchpointFactory(stage=stages[i % 6], department=department)
    client = api_as(agent)
    with django_assert_max_num_queries(4):
        response = client.get("/api/v1/touchpoints/")
    assert response.json()["count"] == 20


def test_touchpoints_filter_by_slugs_and_several_ids(api_as, agent, stages, department, other_department):
    kasse = TouchpointFactory(slug="kasse", stage=stages[2], department=department)
    hotline = TouchpointFactory(slug="hotline", stage=stages[4], department=other_department)
    TouchpointFactory(slug="alt", stage=stages[0], department=department)
    client = api_as(agent)

    def slugs(query: str) -> set[str]:
        response = client.get(f"/api/v1/touchpoints/?{query}")
        assert response.status_code == 200, response.content
        return {r["slug"] for r in response.json()["results"]}

    assert slugs(f"department_slug={other_department.slug}") == {"hotline"}
    assert slugs(f"stage={kasse.stage_id}&stage={hotline.stage_id}") == {"kasse", "hotline"}
    assert slugs(f"stage_slug={stages[2].slug}&stage_slug={stages[4].slug}") == {"kasse", "hotline"}


@pytest.mark.parametrize(
    "query", ["stage_slug=gibt-es-nicht", "department_slug=x%00", "department=99999999999999999999999", "slug=a%00"]
)
def test_bad_touchpoint_filters_are_a_400(api_as, agent, touchpoint, query):
    response = api_as(agent).get(f"/api/v1/touchpoints/?{query}")
    assert response.status_code == 400
    assert list(response.json()) == [query.split("=")[0]]


def test_a_new_stage_after_the_highest_position_is_a_400_not_an_overflow(api_as, cx_admin):
    from touchpoints.models import JourneyStage

    JourneyStage.objects.create(name="Letzte", slug="letzte", order=32767)
    response = api_as(cx_admin).post("/api/v1/journey-stages/", {"name": "Neu", "slug": "neu"}, format="json")
    assert response.status_code == 400
    assert "order" in response.json()
    assert not JourneyStage.objects.filter(slug="neu").exists()
