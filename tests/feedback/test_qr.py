"""QR posters: the code decodes to the touchpoint's form URL; PDFs have the right page size."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
import zxingcpp
from django.test import Client
from PIL import Image

from feedback import qr
from touchpoints.models import Touchpoint

pytestmark = pytest.mark.django_db


def _decode(png: bytes) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


def test_the_png_decodes_to_the_form_url(client: Client, manager: Any, store: Touchpoint, settings: Any) -> None:
    client.force_login(manager)
    response = client.get(f"/feedback/posters/{store.slug}/qr.png")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert _decode(response.content) == [f"{settings.SITE_URL}/f/filiale-altona-kasse/"]


def test_the_code_follows_site_url(store: Touchpoint, settings: Any) -> None:
    settings.SITE_URL = "https://feedback.nordlicht.example"
    assert _decode(qr.qr_png(store)) == ["https://feedback.nordlicht.example/f/filiale-altona-kasse/"]


def test_the_pdf_matrix_is_the_decoded_code(store: Touchpoint, settings: Any) -> None:
    """The PDF draws segno's matrix as squares; re-reading that matrix gives back the URL."""
    code = qr.make_qr(store)
    rendered = Image.new("L", (len(code.matrix) + 8,) * 2, 255)
    for y, row in enumerate(code.matrix):
        for x, dark in enumerate(row):
            if dark:
                rendered.putpixel((x + 4, y + 4), 0)
    rendered = rendered.resize((rendered.width * 8, rendered.height * 8), Image.NEAREST)
    assert [r.text for r in zxingcpp.read_barcodes(rendered)] == [f"{settings.SITE_URL}/f/{store.slug}/"]


@pytest.mark.parametrize(("size", "width_pt"), [("a4", 595), ("a6", 297)])
def test_posters_are_printable_pdfs(client: Client, manager: Any, store: Touchpoint, size: str, width_pt: int) -> None:
    client.force_login(manager)
    response = client.get(f"/feedback/posters/{store.slug}/{size}.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    box = re.search(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", response.content)
    assert box is not None and int(float(box.group(1))) == width_pt


def test_an_unknown_poster_size_is_404(client: Client, manager: Any, store: Touchpoint) -> None:
    client.force_login(manager)
    assert client.get(f"/feedback/posters/{store.slug}/a0.pdf").status_code == 404


def test_the_poster_page_lists_own_touchpoints(client: Client, manager: Any, store: Touchpoint, webshop: Any) -> None:
    client.force_login(manager)
    html = client.get("/feedback/posters/").content.decode()
    assert "Filiale Altona Kasse" in html and "Webshop" not in html
