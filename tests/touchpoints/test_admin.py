from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_admin_pages_open_for_cx_admins(client, cx_admin, touchpoint, journey):
    client.force_login(cx_admin)
    for url in [
        reverse("admin:touchpoints_touchpoint_changelist"),
        reverse("admin:touchpoints_touchpoint_change", args=[touchpoint.pk]),
        reverse("admin:touchpoints_journeystage_changelist"),
        reverse("admin:touchpoints_journey_change", args=[journey.pk]),
    ]:
        assert client.get(url).status_code == 200, url


def test_agents_cannot_use_the_django_admin(client, agent, journey):
    client.force_login(agent)
    response = client.get(reverse("admin:touchpoints_journey_change", args=[journey.pk]))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def _inline_post(journey, orders, delete=()):
    steps = list(journey.steps.order_by("order"))
    data = {
        "name": journey.name,
        "persona": journey.persona,
        "description": journey.description,
        "steps-TOTAL_FORMS": str(len(steps)),
        "steps-INITIAL_FORMS": str(len(steps)),
        "steps-MIN_NUM_FORMS": "0",
        "steps-MAX_NUM_FORMS": "1000",
    }
    for i, (step, order) in enumerate(zip(steps, orders, strict=True)):
        data.update(
            {
                f"steps-{i}-id": str(step.pk),
                f"steps-{i}-journey": str(journey.pk),
                f"steps-{i}-order": str(order),
                f"steps-{i}-touchpoint": str(step.touchpoint_id),
                f"steps-{i}-expectation": step.expectation,
            }
        )
        if i in delete:
            data[f"steps-{i}-DELETE"] = "on"
    return data


def test_inline_steps_can_swap_orders_and_delete(client, cx_admin, journey):
    client.force_login(cx_admin)
    url = reverse("admin:touchpoints_journey_change", args=[journey.pk])
    response = client.post(url, _inline_post(journey, orders=[3, 2, 1], delete=(1,)))
    assert response.status_code == 302, response.context["errors"] if response.context else response
    assert list(journey.steps.order_by("order").values_list("touchpoint__slug", "order")) == [
        ("hotline", 1),
        ("prospekt", 2),
    ]


def test_inline_duplicate_orders_are_a_form_error(client, cx_admin, journey):
    client.force_login(cx_admin)
    url = reverse("admin:touchpoints_journey_change", args=[journey.pk])
    response = client.post(url, _inline_post(journey, orders=[1, 1, 2]))
    assert response.status_code == 200
    assert response.context["errors"]
    assert list(journey.steps.order_by("order").values_list("order", flat=True)) == [1, 2, 3]
