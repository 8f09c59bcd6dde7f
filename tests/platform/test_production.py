"""Production readiness: deploy checks, static analysis, migrations, the OpenAPI schema, i18n and logging."""

from __future__ import annotations

import gettext
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from tests.platform.pofiles import read_po

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
BIN = Path(sys.executable).parent
PROJECT_DIRS = [
    "cx_platform", "accounts", "core", "customers", "touchpoints", "nps", "complaints", "feedback", "training",
    "dashboard", "scripts",
]


def _run(*args: str, env: dict[str, str] | None = None, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    unset = {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    base = {k: v for k, v in os.environ.items() if k not in unset}
    base["DJANGO_SETTINGS_MODULE"] = "cx_platform.settings"
    base.update(env or {})
    return subprocess.run(args, cwd=ROOT, env=base, capture_output=True, text=True, timeout=timeout, check=False)


def _output(result: subprocess.CompletedProcess[str]) -> str:
    return f"exit {result.returncode}\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    production = {
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "cx.nordlicht-handel.example",
        "SITE_URL": "https://cx.nordlicht-handel.example",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
    }
    # The schema check of drf-spectacular builds every serializer, so the database needs its tables.
    migrate = _run(PYTHON, "manage.py", "migrate", "--noinput", "-v", "0", env=production)
    assert migrate.returncode == 0, _output(migrate)
    result = _run(PYTHON, "manage.py", "check", "--deploy", "--fail-level", "WARNING", env=production)
    assert result.returncode == 0, _output(result)
    assert "no issues" in result.stdout


DEV_SECRET = "dev-only-insecure-key-change-me-0123456789-abcdefghijklmnopqrstuvwxyz"


@pytest.mark.parametrize("secret", [None, "", "kurz", DEV_SECRET])
def test_production_refuses_to_start_without_a_strong_secret_key(secret):
    env = {"DEBUG": "0"} if secret is None else {"DEBUG": "0", "SECRET_KEY": secret}
    result = _run(PYTHON, "-c", "import django; django.setup()", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_bandit_finds_no_high_severity_issue():
    result = _run(str(BIN / "bandit"), "-q", "-r", *PROJECT_DIRS, "-lll", "-x", "*/migrations/*")
    assert result.returncode == 0, _output(result)


def test_ruff_is_clean():
    result = _run(str(BIN / "ruff"), "check", ".")
    assert result.returncode == 0, _output(result)


def test_no_model_change_lacks_a_migration():
    result = _run(PYTHON, "manage.py", "makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, _output(result)


@pytest.mark.django_db
def test_the_openapi_schema_is_served(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    body = response.content.decode()
    for path in ("/api/v1/auth/token/", "/api/v1/users/", "/api/v1/departments/"):
        assert f"{path}:" in body


@pytest.mark.django_db
def test_the_api_docs_page_uses_local_assets(client, cx_admin):
    client.force_login(cx_admin)
    response = client.get("/api/docs/")
    assert response.status_code == 200
    assert "cdn" not in response.content.decode().lower()


def test_the_openapi_schema_validates_and_accounts_has_no_warnings(tmp_path):
    result = _run(PYTHON, "manage.py", "spectacular", "--validate", "--file", str(tmp_path / "schema.yml"))
    assert result.returncode == 0, _output(result)
    assert "Errors:   0" in result.stderr or "Errors" not in result.stderr
    assert "/accounts/" not in result.stderr, result.stderr


def _catalogues() -> list[Path]:
    return sorted(p for p in ROOT.glob("**/locale/*/LC_MESSAGES/django.po") if ".venv" not in p.parts)


def test_the_project_catalogue_exists():
    assert ROOT / "locale/en/LC_MESSAGES/django.po" in _catalogues()


@pytest.mark.parametrize("po", _catalogues(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_catalogue_is_filled_and_compiled(po):
    entries = [e for e in read_po(po) if e.msgid]
    assert entries, "empty catalogue"
    untranslated = [e.msgid for e in entries if not e.msgstr or not all(e.msgstr.values()) or e.fuzzy]
    assert not untranslated, f"untranslated or fuzzy: {untranslated[:5]}"
    mo = po.with_suffix(".mo")
    assert mo.exists(), f"{mo} missing: run compilemessages"
    with mo.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for entry in entries:
        key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
        if entry.msgid_plural is None:
            if compiled._catalog.get(key) != entry.msgstr.get(0):  # type: ignore[attr-defined]
                stale.append(entry.msgid)
        elif compiled._catalog.get((key, 0)) != entry.msgstr.get(0):  # type: ignore[attr-defined]
            stale.append(entry.msgid)
    assert not stale, f"{mo} is older than {po.name}: {stale[:5]}"


@pytest.mark.django_db
def test_the_language_switcher_changes_the_language(client):
    assert "Anmelden" in client.get("/accounts/login/").content.decode()
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    page = client.get("/accounts/login/").content.decode()
    assert "Sign in" in page
    assert 'lang="en"' in page
    client.post("/i18n/setlang/", {"language": "de", "next": "/accounts/login/"})
    assert "Anmelden" in client.get("/accounts/login/").content.decode()


@pytest.mark.django_db
def test_the_language_switcher_ignores_an_external_next(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/"
