"""Staff pages: case list (filters, bulk assign), fast intake form, case page with workflow buttons, stats."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from complaints import note_services, resolution_services, services, workflow
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
from complaints.selectors import (
    LEAD_ROLES,
    STAFF_ROLES,
    WRITE_ROLES,
    assignable_users,
    case_list,
    customer_search,
    default_channel,
    visible_cases,
)
from complaints.stats import StatsFilter, complaint_stats
from customers.models import Customer
from touchpoints.models import Touchpoint

PAGE_SIZE = 50


def _require(request: HttpRequest, roles: frozenset[str]) -> Any:
    user: Any = request.user
    if user.effective_role not in roles:
        raise PermissionDenied
    return user


def _apply_form_errors(form: Any, exc: ValidationError) -> None:
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@login_required
def case_list_view(request: HttpRequest) -> HttpResponse:
    user = _require(request, STAFF_ROLES)
    data = request.GET.copy()
    if not data.get("ordering"):
        data["ordering"] = "-created_at"
    filterset = CaseFilterSet(data, queryset=case_list(user), request=request)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    bulk_assignees = assignable_users(None if user.sees_all_departments else user.department_id)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "complaints/case_list.html",
        {
            "filter": filterset,
            "page": page,
            "query": query.urlencode(),
            "can_bulk": user.effective_role in LEAD_ROLES,
            "assignees": bulk_assignees,
        },
    )


@login_required
@require_POST
def bulk_assign_view(request: HttpRequest) -> HttpResponse:
    user = _require(request, LEAD_ROLES)
    visible_ids = list(
        visible_cases(user)
        .filter(pk__in=[int(v) for v in request.POST.getlist("cases") if v.isdigit()])
        .values_list("pk", flat=True)
    )
    assignees = assignable_users(None if user.sees_all_departments else user.department_id)
    form = BulkAssignForm(request.POST, case_ids=visible_ids, assignees=assignees)
    if not form.is_valid():
        messages.error(request, _("Bitte wählen Sie Fälle und eine Person aus."))
        return redirect("complaints:list")
    try:
        count = services.case_bulk_assign(
            case_ids=form.cleaned_data["cases"], actor=user, assignee=form.cleaned_data["assignee"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(n)d Fälle zugewiesen.") % {"n": count})
    return redirect(request.POST.get("next") or "complaints:list")


@login_required
def case_create_view(request: HttpRequest) -> HttpResponse:
    user = _require(request, WRITE_ROLES)
    if request.method == "POST":
        form = CaseForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            customer = None
            if d["customer"]:
                customer = Customer.objects.filter(pk=d["customer"], erased_at__isnull=True).first()
                if customer is None:
                    form.add_error("customer_query", _("Diese Kundin / diesen Kunden gibt es nicht."))
            elif d["customer_query"].strip():
                q = d["customer_query"].strip()
                customer = Customer.objects.filter(
                    Q(external_ref__iexact=q) | Q(email__iexact=q), erased_at__isnull=True
                ).first()
                if customer is None and not (d["customer_email"] or d["customer_last_name"]):
                    form.add_error(
                        "customer_query",
                        _(
                            "Keine Kundin / kein Kunde mit dieser Kundennummer oder E-Mail gefunden. "
                            "Bitte legen Sie die Kontaktdaten unten neu an."
                        ),
                    )
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
                except ValidationError as exc:
                    _apply_form_errors(form, exc)
                else:
                    messages.success(request, _("Fall %(reference)s angelegt.") % {"reference": case.reference})
                    if visible_cases(user).filter(pk=case.pk).exists():
                        return redirect("complaints:detail", pk=case.pk)
                    return redirect("complaints:list")
    else:
        touchpoint = Touchpoint.objects.filter(slug=request.GET.get("touchpoint", "")).first()
        form = CaseForm(initial={"channel": default_channel(user), "touchpoint": touchpoint})
    return render(request, "complaints/case_form.html", {"form": form})


@login_required
@require_GET
def customer_search_view(request: HttpRequest) -> JsonResponse:
    _require(request, WRITE_ROLES)
    results = [
        {"id": c.pk, "label": str(c), "email": c.email, "external_ref": c.external_ref}
        for c in customer_search(request.GET.get("q", ""))
    ]
    return JsonResponse({"results": results})


def _case_for(request: HttpRequest, pk: int) -> Case:
    user = _require(request, STAFF_ROLES)
    return get_object_or_404(case_list(user).select_related("policy", "root_cause", "merged_into"), pk=pk)


def _detail_context(request: HttpRequest, case: Case, **forms: Any) -> dict[str, Any]:
    user: Any = request.user
    assignees = assignable_users(case.department_id)
    if user.effective_role not in LEAD_ROLES:
        assignees = assignees.filter(pk=user.pk)
    initial = {"version": case.version}
    context = {
        "case": case,
        "history": resolution_services.history_of(case),
        "attachments": case.attachments.all(),
        "targets": workflow.allowed_targets(case.status),
        "reason_required": sorted(workflow.REASON_REQUIRED),
        "can_write": user.effective_role in WRITE_ROLES,
        "can_lead": user.effective_role in LEAD_ROLES,
        "transition_form": TransitionForm(initial=initial),
        "note_form": NoteForm(initial=initial),
        "edit_form": EditForm(
            initial={**initial, "severity": case.severity, "category": case.category_id, "assignee": case.assignee_id},
            assignees=assignees,
        ),
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


@login_required
def case_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_for(request, pk)
    return render(request, "complaints/case_detail.html", _detail_context(request, case))


def _post_action(request: HttpRequest, pk: int, form_class: Any, form_name: str, run: Any) -> HttpResponse:
    case = _case_for(request, pk)
    user = _require(request, WRITE_ROLES)
    kwargs: dict[str, Any] = {}
    if form_class is EditForm:
        kwargs["assignees"] = assignable_users(case.department_id)
    form = (
        form_class(request.POST, request.FILES, **kwargs)
        if form_class is AttachmentForm
        else form_class(request.POST, **kwargs)
    )
    if form.is_valid():
        try:
            message = run(case, user, form.cleaned_data)
        except services.CaseConflict as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            _apply_form_errors(form, exc)
        else:
            messages.success(request, message)
            return redirect("complaints:detail", pk=case.pk)
    case.refresh_from_db()
    return render(
        request, "complaints/case_detail.html", _detail_context(request, case, **{form_name: form}), status=400
    )


@login_required
@require_POST
def transition_view(request: HttpRequest, pk: int) -> HttpResponse:
    def run(case: Case, user: Any, d: dict[str, Any]) -> str:
        updated = services.case_transition(
            case_id=case.pk, actor=user, to=d["to"], note=d["note"], expected_version=d["version"]
        )
        return _("Status: %(status)s") % {"status": updated.get_status_display()}

    return _post_action(request, pk, TransitionForm, "transition_form", run)


@login_required
@require_POST
def note_view(request: HttpRequest, pk: int) -> HttpResponse:
    def run(case: Case, user: Any, d: dict[str, Any]) -> str:
        note_services.case_add_note(case_id=case.pk, actor=user, text=d["text"], public=d["public"])
        return _("Antwort gespeichert und versandt.") if d["public"] else _("Notiz gespeichert.")

    return _post_action(request, pk, NoteForm, "note_form", run)


@login_required
@require_POST
def edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    def run(case: Case, user: Any, d: dict[str, Any]) -> str:
        if (
            user.effective_role not in LEAD_ROLES
            and d["assignee"] not in (None, user)
            and d["assignee"] != case.assignee
        ):
            raise ValidationError({"assignee": _("Sie können Fälle nur sich selbst zuweisen.")})
        services.case_update(
            case_id=case.pk,
            actor=user,
            expected_version=d["version"],
            changes={"severity": d["severity"], "category": d["category"], "assignee": d["assignee"]},
        )
        return _("Änderungen gespeichert.")

    return _post_action(request, pk, EditForm, "edit_form", run)


@login_required
@require_POST
def resolution_view(request: HttpRequest, pk: int) -> HttpResponse:
    def run(case: Case, user: Any, d: dict[str, Any]) -> str:
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


@login_required
@require_POST
def attachment_upload_view(request: HttpRequest, pk: int) -> HttpResponse:
    def run(case: Case, user: Any, d: dict[str, Any]) -> str:
        resolution_services.attachment_add(case_id=case.pk, actor=user, upload=d["file"])
        return _("Anhang gespeichert.")

    return _post_action(request, pk, AttachmentForm, "attachment_form", run)


@login_required
@require_POST
def merge_view(request: HttpRequest, pk: int) -> HttpResponse:
    def run(case: Case, user: Any, d: dict[str, Any]) -> str:
        target = visible_cases(user).filter(reference__iexact=d["into"].strip()).first()
        if target is None:
            raise ValidationError({"into": _("Diesen Fall gibt es nicht.")})
        resolution_services.case_merge(case_id=case.pk, into_id=target.pk, actor=user)
        return _("Fall in %(reference)s zusammengeführt.") % {"reference": target.reference}

    return _post_action(request, pk, MergeForm, "merge_form", run)


@login_required
def attachment_download_view(request: HttpRequest, pk: int, attachment_id: int) -> FileResponse:
    case = _case_for(request, pk)
    attachment = get_object_or_404(case.attachments, pk=attachment_id)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )


@login_required
def stats_view(request: HttpRequest) -> HttpResponse:
    from django.utils.dateparse import parse_date

    user = _require(request, STAFF_ROLES)

    def number(name: str) -> int | None:
        raw = request.GET.get(name, "")
        return int(raw) if raw.isdigit() else None

    def day(name: str) -> Any:
        raw = request.GET.get(name, "")
        try:
            return parse_date(raw) if raw else None
        except ValueError:
            return None

    flt = StatsFilter(
        date_from=day("date_from"),
        date_to=day("date_to"),
        department_id=number("department"),
        touchpoint_id=number("touchpoint"),
        category_id=number("category"),
    )
    from accounts.models import Department

    return render(
        request,
        "complaints/stats.html",
        {
            "stats": complaint_stats(user, flt),
            "flt": flt,
            "departments": Department.objects.all() if user.sees_all_departments else [],
            "touchpoints": Touchpoint.objects.order_by("name"),
            "categories": Category.objects.filter(parent__isnull=True),
        },
    )
