"""The public feedback form /f/<slug>/ and its embeddable variant (Django test client)."""

from __future__ import annotations

import time
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client

from customers.models import Consent, Customer
from feedback import spam
from feedback.models import Feedback
from tests.factories import CustomerFactory
from touchpoints.models import Touchpoint

pytestmark = pytest.mark.django_db


def test_it_shows_the_form_for_a_touchpoint(client: Client, store: Touchpoint) -> None:
    response = client.get("/f/filiale-altona-kasse/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Filiale Altona Kasse" in html
    assert "<legend" in html and 'for="id_text"' in html
    assert response["X-Frame-Options"] == "DENY"


def test_a_customer_leaves_criticism_that_is_tagged(post_feedback: Callable[..., Any], store: Touchpoint) -> None:
    text = "Ich musste an der Kasse 20 Minuten warten, das Personal war unfreundlich."
    response = post_feedback(store.slug, text=text)
    assert response.status_code == 302
    assert response["Location"] == "/f/filiale-altona-kasse/danke/"
    item = Feedback.objects.get()
    assert item.kind == "criticism"
    assert item.channel == "qr_code"  # a store counter is reached through its QR poster
    assert item.department == store.department
    assert item.sentiment == "negative"
    assert item.language == "de"
    assert {"Wartezeit", "Freundlichkeit"} <= set(item.topics.values_list("name", flat=True))
    assert item.customer is None and item.contact_email == "" and not item.contact_consent


def test_contact_consent_is_stored_with_the_text_version(
    post_feedback: Callable[..., Any], store: Touchpoint, settings: Any
) -> None:
    post_feedback(store.slug, name="Erika Muster", email="erika@example.org", contact_consent="on")
    item = Feedback.objects.get()
    assert item.contact_consent and item.contact_email == "erika@example.org"
    assert item.consent_text_version == settings.CONSENT_TEXT_VERSION
    assert item.consent_given_at is not None
    # contact consent alone is not consent to surveys
    assert not Consent.objects.exists()


def test_survey_consent_starts_the_double_opt_in(
    post_feedback: Callable[..., Any], store: Touchpoint, django_capture_on_commit_callbacks: Any, mailoutbox: list
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        post_feedback(store.slug, email="neu@example.org", survey_consent="on")
    customer = Customer.objects.get(email="neu@example.org")
    consent = Consent.objects.get(customer=customer)
    assert consent.status == "pending"
    assert [m.to for m in mailoutbox] == [["neu@example.org"]]


def test_survey_consent_reuses_an_existing_customer(post_feedback: Callable[..., Any], store: Touchpoint) -> None:
    existing = CustomerFactory(email="bekannt@example.org")
    post_feedback(store.slug, email="Bekannt@example.org", survey_consent="on")
    assert Customer.objects.filter(email__iexact="bekannt@example.org").count() == 1
    assert Consent.objects.get().customer == existing


def test_consent_without_email_is_a_form_error(post_feedback: Callable[..., Any], store: Touchpoint) -> None:
    response = post_feedback(store.slug, contact_consent="on")
    assert response.status_code == 400
    assert "brauchen wir Ihre E-Mail-Adresse" in response.content.decode()
    assert not Feedback.objects.exists()


@pytest.mark.parametrize("text", ["", "   \n  "])
def test_empty_text_is_a_form_error(post_feedback: Callable[..., Any], store: Touchpoint, text: str) -> None:
    response = post_feedback(store.slug, text=text)
    assert response.status_code == 400
    assert "Bitte schreiben Sie uns Ihr Feedback." in response.content.decode()
    assert not Feedback.objects.exists()


def test_100_kb_of_text_is_a_form_error(post_feedback: Callable[..., Any], store: Touchpoint) -> None:
    response = post_feedback(store.slug, text="x" * 100_000)
    assert response.status_code == 400
    assert "5000" in response.content.decode().replace(".", "")
    assert not Feedback.objects.exists()


def test_html_in_the_text_is_stored_as_is_and_shown_escaped(
    post_feedback: Callable[..., Any], store: Touchpoint, client: Client, manager: Any
) -> None:
    post_feedback(store.slug, text="<script>alert('x')</script> Die Kasse war <b>zu</b> langsam.")
    item = Feedback.objects.get()
    assert item.text.startswith("<script>")
    client.force_login(manager)
    html = client.get(f"/feedback/{item.pk}/").content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html


def test_an_unknown_touchpoint_gets_a_404_page(client: Client, db: Any) -> None:
    response = client.get("/f/gibt-es-nicht/")
    assert response.status_code == 404
    assert "Diese Feedback-Seite gibt es nicht" in response.content.decode()


def test_a_disabled_touchpoint_gets_a_friendly_page(
    client: Client, store: Touchpoint, post_feedback: Callable[..., Any]
) -> None:
    store.active = False
    store.save()
    response = client.get(f"/f/{store.slug}/")
    assert response.status_code == 200
    assert "derzeit nicht möglich" in response.content.decode()
    assert post_feedback(store.slug).status_code == 200
    assert not Feedback.objects.exists()


def test_the_honeypot_drops_bot_submissions_silently(post_feedback: Callable[..., Any], store: Touchpoint) -> None:
    response = post_feedback(store.slug, website="http://spam.example")
    assert response.status_code == 302
    assert not Feedback.objects.exists()


def test_a_submission_faster_than_a_person_can_type_is_refused(client: Client, store: Touchpoint) -> None:
    token = spam.issue_token(store.slug, now=time.time())
    response = client.post(f"/f/{store.slug}/", {"kind": "praise", "text": "Toll!", "ts": token})
    assert response.status_code == 400
    assert not Feedback.objects.exists()


@pytest.mark.parametrize("token", ["", "forged", spam.issue_token("another-touchpoint", now=0)])
def test_a_missing_or_forged_timestamp_is_refused(client: Client, store: Touchpoint, token: str) -> None:
    response = client.post(f"/f/{store.slug}/", {"kind": "praise", "text": "Toll!", "ts": token})
    assert response.status_code == 400
    assert "noch einmal" in response.content.decode()
    assert not Feedback.objects.exists()


def test_floods_are_rate_limited(
    post_feedback: Callable[..., Any], store: Touchpoint, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The limiter counts per fixed minute; pin its clock so the test never straddles two windows.
    monkeypatch.setattr("core.ratelimit.time", SimpleNamespace(time=lambda: 1_800_000_000.0))
    statuses = [post_feedback(store.slug).status_code for _ in range(settings.FEEDBACK_FORM_RATE_LIMIT + 2)]
    assert statuses[: settings.FEEDBACK_FORM_RATE_LIMIT] == [302] * settings.FEEDBACK_FORM_RATE_LIMIT
    assert statuses[-1] == 429
    assert Feedback.objects.count() == settings.FEEDBACK_FORM_RATE_LIMIT


def test_the_embed_may_be_framed_and_posts_without_csrf(store: Touchpoint, form_token: Callable[[str], str]) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.get(f"/f/{store.slug}/embed/")
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    response = client.post(
        f"/f/{store.slug}/embed/",
        {"kind": "suggestion", "text": "Mehr Sitzplätze bitte.", "ts": form_token(store.slug)},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/f/{store.slug}/embed/danke/"
    assert Feedback.objects.get().channel == "web_form"
    assert "X-Frame-Options" not in client.get(response["Location"])


def test_the_normal_form_keeps_csrf_protection(store: Touchpoint, form_token: Callable[[str], str]) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post(f"/f/{store.slug}/", {"kind": "praise", "text": "Toll!", "ts": form_token(store.slug)})
    assert response.status_code == 403
    assert not Feedback.objects.exists()


def test_the_form_speaks_english(client: Client, store: Touchpoint) -> None:
    response = client.get(f"/f/{store.slug}/", HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert "Your opinion matters" in html
    assert "Send feedback" in html


def test_english_feedback_is_recognised(post_feedback: Callable[..., Any], webshop: Touchpoint) -> None:
    post_feedback(webshop.slug, kind="praise", text="The delivery was quick and the driver was very friendly.")
    item = Feedback.objects.get()
    assert item.language == "en"
    assert item.channel == "web_form"
    assert item.sentiment == "positive"
    assert {"Lieferung", "Freundlichkeit"} <= set(item.topics.values_list("name", flat=True))
