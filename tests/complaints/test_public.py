"""Public complaint form /c/new/ and status page /c/{token}/."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.core import mail, signing
from django.test import Client

from complaints import note_services, services
from complaints.forms import FORM_SCOPE
from complaints.models import Case
from complaints.tokens import status_token
from core import spam

pytestmark = pytest.mark.django_db


def _form(**overrides: Any) -> dict[str, Any]:
    data = {
        "first_name": "Erika",
        "last_name": "Muster",
        "email": "erika.muster@example.org",
        "description": "Die Verkäuferin war sehr unfreundlich.",
        "remedy_sought": "Eine Entschuldigung",
        "form_ts": spam.issue_token(FORM_SCOPE, now=time.time() - 60),
        "website": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def intake(policies: Any, other_department: Any) -> Any:
    return other_department  # slug "kundenservice" = COMPLAINTS_INTAKE_DEPARTMENT


def test_form_page_is_accessible_markup(client: Client, intake: Any) -> None:
    response = client.get("/c/new/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<fieldset" in html and "<legend" in html
    assert 'for="id_email"' in html and 'autocomplete="email"' in html
    assert 'lang="de"' in html


def test_submission_creates_case_and_sends_acknowledgement(
    client: Client, intake: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/c/new/", _form())
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.channel == "web_form" and case.department == intake
    assert case.customer.email == "erika.muster@example.org"
    assert response["Location"] == f"/c/{status_token(case.pk)}/"
    assert len(mail.outbox) == 1 and case.reference in mail.outbox[0].subject
    page = client.get(response["Location"])
    assert case.reference in page.content.decode()


def test_with_redis_down_the_submission_still_sends_its_acknowledgement_at_once(
    client: Client, intake: Any, broker: Any, django_capture_on_commit_callbacks: Any, caplog: Any
) -> None:
    from tests.broker_support import use_broker
    from tests.nps.worker_support import free_port

    use_broker(broker, f"redis://127.0.0.1:{free_port()}/0")  # a port nobody listens on
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/c/new/", _form())
    assert time.monotonic() - started < 3  # the publish does not retry its connect for seconds
    assert response.status_code == 302
    case = Case.objects.get()
    assert len(mail.outbox) == 1 and case.reference in mail.outbox[0].subject
    assert "broker unreachable: running the task in-process" in caplog.text


def test_consent_checkbox_starts_double_opt_in(
    client: Client, intake: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from customers.models import Consent

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/c/new/", _form(survey_consent="on"))
    case = Case.objects.get()
    assert case.survey_consent is True
    consent = Consent.objects.get(customer=case.customer)
    assert consent.status == "pending"


def test_missing_fields_show_readable_errors(client: Client, intake: Any) -> None:
    response = client.post("/c/new/", _form(email="kaputt", description=""))
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="error-summary"' in html and 'aria-invalid="true"' in html
    assert Case.objects.count() == 0


def test_honeypot_and_too_fast_submissions_are_refused(client: Client, intake: Any) -> None:
    assert client.post("/c/new/", _form(website="http://spam.example")).status_code == 400
    fast = spam.issue_token(FORM_SCOPE)
    assert client.post("/c/new/", _form(form_ts=fast)).status_code == 400
    assert client.post("/c/new/", _form(form_ts="gefälscht")).status_code == 400
    assert Case.objects.count() == 0


def test_flood_is_rate_limited(client: Client, intake: Any, monkeypatch: Any) -> None:
    import types

    frozen = time.time()
    monkeypatch.setattr("core.ratelimit.time", types.SimpleNamespace(time=lambda: frozen))  # one fixed window
    codes = [client.post("/c/new/", _form(email=f"k{i}@example.org")).status_code for i in range(7)]
    assert codes[:5] == [302] * 5
    assert codes[5] == 429
    assert Case.objects.count() == 5


def test_tampered_status_link_is_a_404(client: Client, make_case: Any) -> None:
    case = make_case()
    token = status_token(case.pk)
    assert client.get(f"/c/{token}/").status_code == 200
    assert client.get(f"/c/{token[:-2]}xx/").status_code == 404
    assert client.get(f"/c/{signing.dumps(case.pk)}/").status_code == 404  # right id, wrong salt


def test_status_page_shows_public_replies_only(client: Client, make_case: Any, agent: Any) -> None:
    case = make_case()
    note_services.case_add_note(case_id=case.pk, actor=agent, text="Geheime interne Notiz")
    note_services.case_add_note(case_id=case.pk, actor=agent, text="Wir haben Ihr Paket neu versandt.", public=True)
    html = client.get(f"/c/{status_token(case.pk)}/").content.decode()
    assert "Wir haben Ihr Paket neu versandt." in html
    assert "Geheime interne Notiz" not in html


def test_customer_accepts_the_outcome(client: Client, make_case: Any, agent: Any) -> None:
    case = make_case()
    url = f"/c/{status_token(case.pk)}/"
    assert client.post(url, {"accepted": "yes"}).status_code == 400  # nothing decided yet
    services.case_transition(case_id=case.pk, actor=agent, to="resolved")
    assert client.post(url, {"accepted": "yes", "comment": "Danke"}).status_code == 302
    case.refresh_from_db()
    assert case.customer_acceptance == "accepted"


def test_status_page_in_english(client: Client, make_case: Any) -> None:
    case = make_case()
    html = client.get(f"/c/{status_token(case.pk)}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Your complaint" in html
    assert "Ihre Beschwerde" not in html
