"""Emails of the complaint process: acknowledgement and public replies to the customer, SLA alerts to staff."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.selectors import emails_by_language
from complaints.models import Case
from complaints.tokens import status_url


def _send(*, template: str, subject: str, to: Sequence[str], context: dict[str, Any]) -> None:
    context = {**context, "COMPANY_NAME": settings.COMPANY_NAME, "COMPANY_ADDRESS": settings.COMPANY_ADDRESS}
    text = render_to_string(f"complaints/email/{template}.txt", context)
    html = render_to_string(f"complaints/email/{template}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=list(to))
    message.attach_alternative(html, "text/html")
    message.send()


def customer_address(case: Case) -> tuple[str, str]:
    """(email, language) of the case's customer; empty email when there is none or the profile was erased."""
    customer = case.customer
    if customer is None or customer.is_erased or not customer.email:
        return "", settings.LANGUAGE_CODE
    return customer.email, customer.language or settings.LANGUAGE_CODE


def send_acknowledgement(case: Case) -> bool:
    email, language = customer_address(case)
    if not email:
        return False
    with translation.override(language):
        _send(
            template="acknowledgement",
            subject=_("Ihre Beschwerde %(reference)s ist bei uns eingegangen") % {"reference": case.reference},
            to=[email],
            context={"case": case, "customer": case.customer, "status_url": status_url(case.pk)},
        )
    return True


def send_public_reply(case: Case, *, text: str) -> bool:
    email, language = customer_address(case)
    if not email:
        return False
    with translation.override(language):
        _send(
            template="public_reply",
            subject=_("Neue Nachricht zu Ihrer Beschwerde %(reference)s") % {"reference": case.reference},
            to=[email],
            context={"case": case, "customer": case.customer, "text": text, "status_url": status_url(case.pk)},
        )
    return True


def send_sla_alert(case: Case, *, recipients: Sequence[str], clock_label: str, level_label: str, due: Any) -> None:
    """One alert per language of the recipients' accounts; the labels are translated in each."""
    for language, emails in emails_by_language(recipients).items():
        with translation.override(language):
            clock, level = _(clock_label), _(level_label)
            _send(
                template="sla_alert",
                subject=_("Frist %(clock)s · %(reference)s: %(level)s")
                % {"clock": clock, "reference": case.reference, "level": level},
                to=emails,
                context={
                    "case": case,
                    "clock_label": clock,
                    "level_label": level,
                    "due": due,
                    "case_url": settings.SITE_URL + case_path(case),
                },
            )


def case_path(case: Case) -> str:
    from django.urls import reverse

    return reverse("complaints:detail", args=[case.pk])
