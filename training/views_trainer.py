"""Trainer pages: courses, sessions with enrolment and attendance list, record entry, CSV import, requirements."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from training import access, imports, services
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

View = Callable[..., HttpResponse]


def trainer_required(view: View) -> View:
    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not access.can_manage(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _apply_errors(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


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
                course = services.course_create(competences=pairs, **fields)
            else:
                course = services.course_update(course=course, competences=pairs, **fields)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Die Schulung wurde gespeichert."))
            return redirect("training:courses")
    return render(request, "training/course_form.html", {"form": form, "formset": formset, "course": course})


@trainer_required
def session_list(request: HttpRequest) -> HttpResponse:
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        session = form.save()
        messages.success(request, _("Der Termin wurde angelegt."))
        return redirect("training:session", pk=session.pk)
    sessions = TrainingSession.objects.select_related("course", "trainer").prefetch_related("enrolments")[:200]
    return render(request, "training/session_list.html", {"sessions": sessions, "form": form})


@trainer_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(TrainingSession.objects.select_related("course", "trainer"), pk=pk)
    enrol_form = EnrolForm(request.POST if "enrol" in request.POST else None)
    attendance = AttendanceForm(request.POST if "attendance" in request.POST else None, session=session)
    if "enrol" in request.POST and enrol_form.is_valid():
        try:
            services.session_enrol(session=session, employee=enrol_form.cleaned_data["employee"])
        except ValidationError as exc:
            _apply_errors(enrol_form, exc)
        else:
            messages.success(request, _("Die Anmeldung wurde gespeichert."))
            return redirect("training:session", pk=session.pk)
    if "attendance" in request.POST and attendance.is_valid():
        try:
            records = services.session_record_attendance(
                session=session,
                attendees=attendance.attendees(),
                completed_at=attendance.cleaned_data["completed_at"],
                created_by=request.user,  # type: ignore[arg-type]
            )
        except ValidationError as exc:
            _apply_errors(attendance, exc)
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
    return render(request, "training/session_detail.html", context)


@trainer_required
def record_new(request: HttpRequest) -> HttpResponse:
    form = RecordForm(request.POST or None, initial={"session": request.GET.get("session")})
    if request.method == "POST" and form.is_valid():
        try:
            record = services.record_create(data=form.record_input(), created_by=request.user)  # type: ignore[arg-type]
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Der Nachweis für %(name)s wurde gespeichert.") % {"name": record.employee})
            return redirect("training:record-new")
    return render(request, "training/record_form.html", {"form": form})


@trainer_required
def record_import(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = imports.records_import_csv(file=form.cleaned_data["file"], created_by=request.user)  # type: ignore[arg-type]
        if not result.errors:
            messages.success(request, _("%(n)s Nachweise wurden importiert.") % {"n": result.created})
            return redirect("training:import")
    return render(request, "training/record_import.html", {"form": form, "result": result})


@trainer_required
def requirement_list(request: HttpRequest) -> HttpResponse:
    form = RequirementForm(request.POST or None)
    if request.method == "POST" and "delete" in request.POST:
        pk = request.POST["delete"]
        Requirement.objects.filter(pk=int(pk) if pk.isdigit() else 0).delete()
        messages.success(request, _("Die Anforderung wurde gelöscht."))
        return redirect("training:requirements")
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Die Anforderung wurde gespeichert."))
        return redirect("training:requirements")
    requirements = Requirement.objects.select_related("competence", "department", "touchpoint")
    return render(request, "training/requirement_list.html", {"requirements": requirements, "form": form})
