"""Hooks into the rest of the platform: event, GDPR export/erasure, profile timeline, touchpoint panel."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from core import events
from customers import gdpr
from customers.timeline import timeline_for
from feedback import services
from feedback.models import Feedback
from tests.factories import CustomerFactory
from touchpoints.models import Touchpoint

pytestmark = pytest.mark.django_db


def test_feedback_created_is_emitted_after_commit(store: Touchpoint, django_capture_on_commit_callbacks: Any) -> None:
    received: list[dict] = []

    def handler(event_type: str, payload: dict) -> None:
        received.append(payload)

    assert "feedback.created" in events.event_types()
    events.subscribe("feedback.created", handler)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            item = services.feedback_create(kind="praise", text="Super Beratung", touchpoint=store, channel="api")
    finally:
        events.unsubscribe("feedback.created", handler)
    assert received == [
        {
            "feedback_id": item.pk, "kind": "praise", "touchpoint_id": store.pk, "touchpoint_slug": store.slug,
            "department_id": store.department_id,
            "channel": "api", "customer_id": None, "sentiment": "positive", "topics": ["Beratung"], "rating": None,
            "created_at": item.created_at.isoformat(),
        }
    ]


def test_gdpr_export_and_erasure(store: Touchpoint) -> None:
    customer = CustomerFactory(email="erika@example.org")
    linked = services.feedback_create(kind="criticism", text="Kasse zu langsam, Erika M.", touchpoint=store,
                                      channel="staff", customer=customer)
    by_address = services.feedback_create(kind="praise", text="Danke", touchpoint=store, channel="web_form",
                                          contact_email="Erika@example.org", contact_name="Erika", contact_consent=True)
    other = services.feedback_create(kind="praise", text="Danke", touchpoint=store, channel="web_form")
    exported = gdpr.exporters()["feedback"](customer)
    assert sorted(row["id"] for row in exported) == sorted([linked.pk, by_address.pk])
    gdpr.erasers()["feedback"](customer)
    for item in (linked, by_address):
        item.refresh_from_db()
        assert item.customer is None and item.contact_email == "" and item.contact_name == ""
        assert not item.contact_consent and "Erika" not in item.text
        assert item.sentiment  # statistics stay
    other.refresh_from_db()
    assert other.text == "Danke"


def test_feedback_appears_on_the_profile_timeline(store: Touchpoint, manager: Any, webshop: Touchpoint) -> None:
    customer = CustomerFactory()
    services.feedback_create(kind="praise", text="Tolle Filiale", touchpoint=store, channel="staff", customer=customer)
    services.feedback_create(kind="praise", text="Toller Shop", touchpoint=webshop, channel="api", customer=customer)
    entries = [e for e in timeline_for(customer) if e.kind == "feedback"]
    assert len(entries) == 2
    visible = [e for e in timeline_for(customer, user=manager) if e.kind == "feedback"]
    assert len(visible) == 1 and "Tolle Filiale" in visible[0].detail
    assert visible[0].url.startswith("/feedback/")


def test_the_touchpoint_page_links_the_qr_poster(client: Client, manager: Any, store: Touchpoint) -> None:
    client.force_login(manager)
    response = client.get(f"/touchpoints/{store.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"/feedback/posters/{store.slug}/a4.pdf" in html
    assert f"/f/{store.slug}/" in html


def test_erased_customers_cannot_get_new_feedback(store: Touchpoint) -> None:
    from django.core.exceptions import ValidationError
    from django.utils import timezone

    customer = CustomerFactory(erased_at=timezone.now())
    with pytest.raises(ValidationError):
        services.feedback_create(kind="praise", text="Hallo", touchpoint=store, channel="staff", customer=customer)
    assert not Feedback.objects.exists()
