from typing import Any

from django.conf import settings
from django.http import HttpRequest


def platform(request: HttpRequest) -> dict[str, Any]:
    return {
        "COMPANY_NAME": settings.COMPANY_NAME,
        "COMPANY_ADDRESS": settings.COMPANY_ADDRESS,
        "OUTBOX_ENABLED": settings.EMAIL_BACKEND == "core.mail.OutboxBackend",
    }
