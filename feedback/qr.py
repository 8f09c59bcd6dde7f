"""QR posters: a PNG and printable A4/A6 PDFs with the QR code to a touchpoint's feedback form."""

from __future__ import annotations

import io

import segno
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib.colors import black, white
from reportlab.lib.pagesizes import A4, A6
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from touchpoints.models import Touchpoint

PAGE_SIZES = {"a4": A4, "a6": A6}


def form_url(touchpoint: Touchpoint) -> str:
    return f"{settings.SITE_URL}/f/{touchpoint.slug}/"


def make_qr(touchpoint: Touchpoint) -> segno.QRCode:
    # Level M survives a scratched or partly covered poster and keeps the code small enough for A6.
    return segno.make(form_url(touchpoint), error="m", micro=False)


def qr_png(touchpoint: Touchpoint, *, scale: int = 12) -> bytes:
    buffer = io.BytesIO()
    make_qr(touchpoint).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


def _draw_centered(pdf: canvas.Canvas, text: str, y: float, size: float, width: float, bold: bool = False) -> None:
    pdf.setFont("Helvetica-Bold" if bold else "Helvetica", size)
    pdf.drawCentredString(width / 2, y, text)


def poster_pdf(touchpoint: Touchpoint, *, size: str = "a4", language: str = "de") -> bytes:
    """One page: headline, the QR code drawn as vector squares (sharp at any print size), and the URL."""
    page_width, page_height = PAGE_SIZES[size]
    scale = page_width / A4[0]  # A6 is a quarter of A4: everything shrinks with the page
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(page_width, page_height))
    qr = make_qr(touchpoint)
    url = form_url(touchpoint)
    with translation.override(language):
        pdf.setTitle(_("Feedback-Poster: %(name)s") % {"name": touchpoint.name})
        pdf.setAuthor(settings.COMPANY_NAME)
        _draw_centered(pdf, _("Ihre Meinung zählt!"), page_height - 40 * mm * scale, 34 * scale, page_width, True)
        _draw_centered(
            pdf, _("Scannen Sie den Code und sagen Sie uns, was gut war und was besser werden soll."),
            page_height - 55 * mm * scale, 13 * scale, page_width,
        )
        _draw_centered(pdf, touchpoint.name, page_height - 66 * mm * scale, 15 * scale, page_width, True)
        footer = _("Anonym möglich · dauert eine Minute")
    with translation.override("en" if language == "de" else "de"):
        second = _("Ihre Meinung zählt!")
    matrix = list(qr.matrix)
    border = 4
    modules = len(matrix) + 2 * border
    qr_size = min(page_width * 0.62, page_height * 0.5)
    module = qr_size / modules
    left = (page_width - qr_size) / 2
    top = page_height - 75 * mm * scale
    pdf.setFillColor(white)
    pdf.rect(left, top - qr_size, qr_size, qr_size, stroke=0, fill=1)
    pdf.setFillColor(black)
    for row_index, row in enumerate(matrix):
        for col_index, dark in enumerate(row):
            if dark:
                x = left + (col_index + border) * module
                y = top - (row_index + border + 1) * module
                pdf.rect(x, y, module, module, stroke=0, fill=1)
    below = top - qr_size - 12 * mm * scale
    _draw_centered(pdf, url, below, 12 * scale, page_width)
    _draw_centered(pdf, footer, below - 9 * mm * scale, 11 * scale, page_width)
    if second:
        _draw_centered(pdf, second, below - 18 * mm * scale, 11 * scale, page_width)
    _draw_centered(pdf, settings.COMPANY_NAME, 15 * mm * scale, 10 * scale, page_width)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
