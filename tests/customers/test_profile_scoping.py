"""The customer profile shows another department's records to nobody but the roles that see every department."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from complaints.models import Case
from customers.timeline import TimelineEntry, timeline_for
from nps.models import Response
from tests.complaints.factories import CategoryFactory
from tests.customers.factories import ConsentFactory
from tests.nps.factories import SurveyFactory, sent_invitation

pytestmark = pytest.mark.django_db


def _case(customer, department, *, reference: str, category: str) -> Case:
    return Case.objects.create(
        reference=reference,
        customer=customer,
        channel="phone",
        description="Die Lieferung kam zu spät.",
        department=department,
        category=CategoryFactory(name=category),
        created_at=timezone.now(),
    )


def _answer(customer, *, comment: str, department=None, touchpoint=None) -> Response:
    survey = SurveyFactory()
    invitation = sent_invitation(customer=customer, survey=survey)
    now = timezone.now() - dt.timedelta(hours=1)
    return Response.objects.create(
        invitation=invitation,
        survey=survey,
        customer=customer,
        department=department,
        touchpoint=touchpoint,
        score=2,
        category="detractor",
        comment=comment,
        submitted_at=now,
        updated_at=now,
    )


@pytest.fixture
def records(customer, department, other_department, other_touchpoint):
    ConsentFactory(customer=customer, source="Anmeldeformular Filiale")
    _case(customer, department, reference="B-2026-0001", category="Beratung")
    _case(customer, other_department, reference="B-2026-0002", category="Lieferverzug")
    _answer(customer, comment="Eigene Abteilung war nett", department=department)
    _answer(customer, comment="Logistik hat geschlampt", department=other_department)
    _answer(customer, comment="Über die Hotline verärgert", touchpoint=other_touchpoint)
    _answer(customer, comment="Ohne Abteilung erfasst")


def test_an_agent_sees_no_other_department_s_case_or_answer_on_the_profile(client, agent, customer, records):
    client.force_login(agent)
    html = client.get(f"/customers/{customer.pk}/").content.decode()
    assert "B-2026-0001" in html and "Beratung" in html
    assert "Eigene Abteilung war nett" in html
    assert "B-2026-0002" not in html and "Lieferverzug" not in html
    assert "Logistik hat geschlampt" not in html
    assert "Über die Hotline verärgert" not in html  # the answer's touchpoint belongs to the other department
    assert "Ohne Abteilung erfasst" not in html  # no department: only roles that see every department
    assert "Anmeldeformular Filiale" in html  # consents are the customer's own data, company-wide


@pytest.mark.parametrize("role", ["cceo", "cx_admin"])
def test_roles_that_see_every_department_see_the_whole_profile(client, request, role, customer, records):
    client.force_login(request.getfixturevalue(role))
    html = client.get(f"/customers/{customer.pk}/").content.decode()
    for text in ("B-2026-0001", "B-2026-0002", "Lieferverzug", "Logistik hat geschlampt", "Ohne Abteilung erfasst"):
        assert text in html, text


def test_every_source_names_the_owning_department(customer, records, department, other_department):
    entries = timeline_for(customer)
    owners = {(entry.kind, entry.department_id) for entry in entries}
    assert ("case", department.pk) in owners and ("case", other_department.pk) in owners
    assert ("response", other_department.pk) in owners
    hotline = next(entry for entry in entries if entry.detail == "Über die Hotline verärgert")
    assert hotline.department_id == other_department.pk


def test_an_entry_without_department_is_shown_to_scoped_roles_only_when_marked_company_wide(
    client, agent, customer, monkeypatch
):
    from customers import timeline

    hidden = TimelineEntry(when=timezone.now(), kind="x", title="Ohne Abteilung")
    shared = TimelineEntry(when=timezone.now(), kind="x", title="Für alle", company_wide=True)
    monkeypatch.setattr(timeline, "_sources", {"demo": lambda c: [hidden, shared]})
    assert [e.title for e in timeline_for(customer, user=agent)] == ["Für alle"]


@pytest.mark.parametrize("role", ["manager", "agent"])
def test_the_gdpr_export_is_for_overseers_only(client, api_as, request, role, customer, records):
    user = request.getfixturevalue(role)
    client.force_login(user)
    assert client.get(f"/customers/{customer.pk}/export/").status_code == 403
    assert api_as(user).get(f"/api/v1/customers/{customer.pk}/export/").status_code == 403


def test_the_gdpr_export_holds_every_department_s_records_for_an_overseer(client, cceo, customer, records):
    client.force_login(cceo)
    body = json.loads(client.get(f"/customers/{customer.pk}/export/").content)
    assert {row["reference"] for row in body["records"]["complaints"]} == {"B-2026-0001", "B-2026-0002"}
