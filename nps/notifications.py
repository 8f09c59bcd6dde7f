"""Closed loop: the owning department's managers hear about a detractor answer by email."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.choices import Role
from accounts.models import User
from nps.models import Response


def response_notify_department(*, response_id: int) -> int:
    """Email the managers of the response's department; returns how many were notified."""
    response = Response.objects.select_related("survey", "touchpoint", "department").filter(pk=response_id).first()
    if response is None or not response.needs_follow_up or response.department_id is None:
        return 0
    recipients = list(
        User.objects.filter(department_id=response.department_id, role=Role.MANAGER, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "response": response,
            "url": settings.SITE_URL
            + reverse("nps:response-list")
            + f"?survey={response.survey_id}&needs_follow_up=true",
        }
        subject = _("Kritische Bewertung (%(score)s) – bitte nachfassen") % {"score": response.score}
        text = render_to_string("nps/email/detractor.txt", context)
    message = EmailMultiAlternatives(subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=recipients)
    return message.send()
