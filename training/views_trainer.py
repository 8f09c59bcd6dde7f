"""Trainer pages: courses, sessions with enrolment and attendance list, record entry, CSV import, requirements."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts import roles
from accounts.guards import role_required
from accounts.models import User
from core.forms import add_service_errors
from training import imports, services
from training.forms import (
    AttendanceForm,
    CourseCompetenceFormSet,
    CourseForm,
    EnrolForm,
    ImportForm,
    RecordForm,
    RequirementForm,
    SessionForm,
)
from training.models import Course, Requirement, TrainingSession

trainer_required = role_required(roles.TRAINING_MANAGERS)


def _actor(request: HttpRequest) -> User:
    return cast(User, request.user)


def _status(request: HttpRequest) -> int:
    """A page shown again after a POST shows the errors of bad input: 400 (a good POST redirects)."""
    return 400 if request.method == "POST" else 200


@trainer_required
def course_list(request: HttpRequest) -> HttpResponse:
    courses = Course.objects.prefetch_related("course_competences__competence").order_by("-active", "title")
    return render(request, "training/course_list.html", {"courses": courses})


@trainer_required
def course_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    course = get_object_or_404(Course, pk=pk) if pk else None
    form = CourseForm(request.POST or None, instance=course)
    formset = CourseCompetenceFormSet(request.POST or None, instance=course or Course(), prefix="competences")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        pairs = [
            (f.cleaned_data["competence"], f.cleaned_data["level"])
            for f in formset.forms
            if f.cleaned_data.get("competence") and not f.cleaned_data.get("DELETE")
        ]
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            if course is None:
                course = services.course_create(actor=_actor(request), competences=pairs, **fields)
            else:
                course = services.course_update(
                    actor=_actor(request), course=course, changes={**fields, "competences": pairs}
                )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Die Schulung wurde gespeichert."))
            return redirect("training:courses")
    context = {"form": form, "formset": formset, "course": course}
    return render(request, "training/course_form.html", context, status=_status(request))


@trainer_required
def session_list(request: HttpRequest) -> HttpResponse:
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_create(actor=_actor(request), **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Der Termin wurde angelegt."))
            return redirect("training:session", pk=session.pk)
    sessions = TrainingSession.objects.select_related("course", "trainer").prefetch_related("enrolments")[:200]
    return render(request, "training/session_list.html", {"sessions": sessions, "form": form}, status=_status(request))


@trainer_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(TrainingSession.objects.select_related("course", "trainer"), pk=pk)
    enrol_form = EnrolForm(request.POST if "enrol" in request.POST else None)
    attendance = AttendanceForm(request.POST if "attendance" in request.POST else None, session=session)
    if "enrol" in request.POST and enrol_form.is_valid():
        try:
            services.session_enrol(
                actor=_actor(request), session=session, employee=enrol_form.cleaned_data["employee"]
            )
        except ValidationError as exc:
            add_service_errors(enrol_form, exc)
        else:
            messages.success(request, _("Die Anmeldung wurde gespeichert."))
            return redirect("training:session", pk=session.pk)
    if "attendance" in request.POST and attendance.is_valid():
        try:
            records = services.session_record_attendance(
                actor=_actor(request),
                session=session,
                attendees=attendance.attendees(),
                completed_at=attendance.cleaned_data["completed_at"],
            )
        except ValidationError as exc:
            add_service_errors(attendance, exc)
        else:
            messages.success(
                request,
                ngettext("%(n)d Nachweis wurde gespeichert.", "%(n)d Nachweise wurden gespeichert.", len(records))
                % {"n": len(records)},
            )
            return redirect("training:session", pk=session.pk)
    context = {
        "session": session,
        "enrol_form": enrol_form,
        "attendance": attendance,
        "records": session.records.select_related("employee"),
        "recorded_ids": set(session.records.values_list("employee_id", flat=True)),
    }
    return render(request, "training/session_detail.html", context, status=_status(request))


@trainer_required
def record_new(request: HttpRequest) -> HttpResponse:
    form = RecordForm(request.POST or None, initial={"session": request.GET.get("session")})
    if request.method == "POST" and form.is_valid():
        try:
            record = services.record_create(actor=_actor(request), data=form.record_input())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Der Nachweis für %(name)s wurde gespeichert.") % {"name": record.employee})
            return redirect("training:record-new")
    return render(request, "training/record_form.html", {"form": form}, status=_status(request))


@trainer_required
def record_import(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = imports.records_import_csv(actor=_actor(request), file=form.cleaned_data["file"])
        if not result.errors:
            messages.success(request, _("%(n)s Nachweise wurden importiert.") % {"n": result.created})
            return redirect("training:import")
    context = {"form": form, "result": result}
    return render(request, "training/record_import.html", context, status=_status(request))


@trainer_required
def requirement_list(request: HttpRequest) -> HttpResponse:
    form = RequirementForm(request.POST if "delete" not in request.POST else None)
    if request.method == "POST" and "delete" in request.POST:
        pk = request.POST["delete"]
        requirement = get_object_or_404(Requirement, pk=int(pk) if pk.isdigit() else 0)
        services.requirement_delete(actor=_actor(request), requirement=requirement)
        messages.success(request, _("Die Anforderung wurde gelöscht."))
        return redirect("training:requirements")
    if request.method == "POST" and form.is_valid():
        try:
            services.requirement_create(actor=_actor(request), **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Die Anforderung wurde gespeichert."))
            return redirect("training:requirements")
    requirements = Requirement.objects.select_related("competence", "department", "touchpoint")
    context = {"requirements": requirements, "form": form}
    return render(request, "training/requirement_list.html", context, status=_status(request))
