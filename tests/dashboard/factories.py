"""Test data for the dashboard: rows of the source apps created directly (the dashboard only reads them)."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.utils import timezone

from complaints.models import Case, RootCause
from customers.models import Customer, Interaction
from feedback.models import Feedback
from nps import stats
from nps.choices import InvitationStatus, SurveyKind
from nps.models import Invitation, Response, Survey
from tests.factories import CustomerFactory
from touchpoints.models import Touchpoint

_seq = itertools.count(1)


def survey(kind: str = SurveyKind.TRANSACTIONAL) -> Survey:
    found = Survey.objects.filter(kind=kind).first()
    return found or Survey.objects.create(name=f"Befragung {kind}", kind=kind)


def response(*, at: dt.datetime, score: int, touchpoint: Touchpoint | None = None, customer: Customer | None = None,
             kind: str = SurveyKind.TRANSACTIONAL, comment: str = "", segment: str | None = None) -> Response:
    customer = customer or CustomerFactory()
    s = survey(kind)
    invitation = Invitation.objects.create(
        survey=s, customer=customer, touchpoint=touchpoint, scheduled_for=at, sent_at=at, last_sent_at=at,
        status=InvitationStatus.ANSWERED, answered_at=at,
    )
    return Response.objects.create(
        invitation=invitation, survey=s, customer=customer, touchpoint=touchpoint,
        department_id=touchpoint.department_id if touchpoint else None,
        segment=customer.segment if segment is None else segment, score=score, category=stats.category(score),
        comment=comment, submitted_at=at, updated_at=at,
    )


def case(*, at: dt.datetime, touchpoint: Touchpoint | None = None, department: Any = None,
         customer: Customer | None = None, **fields: Any) -> Case:
    department = department or (touchpoint.department if touchpoint else None)
    n = next(_seq)
    return Case.objects.create(
        reference=f"B-T-{n:06d}", channel="phone", touchpoint=touchpoint, department=department,
        customer=customer, description="Die Lieferung kam beschädigt an.", created_at=at, **fields,
    )


def root_cause(name: str) -> RootCause:
    return RootCause.objects.get_or_create(name=name)[0]


def feedback(*, at: dt.datetime, touchpoint: Touchpoint, sentiment: str = "negative",
             customer: Customer | None = None, text: str = "Die Wartezeit war zu lang.") -> Feedback:
    return Feedback.objects.create(
        kind="criticism" if sentiment == "negative" else "praise", text=text, touchpoint=touchpoint,
        department=touchpoint.department, channel="web_form", sentiment=sentiment, customer=customer, created_at=at,
    )


def interaction(*, at: dt.datetime, touchpoint: Touchpoint, customer: Customer | None = None) -> Interaction:
    return Interaction.objects.create(
        customer=customer or CustomerFactory(), touchpoint=touchpoint, occurred_at=at,
        external_id=f"dash-{next(_seq)}",
    )


def utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=dt.UTC)


def days_ago(days: float) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)
