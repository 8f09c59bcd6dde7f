"""Demo data is idempotent; the OpenAPI schema lists the training endpoints."""

from __future__ import annotations

import io
from typing import Any

import pytest

from accounts.choices import Role
from tests.factories import DepartmentFactory, TouchpointFactory, UserFactory
from training import demo
from training.models import Competence, Course, Requirement, TrainingRecord, TrainingSession

pytestmark = pytest.mark.django_db


def test_the_demo_seed_runs_twice_without_duplicates(django_capture_on_commit_callbacks: Any) -> None:
    stores = DepartmentFactory(slug="filialen", name="Filialen")
    service = DepartmentFactory(slug="kundenservice", name="Kundenservice")
    TouchpointFactory(slug="hotline", department=service, is_key=True)
    UserFactory(username="trainer", role=Role.TRAINER, department=None)
    UserFactory(username="agent.filialen", role=Role.AGENT, department=stores)
    UserFactory(username="agent.service", role=Role.AGENT, department=service)
    UserFactory(username="agent.service2", role=Role.AGENT, department=service)
    with django_capture_on_commit_callbacks(execute=True):
        demo.seed(io.StringIO())
    counts = [m.objects.count() for m in (Competence, Course, Requirement, TrainingRecord, TrainingSession)]
    demo.seed(io.StringIO())
    assert [m.objects.count() for m in (Competence, Course, Requirement, TrainingRecord, TrainingSession)] == counts
    assert set(Competence.objects.values_list("name", flat=True)) >= {
        "Empathie",
        "Beschwerdeannahme",
        "Entschuldigung und Wiedergutmachung",
        "Momente der Wahrheit",
        "Produktwissen",
        "Deeskalation",
    }
    assert Requirement.objects.filter(touchpoint__slug="hotline").exists()
    assert TrainingRecord.objects.filter(employee__username="agent.service", passed=True).count() == 4
    assert TrainingRecord.objects.exclude(certificate="").exists()


def test_the_openapi_schema_lists_the_training_endpoints(client: Any, cx_admin: Any) -> None:
    client.force_login(cx_admin)
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in (
        "competences/",
        "courses/",
        "sessions/",
        "sessions/{id}/enrol/",
        "records/",
        "records/import/",
        "requirements/",
        "gaps/",
        "comparison/",
    ):
        assert f"/api/v1/training/{path}" in paths, path
