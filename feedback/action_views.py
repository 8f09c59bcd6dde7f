"""Staff pages for improvement actions: board per department, create/edit, detail with links and impact."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts import roles
from accounts.guards import role_required
from accounts.models import User
from core.forms import add_service_errors, style_widgets
from feedback import services
from feedback.choices import ACTION_TRANSITIONS, ActionStatus
from feedback.filters import ImprovementActionFilter
from feedback.forms import ImprovementActionForm, LinkFeedbackForm, LinkObjectForm, TransitionForm
from feedback.impact import before_after
from feedback.models import ImprovementAction
from feedback.selectors import (
    action_board,
    action_links,
    actions_for_user,
    feedback_for_user,
    is_overdue,
)


def _actor(request: HttpRequest) -> User:
    return cast(User, request.user)


def _form_errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


@role_required(roles.CX_STAFF)
def action_list(request: HttpRequest) -> HttpResponse:
    filterset = ImprovementActionFilter(request.GET, queryset=actions_for_user(request.user), request=request)
    style_widgets(filterset.form)
    valid = filterset.is_valid()
    queryset = filterset.qs if valid else filterset.queryset.none()
    columns = action_board(queryset)
    for _status, _label, actions in columns:
        for action in actions:
            action.overdue = is_overdue(action)  # type: ignore[attr-defined]
    return render(
        request,
        "feedback/action_board.html",
        {"filter": filterset, "columns": columns, "can_write": roles.has_role(request.user, roles.LEADS)},
        status=200 if valid else 400,
    )


@role_required(roles.LEADS)
@require_http_methods(["GET", "POST"])
def action_create(request: HttpRequest) -> HttpResponse:
    form = ImprovementActionForm(request.POST or None, user=request.user)
    from_feedback = request.GET.get("feedback") or request.POST.get("from_feedback") or ""
    linked = feedback_for_user(request.user).filter(pk=int(from_feedback)).first() if from_feedback.isdigit() else None
    if linked and request.method == "GET":
        form.initial.setdefault("touchpoints", [linked.touchpoint_id])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            action = services.action_create(
                actor=_actor(request),
                title=data["title"],
                department=data["department"],
                description=data["description"],
                touchpoints=data["touchpoints"],
                owner=data["owner"],
                due_date=data["due_date"],
                expected_effect=data["expected_effect"],
                feedback=[linked] if linked else [],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Maßnahme angelegt."))
            return redirect("feedback:action-detail", pk=action.pk)
    return render(
        request,
        "feedback/action_form.html",
        {"form": form, "linked": linked, "action": None},
        status=400 if request.method == "POST" else 200,
    )


@role_required(roles.LEADS)
@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(actions_for_user(request.user), pk=pk)
    form = ImprovementActionForm(request.POST or None, instance=action, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_update(actor=_actor(request), action=action, changes=dict(form.cleaned_data))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Änderungen gespeichert."))
            return redirect("feedback:action-detail", pk=action.pk)
    return render(
        request,
        "feedback/action_form.html",
        {"form": form, "action": action, "linked": None},
        status=400 if request.method == "POST" else 200,
    )


@role_required(roles.CX_STAFF)
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(actions_for_user(request.user).prefetch_related("touchpoints"), pk=pk)
    impact = None
    if action.status == ActionStatus.DONE and action.done_at:
        impact = before_after(list(action.touchpoints.values_list("id", flat=True)), action.done_at)
    next_statuses = [(s, ActionStatus(s).label) for s in ActionStatus.values if s in ACTION_TRANSITIONS[action.status]]
    return render(
        request,
        "feedback/action_detail.html",
        {
            "action": action,
            "feedback_items": feedback_for_user(request.user).filter(improvement_actions=action),
            "links": action_links(action),
            "impact": impact,
            "next_statuses": next_statuses,
            "notices": action.notices.select_related("feedback"),
            "can_write": roles.has_role(request.user, roles.LEADS),
            "overdue": is_overdue(action),
            "link_feedback_form": LinkFeedbackForm(),
            "link_object_form": LinkObjectForm(),
        },
    )


def _writable_action(request: HttpRequest, pk: int) -> ImprovementAction:
    return get_object_or_404(actions_for_user(request.user), pk=pk)


@role_required(roles.LEADS)
@require_POST
def action_transition(request: HttpRequest, pk: int) -> HttpResponse:
    action = _writable_action(request, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Bitte wählen Sie einen gültigen Status."))
    else:
        try:
            services.action_transition(actor=_actor(request), action=action, to=form.cleaned_data["to"])
        except ValidationError as exc:
            _form_errors(request, exc)
        else:
            messages.success(request, _("Status geändert."))
    return redirect("feedback:action-detail", pk=pk)


@role_required(roles.LEADS)
@require_POST
def action_link_feedback(request: HttpRequest, pk: int) -> HttpResponse:
    action = _writable_action(request, pk)
    form = LinkFeedbackForm(request.POST)
    item = None
    if form.is_valid():
        item = feedback_for_user(request.user).filter(pk=form.cleaned_data["feedback_id"]).first()
    if item is None:
        messages.error(request, _("Kein Feedback mit dieser Nummer gefunden."))
    elif request.POST.get("remove"):
        services.action_unlink_feedback(actor=_actor(request), action=action, feedback=item)
        messages.success(request, _("Verknüpfung entfernt."))
    else:
        services.action_link_feedback(actor=_actor(request), action=action, feedback=item)
        messages.success(request, _("Feedback verknüpft."))
    next_url = request.POST.get("next")
    if next_url == "feedback" and item is not None:
        return redirect("feedback:detail", pk=item.pk)
    return redirect("feedback:action-detail", pk=pk)


@role_required(roles.LEADS)
@require_POST
def action_link_object(request: HttpRequest, pk: int) -> HttpResponse:
    action = _writable_action(request, pk)
    if request.POST.get("remove_link"):
        link_id = request.POST["remove_link"]
        if link_id.isdigit():
            services.action_unlink_object(actor=_actor(request), action=action, link_id=int(link_id))
            messages.success(request, _("Verknüpfung entfernt."))
        return redirect("feedback:action-detail", pk=pk)
    form = LinkObjectForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Bitte geben Sie Art und Nummer an."))
    else:
        try:
            services.action_link_object(
                actor=_actor(request),
                action=action,
                label=form.cleaned_data["label"],
                object_id=form.cleaned_data["object_id"],
            )
        except ValidationError as exc:
            _form_errors(request, exc)
        else:
            messages.success(request, _("Datensatz verknüpft."))
    return redirect("feedback:action-detail", pk=pk)
