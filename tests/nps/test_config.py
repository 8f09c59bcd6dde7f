"""Configuration through the API: surveys, trigger rules and waves; deleting configuration never deletes answers."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.db.models import ProtectedError
from django.utils import timezone

from nps import config_services, services
from nps.models import Campaign, Invitation, Response, Survey, TriggerRule
from tests.factories import TouchpointFactory
from tests.nps.factories import (
    CampaignFactory,
    InvitationFactory,
    SurveyFactory,
    TriggerRuleFactory,
    consenting_customer,
    sent_invitation,
)

pytestmark = pytest.mark.django_db


def launched_wave_with_an_answer(cx_admin, django_capture_on_commit_callbacks) -> tuple[Campaign, Response]:
    campaign = CampaignFactory()
    consenting_customer()
    consenting_customer()
    with django_capture_on_commit_callbacks(execute=False):
        services.campaign_launch(actor=cx_admin, campaign=campaign)
    invitation = campaign.invitations.first()
    Invitation.objects.filter(pk=invitation.pk).update(status="sent", sent_at=timezone.now())
    response = services.response_submit(invitation=invitation, score=3, comment="schlecht").response
    return Campaign.objects.get(pk=campaign.pk), response


# --- Waves ------------------------------------------------------------------------------------------------------


def test_it_refuses_to_delete_a_launched_wave_and_keeps_its_invitations_and_answers(
    api_as, cx_admin, django_capture_on_commit_callbacks
):
    campaign, response = launched_wave_with_an_answer(cx_admin, django_capture_on_commit_callbacks)
    answer = api_as(cx_admin).delete(f"/api/v1/nps/campaigns/{campaign.pk}/")
    assert answer.status_code == 409
    body = answer.json()
    assert "bereits gestartet" in body["detail"] and body["status"] == "sending"
    assert body["used_by"] == {"Antworten": 1, "Einladungen": 2}
    assert Campaign.objects.filter(pk=campaign.pk).exists()
    assert Invitation.objects.filter(campaign=campaign).count() == 2
    assert Response.objects.filter(pk=response.pk).exists()


def test_the_database_protects_invitations_and_answers_from_configuration_deletes(
    cx_admin, django_capture_on_commit_callbacks
):
    campaign, response = launched_wave_with_an_answer(cx_admin, django_capture_on_commit_callbacks)
    with pytest.raises(ProtectedError):
        Campaign.objects.filter(pk=campaign.pk).delete()
    with pytest.raises(ProtectedError):
        Invitation.objects.filter(pk=response.invitation_id).delete()
    assert Response.objects.filter(pk=response.pk).exists()


def test_a_draft_wave_without_invitations_can_be_deleted(api_as, cx_admin):
    campaign = CampaignFactory()
    assert api_as(cx_admin).delete(f"/api/v1/nps/campaigns/{campaign.pk}/").status_code == 204
    assert not Campaign.objects.filter(pk=campaign.pk).exists()


def test_a_draft_wave_that_already_has_invitations_is_kept(api_as, cx_admin):
    campaign = CampaignFactory()
    InvitationFactory(campaign=campaign, survey=campaign.survey)
    answer = api_as(cx_admin).delete(f"/api/v1/nps/campaigns/{campaign.pk}/")
    assert answer.status_code == 409 and answer.json()["used_by"] == {"Einladungen": 1}
    assert Invitation.objects.filter(campaign=campaign).count() == 1


@pytest.mark.parametrize("method", ["patch", "put"])
def test_it_refuses_to_change_a_wave_that_is_no_longer_a_draft(api_as, cx_admin, method):
    campaign = CampaignFactory(status="done", segment="privat")
    body = {"name": "Umbenannt", "survey": campaign.survey_id, "segment": "geschaeft"}
    answer = getattr(api_as(cx_admin), method)(f"/api/v1/nps/campaigns/{campaign.pk}/", body, format="json")
    assert answer.status_code == 409
    assert "nicht mehr im Entwurf" in answer.json()["detail"] and answer.json()["status"] == "done"
    campaign.refresh_from_db()
    assert (campaign.name, campaign.segment) != ("Umbenannt", "geschaeft") and campaign.segment == "privat"


def test_a_draft_wave_can_be_changed(api_as, cx_admin):
    campaign = CampaignFactory(segment="privat")
    answer = api_as(cx_admin).patch(f"/api/v1/nps/campaigns/{campaign.pk}/", {"segment": "geschaeft"}, format="json")
    assert answer.status_code == 200 and answer.json()["segment"] == "geschaeft"
    assert Campaign.objects.get(pk=campaign.pk).segment == "geschaeft"


def test_a_wave_whose_period_ends_before_it_starts_is_a_400_with_a_translated_message_list(api_as, cx_admin):
    survey = SurveyFactory()
    body = {"name": "W", "survey": survey.pk, "interactions_from": "2026-03-10", "interactions_to": "2026-03-01"}
    german = api_as(cx_admin).post("/api/v1/nps/campaigns/", body, format="json")
    assert german.status_code == 400
    assert german.json() == {"interactions_to": ["Das Ende liegt vor dem Anfang."]}
    english = api_as(cx_admin).post("/api/v1/nps/campaigns/", body, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert english.json() == {"interactions_to": ["The end lies before the start."]}
    campaign = CampaignFactory(survey=survey, interactions_from="2026-03-10")
    patched = api_as(cx_admin).patch(
        f"/api/v1/nps/campaigns/{campaign.pk}/", {"interactions_to": "2026-03-01"}, format="json"
    )
    assert patched.status_code == 400 and list(patched.json()) == ["interactions_to"]
    assert Campaign.objects.filter(name="W").count() == 0


def test_a_wave_is_created_with_the_acting_admin_and_a_touchpoint_by_slug(api_as, cx_admin):
    touchpoint = TouchpointFactory(slug="filiale-hamburg")
    survey = SurveyFactory()
    body = {"name": "Hamburg", "survey": survey.pk, "touchpoint": "filiale-hamburg"}
    answer = api_as(cx_admin).post("/api/v1/nps/campaigns/", body, format="json")
    assert answer.status_code == 201
    data = answer.json()
    assert (data["touchpoint"], data["touchpoint_slug"], data["status"]) == (touchpoint.pk, "filiale-hamburg", "draft")
    assert "created_at" in data and "updated_at" in data
    assert Campaign.objects.get(pk=data["id"]).created_by == cx_admin


def test_only_admins_write_waves_and_launch_them(api_as, cceo, manager, agent, trainer, cx_admin):
    campaign = CampaignFactory()
    for user in (cceo, manager, agent, trainer):
        client = api_as(user)
        assert client.post("/api/v1/nps/campaigns/", {"name": "x", "survey": campaign.survey_id}).status_code == 403
        assert client.patch(f"/api/v1/nps/campaigns/{campaign.pk}/", {"name": "x"}).status_code == 403
        assert client.delete(f"/api/v1/nps/campaigns/{campaign.pk}/").status_code == 403
        assert client.post(f"/api/v1/nps/campaigns/{campaign.pk}/launch/").status_code == 403
    for user in (manager, agent, trainer):
        assert api_as(user).get(f"/api/v1/nps/campaigns/{campaign.pk}/progress/").status_code == 403
        assert api_as(user).get("/api/v1/nps/invitations/").status_code == 403
    assert Campaign.objects.get(pk=campaign.pk).status == "draft" and Campaign.objects.count() == 1


def test_the_services_refuse_a_role_without_the_right(agent, cceo):
    survey = SurveyFactory()
    with pytest.raises(PermissionDenied):
        config_services.survey_create(actor=agent, data={"name": "x"})
    with pytest.raises(PermissionDenied):
        config_services.campaign_create(actor=cceo, name="x", survey=survey)
    with pytest.raises(PermissionDenied):
        services.campaign_launch(actor=cceo, campaign=CampaignFactory(survey=survey))
    assert Survey.objects.count() == 1 and Campaign.objects.count() == 1


# --- Surveys ----------------------------------------------------------------------------------------------------


def test_it_refuses_to_delete_a_survey_in_use_and_says_what_uses_it(api_as, cx_admin):
    survey = SurveyFactory(name="Beziehung 2026")
    CampaignFactory(survey=survey)
    services.response_submit(invitation=sent_invitation(survey=survey), score=9)
    sent_invitation(survey=survey)
    answer = api_as(cx_admin).delete(f"/api/v1/nps/surveys/{survey.pk}/")
    assert answer.status_code == 409
    body = answer.json()
    assert body["used_by"] == {"Antworten": 1, "Befragungswellen": 1, "Einladungen": 2}
    assert "Beziehung 2026" in body["detail"] and "Deaktivieren" in body["detail"]
    assert Survey.objects.filter(pk=survey.pk).exists() and Response.objects.filter(survey=survey).count() == 1


def test_a_survey_in_use_can_be_deactivated_instead(api_as, cx_admin):
    survey = SurveyFactory()
    sent_invitation(survey=survey)
    answer = api_as(cx_admin).patch(f"/api/v1/nps/surveys/{survey.pk}/", {"active": False}, format="json")
    assert answer.status_code == 200 and answer.json()["active"] is False
    assert Survey.objects.get(pk=survey.pk).active is False


def test_an_unused_survey_is_deleted_with_its_trigger_rules(api_as, cx_admin):
    rule = TriggerRuleFactory()
    assert api_as(cx_admin).delete(f"/api/v1/nps/surveys/{rule.survey_id}/").status_code == 204
    assert not Survey.objects.filter(pk=rule.survey_id).exists() and not TriggerRule.objects.exists()


def test_a_survey_is_created_and_changed_through_the_api(api_as, cx_admin):
    TouchpointFactory(slug="kasse")
    client = api_as(cx_admin)
    body = {"name": "Kasse", "kind": "transactional", "touchpoint": "kasse",
            "extra_questions": [{"key": "beratung", "label_de": "Beratung"}]}  # fmt: skip
    created = client.post("/api/v1/nps/surveys/", body, format="json")
    assert created.status_code == 201
    data = created.json()
    assert data["touchpoint_slug"] == "kasse" and data["extra_questions"][0]["label_en"] == ""
    changed = client.patch(f"/api/v1/nps/surveys/{data['id']}/", {"detractor_threshold": 5}, format="json")
    assert changed.status_code == 200 and Survey.objects.get(pk=data["id"]).detractor_threshold == 5
    bad = client.patch(f"/api/v1/nps/surveys/{data['id']}/", {"extra_questions": [{"key": "1x"}]}, format="json")
    assert bad.status_code == 400 and isinstance(bad.json()["extra_questions"], list)


# --- Trigger rules ----------------------------------------------------------------------------------------------


def test_trigger_rules_are_configured_by_admins_only(api_as, cx_admin, manager, agent):
    touchpoint = TouchpointFactory(slug="lieferung")
    survey = SurveyFactory(kind="transactional")
    body = {"touchpoint": "lieferung", "survey": survey.pk, "delay_hours": 2, "sampling_rate": 0.5}
    for user in (manager, agent):
        assert api_as(user).post("/api/v1/nps/trigger-rules/", body, format="json").status_code == 403
    created = api_as(cx_admin).post("/api/v1/nps/trigger-rules/", body, format="json")
    assert created.status_code == 201
    rule_id = created.json()["id"]
    assert created.json()["touchpoint"] == touchpoint.pk and created.json()["touchpoint_slug"] == "lieferung"
    bad = api_as(cx_admin).patch(f"/api/v1/nps/trigger-rules/{rule_id}/", {"sampling_rate": 2}, format="json")
    assert bad.status_code == 400 and isinstance(bad.json()["sampling_rate"], list)
    for user in (manager, agent):
        assert api_as(user).delete(f"/api/v1/nps/trigger-rules/{rule_id}/").status_code == 403
        assert api_as(user).get("/api/v1/nps/trigger-rules/").status_code == 200
    assert api_as(cx_admin).patch(f"/api/v1/nps/trigger-rules/{rule_id}/", {"active": False}).status_code == 200
    assert TriggerRule.objects.get(pk=rule_id).active is False
    assert api_as(cx_admin).delete(f"/api/v1/nps/trigger-rules/{rule_id}/").status_code == 204
    assert not TriggerRule.objects.exists()


def test_the_admin_keeps_a_launched_wave_as_it_was(client, cx_admin):
    campaign = CampaignFactory(status="done", segment="privat")
    client.force_login(cx_admin)
    page = client.get(f"/admin/nps/campaign/{campaign.pk}/change/")
    assert page.status_code == 200 and 'name="segment"' not in page.content.decode()
    client.post(f"/admin/nps/campaign/{campaign.pk}/change/", {"name": "x", "segment": "geschaeft"})
    assert Campaign.objects.get(pk=campaign.pk).segment == "privat"
    assert client.get(f"/admin/nps/campaign/{campaign.pk}/delete/").status_code == 403
    draft = CampaignFactory()
    assert client.get(f"/admin/nps/campaign/{draft.pk}/delete/").status_code == 200
