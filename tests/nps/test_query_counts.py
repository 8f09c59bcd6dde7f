"""Every NPS list (API and page) runs the same number of queries for 2 rows as for 20."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nps import services
from tests.factories import TouchpointFactory
from tests.nps.factories import CampaignFactory, SurveyFactory, TriggerRuleFactory, sent_invitation

pytestmark = pytest.mark.django_db


def seed(n: int, department: Any) -> None:
    for _ in range(n):
        touchpoint = TouchpointFactory(department=department)
        survey = SurveyFactory(touchpoint=touchpoint)
        TriggerRuleFactory(touchpoint=touchpoint, survey=survey)
        campaign = CampaignFactory(survey=survey, touchpoint=touchpoint)
        invitation = sent_invitation(survey=survey, campaign=campaign, touchpoint=touchpoint)
        services.response_submit(invitation=invitation, score=9, comment="gut")


def queries(fetch: Callable[[], Any]) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = fetch()
    assert response.status_code == 200, getattr(response, "content", b"")[:300]
    return len(captured)


def grows(fetch: Callable[[], Any], department: Any) -> tuple[int, int]:
    seed(2, department)
    few = queries(fetch)
    seed(18, department)
    many = queries(fetch)
    return few, many


API_LISTS = [
    "surveys/",
    "trigger-rules/",
    "campaigns/",
    "invitations/",
    "responses/",
    "responses/?format=csv",
    "responses/?format=xlsx",
    "summary/",
]


@pytest.mark.parametrize("path", API_LISTS)
def test_an_api_list_does_not_grow_with_its_rows(api_as, cceo, department, path):
    client = api_as(cceo)
    few, many = grows(lambda: client.get(f"/api/v1/nps/{path}"), department)
    assert few == many


def test_the_answers_list_of_a_manager_does_not_grow_with_its_rows(api_as, manager, department):
    client = api_as(manager)
    few, many = grows(lambda: client.get("/api/v1/nps/responses/"), department)
    assert few == many


PAGES = ["/nps/", "/nps/campaigns/", "/nps/responses/", "/nps/responses/?export=csv"]


@pytest.mark.parametrize("path", PAGES)
def test_a_list_page_does_not_grow_with_its_rows(client, cceo, department, path):
    client.force_login(cceo)
    few, many = grows(lambda: client.get(path), department)
    assert few == many


def test_the_survey_page_does_not_grow_with_its_comments(client, cceo, department):
    survey = SurveyFactory()
    client.force_login(cceo)

    def answers(n: int) -> None:
        for _ in range(n):
            touchpoint = TouchpointFactory(department=department)
            invitation = sent_invitation(survey=survey, touchpoint=touchpoint)
            services.response_submit(invitation=invitation, score=3, comment="schlecht")

    answers(2)
    few = queries(lambda: client.get(f"/nps/surveys/{survey.pk}/"))
    answers(18)
    assert queries(lambda: client.get(f"/nps/surveys/{survey.pk}/")) == few
