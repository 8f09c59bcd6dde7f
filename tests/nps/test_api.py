"""The NPS API: who may configure and read, launch counts, the summary with its interval, exports."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest
from django.utils import timezone

from nps import services
from nps.models import Campaign, Response, Survey
from tests.factories import TouchpointFactory
from tests.nps.factories import CampaignFactory, SurveyFactory, consenting_customer, sent_invitation

pytestmark = pytest.mark.django_db


def answer(score: int, **kwargs) -> Response:
    invitation = sent_invitation(**kwargs)
    return services.response_submit(invitation=invitation, score=score, comment=f"Wert {score}").response


def test_only_cx_admins_configure_surveys_and_trainers_see_nothing(api_as, cx_admin, cceo, manager, agent, trainer):
    body = {"name": "Relationship 2027", "kind": "relationship", "extra_questions": []}
    assert api_as(cx_admin).post("/api/v1/nps/surveys/", body, format="json").status_code == 201
    for user in (cceo, manager, agent):
        assert api_as(user).post("/api/v1/nps/surveys/", body, format="json").status_code == 403
        assert api_as(user).get("/api/v1/nps/surveys/").status_code == 200
    for path in ("surveys/", "campaigns/", "invitations/", "responses/", "summary/"):
        assert api_as(trainer).get(f"/api/v1/nps/{path}").status_code == 403
    assert Survey.objects.count() == 1


def test_bad_survey_input_is_a_400_with_field_messages(api_as, cx_admin):
    client = api_as(cx_admin)
    bad = client.post(
        "/api/v1/nps/surveys/",
        {"name": "", "kind": "nope", "detractor_threshold": 11, "extra_questions": [{"label_de": "ohne key"}]},
        format="json",
    )
    assert bad.status_code == 400
    assert {"name", "kind", "detractor_threshold", "extra_questions"} <= set(bad.json())


def test_launch_answers_with_the_counts_and_only_admins_may_launch(
    api_as, cx_admin, cceo, django_capture_on_commit_callbacks
):
    survey = SurveyFactory()
    consenting_customer()
    consenting_customer()
    from tests.factories import CustomerFactory

    CustomerFactory()
    created = api_as(cx_admin).post("/api/v1/nps/campaigns/", {"name": "Welle", "survey": survey.pk}, format="json")
    assert created.status_code == 201
    campaign_id = created.json()["id"]
    assert api_as(cceo).post(f"/api/v1/nps/campaigns/{campaign_id}/launch/").status_code == 403
    with django_capture_on_commit_callbacks(execute=False):
        launched = api_as(cx_admin).post(f"/api/v1/nps/campaigns/{campaign_id}/launch/")
    assert launched.status_code == 200
    assert launched.json() == {"invited": 2, "skipped_no_consent": 1, "skipped_quarantine": 0, "skipped_suppressed": 0}
    again = api_as(cx_admin).post(f"/api/v1/nps/campaigns/{campaign_id}/launch/")
    assert again.status_code == 400 and "status" in again.json()
    invitations = api_as(cceo).get("/api/v1/nps/invitations/", {"campaign": campaign_id}).json()
    assert invitations["count"] == 3


def test_launch_survives_a_broker_that_is_down(api_as, cx_admin, monkeypatch, django_capture_on_commit_callbacks):
    from kombu.exceptions import OperationalError

    from nps import tasks

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.invitations_dispatch, "apply_async", broker_down)
    consenting_customer()
    campaign = CampaignFactory()
    with django_capture_on_commit_callbacks(execute=True):
        launched = api_as(cx_admin).post(f"/api/v1/nps/campaigns/{campaign.pk}/launch/")
    assert launched.status_code == 200 and launched.json()["invited"] == 1
    assert campaign.invitations.filter(status="queued").count() == 1
    monkeypatch.undo()
    from nps import sending

    assert sending.invitations_dispatch().sent == 1  # the periodic job sends once the worker is back


def test_the_summary_reports_nps_with_its_interval_and_filters(api_as, cceo):
    tp = TouchpointFactory()
    survey = SurveyFactory()
    for score in [10] * 45 + [7] * 35 + [3] * 20:
        answer(score, survey=survey, touchpoint=tp)
    answer(0, survey=SurveyFactory(kind="case_satisfaction"), touchpoint=tp)  # does not count for the NPS
    data = api_as(cceo).get("/api/v1/nps/summary/").json()
    assert data["nps"] == 25.0 and data["responses"] == 100
    assert (data["promoters"], data["passives"], data["detractors"]) == (45, 35, 20)
    assert data["ci_low"] == pytest.approx(9.5, abs=0.2) and data["ci_high"] == pytest.approx(39.1, abs=0.2)
    assert data["small_sample"] is False and data["response_rate"] == 100.0
    other = api_as(cceo).get("/api/v1/nps/summary/", {"touchpoint": TouchpointFactory().pk}).json()
    assert other["responses"] == 0 and other["nps"] is None and other["small_sample"] is True
    today = timezone.localdate()
    dated = api_as(cceo).get("/api/v1/nps/summary/", {"date_from": today.isoformat(), "date_to": today.isoformat()})
    assert dated.json()["responses"] == 100
    future = (today + dt.timedelta(days=1)).isoformat()
    assert api_as(cceo).get("/api/v1/nps/summary/", {"date_from": future}).json()["responses"] == 0
    assert api_as(cceo).get("/api/v1/nps/summary/", {"date_from": "gestern"}).status_code == 400


def test_managers_and_agents_see_their_departments_answers_only(api_as, make_user, department, other_department, cceo):
    mine = answer(9, touchpoint=TouchpointFactory(department=department))
    theirs = answer(2, touchpoint=TouchpointFactory(department=other_department))
    for role in ("manager", "agent"):
        user = make_user(role, username=f"{role}-x")
        client = api_as(user)
        listed = client.get("/api/v1/nps/responses/").json()
        assert [row["id"] for row in listed["results"]] == [mine.pk]
        assert client.get(f"/api/v1/nps/responses/{theirs.pk}/").status_code == 404
        assert client.get("/api/v1/nps/summary/").json()["responses"] == 1
        assert client.get("/api/v1/nps/campaigns/").status_code == 403
    assert api_as(cceo).get("/api/v1/nps/responses/").json()["count"] == 2


def test_responses_export_as_csv_and_xlsx_with_filters(api_as, cceo):
    survey = SurveyFactory(name="Export")
    answer(10, survey=survey)
    answer(2, survey=survey)
    answer(8)
    csv = api_as(cceo).get("/api/v1/nps/responses/", {"format": "csv", "survey": survey.pk})
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    frame = pd.read_csv(io.BytesIO(csv.content), sep=";", decimal=",", encoding="utf-8-sig")
    assert sorted(frame["Wert"].tolist()) == [2, 10] and set(frame["Befragung"]) == {"Export"}
    xlsx = api_as(cceo).get("/api/v1/nps/responses/", {"format": "xlsx", "category": "detractor"})
    assert xlsx.status_code == 200
    assert xlsx["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = pd.read_excel(io.BytesIO(xlsx.content))
    assert sheet["Wert"].tolist() == [2]


def test_campaign_progress_counts_the_states(api_as, cceo):
    campaign = CampaignFactory()
    sent_invitation(campaign=campaign, survey=campaign.survey)
    answered = sent_invitation(campaign=campaign, survey=campaign.survey)
    services.response_submit(invitation=answered, score=9)
    data = api_as(cceo).get(f"/api/v1/nps/campaigns/{campaign.pk}/progress/").json()
    assert (data["sent"], data["answered"], data["response_rate"]) == (2, 1, 50.0)
    assert Campaign.objects.get(pk=campaign.pk).status == "draft"


def test_the_openapi_schema_builds_with_the_nps_endpoints(client):
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    body = schema.content.decode()
    assert "/api/v1/nps/summary/" in body and "/api/v1/nps/campaigns/{id}/launch/" in body


def test_the_schema_allows_what_the_api_answers(client):
    schemas = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()["components"]["schemas"]
    skip_reason = schemas["Invitation"]["properties"]["skip_reason"]
    refs = {item["$ref"].rsplit("/", 1)[-1] for item in skip_reason["oneOf"]}
    assert refs == {"SkipReasonEnum", "BlankEnum"}  # an invitation that was not skipped has skip_reason ""
    for name, field in [("Response", "touchpoint_slug"), ("Response", "department_slug"),
                        ("Invitation", "touchpoint_slug"), ("Survey", "touchpoint_slug")]:  # fmt: skip
        assert schemas[name]["properties"][field]["nullable"] is True
    assert "nullable" not in schemas["TriggerRule"]["properties"]["touchpoint_slug"]
    progress = schemas["CampaignProgress"]["properties"]
    assert progress["response_rate"]["nullable"] is True and "answered" in progress
