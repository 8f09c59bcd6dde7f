from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache

from accounts import roles
from accounts.guards import role_required
from core.models import OutboxEmail

logger = logging.getLogger(__name__)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")


def _database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.exception("health check: database unreachable")
        return "error"
    return "ok"


def _broker_state() -> str:
    if not settings.REDIS_URL:
        return "in-process"
    try:
        import redis

        client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1)
        client.ping()
    except Exception:
        logger.warning("health check: broker unreachable")
        return "error"
    return "ok"


def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    """Browsers ask for /favicon.ico on pages without a <link rel="icon"> (admin, API, files)."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    database = _database_state()
    broker = _broker_state()
    healthy = database == "ok" and broker != "error"
    return JsonResponse(
        {"status": "ok" if healthy else "degraded", "database": database, "broker": broker},
        status=200 if healthy else 503,
    )


def _require_outbox(request: HttpRequest) -> None:
    """The local outbox exists only in the embedded default (no EMAIL_URL)."""
    if settings.EMAIL_BACKEND != "core.mail.OutboxBackend":
        raise PermissionDenied


@role_required(roles.OVERSEERS)
def outbox_list(request: HttpRequest) -> HttpResponse:
    _require_outbox(request)
    emails = OutboxEmail.objects.all()[:200]
    return render(request, "core/outbox_list.html", {"emails": emails})


@role_required(roles.OVERSEERS)
def outbox_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_outbox(request)
    email = get_object_or_404(OutboxEmail, pk=pk)
    return render(request, "core/outbox_detail.html", {"email": email})
