import pytest
from django.test import override_settings


@pytest.mark.django_db
def test_it_reports_database_and_broker_state(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["database"] == "ok"
    assert body["broker"] in {"ok", "in-process"}


@pytest.mark.django_db
@override_settings(REDIS_URL="redis://127.0.0.1:1/0")
def test_it_reports_a_dead_broker_as_degraded(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["broker"] == "error"
