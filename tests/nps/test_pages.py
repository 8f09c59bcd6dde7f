"""Staff pages: survey statistics, waves with progress, answers list."""

from __future__ import annotations

import pytest
from django.core import mail

from nps import services
from nps.models import Campaign
from tests.factories import TouchpointFactory
from tests.nps.factories import CampaignFactory, SurveyFactory, consenting_customer, sent_invitation

pytestmark = pytest.mark.django_db


def answer(score: int, **kwargs):
    return services.response_submit(invitation=sent_invitation(**kwargs), score=score, comment=f"Kommentar {score}")


def test_the_survey_page_shows_score_interval_distribution_and_a_small_sample_warning(client, cceo):
    survey = SurveyFactory(name="Beziehung")
    for score in (10, 9, 3):
        answer(score, survey=survey)
    client.force_login(cceo)
    html = client.get(f"/nps/surveys/{survey.pk}/").content.decode()
    assert 'id="nps-value">33<' in html
    assert "95-%-Intervall" in html and 'id="small-sample"' in html
    assert 'id="distribution-table"' in html and "vendor/plotly/plotly.min.js" in html
    assert "Kommentar 3" in html
    filtered = client.get(f"/nps/surveys/{survey.pk}/", {"category": "detractor"}).content.decode()
    assert "Kommentar 3" in filtered and "Kommentar 10" not in filtered
    weekly = client.get(f"/nps/surveys/{survey.pk}/", {"period": "week", "q": "Kommentar 9"}).content.decode()
    assert "Kommentar 9" in weekly and "Kommentar 3" not in weekly


def test_no_warning_from_30_answers_on(client, cceo):
    survey = SurveyFactory()
    for score in [9] * 30:
        answer(score, survey=survey)
    client.force_login(cceo)
    assert 'id="small-sample"' not in client.get(f"/nps/surveys/{survey.pk}/").content.decode()


def test_a_manager_sees_the_statistics_of_the_own_department_only(client, manager, department, other_department):
    survey = SurveyFactory()
    answer(10, survey=survey, touchpoint=TouchpointFactory(department=department))
    answer(0, survey=survey, touchpoint=TouchpointFactory(department=other_department))
    client.force_login(manager)
    html = client.get(f"/nps/surveys/{survey.pk}/").content.decode()
    assert 'id="nps-responses">1<' in html and 'id="nps-value">100<' in html
    listed = client.get("/nps/responses/").content.decode()
    assert "Kommentar 10" in listed and "Kommentar 0" not in listed
    assert client.get("/nps/campaigns/").status_code == 403


def test_trainers_get_403_on_every_nps_page(client, trainer):
    client.force_login(trainer)
    survey = SurveyFactory()
    for path in ("/nps/", f"/nps/surveys/{survey.pk}/", "/nps/responses/", "/nps/campaigns/", "/nps/campaigns/new/"):
        assert client.get(path).status_code == 403


def test_an_admin_creates_and_launches_a_wave_and_the_mails_land_in_the_outbox(
    client, cx_admin, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "core.mail.OutboxBackend"
    survey = SurveyFactory()
    consenting_customer()
    consenting_customer()
    client.force_login(cx_admin)
    bad = client.post("/nps/campaigns/new/", {"name": "", "survey": survey.pk})
    assert bad.status_code == 400 and "Dieses Feld ist zwingend erforderlich." in bad.content.decode()
    created = client.post("/nps/campaigns/new/", {"name": "Herbstwelle", "survey": survey.pk})
    campaign = Campaign.objects.get(name="Herbstwelle")
    assert created.status_code == 302 and created["Location"] == f"/nps/campaigns/{campaign.pk}/"
    detail = client.get(f"/nps/campaigns/{campaign.pk}/").content.decode()
    assert "Versand starten" in detail and "2 Personen" in detail
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/nps/campaigns/{campaign.pk}/launch/", follow=True)
    assert "Versand gestartet: 2 eingeladen" in response.content.decode()
    from core.models import OutboxEmail

    # in the embedded default (no broker) the launch sends in-process right after the commit
    assert OutboxEmail.objects.count() == 2
    progress = client.get(f"/nps/campaigns/{campaign.pk}/progress.json").json()
    assert progress["sent"] == 2 and progress["queued"] == 0
    assert mail.outbox == []


def test_the_survey_list_speaks_english(client, cceo):
    SurveyFactory(name="Relationship")
    client.force_login(cceo)
    html = client.get("/nps/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "NPS surveys" in html and "Responses" in html


def test_the_answers_list_exports_csv(client, cceo):
    answer(7, survey=SurveyFactory())
    client.force_login(cceo)
    export = client.get("/nps/responses/", {"export": "csv"})
    assert export.status_code == 200 and b"Wert" in export.content and b"Kommentar 7" in export.content


def test_launching_a_running_wave_shows_an_error_message(client, cx_admin):
    campaign = CampaignFactory(status="done")
    client.force_login(cx_admin)
    page = client.post(f"/nps/campaigns/{campaign.pk}/launch/", follow=True)
    assert "bereits gestartet" in page.content.decode()


@pytest.mark.parametrize("role", ["cceo", "manager", "agent"])
def test_only_admins_create_and_launch_waves_on_the_pages(client, request, role):
    campaign = CampaignFactory()
    consenting_customer()
    client.force_login(request.getfixturevalue(role))
    assert client.get("/nps/campaigns/new/").status_code == 403
    assert client.post("/nps/campaigns/new/", {"name": "x", "survey": campaign.survey_id}).status_code == 403
    assert client.post(f"/nps/campaigns/{campaign.pk}/launch/").status_code == 403
    if role != "cceo":
        assert client.get(f"/nps/campaigns/{campaign.pk}/").status_code == 403
        assert client.get(f"/nps/campaigns/{campaign.pk}/progress.json").status_code == 403
    assert Campaign.objects.get(pk=campaign.pk).status == "draft" and Campaign.objects.count() == 1


def test_the_wave_form_shows_the_services_period_error(client, cx_admin):
    survey = SurveyFactory()
    client.force_login(cx_admin)
    body = {"name": "W", "survey": survey.pk, "interactions_from": "2026-03-10", "interactions_to": "2026-03-01"}
    page = client.post("/nps/campaigns/new/", body)
    assert page.status_code == 400 and "Das Ende liegt vor dem Anfang." in page.content.decode()
    assert not Campaign.objects.exists()


def test_the_answers_page_of_an_agent_leaves_out_other_departments(client, agent, department, other_department):
    answer(8, touchpoint=TouchpointFactory(department=department))
    answer(2, touchpoint=TouchpointFactory(department=other_department))
    client.force_login(agent)
    listed = client.get("/nps/responses/").content.decode()
    assert "Kommentar 8" in listed and "Kommentar 2" not in listed
    export = client.get("/nps/responses/", {"export": "csv"}).content.decode("utf-8-sig")
    assert "Kommentar 8" in export and "Kommentar 2" not in export
