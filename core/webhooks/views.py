"""Staff pages for outbound webhooks (CX admins only): endpoints, their delivery log, redelivery."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import roles
from accounts.guards import role_required
from core import events
from core.forms import WebhookEndpointForm
from core.models import WebhookDelivery, WebhookEndpoint
from core.webhooks import selectors, services

SECRET_SESSION_KEY = "core.webhook_secret_once"  # noqa: S105 - a session key name, not a secret


webhook_admin_required = role_required(roles.ADMINS)


@webhook_admin_required
def webhook_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/webhooks/list.html",
        {"endpoints": selectors.webhook_endpoint_list(), "event_labels": events.event_types()},
    )


@webhook_admin_required
def webhook_create(request: HttpRequest) -> HttpResponse:
    form = WebhookEndpointForm(request.POST or None, initial={"active": True})
    if request.method == "POST" and form.is_valid():
        try:
            endpoint = services.webhook_endpoint_create(**form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            request.session[SECRET_SESSION_KEY] = {"endpoint": endpoint.pk, "secret": endpoint.secret}
            messages.success(request, _("Der Webhook-Empfänger wurde angelegt."))
            return redirect("core:webhook-detail", pk=endpoint.pk)
    return render(request, "core/webhooks/form.html", {"form": form, "endpoint": None})


@webhook_admin_required
def webhook_edit(request: HttpRequest, pk: int) -> HttpResponse:
    endpoint = get_object_or_404(WebhookEndpoint, pk=pk)
    initial = {
        "name": endpoint.name,
        "url": endpoint.url,
        "event_types": endpoint.event_types,
        "active": endpoint.active,
    }
    form = WebhookEndpointForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.webhook_endpoint_update(endpoint=endpoint, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Der Webhook-Empfänger wurde gespeichert."))
            return redirect("core:webhook-detail", pk=endpoint.pk)
    return render(request, "core/webhooks/form.html", {"form": form, "endpoint": endpoint})


@webhook_admin_required
def webhook_delete(request: HttpRequest, pk: int) -> HttpResponse:
    endpoint = get_object_or_404(WebhookEndpoint, pk=pk)
    if request.method == "POST":
        services.webhook_endpoint_delete(endpoint=endpoint)
        messages.success(request, _("Der Webhook-Empfänger wurde gelöscht."))
        return redirect("core:webhooks")
    return render(request, "core/webhooks/confirm_delete.html", {"endpoint": endpoint})


@webhook_admin_required
def webhook_detail(request: HttpRequest, pk: int) -> HttpResponse:
    endpoint = get_object_or_404(WebhookEndpoint, pk=pk)
    shown_once = request.session.pop(SECRET_SESSION_KEY, None)
    secret = shown_once["secret"] if shown_once and shown_once.get("endpoint") == endpoint.pk else None
    page = Paginator(selectors.webhook_delivery_list(endpoint=endpoint), 50).get_page(request.GET.get("page"))
    labels = events.event_types()
    return render(
        request,
        "core/webhooks/detail.html",
        {
            "endpoint": endpoint,
            "secret": secret,
            "page": page,
            "event_type_labels": [(name, labels.get(name, name)) for name in endpoint.event_types],
        },
    )


@webhook_admin_required
@require_POST
def webhook_redeliver(request: HttpRequest, pk: int) -> HttpResponse:
    delivery = get_object_or_404(WebhookDelivery, pk=pk)
    try:
        services.webhook_delivery_redeliver(delivery_id=delivery.pk)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Die Zustellung wurde erneut eingeplant."))
    return redirect("core:webhook-detail", pk=delivery.endpoint_id)
