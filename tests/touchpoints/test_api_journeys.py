from __future__ import annotations

import pytest

from tests.factories import TouchpointFactory
from touchpoints.models import Journey, JourneyStep

pytestmark = pytest.mark.django_db


def step_slugs(journey_id):
    return list(
        JourneyStep.objects.filter(journey_id=journey_id).order_by("order").values_list("touchpoint__slug", flat=True)
    )


def test_journey_lists_steps_in_order(api_as, manager, journey):
    body = api_as(manager).get(f"/api/v1/journeys/{journey.pk}/").json()
    assert set(body) == {"id", "name", "persona", "description", "steps"}
    assert [s["order"] for s in body["steps"]] == [1, 2, 3]
    assert set(body["steps"][0]) == {"touchpoint", "touchpoint_slug", "order", "expectation"}
    assert body["steps"][0]["touchpoint_slug"] == "prospekt"
    assert body["steps"][0]["expectation"] == "Erwartung Prospekt"


def test_admin_creates_a_journey_with_steps_in_one_request(api_as, cx_admin, stages, department):
    a = TouchpointFactory(slug="a", stage=stages[0], department=department)
    b = TouchpointFactory(slug="b", stage=stages[1], department=department)
    payload = {
        "name": "Online-Kauf",
        "persona": "Berufstätiger",
        "description": "Vom Newsletter bis zur Lieferung",
        "steps": [
            {"touchpoint": b.pk, "order": 2, "expectation": "schnell"},
            {"touchpoint": a.pk, "order": 1},
        ],
    }
    response = api_as(cx_admin).post("/api/v1/journeys/", payload, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert [(s["touchpoint"], s["order"]) for s in body["steps"]] == [(a.pk, 1), (b.pk, 2)]
    assert step_slugs(body["id"]) == ["a", "b"]


def test_put_replaces_and_reorders_steps(api_as, cx_admin, journey):
    steps = list(journey.steps.order_by("order"))
    reordered = [
        {"touchpoint": steps[2].touchpoint_id, "expectation": "zuerst"},
        {"touchpoint": steps[0].touchpoint_id},
    ]
    response = api_as(cx_admin).put(
        f"/api/v1/journeys/{journey.pk}/", {"name": "Kauf im Laden", "steps": reordered}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert step_slugs(journey.pk) == ["hotline", "prospekt"]
    assert [s["order"] for s in response.json()["steps"]] == [1, 2]
    assert response.json()["steps"][0]["expectation"] == "zuerst"


def test_patch_without_steps_keeps_steps(api_as, cx_admin, journey):
    response = api_as(cx_admin).patch(f"/api/v1/journeys/{journey.pk}/", {"persona": "Senior"}, format="json")
    assert response.status_code == 200
    assert Journey.objects.get(pk=journey.pk).persona == "Senior"
    assert step_slugs(journey.pk) == ["prospekt", "kasse", "hotline"]


def test_empty_steps_clear_the_journey(api_as, cx_admin, journey):
    response = api_as(cx_admin).patch(f"/api/v1/journeys/{journey.pk}/", {"steps": []}, format="json")
    assert response.status_code == 200
    assert response.json()["steps"] == []


def test_unknown_touchpoint_in_steps_is_a_400_and_changes_nothing(api_as, cx_admin, journey):
    response = api_as(cx_admin).put(
        f"/api/v1/journeys/{journey.pk}/",
        {"name": "Umbenannt", "steps": [{"touchpoint": 987654}]},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["steps"]["0"]["touchpoint"] == ["„987654“ gibt es nicht."]
    journey.refresh_from_db()
    assert journey.name == "Kauf im Laden"
    assert step_slugs(journey.pk) == ["prospekt", "kasse", "hotline"]


def test_duplicate_step_order_is_a_400(api_as, cx_admin, journey):
    tp = journey.steps.first().touchpoint_id
    response = api_as(cx_admin).patch(
        f"/api/v1/journeys/{journey.pk}/",
        {"steps": [{"touchpoint": tp, "order": 1}, {"touchpoint": tp, "order": 1}]},
        format="json",
    )
    assert response.status_code == 400
    assert "steps" in response.json()
    assert step_slugs(journey.pk) == ["prospekt", "kasse", "hotline"]


def test_steps_must_be_a_list_of_objects(api_as, cx_admin, journey):
    response = api_as(cx_admin).patch(f"/api/v1/journeys/{journey.pk}/", {"steps": "kasse"}, format="json")
    assert response.status_code == 400
    assert "steps" in response.json()


def test_journey_without_name_is_a_400(api_as, cx_admin):
    response = api_as(cx_admin).post("/api/v1/journeys/", {"persona": "x"}, format="json")
    assert response.status_code == 400
    assert "name" in response.json()


def test_journey_list_query_count_does_not_grow_with_steps(api_as, agent, journey, django_assert_max_num_queries):
    client = api_as(agent)
    with django_assert_max_num_queries(6):
        response = client.get("/api/v1/journeys/")
    assert len(response.json()["results"][0]["steps"]) == 3


def test_openapi_schema_lists_touchpoint_paths(api_as, cx_admin):
    response = api_as(cx_admin).get("/api/schema/?format=json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in ["/api/v1/journey-stages/", "/api/v1/touchpoints/", "/api/v1/journeys/{id}/"]:
        assert path in paths


@pytest.mark.parametrize("method", ["patch", "put"])
def test_a_step_without_touchpoint_is_a_400_with_the_field_and_changes_nothing(api_as, cx_admin, journey, method):
    response = getattr(api_as(cx_admin), method)(
        f"/api/v1/journeys/{journey.pk}/",
        {"name": "Umbenannt", "steps": [{"expectation": "schnell"}, {"touchpoint": "kasse"}]},
        format="json",
    )
    assert response.status_code == 400, response.content
    assert response.json()["steps"]["0"]["touchpoint"] == ["Dieses Feld ist erforderlich."]
    journey.refresh_from_db()
    assert journey.name == "Kauf im Laden"
    assert step_slugs(journey.pk) == ["prospekt", "kasse", "hotline"]


def test_steps_name_their_touchpoint_by_slug(api_as, cx_admin, journey):
    response = api_as(cx_admin).patch(
        f"/api/v1/journeys/{journey.pk}/",
        {"steps": [{"touchpoint": "hotline"}, {"touchpoint": "kasse"}]},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert [s["touchpoint_slug"] for s in response.json()["steps"]] == ["hotline", "kasse"]
    assert step_slugs(journey.pk) == ["hotline", "kasse"]
