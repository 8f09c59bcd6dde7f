"""Chromium: a trainer records a session's attendance and the manager sees the department's gap close."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from tests.training.factories import EnrolmentFactory, RequirementFactory, TrainingSessionFactory, course_building
from training.models import Competence, TrainingRecord


@pytest.mark.browser
def test_trainer_records_attendance_and_the_manager_sees_the_gap_close(
    transactional_db: Any,
    browser: Any,
    page: Any,
    live_server: Any,
    login_in_browser: Any,
    trainer: Any,
    manager: Any,
    agent: Any,
) -> None:
    competence = Competence.objects.create(name="Beschwerdeannahme", category="process")
    RequirementFactory(competence=competence, level=2, role="agent")
    course = course_building(competence, 2, title="Professionelle Beschwerdeannahme")
    session = TrainingSessionFactory(course=course, trainer=trainer, date=timezone.localdate() - dt.timedelta(days=1))
    EnrolmentFactory(session=session, employee=agent)

    login_in_browser(page, manager)
    page.goto(f"{live_server.url}/training/gaps/")
    assert page.locator('[data-coverage="filialen"]').inner_text() == "50 %"
    assert "Beschwerdeannahme (0/2)" in page.locator('tr[data-employee="agent"]').inner_text()

    trainer_context = browser.new_context(locale="de-DE", timezone_id="Europe/Berlin")
    trainer_page = trainer_context.new_page()
    login_in_browser(trainer_page, trainer)
    trainer_page.goto(f"{live_server.url}/training/sessions/")
    trainer_page.get_by_role("link", name=session.date.strftime("%d.%m.%Y")).click()
    trainer_page.get_by_label("anwesend agent").check()
    assert trainer_page.get_by_label("bestanden agent").is_checked()
    trainer_page.get_by_label("Ergebnis in Prozent agent").fill("84")
    trainer_page.get_by_role("button", name="Anwesenheit speichern").click()
    trainer_page.wait_for_selector("text=1 Nachweis wurde gespeichert.")
    assert "Nachweis erfasst" in trainer_page.locator('tr[data-employee="agent"]').inner_text()
    trainer_context.close()

    record = TrainingRecord.objects.get(employee=agent, session=session)
    assert record.passed and record.score == 84 and record.certificate  # the certificate was generated

    page.reload()
    assert page.locator('[data-coverage="filialen"]').inner_text() == "100 %"
    assert "alle erfüllt" in page.locator('tr[data-employee="agent"]').inner_text()

    # The employee downloads the certificate from "my trainings".
    login_page = browser.new_context(locale="de-DE").new_page()
    login_in_browser(login_page, agent)
    login_page.goto(f"{live_server.url}/training/")
    with login_page.expect_download() as download:
        login_page.get_by_role("link", name="PDF herunterladen").click()
    assert download.value.suggested_filename == f"zertifikat-{record.pk}.pdf"
    login_page.context.close()
