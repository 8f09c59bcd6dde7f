"""Configuration of the complaints app (categories, root causes, calendars, SLA policies): what is in use is never
deleted with what hangs on it; duplicates are a 400 with a field message, not a database error."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.db.models import ProtectedError

from complaints.models import BusinessCalendar, Case, Category, RootCause, SlaPolicy
from tests.complaints.factories import BusinessCalendarFactory, CategoryFactory, RootCauseFactory, SlaPolicyFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/complaints/"


def test_deleting_a_category_in_use_is_a_409_that_says_what_uses_it(api_as: Any, cx_admin: Any, make_case: Any) -> None:
    category = CategoryFactory(name="Lieferung")
    make_case(category=category)
    response = api_as(cx_admin).delete(f"{API}categories/{category.pk}/")
    assert response.status_code == 409
    body = response.json()
    assert body["used_by"] == {"Beschwerdefälle": 1}
    assert "Deaktivieren" in body["detail"]
    assert Category.objects.filter(pk=category.pk).exists()
    deactivated = api_as(cx_admin).patch(f"{API}categories/{category.pk}/", {"active": False}, format="json")
    assert deactivated.status_code == 200 and deactivated.json()["active"] is False


def test_deleting_a_category_with_an_sla_policy_keeps_the_policy(api_as: Any, cx_admin: Any) -> None:
    category = CategoryFactory(name="Rechnung")
    SlaPolicyFactory(severity="high", category=category)
    response = api_as(cx_admin).delete(f"{API}categories/{category.pk}/")
    assert response.status_code == 409 and response.json()["used_by"] == {"SLA-Regeln": 1}
    assert SlaPolicy.objects.filter(category=category).count() == 1


def test_deleting_a_category_with_subcategories_is_a_409(api_as: Any, cx_admin: Any) -> None:
    parent = CategoryFactory(name="Lieferung")
    CategoryFactory(name="verspätet", parent=parent)
    response = api_as(cx_admin).delete(f"{API}categories/{parent.pk}/")
    assert response.status_code == 409 and response.json()["used_by"] == {"Beschwerdekategorien": 1}


def test_an_unused_category_is_deleted(api_as: Any, cx_admin: Any) -> None:
    category = CategoryFactory(name="Sonstiges")
    assert api_as(cx_admin).delete(f"{API}categories/{category.pk}/").status_code == 204
    assert not Category.objects.filter(pk=category.pk).exists()


def test_deleting_a_root_cause_in_use_is_a_409(api_as: Any, cx_admin: Any, make_case: Any) -> None:
    cause = RootCauseFactory(name="Lager")
    case = make_case()
    Case.objects.filter(pk=case.pk).update(root_cause=cause)
    response = api_as(cx_admin).delete(f"{API}root-causes/{cause.pk}/")
    assert response.status_code == 409 and response.json()["used_by"] == {"Beschwerdefälle": 1}
    assert RootCause.objects.filter(pk=cause.pk).exists()


def test_deleting_a_calendar_in_use_is_a_409_without_a_deactivation_hint(
    api_as: Any, cx_admin: Any, policies: Any
) -> None:
    calendar = BusinessCalendar.objects.get()
    response = api_as(cx_admin).delete(f"{API}calendars/{calendar.pk}/")
    assert response.status_code == 409
    body = response.json()
    assert body["used_by"] == {"SLA-Regeln": 4}
    assert "Deaktivieren" not in body["detail"]
    assert BusinessCalendar.objects.filter(pk=calendar.pk).exists()


def test_deleting_an_sla_policy_cases_were_measured_against_is_a_409(
    api_as: Any, cx_admin: Any, make_case: Any, policies: Any
) -> None:
    case = make_case()
    response = api_as(cx_admin).delete(f"{API}sla-policies/{case.policy_id}/")
    assert response.status_code == 409 and response.json()["used_by"] == {"Beschwerdefälle": 1}
    assert Case.objects.get(pk=case.pk).policy_id == policies["medium"].pk


def test_the_database_protects_cases_from_deleting_their_policy(make_case: Any, policies: Any) -> None:
    case = make_case()
    with pytest.raises(ProtectedError):
        policies["medium"].delete()
    assert Case.objects.get(pk=case.pk).policy_id is not None


def test_a_second_default_sla_policy_is_a_400_with_a_field_message(api_as: Any, cx_admin: Any) -> None:
    SlaPolicyFactory(severity="medium")
    body = {"severity": "medium", "first_response_hours": "4", "resolution_hours": "40", "update_interval_hours": "8"}
    response = api_as(cx_admin).post(f"{API}sla-policies/", body, format="json")
    assert response.status_code == 400
    assert response.json()["category"] == ["Für diesen Schweregrad gibt es schon eine Regel für alle Kategorien."]
    assert SlaPolicy.objects.count() == 1


def test_changing_a_policy_into_a_duplicate_default_is_a_400(api_as: Any, cx_admin: Any) -> None:
    SlaPolicyFactory(severity="medium")
    other = SlaPolicyFactory(severity="high")
    response = api_as(cx_admin).patch(f"{API}sla-policies/{other.pk}/", {"severity": "medium"}, format="json")
    assert response.status_code == 400 and "category" in response.json()
    assert SlaPolicy.objects.get(pk=other.pk).severity == "high"


def test_a_second_policy_for_the_same_category_is_a_400(api_as: Any, cx_admin: Any) -> None:
    category = CategoryFactory(name="Rechnung")
    SlaPolicyFactory(severity="low", category=category)
    body = {
        "severity": "low",
        "category": category.pk,
        "first_response_hours": "4",
        "resolution_hours": "40",
        "update_interval_hours": "8",
    }
    response = api_as(cx_admin).post(f"{API}sla-policies/", body, format="json")
    assert response.status_code == 400 and list(response.json()) == ["category"]


def test_a_policy_may_be_saved_again_unchanged(api_as: Any, cx_admin: Any) -> None:
    policy = SlaPolicyFactory(severity="medium", first_response_hours=Decimal("4"))
    response = api_as(cx_admin).patch(f"{API}sla-policies/{policy.pk}/", {"severity": "medium"}, format="json")
    assert response.status_code == 200


def test_a_second_default_calendar_is_a_400_with_a_field_message(api_as: Any, cx_admin: Any) -> None:
    BusinessCalendarFactory(name="Hamburg", is_default=True)
    response = api_as(cx_admin).post(f"{API}calendars/", {"name": "Bayern", "is_default": True}, format="json")
    assert response.status_code == 400
    assert response.json()["is_default"] == ["Es gibt schon einen Standardkalender."]


def test_a_calendar_with_an_unknown_time_zone_is_a_400(api_as: Any, cx_admin: Any) -> None:
    response = api_as(cx_admin).post(f"{API}calendars/", {"name": "Mars", "time_zone": "Mars/Olymp"}, format="json")
    assert response.status_code == 400 and "time_zone" in response.json()


def test_the_migrations_protect_every_case_from_configuration_deletes() -> None:
    """Every relation from a case, its history, attachments or SLA log to configuration is PROTECT (or SET_NULL
    for people and the customer, who are never deleted but erased); no configuration delete cascades to them."""
    from django.db import models

    from complaints import models as m

    configuration = {m.Category, m.RootCause, m.BusinessCalendar, m.SlaPolicy}
    for model in (m.Case, m.CaseEvent, m.CaseAttachment, m.CasePause, m.SlaNotification, m.SlaPolicy, m.Category):
        for field in model._meta.get_fields():
            if isinstance(field, models.ForeignKey) and field.related_model in configuration:
                assert field.remote_field.on_delete is models.PROTECT, f"{model.__name__}.{field.name}"
