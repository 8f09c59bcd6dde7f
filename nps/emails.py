"""The survey email: HTML (score buttons as table cells, which Outlook and Gmail render) plus a text part.

The templates are rendered once per survey text, language and kind of mail with placeholders for the
personal parts (name, link token), which are filled in per message: a wave of 20,000 mails renders a handful
of templates instead of 40,000.
"""

from __future__ import annotations

import functools
import html
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from nps import tokens
from nps.models import Invitation

NAME = "\ue000NPS-NAME\ue000"
TOKEN = "NPSTOKENPLACEHOLDER"  # noqa: S105 - a placeholder, not a secret


def message_id(invitation: Invitation, sequence: int) -> str:
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"<nps-{invitation.pk}-{sequence}@{domain}>"


@functools.lru_cache(maxsize=256)
def _rendered(
    *,
    language: str,
    question: str,
    valid_days: int,
    reminder: bool,
    has_name: bool,
    site_url: str,
    company_name: str,
    company_address: str,
) -> tuple[str, str, str]:
    """(subject, text, html) with the NAME and TOKEN placeholders still in them."""
    with translation.override(language):
        context = {
            "name": NAME if has_name else "",
            "question": question,
            "scores": [(score, tokens.survey_url_for(TOKEN, score)) for score in range(11)],
            "optout_url": tokens.optout_url_for(TOKEN),
            "reminder": reminder,
            "company_name": company_name,
            "company_address": company_address,
            "valid_days": valid_days,
        }
        subject = (
            _("Erinnerung: Ihre Meinung ist uns wichtig")
            if reminder
            else _("Wie zufrieden sind Sie mit %(company)s?") % {"company": company_name}
        )
        return (
            str(subject),
            render_to_string("nps/email/invitation.txt", context),
            render_to_string("nps/email/invitation.html", context),
        )


def build_message(invitation: Invitation, *, sequence: int) -> EmailMultiAlternatives:
    """Invitation (sequence 0) or reminder (1…) in the customer's language."""
    customer = invitation.customer
    survey = invitation.survey
    language = customer.language if customer.language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    name = f"{customer.first_name} {customer.last_name}".strip()
    subject, text, html_body = _rendered(
        language=language,
        question=survey.question(language),
        valid_days=survey.link_valid_days,
        reminder=sequence > 0,
        has_name=bool(name),
        site_url=settings.SITE_URL,
        company_name=settings.COMPANY_NAME,
        company_address=settings.COMPANY_ADDRESS,
    )
    signed = tokens.sign(invitation.token)
    text = text.replace(TOKEN, signed).replace(NAME, name)
    html_body = html_body.replace(TOKEN, signed).replace(NAME, html.escape(name))
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[customer.email],
        headers={
            "Message-ID": message_id(invitation, sequence),
            "List-Unsubscribe": f"<{tokens.optout_url_for(signed)}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html_body, "text/html")
    return message
