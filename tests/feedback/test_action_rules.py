"""Who may own and change an improvement action: decided once in the service, so page and API answer alike."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from rest_framework.test import APIClient

from accounts.choices import Role
from feedback import services
from feedback.models import ImprovementAction
from tests.factories import UserFactory
from tests.feedback.factories import FeedbackFactory, ImprovementActionFactory
from touchpoints.models import Touchpoint

pytestmark = pytest.mark.django_db

URL = "/api/v1/improvements/"


@pytest.fixture
def outsider(other_department: Any) -> Any:
    return UserFactory(role=Role.AGENT, department=other_department, username="outsider")


def owner_message(department: Any) -> str:
    return (
        f"Verantwortlich kann nur eine aktive Person der Abteilung „{department.name}“ sein, die CX-Administration "
        "oder der CCEO."
    )


def test_it_refuses_an_owner_of_another_department(manager: Any, department: Any, outsider: Any) -> None:
    with pytest.raises(ValidationError) as excinfo:
        services.action_create(actor=manager, title="Kasse", department=department, owner=outsider)
    assert excinfo.value.message_dict == {"owner": [owner_message(department)]}
    assert not ImprovementAction.objects.exists()


def test_it_refuses_an_inactive_owner_and_a_trainer(manager: Any, department: Any, make_user: Any) -> None:
    inactive = make_user(Role.AGENT, is_active=False)
    trainer = make_user(Role.TRAINER)
    for owner in (inactive, trainer):
        with pytest.raises(ValidationError) as excinfo:
            services.action_create(actor=manager, title="Kasse", department=department, owner=owner)
        assert "owner" in excinfo.value.message_dict


def test_the_owner_may_be_a_colleague_a_cx_admin_or_the_cceo(
    manager: Any, agent: Any, cx_admin: Any, cceo: Any, department: Any
) -> None:
    for owner in (agent, manager, cx_admin, cceo):
        action = services.action_create(actor=manager, title="Kasse", department=department, owner=owner)
        assert action.owner == owner


def test_moving_an_action_to_another_department_checks_the_owner_again(
    cx_admin: Any, agent: Any, department: Any, other_department: Any
) -> None:
    action = services.action_create(actor=cx_admin, title="Kasse", department=department, owner=agent)
    with pytest.raises(ValidationError) as excinfo:
        services.action_update(actor=cx_admin, action=action, changes={"department": other_department})
    assert "owner" in excinfo.value.message_dict
    action.refresh_from_db()
    assert action.department == department


def test_a_manager_changes_only_actions_of_the_own_department(
    manager: Any, other_department: Any, department: Any
) -> None:
    foreign = ImprovementActionFactory(department=other_department)
    own = ImprovementActionFactory(department=department)
    with pytest.raises(ValidationError) as excinfo:
        services.action_update(actor=manager, action=foreign, changes={"title": "Übernommen"})
    assert "department" in excinfo.value.message_dict
    with pytest.raises(ValidationError):
        services.action_transition(actor=manager, action=foreign, to="planned")
    with pytest.raises(ValidationError):
        services.action_update(actor=manager, action=own, changes={"department": other_department})
    foreign.refresh_from_db()
    own.refresh_from_db()
    assert (foreign.title, foreign.status, own.department) != ("Übernommen", "planned", other_department)


def test_agents_do_not_plan_actions_even_through_the_service(agent: Any, department: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.action_create(actor=agent, title="Kasse", department=department)


def test_the_api_refuses_an_owner_of_another_department_with_a_field_message(
    api_as: Callable[[Any], APIClient], manager: Any, department: Any, outsider: Any
) -> None:
    response = api_as(manager).post(
        URL, {"title": "Zweite Kasse", "department": department.pk, "owner": outsider.pk}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"owner": [owner_message(department)]}
    assert not ImprovementAction.objects.exists()


def test_the_api_refuses_the_same_owner_on_patch(
    api_as: Callable[[Any], APIClient], manager: Any, department: Any, outsider: Any
) -> None:
    action = ImprovementActionFactory(department=department)
    response = api_as(manager).patch(f"{URL}{action.pk}/", {"owner": outsider.pk}, format="json")
    assert response.status_code == 400 and response.json() == {"owner": [owner_message(department)]}
    action.refresh_from_db()
    assert action.owner is None


def test_page_and_api_give_the_same_answer(
    api_as: Callable[[Any], APIClient], client: Client, cx_admin: Any, department: Any, other_department: Any,
    outsider: Any,
) -> None:
    """A CX admin picks department A and an owner from department B: both ways answer 400 on `owner`."""
    api = api_as(cx_admin).post(
        URL, {"title": "Zweite Kasse", "department": department.slug, "owner": outsider.pk}, format="json"
    )
    client.force_login(cx_admin)
    page = client.post(
        "/feedback/improvements/new/", {"title": "Zweite Kasse", "department": department.pk, "owner": outsider.pk}
    )
    assert api.status_code == page.status_code == 400
    assert api.json()["owner"] == [owner_message(department)]
    assert page.context["form"].errors["owner"] == [owner_message(department)]
    assert not ImprovementAction.objects.exists()


def test_the_page_offers_only_possible_owners_to_a_manager(
    client: Client, manager: Any, agent: Any, cceo: Any, outsider: Any
) -> None:
    client.force_login(manager)
    owners = set(client.get("/feedback/improvements/new/").context["form"].fields["owner"].queryset)
    assert {manager, agent, cceo} <= owners and outsider not in owners


def test_the_api_takes_a_department_by_slug_and_answers_with_ids_and_slugs(
    api_as: Callable[[Any], APIClient], manager: Any, agent: Any, department: Any, store: Touchpoint
) -> None:
    response = api_as(manager).post(
        URL,
        {"title": "Zweite Kasse", "department": department.slug, "owner": agent.pk, "touchpoints": [store.slug]},
        format="json",
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert (data["department"], data["department_slug"]) == (department.pk, department.slug)
    assert (data["touchpoints"], data["touchpoints_slugs"]) == ([store.pk], [store.slug])
    assert data["owner"] == agent.pk
    assert {"created_at", "updated_at"} <= set(data) and "created" not in data


def test_improvements_filter_by_department_status_and_touchpoint(
    api_as: Callable[[Any], APIClient], cx_admin: Any, department: Any, other_department: Any, store: Touchpoint
) -> None:
    own = ImprovementActionFactory(department=department)
    own.touchpoints.add(store)
    ImprovementActionFactory(department=other_department, status="planned")
    client = api_as(cx_admin)

    def ids(query: str) -> list[int]:
        response = client.get(f"{URL}?{query}")
        assert response.status_code == 200, response.json()
        return [row["id"] for row in response.json()["results"]]

    assert ids(f"department={department.pk}") == [own.pk]
    assert ids(f"department_slug={department.slug}") == [own.pk]
    assert len(ids(f"department={department.pk}&department={other_department.pk}")) == 2
    assert ids("status=idea") == [own.pk]
    assert ids(f"touchpoint={store.pk}") == [own.pk]
    assert ids(f"touchpoint_slug={store.slug}") == [own.pk]
    for bad in (f"department={department.slug}", "department_slug=gibt-es-nicht", "status=fertig"):
        response = client.get(f"{URL}?{bad}")
        assert response.status_code == 400, bad


def test_linking_another_departments_feedback_is_refused(
    manager: Any, department: Any, store: Touchpoint, webshop: Touchpoint
) -> None:
    action = ImprovementActionFactory(department=department)
    with pytest.raises(ValidationError) as excinfo:
        services.action_link_feedback(actor=manager, action=action, feedback=FeedbackFactory(touchpoint=webshop))
    assert "feedback" in excinfo.value.message_dict
    assert not action.feedback.exists()


def test_a_topic_in_use_is_not_deleted_but_answers_409(
    api_as: Callable[[Any], APIClient], cx_admin: Any, store: Touchpoint
) -> None:
    from feedback.models import Topic

    used = Topic.objects.get(name="Preis")
    FeedbackFactory(touchpoint=store).topics.add(used)
    response = api_as(cx_admin).delete(f"/api/v1/feedback-topics/{used.pk}/")
    assert response.status_code == 409
    assert response.json()["used_by"] == {"Feedback": 1}
    assert Topic.objects.filter(pk=used.pk).exists()
    unused = Topic.objects.create(name="Parken")
    assert api_as(cx_admin).delete(f"/api/v1/feedback-topics/{unused.pk}/").status_code == 204
