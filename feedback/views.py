"""Staff pages for feedback: list with filters and export, staff entry, detail with corrections."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from accounts import roles
from accounts.guards import require_role, role_required
from accounts.models import User
from accounts.scoping import scope_to_department
from core.dates import last_days
from core.exports import FORMATS
from core.forms import add_service_errors, style_widgets
from feedback import services
from feedback.exports import EXPORT_LIMIT, feedback_export
from feedback.filters import FeedbackFilter
from feedback.forms import CorrectionForm, StaffFeedbackForm
from feedback.selectors import feedback_for_user, feedback_summary
from touchpoints.models import Touchpoint

# Quick choices of the list page: they only fill in date_from / date_to.
QUICK_PERIODS = [(7, gettext_lazy("letzte 7 Tage")), (30, gettext_lazy("letzte 30 Tage")),
                 (90, gettext_lazy("letzte 90 Tage"))]


def _quick_periods(params: QueryDict) -> list[tuple[str, str, bool]]:
    """(label, querystring, active) per quick period, keeping the other filters."""
    result = []
    for days, label in QUICK_PERIODS:
        period = last_days(days)
        query = params.copy()
        query["date_from"], query["date_to"] = period.date_from.isoformat(), period.date_to.isoformat()
        active = params.get("date_from") == query["date_from"] and params.get("date_to") == query["date_to"]
        result.append((str(label), query.urlencode(), active))
    return result


@role_required(roles.CX_STAFF)
def feedback_list(request: HttpRequest) -> HttpResponse:
    filterset = FeedbackFilter(request.GET, queryset=feedback_for_user(request.user), request=request)
    style_widgets(filterset.form)
    # An invalid filter (e.g. an unknown touchpoint) shows its error and no rows rather than everything.
    valid = filterset.is_valid()
    queryset = filterset.qs if valid else filterset.queryset.none()
    export = request.GET.get("export")
    if export in FORMATS and valid:
        return feedback_export(queryset[:EXPORT_LIMIT], fmt=export)
    page = Paginator(queryset, 50).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    params.pop("export", None)
    return render(
        request,
        "feedback/feedback_list.html",
        {
            "filter": filterset,
            "page": page,
            "summary": feedback_summary(queryset),
            "querystring": params.urlencode(),
            "quick_periods": _quick_periods(params),
            "can_write": roles.has_role(request.user, roles.CASE_WORKERS),
        },
        status=200 if valid else 400,
    )


@role_required(roles.CASE_WORKERS)
@require_http_methods(["GET", "POST"])
def feedback_create(request: HttpRequest) -> HttpResponse:
    actor = cast(User, request.user)
    touchpoints = scope_to_department(Touchpoint.objects.filter(active=True), actor)
    form = StaffFeedbackForm(request.POST or None, touchpoints=touchpoints)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = services.feedback_create(
                actor=actor,
                kind=data["kind"],
                text=data["text"],
                rating=data.get("rating"),
                touchpoint=data["touchpoint"],
                channel=data["channel"],
                customer=data.get("customer"),
                contact_email=data.get("contact_email", ""),
                contact_consent=data.get("contact_consent", False),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Feedback #%(id)s wurde erfasst.") % {"id": item.pk})
            return redirect("feedback:detail", pk=item.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "feedback/feedback_form.html", {"form": form}, status=status)


@role_required(roles.CX_STAFF)
@require_http_methods(["GET", "POST"])
def feedback_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(feedback_for_user(request.user), pk=pk)
    can_write = roles.has_role(request.user, roles.CASE_WORKERS)
    initial = {"sentiment": item.sentiment, "topics": list(item.topics.all()), "status": item.status}
    form = CorrectionForm(request.POST or None, initial=initial)
    if request.method == "POST":
        actor = require_role(request, roles.CASE_WORKERS)
        if form.is_valid():
            try:
                services.feedback_update(actor=actor, feedback=item, changes=dict(form.cleaned_data))
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
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
            "can_plan": roles.has_role(request.user, roles.LEADS),
            "actions": actions,
            "corrections": item.corrections.select_related("user")[:20],
        },
        status=400 if request.method == "POST" else 200,
    )
