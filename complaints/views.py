"""Staff pages: case list (filters, bulk assign), fast intake form, case page with workflow buttons, stats.

The pages call the same services as the API and answer as it does: 403 for a right the user lacks (the form is
shown again with the reason), 400 for a bad value, 404 for another department's case, 409 for a stale form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts import roles
from accounts.guards import require_role, role_required
from accounts.models import Department, User
from complaints import note_services, resolution_services, services, workflow
from complaints.case_writes import CaseConflict
from complaints.filters import CaseFilterSet
from complaints.forms import (
    AttachmentForm,
    BulkAssignForm,
    CaseForm,
    EditForm,
    MergeForm,
    NoteForm,
    ResolutionForm,
    TransitionForm,
)
from complaints.models import Case, Category
from complaints.selectors import assignable_users, case_list, customer_search, default_channel, visible_cases
from complaints.stats import StatsFilter, complaint_stats, stats_filter
from core.forms import add_service_errors, style_widgets
from customers.models import Customer
from touchpoints.models import Touchpoint

PAGE_SIZE = 50
LIST_FILTERS = ("status", "severity", "sla_state", "department", "assignee", "touchpoint", "category", "ordering")


def _list_response(request: HttpRequest, user: User, *, status: int = 200, error: str = "") -> HttpResponse:
    data = request.GET.copy()
    if not data.get("ordering"):
        data["ordering"] = "-created_at"
    filterset = CaseFilterSet(data, queryset=case_list(user), request=request)
    valid = filterset.is_valid()
    style_widgets(filterset.form)
    page = Paginator(filterset.qs if valid else Case.objects.none(), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "complaints/case_list.html",
        {
            "filter": filterset,
            "filter_fields": [filterset.form[name] for name in LIST_FILTERS],
            "page": page,
            "query": query.urlencode(),
            "can_write": roles.has_role(user, roles.CASE_WORKERS),
            "can_bulk": roles.has_role(user, roles.LEADS),
            "assignees": assignable_users(None if user.sees_all_departments else user.department_id),
            "error": error,
        },
        status=status if valid else 400,
    )


@role_required(roles.CX_STAFF)
def case_list_view(request: HttpRequest) -> HttpResponse:
    return _list_response(request, require_role(request, roles.CX_STAFF))


@role_required(roles.LEADS)
@require_POST
def bulk_assign_view(request: HttpRequest) -> HttpResponse:
    user = require_role(request, roles.LEADS)
    form = BulkAssignForm(request.POST)
    if not form.is_valid():
        return _list_response(request, user, status=400, error=_("Bitte wählen Sie Fälle und eine Person aus."))
    try:
        count = services.case_bulk_assign(
            actor=user, case_ids=form.cleaned_data["cases"], assignee=form.cleaned_data["assignee"]
        )
    except PermissionDenied as exc:
        return _list_response(request, user, status=403, error=str(exc))
    except ValidationError as exc:
        return _list_response(request, user, status=400, error=" ".join(exc.messages))
    messages.success(request, _("%(n)d Fälle zugewiesen.") % {"n": count})
    return redirect(_safe_next(request) or "complaints:list")


def _safe_next(request: HttpRequest) -> str:
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next", "")
    return target if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}) else ""


def _customer_for(form: CaseForm) -> Customer | None:
    d = form.cleaned_data
    if d["customer"]:
        customer = Customer.objects.filter(pk=d["customer"], erased_at__isnull=True).first()
        if customer is None:
            form.add_error("customer_query", _("Diese Kundin / diesen Kunden gibt es nicht."))
        return customer
    query = d["customer_query"].strip()
    if not query:
        return None
    matches = Customer.objects.filter(Q(external_ref__iexact=query) | Q(email__iexact=query), erased_at__isnull=True)
    found = matches.first()
    if found is None and not (d["customer_email"] or d["customer_last_name"]):
        form.add_error(
            "customer_query",
            _(
                "Keine Kundin / kein Kunde mit dieser Kundennummer oder E-Mail gefunden. "
                "Bitte legen Sie die Kontaktdaten unten neu an."
            ),
        )
    return found


@role_required(roles.CASE_WORKERS)
def case_create_view(request: HttpRequest) -> HttpResponse:
    user = require_role(request, roles.CASE_WORKERS)
    status = 200
    if request.method == "POST":
        form = CaseForm(request.POST, user=user)
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            customer = _customer_for(form)
            contact = None
            if customer is None and (d["customer_email"] or d["customer_first_name"] or d["customer_last_name"]):
                contact = services.ContactDetails(
                    email=d["customer_email"],
                    first_name=d["customer_first_name"],
                    last_name=d["customer_last_name"],
                    language=request.LANGUAGE_CODE[:2],
                )
            if not form.errors:
                try:
                    case = services.case_create(
                        actor=user,
                        channel=d["channel"],
                        description=d["description"],
                        customer=customer,
                        contact=contact,
                        touchpoint=d["touchpoint"],
                        category=d["category"],
                        severity=d["severity"],
                        remedy_sought=d["remedy_sought"],
                        department=d["department"],
                        resolved_at_first_contact=d["resolved_at_first_contact"],
                    )
                except PermissionDenied as exc:
                    form.add_error(None, str(exc))
                    status = 403
                except ValidationError as exc:
                    add_service_errors(form, exc)
                else:
                    messages.success(request, _("Fall %(reference)s angelegt.") % {"reference": case.reference})
                    if visible_cases(user).filter(pk=case.pk).exists():
                        return redirect("complaints:detail", pk=case.pk)
                    return redirect("complaints:list")
    else:
        touchpoint = Touchpoint.objects.filter(slug=request.GET.get("touchpoint", "")[:80].replace("\x00", "")).first()
        form = CaseForm(initial={"channel": default_channel(user), "touchpoint": touchpoint}, user=user)
    return render(request, "complaints/case_form.html", {"form": form}, status=status)


@role_required(roles.CASE_WORKERS)
@require_GET
def customer_search_view(request: HttpRequest) -> JsonResponse:
    query = request.GET.get("q", "")
    if "\x00" in query or len(query) > 200:
        return JsonResponse({"q": [_("Bitte geben Sie einen gültigen Suchbegriff ein.")]}, status=400)
    results = [
        {"id": c.pk, "label": str(c), "email": c.email, "external_ref": c.external_ref} for c in customer_search(query)
    ]
    return JsonResponse({"results": results})


def _case_for(request: HttpRequest, pk: int) -> Case:
    user = require_role(request, roles.CX_STAFF)
    return get_object_or_404(case_list(user).select_related("policy", "root_cause", "merged_into"), pk=pk)


def _detail_context(request: HttpRequest, case: Case, **forms: Any) -> dict[str, Any]:
    user = require_role(request, roles.CX_STAFF)
    initial = {"version": case.version}
    edit_initial = {
        **initial,
        "severity": case.severity,
        "category": case.category_id,
        "touchpoint": case.touchpoint_id,
        "department": case.department_id,
        "assignee": case.assignee_id,
    }
    context = {
        "case": case,
        "history": resolution_services.history_of(case),
        "attachments": case.attachments.all(),
        "targets": workflow.allowed_targets(case.status),
        "reason_required": sorted(workflow.REASON_REQUIRED),
        "can_write": roles.has_role(user, roles.CASE_WORKERS),
        "can_lead": roles.has_role(user, roles.LEADS),
        "transition_form": TransitionForm(initial=initial),
        "note_form": NoteForm(initial=initial),
        "edit_form": EditForm(initial=edit_initial, user=user, case=case),
        "resolution_form": ResolutionForm(
            initial={
                **initial,
                "outcome": case.outcome,
                "remedy_granted": case.remedy_granted,
                "remedy_cost": case.remedy_cost,
                "root_cause": case.root_cause_id,
                "corrective_action": case.corrective_action,
                "apology_given": case.apology_given,
            }
        ),
        "attachment_form": AttachmentForm(),
        "merge_form": MergeForm(),
    }
    context.update(forms)
    return context


@role_required(roles.CX_STAFF)
def case_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_for(request, pk)
    return render(request, "complaints/case_detail.html", _detail_context(request, case))


Run = Callable[[Case, User, dict[str, Any]], str]


def _post_action(request: HttpRequest, pk: int, form_class: Any, form_name: str, run: Run) -> HttpResponse:
    case = _case_for(request, pk)
    user = require_role(request, roles.CASE_WORKERS)
    form: forms.Form
    if form_class is EditForm:
        form = EditForm(request.POST, user=user, case=case)
    elif form_class is AttachmentForm:
        form = AttachmentForm(request.POST, request.FILES)
    else:
        form = form_class(request.POST)
    status = 400
    if form.is_valid():
        try:
            message = run(case, user, form.cleaned_data)
        except CaseConflict as exc:
            form.add_error(None, exc.message)
            status = 409
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
            status = 403
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, message)
            return redirect("complaints:detail", pk=case.pk)
    case = _case_for(request, pk)
    return render(
        request, "complaints/case_detail.html", _detail_context(request, case, **{form_name: form}), status=status
    )


@role_required(roles.CASE_WORKERS)
@require_POST
def transition_view(request: HttpRequest, pk: int) -> HttpResponse:
    def run(case: Case, user: User, d: dict[str, Any]) -> str:
        updated = services.case_transition(
            case_id=case.pk, actor=user, to=d["to"], note=d["note"], expected_version=d["version"]
        )
        return _("Status: %(status)s") % {"status": updated.get_status_display()}

    return _post_action(request, pk, TransitionForm, "transition_form", run)


@role_required(roles.CASE_WORKERS)
@require_POST
def note_view(request: HttpRequest, pk: int) -> HttpResponse:
    def run(case: Case, user: User, d: dict[str, Any]) -> str:
        # A note overwrites nothing: it is added even when a colleague changed the case since the page loaded.
        note_services.case_add_note(case_id=case.pk, actor=user, text=d["text"], public=d["public"])
        return _("Antwort gespeichert und versandt.") if d["public"] else _("Notiz gespeichert.")

    return _post_action(request, pk, NoteForm, "note_form", run)


@role_required(roles.CASE_WORKERS)
@require_POST
def edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    def run(case: Case, user: User, d: dict[str, Any]) -> str:
        fields = ("severity", "category", "touchpoint", "department", "assignee")
        services.case_update(
            case_id=case.pk, actor=user, expected_version=d["version"], changes={name: d[name] for name in fields}
        )
        return _("Änderungen gespeichert.")

    return _post_action(request, pk, EditForm, "edit_form", run)


@role_required(roles.CASE_WORKERS)
@require_POST
def resolution_view(request: HttpRequest, pk: int) -> HttpResponse:
    def run(case: Case, user: User, d: dict[str, Any]) -> str:
        resolution_services.case_record_resolution(
            case_id=case.pk,
            actor=user,
            outcome=d["outcome"],
            apology_given=d["apology_given"],
            remedy_granted=d["remedy_granted"],
            remedy_cost=d["remedy_cost"] or 0,
            root_cause=d["root_cause"],
            corrective_action=d["corrective_action"],
            expected_version=d["version"],
        )
        return _("Lösung gespeichert.")

    return _post_action(request, pk, ResolutionForm, "resolution_form", run)


@role_required(roles.CASE_WORKERS)
@require_POST
def attachment_upload_view(request: HttpRequest, pk: int) -> HttpResponse:
    def run(case: Case, user: User, d: dict[str, Any]) -> str:
        resolution_services.attachment_add(case_id=case.pk, actor=user, upload=d["file"])
        return _("Anhang gespeichert.")

    return _post_action(request, pk, AttachmentForm, "attachment_form", run)


@role_required(roles.CASE_WORKERS)
@require_POST
def merge_view(request: HttpRequest, pk: int) -> HttpResponse:
    def run(case: Case, user: User, d: dict[str, Any]) -> str:
        target = visible_cases(user).filter(reference__iexact=d["into"].strip()).first()
        if target is None:
            raise ValidationError({"into": _("Diesen Fall gibt es nicht.")})
        resolution_services.case_merge(case_id=case.pk, into_id=target.pk, actor=user)
        return _("Fall in %(reference)s zusammengeführt.") % {"reference": target.reference}

    return _post_action(request, pk, MergeForm, "merge_form", run)


@role_required(roles.CX_STAFF)
def attachment_download_view(request: HttpRequest, pk: int, attachment_id: int) -> FileResponse:
    case = _case_for(request, pk)
    attachment = get_object_or_404(case.attachments, pk=attachment_id)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )


@role_required(roles.CX_STAFF)
def stats_view(request: HttpRequest) -> HttpResponse:
    user = require_role(request, roles.CX_STAFF)
    errors: dict[str, list[str]] = {}
    try:
        flt = stats_filter(request.GET)
    except ValidationError as exc:
        errors, flt = exc.message_dict, StatsFilter()
    return render(
        request,
        "complaints/stats.html",
        {
            "stats": None if errors else complaint_stats(user, flt),
            "errors": errors,
            "flt": flt,
            "chosen": {
                "department": set(flt.department_ids or ()),
                "touchpoint": set(flt.touchpoint_ids or ()),
                "category": set(flt.category_ids or ()),
            },
            "departments": Department.objects.order_by("name") if user.sees_all_departments else [],
            "touchpoints": Touchpoint.objects.order_by("name"),
            "categories": Category.objects.filter(parent__isnull=True),
        },
        status=400 if errors else 200,
    )
