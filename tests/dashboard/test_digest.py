"""The weekly digest: content, languages, pause without data, once per user and ISO week."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.test import override_settings

from accounts.choices import Role
from dashboard.digest import digest_send, digest_send_due, user_language
from dashboard.models import DigestLog, DigestSubscription
from dashboard.rollups import rollup_rebuild
from feedback.models import ImprovementAction
from tests.dashboard import factories as f

pytestmark = pytest.mark.django_db

MONDAY_0800 = dt.datetime(2026, 11, 23, 7, 0, tzinfo=dt.UTC)  # 08:00 in Berlin


def last_week(touchpoint: Any) -> None:
    cause = f.root_cause("Lieferverzug")
    for i in range(30):
        at = dt.datetime(2026, 11, 16 + i % 7, 10, tzinfo=dt.UTC)
        f.response(at=at, score=10 if i % 3 else 2, touchpoint=touchpoint,
                   comment=f"Kommentar Nummer {i}" if i % 5 == 0 else "")
        f.case(at=at, touchpoint=touchpoint, root_cause=cause)
    ImprovementAction.objects.create(title="Kassen besetzen", department=touchpoint.department,
                                     due_date=dt.date(2026, 11, 25))
    rollup_rebuild()


def test_the_cceo_and_subscribed_managers_get_one_digest_per_week(cceo: Any, manager: Any, agent: Any,
                                                                  touchpoint: Any) -> None:
    DigestSubscription.objects.create(user=manager)
    last_week(touchpoint)
    assert digest_send_due(now=MONDAY_0800) == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([cceo.email, manager.email])
    assert digest_send_due(now=MONDAY_0800 + dt.timedelta(hours=3)) == 0
    assert len(mail.outbox) == 2
    assert DigestLog.objects.filter(iso_year=2026, iso_week=48, status="sent").count() == 2


def test_the_digest_holds_headline_causes_comments_and_actions(cceo: Any, touchpoint: Any) -> None:
    last_week(touchpoint)
    digest_send_due(now=MONDAY_0800)
    message = mail.outbox[0]
    text = message.body
    assert "Wochenbericht" in message.subject and "16.11.–22.11.2026" in message.subject
    assert "NPS 33 (95-%-Intervall" in text and "n = 30" in text
    assert "Lieferverzug: 30" in text
    assert text.count("„Kommentar Nummer") == 3
    assert "Kassen besetzen (fällig am 25.11.2026)" in text
    html = message.alternatives[0][0]
    assert "<li>Lieferverzug: 30</li>" in html


def test_the_digest_is_paused_without_new_data(cceo: Any) -> None:
    assert digest_send_due(now=MONDAY_0800) == 0
    assert mail.outbox == []
    assert DigestLog.objects.get(user=cceo).status == "paused"


def test_nothing_is_sent_before_the_configured_day_and_hour(cceo: Any, touchpoint: Any) -> None:
    last_week(touchpoint)
    assert digest_send_due(now=MONDAY_0800 - dt.timedelta(hours=2)) == 0  # 06:00 Berlin
    assert digest_send_due(now=MONDAY_0800 + dt.timedelta(days=1)) == 0  # Tuesday
    with override_settings(DASHBOARD_DIGEST_WEEKDAY=1, DASHBOARD_DIGEST_HOUR=9):
        assert digest_send_due(now=MONDAY_0800 + dt.timedelta(days=1, hours=1)) == 1  # Tuesday 09:00
    assert DigestLog.objects.count() == 1


def test_english_users_get_an_english_digest(cceo: Any, touchpoint: Any) -> None:
    last_week(touchpoint)
    cceo.language = "en"  # used when the account stores a preferred language
    assert user_language(cceo) == "en"
    assert digest_send(recipient=cceo, today=dt.date(2026, 11, 23)) == "sent"
    assert "Customer experience weekly digest" in mail.outbox[0].subject
    assert "Top complaint causes" in mail.outbox[0].body
    assert digest_send(recipient=cceo, today=dt.date(2026, 11, 24)) is None  # same ISO week


def test_a_manager_digest_covers_only_the_own_department(make_user: Any, touchpoint: Any,
                                                         other_touchpoint: Any) -> None:
    last_week(other_touchpoint)
    boss = make_user(Role.MANAGER, username="chef", department=touchpoint.department)
    DigestSubscription.objects.create(user=boss)
    assert digest_send_due(now=MONDAY_0800) == 0  # the other department's data is not the manager's news
    assert DigestLog.objects.get(user=boss).status == "paused"


def test_a_manager_subscribes_and_unsubscribes_on_the_page(client: Any, manager: Any, agent: Any) -> None:
    client.force_login(manager)
    assert client.post("/dashboard/digest/", {"subscribe": "1"}).status_code == 302
    assert DigestSubscription.objects.get(user=manager).active
    assert b"Wochenbericht abbestellen" in client.get("/dashboard/").content
    client.post("/dashboard/digest/", {"subscribe": "0"})
    assert not DigestSubscription.objects.get(user=manager).active
    client.force_login(agent)
    assert client.post("/dashboard/digest/", {"subscribe": "1"}).status_code == 403
    assert not DigestSubscription.objects.filter(user=agent).exists()
