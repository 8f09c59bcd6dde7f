"""Content-Security-Policy: on every response, and the pages that draw charts or run Swagger UI work under it."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command
from django.test import override_settings

from accounts.models import User
from tests.factories import TEST_PASSWORD, TouchpointFactory

WATCH_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI);
});
"""


def _directives(header: str) -> dict[str, str]:
    parts = [part.strip() for part in header.split(";") if part.strip()]
    return {part.split(" ", 1)[0]: part.split(" ", 1)[1] if " " in part else "" for part in parts}


def _assert_policy(response: Any) -> dict[str, str]:
    header = response.headers.get("Content-Security-Policy")
    assert header, response
    policy = _directives(header)
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert "unsafe" not in policy["script-src"] and "unsafe" not in policy["style-src"]
    assert policy["img-src"] == "'self' data:"
    assert policy["object-src"] == "'none'"
    assert policy["base-uri"] == "'self'"
    assert policy["form-action"] == "'self'"
    return policy


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/customers/", "/touchpoints/", "/dashboard/", "/api/docs/", "/webhooks/"])
def test_staff_pages_carry_the_policy(client, cx_admin, path):
    client.force_login(cx_admin)
    response = client.get(path)
    assert response.status_code == 200
    assert _assert_policy(response)["frame-ancestors"] == "'none'"


@pytest.mark.django_db
def test_public_pages_api_responses_errors_and_logins_carry_the_policy(client, api_as, cx_admin):
    touchpoint = TouchpointFactory(slug="filiale-hamburg")
    for response in (
        client.get("/accounts/login/"),
        client.get(f"/f/{touchpoint.slug}/"),
        client.get("/c/new/"),
        client.get("/s/kein-gueltiges-token/"),
        client.get("/healthz"),
        api_as(cx_admin).get("/api/v1/touchpoints/"),
        client.get("/api/v1/touchpoints/"),  # 401/403 too
        client.get("/api/schema/"),
    ):
        assert _assert_policy(response)["frame-ancestors"] == "'none'"


@pytest.mark.django_db
def test_the_feedback_embed_may_be_framed_by_the_configured_sites_only(client):
    touchpoint = TouchpointFactory(slug="filiale-hamburg")
    url = f"/f/{touchpoint.slug}/embed/"
    assert "frame-ancestors" not in _assert_policy(client.get(url))  # not configured: any site (as before)
    with override_settings(EMBED_FRAME_ANCESTORS=["https://www.nordlicht-handel.example"]):
        policy = _assert_policy(client.get(url))
    assert policy["frame-ancestors"] == "https://www.nordlicht-handel.example"
    assert _assert_policy(client.get(f"/f/{touchpoint.slug}/"))["frame-ancestors"] == "'none'"


def test_no_template_carries_an_inline_script_or_event_handler():
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    # A file for download (Content-Disposition: attachment), opened from disk without our header: self-contained.
    downloads = {"dashboard/templates/dashboard/snapshot.html"}
    offenders = []
    for template in root.glob("**/templates/**/*.html"):
        if ".venv" in template.parts or str(template.relative_to(root)) in downloads or "/email/" in str(template):
            continue
        text = re.sub(r"\{#.*?#\}", "", template.read_text(encoding="utf-8"), flags=re.S)
        for match in re.finditer(r"<script(?P<attrs>[^>]*)>", text):
            if "src=" not in match.group("attrs"):
                offenders.append(f"{template.relative_to(root)}: inline <script>")
        if re.search(r"\son[a-z]+\s*=\s*[\"']", text):
            offenders.append(f"{template.relative_to(root)}: on…= handler")
        if re.search(r"<style[\s>]", text):
            offenders.append(f"{template.relative_to(root)}: inline <style>")
    assert offenders == []


def test_the_plotly_stylesheet_and_markers_match_the_bundled_plotly():
    from pathlib import Path

    from core import plotly_assets

    root = Path(__file__).resolve().parents[2]
    version = plotly_assets.bundled_version()
    css = (root / "core" / "static" / "core" / "plotly.css").read_text(encoding="utf-8")
    partial = (root / "templates" / "partials" / "plotly_styles.html").read_text(encoding="utf-8")
    hint = "run manage.py build_plotly_css after a plotly upgrade"
    assert f"plotly.js v{version}:" in css and f"plotly.js v{version}:" in partial, hint
    fixed = plotly_assets.fixed_styles()
    assert fixed, "the bundle's fixed-id <style> elements are no longer found: check core.plotly_assets"
    for style in fixed:
        assert f'id="{style.element_id}"' in partial and style.css in css, hint


def _console_refusals(page: Any) -> list[str]:
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    page.add_init_script(WATCH_VIOLATIONS)
    return messages


def _no_violations(page: Any, messages: list[str]) -> None:
    assert [m for m in messages if "Refused to" in m or "Content Security Policy" in m] == []
    assert page.evaluate("window.__cspViolations") == []


@pytest.mark.browser
def test_the_dashboard_charts_render_under_the_policy(
    transactional_db: Any, page: Any, live_server: Any, login_in_browser: Any
) -> None:
    call_command("seed_demo", stdout=io.StringIO())
    from dashboard import demo

    demo.seed(io.StringIO())
    cceo = User.objects.filter(role="cceo").first()
    assert cceo is not None
    cceo.set_password(TEST_PASSWORD)
    cceo.save()
    messages = _console_refusals(page)
    login_in_browser(page, cceo)
    page.goto(f"{live_server.url}/dashboard/")
    for chart in ("chart-nps", "chart-pareto"):
        page.wait_for_selector(f"#{chart}[data-rendered='true'] svg.main-svg", state="attached")
    page.hover("#chart-nps svg.main-svg")  # hover labels and the mode bar use plotly's style rules
    page.wait_for_timeout(300)
    styles = page.evaluate("Array.from(document.querySelectorAll('style')).map(s => s.id + ' ' + s.textContent)")
    assert styles == []  # plotly injected no <style>
    modebar = page.locator("#chart-nps .modebar").first
    assert modebar.evaluate("el => getComputedStyle(el).position") == "absolute"  # rules from core/plotly.css
    _no_violations(page, messages)

    from nps.models import Survey

    survey = Survey.objects.filter(responses__isnull=False).distinct().first()
    assert survey is not None
    page.goto(f"{live_server.url}/nps/surveys/{survey.pk}/")
    page.wait_for_selector("#chart-distribution svg.main-svg", state="attached")
    _no_violations(page, messages)


@pytest.mark.browser
def test_swagger_ui_renders_under_the_policy(
    transactional_db: Any, page: Any, live_server: Any, login_in_browser: Any, cx_admin: User
) -> None:
    messages = _console_refusals(page)
    login_in_browser(page, cx_admin)
    page.goto(f"{live_server.url}/api/docs/")
    page.wait_for_selector(".swagger-ui .opblock-tag", timeout=30_000)
    assert page.locator(".swagger-ui .opblock").count() > 0
    page.locator(".swagger-ui .opblock-summary").first.click()
    page.wait_for_timeout(300)
    _no_violations(page, messages)
