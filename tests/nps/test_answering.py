"""Answering from the email link: GET never records, POST records once, edits within the window, bad links."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from accounts.choices import Role
from customers.choices import ConsentStatus
from customers.models import Consent
from nps import tokens
from nps.choices import InvitationStatus
from nps.models import Invitation, Response
from tests.factories import DepartmentFactory, TouchpointFactory, UserFactory
from tests.nps.factories import SurveyFactory, sent_invitation

pytestmark = pytest.mark.django_db


def url(invitation: Invitation, suffix: str = "") -> str:
    return f"/s/{tokens.sign(invitation.token)}/{suffix}"


def test_a_bare_get_shows_the_preselected_score_and_records_nothing(client):
    invitation = sent_invitation()
    page = client.get(url(invitation, "?score=9"))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="score-9" value="9" autocomplete="off" checked' in html
    assert 'data-autosubmit="1"' in html
    assert "<fieldset" in html and "<legend" in html and 'for="comment"' in html
    assert Response.objects.count() == 0
    assert Invitation.objects.get(pk=invitation.pk).status == InvitationStatus.SENT


def test_a_post_records_the_answer_and_emits_response_created(
    client, captured_events, django_capture_on_commit_callbacks
):
    department = DepartmentFactory()
    touchpoint = TouchpointFactory(department=department)
    invitation = sent_invitation(touchpoint=touchpoint, context={"case_id": 7})
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(url(invitation), {"score": "10", "comment": "Prima!"})
    assert page.status_code == 200
    assert "Vielen Dank" in page.content.decode()
    response = Response.objects.get()
    assert (response.score, response.category, response.comment) == (10, "promoter", "Prima!")
    assert response.department_id == department.pk
    assert Invitation.objects.get(pk=invitation.pk).status == InvitationStatus.ANSWERED
    assert [name for name, _ in captured_events] == ["response.created"]
    payload = captured_events[0][1]
    assert payload == {
        "response_id": response.pk,
        "invitation_id": invitation.pk,
        "survey_id": invitation.survey_id,
        "survey_kind": "relationship",
        "score": 10,
        "category": "promoter",
        "comment": "Prima!",
        "touchpoint_id": touchpoint.pk,
        "department_id": department.pk,
        "customer_id": invitation.customer_id,
        "needs_follow_up": False,
        "context": {"case_id": 7},
        "extra_scores": {},
    }


def test_the_script_post_answers_json_and_a_later_post_updates_within_the_window(
    client, captured_events, django_capture_on_commit_callbacks
):
    invitation = sent_invitation()
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url(invitation), {"score": "3"}, HTTP_X_REQUESTED_WITH="fetch")
    assert first.json()["status"] == "recorded"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(invitation), {"score": "5", "comment": "Lieferung kam zu spät"})
    response = Response.objects.get()
    assert (response.score, response.comment, response.edits) == (5, "Lieferung kam zu spät", 1)
    assert [name for name, _ in captured_events] == ["response.created", "response.updated"]
    # the page shows the saved answer when opened again
    again = client.get(url(invitation))
    assert 'id="score-5" value="5" autocomplete="off" checked' in again.content.decode()
    assert 'data-autosubmit="0"' in again.content.decode()


def test_after_the_edit_window_the_answer_is_closed(client, django_capture_on_commit_callbacks):
    invitation = sent_invitation(survey=SurveyFactory(edit_window_days=7))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(invitation), {"score": "8"})
    Response.objects.update(submitted_at=timezone.now() - dt.timedelta(days=8))
    page = client.post(url(invitation), {"score": "2"})
    assert page.status_code == 410
    assert Response.objects.get().score == 8


def test_a_detractor_needs_follow_up_and_the_departments_managers_get_an_email(
    client, captured_events, django_capture_on_commit_callbacks
):
    department = DepartmentFactory()
    manager = UserFactory(role="manager", department=department, email="leitung@example.com")
    UserFactory(role="agent", department=department, email="agent@example.com")
    invitation = sent_invitation(touchpoint=TouchpointFactory(department=department))
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(invitation), {"score": "4", "comment": "Paket beschädigt"})
    assert Response.objects.get().needs_follow_up
    assert captured_events[0][1]["needs_follow_up"] is True
    assert captured_events[0][1]["category"] == "detractor"
    notices = [m for m in mail.outbox if manager.email in m.to]
    assert len(notices) == 1 and "Paket beschädigt" in notices[0].body
    assert all("agent@example.com" not in m.to for m in mail.outbox)


def test_the_threshold_is_per_survey_and_case_satisfaction_never_needs_follow_up(client):
    strict = sent_invitation(survey=SurveyFactory(detractor_threshold=8))
    client.post(url(strict), {"score": "7"})
    case = sent_invitation(survey=SurveyFactory(kind="case_satisfaction"))
    client.post(url(case), {"score": "1"})
    flags = dict(Response.objects.values_list("invitation_id", "needs_follow_up"))
    assert flags == {strict.pk: True, case.pk: False}


@pytest.mark.parametrize("score", ["11", "-1", "abc", "", "7.5", "1e3"])
def test_a_score_outside_0_10_or_not_a_number_is_a_readable_400(client, score):
    invitation = sent_invitation()
    page = client.post(url(invitation), {"score": score})
    assert page.status_code == 400
    assert "Bitte wählen Sie einen Wert von 0 bis 10." in page.content.decode()
    assert Response.objects.count() == 0


def test_a_comment_of_100_kb_is_rejected_with_a_message_and_nothing_saved(client):
    invitation = sent_invitation()
    page = client.post(url(invitation), {"score": "9", "comment": "x" * 100_000})
    assert page.status_code == 400
    assert "Bitte kürzen Sie Ihren Kommentar" in page.content.decode()
    assert Response.objects.count() == 0


def test_extra_questions_are_answered_on_the_same_page(client):
    survey = SurveyFactory(extra_questions=[{"key": "beratung", "label_de": "Beratung?", "label_en": "Advice?"}])
    invitation = sent_invitation(survey=survey)
    page = client.get(url(invitation))
    assert 'name="extra_beratung"' in page.content.decode() and "Beratung?" in page.content.decode()
    client.post(url(invitation), {"score": "9", "extra_beratung": "7"})
    assert Response.objects.get().extra_scores == {"beratung": 7}
    bad = sent_invitation(survey=survey)
    assert client.post(url(bad), {"score": "9", "extra_beratung": "12"}).status_code == 400


@pytest.mark.parametrize("method", ["get", "post"])
def test_tampered_and_unknown_tokens_get_a_friendly_404(client, method):
    invitation = sent_invitation()
    signed = tokens.sign(invitation.token)
    tampered = signed[:-3] + ("AAA" if not signed.endswith("AAA") else "BBB")
    for token in (tampered, "garbage", tokens.sign("not-a-stored-token"), "x" * 500):
        page = getattr(client, method)(f"/s/{token}/", {"score": "9"} if method == "post" else None)
        assert page.status_code == 404
        assert "Dieser Link ist ungültig" in page.content.decode()
    assert Response.objects.count() == 0


def test_an_expired_link_gets_a_friendly_410(client):
    invitation = sent_invitation(survey=SurveyFactory(link_valid_days=5), days_ago=6)
    page = client.get(url(invitation, "?score=3"))
    assert page.status_code == 410
    assert "abgelaufen" in page.content.decode()
    assert client.post(url(invitation), {"score": "3"}).status_code == 410


def test_an_invitation_that_was_never_sent_cannot_be_answered(client):
    from tests.nps.factories import InvitationFactory

    invitation = InvitationFactory(status=InvitationStatus.SKIPPED)
    assert client.post(url(invitation), {"score": "3"}).status_code == 410


def test_the_page_speaks_english_for_english_customers(client):
    from tests.nps.factories import consenting_customer

    invitation = sent_invitation(customer=consenting_customer(language="en"))
    html = client.get(url(invitation, "?score=9")).content.decode()
    assert "How likely is it that you would recommend us" in html
    assert "Submit" in html


def test_a_double_submit_creates_one_response(client):
    invitation = sent_invitation()
    client.post(url(invitation), {"score": "9"})
    client.post(url(invitation), {"score": "9"})
    assert Response.objects.filter(invitation=invitation).count() == 1


@override_settings(NPS_PUBLIC_RATE_LIMIT=3)
def test_the_public_posts_are_rate_limited(client):
    invitation = sent_invitation()
    codes = [client.post(url(invitation), {"score": "9"}).status_code for _ in range(4)]
    assert codes[:3] == [200, 200, 200] and codes[3] == 429


def test_the_opt_out_page_asks_first_and_withdraws_consent_on_post(client):
    invitation = sent_invitation()
    signed = tokens.sign(invitation.token)
    page = client.get(f"/u/{signed}/")
    assert page.status_code == 200 and '<form method="post"' in page.content.decode()
    assert Consent.objects.get(customer=invitation.customer).status == ConsentStatus.GRANTED
    done = client.post(f"/u/{signed}/")
    assert done.status_code == 200 and "abgemeldet" in done.content.decode()
    assert Consent.objects.get(customer=invitation.customer).status == ConsentStatus.WITHDRAWN
    assert client.post("/u/broken/").status_code == 404


def test_a_wrong_value_for_a_question_the_survey_does_not_ask_is_ignored(client):
    survey = SurveyFactory(extra_questions=[{"key": "beratung", "label_de": "Beratung?", "label_en": "Advice?"}])
    invitation = sent_invitation(survey=survey)
    page = client.post(url(invitation), {"score": "9", "extra_beratung": "6", "extra_fremd": "zwölf"})
    assert page.status_code == 200 and "Vielen Dank" in page.content.decode()
    assert Response.objects.get().extra_scores == {"beratung": 6}
    other = sent_invitation(survey=survey)
    client.post(url(other), {"score": "9", "extra_fremd": "4"}, HTTP_X_REQUESTED_WITH="fetch")
    assert Response.objects.get(invitation=other).extra_scores == {}


def test_errors_and_closed_links_speak_the_customers_language(client):
    from tests.nps.factories import consenting_customer

    invitation = sent_invitation(customer=consenting_customer(language="en"))
    bad = client.post(url(invitation), {"score": "12"}, HTTP_X_REQUESTED_WITH="fetch")
    assert bad.status_code == 400
    assert bad.json() == {"status": "invalid", "errors": {"score": ["Please choose a score from 0 to 10."]}}
    expired = sent_invitation(survey=SurveyFactory(link_valid_days=5), days_ago=6,
                              customer=consenting_customer(language="en"))  # fmt: skip
    page = client.post(url(expired), {"score": "3"})
    assert page.status_code == 410 and 'lang="en"' in page.content.decode()


def test_the_thank_you_page_has_no_language_switcher_and_sets_no_cookie(client):
    invitation = sent_invitation()
    assert "language-switcher" in client.get(url(invitation)).content.decode()
    client.cookies.clear()
    page = client.post(url(invitation), {"score": "9"})
    assert page.status_code == 200 and "language-switcher" not in page.content.decode()
    assert "csrftoken" not in page.cookies


# Whether a link can be answered: the one-statement write on PostgreSQL carries the rule of link_answerable() in
# SQL. Every case of the rule, answered through the page, must end as link_answerable() says.
RULE_CASES = [
    # (status, sent days ago or None, validity days, answered days ago or None, edit window days, expected)
    ("sent", 1, 5, None, 7, "recorded"),
    ("sent", 4.9, 5, None, 7, "recorded"),
    ("sent", 5.1, 5, None, 7, "expired"),
    ("sent", None, 5, None, 7, "expired"),
    ("expired", 1, 5, None, 7, "expired"),
    ("skipped", 1, 5, None, 7, "expired"),
    ("failed", 1, 5, None, 7, "recorded"),
    ("answered", 1, 5, 1, 7, "recorded"),
    ("answered", 30, 5, 6.9, 7, "recorded"),
    ("answered", 30, 5, 7.1, 7, "closed"),
    ("expired", 30, 5, 2, 7, "recorded"),
]


@pytest.mark.parametrize(("status", "sent_ago", "valid", "answered_ago", "window", "expected"), RULE_CASES)
def test_the_page_follows_the_answerable_rule(client, status, sent_ago, valid, answered_ago, window, expected):
    from nps.answers import InvitationUnavailable, link_answerable

    now = timezone.now()
    survey = SurveyFactory(link_valid_days=valid, edit_window_days=window)
    invitation = sent_invitation(survey=survey)
    sent_at = None if sent_ago is None else now - dt.timedelta(days=sent_ago)
    Invitation.objects.filter(pk=invitation.pk).update(status=status, sent_at=sent_at)
    answered_at = None
    if answered_ago is not None:
        answered_at = now - dt.timedelta(days=answered_ago)
        Response.objects.create(
            invitation=invitation, survey=survey, customer=invitation.customer, score=5, category="passive",
            submitted_at=answered_at, updated_at=answered_at,
        )  # fmt: skip
    try:
        link_answerable(now=now, answered_at=answered_at, sent_at=sent_at, status=status,
                        edit_window_days=window, link_valid_days=valid)  # fmt: skip
        rule = "recorded"
    except InvitationUnavailable as exc:
        rule = exc.reason
    assert rule == expected
    page = client.post(url(invitation), {"score": "9"})
    assert page.status_code == {"recorded": 200, "expired": 410, "closed": 410}[expected]
    stored = Response.objects.filter(invitation=invitation).values_list("score", flat=True).first()
    assert stored == (9 if expected == "recorded" else (None if answered_ago is None else 5))


def test_a_detractor_notice_reaches_each_manager_in_their_language(client, django_capture_on_commit_callbacks):
    touchpoint = TouchpointFactory()
    UserFactory(role=Role.MANAGER, department=touchpoint.department, email="chefin@example.com")
    UserFactory(role=Role.MANAGER, department=touchpoint.department, email="boss@example.com", language="en")
    invitation = sent_invitation(touchpoint=touchpoint)
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(invitation), {"score": "2", "comment": "Paket beschädigt"})
    subjects = {tuple(m.to): m.subject for m in mail.outbox if "(2)" in m.subject}  # beside: the follow-up case
    assert subjects == {
        ("chefin@example.com",): "Kritische Bewertung (2) – bitte nachfassen",
        ("boss@example.com",): "Critical rating (2) – please follow up",
    }
