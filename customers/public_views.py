"""Public consent pages (no login). GET only shows a button; POST changes the consent, so mail scanners
that follow links cannot confirm or withdraw anything."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from core.ratelimit import client_ip, ratelimit
from customers import services, tokens
from customers.choices import ConsentStatus
from customers.models import Consent, Customer


def _render(
    request: HttpRequest, template: str, context: dict[str, object], *, language: str | None, status: int = 200
) -> HttpResponse:
    """Speak the customer's language unless the visitor picked one with the language switcher."""
    if language and not request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME):
        with translation.override(language):
            response = render(request, template, context, status=status)
            response.headers.setdefault("Content-Language", language)
            return response
    return render(request, template, context, status=status)


@never_cache
@csrf_protect
@ratelimit("customers-consent-confirm", limit=20)
def consent_confirm(request: HttpRequest, token: str) -> HttpResponse:
    try:
        claim = tokens.read_confirm_token(token)
    except tokens.InvalidToken:
        return render(request, "customers/public/link_invalid.html", status=400)
    consent = Consent.objects.select_related("customer").filter(pk=claim.consent_id).first()
    language = consent.customer.language if consent else None
    if consent is None or consent.customer.is_erased:
        return _render(request, "customers/public/link_invalid.html", {}, language=language, status=400)
    if request.method == "POST":
        try:
            consent = services.consent_confirm(token=token, ip=client_ip(request))
        except ValidationError:
            return _render(request, "customers/public/link_invalid.html", {}, language=language, status=400)
        return _render(request, "customers/public/consent_confirmed.html", {"consent": consent}, language=language)
    if consent.status == ConsentStatus.GRANTED:
        return _render(request, "customers/public/consent_confirmed.html", {"consent": consent}, language=language)
    if (
        consent.status != ConsentStatus.PENDING
        or consent.requested_at is None
        or (consent.requested_at.isoformat() != claim.requested_at)
    ):
        return _render(request, "customers/public/link_invalid.html", {}, language=language, status=400)
    return _render(request, "customers/public/consent_confirm.html", {"consent": consent}, language=language)


@never_cache
@csrf_protect
@ratelimit("customers-consent-withdraw", limit=20)
def consent_withdraw(request: HttpRequest, token: str) -> HttpResponse:
    try:
        claim = tokens.read_withdraw_token(token)
    except tokens.InvalidToken:
        return render(request, "customers/public/link_invalid.html", status=400)
    customer = Customer.objects.filter(pk=claim.customer_id).first()
    if customer is None:
        return render(request, "customers/public/link_invalid.html", status=400)
    language = customer.language
    if request.method == "POST":
        services.consent_withdraw(
            customer=customer,
            purpose=claim.purpose,
            source="withdraw-link",
            ip=client_ip(request),
            suppress=request.POST.get("suppress") == "1",
        )
        return _render(request, "customers/public/consent_withdrawn.html", {"customer": customer}, language=language)
    consent = Consent.objects.filter(customer=customer, purpose=claim.purpose).first()
    already = consent is None or consent.status == ConsentStatus.WITHDRAWN
    return _render(
        request,
        "customers/public/consent_withdraw.html",
        {"customer": customer, "already_withdrawn": already, "consent": consent},
        language=language,
    )
