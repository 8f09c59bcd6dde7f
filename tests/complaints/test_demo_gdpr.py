"""Demo data and the GDPR hooks / profile timeline."""

from __future__ import annotations

import io
from typing import Any

import pytest

from complaints.models import Case, CaseEvent

pytestmark = pytest.mark.django_db


def test_demo_seed_is_idempotent_and_varied(db: Any) -> None:
    from accounts.demo import seed_base
    from complaints import demo

    out = io.StringIO()
    seed_base(out)
    demo.seed(out, count=60)
    first = Case.objects.count()
    assert first == 60
    statuses = set(Case.objects.values_list("status", flat=True))
    assert {"new", "acknowledged", "resolved"} <= statuses
    assert Case.objects.filter(root_cause__isnull=False).exists()
    assert Case.objects.filter(satisfaction_overall__isnull=False).exists()
    demo.seed(out)
    assert Case.objects.count() == first


def test_gdpr_export_erase_and_timeline(make_case: Any, customer: Any, agent: Any) -> None:
    from complaints import note_services
    from customers.gdpr import erasers, exporters
    from customers.timeline import timeline_for

    case = make_case()
    note_services.case_add_note(case_id=case.pk, actor=agent, text="Wir melden uns.", public=True)
    exported = exporters()["complaints"](customer)
    assert exported[0]["reference"] == case.reference
    assert exported[0]["public_replies"][0]["text"] == "Wir melden uns."
    entries = [e for e in timeline_for(customer) if e.kind == "case"]
    assert entries and case.reference in entries[0].title
    erasers()["complaints"](customer)
    case.refresh_from_db()
    assert case.description == "[gelöscht]"
    assert not CaseEvent.objects.filter(case=case, text="Wir melden uns.").exists()
    assert case.status == "new"  # facts for the KPIs remain
