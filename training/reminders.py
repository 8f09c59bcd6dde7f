"""Reminders 30 days before a training expires, and a monthly summary for trainers.

Each message is claimed by inserting its ReminderLog row first (unique per record, or per trainer and month) in
the same transaction as the send: a second run, or a second worker, finds the row and sends nothing.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.choices import Role
from accounts.models import User
from accounts.selectors import emails_by_language, user_language
from training import selectors
from training.choices import ReminderKind
from training.models import ReminderLog, TrainingRecord, TrainingSession


def _send(*, subject: str, template: str, context: dict[str, object], recipients: list[str]) -> None:
    if not recipients:
        return
    context = {**context, "SITE_URL": settings.SITE_URL, "COMPANY_NAME": settings.COMPANY_NAME}
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"training/email/{template}.txt", context),
        to=recipients,
    )
    message.attach_alternative(render_to_string(f"training/email/{template}.html", context), "text/html")
    message.send()


def department_managers(employee: User) -> list[User]:
    if employee.department_id is None:
        return []
    return list(
        User.objects.filter(role=Role.MANAGER, is_active=True, department_id=employee.department_id)
        .exclude(pk=employee.pk)
        .order_by("username")
    )


def expiry_reminders_due(*, today: dt.date | None = None) -> list[int]:
    """Ids of records expiring within the window (not renewed) that have had no reminder yet."""
    sent = ReminderLog.objects.filter(kind=ReminderKind.EXPIRY).values("record_id")
    employees = User.objects.filter(is_active=True)
    due = selectors.expiring_records(employees, today=today).exclude(pk__in=sent)
    return list(due.values_list("pk", flat=True))


def expiry_reminder_send(*, record_id: int, today: dt.date | None = None) -> bool:
    """Remind the employee and the department's managers; True only for the run that sent it."""
    today = today or timezone.localdate()
    record = TrainingRecord.objects.select_related("employee", "course").filter(pk=record_id).first()
    if (
        record is None
        or not selectors.expiring_records(User.objects.filter(pk=record.employee_id), today=today)
        .filter(pk=record.pk)
        .exists()
    ):
        return False
    with transaction.atomic():
        _log, created = ReminderLog.objects.get_or_create(kind=ReminderKind.EXPIRY, record=record)
        if not created:
            return False
        employee = record.employee
        recipients = [u.email for u in [employee, *department_managers(employee)] if u.email]
        for language, emails in emails_by_language(recipients).items():
            with translation.override(language):
                _send(
                    subject=_("Schulung läuft ab: %(course)s") % {"course": record.course.title},
                    template="expiry_reminder",
                    context={
                        "record": record,
                        "employee": employee,
                        "days": ((record.expires_at or today) - today).days,
                    },
                    recipients=emails,
                )
    return True


def first_of_month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def monthly_summaries_due(*, today: dt.date | None = None) -> list[int]:
    period = first_of_month(today or timezone.localdate())
    sent = ReminderLog.objects.filter(kind=ReminderKind.MONTHLY_SUMMARY, period=period).values("recipient_id")
    trainers = User.objects.filter(is_active=True, role=Role.TRAINER).exclude(pk__in=sent)
    return list(trainers.values_list("pk", flat=True))


def monthly_summary_send(*, trainer_id: int, today: dt.date | None = None) -> bool:
    today = today or timezone.localdate()
    period = first_of_month(today)
    trainer = User.objects.filter(pk=trainer_id, is_active=True, role=Role.TRAINER).first()
    if trainer is None:
        return False
    last_month = first_of_month(period - dt.timedelta(days=1))
    with transaction.atomic():
        _log, created = ReminderLog.objects.get_or_create(
            kind=ReminderKind.MONTHLY_SUMMARY, recipient=trainer, period=period
        )
        if not created:
            return False
        next_month = (period + dt.timedelta(days=32)).replace(day=1)
        context = {
            "trainer": trainer,
            "period": period,
            "sessions": TrainingSession.objects.filter(trainer=trainer, date__gte=period, date__lt=next_month)
            .select_related("course")
            .order_by("date"),
            "records_last_month": TrainingRecord.objects.filter(
                completed_at__gte=last_month, completed_at__lt=period
            ).count(),
            "expiring": selectors.expiring_records(User.objects.filter(is_active=True), today=today).count(),
            "departments": selectors.gap_overview(today=today).department_rows(),
        }
        with translation.override(user_language(trainer)):
            _send(
                subject=_("Monatsübersicht Schulungen"),
                template="monthly_summary",
                context=context,
                recipients=[trainer.email] if trainer.email else [],
            )
    return True
