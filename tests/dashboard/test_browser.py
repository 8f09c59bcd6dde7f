"""Chromium: the CCEO logs in with the demo data and sees the tiles and the plotly charts drawn."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command

from accounts.models import User
from tests.factories import TEST_PASSWORD


@pytest.mark.browser
def test_the_cceo_sees_tiles_and_charts_with_demo_data(
    transactional_db: Any, page: Any, live_server: Any, login_in_browser: Any
) -> None:
    call_command("seed_demo", stdout=io.StringIO())
    from dashboard import demo

    demo.seed(io.StringIO())  # fills the rollup table (the periodic job does this in production)
    cceo = User.objects.filter(role="cceo").first()
    assert cceo is not None
    cceo.set_password(TEST_PASSWORD)
    cceo.save()

    login_in_browser(page, cceo)
    page.goto(f"{live_server.url}/dashboard/")
    tiles = page.locator("[data-kpi-tiles] [data-tile]")
    assert tiles.count() == 8
    nps_tile = page.locator('[data-tile="nps"]').inner_text()
    assert "95-%-Intervall" in nps_tile
    for chart in ("chart-nps", "chart-pareto", "chart-sla", "chart-emotion"):
        page.wait_for_selector(f"#{chart}[data-rendered='true'] svg.main-svg", state="attached")
        assert page.locator(f"#{chart} svg.main-svg").count() >= 1
    assert page.locator("[data-health-map] .touchpoint-card").count() > 0
    assert page.locator('[data-health-map] .touchpoint-card[class*="health-"]').count() > 0

    page.click('[data-tile="open-complaints"] a')
    page.wait_for_url(lambda url: "/complaints/" in url and "open=true" in url)
