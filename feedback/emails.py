"""Customer emails of the feedback app (HTML + text, in the customer's language)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from feedback.models import Feedback, ImprovementAction


def send_you_said_we_did(*, action: ImprovementAction, feedback: Feedback, email: str, language: str) -> None:
    with translation.override(language if language in ("de", "en") else "de"):
        context = {
            "action": action,
            "feedback": feedback,
            "name": feedback.contact_name or (feedback.customer.first_name if feedback.customer else ""),
            "touchpoint": feedback.touchpoint,
            "company": settings.COMPANY_NAME,
            "company_address": settings.COMPANY_ADDRESS,
            "form_url": f"{settings.SITE_URL}/f/{feedback.touchpoint.slug}/",
        }
        subject = render_to_string("feedback/email/you_said_we_did_subject.txt", context).strip()
        text = render_to_string("feedback/email/you_said_we_did.txt", context)
        html = render_to_string("feedback/email/you_said_we_did.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[email])
    message.attach_alternative(html, "text/html")
    message.send()
