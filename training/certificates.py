"""Certificates: a one-page PDF per passed training record, drawn with reportlab and kept in MEDIA_ROOT."""

from __future__ import annotations

import io

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import formats, translation
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.pdfgen import canvas

from training.models import TrainingRecord, certificate_path


def render_certificate(record: TrainingRecord) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    width, height = A4
    employee = record.employee
    with translation.override(settings.LANGUAGE_CODE):
        pdf.setTitle(_("Teilnahmebescheinigung"))
        pdf.setFont("Helvetica", 11)
        pdf.drawString(2.5 * cm, height - 2.5 * cm, settings.COMPANY_NAME)
        pdf.setFont("Helvetica-Bold", 24)
        pdf.drawCentredString(width / 2, height - 6 * cm, _("Teilnahmebescheinigung"))
        pdf.setFont("Helvetica", 13)
        pdf.drawCentredString(width / 2, height - 8 * cm, employee.get_full_name() or employee.get_username())
        pdf.drawCentredString(width / 2, height - 9 * cm, _("hat die Schulung erfolgreich abgeschlossen:"))
        pdf.setFont("Helvetica-Bold", 15)
        pdf.drawCentredString(width / 2, height - 10.2 * cm, record.course.title)
        pdf.setFont("Helvetica", 11)
        y = height - 12.5 * cm
        lines = [f"{_('Abgeschlossen am')}: {formats.date_format(record.completed_at, 'd.m.Y')}"]
        if record.score is not None:
            lines.append(f"{_('Ergebnis')}: {record.score} %")
        if record.expires_at:
            lines.append(f"{_('Gültig bis')}: {formats.date_format(record.expires_at, 'd.m.Y')}")
        for item in record.course.course_competences.select_related("competence"):
            lines.append(f"{_('Kompetenz')}: {item.competence.name} – {_('Stufe')} {item.level}")
        if record.session_id and record.session:
            lines.append(f"{_('Trainer/in')}: {record.session.trainer.get_full_name() or record.session.trainer}")
        for line in lines:
            pdf.drawString(3 * cm, y, line)
            y -= 0.7 * cm
        pdf.setFont("Helvetica", 8)
        pdf.drawString(2.5 * cm, 2 * cm, f"{settings.COMPANY_NAME} · {settings.COMPANY_ADDRESS} · #{record.pk}")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def certificate_generate(*, record_id: int) -> bool:
    """Generate and attach the certificate once; True when this call attached it (safe to run twice)."""
    record = (
        TrainingRecord.objects.select_related("employee", "course", "session__trainer").filter(pk=record_id).first()
    )
    if record is None or not record.passed or record.certificate:
        return False
    name = default_storage.save(certificate_path(record, "certificate.pdf"), ContentFile(render_certificate(record)))
    claimed = TrainingRecord.objects.filter(pk=record.pk, certificate="").update(certificate=name)
    if not claimed:
        default_storage.delete(name)
    return bool(claimed)
