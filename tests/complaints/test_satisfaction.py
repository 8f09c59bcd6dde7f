"""Closing the loop with the NPS app: survey after resolution, satisfaction recorded, detractor follow-ups."""

from __future__ import annotations

from typing import Any

import pytest

from complaints import services
from complaints.models import Case
from complaints.satisfaction import on_response, satisfaction_survey
from core import events

pytestmark = pytest.mark.django_db


def _payload(**overrides: Any) -> dict[str, Any]:
    payload = {
        "response_id": 4711,
        "invitation_id": 1,
        "survey_id": 1,
        "survey_kind": "transactional",
        "score": 2,
        "category": "detractor",
        "comment": "Niemand hat mir geholfen.",
        "touchpoint_id": None,
        "department_id": None,
        "customer_id": None,
        "needs_follow_up": True,
        "context": {},
        "extra_scores": {},
    }
    payload.update(overrides)
    return payload


def test_detractor_answer_opens_one_follow_up_case(touchpoint: Any, customer: Any, policies: Any) -> None:
    payload = _payload(touchpoint_id=touchpoint.pk, department_id=touchpoint.department_id, customer_id=customer.pk)
    events.dispatch("response.created", payload)
    events.dispatch("response.created", payload)  # delivered twice
    case = Case.objects.get()
    assert case.source_response_id == 4711
    assert case.channel == "survey_follow_up" and case.severity == "high"
    assert "Niemand hat mir geholfen." in case.description
    assert case.customer == customer and case.department == touchpoint.department


def test_passive_answer_or_updates_open_nothing(touchpoint: Any) -> None:
    on_response("response.created", _payload(needs_follow_up=False, department_id=touchpoint.department_id))
    on_response("response.updated", _payload(department_id=touchpoint.department_id))
    assert Case.objects.count() == 0


def test_case_satisfaction_answer_is_recorded_on_the_case(make_case: Any) -> None:
    case = make_case()
    events.dispatch(
        "response.created",
        _payload(
            survey_kind="case_satisfaction",
            score=8,
            needs_follow_up=False,
            context={"case_id": case.pk},
            extra_scores={"outcome": 7, "treatment": 10, "speed": 5},
            response_id=99,
        ),
    )
    case.refresh_from_db()
    assert (
        case.satisfaction_overall,
        case.satisfaction_outcome,
        case.satisfaction_treatment,
        case.satisfaction_speed,
    ) == (8, 7, 10, 5)
    assert Case.objects.count() == 1  # no follow-up case for the satisfaction survey


def test_satisfaction_survey_is_created_once_with_three_dimensions(db: Any) -> None:
    survey = satisfaction_survey()
    assert satisfaction_survey().pk == survey.pk
    assert [q["key"] for q in survey.extra_questions] == ["outcome", "treatment", "speed"]
    assert survey.kind == "case_satisfaction"


def test_resolution_without_consent_records_a_skipped_invitation(
    make_case: Any, agent: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from nps.models import Invitation

    case = make_case()
    with django_capture_on_commit_callbacks(execute=True):
        services.case_transition(case_id=case.pk, actor=agent, to="resolved")
    invitation = Invitation.objects.get()
    assert invitation.context == {"case_id": case.pk}
    assert invitation.status == "skipped" and invitation.skip_reason == "no_consent"
    case.refresh_from_db()
    assert case.satisfaction_invitation_id == invitation.pk


def test_full_loop_with_consent(
    make_case: Any, agent: Any, customer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from django.core import mail

    from customers.services import consent_record_documented
    from nps.models import Invitation
    from nps.services import response_submit

    consent_record_documented(customer=customer, source="Telefon", evidence="Gesprächsnotiz 2026-11-20")
    case = make_case()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.case_transition(case_id=case.pk, actor=agent, to="resolved")
    invitation = Invitation.objects.get(context__case_id=case.pk)
    assert invitation.status == "sent"
    from nps.tokens import survey_url

    assert any(survey_url(invitation.token, 9) in m.body for m in mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        response_submit(invitation=invitation, score=9, extra_scores={"outcome": 8, "treatment": 10, "speed": 6})
    case.refresh_from_db()
    assert case.satisfaction_overall == 9 and case.satisfaction_treatment == 10
    assert Case.objects.count() == 1
