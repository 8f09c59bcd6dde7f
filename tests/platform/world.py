"""A small company for the platform-wide checks: two departments, a user of every role, one record of every kind.

Department A ("Filialen") is where the department-scoped users (manager_a, agent_a) work; department B
("Logistik") owns one record of every kind (`World.objects`). The access matrix checks that A's people never see or
change B's records where records are department-scoped, and the API fuzzing runs against the same data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Model
from django.utils import timezone

from accounts.choices import Role
from accounts.models import Department, User
from tests.factories import (
    CustomerFactory,
    DepartmentFactory,
    InteractionFactory,
    JourneyFactory,
    JourneyStageFactory,
    JourneyStepFactory,
    TouchpointFactory,
    UserFactory,
)

ROLES_IN_A = ("manager_a", "agent_a")
USERS = ("cceo", "cx_admin", "manager_a", "agent_a", "trainer", "manager_b", "agent_b")


@dataclass
class World:
    department_a: Department
    department_b: Department
    users: dict[str, User]
    objects: dict[str, Model] = field(default_factory=dict)

    def obj(self, key: str) -> Model:
        return self.objects[key]


def _user(name: str, role: str, department: Department | None) -> User:
    return UserFactory(
        username=name, role=role, department=department, first_name=name.split("_")[0].title(), last_name="Test"
    )


def build_world() -> World:
    from complaints.models import BusinessCalendar, Category, RootCause, SlaPolicy
    from core.models import OutboxEmail, WebhookDelivery, WebhookEndpoint
    from customers.models import Consent, ImportJob
    from feedback.models import Feedback, ImprovementAction, Topic
    from nps.models import Campaign, Invitation, Response, Survey, TriggerRule
    from training.models import Competence, Course, Requirement, TrainingRecord, TrainingSession

    a = DepartmentFactory(name="Filialen", slug="filialen")
    b = DepartmentFactory(name="Logistik", slug="logistik")
    users = {
        "cceo": _user("cceo", Role.CCEO, None),
        "cx_admin": _user("cx_admin", Role.CX_ADMIN, None),
        "manager_a": _user("manager_a", Role.MANAGER, a),
        "agent_a": _user("agent_a", Role.AGENT, a),
        "trainer": _user("trainer", Role.TRAINER, None),
        "manager_b": _user("manager_b", Role.MANAGER, b),
        "agent_b": _user("agent_b", Role.AGENT, b),
    }
    world = World(department_a=a, department_b=b, users=users)
    o = world.objects
    now = timezone.now()

    stage = JourneyStageFactory(name="Kauf", slug="kauf", order=1)
    o["stage"] = stage
    o["touchpoint_a"] = TouchpointFactory(name="Kasse Hamburg", slug="kasse-hamburg", stage=stage, department=a)
    o["touchpoint_b"] = TouchpointFactory(
        name="Lieferung", slug="lieferung", stage=stage, department=b, channel="delivery"
    )
    o["journey"] = JourneyFactory(name="Bestellung")
    JourneyStepFactory(journey=o["journey"], touchpoint=o["touchpoint_b"], order=1)
    o["department_b"] = b
    o["user_b"] = users["agent_b"]

    customer = CustomerFactory(email="kundin.b@example.org", first_name="Berta", last_name="Beispiel")
    o["customer"] = customer
    o["consent"] = Consent.objects.create(
        customer=customer, purpose="survey_email", status="granted", text_version="2026-01", source="test",
        granted_at=now,
    )
    o["interaction_b"] = InteractionFactory(customer=customer, touchpoint=o["touchpoint_b"], external_id="ext-b-1")
    o["import_job"] = ImportJob.objects.create(file_name="kunden.csv", content=b"", created_by=users["cx_admin"])

    survey = Survey.objects.create(name="Lieferung", kind="transactional", touchpoint=o["touchpoint_b"])
    o["survey"] = survey
    o["trigger_rule"] = TriggerRule.objects.create(touchpoint=o["touchpoint_b"], survey=survey, delay_hours=1)
    o["campaign"] = Campaign.objects.create(name="Welle B", survey=survey, created_by=users["cx_admin"])
    invitation = Invitation.objects.create(
        survey=survey, customer=customer, touchpoint=o["touchpoint_b"], scheduled_for=now, status="answered",
        sent_at=now - dt.timedelta(days=1),
    )
    o["invitation_b"] = invitation
    o["response_b"] = Response.objects.create(
        invitation=invitation, survey=survey, customer=customer, touchpoint=o["touchpoint_b"], department=b,
        score=3, category="detractor", comment="Paket kam beschädigt an (Abteilung B).", submitted_at=now,
        updated_at=now,
    )

    o["category"] = Category.objects.create(name="Lieferung")
    o["root_cause"] = RootCause.objects.create(name="Verpackung")
    o["calendar"] = BusinessCalendar.objects.create(name="Hamburg", state="HH")
    o["sla_policy"] = SlaPolicy.objects.create(
        severity="high", category=o["category"], calendar=o["calendar"], first_response_hours=4, resolution_hours=24,
        update_interval_hours=24,
    )
    from complaints.services import case_create

    case = case_create(
        actor=users["cx_admin"], channel="phone", description="Paket beschädigt (Abteilung B)",
        customer=customer, touchpoint=o["touchpoint_b"], category=o["category"], severity="high",
        department=b, notify=False,
    )
    o["case_b"] = case
    from complaints.note_services import case_add_note

    o["note_b"] = case_add_note(case_id=case.pk, actor=users["cx_admin"], text="Interne Notiz B", public=False)
    from complaints.resolution_services import attachment_add

    o["attachment_b"] = attachment_add(
        case_id=case.pk, actor=users["cx_admin"],
        upload=SimpleUploadedFile("foto.png", _PNG, content_type="image/png"),
    )

    o["topic"] = Topic.objects.create(name="Verpackung (Test)", keywords="karton, folie")
    o["feedback_b"] = Feedback.objects.create(
        kind="criticism", text="Fahrer war unfreundlich (Abteilung B).", touchpoint=o["touchpoint_b"], department=b,
        channel="web_form", language="de", sentiment="negative", created_at=now,
    )
    o["improvement_b"] = ImprovementAction.objects.create(title="Verpackung verbessern", department=b)

    o["competence"] = Competence.objects.create(name="Empathie", category="interpersonal")
    o["course"] = Course.objects.create(title="Deeskalation", duration_hours=4, format="classroom", validity_months=12)
    o["session"] = TrainingSession.objects.create(
        course=o["course"], date=timezone.localdate() + dt.timedelta(days=14), trainer=users["trainer"],
        location="Raum 1", seats=10,
    )
    o["record_b"] = TrainingRecord.objects.create(
        employee=users["agent_b"], course=o["course"], completed_at=timezone.localdate() - dt.timedelta(days=5),
        passed=True,
    )
    o["record_b"].certificate.save("zertifikat.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    o["requirement"] = Requirement.objects.create(competence=o["competence"], level=2, role=Role.AGENT, department=b)

    o["webhook"] = WebhookEndpoint.objects.create(
        name="ERP", url="https://erp.example.com/hook", secret="s" * 32, event_types=["case.created"]
    )
    o["webhook_delivery"] = WebhookDelivery.objects.create(
        endpoint=o["webhook"], event_type="case.created", event_id="00000000-0000-4000-8000-000000000001",
        payload={"case_id": case.pk},
    )
    o["outbox_email"] = OutboxEmail.objects.create(
        subject="Ihre Beschwerde", from_email="service@example.com", to=customer.email, body_text="Hallo"
    )
    return world


# A 1×1 transparent PNG: a real image for the attachment rules (type sniffing).
_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def snapshot(instance: Model) -> dict[str, Any] | None:
    """The stored field values of `instance` (None when it no longer exists)."""
    model = type(instance)
    row = model._default_manager.filter(pk=instance.pk).values().first()
    return dict(row) if row is not None else None
