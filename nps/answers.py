"""Answers from the public page: record once, edit within the window; the closed-loop events go out from the worker.

The answer is the platform's hottest write (one click in a mail to thousands of customers), so it costs no ORM
compilation and on PostgreSQL one prepared statement (`response_record_by_token`): it reads what the link points
to and inserts the response or, within the edit window, updates it — `INSERT … ON CONFLICT`, so two tabs posting
at once leave one response. Elsewhere (SQLite), and for input with errors, it is a read (`answer_target`) and then
the write (`response_record`), with the window checked again inside the write. The write also
marks the response as having an event to send (`event_state`); `nps.answer_events` (a periodic task, and
at once after the commit when Celery runs in-process) emits `response.created` / `response.updated` through the
event service, marks the invitation answered and notifies the department of a detractor, in batches. So the
request neither talks to the broker nor runs subscribers, and an answer recorded while Redis is down still reaches
the follow-up process later. Until then the invitation may still read "sent": reminders and expiry look for the
response itself, not only at the status.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import psycopg
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from cx_platform.celery import app as celery_app
from nps import stats
from nps.choices import NPS_KINDS, EventState, InvitationStatus
from nps.models import Invitation, Response

logger = logging.getLogger(__name__)
T = TypeVar("T")
_EXTRA_FIELD = Response._meta.get_field("extra_scores")


class InvitationUnavailable(Exception):
    """The link cannot be answered; `reason` is "expired", "closed" or (unknown token) "unknown"."""

    def __init__(self, reason: str, *, target: AnswerTarget | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.target = target  # what the link points to, when known (its customer's language for the page)


@dataclass(frozen=True)
class AnswerTarget:
    """What an answer needs to know about its link: the invitation, its survey, customer and existing response."""

    invitation_id: int
    status: str
    sent_at: dt.datetime | None
    survey_id: int
    customer_id: int
    touchpoint_id: int | None
    department_id: int | None
    segment: str
    language: str
    kind: str
    detractor_threshold: int
    edit_window_days: int
    link_valid_days: int
    extra_keys: tuple[str, ...]
    promoter_prompt_de: str
    promoter_prompt_en: str
    promoter_link: str
    answered_at: dt.datetime | None  # the existing response's submitted_at

    def promoter_prompt(self, language: str) -> str:
        return (self.promoter_prompt_en if language[:2] == "en" else "") or self.promoter_prompt_de


@dataclass(frozen=True)
class RecordedAnswer:
    response_id: int
    score: int
    created: bool


@dataclass(frozen=True)
class SubmitResult:
    response: Response
    created: bool


_TARGET_COLUMNS = """
SELECT i.id, i.status, i.sent_at, i.survey_id, i.customer_id, i.touchpoint_id, t.department_id,
       c.segment, c.language, s.kind, s.detractor_threshold, s.edit_window_days, s.link_valid_days,
       s.extra_questions, s.promoter_prompt_de, s.promoter_prompt_en, s.promoter_link, r.submitted_at
FROM nps_invitation i
JOIN nps_survey s ON s.id = i.survey_id
JOIN customers_customer c ON c.id = i.customer_id
LEFT JOIN touchpoints_touchpoint t ON t.id = i.touchpoint_id
LEFT JOIN nps_response r ON r.invitation_id = i.id
"""
_TARGET_BY_TOKEN_SQL = _TARGET_COLUMNS + "WHERE i.token = %s"
_TARGET_BY_ID_SQL = _TARGET_COLUMNS + "WHERE i.id = %s"

_INSERT_RESPONSE = """
INSERT INTO nps_response (invitation_id, survey_id, customer_id, touchpoint_id, department_id, segment, score,
                          category, comment, extra_scores, needs_follow_up, submitted_at, updated_at, edits,
                          event_state)
"""
# An edit: the new answer, one more edit, and "updated" as the event to send unless "created" is still pending.
_ON_CONFLICT_UPDATE = """
ON CONFLICT (invitation_id) DO UPDATE SET
    score = excluded.score, category = excluded.category, comment = excluded.comment,
    extra_scores = excluded.extra_scores, needs_follow_up = excluded.needs_follow_up,
    updated_at = excluded.updated_at, edits = nps_response.edits + 1,
    event_state = CASE WHEN nps_response.event_state = %(created_state)s THEN %(created_state)s
                       ELSE %(updated_state)s END
"""

# Insert the response, or update it while the edit window is open (checked again here, so a late second tab
# cannot slip past it). RETURNING gives no row when the window has closed. `edits` is 0 only on the insert.
# One statement, atomic on its own; the invitation is marked answered by responses_dispatch_events.
_RECORD_SQL = (
    _INSERT_RESPONSE
    + """VALUES (%(invitation)s, %(survey)s, %(customer)s, %(touchpoint)s, %(department)s, %(segment)s, %(score)s,
        %(category)s, %(comment)s, %(extra)s, %(follow_up)s, %(now)s, %(now)s, 0, %(created_state)s)"""
    + _ON_CONFLICT_UPDATE
    + "WHERE nps_response.submitted_at >= %(edit_from)s RETURNING id, edits"
)

# PostgreSQL: the same read and write as one statement (one round trip, one plan), for input already checked.
# `t` is what the link points to; the write happens only when link_answerable() would let it (the same rule, in
# SQL: open edit window for an answered link, else sent, not expired or skipped, within its validity). Extra
# scores are kept for the survey's own questions only. The row comes back whenever the token is known, with the
# response's id and edits when it was written; no row for an unknown token.
_RECORD_BY_TOKEN_SQL = (
    "WITH t AS ("  # noqa: S608 - constant text; the values travel as parameters
    + _TARGET_COLUMNS
    + "WHERE i.token = %(token)s), w AS ("
    + _INSERT_RESPONSE
    + """SELECT t.id, t.survey_id, t.customer_id, t.touchpoint_id, t.department_id, COALESCE(t.segment, ''),
       %(score)s, %(category)s, %(comment)s,
       COALESCE((SELECT jsonb_object_agg(e.key, e.value) FROM jsonb_each(%(extra)s::jsonb) e
                 WHERE t.extra_questions @> jsonb_build_array(jsonb_build_object('key', e.key))), '{{}}'::jsonb),
       t.kind IN {nps_kinds} AND %(score)s <= t.detractor_threshold,
       %(now)s, %(now)s, 0, %(created_state)s
FROM t
WHERE CASE WHEN t.submitted_at IS NOT NULL
           THEN t.submitted_at + make_interval(days => t.edit_window_days) >= %(now)s
           ELSE t.sent_at IS NOT NULL AND t.status NOT IN {closed_statuses}
                AND t.sent_at + make_interval(days => t.link_valid_days) >= %(now)s END"""
    + _ON_CONFLICT_UPDATE
    + "RETURNING id, edits) SELECT t.*, w.id, w.edits FROM t LEFT JOIN w ON true"
).format(
    # Code constants written into the statement: psycopg's array parameters cost more than the rest of the dump.
    nps_kinds="({})".format(", ".join(f"'{kind.value}'" for kind in NPS_KINDS)),
    closed_statuses=f"('{InvitationStatus.EXPIRED.value}', '{InvitationStatus.SKIPPED.value}')",
)


def _aware(value: Any) -> dt.datetime | None:
    """Raw SQL hands SQLite's timestamps over as text or naive datetimes (UTC); PostgreSQL's are aware already."""
    if value is None:
        return None
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value, dt.UTC)
    return value


def _target_from_row(row: tuple[Any, ...]) -> AnswerTarget:
    questions = row[13]
    if isinstance(questions, str):
        questions = json.loads(questions)
    return AnswerTarget(
        invitation_id=row[0],
        status=row[1],
        sent_at=_aware(row[2]),
        survey_id=row[3],
        customer_id=row[4],
        touchpoint_id=row[5],
        department_id=row[6],
        segment=row[7] or "",
        language=row[8] or "de",
        kind=row[9],
        detractor_threshold=row[10],
        edit_window_days=row[11],
        link_valid_days=row[12],
        extra_keys=tuple(q["key"] for q in questions or []),
        promoter_prompt_de=row[14] or "",
        promoter_prompt_en=row[15] or "",
        promoter_link=row[16] or "",
        answered_at=_aware(row[17]),
    )


def _retrying_on_sqlite(fn: Callable[[], T]) -> T:
    """SQLite (the embedded default) locks the whole database: a statement that collides waits and retries."""
    for attempt in range(6):
        try:
            return fn()
        except OperationalError:
            if connection.vendor != "sqlite" or attempt == 5:
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def _fetch_one(sql: str, params: Any) -> tuple[Any, ...] | None:
    """Run one of this module's statements and return its first row.

    PostgreSQL: a server-side-binding cursor with `prepare=True`, so each connection plans the statement once (the
    five-table read costs ten times more to plan than to run; Django's client-side cursors plan every time).
    """
    if connection.vendor == "postgresql":
        connection.ensure_connection()
        raw = connection.connection
        if raw.prepare_threshold is None:
            # Django turns psycopg's statement preparation off; its own (client-side) cursors never prepare anyway.
            raw.prepare_threshold = 5  # psycopg's default
        with connection.wrap_database_errors, psycopg.Cursor(raw) as cursor:
            cursor.execute(sql, params, prepare=True)
            return cursor.fetchone()

    def run() -> tuple[Any, ...] | None:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()

    return _retrying_on_sqlite(run)


def _target(sql: str, value: Any) -> AnswerTarget | None:
    row = _fetch_one(sql, [value])
    return None if row is None else _target_from_row(row)


def answer_target(*, token: str) -> AnswerTarget | None:
    """What the link with this (unsigned) token points to, in one statement; None for an unknown token."""
    return _target(_TARGET_BY_TOKEN_SQL, token)


def link_answerable(
    *,
    now: dt.datetime,
    answered_at: dt.datetime | None,
    sent_at: dt.datetime | None,
    status: str,
    edit_window_days: int,
    link_valid_days: int,
) -> None:
    """Raise InvitationUnavailable when the link has expired or the answer can no longer be changed."""
    if answered_at is not None:
        if answered_at + dt.timedelta(days=edit_window_days) < now:
            raise InvitationUnavailable("closed")
        return
    if sent_at is None or status in (InvitationStatus.EXPIRED, InvitationStatus.SKIPPED):
        raise InvitationUnavailable("expired")
    if sent_at + dt.timedelta(days=link_valid_days) < now:
        raise InvitationUnavailable("expired")


def target_answerable(target: AnswerTarget, *, now: dt.datetime) -> None:
    link_answerable(
        now=now,
        answered_at=target.answered_at,
        sent_at=target.sent_at,
        status=target.status,
        edit_window_days=target.edit_window_days,
        link_valid_days=target.link_valid_days,
    )


def invitation_answerable(invitation: Invitation, *, now: dt.datetime, response: Response | None) -> None:
    """The same rule for an invitation the ORM loaded (the GET page)."""
    link_answerable(
        now=now,
        answered_at=response.submitted_at if response is not None else None,
        sent_at=invitation.sent_at,
        status=invitation.status,
        edit_window_days=invitation.survey.edit_window_days,
        link_valid_days=invitation.survey.link_valid_days,
    )


def _clean_score(value: Any, name: str) -> int:
    text = str(value).strip() if value is not None else ""
    if not (text.isascii() and text.isdigit() and len(text) <= 2) or int(text) > 10:
        raise ValidationError({name: _("Bitte wählen Sie einen Wert von 0 bis 10.")})
    return int(text)


def _clean_extra(target: AnswerTarget, extra_scores: dict[str, Any] | None) -> dict[str, int]:
    cleaned: dict[str, int] = {}
    for key, value in (extra_scores or {}).items():
        if key in target.extra_keys and value not in (None, ""):
            cleaned[key] = _clean_score(value, f"extra_{key}")
    return cleaned


def _clean_answer(score: Any, comment: str) -> tuple[int, str]:
    value = _clean_score(score, "score")
    comment = (comment or "").strip()
    if len(comment) > settings.NPS_COMMENT_MAX_LENGTH:
        raise ValidationError(
            {
                "comment": _("Bitte kürzen Sie Ihren Kommentar auf %(n)s Zeichen.")
                % {"n": settings.NPS_COMMENT_MAX_LENGTH}
            }
        )
    return value, comment


def _answer_params(value: int, comment: str, extra: dict[str, int], now: dt.datetime) -> dict[str, Any]:
    ops = connection.ops
    return {
        "score": value,
        "category": stats.category(value),
        "comment": comment,
        "extra": _EXTRA_FIELD.get_db_prep_value(extra, connection),
        "now": ops.adapt_datetimefield_value(now),
        "created_state": EventState.CREATED,
        "updated_state": EventState.UPDATED,
    }


def _recorded(response_id: int, value: int, edits: int) -> RecordedAnswer:
    if celery_app.conf.task_always_eager:
        # No worker (the embedded default, the tests): the events go out right after the commit, in-process.
        transaction.on_commit(functools.partial(_dispatch_now, response_id))
    return RecordedAnswer(response_id=response_id, score=value, created=edits == 0)


def response_record(
    *, target: AnswerTarget, score: Any, comment: str = "", extra_scores: dict[str, Any] | None = None
) -> RecordedAnswer:
    """Record the answer (first POST) or update it within the edit window; one response per invitation.

    Raises ValidationError for bad input (nothing written) and InvitationUnavailable for an expired or closed link.
    """
    now = timezone.now()
    value, comment = _clean_answer(score, comment)
    extra = _clean_extra(target, extra_scores)
    target_answerable(target, now=now)
    params = {
        **_answer_params(value, comment, extra, now),
        "invitation": target.invitation_id,
        "survey": target.survey_id,
        "customer": target.customer_id,
        "touchpoint": target.touchpoint_id,
        "department": target.department_id,
        "segment": target.segment,
        "follow_up": target.kind in NPS_KINDS and value <= target.detractor_threshold,
        "edit_from": connection.ops.adapt_datetimefield_value(now - dt.timedelta(days=target.edit_window_days)),
    }
    row = _fetch_one(_RECORD_SQL, params)
    if row is None:
        raise InvitationUnavailable("closed")
    return _recorded(row[0], value, row[1])


@dataclass(frozen=True)
class TokenAnswer:
    target: AnswerTarget
    recorded: RecordedAnswer


def response_record_by_token(
    *, token: str, score: Any, comment: str = "", extra_scores: dict[str, Any] | None = None
) -> TokenAnswer:
    """response_record for the link with this (unsigned) token: the public page's POST.

    Raises ValidationError for bad input before anything is read or written (any `extra_scores` value must be a
    score here; the caller shows errors through answer_target + response_record, which check the survey's own
    questions only), and InvitationUnavailable ("unknown", "expired", "closed"; `target` set when known).
    On PostgreSQL the read and the write are one statement (_RECORD_BY_TOKEN_SQL); elsewhere two.
    """
    if connection.vendor != "postgresql":
        target = answer_target(token=token)
        if target is None:
            raise InvitationUnavailable("unknown")
        try:
            return TokenAnswer(target, response_record(target=target, score=score, comment=comment,
                                                       extra_scores=extra_scores))  # fmt: skip
        except InvitationUnavailable as exc:
            raise InvitationUnavailable(exc.reason, target=target) from None
    now = timezone.now()
    value, comment = _clean_answer(score, comment)
    extra = {key: _clean_score(v, f"extra_{key}") for key, v in (extra_scores or {}).items() if v not in (None, "")}
    params = {
        **_answer_params(value, comment, extra, now),
        "token": token,
    }
    row = _fetch_one(_RECORD_BY_TOKEN_SQL, params)
    if row is None:
        raise InvitationUnavailable("unknown")
    target = _target_from_row(row)
    response_id, edits = row[-2:]
    if response_id is None:
        try:
            target_answerable(target, now=now)
        except InvitationUnavailable as exc:
            raise InvitationUnavailable(exc.reason, target=target) from None
        raise InvitationUnavailable("closed", target=target)
    return TokenAnswer(target, _recorded(response_id, value, edits))


def _dispatch_now(response_id: int) -> None:
    """The in-process dispatch after an answer; if it fails (SQLite busy), the periodic job sends the event later."""
    try:
        from nps.answer_events import responses_dispatch_events

        _retrying_on_sqlite(lambda: responses_dispatch_events(response_ids=[response_id]))
    except Exception:
        logger.warning("answer events left to the periodic job", exc_info=True, extra={"response_id": response_id})


def response_submit(
    *, invitation: Invitation, score: Any, comment: str = "", extra_scores: dict[str, Any] | None = None
) -> SubmitResult:
    """response_record for an invitation at hand (other apps, imports, tests); returns the saved response."""
    target = _target(_TARGET_BY_ID_SQL, invitation.pk)
    if target is None:
        raise InvitationUnavailable("expired")
    recorded = response_record(target=target, score=score, comment=comment, extra_scores=extra_scores)
    response = _retrying_on_sqlite(lambda: Response.objects.get(pk=recorded.response_id))
    return SubmitResult(response=response, created=recorded.created)
