"""Expiry reminders and the trainers' monthly summary: sent once, however often the scans run."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.choices import Role
from tests.factories import UserFactory
from tests.training.factories import CourseFactory, TrainingRecordFactory
from training import reminders, tasks
from training.choices import ReminderKind
from training.models import ReminderLog

pytestmark = pytest.mark.django_db


def record_expiring_in(days: int, employee: Any, course: Any) -> Any:
    today = timezone.localdate()
    return TrainingRecordFactory(
        employee=employee,
        course=course,
        completed_at=today - dt.timedelta(days=300),
        expires_at=today + dt.timedelta(days=days),
    )


def test_the_scan_reminds_employee_and_managers_once(
    manager: Any, agent: Any, empathy_course: Any, mailoutbox: list[Any]
) -> None:
    second_manager = UserFactory(role=Role.MANAGER, department=agent.department, email="m2@example.com")
    record = record_expiring_in(20, agent, empathy_course)
    record_expiring_in(45, UserFactory(department=agent.department), empathy_course)  # not yet due

    tasks.expiry_reminders_scan.delay()
    tasks.expiry_reminders_scan.delay()
    assert reminders.expiry_reminder_send(record_id=record.pk) is False  # a late duplicate task sends nothing

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert set(mail.to) == {agent.email, manager.email, second_manager.email}
    assert empathy_course.title in mail.subject
    assert "Auffrischung" in mail.body and "<p>" in mail.alternatives[0][0]
    assert ReminderLog.objects.filter(kind=ReminderKind.EXPIRY, record=record).count() == 1


def test_no_reminder_for_expired_failed_or_renewed_trainings(
    agent: Any, empathy_course: Any, mailoutbox: list[Any]
) -> None:
    record_expiring_in(-1, agent, empathy_course)  # already expired
    failed = record_expiring_in(10, UserFactory(), empathy_course)
    failed.passed = False
    failed.save()
    renewed = UserFactory()
    record_expiring_in(10, renewed, empathy_course)
    record_expiring_in(700, renewed, empathy_course)
    assert reminders.expiry_reminders_due() == []
    tasks.expiry_reminders_scan.delay()
    assert mailoutbox == []


def test_the_database_refuses_a_second_reminder_log_for_a_record(agent: Any, empathy_course: Any) -> None:
    record = record_expiring_in(5, agent, empathy_course)
    ReminderLog.objects.create(kind=ReminderKind.EXPIRY, record=record)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReminderLog.objects.create(kind=ReminderKind.EXPIRY, record=record)


def test_a_failing_send_leaves_no_log_so_the_next_scan_retries(
    agent: Any, empathy_course: Any, monkeypatch: Any
) -> None:
    record = record_expiring_in(5, agent, empathy_course)

    def broken(*args: Any, **kwargs: Any) -> None:
        raise ConnectionError("smtp down")

    monkeypatch.setattr(reminders, "_send", broken)
    with pytest.raises(ConnectionError):
        reminders.expiry_reminder_send(record_id=record.pk)
    assert not ReminderLog.objects.exists()
    monkeypatch.undo()
    assert reminders.expiry_reminder_send(record_id=record.pk) is True


def test_the_monthly_summary_goes_to_each_trainer_once_per_month(
    trainer: Any, agent: Any, empathy_course: Any, mailoutbox: list[Any]
) -> None:
    record_expiring_in(12, agent, empathy_course)
    today = timezone.localdate()
    tasks.monthly_summaries_scan.delay()
    tasks.monthly_summaries_scan.delay()
    assert reminders.monthly_summary_send(trainer_id=trainer.pk, today=today) is False
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [trainer.email]
    assert "Monatsübersicht" in mailoutbox[0].subject
    assert "Filialen" in mailoutbox[0].body
    next_month = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    assert reminders.monthly_summary_send(trainer_id=trainer.pk, today=next_month) is True
    assert len(mailoutbox) == 2


def test_the_periodic_jobs_are_registered() -> None:
    from core.schedule import periodic_jobs

    tasks_by_name = {job.name: job.task for job in periodic_jobs()}
    assert tasks_by_name["training-expiry-reminders"] == "training.tasks.expiry_reminders_scan"
    assert tasks_by_name["training-monthly-summary"] == "training.tasks.monthly_summaries_scan"


def test_a_training_reminder_goes_out_once_per_language(make_user: Any) -> None:
    employee = make_user(Role.AGENT, username="azubi", language="en")
    make_user(Role.MANAGER, username="leitung")
    today = timezone.localdate()
    record = TrainingRecordFactory(
        employee=employee, course=CourseFactory(title="Empathie", validity_months=12),
        completed_at=today - dt.timedelta(days=300), expires_at=today + dt.timedelta(days=20),
    )  # fmt: skip
    mail.outbox.clear()
    assert reminders.expiry_reminder_send(record_id=record.pk) is True
    subjects = {tuple(m.to): m.subject for m in mail.outbox}
    assert subjects == {
        (employee.email,): "Training expiring: Empathie",
        ("leitung@example.com",): "Schulung läuft ab: Empathie",
    }
