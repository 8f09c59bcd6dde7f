"""Double opt-in round trip through the locmem email backend, documented consent, withdrawal."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlparse

import pytest
from django.core import mail, signing
from django.test import override_settings
from django.utils import timezone

from core import events
from customers import services, tokens
from customers.choices import ConsentStatus
from customers.models import Consent, ConsentEvent, SuppressedAddress
from customers.selectors import consent_is_granted, email_is_suppressed
from tests.customers.factories import ConsentFactory

LOCMEM = override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend", SITE_URL="http://testserver")


def confirm_path(message) -> str:
    match = re.search(r"http://testserver(/customers/consent/confirm/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def request_doi(api, customer, capture):
    with capture(execute=True):
        response = api.post(
            f"/api/v1/customers/{customer.pk}/consents/",
            {"purpose": "survey_email", "source": "Webshop-Konto", "text_version": "2026-01", "double_opt_in": True},
            format="json",
        )
    return response


@pytest.mark.django_db
@LOCMEM
def test_double_opt_in_round_trip(api_as, agent, customer, client, django_capture_on_commit_callbacks):
    response = request_doi(api_as(agent), customer, django_capture_on_commit_callbacks)
    assert response.status_code == 201, response.json()
    assert response.json()["status"] == "pending"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [customer.email]
    assert message.subject == "Bitte bestätigen Sie Ihre Einwilligung"
    assert message.alternatives and "text/html" in message.alternatives[0][1]
    path = confirm_path(message)

    # a mail scanner following the link (GET) confirms nothing
    page = client.get(path)
    assert page.status_code == 200
    assert "Ja, ich willige ein" in page.content.decode()
    assert not consent_is_granted(customer)

    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(path, REMOTE_ADDR="203.0.113.9")
    assert confirmed.status_code == 200
    assert "Ihre Einwilligung ist bestätigt" in confirmed.content.decode()
    consent = Consent.objects.get(customer=customer)
    assert consent.status == ConsentStatus.GRANTED
    assert consent.ip == "203.0.113.9"
    assert list(consent.events.values_list("status", flat=True)) == ["pending", "granted"]

    # clicking again changes nothing and still reads friendly
    again = client.post(path)
    assert again.status_code == 200
    assert consent.events.count() == 2


@pytest.mark.django_db
@LOCMEM
def test_the_confirmation_email_speaks_the_customers_language(
    api_as, cx_admin, customer, django_capture_on_commit_callbacks
):
    customer.language = "en"
    customer.save()
    request_doi(api_as(cx_admin), customer, django_capture_on_commit_callbacks)
    assert mail.outbox[0].subject == "Please confirm your consent"


@pytest.mark.django_db
@LOCMEM
def test_a_tampered_link_shows_a_friendly_page_and_changes_nothing(
    api_as, agent, customer, client, django_capture_on_commit_callbacks
):
    request_doi(api_as(agent), customer, django_capture_on_commit_callbacks)
    path = confirm_path(mail.outbox[0])
    tampered = path[:-3] + ("A" if path[-3] != "A" else "B") + path[-2:]
    for method in (client.get, client.post):
        response = method(tampered)
        assert response.status_code == 400
        assert "ungültig oder abgelaufen" in response.content.decode()
    assert Consent.objects.get(customer=customer).status == ConsentStatus.PENDING


@pytest.mark.django_db
@LOCMEM
def test_an_expired_link_changes_nothing(
    api_as, agent, customer, client, django_capture_on_commit_callbacks, monkeypatch
):
    request_doi(api_as(agent), customer, django_capture_on_commit_callbacks)
    path = confirm_path(mail.outbox[0])
    later = timezone.now() + dt.timedelta(days=15)
    monkeypatch.setattr(signing.time, "time", lambda: later.timestamp())
    response = client.post(path)
    assert response.status_code == 400
    assert "ungültig oder abgelaufen" in response.content.decode()
    assert Consent.objects.get(customer=customer).status == ConsentStatus.PENDING


@pytest.mark.django_db
@LOCMEM
def test_a_newer_request_makes_the_older_link_void(api_as, agent, customer, client, django_capture_on_commit_callbacks):
    request_doi(api_as(agent), customer, django_capture_on_commit_callbacks)
    request_doi(api_as(agent), customer, django_capture_on_commit_callbacks)
    first, second = (confirm_path(m) for m in mail.outbox)
    assert client.post(first).status_code == 400
    assert client.post(second).status_code == 200
    assert consent_is_granted(customer)


@pytest.mark.django_db
@LOCMEM
def test_no_confirmation_is_sent_to_a_suppressed_or_missing_address(
    api_as, agent, customer, django_capture_on_commit_callbacks
):
    services.suppression_add(email=customer.email)
    response = request_doi(api_as(agent), customer, django_capture_on_commit_callbacks)
    assert response.status_code == 400
    assert "email" in response.json()
    customer.email = ""
    customer.save()
    assert request_doi(api_as(agent), customer, django_capture_on_commit_callbacks).status_code == 400
    assert mail.outbox == []


@pytest.mark.django_db
def test_documented_consent_needs_source_and_evidence(api_as, cx_admin, customer):
    api = api_as(cx_admin)
    url = f"/api/v1/customers/{customer.pk}/consents/"
    missing = api.post(url, {"purpose": "survey_email", "source": "Filiale"}, format="json")
    assert missing.status_code == 400
    assert "evidence" in missing.json()
    future = api.post(
        url,
        {
            "source": "Filiale",
            "evidence": "Formular 1",
            "granted_at": (timezone.now() + dt.timedelta(days=2)).isoformat(),
        },
        format="json",
    )
    assert future.status_code == 400 and "granted_at" in future.json()
    ok = api.post(
        url,
        {"purpose": "survey_email", "source": "Filiale", "evidence": "Formular 1", "text_version": "v1"},
        format="json",
    )
    assert ok.status_code == 201
    assert ok.json()["status"] == "granted" and ok.json()["evidence"] == "Formular 1"
    assert consent_is_granted(customer)
    assert ConsentEvent.objects.filter(consent__customer=customer, evidence="Formular 1").exists()
    unknown = api.post(url, {"purpose": "newsletter", "source": "x", "evidence": "y"}, format="json")
    assert unknown.status_code == 400 and "purpose" in unknown.json()


@pytest.mark.django_db
@LOCMEM
def test_withdraw_link_works_by_post_only_and_suppresses_only_on_request(
    client, customer, django_capture_on_commit_callbacks
):
    ConsentFactory(customer=customer)
    url = urlparse(tokens.withdraw_url(customer_id=customer.pk, purpose="survey_email")).path
    page = client.get(url)
    assert page.status_code == 200
    assert "Einwilligung widerrufen" in page.content.decode()
    assert consent_is_granted(customer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 200
    assert "Ihre Einwilligung ist widerrufen" in response.content.decode()
    assert not consent_is_granted(customer)
    assert not email_is_suppressed(customer.email)

    client.post(url, {"suppress": "1"})
    assert email_is_suppressed(customer.email)
    assert Consent.objects.get(customer=customer).events.filter(status="withdrawn").count() == 1


@pytest.mark.django_db
def test_a_tampered_withdraw_link_is_refused(client, customer):
    ConsentFactory(customer=customer)
    url = urlparse(tokens.withdraw_url(customer_id=customer.pk, purpose="survey_email")).path
    token = url.rstrip("/").rsplit("/", 1)[1]
    forged = url.replace(token, token[:-2] + ("xx" if not token.endswith("xx") else "yy"))
    assert client.post(forged).status_code == 400
    assert consent_is_granted(customer)


@pytest.mark.django_db
def test_every_change_is_logged_and_emitted(customer, cx_admin, django_capture_on_commit_callbacks):
    seen: list[dict] = []

    def handler(event_type: str, payload: dict) -> None:
        seen.append(payload)

    events.subscribe("consent.changed", handler)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            services.consent_record_documented(customer=customer, source="Filiale", evidence="Formular", actor=cx_admin)
            services.consent_withdraw(customer=customer, source="Telefon", actor=cx_admin)
            services.consent_withdraw(customer=customer, source="Telefon", actor=cx_admin)  # idempotent
    finally:
        events.unsubscribe("consent.changed", handler)
    assert [p["status"] for p in seen] == ["granted", "withdrawn"]
    assert list(ConsentEvent.objects.values_list("status", "actor")) == [
        ("granted", cx_admin.pk),
        ("withdrawn", cx_admin.pk),
    ]
    assert SuppressedAddress.objects.count() == 0


@pytest.mark.django_db
def test_profile_buttons_request_and_withdraw_consent(
    client, cx_admin, customer, django_capture_on_commit_callbacks, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client.force_login(cx_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/customers/{customer.pk}/consent/request/", {"purpose": "survey_email", "source": "profile"}, follow=True
        )
    assert "Die Bestätigungs-E-Mail wurde versandt" in response.content.decode()
    assert len(mail.outbox) == 1
    form = client.post(
        f"/customers/{customer.pk}/consent/documented/",
        {"purpose": "survey_email", "source": "Filiale", "evidence": "", "text_version": "v1"},
    )
    assert form.status_code == 200
    assert "invalid-feedback" in form.content.decode()
    assert not consent_is_granted(customer)
    client.post(
        f"/customers/{customer.pk}/consent/documented/",
        {"purpose": "survey_email", "source": "Filiale", "evidence": "Formular 9", "text_version": "v1"},
    )
    assert consent_is_granted(customer)
    client.post(f"/customers/{customer.pk}/consent/withdraw/", {"purpose": "survey_email"})
    assert not consent_is_granted(customer)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["manager", "agent"])
def test_only_cx_admins_record_a_documented_consent_also_through_the_service(request, role, customer):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.consent_record_documented(
            customer=customer, source="Filiale", evidence="Formular", actor=request.getfixturevalue(role)
        )
    assert not Consent.objects.filter(customer=customer).exists()
