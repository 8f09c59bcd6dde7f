"""QR posters for touchpoints: a staff overview and the PNG / A4 / A6 PDF downloads."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string

from accounts import roles
from accounts.guards import role_required
from accounts.scoping import scope_to_department
from feedback import qr
from touchpoints.models import Touchpoint


def _touchpoint(request: HttpRequest, slug: str) -> Touchpoint:
    return get_object_or_404(scope_to_department(Touchpoint.objects.all(), request.user), slug=slug)


@role_required(roles.CX_STAFF)
def poster_list(request: HttpRequest) -> HttpResponse:
    touchpoints = scope_to_department(Touchpoint.objects.select_related("department", "stage"), request.user)
    return render(
        request,
        "feedback/poster_list.html",
        {"touchpoints": [(tp, qr.form_url(tp)) for tp in touchpoints]},
    )


@role_required(roles.CX_STAFF)
def poster_png(request: HttpRequest, slug: str) -> HttpResponse:
    touchpoint = _touchpoint(request, slug)
    response = HttpResponse(qr.qr_png(touchpoint), content_type="image/png")
    response["Content-Disposition"] = f'attachment; filename="feedback-qr-{touchpoint.slug}.png"'
    return response


@role_required(roles.CX_STAFF)
def poster_pdf(request: HttpRequest, slug: str, size: str) -> HttpResponse:
    if size not in qr.PAGE_SIZES:
        raise Http404
    touchpoint = _touchpoint(request, slug)
    language = request.GET.get("lang", "")
    language = language if language in ("de", "en") else (getattr(request, "LANGUAGE_CODE", "de") or "de")[:2]
    response = HttpResponse(qr.poster_pdf(touchpoint, size=size, language=language), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="feedback-poster-{touchpoint.slug}-{size}.pdf"'
    return response


def touchpoint_panel(request: HttpRequest, touchpoint: Touchpoint) -> str | None:
    """The QR poster section on the touchpoint detail page (registered with touchpoints.panels)."""
    if not roles.has_role(request.user, roles.CX_STAFF):
        return None
    return render_to_string(
        "feedback/touchpoint_panel.html",
        {"touchpoint": touchpoint, "form_url": qr.form_url(touchpoint)},
        request=request,
    )
