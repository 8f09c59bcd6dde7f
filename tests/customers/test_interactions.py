"""POST /api/v1/interactions/: idempotent on external_id, 400 for unknown customer/touchpoint, event emitted."""

from __future__ import annotations

import pytest
from django.db import IntegrityError

from core import events
from customers import services
from customers.models import Interaction
from tests.factories import InteractionFactory

URL = "/api/v1/interactions/"


def payload(**overrides):
    data = {
        "customer_external_ref": "K-100",
        "touchpoint": "filiale-hamburg",
        "occurred_at": "2026-11-20T10:15:00+01:00",
        "external_id": "bon-4711",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_it_is_idempotent_on_external_id(api_as, cx_admin, customer, touchpoint, django_capture_on_commit_callbacks):
    seen: list[dict] = []

    def handler(event_type: str, data: dict) -> None:
        seen.append(data)

    events.subscribe("interaction.created", handler)
    try:
        api = api_as(cx_admin)
        with django_capture_on_commit_callbacks(execute=True):
            first = api.post(URL, payload(), format="json")
            second = api.post(URL, payload(), format="json")
    finally:
        events.unsubscribe("interaction.created", handler)
    assert first.status_code == 201, first.json()
    assert second.status_code == 200
    assert first.json() == second.json()
    assert first.json()["channel"] == "store"  # defaults to the touchpoint's channel
    assert Interaction.objects.count() == 1
    interaction = Interaction.objects.get()
    assert seen == [
        {
            "interaction_id": interaction.pk,
            "customer_id": customer.pk,
            "touchpoint_id": touchpoint.pk,
            "touchpoint_slug": "filiale-hamburg",
            "department_id": touchpoint.department_id,
            "occurred_at": "2026-11-20T09:15:00+00:00",
        }
    ]


@pytest.mark.django_db
def test_it_accepts_the_customer_id(api_as, cx_admin, customer, touchpoint):
    data = payload(customer=customer.pk, channel="web")
    del data["customer_external_ref"]
    response = api_as(cx_admin).post(URL, data, format="json")
    assert response.status_code == 201
    assert response.json()["customer"] == customer.pk and response.json()["channel"] == "web"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"customer_external_ref": "K-999"}, "customer_external_ref"),
        ({"customer_external_ref": None, "customer": 999999}, "customer"),
        ({"customer_external_ref": None}, "customer"),
        ({"touchpoint": "gibt-es-nicht"}, "touchpoint"),
        ({"occurred_at": "gestern"}, "occurred_at"),
        ({"occurred_at": "2099-01-01T00:00:00Z"}, "occurred_at"),
        ({"external_id": ""}, "external_id"),
        ({"channel": "brieftaube"}, "channel"),
    ],
)
def test_bad_input_is_a_400_with_a_field_message(api_as, cx_admin, customer, touchpoint, overrides, field):
    data = {k: v for k, v in payload(**overrides).items() if v is not None}
    response = api_as(cx_admin).post(URL, data, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert Interaction.objects.count() == 0


@pytest.mark.django_db
def test_unknown_touchpoint_message_names_the_slug(api_as, cx_admin, customer):
    response = api_as(cx_admin).post(URL, payload(touchpoint="gibt-es-nicht"), format="json")
    assert "gibt-es-nicht" in response.json()["touchpoint"][0]


@pytest.mark.django_db
def test_agents_record_only_at_their_departments_touchpoints(api_as, agent, customer, touchpoint, other_touchpoint):
    api = api_as(agent)
    assert api.post(URL, payload(), format="json").status_code == 201
    other = api.post(URL, payload(touchpoint="hotline", external_id="anruf-1"), format="json")
    assert other.status_code == 400 and "touchpoint" in other.json()


@pytest.mark.django_db
def test_a_lost_race_returns_the_winners_row(customer, touchpoint, monkeypatch):
    winner = InteractionFactory(customer=customer, touchpoint=touchpoint, external_id="race-1")
    real_filter = Interaction.objects.filter
    calls = {"n": 0}

    def filter_missing_once(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 1:  # the pre-check does not see the concurrent insert yet
            return Interaction.objects.none()
        return real_filter(*args, **kwargs)

    monkeypatch.setattr(Interaction.objects, "filter", filter_missing_once)
    interaction, created = services.interaction_create(
        customer=customer, touchpoint=touchpoint, occurred_at=winner.occurred_at, external_id="race-1"
    )
    assert (interaction.pk, created) == (winner.pk, False)
    with pytest.raises(IntegrityError):
        Interaction.objects.create(
            customer=customer, touchpoint=touchpoint, occurred_at=winner.occurred_at, external_id="race-1"
        )


@pytest.mark.django_db
def test_list_and_detail_are_scoped_to_the_department(api_as, manager, cceo, customer, touchpoint, other_touchpoint):
    mine = InteractionFactory(customer=customer, touchpoint=touchpoint)
    theirs = InteractionFactory(customer=customer, touchpoint=other_touchpoint)
    listing = api_as(manager).get(URL)
    assert [row["id"] for row in listing.json()["results"]] == [mine.pk]
    assert api_as(manager).get(f"{URL}{theirs.pk}/").status_code == 404
    assert api_as(cceo).get(f"{URL}{theirs.pk}/").status_code == 200
    assert {row["id"] for row in api_as(cceo).get(URL).json()["results"]} == {mine.pk, theirs.pk}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "field, value",
    [
        ("touchpoint", "filiale-\x00hamburg"),
        ("customer_external_ref", "K-\x00100"),
        ("external_id", "bon-\x004711"),
        ("channel", "store\x00"),
        ("customer", "1\x00"),
        ("touchpoint", 10**30),
        ("customer", 10**30),
    ],
)
def test_a_nul_byte_or_an_impossible_id_is_a_400_with_the_field(api_as, cx_admin, customer, touchpoint, field, value):
    body = payload(**{field: value})
    if field == "customer":
        body.pop("customer_external_ref")
    response = api_as(cx_admin).post(URL, body, format="json")
    assert response.status_code == 400, response.content
    assert isinstance(response.json()[field], list)
    assert not Interaction.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query, field",
    [
        ({"date_to": "2026-02-12T09:46:17-16:11"}, "date_to"),
        ({"date_from": "2026-13-40"}, "date_from"),
        ({"date_from": "2026-03-02", "date_to": "2026-03-01"}, "date_to"),
        ({"touchpoint": "kasse"}, "touchpoint"),
        ({"touchpoint": str(10**30)}, "touchpoint"),
        ({"touchpoint_slug": "gibt-es-nicht"}, "touchpoint_slug"),
        ({"touchpoint_slug": "kasse\x00"}, "touchpoint_slug"),
        ({"customer": "\x00"}, "customer"),
        ({"customer": str(10**30)}, "customer"),
        ({"external_id": "bon\x00"}, "external_id"),
    ],
)
def test_bad_filters_are_a_400_with_the_field(api_as, cceo, customer, touchpoint, query, field):
    response = api_as(cceo).get(URL, query)
    assert response.status_code == 400, response.content
    assert set(response.json()) == {field}
    assert isinstance(response.json()[field], list)


@pytest.mark.django_db
def test_the_old_period_names_no_longer_break_the_list(api_as, cceo):
    response = api_as(cceo).get(URL, {"occurred_to": "2026-02-12T09:46:17-16:11"})
    assert response.status_code in (200, 400)


@pytest.mark.django_db
def test_interactions_filter_by_touchpoint_id_slug_customer_and_local_days(
    api_as, cceo, customer, touchpoint, other_touchpoint
):
    import datetime as dt
    from zoneinfo import ZoneInfo

    berlin = ZoneInfo("Europe/Berlin")
    late = InteractionFactory(
        customer=customer, touchpoint=touchpoint, occurred_at=dt.datetime(2026, 3, 1, 23, 30, tzinfo=berlin)
    )
    early = InteractionFactory(
        customer=customer, touchpoint=other_touchpoint, occurred_at=dt.datetime(2026, 3, 2, 0, 30, tzinfo=berlin)
    )
    other = InteractionFactory(touchpoint=touchpoint, occurred_at=dt.datetime(2026, 3, 2, 12, 0, tzinfo=berlin))
    api = api_as(cceo)

    def ids(**query) -> set[int]:
        response = api.get(URL, query)
        assert response.status_code == 200, response.content
        return {row["id"] for row in response.json()["results"]}

    assert ids(touchpoint=touchpoint.pk) == {late.pk, other.pk}
    assert ids(touchpoint=[touchpoint.pk, other_touchpoint.pk]) == {late.pk, early.pk, other.pk}
    assert ids(touchpoint_slug="hotline") == {early.pk}
    assert ids(customer=customer.pk) == {late.pk, early.pk}
    assert ids(date_to="2026-03-01") == {late.pk}
    assert ids(date_from="2026-03-02") == {early.pk, other.pk}
    row = api.get(f"{URL}{late.pk}/").json()
    assert (row["touchpoint"], row["touchpoint_slug"]) == (touchpoint.pk, "filiale-hamburg")


@pytest.mark.django_db
def test_a_touchpoint_id_is_accepted_on_write(api_as, cx_admin, customer, touchpoint):
    response = api_as(cx_admin).post(URL, payload(touchpoint=touchpoint.pk), format="json")
    assert response.status_code == 201, response.content
    assert response.json()["touchpoint_slug"] == "filiale-hamburg"
