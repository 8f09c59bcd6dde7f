"""The SLA scan: 75 % warning, breach to the department's managers, then the parent department; idempotent."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from accounts.choices import Role
from complaints import services
from complaints.escalation import sla_scan
from complaints.models import Case, SlaNotification
from core import events
from tests.complaints.conftest import berlin
from tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def assigned_case(make_case: Any, agent: Any) -> Case:
    case = make_case(at=berlin(2026, 11, 23, 8), assignee=agent)  # first response due 12:00, warning at 11:00
    mail.outbox.clear()
    return case


def test_scan_run_twice_sends_one_warning(assigned_case: Case, agent: Any) -> None:
    assert sla_scan(now=berlin(2026, 11, 23, 11, 5)) == 1
    assert sla_scan(now=berlin(2026, 11, 23, 11, 6)) == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [agent.email]
    assert assigned_case.reference in mail.outbox[0].subject
    case = Case.objects.get(pk=assigned_case.pk)
    assert case.sla_state == "warning"
    assert SlaNotification.objects.filter(case=case).count() == 1


def test_nothing_before_the_warning_point(assigned_case: Case) -> None:
    assert sla_scan(now=berlin(2026, 11, 23, 10, 59)) == 0
    assert mail.outbox == []


def test_breach_escalates_to_managers_and_emits_event(
    assigned_case: Case, manager: Any, django_capture_on_commit_callbacks: Any
) -> None:
    seen: list[dict[str, Any]] = []

    def handler(event_type: str, payload: dict[str, Any]) -> None:
        seen.append(payload)

    events.subscribe("case.sla_breached", handler)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            sent = sla_scan(now=berlin(2026, 11, 23, 12, 1))
    finally:
        events.unsubscribe("case.sla_breached", handler)
    assert sent == 2  # warning and breach of the first-response clock
    breach_mail = [m for m in mail.outbox if manager.email in m.to]
    assert len(breach_mail) == 1
    case = Case.objects.get(pk=assigned_case.pk)
    assert case.sla_state == "breached" and case.breached_at is not None
    assert [p["reference"] for p in seen] == [case.reference]
    assert sla_scan(now=berlin(2026, 11, 23, 12, 2)) == 0


def test_escalation_reaches_the_parent_department(make_case: Any, department: Any, make_user: Any) -> None:
    parent = DepartmentFactory(name="Vertrieb", slug="vertrieb")
    department.parent = parent
    department.save()
    boss = make_user("manager", username="boss", department=parent)
    case = make_case(at=berlin(2026, 11, 23, 8))
    services.case_transition(case_id=case.pk, actor=None, to="acknowledged", at=berlin(2026, 11, 23, 9))
    mail.outbox.clear()
    # resolution due Thu 18:00; the next level follows 8 business hours later (Fri 16:00)
    sla_scan(now=berlin(2026, 11, 27, 15))
    assert not any(boss.email in m.to for m in mail.outbox)
    sla_scan(now=berlin(2026, 11, 27, 16, 1))
    assert sum(boss.email in m.to for m in mail.outbox) == 1
    levels = sorted(SlaNotification.objects.filter(case=case, kind="resolution").values_list("level", flat=True))
    assert levels == [1, 2, 3]


def test_paused_and_answered_cases_are_not_warned(make_case: Any, agent: Any) -> None:
    answered = make_case(at=berlin(2026, 11, 23, 8))
    services.case_transition(case_id=answered.pk, actor=agent, to="acknowledged", at=berlin(2026, 11, 23, 9))
    paused = make_case(at=berlin(2026, 11, 23, 8))
    services.case_transition(case_id=paused.pk, actor=agent, to="acknowledged", at=berlin(2026, 11, 23, 9))
    services.case_transition(case_id=paused.pk, actor=agent, to="waiting_on_customer", at=berlin(2026, 11, 23, 9))
    mail.outbox.clear()
    assert sla_scan(now=berlin(2026, 11, 23, 12, 30)) == 0


def test_scan_task_runs(assigned_case: Case, monkeypatch: Any) -> None:
    from complaints import tasks
    from complaints.escalation import sla_scan as real

    monkeypatch.setattr("complaints.escalation.sla_scan", lambda: real(now=berlin(2026, 11, 23, 11, 30)))
    assert tasks.sla_scan.delay().get() == 1


def test_periodic_job_is_registered() -> None:
    from core.schedule import periodic_jobs

    assert any(job.task == "complaints.tasks.sla_scan" for job in periodic_jobs())


def test_an_sla_alert_speaks_the_assignees_language(make_case: Any, make_user: Any) -> None:
    assignee = make_user(Role.AGENT, username="sachbearbeiter", language="en")
    case = make_case(at=berlin(2026, 11, 23, 8), assignee=assignee, actor=assignee)
    mail.outbox.clear()
    assert sla_scan(now=berlin(2026, 11, 23, 11, 5)) == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].subject.startswith("Deadline ")
    assert case.reference in mail.outbox[0].subject and "Frist" not in mail.outbox[0].subject
