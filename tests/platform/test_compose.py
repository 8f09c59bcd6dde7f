"""docker-compose.yml and Dockerfile cannot run here; these tests keep them correct by reading them."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
APP_SERVICES = ("web", "worker", "beat")
REQUIRED_ENV = ("DATABASE_URL", "REDIS_URL", "EMAIL_URL", "SITE_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS")


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def _command(service: dict) -> str:
    command = service["command"]
    return command if isinstance(command, str) else " ".join(command)


def test_all_services_are_present(compose):
    assert {"postgres", "redis", "web", "worker", "beat", "mailpit"} <= set(compose["services"])


def test_backing_services_use_the_agreed_images(compose):
    services = compose["services"]
    assert services["postgres"]["image"] == "postgres:16"
    assert services["redis"]["image"].startswith("redis:7")
    assert services["mailpit"]["image"].startswith("axllent/mailpit")


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_carry_the_environment(compose, name):
    env = compose["services"][name]["environment"]
    for variable in REQUIRED_ENV:
        assert env.get(variable), f"{name} lacks {variable}"
    assert str(env["DEBUG"]) == "0"
    assert env["EMAIL_URL"] == "smtp://mailpit:1025"
    assert env["DATABASE_URL"].startswith("postgres://") and "@postgres:5432/" in env["DATABASE_URL"]
    assert env["REDIS_URL"].startswith("redis://redis:6379")
    assert env["SECRET_KEY"].startswith("${SECRET_KEY:?"), "the secret must come from outside, never a default"


def test_web_worker_and_beat_share_image_and_environment(compose):
    services = compose["services"]
    images = {services[name]["image"] for name in APP_SERVICES}
    envs = [services[name]["environment"] for name in APP_SERVICES]
    assert len(images) == 1
    assert envs[0] == envs[1] == envs[2]
    assert all(services[name].get("build") for name in APP_SERVICES)


def test_web_migrates_then_serves_with_gunicorn(compose):
    command = _command(compose["services"]["web"])
    assert command.index("migrate") < command.index("gunicorn cx_platform.wsgi")
    assert "8000:8000" in compose["services"]["web"]["ports"]


def test_worker_and_beat_run_celery(compose):
    assert "celery -A cx_platform worker" in _command(compose["services"]["worker"])
    beat = _command(compose["services"]["beat"])
    assert "celery -A cx_platform beat" in beat
    assert "django_celery_beat.schedulers:DatabaseScheduler" in beat


@pytest.mark.parametrize("name", ["postgres", "redis", "mailpit", "web", "worker"])
def test_services_have_healthchecks(compose, name):
    assert compose["services"][name]["healthcheck"]["test"]


def test_app_services_wait_for_healthy_backing_services(compose):
    services = compose["services"]
    assert services["web"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert services["web"]["depends_on"]["redis"]["condition"] == "service_healthy"
    for name in ("worker", "beat"):  # after web, i.e. after the migrations ran
        assert services[name]["depends_on"]["web"]["condition"] == "service_healthy"


def test_the_dockerfile_builds_a_non_root_gunicorn_image():
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert dockerfile.startswith("#") and "FROM python:3.11-slim" in dockerfile
    assert "RUN pip install -r requirements.txt" in dockerfile  # plain pip: no build flags needed
    assert "collectstatic --noinput" in dockerfile
    user_line = dockerfile.index("\nUSER ")
    assert "USER root" not in dockerfile
    assert user_line < dockerfile.index("collectstatic")
    assert '"gunicorn", "cx_platform.wsgi"' in dockerfile


def test_the_image_leaves_local_state_out():
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert {".venv", ".git", "db.sqlite3", "media", "staticfiles"} <= set(ignored)
