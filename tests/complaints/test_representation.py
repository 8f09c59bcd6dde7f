"""What the API returns and documents: relations as id plus `<name>_slug`, values inside their documented enums,
sub-lists of a case as plain arrays, conflicts as 409 with the current version, events with ids."""

from __future__ import annotations

from typing import Any

import pytest

from complaints import services
from complaints.models import Case

pytestmark = pytest.mark.django_db

API = "/api/v1/complaints/"


@pytest.fixture
def schema(api_as: Any, cx_admin: Any) -> dict[str, Any]:
    response = api_as(cx_admin).get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return dict(response.json())


def _component(schema: dict[str, Any], ref: dict[str, Any]) -> dict[str, Any]:
    if "items" in ref:
        ref = ref["items"]
    name = ref["$ref"].rsplit("/", 1)[-1]
    return dict(schema["components"]["schemas"][name])


def test_a_case_carries_relations_as_id_and_slug(api_as: Any, agent: Any, make_case: Any, touchpoint: Any) -> None:
    case = make_case()
    client = api_as(agent)
    detail = client.get(f"{API}{case.pk}/").json()
    assert detail["touchpoint"] == touchpoint.pk and detail["touchpoint_slug"] == "filiale-altona"
    assert detail["department"] == touchpoint.department_id and detail["department_slug"] == "filialen"
    listed = client.get(API).json()["results"][0]
    assert listed["touchpoint_slug"] == "filiale-altona" and listed["department_slug"] == "filialen"
    assert "created_at" in listed and "updated_at" in detail


def test_an_outcome_not_recorded_yet_is_null_not_an_empty_string(
    api_as: Any, agent: Any, make_case: Any, schema: dict[str, Any]
) -> None:
    case = make_case()
    assert api_as(agent).get(f"{API}{case.pk}/").json()["outcome"] is None
    response = api_as(agent).post(f"{API}{case.pk}/resolution/", {"outcome": "upheld"}, format="json")
    assert response.status_code == 200 and response.json()["outcome"] == "upheld"
    outcome = schema["components"]["schemas"]["Case"]["properties"]["outcome"]
    assert outcome.get("nullable") is True or any("NullEnum" in str(option) for option in outcome.get("oneOf", [])), (
        outcome
    )


def test_a_history_entry_names_its_actor_by_id_and_a_system_entry_has_none(
    api_as: Any, agent: Any, make_case: Any, schema: dict[str, Any]
) -> None:
    case = make_case()
    services.case_acknowledge_receipt(case_id=case.pk)  # a system entry (no actor)
    history = api_as(agent).get(f"{API}{case.pk}/history/").json()
    assert history[0]["actor"] == agent.pk and history[0]["case"] == case.pk
    assert history[0]["case_reference"] == case.reference
    assert [entry["actor"] for entry in history if entry["kind"] == "email"] == [None]
    component = schema["components"]["schemas"]["CaseEvent"]["properties"]
    assert component["actor"].get("nullable") is True


@pytest.mark.parametrize("sub", ["notes", "history", "attachments"])
def test_the_sub_lists_of_a_case_are_documented_as_plain_arrays(schema: dict[str, Any], sub: str) -> None:
    operation = schema["paths"][f"/api/v1/complaints/{{id}}/{sub}/"]["get"]
    body = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert body["type"] == "array", body
    assert "parameters" not in operation or not any(p["name"] == "page" for p in operation["parameters"])


def test_a_stale_version_is_a_409_with_the_current_version(
    api_as: Any, agent: Any, manager: Any, make_case: Any
) -> None:
    case = make_case()
    seen = case.version
    services.case_update(case_id=case.pk, actor=manager, changes={"severity": "high"})
    for path, body in (
        ("", {"severity": "low", "version": seen}),
        ("transition/", {"to": "acknowledged", "version": seen}),
        ("notes/", {"text": "x", "version": seen}),
        ("resolution/", {"outcome": "upheld", "version": seen}),
    ):
        method = "patch" if not path else "post"
        response = getattr(api_as(agent), method)(f"{API}{case.pk}/{path}", body, format="json")
        assert response.status_code == 409, path
        assert response.json()["version"] == seen + 1 and "inzwischen" in response.json()["detail"]


def test_case_conflict_is_the_platforms_conflict() -> None:
    from complaints.case_writes import CaseConflict
    from core.errors import Conflict

    assert issubclass(CaseConflict, Conflict)


def test_case_events_carry_ids_and_singular_names(
    make_case: Any, agent: Any, manager: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from core import events

    seen: list[tuple[str, dict[str, Any]]] = []

    def handler(event_type: str, payload: dict[str, Any]) -> None:
        seen.append((event_type, payload))

    names = [name for name in events.event_types() if name.startswith("case.")]
    for name in names:
        events.subscribe(name, handler)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            case = make_case()
            services.case_transition(case_id=case.pk, actor=agent, to="acknowledged")
            duplicate = make_case()
            from complaints.resolution_services import case_merge

            case_merge(case_id=duplicate.pk, into_id=case.pk, actor=manager)
    finally:
        for name in names:
            events.unsubscribe(name, handler)
    assert all(name.split(".")[0] == "case" for name, _ in seen)
    for _name, payload in seen:
        for key in ("case_id", "department_id", "touchpoint_id", "customer_id", "category_id", "assignee_id"):
            assert key in payload
        assert not {"touchpoint", "department", "customer"} & set(payload)
    merged = [p for name, p in seen if p.get("to") == "merged"]
    assert merged and merged[0]["merged_into_id"] == case.pk
    assert Case.objects.count() == 2
