"""Email backend for the embedded default: keeps every message in the database (viewable at /outbox/)."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage, EmailMultiAlternatives


class OutboxBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        from core.models import OutboxEmail

        sent = 0
        for message in email_messages:
            html = ""
            if isinstance(message, EmailMultiAlternatives):
                for content, mimetype in message.alternatives:
                    if mimetype == "text/html":
                        html = str(content)
            OutboxEmail.objects.create(
                subject=str(message.subject),
                from_email=message.from_email or "",
                to=", ".join(message.recipients()),
                body_text=str(message.body),
                body_html=html,
                headers={k: str(v) for k, v in (message.extra_headers or {}).items()},
            )
            sent += 1
        return sent
