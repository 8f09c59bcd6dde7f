"""The complaints API: contract fields, permission matrix, department scoping, bad input, conflicts."""

from __future__ import annotations

import io
from typing import Any

import pytest

from complaints.models import Case

pytestmark = pytest.mark.django_db

URL = "/api/v1/complaints/"
CONTRACT_FIELDS = {
    "id",
    "reference",
    "customer",
    "channel",
    "touchpoint",
    "category",
    "severity",
    "description",
    "remedy_sought",
    "status",
    "department",
    "assignee",
    "first_response_due",
    "resolution_due",
    "sla_state",
}


def test_agent_creates_a_case_with_the_contract_fields(
    api_as: Any, agent: Any, touchpoint: Any, customer: Any, policies: Any
) -> None:
    response = api_as(agent).post(
        URL,
        {
            "customer": customer.pk,
            "channel": "phone",
            "touchpoint": touchpoint.slug,
            "description": "Paket beschädigt",
            "remedy_sought": "Ersatz",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert CONTRACT_FIELDS <= set(body)
    assert body["department"] == touchpoint.department_id and body["severity"] == "medium"
    assert body["reference"].startswith("B-") and body["first_response_due"]


def test_create_with_contact_details_creates_the_customer(api_as: Any, agent: Any, touchpoint: Any) -> None:
    response = api_as(agent).post(
        URL,
        {
            "customer_email": "neu@example.org",
            "customer_last_name": "Neu",
            "channel": "email",
            "touchpoint": touchpoint.pk,
            "description": "Falsche Rechnung",
        },
        format="json",
    )
    assert response.status_code == 201
    assert Case.objects.get(pk=response.json()["id"]).customer.email == "neu@example.org"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"customer": 999999}, "customer"),
        ({"touchpoint": "gibt-es-nicht"}, "touchpoint"),
        ({"category": 999999}, "category"),
        ({"severity": "apokalyptisch"}, "severity"),
        ({"channel": "brieftaube"}, "channel"),
        ({"description": ""}, "description"),
    ],
)
def test_bad_input_is_a_400_with_the_field(
    api_as: Any, agent: Any, touchpoint: Any, payload: dict[str, Any], field: str
) -> None:
    data = {"channel": "phone", "touchpoint": touchpoint.slug, "description": "Text", **payload}
    response = api_as(agent).post(URL, data, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert Case.objects.count() == 0


@pytest.mark.parametrize(
    ("role", "read", "write"),
    [("cceo", 200, 403), ("cx_admin", 200, 201), ("manager", 200, 201), ("agent", 200, 201), ("trainer", 403, 403)],
)
def test_permission_matrix(api_as: Any, make_user: Any, touchpoint: Any, role: str, read: int, write: int) -> None:
    user = make_user(role, username=f"u-{role}")
    client = api_as(user)
    assert client.get(URL).status_code == read
    response = client.post(URL, {"channel": "phone", "touchpoint": touchpoint.slug, "description": "x"}, format="json")
    assert response.status_code == write


def test_anonymous_gets_401(api_client: Any) -> None:
    assert api_client.get(URL).status_code in (401, 403)


def test_agent_of_another_department_gets_404(
    api_as: Any, make_case: Any, make_user: Any, other_department: Any
) -> None:
    case = make_case()
    stranger = make_user("agent", username="fremd", department=other_department)
    client = api_as(stranger)
    assert client.get(f"{URL}{case.pk}/").status_code == 404
    assert client.post(f"{URL}{case.pk}/transition/", {"to": "acknowledged"}, format="json").status_code == 404
    assert client.post(f"{URL}{case.pk}/notes/", {"text": "x"}, format="json").status_code == 404
    assert case.reference not in str(client.get(URL).json())


def test_cceo_and_admin_see_every_department(api_as: Any, make_case: Any, cceo: Any, cx_admin: Any) -> None:
    case = make_case()
    assert api_as(cceo).get(f"{URL}{case.pk}/").status_code == 200
    assert api_as(cx_admin).get(f"{URL}{case.pk}/").status_code == 200


def test_transition_endpoint_and_illegal_transition(api_as: Any, make_case: Any, agent: Any) -> None:
    case = make_case()
    client = api_as(agent)
    response = client.post(f"{URL}{case.pk}/transition/", {"to": "acknowledged", "note": "gesehen"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "acknowledged"
    response = client.post(f"{URL}{case.pk}/transition/", {"to": "closed"}, format="json")
    assert response.status_code == 400 and "to" in response.json()
    response = client.post(f"{URL}{case.pk}/transition/", {"to": "rejected"}, format="json")
    assert response.status_code == 400 and "note" in response.json()


def test_stale_version_is_a_409(api_as: Any, make_case: Any, agent: Any, manager: Any) -> None:
    case = make_case()
    version = case.version
    assert (
        api_as(manager).patch(f"{URL}{case.pk}/", {"severity": "high", "version": version}, format="json").status_code
        == 200
    )
    response = api_as(agent).post(
        f"{URL}{case.pk}/transition/", {"to": "acknowledged", "version": version}, format="json"
    )
    assert response.status_code == 409
    assert "inzwischen" in response.json()["detail"]
    assert Case.objects.get(pk=case.pk).status == "new"


def test_notes_public_and_internal(api_as: Any, make_case: Any, agent: Any) -> None:
    case = make_case()
    client = api_as(agent)
    assert client.post(f"{URL}{case.pk}/notes/", {"text": "intern"}, format="json").status_code == 201
    assert client.post(f"{URL}{case.pk}/notes/", {"text": "Antwort", "public": True}, format="json").status_code == 201
    assert client.post(f"{URL}{case.pk}/notes/", {"text": ""}, format="json").status_code == 400
    notes = client.get(f"{URL}{case.pk}/notes/").json()
    assert [(n["text"], n["public"]) for n in notes] == [("intern", False), ("Antwort", True)]


def test_note_on_a_closed_case_is_a_400(api_as: Any, make_case: Any, agent: Any) -> None:
    case = make_case()
    client = api_as(agent)
    client.post(f"{URL}{case.pk}/transition/", {"to": "resolved"}, format="json")
    client.post(f"{URL}{case.pk}/transition/", {"to": "closed"}, format="json")
    response = client.post(f"{URL}{case.pk}/notes/", {"text": "noch was"}, format="json")
    assert response.status_code == 400 and "text" in response.json()


def test_agent_cannot_assign_others_nor_bulk_assign(api_as: Any, make_case: Any, agent: Any, manager: Any) -> None:
    case = make_case()
    client = api_as(agent)
    assert client.patch(f"{URL}{case.pk}/", {"assignee": manager.pk}, format="json").status_code == 403
    assert client.patch(f"{URL}{case.pk}/", {"assignee": agent.pk}, format="json").status_code == 200
    assert (
        client.post(f"{URL}bulk-assign/", {"cases": [case.pk], "assignee": agent.pk}, format="json").status_code == 403
    )


def test_manager_bulk_assigns_only_visible_cases(
    api_as: Any, make_case: Any, manager: Any, agent: Any, other_touchpoint: Any
) -> None:
    mine, foreign = make_case(), make_case(touchpoint=other_touchpoint)
    client = api_as(manager)
    response = client.post(f"{URL}bulk-assign/", {"cases": [mine.pk], "assignee": agent.pk}, format="json")
    assert response.status_code == 200 and response.json() == {"assigned": 1}
    assert Case.objects.get(pk=mine.pk).assignee == agent
    response = client.post(f"{URL}bulk-assign/", {"cases": [mine.pk, foreign.pk], "assignee": agent.pk}, format="json")
    assert response.status_code == 400


def test_list_filters(api_as: Any, make_case: Any, agent: Any) -> None:
    make_case(severity="high")
    make_case(severity="low")
    client = api_as(agent)
    assert client.get(URL, {"severity": "high"}).json()["count"] == 1
    assert client.get(URL, {"status": "new"}).json()["count"] == 2
    assert client.get(URL, {"q": "zwei Wochen"}).json()["count"] == 2
    assert client.get(URL, {"mine": "true"}).json()["count"] == 0


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _upload(name: str, content: bytes) -> io.BytesIO:
    f = io.BytesIO(content)
    f.name = name
    return f


def test_attachments_are_checked_and_downloads_scoped(
    api_as: Any, make_case: Any, agent: Any, make_user: Any, other_department: Any, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    case = make_case()
    client = api_as(agent)
    ok = client.post(f"{URL}{case.pk}/attachments/", {"file": _upload("quittung.pdf", PDF)}, format="multipart")
    assert ok.status_code == 201, ok.json()
    exe = client.post(f"{URL}{case.pk}/attachments/", {"file": _upload("virus.exe", b"MZ\x90\x00")}, format="multipart")
    assert exe.status_code == 400 and "file" in exe.json()
    fake = client.post(f"{URL}{case.pk}/attachments/", {"file": _upload("bild.png", PDF)}, format="multipart")
    assert fake.status_code == 400
    big = client.post(
        f"{URL}{case.pk}/attachments/",
        {"file": _upload("gross.txt", b"a" * (10 * 1024 * 1024 + 1))},
        format="multipart",
    )
    assert big.status_code == 400
    attachment_id = ok.json()["id"]
    download = client.get(f"{URL}{case.pk}/attachments/{attachment_id}/")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    stranger = make_user("agent", username="fremd", department=other_department)
    assert api_as(stranger).get(f"{URL}{case.pk}/attachments/{attachment_id}/").status_code == 404


def test_configuration_endpoints_are_admin_writable(api_as: Any, agent: Any, cx_admin: Any) -> None:
    assert api_as(agent).get(f"{URL}categories/").status_code == 200
    assert api_as(agent).post(f"{URL}categories/", {"name": "Neu"}, format="json").status_code == 403
    assert api_as(cx_admin).post(f"{URL}categories/", {"name": "Neu"}, format="json").status_code == 201
    bad = api_as(cx_admin).post(f"{URL}calendars/", {"name": "X", "hours": {"0": [["18:00", "08:00"]]}}, format="json")
    assert bad.status_code == 400 and "hours" in bad.json()


def test_openapi_schema_builds(api_as: Any, cx_admin: Any) -> None:
    response = api_as(cx_admin).get("/api/schema/")
    assert response.status_code == 200
    assert b"/api/v1/complaints/{id}/transition/" in response.content
