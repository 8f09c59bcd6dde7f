"""The weekly digest email to the CCEO and subscribed managers (German or English, one per user and ISO week).

A periodic job calls `digest_send_due` often (every 15 minutes by default); it acts only from the configured
weekday and hour on (settings.DASHBOARD_DIGEST_WEEKDAY, 0 = Monday, and DASHBOARD_DIGEST_HOUR, Berlin time).
The DigestLog row (unique per user and ISO week) is written in the same transaction as the email, so a second
run in the same week, or a second worker, sends nothing. Weeks without new data are logged as "paused".
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from accounts.models import User
from accounts.selectors import user_language
from dashboard import metrics, selectors
from dashboard.forms import DashboardFilter
from dashboard.models import DigestLog
from dashboard.report import Report, build_report
from feedback.choices import ActionStatus
from feedback.selectors import actions_for_user
from nps import stats
from nps.selectors import responses_visible_to

logger = logging.getLogger(__name__)

SENT = "sent"
PAUSED = "paused"


@dataclass
class Digest:
    report: Report
    changes: list[dict[str, Any]] = field(default_factory=list)
    comments: list[dict[str, Any]] = field(default_factory=list)
    actions: list[Any] = field(default_factory=list)


def digest_period(today: dt.date) -> DashboardFilter:
    """The seven days before `today` (Monday's digest covers Monday to Sunday of the week before)."""
    return DashboardFilter(date_from=today - dt.timedelta(days=7), date_to=today - dt.timedelta(days=1))


def notable_changes(flt: DashboardFilter) -> list[dict[str, Any]]:
    """Touchpoints whose NPS changed significantly against the week before, largest change first."""

    def per_touchpoint(period: DashboardFilter) -> dict[int, dict[str, Any]]:
        rows: list[Any] = list(
            selectors.rollups(period)
            .filter(touchpoint_id__isnull=False)
            .values("touchpoint_id")
            .annotate(**selectors.SUMS)
            .order_by()
        )
        return {row["touchpoint_id"]: row for row in rows}

    now, before = per_touchpoint(flt), per_touchpoint(flt.previous())
    names = {tp.pk: tp.name for tp in selectors.visible_touchpoints(flt)}
    changes: list[dict[str, Any]] = []
    for tp_id, row in now.items():
        if tp_id not in names or tp_id not in before:
            continue
        a, b = selectors.counts_of(before[tp_id]), selectors.counts_of(row)
        if a.n < metrics.MIN_SAMPLE or b.n < metrics.MIN_SAMPLE:
            continue
        diff = stats.difference(a, b)
        if diff.significant:
            changes.append(
                {"touchpoint": names[tp_id], "change": round(diff.change, 1), "nps": stats.nps(b), "responses": b.n}
            )
    return sorted(changes, key=lambda c: -abs(float(c["change"])))[:5]


def build_digest(recipient: User, today: dt.date) -> Digest:
    base = digest_period(today)
    department_id = None if recipient.sees_all_departments else recipient.department_id
    flt = DashboardFilter(date_from=base.date_from, date_to=base.date_to, department_id=department_id)
    report = build_report(flt)
    comments = [
        {
            "text": r.comment,
            "score": r.score,
            "touchpoint": r.touchpoint.name if r.touchpoint else "",
            "at": r.submitted_at,
        }
        for r in responses_visible_to(recipient)
        .filter(
            submitted_at__gte=selectors.day_start(flt.date_from),
            submitted_at__lt=selectors.day_start(flt.date_to + dt.timedelta(days=1)),
        )
        .exclude(comment="")
        .select_related("touchpoint")
        .order_by("-submitted_at", "-pk")[:3]
    ]
    actions = list(
        actions_for_user(recipient)
        .exclude(status=ActionStatus.DONE)
        .filter(due_date__isnull=False, due_date__lte=today + dt.timedelta(days=7))[:5]
    )
    return Digest(report=report, changes=notable_changes(flt), comments=comments, actions=actions)


def render_digest(recipient: User, digest: Digest, language: str) -> EmailMultiAlternatives:
    with translation.override(language):
        context = {
            "user": recipient,
            "digest": digest,
            "report": digest.report,
            "k": digest.report.kpis,
            "dashboard_url": f"{settings.SITE_URL}/dashboard/",
            "company": settings.COMPANY_NAME,
        }
        subject = render_to_string("dashboard/email/digest_subject.txt", context).strip()
        text = render_to_string("dashboard/email/digest.txt", context)
        html = render_to_string("dashboard/email/digest.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[recipient.email])
    message.attach_alternative(html, "text/html")
    return message


def digest_send(*, recipient: User, today: dt.date) -> str | None:
    """Send (or pause) this week's digest for one recipient; None when it was handled already."""
    year, week = metrics.iso_week(today)
    if DigestLog.objects.filter(user=recipient, iso_year=year, iso_week=week).exists():
        return None
    digest = build_digest(recipient, today)
    language = user_language(recipient)
    status = SENT if digest.report.has_data else PAUSED
    try:
        with transaction.atomic():
            DigestLog.objects.create(
                user=recipient, iso_year=year, iso_week=week, status=status, language=language
            )
            if status == SENT:
                render_digest(recipient, digest, language).send()
    except IntegrityError:
        return None  # another worker took this user's week
    return status


def digest_is_due(now: dt.datetime) -> bool:
    local = timezone.localtime(now)
    weekday = int(getattr(settings, "DASHBOARD_DIGEST_WEEKDAY", 0))
    hour = int(getattr(settings, "DASHBOARD_DIGEST_HOUR", 7))
    return local.weekday() == weekday and local.hour >= hour


def digest_send_due(*, now: dt.datetime | None = None, force: bool = False) -> int:
    """Send this week's digests if it is the configured day and hour; returns how many emails went out."""
    now = now or timezone.now()
    if not force and not digest_is_due(now):
        return 0
    today = timezone.localtime(now).date()
    sent = 0
    for user in selectors.digest_recipients():
        if not selectors.dashboard_allowed(user):
            continue
        try:
            sent += digest_send(recipient=user, today=today) == SENT
        except Exception:
            logger.exception("weekly digest failed", extra={"user": user.pk})
    return sent
