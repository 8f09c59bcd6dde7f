"""End to end with a real Celery worker, Redis and a local SMTP sink (needs PostgreSQL and Redis: see conftest).

1. A wave goes out through the worker; a score link from a captured email is followed in Chromium; the answer
   is recorded and the NPS moves.
2. The worker is killed (SIGKILL, with its pool) in the middle of a wave, while the mail server is receiving a
   message, and restarted: every invitation arrives exactly once.
"""

from __future__ import annotations

import os
import re
import time

import pytest
import redis
from django.db import connection

from nps.models import Invitation, InvitationSend, Response
from tests.broker_support import flush_broker_queue
from tests.factories import UserFactory
from tests.nps.factories import CampaignFactory, SurveyFactory, consenting_customer
from tests.nps.worker_support import SinkHandler, SmtpSink, Worker, database_url

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def real_broker():
    """The test process enqueues to Redis (not in-process) so that the worker does the sending."""
    from cx_platform.celery import app

    client = redis.Redis.from_url(os.environ["REDIS_URL"])
    flush_broker_queue(client)  # this test's own Redis database (REDIS_URL)
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    yield app
    app.conf.task_always_eager = eager
    flush_broker_queue(client)


def worker_env(sink: SmtpSink, site_url: str, **extra: str) -> dict[str, str]:
    return {
        "DATABASE_URL": database_url(connection.settings_dict),
        "REDIS_URL": os.environ["REDIS_URL"],
        "EMAIL_URL": sink.url,
        "SITE_URL": site_url,
        "NPS_DISPATCH_INTERVAL_SECONDS": "2",
        "NPS_CLAIM_TIMEOUT_SECONDS": "5",
        **extra,
    }


def text_part(message) -> str:
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            return part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
    raise AssertionError("no text part")


@pytest.mark.browser
def test_a_wave_goes_out_through_the_worker_and_an_answer_from_the_email_moves_the_nps(
    real_broker, live_server, page, api_as, cx_admin, cceo, login_in_browser
):
    survey = SurveyFactory(name="Welle E2E")
    customers = [consenting_customer() for _ in range(4)] + [consenting_customer(language="en")]
    from tests.factories import CustomerFactory

    CustomerFactory()  # no consent: no mail
    campaign = CampaignFactory(survey=survey)
    assert api_as(cceo).get("/api/v1/nps/summary/").json()["nps"] is None

    with SmtpSink() as sink:
        worker = Worker(worker_env(sink, live_server.url, NPS_ANSWER_EVENTS_INTERVAL_SECONDS="1")).start()
        try:
            launched = api_as(cx_admin).post(f"/api/v1/nps/campaigns/{campaign.pk}/launch/")
            assert launched.json() == {
                "invited": 5, "skipped_no_consent": 1, "skipped_quarantine": 0, "skipped_suppressed": 0,
            }  # fmt: skip
            messages = sink.wait_for(5, timeout=90)
            assert sorted(m["To"] for m in messages) == sorted(c.email for c in customers)
            first = next(m for m in messages if m["To"] == customers[0].email)
            body = text_part(first)
            links = re.findall(rf"{re.escape(live_server.url)}/s/([^/\s]+)/\?score=(\d+)", body)
            assert [int(score) for _token, score in links] == list(range(11))
            assert re.search(rf"{re.escape(live_server.url)}/u/[^/\s]+/", body)
            english = next(m for m in messages if m["To"] == customers[4].email)
            assert "How likely is it that you would recommend us" in text_part(english)

            token = links[9][0]
            page.goto(f"{live_server.url}/s/{token}/?score=9")
            page.wait_for_selector("body[data-nps-recorded='1']")
            page.get_by_label("Was ist der wichtigste Grund für Ihre Bewertung?").fill("Schnell und freundlich")
            page.get_by_role("button", name="Absenden").click()
            page.wait_for_selector("text=Vielen Dank für Ihre Antwort!")

            response = Response.objects.get()
            assert (response.customer_id, response.score, response.comment) == (
                customers[0].pk, 9, "Schnell und freundlich",
            )  # fmt: skip
            summary = api_as(cceo).get("/api/v1/nps/summary/").json()
            assert (summary["nps"], summary["responses"], summary["response_rate"]) == (100.0, 1, 20.0)
            login_in_browser(page, cceo)
            page.goto(f"{live_server.url}/nps/surveys/{survey.pk}/")
            assert page.locator("#nps-value").inner_text() == "100"
            # The answer's events go out from the worker (beat runs responses_dispatch_events): the invitation is
            # marked answered, and response.created reaches the subscribers there.
            wait_until(lambda: Invitation.objects.filter(pk=response.invitation_id, status="answered").exists())
            assert Response.objects.get().event_state == 0
        finally:
            worker.stop()
    assert Invitation.objects.filter(campaign=campaign, status="sent").count() == 4


def wait_until(condition, timeout: float = 60) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    raise AssertionError("condition not met in time")


def test_a_worker_killed_mid_wave_and_restarted_delivers_every_invitation_exactly_once(real_broker, live_server):
    total, kill_at = 120, 40
    campaign = CampaignFactory()
    for _ in range(total):
        consenting_customer()
    workers: list[Worker] = []

    def kill_while_receiving(n: int) -> bool:
        # The crash happens while the server is still receiving message n: it is not acknowledged (no 250),
        # so the sender must send it again after the restart.
        if n == kill_at and len(workers) == 1:
            workers[0].kill()
            return False
        return True

    with SmtpSink(SinkHandler(before_accept=kill_while_receiving)) as sink:
        env = worker_env(sink, live_server.url, NPS_BATCH_SIZE="10", NPS_DISPATCH_FANOUT="1")
        workers.append(Worker(env, concurrency=1).start())
        try:
            from nps import services

            admin = UserFactory.build(role="cx_admin")
            assert services.campaign_launch(actor=admin, campaign=campaign).invited == total
            deadline = time.monotonic() + 60
            while workers[0].process.poll() is None and time.monotonic() < deadline:
                time.sleep(0.2)
            assert workers[0].process.poll() is not None, "the worker was not killed mid-wave"
            delivered_before_restart = len(sink.handler.messages)
            assert delivered_before_restart == kill_at - 1
            assert InvitationSend.objects.count() == kill_at - 1
            workers.append(Worker(env, concurrency=1).start())
            sink.wait_for(total, timeout=120)
            time.sleep(3)  # anything sent twice would arrive now
        finally:
            for worker in workers:
                worker.stop()
    ids = sink.handler.message_ids()
    expected = {f"<nps-{pk}-0@" for pk in campaign.invitations.values_list("pk", flat=True)}
    assert len(ids) == total, f"{len(ids)} deliveries for {total} invitations"
    assert {i.split("@")[0] + "@" for i in ids} == expected
    assert len(set(ids)) == total
    assert campaign.invitations.filter(status="sent").count() == total
    assert InvitationSend.objects.filter(invitation__campaign=campaign).count() == total


def test_a_detractor_answer_becomes_a_follow_up_case_through_the_worker(real_broker, live_server):
    """The answer request only records; the worker's periodic dispatch emits response.created, which the
    complaints app turns into a follow-up case, and mails the department's manager."""
    import urllib.parse
    import urllib.request

    from complaints.choices import CaseChannel
    from complaints.models import Case
    from nps import tokens
    from tests.factories import DepartmentFactory, TouchpointFactory, UserFactory
    from tests.nps.factories import sent_invitation

    department = DepartmentFactory()
    UserFactory(role="manager", department=department, email="leitung@nordlicht.example")
    invitation = sent_invitation(touchpoint=TouchpointFactory(department=department))
    body = urllib.parse.urlencode({"score": "2", "comment": "Die Ware kam beschädigt an."}).encode()
    request = urllib.request.Request(  # noqa: S310 - the test's own live server
        f"{live_server.url}/s/{tokens.sign(invitation.token)}/", data=body, headers={"X-Requested-With": "fetch"}
    )
    with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310 - the test's own live server
        assert answer.status == 200
    response = Response.objects.get()
    assert response.needs_follow_up and response.event_state == 1
    assert not Case.objects.filter(source_response_id=response.pk).exists()  # nothing ran in the request

    with SmtpSink() as sink:
        worker = Worker(worker_env(sink, live_server.url, NPS_ANSWER_EVENTS_INTERVAL_SECONDS="1")).start()
        try:
            wait_until(lambda: Case.objects.filter(source_response_id=response.pk).exists())
            notices = sink.wait_for(1, timeout=60)
        finally:
            worker.stop()
    case = Case.objects.get(source_response_id=response.pk)
    assert case.department_id == department.pk
    assert case.channel == CaseChannel.SURVEY_FOLLOW_UP
    assert "Die Ware kam beschädigt an." in case.description
    assert notices[0]["To"] == "leitung@nordlicht.example"
    assert Invitation.objects.get(pk=invitation.pk).status == "answered"
    assert Response.objects.get().event_state == 0
