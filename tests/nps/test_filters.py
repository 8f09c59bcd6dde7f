"""Filters of the NPS lists and the summary: the platform's names, and bad input is a 400, never a 500."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from nps import services
from tests.factories import TouchpointFactory
from tests.nps.factories import CampaignFactory, SurveyFactory, TriggerRuleFactory, sent_invitation

pytestmark = pytest.mark.django_db

LISTS = ["surveys/", "trigger-rules/", "campaigns/", "invitations/", "responses/", "summary/"]


def answer(score: int, **kwargs):
    return services.response_submit(invitation=sent_invitation(**kwargs), score=score).response


@pytest.fixture
def two_touchpoints(department, other_department):
    kasse = TouchpointFactory(slug="kasse", department=department)
    hotline = TouchpointFactory(slug="hotline", department=other_department)
    answer(10, touchpoint=kasse)
    answer(9, touchpoint=kasse)
    answer(1, touchpoint=hotline)
    return kasse, hotline


def test_the_summary_filters_by_id_and_by_slug_with_the_same_result(api_as, cceo, two_touchpoints, department):
    kasse, hotline = two_touchpoints
    client = api_as(cceo)
    by_id = client.get("/api/v1/nps/summary/", {"touchpoint": kasse.pk}).json()
    by_slug = client.get("/api/v1/nps/summary/", {"touchpoint_slug": "kasse"}).json()
    assert by_id == by_slug and by_id["responses"] == 2 and by_id["nps"] == 100.0
    both = client.get("/api/v1/nps/summary/", {"touchpoint": [kasse.pk, hotline.pk]}).json()
    assert both["responses"] == 3
    assert client.get("/api/v1/nps/summary/", {"department": department.pk}).json()["responses"] == 2
    assert client.get("/api/v1/nps/summary/", {"department_slug": "kundenservice"}).json()["responses"] == 1


def test_the_answers_list_filters_by_slug_and_carries_the_slugs(api_as, cceo, two_touchpoints):
    listed = api_as(cceo).get("/api/v1/nps/responses/", {"touchpoint_slug": "hotline"}).json()
    assert listed["count"] == 1
    row = listed["results"][0]
    assert (row["touchpoint_slug"], row["department_slug"], row["score"]) == ("hotline", "kundenservice", 1)
    assert row["survey_kind"] == "relationship"


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"touchpoint": "999999"}, "touchpoint"),
        ({"touchpoint": "abc"}, "touchpoint"),
        ({"touchpoint_slug": "gibt-es-nicht"}, "touchpoint_slug"),
        ({"touchpoint_slug": "ka\x00sse"}, "touchpoint_slug"),
        ({"touchpoint": "99999999999999999999999"}, "touchpoint"),
        ({"touchpoint": "-1678306344492444309985951744"}, "touchpoint"),
    ],
)
def test_an_unknown_relation_is_a_400_with_the_field(api_as, cceo, path, params, field):
    TouchpointFactory(slug="kasse")
    answer = api_as(cceo).get(f"/api/v1/nps/{path}", params)
    assert answer.status_code == 400, answer.content
    assert isinstance(answer.json()[field], list)


@pytest.mark.parametrize("path", ["campaigns/", "invitations/", "responses/", "summary/"])
@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"date_from": "gestern"}, "date_from"),
        ({"date_to": "2026-02-30"}, "date_to"),
        ({"date_from": "2026-03-02", "date_to": "2026-03-01"}, "date_to"),
        ({"date_from": "99999-01-01"}, "date_from"),
    ],
)
def test_a_bad_period_is_a_400(api_as, cceo, path, params, field):
    answer = api_as(cceo).get(f"/api/v1/nps/{path}", params)
    assert answer.status_code == 400 and isinstance(answer.json()[field], list)


@pytest.mark.parametrize(("path", "params"), [("surveys/", {"active": "vielleicht"}),
                                              ("responses/", {"needs_follow_up": "2"}),
                                              ("responses/", {"category": "fan"}),
                                              ("responses/", {"q": "a\x00b"}),
                                              ("invitations/", {"status": "weg"})])  # fmt: skip
def test_other_bad_filter_values_are_a_400(api_as, cceo, path, params):
    assert api_as(cceo).get(f"/api/v1/nps/{path}", params).status_code == 400


def test_the_period_is_a_local_day_inclusive(api_as, cceo):
    today = timezone.localdate()
    answer(9)
    client = api_as(cceo)
    params = {"date_from": today.isoformat(), "date_to": today.isoformat()}
    assert client.get("/api/v1/nps/responses/", params).json()["count"] == 1
    assert client.get("/api/v1/nps/invitations/", params).json()["count"] == 1
    yesterday = (today - dt.timedelta(days=1)).isoformat()
    assert client.get("/api/v1/nps/responses/", {"date_to": yesterday}).json()["count"] == 0


def test_configuration_lists_filter_by_relation_and_slug(api_as, cceo):
    touchpoint = TouchpointFactory(slug="kasse")
    rule = TriggerRuleFactory(touchpoint=touchpoint)
    TriggerRuleFactory()
    survey = SurveyFactory(touchpoint=touchpoint)
    SurveyFactory()
    CampaignFactory(survey=survey, touchpoint=touchpoint)
    CampaignFactory()
    client = api_as(cceo)
    rules = client.get("/api/v1/nps/trigger-rules/", {"touchpoint_slug": touchpoint.slug}).json()
    assert [r["id"] for r in rules["results"]] == [rule.pk]
    assert client.get("/api/v1/nps/trigger-rules/", {"survey": rule.survey_id}).json()["count"] == 1
    surveys = client.get("/api/v1/nps/surveys/", {"touchpoint": touchpoint.pk}).json()
    assert [s["id"] for s in surveys["results"]] == [survey.pk]
    assert client.get("/api/v1/nps/campaigns/", {"touchpoint_slug": touchpoint.slug}).json()["count"] == 1
    assert client.get("/api/v1/nps/campaigns/", {"survey": survey.pk}).json()["count"] == 1


def test_the_answers_page_shows_filter_errors_with_a_400(client, cceo):
    client.force_login(cceo)
    page = client.get("/nps/responses/", {"touchpoint": "999999"})
    assert page.status_code == 400
    page = client.get("/nps/responses/", {"date_from": "2026-03-02", "date_to": "2026-03-01"})
    assert page.status_code == 400 and "Enddatum" in page.content.decode()
