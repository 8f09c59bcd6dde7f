"""Pages every employee and manager uses: my trainings, the gap report, one employee, certificates."""

from __future__ import annotations

import datetime as dt
from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import roles
from accounts.guards import role_required
from accounts.models import User
from core.forms import style_widgets
from training import access, outcomes, selectors, services
from training.filters import OUTCOME_WINDOW_DAYS, GapFilter, gap_period, gap_scope
from training.models import TrainingRecord, TrainingSession


def _individual_context(employee: User) -> dict[str, object]:
    overview = selectors.gap_overview(employee_id=employee.pk)
    rows = overview.employee_rows()
    return {
        "employee": employee,
        "records": TrainingRecord.objects.filter(employee=employee).select_related("course", "session"),
        "gap_row": rows[0] if rows else None,
        "today": timezone.localdate(),
    }


@login_required
def my_trainings(request: HttpRequest) -> HttpResponse:
    employee = cast(User, request.user)
    context = _individual_context(employee)
    context["enrolments"] = employee.enrolments.filter(session__date__gte=timezone.localdate()).select_related(
        "session__course"
    )
    context["open_sessions"] = (
        TrainingSession.objects.filter(date__gte=timezone.localdate(), course__active=True)
        .exclude(enrolments__employee=employee)
        .select_related("course")
        .order_by("date")[:20]
    )
    context["can_manage"] = access.can_manage(employee)
    return render(request, "training/my_trainings.html", context)


@login_required
@require_POST
def session_enrol_self(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(TrainingSession, pk=pk)
    actor = cast(User, request.user)
    try:
        services.session_enrol(actor=actor, session=session, employee=actor)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Sie sind für den Termin angemeldet."))
    return redirect("training:my")


@role_required(roles.TRAINING_TEAM_VIEWERS)
def gap_report(request: HttpRequest) -> HttpResponse:
    user = request.user
    filterset = GapFilter(request.GET, queryset=User.objects.all(), request=request)
    style_widgets(filterset.form)
    valid = filterset.is_valid()
    scope = gap_scope(filterset, user)
    period = gap_period(filterset)
    overview = selectors.gap_overview(scope=scope)
    individuals = access.sees_individuals(user)
    comparison_scope = selectors.GapScope(department_ids=scope.department_ids, touchpoint_ids=scope.touchpoint_ids)
    comparison = selectors.team_comparison(date_from=period.date_from, date_to=period.date_to, scope=comparison_scope)
    expiring = (
        selectors.expiring_records(access.visible_employees(user, selectors.staff(scope)), today=overview.today)
        if individuals
        else TrainingRecord.objects.none()
    )
    return render(
        request,
        "training/gap_report.html",
        {
            "filter": filterset,
            "overview": overview,
            "individuals": individuals,
            "expiring": expiring,
            "comparison": comparison,
            "period": period,
            "outcome_names": outcomes.team_outcome_names(),
            "min_group_size": selectors.min_group_size(),
            "show_department_filter": access.team_departments_filter(user) is None,
        },
        status=200 if valid else 400,
    )


@login_required
def employee_detail(request: HttpRequest, pk: int) -> HttpResponse:
    employee = get_object_or_404(access.visible_employees(request.user), pk=pk)
    context = _individual_context(employee)
    context["linking_enabled"] = access.outcomes_linking_enabled()
    if context["linking_enabled"]:
        today = timezone.localdate()
        window = today - dt.timedelta(days=OUTCOME_WINDOW_DAYS)
        context["employee_outcomes"] = outcomes.employee_outcomes(employee.pk, window, today)
    return render(request, "training/employee_detail.html", context)


@login_required
def certificate_download(request: HttpRequest, pk: int) -> FileResponse:
    record = get_object_or_404(access.visible_records(request.user), pk=pk)
    if not record.certificate:
        raise Http404
    return FileResponse(record.certificate.open("rb"), as_attachment=True, filename=f"zertifikat-{record.pk}.pdf")
