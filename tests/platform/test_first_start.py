"""The first start tells the truth quietly: no alarming lines, readable logs at the terminal, JSON in production."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# One request through the real settings' logging, printed to stderr like the server would.
REQUEST_SNIPPET = """
import django
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
Client().get("/healthz")
Client().get("/favicon.ico")
Client().get("/does-not-exist/")
from cx_platform.celery import app
from core.queue import enqueue
from core.tasks import webhook_deliveries_retry_due_task
enqueue(webhook_deliveries_retry_due_task)
"""


def _run(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    unset = {"DATABASE_URL", "REDIS_URL", "DEBUG", "LOG_FORMAT", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if k not in unset}
    environment["DJANGO_SETTINGS_MODULE"] = "cx_platform.settings"
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120,
        check=False,
    )


@pytest.fixture
def migrated_sqlite(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'first.sqlite3'}"
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, capture_output=True, text=True,
        env={**{k: v for k, v in os.environ.items() if k not in ("REDIS_URL",)}, "DATABASE_URL": url,
             "DJANGO_SETTINGS_MODULE": "cx_platform.settings"},
        timeout=300, check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return url


def test_the_embedded_start_prints_no_warning(migrated_sqlite: str) -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
        env={**{k: v for k, v in os.environ.items() if k != "REDIS_URL"}, "DATABASE_URL": migrated_sqlite,
             "DJANGO_SETTINGS_MODULE": "cx_platform.settings"},
    )
    assert result.returncode == 0
    assert "System check identified no issues" in result.stdout
    assert "W040" not in result.stdout + result.stderr


def test_the_terminal_gets_readable_lines_and_no_broker_warning(migrated_sqlite: str) -> None:
    result = _run(REQUEST_SNIPPET, DATABASE_URL=migrated_sqlite)
    assert result.returncode == 0, result.stderr[-2000:]
    output = result.stdout + result.stderr
    assert "No hostname was supplied" not in output  # kombu, although no broker is used
    assert "Not Found" not in output  # a 404 is an answer, not a warning
    assert not [line for line in output.splitlines() if line.startswith("{")]  # no JSON at the terminal


def test_production_logs_one_json_line_per_request(migrated_sqlite: str) -> None:
    result = _run(REQUEST_SNIPPET, DATABASE_URL=migrated_sqlite, LOG_FORMAT="json")
    assert result.returncode == 0, result.stderr[-2000:]
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    health = [line for line in lines if line.get("path") == "/healthz"]
    assert len(health) == 1, lines
    assert health[0]["logger"] == "cx.request" and health[0]["status"] == 200 and health[0]["level"] == "INFO"
    missing = [line for line in lines if line.get("path") == "/does-not-exist/"]
    assert len(missing) == 1 and missing[0]["status"] == 404  # once, not again as django.request's warning


def test_a_bad_log_format_refuses_to_start() -> None:
    result = _run("import django; django.setup()", LOG_FORMAT="yaml")
    assert result.returncode != 0
    assert "LOG_FORMAT" in result.stderr


@pytest.mark.django_db
def test_browsers_asking_for_favicon_ico_get_the_icon(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("favicon.svg")
    assert 'rel="icon"' in client.get("/accounts/login/").content.decode()


def test_the_product_says_under_which_licence_it_runs() -> None:
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "Apache License" in licence and "Version 2.0" in licence
    assert 'license = "Apache-2.0"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def test_requirements_install_without_build_flags() -> None:
    requirements = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    assert "XStatic" not in requirements  # its sdist needed pkg_resources and --no-build-isolation
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--no-build-isolation" not in makefile
