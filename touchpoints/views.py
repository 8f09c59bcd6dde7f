from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from touchpoints.models import Journey, JourneyStage, Touchpoint


@login_required
def touchpoint_list(request: HttpRequest) -> HttpResponse:
    touchpoints = Touchpoint.objects.select_related("stage", "department")
    return render(request, "touchpoints/touchpoint_list.html", {"touchpoints": touchpoints})


@login_required
def journey_map(request: HttpRequest) -> HttpResponse:
    stages = JourneyStage.objects.prefetch_related("touchpoints__department")
    journeys = Journey.objects.prefetch_related("steps__touchpoint")
    return render(request, "touchpoints/journey_map.html", {"stages": stages, "journeys": journeys})
