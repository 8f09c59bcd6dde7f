"""Staff pages for feedback: list with filters and export, staff entry, detail with corrections."""

from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.scoping import scope_to_department
from feedback import services
from feedback.access import has_role, require_role
from feedback.filters import FeedbackFilter
from feedback.forms import CorrectionForm, StaffFeedbackForm, add_bootstrap_classes
from feedback.selectors import (
    ACTION_WRITE_ROLES,
    FEEDBACK_READ_ROLES,
    FEEDBACK_WRITE_ROLES,
    feedback_export_frame,
    feedback_for_user,
    feedback_summary,
)
from touchpoints.models import Touchpoint

EXPORT_LIMIT = 50_000
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _safe_cell(value: object) -> object:
    """Spreadsheet formula injection guard: text starting with = + - @ is prefixed with an apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_PREFIXES):
        return "'" + value
    return value


@login_required
def feedback_list(request: HttpRequest) -> HttpResponse:
    require_role(request, FEEDBACK_READ_ROLES)
    filterset = FeedbackFilter(request.GET, queryset=feedback_for_user(request.user))
    add_bootstrap_classes(filterset.form)
    # An invalid filter (e.g. an unknown touchpoint) shows its error and no rows rather than everything.
    queryset = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    export = request.GET.get("export")
    if export in ("csv", "xlsx"):
        return _export(queryset[:EXPORT_LIMIT], export)
    page = Paginator(queryset, 50).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "feedback/feedback_list.html",
        {
            "filter": filterset,
            "page": page,
            "summary": feedback_summary(queryset),
            "querystring": params.urlencode(),
            "can_write": has_role(request, FEEDBACK_WRITE_ROLES),
        },
    )


def _export(queryset: object, kind: str) -> HttpResponse:
    frame = feedback_export_frame(queryset)  # type: ignore[arg-type]
    frame = frame.map(_safe_cell)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if kind == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="feedback-{stamp}.csv"'
        response.write("\ufeff")  # Excel opens UTF-8 with umlauts correctly only with a BOM
        frame.to_csv(response, index=False, sep=";")
        return response
    buffer = io.BytesIO()
    frame.to_excel(buffer, index=False, sheet_name="Feedback", engine="openpyxl")
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="feedback-{stamp}.xlsx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def feedback_create(request: HttpRequest) -> HttpResponse:
    require_role(request, FEEDBACK_WRITE_ROLES)
    touchpoints = scope_to_department(Touchpoint.objects.filter(active=True), request.user)
    form = StaffFeedbackForm(request.POST or None, touchpoints=touchpoints)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = services.feedback_create(
                kind=data["kind"],
                text=data["text"],
                rating=data.get("rating"),
                touchpoint=data["touchpoint"],
                channel=data["channel"],
                customer=data.get("customer"),
                contact_email=data.get("contact_email", ""),
                contact_consent=data.get("contact_consent", False),
                created_by=request.user,
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Feedback #%(id)s wurde erfasst.") % {"id": item.pk})
            return redirect("feedback:detail", pk=item.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "feedback/feedback_form.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def feedback_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_role(request, FEEDBACK_READ_ROLES)
    item = get_object_or_404(feedback_for_user(request.user), pk=pk)
    can_write = has_role(request, FEEDBACK_WRITE_ROLES)
    initial = {"sentiment": item.sentiment, "topics": list(item.topics.all()), "status": item.status}
    form = CorrectionForm(request.POST or None, initial=initial)
    if request.method == "POST":
        require_role(request, FEEDBACK_WRITE_ROLES)
        if form.is_valid():
            services.feedback_correct(
                feedback=item,
                user=request.user,
                sentiment=form.cleaned_data["sentiment"],
                topics=[t.name for t in form.cleaned_data["topics"]],
            )
            services.feedback_set_status(feedback=item, status=form.cleaned_data["status"])
            messages.success(request, _("Änderungen gespeichert."))
            return redirect("feedback:detail", pk=item.pk)
    actions = scope_to_department(item.improvement_actions.all(), request.user)
    return render(
        request,
        "feedback/feedback_detail.html",
        {
            "item": item,
            "form": form,
            "can_write": can_write,
            "can_plan": has_role(request, ACTION_WRITE_ROLES),
            "actions": actions,
            "corrections": item.corrections.select_related("user")[:20],
        },
        status=400 if request.method == "POST" else 200,
    )
