"""Staff pages: every role reads the touchpoint list, detail and journey map; CX admins edit (403 for others)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts import roles
from accounts.guards import role_required
from core.forms import add_service_errors
from touchpoints import selectors, services
from touchpoints.filters import TouchpointFilterSet
from touchpoints.forms import (
    JourneyForm,
    JourneyStageForm,
    StepAddForm,
    StepExpectationForm,
    TouchpointForm,
)
from touchpoints.models import Journey, JourneyStage, Touchpoint
from touchpoints.panels import render_panels

admin_required = role_required(roles.ADMINS)


def _can_edit(request: HttpRequest) -> bool:
    return roles.has_role(request.user, roles.ADMINS)


def _status(form: Any) -> int:
    """A re-shown form after an invalid POST answers 400, so clients and tests see the refusal."""
    return 400 if form.is_bound and form.errors else 200


# --- Reading pages (every staff role) ------------------------------------------------------------------------


@role_required(roles.EVERYONE)
def touchpoint_list(request: HttpRequest) -> HttpResponse:
    filterset = TouchpointFilterSet(request.GET, queryset=selectors.touchpoint_list())
    touchpoints = filterset.qs if filterset.is_valid() else selectors.touchpoint_list().none()
    return render(
        request,
        "touchpoints/touchpoint_list.html",
        {"filterset": filterset, "touchpoints": touchpoints, "can_edit": _can_edit(request)},
    )


@role_required(roles.EVERYONE)
def touchpoint_detail(request: HttpRequest, pk: int) -> HttpResponse:
    touchpoint = get_object_or_404(selectors.touchpoint_list(), pk=pk)
    panels = [mark_safe(html) for html in render_panels(request, touchpoint)]  # noqa: S308 - panels render templates
    return render(
        request,
        "touchpoints/touchpoint_detail.html",
        {
            "touchpoint": touchpoint,
            "steps": selectors.touchpoint_journey_steps(touchpoint=touchpoint),
            "panels": panels,
            "can_edit": _can_edit(request),
        },
    )


@role_required(roles.EVERYONE)
def journey_map(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "touchpoints/journey_map.html",
        {
            "columns": selectors.journey_map_columns(),
            "journeys": selectors.journey_list(),
            "can_edit": _can_edit(request),
        },
    )


# --- Touchpoint forms (CX admins) ---------------------------------------------------------------------------


@admin_required
@require_http_methods(["GET", "POST"])
def touchpoint_create(request: HttpRequest) -> HttpResponse:
    form = TouchpointForm(request.POST or None, initial={"stage": request.GET.get("stage")})
    if request.method == "POST" and form.is_valid():
        try:
            touchpoint = services.touchpoint_create(**form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Der Kontaktpunkt „%(name)s“ wurde angelegt.") % {"name": touchpoint.name})
            return redirect("touchpoints:detail", pk=touchpoint.pk)
    return render(request, "touchpoints/touchpoint_form.html", {"form": form, "touchpoint": None}, status=_status(form))


@admin_required
@require_http_methods(["GET", "POST"])
def touchpoint_edit(request: HttpRequest, pk: int) -> HttpResponse:
    touchpoint = get_object_or_404(Touchpoint, pk=pk)
    form = TouchpointForm(request.POST or None, instance=touchpoint)
    if request.method == "POST" and form.is_valid():
        try:
            services.touchpoint_update(touchpoint=touchpoint, changes=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Die Änderungen wurden gespeichert."))
            return redirect("touchpoints:detail", pk=touchpoint.pk)
    return render(
        request, "touchpoints/touchpoint_form.html", {"form": form, "touchpoint": touchpoint}, status=_status(form)
    )


# --- Journey stages (CX admins) -----------------------------------------------------------------------------


@admin_required
@require_http_methods(["GET", "POST"])
def stage_list(request: HttpRequest) -> HttpResponse:
    form = JourneyStageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            stage = services.stage_create(**form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Die Phase „%(name)s“ wurde angelegt.") % {"name": stage.name})
            return redirect("touchpoints:stage-list")
    stages = JourneyStage.objects.order_by("order", "name")
    return render(request, "touchpoints/stage_list.html", {"form": form, "stages": stages}, status=_status(form))


@admin_required
@require_http_methods(["GET", "POST"])
def stage_edit(request: HttpRequest, pk: int) -> HttpResponse:
    stage = get_object_or_404(JourneyStage, pk=pk)
    form = JourneyStageForm(request.POST or None, instance=stage)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if data.get("order") is None:
            data.pop("order", None)
        try:
            services.stage_update(stage=stage, changes=data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Die Änderungen wurden gespeichert."))
            return redirect("touchpoints:stage-list")
    return render(request, "touchpoints/stage_form.html", {"form": form, "stage": stage}, status=_status(form))


@admin_required
@require_POST
def stage_move(request: HttpRequest, pk: int) -> HttpResponse:
    stage = get_object_or_404(JourneyStage, pk=pk)
    offset = -1 if request.POST.get("direction") == "up" else 1
    services.stage_move(stage=stage, offset=offset)
    return redirect("touchpoints:stage-list")


# --- Journeys (CX admins) -----------------------------------------------------------------------------------


@admin_required
def journey_list(request: HttpRequest) -> HttpResponse:
    return render(request, "touchpoints/journey_list.html", {"journeys": selectors.journey_list()})


@admin_required
@require_http_methods(["GET", "POST"])
def journey_create(request: HttpRequest) -> HttpResponse:
    form = JourneyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            journey = services.journey_create(**form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Die Kundenreise wurde angelegt. Fügen Sie nun die Schritte hinzu."))
            return redirect("touchpoints:journey-edit", pk=journey.pk)
    return render(request, "touchpoints/journey_create.html", {"form": form}, status=_status(form))


def _render_editor(
    request: HttpRequest,
    journey: Journey,
    *,
    form: JourneyForm | None = None,
    add_form: StepAddForm | None = None,
    step_error: str = "",
) -> HttpResponse:
    invalid = bool(step_error or (form is not None and form.errors) or (add_form is not None and add_form.errors))
    context = {
        "journey": journey,
        "form": form or JourneyForm(instance=journey),
        "add_form": add_form or StepAddForm(),
        "steps": journey.steps.select_related("touchpoint__stage").order_by("order", "pk"),
        "step_error": step_error,
    }
    return render(request, "touchpoints/journey_editor.html", context, status=400 if invalid else 200)


@admin_required
@require_http_methods(["GET", "POST"])
def journey_edit(request: HttpRequest, pk: int) -> HttpResponse:
    journey = get_object_or_404(Journey, pk=pk)
    if request.method != "POST":
        return _render_editor(request, journey)
    form = JourneyForm(request.POST, instance=journey)
    if form.is_valid():
        try:
            services.journey_update(journey=journey, changes=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Die Änderungen wurden gespeichert."))
            return redirect("touchpoints:journey-edit", pk=journey.pk)
    journey.refresh_from_db()
    return _render_editor(request, journey, form=form)


@admin_required
@require_POST
def journey_steps(request: HttpRequest, pk: int) -> HttpResponse:
    """One endpoint for the editor's step buttons: add, remove, up, down, update (plain POST forms, no JS)."""
    journey = get_object_or_404(Journey, pk=pk)
    action = request.POST.get("action", "")
    try:
        if action == "add":
            add_form = StepAddForm(request.POST)
            if not add_form.is_valid():
                return _render_editor(request, journey, add_form=add_form)
            services.journey_step_add(
                journey=journey,
                touchpoint=add_form.cleaned_data["touchpoint"],
                expectation=add_form.cleaned_data["expectation"],
            )
        elif action in {"remove", "up", "down", "update"}:
            step_id = _step_id(request)
            if action == "remove":
                services.journey_step_remove(journey=journey, step_id=step_id)
            elif action == "update":
                expectation_form = StepExpectationForm(request.POST)
                if not expectation_form.is_valid():
                    return _render_editor(request, journey, step_error=_("Die Erwartung ist zu lang."))
                services.journey_step_update(
                    journey=journey, step_id=step_id, expectation=expectation_form.cleaned_data["expectation"]
                )
            else:
                services.journey_step_move(journey=journey, step_id=step_id, offset=-1 if action == "up" else 1)
        else:
            return _render_editor(request, journey, step_error=_("Unbekannte Aktion."))
    except ValidationError as exc:
        return _render_editor(request, journey, step_error=" ".join(exc.messages))
    return redirect("touchpoints:journey-edit", pk=journey.pk)


def _step_id(request: HttpRequest) -> int:
    try:
        return int(request.POST.get("step", ""))
    except ValueError as exc:
        raise ValidationError({"step": _("Bitte wählen Sie einen Schritt.")}) from exc


@admin_required
@require_POST
def journey_delete(request: HttpRequest, pk: int) -> HttpResponse:
    journey = get_object_or_404(Journey, pk=pk)
    name = journey.name
    services.journey_delete(journey=journey)
    messages.success(request, _("Die Kundenreise „%(name)s“ wurde gelöscht.") % {"name": name})
    return redirect("touchpoints:journey-list")
