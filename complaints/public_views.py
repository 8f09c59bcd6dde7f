"""Public pages (no login): the complaint form /c/new/ and the status page /c/{token}/."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from accounts.models import Department
from complaints import resolution_services, services
from complaints.choices import CaseChannel, CaseEventKind, CaseStatus
from complaints.forms import AcceptanceForm, PublicComplaintForm
from complaints.models import Case
from complaints.tokens import case_id_from_token, status_token
from core.ratelimit import client_ip, ratelimit

logger = logging.getLogger(__name__)


def intake_department() -> Department | None:
    slug = getattr(settings, "COMPLAINTS_INTAKE_DEPARTMENT", "")
    return Department.objects.filter(slug=slug).first() or Department.objects.order_by("id").first()


def _request_consent(case: Case, ip: str) -> None:
    from customers.services import consent_request_double_opt_in

    if case.customer is None:
        return
    try:
        consent_request_double_opt_in(customer=case.customer, source="complaint_form", ip=ip)
    except ValidationError:
        logger.info("consent request refused", extra={"case_id": case.pk})


@never_cache
@csrf_protect
@ratelimit("complaints-public", limit=getattr(settings, "COMPLAINTS_PUBLIC_RATE_LIMIT", 5), window_seconds=60)
def public_complaint_view(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = PublicComplaintForm(request.POST)
        if form.is_valid():
            if form.is_spam():
                logger.info("public complaint rejected as spam", extra={"ip": client_ip(request)})
                form.add_error(None, _("Ihre Eingabe konnte nicht angenommen werden. Bitte versuchen Sie es erneut."))
            else:
                d = form.cleaned_data
                touchpoint = d["touchpoint"]
                try:
                    with transaction.atomic():
                        case = services.case_create(
                            actor=None,
                            channel=CaseChannel.WEB_FORM,
                            description=d["description"],
                            remedy_sought=d["remedy_sought"],
                            contact=services.ContactDetails(
                                email=d["email"],
                                first_name=d["first_name"],
                                last_name=d["last_name"],
                                language=(request.LANGUAGE_CODE or "de")[:2],
                            ),
                            touchpoint=touchpoint,
                            category=d["category"],
                            department=None if touchpoint else intake_department(),
                            survey_consent=d["survey_consent"],
                        )
                        if d["survey_consent"]:
                            _request_consent(case, client_ip(request))
                except ValidationError as exc:
                    for field, errors in exc.message_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    return redirect("complaints_public:status", token=status_token(case.pk))
        # Fresh timestamp for the next attempt.
        data = request.POST.copy()
        data["form_ts"] = PublicComplaintForm().initial["form_ts"]
        form.data = data
        return render(request, "complaints/public_form.html", {"form": form}, status=400)
    return render(request, "complaints/public_form.html", {"form": PublicComplaintForm()})


@never_cache
@csrf_protect
@ratelimit("complaints-status", limit=30, window_seconds=60)
def public_status_view(request: HttpRequest, token: str) -> HttpResponse:
    case_id = case_id_from_token(token)
    case = Case.objects.filter(pk=case_id).select_related("merged_into").first() if case_id else None
    if case is None:
        return render(request, "complaints/public_invalid.html", status=404)
    if case.status == CaseStatus.MERGED and case.merged_into is not None:
        return redirect("complaints_public:status", token=status_token(case.merged_into.pk))
    form = AcceptanceForm()
    can_answer = case.status in (CaseStatus.RESOLVED, CaseStatus.REJECTED) and case.customer_acceptance == "pending"
    if request.method == "POST":
        form = AcceptanceForm(request.POST)
        if can_answer and form.is_valid():
            resolution_services.case_record_acceptance(
                case_id=case.pk, accepted=form.cleaned_data["accepted"], comment=form.cleaned_data["comment"]
            )
            return redirect("complaints_public:status", token=token)
        if not can_answer:
            form.add_error(None, _("Zu diesem Fall ist keine Rückmeldung möglich."))
    replies = case.events.filter(kind=CaseEventKind.REPLY, public=True).order_by("created_at")
    return render(
        request,
        "complaints/public_status.html",
        {"case": case, "replies": replies, "form": form, "can_answer": can_answer},
        status=400 if form.errors else 200,
    )
