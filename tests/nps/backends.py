"""Email backends for the sender tests: count connections, refuse some recipients, or be down."""

from __future__ import annotations

import smtplib
from collections.abc import Sequence
from typing import Any

from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.core.mail.message import EmailMessage

opened: list[int] = []
refuse: set[str] = set()


class CountingBackend(LocmemBackend):
    def open(self) -> bool:
        opened.append(1)
        return True

    def send_messages(self, messages: Sequence[EmailMessage]) -> int:
        for message in messages:
            if set(message.to) & refuse:
                raise smtplib.SMTPRecipientsRefused({message.to[0]: (550, b"no such user")})
        return super().send_messages(messages)


class DownBackend(LocmemBackend):
    def open(self) -> Any:
        raise ConnectionRefusedError(111, "Connection refused")


def reset() -> None:
    opened.clear()
    refuse.clear()
    mail.outbox = []
