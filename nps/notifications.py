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
from accounts.selectors import emails_by_language
from nps.models import Response


def response_notify_department(*, response_id: int) -> int:
    """Email the managers of the response's department, each in their language; returns how many were notified."""
    response = Response.objects.select_related("survey", "touchpoint", "department").filter(pk=response_id).first()
    if response is None or not response.needs_follow_up or response.department_id is None:
        return 0
    recipients = list(
        User.objects.filter(department_id=response.department_id, role=Role.MANAGER, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    url = settings.SITE_URL + reverse("nps:response-list") + f"?survey={response.survey_id}&needs_follow_up=true"
    sent = 0
    for language, emails in emails_by_language(recipients).items():
        with translation.override(language):
            subject = _("Kritische Bewertung (%(score)s) – bitte nachfassen") % {"score": response.score}
            text = render_to_string("nps/email/detractor.txt", {"response": response, "url": url})
        message = EmailMultiAlternatives(subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=emails)
        sent += message.send() and len(emails)
    return sent
