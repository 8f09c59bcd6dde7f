"""Staff pages: surveys with their statistics, waves with live sending progress, answers."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import roles
from accounts.guards import require_role, role_required
from accounts.scoping import scope_to_department
from core.filters import FilterSet
from core.forms import add_service_errors
from nps import config_services, selectors, services, stats
from nps.choices import NPS_KINDS, CampaignStatus, InvitationStatus
from nps.exports import responses_export
from nps.filters import ResponseFilterSet
from nps.forms import CampaignForm, page_filter_fields
from nps.models import Campaign, Invitation, Survey


def _filtered(filters: FilterSet, unfiltered: Any) -> Any:
    """The filtered rows, or all of them while the filter form has errors (the page shows them, status 400)."""
    return filters.qs if filters.is_bound and filters.is_valid() else unfiltered


def _status(filters: FilterSet) -> int:
    return 400 if filters.is_bound and not filters.is_valid() else 200


@role_required(roles.CX_STAFF)
def survey_list(request: HttpRequest) -> HttpResponse:
    by_survey = {
        row["survey"]: row
        for row in selectors.responses_visible_to(request.user)
        .values("survey")
        .annotate(
            promoters=Count("pk", filter=Q(category="promoter")),
            passives=Count("pk", filter=Q(category="passive")),
            detractors=Count("pk", filter=Q(category="detractor")),
        )
    }
    rows = []
    for survey in Survey.objects.select_related("touchpoint"):
        row = by_survey.get(survey.pk, {"promoters": 0, "passives": 0, "detractors": 0})
        counts = stats.Counts(row["promoters"], row["passives"], row["detractors"])
        rows.append({"survey": survey, "summary": stats.summarise(counts)})
    return render(request, "nps/survey_list.html", {"rows": rows})


@role_required(roles.CX_STAFF)
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey = get_object_or_404(Survey, pk=pk)
    scoped = selectors.responses_visible_to(request.user).filter(survey=survey)
    filters = ResponseFilterSet(request.GET or None, queryset=scoped)
    responses = _filtered(filters, scoped)
    period = "week" if request.GET.get("period") == "week" else "month"
    invitations = scope_to_department(
        Invitation.objects.filter(survey=survey), request.user, field="touchpoint__department"
    )
    summary = selectors.summary(responses, invitations)
    distribution = selectors.distribution(responses)
    trend = selectors.trend(responses, period=period)
    comments = responses.exclude(comment="").select_related("touchpoint")
    page = Paginator(comments, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "nps/survey_detail.html",
        {
            "survey": survey,
            "counts_for_nps": survey.kind in NPS_KINDS,
            "summary": summary,
            "filters": filters,
            "distribution": distribution,
            "distribution_rows": list(zip(range(11), distribution, strict=True)),
            "trend": trend,
            "period": period,
            "comments": page,
            "small_sample_limit": stats.SMALL_SAMPLE,
            "chart_data": {"distribution": distribution, "trend": trend},
        },
        status=_status(filters),
    )


@role_required(roles.OVERSEERS)
def campaign_list(request: HttpRequest) -> HttpResponse:
    campaigns = Campaign.objects.select_related("survey")[:200]
    return render(request, "nps/campaign_list.html", {"campaigns": campaigns})


@role_required(roles.ADMINS)
def campaign_create(request: HttpRequest) -> HttpResponse:
    actor = require_role(request, roles.ADMINS)
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = config_services.campaign_create(actor=actor, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Die Befragungswelle wurde angelegt. Prüfen Sie sie und starten Sie den Versand.")
            )
            return redirect("nps:campaign-detail", pk=campaign.pk)
    return render(request, "nps/campaign_form.html", {"form": form}, status=400 if form.errors else 200)


@role_required(roles.OVERSEERS)
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_object_or_404(Campaign.objects.select_related("survey", "touchpoint"), pk=pk)
    draft = campaign.status == CampaignStatus.DRAFT
    audience = services.campaign_audience(campaign).count() if draft else None
    failed = Invitation.objects.filter(campaign=campaign, status=InvitationStatus.FAILED)[:20]
    return render(
        request,
        "nps/campaign_detail.html",
        {
            "campaign": campaign,
            "progress": selectors.campaign_progress(campaign.pk),
            "audience": audience,
            "failed": failed,
            "can_launch": draft and roles.has_role(request.user, roles.ADMINS),
        },
    )


@role_required(roles.ADMINS)
@require_POST
def campaign_launch(request: HttpRequest, pk: int) -> HttpResponse:
    actor = require_role(request, roles.ADMINS)
    campaign = get_object_or_404(Campaign, pk=pk)
    try:
        result = services.campaign_launch(actor=actor, campaign=campaign)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _(
                "Versand gestartet: %(invited)s eingeladen, %(no_consent)s ohne Einwilligung, "
                "%(quarantine)s in der Kontaktsperrfrist, %(suppressed)s gesperrt."
            )
            % {
                "invited": result.invited,
                "no_consent": result.skipped_no_consent,
                "quarantine": result.skipped_quarantine,
                "suppressed": result.skipped_suppressed,
            },
        )
    return redirect("nps:campaign-detail", pk=pk)


@role_required(roles.OVERSEERS)
def campaign_progress(request: HttpRequest, pk: int) -> JsonResponse:
    campaign = get_object_or_404(Campaign, pk=pk)
    return JsonResponse({"status": campaign.status, **selectors.campaign_progress(campaign.pk)})


@role_required(roles.CX_STAFF)
def response_list(request: HttpRequest) -> HttpResponse:
    scoped = selectors.responses_visible_to(request.user).select_related("survey", "touchpoint", "department")
    filters = ResponseFilterSet(request.GET or None, queryset=scoped)
    responses = _filtered(filters, scoped)
    fmt = request.GET.get("export")
    if fmt in ("csv", "xlsx") and _status(filters) == 200:
        return responses_export(responses, fmt)
    page = Paginator(responses, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("export", None)
    context: dict[str, Any] = {
        "filters": filters,
        "filter_fields": page_filter_fields(filters.form),
        "page": page,
        "query": query.urlencode(),
    }
    return render(request, "nps/response_list.html", context, status=_status(filters))
