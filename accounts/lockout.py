"""The answer given to a locked-out login attempt (django-axes AXES_LOCKOUT_CALLABLE)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict[str, Any] | None = None
) -> HttpResponse:
    minutes = int(settings.AXES_COOLOFF_TIME * 60)
    message = _(
        "Nach mehreren fehlgeschlagenen Anmeldeversuchen ist die Anmeldung für %(minutes)d Minuten gesperrt."
    ) % {"minutes": minutes}
    status = int(getattr(settings, "AXES_HTTP_RESPONSE_CODE", 429))
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse({"detail": message}, status=status)
    else:
        response = render(request, "accounts/locked_out.html", {"minutes": minutes}, status=status)
    response["Retry-After"] = str(minutes * 60)
    return response
