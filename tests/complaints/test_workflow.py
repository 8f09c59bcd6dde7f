"""Services: intake, the status workflow, SLA clocks on the case, notes, optimistic locking."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from complaints import note_services, services
from complaints.case_writes import CaseConflict
from complaints.choices import CaseEventKind, CaseStatus, SlaState
from complaints.models import Case, CaseEvent
from complaints.references import next_reference
from complaints.workflow import TRANSITIONS
from tests.complaints.conftest import berlin

pytestmark = pytest.mark.django_db(transaction=False)


def test_case_gets_reference_department_and_business_hour_due_dates(make_case: Any, touchpoint: Any) -> None:
    case = make_case(at=berlin(2026, 11, 20, 16))  # Friday 16:00, medium: 4 h first response, 40 h resolution
    assert re.fullmatch(r"B-2026-\d{6}", case.reference)
    assert case.department == touchpoint.department
    assert case.status == CaseStatus.NEW
    assert case.first_response_due == berlin(2026, 11, 23, 10)
    assert case.first_response_warn_at == berlin(2026, 11, 23, 9)
    assert case.resolution_due == berlin(2026, 11, 26, 16)
    assert case.events.filter(kind=CaseEventKind.CREATED).count() == 1


def test_references_count_up_per_year(db: Any) -> None:
    assert next_reference(2031) == "B-2031-000001"
    assert next_reference(2031) == "B-2031-000002"
    assert next_reference(2032) == "B-2032-000001"


def test_acknowledgement_email_has_reference_and_status_link(
    make_case: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        case = make_case()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert case.reference in message.subject
    assert message.to == ["erika@example.org"]
    assert "/c/" in message.body
    assert case.events.filter(kind=CaseEventKind.EMAIL).count() == 1


def test_case_needs_a_description(make_case: Any) -> None:
    with pytest.raises(ValidationError) as exc:
        make_case(description="   ")
    assert "description" in exc.value.message_dict
    assert Case.objects.count() == 0


def test_case_without_touchpoint_takes_the_agents_department(make_case: Any, agent: Any) -> None:
    case = make_case(touchpoint=None)
    assert case.department == agent.department


def test_contact_details_create_a_customer(make_case: Any) -> None:
    case = make_case(customer=None, contact=services.ContactDetails(email="neu@example.org", last_name="Neu"))
    assert case.customer is not None and case.customer.email == "neu@example.org"
    again = make_case(customer=None, contact=services.ContactDetails(email="NEU@example.org"))
    assert again.customer_id == case.customer_id


def test_happy_path_through_the_workflow(make_case: Any, agent: Any) -> None:
    case = make_case(at=berlin(2026, 11, 23, 9))
    case = services.case_transition(case_id=case.pk, actor=agent, to="acknowledged", at=berlin(2026, 11, 23, 10))
    assert case.first_responded_at == berlin(2026, 11, 23, 10)
    assert case.first_response_business_seconds == 3600
    assert case.first_response_met is True
    case = services.case_transition(case_id=case.pk, actor=agent, to="in_progress", at=berlin(2026, 11, 23, 11))
    case = services.case_transition(case_id=case.pk, actor=agent, to="resolved", at=berlin(2026, 11, 24, 11))
    assert case.resolution_business_seconds == 12 * 3600
    assert case.resolution_met is True
    assert case.sla_state == SlaState.MET
    case = services.case_transition(case_id=case.pk, actor=agent, to="closed", at=berlin(2026, 11, 25, 9))
    assert case.closed_at is not None
    statuses = [(e.data["from"], e.data["to"]) for e in case.events.filter(kind="status")]
    assert statuses == [
        ("new", "acknowledged"),
        ("acknowledged", "in_progress"),
        ("in_progress", "resolved"),
        ("resolved", "closed"),
    ]


@pytest.mark.parametrize(
    ("start", "target"),
    [(s, t) for s in TRANSITIONS for t in CaseStatus.values if t not in TRANSITIONS[s] and s != "merged"][:40],
)
def test_illegal_transitions_are_refused(make_case: Any, agent: Any, start: str, target: str) -> None:
    case = make_case()
    Case.objects.filter(pk=case.pk).update(status=start)
    with pytest.raises(ValidationError) as exc:
        services.case_transition(case_id=case.pk, actor=agent, to=target, note="x")
    assert "to" in exc.value.message_dict
    assert Case.objects.get(pk=case.pk).status == start


def test_reject_and_reopen_need_a_reason(make_case: Any, agent: Any) -> None:
    case = make_case()
    with pytest.raises(ValidationError) as exc:
        services.case_transition(case_id=case.pk, actor=agent, to="rejected")
    assert "note" in exc.value.message_dict
    case = services.case_transition(case_id=case.pk, actor=agent, to="rejected", note="Kein Mangel feststellbar.")
    assert case.rejection_reason == "Kein Mangel feststellbar."


def test_waiting_on_customer_pauses_the_clock(make_case: Any, agent: Any) -> None:
    case = make_case(at=berlin(2026, 11, 23, 8))  # Monday; resolution due after 40 h = Thursday 18:00
    assert case.resolution_due == berlin(2026, 11, 26, 18)
    services.case_transition(case_id=case.pk, actor=agent, to="acknowledged", at=berlin(2026, 11, 23, 9))
    case = services.case_transition(case_id=case.pk, actor=agent, to="waiting_on_customer", at=berlin(2026, 11, 23, 10))
    assert case.sla_state == SlaState.PAUSED
    case = services.case_transition(case_id=case.pk, actor=agent, to="in_progress", at=berlin(2026, 11, 24, 10))
    # 10 working hours paused: due moves to Friday 18:00.
    assert case.resolution_due == berlin(2026, 11, 27, 18)
    case = services.case_transition(case_id=case.pk, actor=agent, to="resolved", at=berlin(2026, 11, 24, 12))
    assert case.resolution_business_seconds == 4 * 3600  # 8–10 Monday and 10–12 Tuesday


def test_reopen_restarts_the_resolution_clock(make_case: Any, agent: Any) -> None:
    case = make_case(at=berlin(2026, 11, 23, 8))
    services.case_transition(case_id=case.pk, actor=agent, to="resolved", at=berlin(2026, 11, 23, 9))
    case = services.case_transition(
        case_id=case.pk, actor=agent, to="reopened", note="Kunde meldet erneut", at=berlin(2026, 11, 30, 8)
    )
    assert case.reopen_count == 1
    assert case.resolved_at is None
    assert case.resolution_due == berlin(2026, 12, 3, 18)
    case = services.case_transition(case_id=case.pk, actor=agent, to="in_progress")
    assert case.status == CaseStatus.IN_PROGRESS


def test_public_reply_counts_as_first_response_and_mails_the_customer(
    make_case: Any, agent: Any, django_capture_on_commit_callbacks: Any
) -> None:
    case = make_case()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        note_services.case_add_note(case_id=case.pk, actor=agent, text="Wir kümmern uns.", public=True)
    case.refresh_from_db()
    assert case.first_responded_at is not None
    assert case.next_update_due is not None
    assert len(mail.outbox) == 1 and "Wir kümmern uns." in mail.outbox[0].body


def test_internal_note_is_not_mailed(make_case: Any, agent: Any, django_capture_on_commit_callbacks: Any) -> None:
    case = make_case()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        entry = note_services.case_add_note(case_id=case.pk, actor=agent, text="Intern: Lager fragen.")
    assert entry.public is False and mail.outbox == []


def test_no_note_on_a_closed_case(make_case: Any, agent: Any) -> None:
    case = make_case()
    services.case_transition(case_id=case.pk, actor=agent, to="resolved")
    services.case_transition(case_id=case.pk, actor=agent, to="closed")
    with pytest.raises(ValidationError) as exc:
        note_services.case_add_note(case_id=case.pk, actor=agent, text="noch etwas")
    assert "text" in exc.value.message_dict


def test_stale_version_is_a_conflict_not_a_lost_update(make_case: Any, agent: Any, manager: Any) -> None:
    case = make_case()
    seen = case.version
    services.case_update(case_id=case.pk, actor=manager, changes={"severity": "high"}, expected_version=seen)
    with pytest.raises(CaseConflict) as exc:
        services.case_update(case_id=case.pk, actor=agent, changes={"severity": "low"}, expected_version=seen)
    assert "inzwischen" in str(exc.value)
    assert Case.objects.get(pk=case.pk).severity == "high"


def test_severity_change_recomputes_the_due_dates(make_case: Any, agent: Any) -> None:
    case = make_case(at=berlin(2026, 11, 23, 8))
    case = services.case_update(
        case_id=case.pk, actor=agent, changes={"severity": "critical"}, at=berlin(2026, 11, 23, 8, 30)
    )
    assert case.resolution_due == berlin(2026, 11, 23, 16)
    assert CaseEvent.objects.filter(case=case, kind=CaseEventKind.SEVERITY).count() == 1


def test_assignee_must_belong_to_the_department(make_case: Any, make_user: Any, other_department: Any) -> None:
    stranger = make_user("agent", username="fremd", department=other_department)
    case = make_case()
    with pytest.raises(ValidationError) as exc:
        services.case_update(case_id=case.pk, actor=None, changes={"assignee": stranger})
    assert "assignee" in exc.value.message_dict


def test_resolved_at_first_contact(make_case: Any) -> None:
    case = make_case(resolved_at_first_contact=True)
    assert case.status == CaseStatus.RESOLVED and case.resolved_at_first_contact


def test_merge_keeps_both_histories(make_case: Any, manager: Any) -> None:
    from complaints.resolution_services import case_merge, history_of

    original, duplicate = make_case(), make_case(description="Doppelt gemeldet")
    target = case_merge(case_id=duplicate.pk, into_id=original.pk, actor=manager)
    duplicate.refresh_from_db()
    assert duplicate.status == CaseStatus.MERGED and duplicate.merged_into_id == original.pk
    cases_in_history = {e.case_id for e in history_of(target)}
    assert cases_in_history == {original.pk, duplicate.pk}
    with pytest.raises(ValidationError):
        case_merge(case_id=original.pk, into_id=original.pk, actor=manager)


def test_resolution_details_are_recorded(make_case: Any, agent: Any) -> None:
    from complaints.resolution_services import case_record_acceptance, case_record_resolution
    from tests.complaints.factories import RootCauseFactory

    case = make_case()
    cause = RootCauseFactory(name="Logistikpartner")
    case = case_record_resolution(
        case_id=case.pk,
        actor=agent,
        outcome="upheld",
        apology_given=True,
        remedy_granted="Gutschein 20 EUR",
        remedy_cost="20",
        root_cause=cause,
        corrective_action="Partner gewechselt",
    )
    assert case.remedy_cost == 20 and case.root_cause == cause
    with pytest.raises(ValidationError):
        case_record_resolution(case_id=case.pk, actor=agent, outcome="upheld", remedy_cost="-5")
    with pytest.raises(ValidationError):
        case_record_acceptance(case_id=case.pk, accepted=True)  # no decision yet
    services.case_transition(case_id=case.pk, actor=agent, to="resolved")
    case = case_record_acceptance(case_id=case.pk, accepted=False, comment="Zu wenig")
    assert case.customer_acceptance == "rejected"


def test_case_events_are_emitted(make_case: Any, agent: Any, django_capture_on_commit_callbacks: Any) -> None:
    from core import events

    seen: list[tuple[str, dict[str, Any]]] = []

    def handler(event_type: str, payload: dict[str, Any]) -> None:
        seen.append((event_type, payload))

    events.subscribe("case.created", handler)
    events.subscribe("case.status_changed", handler)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            case = make_case()
            services.case_transition(case_id=case.pk, actor=agent, to="acknowledged")
    finally:
        events.unsubscribe("case.created", handler)
        events.unsubscribe("case.status_changed", handler)
    assert [t for t, _ in seen] == ["case.created", "case.status_changed"]
    assert seen[1][1]["reference"] == case.reference and seen[1][1]["to"] == "acknowledged"


def test_naive_datetime_is_refused(make_case: Any) -> None:
    with pytest.raises(ValueError):
        make_case(at=dt.datetime(2026, 1, 1, 9))  # noqa: DTZ001
