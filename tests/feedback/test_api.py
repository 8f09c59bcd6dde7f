"""The feedback/ and improvements/ API: contract fields, writes, scoping and denials."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from feedback.models import Feedback, ImprovementAction, Topic
from tests.feedback.factories import FeedbackFactory, ImprovementActionFactory
from touchpoints.models import Touchpoint

pytestmark = pytest.mark.django_db

CONTRACT = {"id", "kind", "text", "touchpoint", "touchpoint_slug", "channel", "customer", "sentiment", "topics",
            "status", "rating", "department", "department_slug", "created_at", "updated_at"}


def test_staff_post_feedback_by_touchpoint_slug(
    api_as: Callable[[Any], APIClient], agent: Any, store: Touchpoint
) -> None:
    response = api_as(agent).post(
        "/api/v1/feedback/",
        {"kind": "criticism", "text": "Die Kasse war schmutzig und die Wartezeit lang.", "touchpoint": store.slug},
        format="json",
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert CONTRACT <= set(data)
    assert "created" not in data
    assert (data["touchpoint"], data["touchpoint_slug"]) == (store.pk, store.slug)
    assert (data["department"], data["department_slug"]) == (store.department_id, store.department.slug)
    assert data["channel"] == "api"
    assert data["sentiment"] == "negative"
    assert {"Sauberkeit", "Wartezeit"} <= set(data["topics"])
    assert data["status"] == "new"
    assert Feedback.objects.get().created_by == agent


def test_the_touchpoint_may_be_given_by_id(api_as: Callable[[Any], APIClient], agent: Any, store: Touchpoint) -> None:
    response = api_as(agent).post(
        "/api/v1/feedback/",
        {"kind": "praise", "text": "Danke!", "touchpoint": store.pk, "channel": "staff", "rating": 5},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["touchpoint"] == store.pk
    assert response.json()["touchpoint_slug"] == store.slug
    assert response.json()["rating"] == 5


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"kind": "praise", "text": "", "touchpoint": "filiale-altona-kasse"}, "text"),
        ({"kind": "praise", "text": "x" * 100_000, "touchpoint": "filiale-altona-kasse"}, "text"),
        ({"kind": "rant", "text": "Hallo", "touchpoint": "filiale-altona-kasse"}, "kind"),
        ({"kind": "praise", "text": "Hallo", "touchpoint": "gibt-es-nicht"}, "touchpoint"),
        ({"kind": "praise", "text": "Hallo", "touchpoint": {"x": 1}}, "touchpoint"),
        ({"kind": "praise", "text": "Hallo", "touchpoint": "filiale-altona-kasse\x00"}, "touchpoint"),
        ({"kind": "praise", "text": "Hallo", "touchpoint": "\x00"}, "touchpoint"),
        ({"kind": "praise", "text": "Hallo", "touchpoint": "9" * 40}, "touchpoint"),
        ({"kind": "praise\x00", "text": "Hallo", "touchpoint": "filiale-altona-kasse"}, "kind"),
        ({"kind": "praise", "text": "Hal\x00lo", "touchpoint": "filiale-altona-kasse"}, "text"),
        ({"kind": "praise", "text": "Hallo", "touchpoint": "filiale-altona-kasse", "topics": ["Preis\x00"]}, "topics"),
        ({"kind": "praise", "text": "Hallo", "touchpoint": "filiale-altona-kasse", "customer": "1\x00"}, "customer"),
        (
            {"kind": "praise", "text": "Hallo", "touchpoint": "filiale-altona-kasse", "contact_email": "a\x00@b.de"},
            "contact_email",
        ),
        ({"kind": "praise", "text": "Hallo", "touchpoint": "filiale-altona-kasse", "rating": 9}, "rating"),
        ({"kind": "praise", "text": "Hallo", "touchpoint": "filiale-altona-kasse", "topics": ["Unsinn"]}, "topics"),
        ({"kind": "praise", "text": "   ", "touchpoint": "filiale-altona-kasse"}, "text"),
        (
            {"kind": "praise", "text": "Hi", "touchpoint": "filiale-altona-kasse", "contact_consent": True},
            "contact_email",
        ),
    ],
)
def test_bad_input_gets_400_with_field_messages(
    api_as: Callable[[Any], APIClient], agent: Any, store: Touchpoint, payload: dict, field: str
) -> None:
    response = api_as(agent).post("/api/v1/feedback/", payload, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert isinstance(response.json()[field], list)
    assert not Feedback.objects.exists()


def test_an_inactive_touchpoint_is_refused(api_as: Callable[[Any], APIClient], agent: Any, store: Touchpoint) -> None:
    store.active = False
    store.save()
    response = api_as(agent).post(
        "/api/v1/feedback/", {"kind": "praise", "text": "Hallo", "touchpoint": store.slug}, format="json"
    )
    assert response.status_code == 400 and "touchpoint" in response.json()


def test_managers_and_agents_see_only_their_department(
    api_as: Callable[[Any], APIClient], manager: Any, agent: Any, cceo: Any, store: Touchpoint, webshop: Touchpoint
) -> None:
    own = FeedbackFactory(touchpoint=store)
    foreign = FeedbackFactory(touchpoint=webshop)
    for user in (manager, agent):
        client = api_as(user)
        assert [row["id"] for row in client.get("/api/v1/feedback/").json()["results"]] == [own.pk]
        assert client.get(f"/api/v1/feedback/{foreign.pk}/").status_code == 404
    assert {row["id"] for row in api_as(cceo).get("/api/v1/feedback/").json()["results"]} == {own.pk, foreign.pk}


def test_staff_cannot_file_feedback_for_another_departments_touchpoint(
    api_as: Callable[[Any], APIClient], agent: Any, webshop: Touchpoint
) -> None:
    response = api_as(agent).post(
        "/api/v1/feedback/", {"kind": "praise", "text": "Hallo", "touchpoint": webshop.slug}, format="json"
    )
    assert response.status_code == 400 and "touchpoint" in response.json()


def test_trainers_and_anonymous_users_are_refused(
    api_as: Callable[[Any], APIClient], trainer: Any, store: Touchpoint
) -> None:
    FeedbackFactory(touchpoint=store)
    assert api_as(trainer).get("/api/v1/feedback/").status_code == 403
    assert api_as(trainer).get("/api/v1/improvements/").status_code == 403
    assert APIClient().get("/api/v1/feedback/").status_code in (401, 403)


def test_the_cceo_reads_but_does_not_write(api_as: Callable[[Any], APIClient], cceo: Any, store: Touchpoint) -> None:
    response = api_as(cceo).post(
        "/api/v1/feedback/", {"kind": "praise", "text": "Hallo", "touchpoint": store.slug}, format="json"
    )
    assert response.status_code == 403


def test_filters_by_kind_touchpoint_sentiment_topic_and_status(
    api_as: Callable[[Any], APIClient], cx_admin: Any, store: Touchpoint, webshop: Touchpoint
) -> None:
    client = api_as(cx_admin)
    client.post("/api/v1/feedback/", {"kind": "criticism", "text": "Lieferung kam zu spät", "touchpoint": webshop.slug},
                format="json")
    client.post("/api/v1/feedback/", {"kind": "praise", "text": "Sehr freundlich", "touchpoint": store.slug},
                format="json")
    delivery = Topic.objects.get(name="Lieferung")

    def count(query: str) -> int:
        response = client.get(f"/api/v1/feedback/?{query}")
        assert response.status_code == 200, response.json()
        return int(response.json()["count"])

    assert count("kind=criticism") == 1
    assert count(f"touchpoint={store.pk}") == 1
    assert count(f"touchpoint={store.pk}&touchpoint={webshop.pk}") == 2
    assert count(f"touchpoint_slug={store.slug}") == 1
    assert count("sentiment=positive") == 1
    assert count(f"topic={delivery.pk}") == 1
    assert count("status=new") == 2
    today = timezone.localdate()
    assert count(f"date_from={today - dt.timedelta(days=6)}&date_to={today}") == 2
    assert count(f"date_from={today + dt.timedelta(days=1)}") == 0


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("sentiment=wütend", "sentiment"),
        ("touchpoint=filiale-altona-kasse", "touchpoint"),  # a slug where the id belongs
        ("touchpoint_slug=gibt-es-nicht", "touchpoint_slug"),
        ("topic=Lieferung", "topic"),
        ("date_from=kein-datum", "date_from"),
        ("date_from=2026-03-02&date_to=2026-03-01", "date_to"),
        ("q=a%00b", "q"),
        ("touchpoint=%00", "touchpoint"),
        ("touchpoint_slug=kasse%00", "touchpoint_slug"),
        (f"touchpoint={'9' * 30}", "touchpoint"),
    ],
)
def test_bad_filters_are_a_400_with_the_fields_message(
    api_as: Callable[[Any], APIClient], cx_admin: Any, store: Touchpoint, query: str, field: str
) -> None:
    response = api_as(cx_admin).get(f"/api/v1/feedback/?{query}")
    assert response.status_code == 400
    assert field in response.json() and isinstance(response.json()[field], list)


def test_the_old_period_filter_is_gone(api_as: Callable[[Any], APIClient], cx_admin: Any, store: Touchpoint) -> None:
    FeedbackFactory(touchpoint=store, created_at=timezone.now() - dt.timedelta(days=40))
    assert api_as(cx_admin).get("/api/v1/feedback/?period=7").json()["count"] == 1


def test_another_departments_touchpoint_filters_like_an_unknown_one(
    api_as: Callable[[Any], APIClient], manager: Any, webshop: Touchpoint
) -> None:
    foreign = api_as(manager).get(f"/api/v1/feedback/?touchpoint={webshop.pk}")
    unknown = api_as(manager).get(f"/api/v1/feedback/?touchpoint={webshop.pk + 1000}")
    assert foreign.status_code == unknown.status_code == 400


def test_staff_correct_sentiment_and_topics(api_as: Callable[[Any], APIClient], agent: Any, store: Touchpoint) -> None:
    client = api_as(agent)
    created = client.post(
        "/api/v1/feedback/", {"kind": "praise", "text": "Alles gut", "touchpoint": store.slug}, format="json"
    ).json()
    response = client.patch(
        f"/api/v1/feedback/{created['id']}/",
        {"sentiment": "neutral", "topics": ["Preis"], "status": "reviewed"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    data = response.json()
    assert (data["sentiment"], data["sentiment_source"], data["topics"], data["status"]) == (
        "neutral", "staff", ["Preis"], "reviewed"
    )
    assert client.patch(f"/api/v1/feedback/{created['id']}/", {"text": "anders"}, format="json").status_code == 400


def test_improvements_api_lifecycle(
    api_as: Callable[[Any], APIClient], manager: Any, agent: Any, store: Touchpoint, department: Any
) -> None:
    item = FeedbackFactory(touchpoint=store)
    client = api_as(manager)
    response = client.post(
        "/api/v1/improvements/",
        {"title": "Zweite Kasse", "department": department.pk, "touchpoints": [store.slug], "feedback": [item.pk],
         "due_date": "2026-12-31"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    action_id = response.json()["id"]
    assert response.json()["status"] == "idea"
    bad = client.post(f"/api/v1/improvements/{action_id}/transition/", {"to": "done"}, format="json")
    assert bad.status_code == 400 and "to" in bad.json()
    for status in ("planned", "in_progress", "done"):
        response = client.post(f"/api/v1/improvements/{action_id}/transition/", {"to": status}, format="json")
        assert response.status_code == 200 and response.json()["status"] == status
    impact = client.get(f"/api/v1/improvements/{action_id}/impact/").json()
    assert impact["done"] is True and impact["rows"][0]["name"] == "feedback_total"
    # agents read actions but do not move them
    assert api_as(agent).get(f"/api/v1/improvements/{action_id}/").status_code == 200
    assert api_as(agent).post(f"/api/v1/improvements/{action_id}/transition/", {"to": "in_progress"},
                              format="json").status_code == 403


def test_improvements_are_scoped_to_the_department(
    api_as: Callable[[Any], APIClient], manager: Any, other_department: Any, webshop: Touchpoint
) -> None:
    foreign = ImprovementActionFactory(department=other_department)
    client = api_as(manager)
    assert client.get("/api/v1/improvements/").json()["count"] == 0
    assert client.get(f"/api/v1/improvements/{foreign.pk}/").status_code == 404
    response = client.post(
        "/api/v1/improvements/", {"title": "Fremd", "department": other_department.pk}, format="json"
    )
    assert response.status_code == 400 and "department" in response.json()
    assert not ImprovementAction.objects.exclude(pk=foreign.pk).exists()


def test_linking_an_unknown_record_is_a_400(api_as: Callable[[Any], APIClient], manager: Any, department: Any) -> None:
    action = ImprovementActionFactory(department=department)
    response = api_as(manager).post(
        f"/api/v1/improvements/{action.pk}/links/", {"type": "complaints.case", "object_id": 424242}, format="json"
    )
    assert response.status_code == 400 and "object_id" in response.json()
    response = api_as(manager).post(
        f"/api/v1/improvements/{action.pk}/links/", {"type": "accounts.user", "object_id": 1}, format="json"
    )
    assert response.status_code == 400


def test_the_openapi_schema_builds(client: Any) -> None:
    response = client.get("/api/schema/")
    assert response.status_code == 200
    assert b"/api/v1/improvements/{id}/transition/" in response.content
