"""Staff pages of the customer data pool. Every staff role reads customers (they belong to the company);
trainers get 403. Interactions and timeline entries are scoped to the viewer's department."""

from __future__ import annotations

import json
from typing import cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import roles
from accounts.guards import role_required
from accounts.models import User
from core.forms import add_service_errors
from customers import services
from customers.filters import CustomerFilter
from customers.forms import CustomerForm, DocumentedConsentForm, DoubleOptInForm, ImportForm, WithdrawForm
from customers.models import Customer, ErasureLog, ImportJob
from customers.selectors import (
    customer_export,
    customers_visible_to,
    import_job_progress,
    interactions_visible_to,
)
from customers.timeline import timeline_for

PAGE_SIZE = 50


def _actor(request: HttpRequest) -> User:
    return cast(User, request.user)


def _customer(request: HttpRequest, pk: int) -> Customer:
    return get_object_or_404(customers_visible_to(request.user), pk=pk)


@role_required(roles.CX_STAFF)
def customer_list(request: HttpRequest) -> HttpResponse:
    filterset = CustomerFilter(request.GET, queryset=customers_visible_to(request.user))
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "customers/customer_list.html",
        {
            "filter": filterset,
            "page": page,
            "customers": page.object_list,
            "querystring": query.urlencode(),
            "can_create": roles.has_role(request.user, roles.CASE_WORKERS),
            "can_import": roles.has_role(request.user, roles.ADMINS),
        },
    )


@role_required(roles.CX_STAFF)
def customer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    customer = _customer(request, pk)
    user = request.user
    interactions = interactions_visible_to(request.user).filter(customer=customer)[:50]
    return render(
        request,
        "customers/customer_detail.html",
        {
            "customer": customer,
            "consents": customer.consents.order_by("purpose"),
            "interactions": interactions,
            "timeline": timeline_for(customer, user=request.user),
            "erasure": ErasureLog.objects.filter(customer_pk=customer.pk).select_related("actor").first(),
            "can_edit": roles.has_role(user, roles.CASE_WORKERS) and not customer.is_erased,
            "can_document": roles.has_role(user, roles.ADMINS) and not customer.is_erased,
            "can_export": roles.has_role(user, roles.OVERSEERS),
            "can_erase": roles.has_role(user, roles.ADMINS) and not customer.is_erased,
            "doi_form": DoubleOptInForm(),
            "withdraw_form": WithdrawForm(),
        },
    )


@role_required(roles.CASE_WORKERS)
def customer_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    customer = _customer(request, pk) if pk is not None else None
    if customer is not None and customer.is_erased:
        raise PermissionDenied
    initial = {f: getattr(customer, f) for f in services.CUSTOMER_FIELDS} if customer else None
    form = CustomerForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if customer is None:
                customer = services.customer_create(**form.cleaned_data, actor=_actor(request))
                messages.success(request, _("Die Kundin / der Kunde wurde angelegt."))
            else:
                services.customer_update(actor=_actor(request), customer=customer, changes=form.cleaned_data)
                messages.success(request, _("Die Änderungen wurden gespeichert."))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("customers:detail", pk=customer.pk)
    return render(request, "customers/customer_form.html", {"form": form, "customer": customer})


@require_POST
@role_required(roles.CASE_WORKERS)
def consent_request(request: HttpRequest, pk: int) -> HttpResponse:
    customer = _customer(request, pk)
    form = DoubleOptInForm(request.POST)
    if form.is_valid():
        try:
            services.consent_request_double_opt_in(
                customer=customer,
                purpose=form.cleaned_data["purpose"],
                source=form.cleaned_data["source"],
                actor=_actor(request),
                ip=request.META.get("REMOTE_ADDR"),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Die Bestätigungs-E-Mail wurde versandt."))
    else:
        messages.error(request, _("Die Anfrage war unvollständig."))
    return redirect("customers:detail", pk=customer.pk)


@require_POST
@role_required(roles.CASE_WORKERS)
def consent_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    customer = _customer(request, pk)
    form = WithdrawForm(request.POST)
    if form.is_valid():
        services.consent_withdraw(
            customer=customer,
            purpose=form.cleaned_data["purpose"],
            source="staff",
            actor=_actor(request),
            suppress=form.cleaned_data["suppress"],
        )
        messages.success(request, _("Die Einwilligung wurde widerrufen."))
    return redirect("customers:detail", pk=customer.pk)


@role_required(roles.ADMINS)
def consent_documented(request: HttpRequest, pk: int) -> HttpResponse:
    customer = _customer(request, pk)
    if customer.is_erased:
        raise PermissionDenied
    form = DocumentedConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_record_documented(customer=customer, actor=_actor(request), **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Die Einwilligung wurde mit Nachweis erfasst."))
            return redirect("customers:detail", pk=customer.pk)
    return render(request, "customers/consent_documented.html", {"form": form, "customer": customer})


@role_required(roles.OVERSEERS)
def customer_export_download(request: HttpRequest, pk: int) -> HttpResponse:
    customer = _customer(request, pk)
    body = json.dumps(customer_export(customer), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="customer-{customer.pk}-export.json"'
    return response


@role_required(roles.ADMINS)
def customer_erase(request: HttpRequest, pk: int) -> HttpResponse:
    customer = _customer(request, pk)
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            messages.error(request, _("Bitte bestätigen Sie die Löschung."))
        else:
            services.customer_erase(customer=customer, actor=_actor(request))
            messages.success(request, _("Die personenbezogenen Daten wurden gelöscht."))
            return redirect("customers:detail", pk=customer.pk)
    return render(request, "customers/customer_erase.html", {"customer": customer})


@role_required(roles.ADMINS)
def customer_import(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        outcome = services.customer_import_start(content=upload.read(), file_name=upload.name, actor=_actor(request))
        if outcome.job is not None:
            return redirect("customers:import-job", pk=outcome.job.pk)
        result = outcome.result
        if result is not None and not result.errors:
            messages.success(
                request,
                _("Import abgeschlossen: %(created)d angelegt, %(updated)d aktualisiert, %(unchanged)d unverändert.")
                % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged},
            )
    jobs = ImportJob.objects.defer("content")[:10]
    return render(request, "customers/import.html", {"form": form, "result": result, "jobs": jobs})


@role_required(roles.ADMINS)
def import_job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(ImportJob.objects.defer("content"), pk=pk)
    return render(request, "customers/import_job.html", {"job": job, "progress": import_job_progress(job)})


@role_required(roles.ADMINS)
def import_job_status(request: HttpRequest, pk: int) -> JsonResponse:
    job = get_object_or_404(ImportJob.objects.defer("content"), pk=pk)
    return JsonResponse(import_job_progress(job))
