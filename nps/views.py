"""Staff pages: surveys with their statistics, waves with live sending progress, answers."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.choices import Role
from nps import selectors, services, stats
from nps.api.permissions import NPS_OVERSEERS, NPS_READERS
from nps.choices import NPS_KINDS, InvitationStatus
from nps.exports import export_response
from nps.filters import ResponseFilterSet
from nps.forms import CampaignForm
from nps.models import Campaign, Invitation, Survey


def _require(request: HttpRequest, roles: frozenset[str]) -> None:
    if request.user.effective_role not in roles:  # type: ignore[union-attr]
        raise PermissionDenied


@login_required
def survey_list(request: HttpRequest) -> HttpResponse:
    _require(request, NPS_READERS)
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


@login_required
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, NPS_READERS)
    survey = get_object_or_404(Survey, pk=pk)
    scoped = selectors.responses_visible_to(request.user).filter(survey=survey)
    filters = ResponseFilterSet(request.GET or None, queryset=scoped)
    responses = filters.qs if filters.is_bound and filters.is_valid() else scoped
    period = "week" if request.GET.get("period") == "week" else "month"
    invitations = Invitation.objects.filter(survey=survey)
    user: Any = request.user
    if not user.sees_all_departments:
        invitations = invitations.filter(touchpoint__department_id=user.department_id)
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
    )


@login_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    _require(request, NPS_OVERSEERS)
    campaigns = Campaign.objects.select_related("survey")[:200]
    return render(request, "nps/campaign_list.html", {"campaigns": campaigns})


@login_required
def campaign_create(request: HttpRequest) -> HttpResponse:
    _require(request, frozenset({Role.CX_ADMIN}))
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        campaign = form.save(commit=False)
        campaign.created_by = request.user
        campaign.save()
        messages.success(request, _("Die Befragungswelle wurde angelegt. Prüfen Sie sie und starten Sie den Versand."))
        return redirect("nps:campaign-detail", pk=campaign.pk)
    return render(request, "nps/campaign_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, NPS_OVERSEERS)
    campaign = get_object_or_404(Campaign.objects.select_related("survey", "touchpoint"), pk=pk)
    audience = services.campaign_audience(campaign).count() if campaign.status == "draft" else None
    failed = Invitation.objects.filter(campaign=campaign, status=InvitationStatus.FAILED)[:20]
    return render(
        request,
        "nps/campaign_detail.html",
        {
            "campaign": campaign,
            "progress": selectors.campaign_progress(campaign.pk),
            "audience": audience,
            "failed": failed,
            "can_launch": request.user.effective_role == Role.CX_ADMIN and campaign.status == "draft",  # type: ignore[union-attr]
        },
    )


@login_required
@require_POST
def campaign_launch(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, frozenset({Role.CX_ADMIN}))
    campaign = get_object_or_404(Campaign, pk=pk)
    try:
        result = services.campaign_launch(campaign=campaign)
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


@login_required
def campaign_progress(request: HttpRequest, pk: int) -> JsonResponse:
    _require(request, NPS_OVERSEERS)
    campaign = get_object_or_404(Campaign, pk=pk)
    return JsonResponse({"status": campaign.status, **selectors.campaign_progress(campaign.pk)})


@login_required
def response_list(request: HttpRequest) -> HttpResponse:
    _require(request, NPS_READERS)
    scoped = selectors.responses_visible_to(request.user).select_related("survey", "touchpoint", "department")
    filters = ResponseFilterSet(request.GET or None, queryset=scoped)
    for field in filters.form.fields.values():
        css = "form-select" if getattr(field.widget, "input_type", "") == "select" else "form-control"
        field.widget.attrs.setdefault("class", css)
    responses = filters.qs if filters.is_bound and filters.is_valid() else scoped
    fmt = request.GET.get("export")
    if fmt in ("csv", "xlsx"):
        return export_response(responses, fmt)
    page = Paginator(responses, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context: dict[str, Any] = {"filters": filters, "page": page, "query": query.urlencode()}
    return render(request, "nps/response_list.html", context)
