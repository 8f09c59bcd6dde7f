"""The CCEO dashboard page, its table exports and the HTML snapshot."""

from __future__ import annotations

from functools import wraps
from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts import roles
from accounts.guards import role_required
from accounts.models import User
from core.exports import FORMATS
from core.forms import style_widgets
from dashboard import charts, links, services
from dashboard.exports import TABLES, table_export
from dashboard.forms import DEFAULT_PERIOD, DashboardFilterForm
from dashboard.models import DigestSubscription, RollupWatermark
from dashboard.report import Report, cached_report
from dashboard.selectors import dashboard_allowed


def dashboard_page(view: Any) -> Any:
    """The dashboard's readers (accounts.roles.DASHBOARD_READERS); a manager without a department sees nothing."""

    @role_required(roles.DASHBOARD_READERS)
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not dashboard_allowed(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def filter_form(request: HttpRequest) -> DashboardFilterForm:
    data = request.GET.copy() if request.GET else None
    if data is not None:
        data.pop("page", None)
    form = DashboardFilterForm(data or {"period": DEFAULT_PERIOD}, user=request.user)
    style_widgets(form)
    return form


def page_context(report: Report) -> dict[str, Any]:
    query = urlencode(report.flt.query())
    for f in report.touchpoints:
        f.extra["links"] = {
            "responses": links.responses(report.flt, touchpoint_id=f.touchpoint.pk),
            "cases": links.cases(report.flt, touchpoint_id=f.touchpoint.pk),
            "feedback": links.feedback(report.flt, touchpoint_slug=f.touchpoint.slug),
        }
    return {
        "report": report,
        "k": report.kpis,
        "charts": charts.all_charts(report),
        "links": links.drilldowns(report.flt),
        "matrix": report.matrix(),
        "health_columns": report.health_columns(),
        "emotion_curves": report.emotion_curves(),
        "query": query,
        "tables": list(TABLES),
    }


@dashboard_page
@require_GET
def dashboard_view(request: HttpRequest) -> HttpResponse:
    form = filter_form(request)
    if not form.is_valid():
        return render(request, "dashboard/dashboard.html", {"form": form, "report": None}, status=400)
    report = cached_report(form.to_filter())
    context = page_context(report)
    context.update(
        form=form,
        watermark=RollupWatermark.objects.order_by("-last_run_at").first(),
        subscribed=DigestSubscription.objects.filter(user_id=getattr(request.user, "pk", 0), active=True).exists(),
    )
    return render(request, "dashboard/dashboard.html", context)


@dashboard_page
@require_POST
def digest_subscription_view(request: HttpRequest) -> HttpResponse:
    """Subscribe to or unsubscribe from the weekly digest (the CCEO always receives it)."""
    subscribe = request.POST.get("subscribe") == "1"
    services.digest_subscription_set(actor=cast(User, request.user), active=subscribe)
    if subscribe:
        messages.success(request, _("Sie erhalten den Wochenbericht jeden Montag per E-Mail."))
    else:
        messages.info(request, _("Sie erhalten den Wochenbericht nicht mehr."))
    return redirect("dashboard:index")


@dashboard_page
@require_GET
def export_view(request: HttpRequest, table: str, fmt: str) -> HttpResponse:
    if table not in TABLES or fmt not in FORMATS:
        raise Http404
    form = filter_form(request)
    if not form.is_valid():
        return render(request, "dashboard/dashboard.html", {"form": form, "report": None}, status=400)
    return table_export(cached_report(form.to_filter()), name=table, fmt=fmt)


@dashboard_page
@require_GET
def snapshot_view(request: HttpRequest) -> HttpResponse:
    """A self-contained HTML file of the dashboard's figures and tables (no scripts, no external files)."""
    form = filter_form(request)
    if not form.is_valid():
        return render(request, "dashboard/dashboard.html", {"form": form, "report": None}, status=400)
    report = cached_report(form.to_filter())
    context = page_context(report)
    context.update(generated_at=timezone.localtime(), user=request.user)
    html = render_to_string("dashboard/snapshot.html", context, request=request)
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="dashboard-{stamp}.html"'
    return response
