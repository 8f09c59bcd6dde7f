"""Rules that live twice, in SQL for PostgreSQL and in Python for the embedded SQLite, held to the same answers.

The suite runs on both backends (CI): on PostgreSQL these tests execute the SQL path *and* the Python path and
compare them; on SQLite the Python path (the only one there) must give the answers the rule says.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection, transaction
from django.utils import timezone

from nps import answers, sending
from nps.choices import InvitationStatus
from nps.models import Invitation, InvitationSend, Response
from tests.factories import TouchpointFactory
from tests.nps.factories import SurveyFactory, sent_invitation
from tests.nps.test_answering import RULE_CASES

pytestmark = pytest.mark.django_db


def one_statement(token: str, **answer) -> str:
    """The public page's write: on PostgreSQL one prepared statement (_RECORD_BY_TOKEN_SQL)."""
    try:
        answers.response_record_by_token(token=token, **answer)
    except answers.InvitationUnavailable as exc:
        return exc.reason
    return "recorded"


def read_then_write(token: str, **answer) -> str:
    """The embedded default's write: read what the link points to, check link_answerable(), then write."""
    target = answers.answer_target(token=token)
    if target is None:
        return "unknown"
    try:
        answers.response_record(target=target, **answer)
    except answers.InvitationUnavailable as exc:
        return exc.reason
    return "recorded"


def link(status, sent_ago, valid, answered_ago, window, *, touchpoint=None) -> Invitation:
    now = timezone.now()
    survey = SurveyFactory(link_valid_days=valid, edit_window_days=window, detractor_threshold=6,
                           extra_questions=[{"key": "beratung", "label_de": "Beratung", "label_en": ""}])  # fmt: skip
    invitation = sent_invitation(survey=survey, touchpoint=touchpoint)
    sent_at = None if sent_ago is None else now - dt.timedelta(days=sent_ago)
    Invitation.objects.filter(pk=invitation.pk).update(status=status, sent_at=sent_at)
    if answered_ago is not None:
        answered_at = now - dt.timedelta(days=answered_ago)
        Response.objects.create(
            invitation=invitation, survey=survey, customer=invitation.customer, score=5, category="passive",
            submitted_at=answered_at, updated_at=answered_at,
        )  # fmt: skip
    return invitation


STORED = ("score", "category", "comment", "extra_scores", "needs_follow_up", "touchpoint_id", "department_id",
          "segment", "edits", "event_state")  # fmt: skip


def stored(invitation: Invitation) -> tuple | None:
    return Response.objects.filter(invitation=invitation).values_list(*STORED).first()


@pytest.mark.parametrize(("status", "sent_ago", "valid", "answered_ago", "window", "expected"), RULE_CASES)
@pytest.mark.parametrize("score", [3, 9])
def test_the_one_statement_answer_and_the_read_then_write_answer_agree(
    django_capture_on_commit_callbacks, status, sent_ago, valid, answered_ago, window, expected, score
):
    touchpoint = TouchpointFactory()
    first = link(status, sent_ago, valid, answered_ago, window, touchpoint=touchpoint)
    second = link(status, sent_ago, valid, answered_ago, window, touchpoint=touchpoint)
    answer = {"score": score, "comment": "  Gut  ", "extra_scores": {"beratung": "7", "fremd": "2"}}
    with django_capture_on_commit_callbacks(execute=False):
        outcomes = (one_statement(first.token, **answer), read_then_write(second.token, **answer))
    assert outcomes == (expected, expected)
    assert stored(first) == stored(second)
    if expected == "recorded":
        row = dict(zip(STORED, stored(first), strict=True))
        assert row["score"] == score and row["comment"] == "Gut" and row["extra_scores"] == {"beratung": 7}
        assert row["needs_follow_up"] is (score <= 6)
        if answered_ago is None:  # a new answer takes the link's touchpoint and department; an edit keeps its own
            assert row["edits"] == 0 and row["department_id"] == touchpoint.department_id
        else:
            assert row["edits"] == 1


def test_an_unknown_token_is_unknown_on_both_paths():
    assert one_statement("gibt-es-nicht", score=9) == read_then_write("gibt-es-nicht", score=9) == "unknown"


MARKED = ("status", "sent_at", "last_sent_at", "attempts", "last_error", "claimed_at", "claim_id", "reminders_sent")


def marked(invitation: Invitation) -> dict:
    row = dict(zip(MARKED, Invitation.objects.filter(pk=invitation.pk).values_list(*MARKED).get(), strict=True))
    row["sends"] = list(InvitationSend.objects.filter(invitation=invitation).values_list("sequence", "message_id"))
    return row


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("sequence", [0, 1])
def test_both_ways_of_marking_a_mail_sent_leave_the_same_row(sequence):
    """On PostgreSQL outside a transaction the mark is one statement (_MARK_SENT_SQL); inside one, and on SQLite,
    it is the ORM's log-and-update. Both must leave the same row, and both ignore a claim that is not theirs."""
    now = timezone.now().replace(microsecond=0)
    earlier = now - dt.timedelta(days=2)
    invitations = []
    for _ in range(2):
        invitation = sent_invitation() if sequence else sent_invitation(days_ago=0)
        Invitation.objects.filter(pk=invitation.pk).update(
            status=InvitationStatus.SENDING, claim_id="c1", claimed_at=now, attempts=2, last_error="451",
            sent_at=earlier if sequence else None, reminders_sent=0,
        )  # fmt: skip
        invitation.refresh_from_db()
        invitations.append(invitation)
    direct, orm = invitations
    assert not connection.in_atomic_block
    sending._mark_sent(direct, "c1", sequence, "<m@x>", now)  # PostgreSQL: the one statement
    with transaction.atomic():
        sending._mark_sent(orm, "c1", sequence, "<m@x>", now)  # always the ORM path
    first, second = marked(direct), marked(orm)
    assert first == second
    assert first["status"] == InvitationStatus.SENT and first["claim_id"] == "" and first["attempts"] == 0
    assert first["sent_at"] == (earlier if sequence else now) and first["reminders_sent"] == sequence
    assert first["sends"] == [(sequence, "<m@x>")]

    # A mark for a claim that is not the row's changes nothing, on either path.
    Invitation.objects.filter(pk__in=[direct.pk, orm.pk]).update(status=InvitationStatus.SENDING, claim_id="c2")
    sending._mark_sent(direct, "c1", sequence + 1, "<n@x>", now)
    with transaction.atomic():
        sending._mark_sent(orm, "c1", sequence + 1, "<n@x>", now)
    assert Invitation.objects.filter(pk__in=[direct.pk, orm.pk], status=InvitationStatus.SENDING).count() == 2
    assert marked(direct)["sends"] == marked(orm)["sends"]
