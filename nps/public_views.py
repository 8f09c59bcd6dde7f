"""Public pages without login: the answer page behind the email links and the opt-out page.

Both are exempt from CSRF: the unguessable, signed token in the URL is the secret a forged request would
need, and mail clients open these links in browsers without our cookies. A bare GET never records anything.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from core.ratelimit import client_ip, hit
from nps import services, tokens
from nps.models import Invitation, Response


def _limited(scope: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Per-address limit on POSTs, read from settings at request time."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method == "POST" and not hit(
                f"{scope}:{client_ip(request)}", limit=settings.NPS_PUBLIC_RATE_LIMIT, window_seconds=60
            ):
                message = _("Zu viele Anfragen. Bitte versuchen Sie es in einer Minute erneut.")
                response = render(request, "core/rate_limited.html", {"message": message}, status=429)
                response["Retry-After"] = "60"
                return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def _invitation(signed: str) -> Invitation | None:
    token = tokens.unsign(signed)
    if token is None:
        return None
    return Invitation.objects.select_related("survey", "customer", "response").filter(token=token).first()


def _existing(invitation: Invitation) -> Response | None:
    """The invitation's response: joined by _invitation() (select_related "response"), else read now."""
    try:
        return invitation.response
    except Response.DoesNotExist:
        return None


def _activate_language(request: HttpRequest, invitation: Invitation) -> None:
    """The customer's language unless the visitor picked one with the language switcher."""
    language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) or invitation.customer.language or "de"
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    translation.activate(language)
    request.LANGUAGE_CODE = language


def _unavailable(request: HttpRequest, reason: str) -> HttpResponse:
    status = 404 if reason == "unknown" else 410
    # Rendered lazily by the handler: when returned from inside the answer's transaction, after its commit.
    return TemplateResponse(request, "nps/public/unavailable.html", {"reason": reason}, status=status)


def _score_param(value: str | None) -> int | None:
    if value is None or not value.strip().isdigit():
        return None
    score = int(value)
    return score if 0 <= score <= 10 else None


@csrf_exempt
@never_cache
@_limited("nps-answer")
def answer(request: HttpRequest, token: str) -> HttpResponse:
    if request.method == "POST" and connection.features.has_select_for_update:
        # One transaction from the link lookup to the write: the lookup is the row lock, and it reads the survey,
        # the customer and the touchpoint in the same statement (one round trip fewer than lookup, then lock).
        signed_token = tokens.unsign(token)
        with transaction.atomic():
            invitation = services.invitation_lock_for_answer(token=signed_token) if signed_token else None
            if invitation is None:
                return _unavailable(request, "unknown")
            _activate_language(request, invitation)
            outcome = _post(request, invitation, locked=True)
        # The form again (bad input), after the transaction: a failed write may have marked it for rollback.
        return (
            outcome
            if isinstance(outcome, HttpResponse)
            else _form(request, invitation, *outcome, _existing(invitation))
        )
    # GET, and POST on SQLite (no row locks: response_submit reads again and retries a locked database itself).
    invitation = _invitation(token)
    if invitation is None:
        return _unavailable(request, "unknown")
    _activate_language(request, invitation)
    if request.method == "POST":
        outcome = _post(request, invitation, locked=False)
        return (
            outcome
            if isinstance(outcome, HttpResponse)
            else _form(request, invitation, *outcome, _existing(invitation))
        )
    existing = _existing(invitation)
    try:
        services.invitation_answerable(invitation, now=timezone.now(), response=existing)
    except services.InvitationUnavailable as exc:
        return _unavailable(request, exc.reason)
    values: dict[str, Any] = {
        "score": _score_param(request.GET.get("score")),
        "comment": existing.comment if existing else "",
        "extra": dict(existing.extra_scores) if existing else {},
    }
    if existing and values["score"] is None:
        values["score"] = existing.score
    return _form(request, invitation, values, {}, existing)


def _post(
    request: HttpRequest, invitation: Invitation, *, locked: bool
) -> HttpResponse | tuple[dict[str, Any], dict[str, list[str]]]:
    """Record the answer: the thank-you page (or JSON), or the form's values and errors to show it again."""
    survey = invitation.survey
    is_fetch = request.headers.get("X-Requested-With") == "fetch"
    # response_submit locks the row (or got it locked) and checks expiry and the edit window itself.
    extra = {q["key"]: request.POST.get(f"extra_{q['key']}") for q in survey.extra_questions or []}
    comment = request.POST.get("comment", "")
    try:
        result = services.response_submit(
            invitation=invitation,
            score=request.POST.get("score"),
            comment=comment,
            extra_scores=extra,
            locked=locked,
        )
    except services.InvitationUnavailable as exc:
        return _unavailable(request, exc.reason)
    except ValidationError as exc:
        errors = exc.message_dict
        if is_fetch:
            return JsonResponse({"status": "invalid", "errors": errors}, status=400)
        values = {
            "score": _score_param(request.POST.get("score")),
            "comment": comment,
            "extra": {k: _score_param(v) for k, v in extra.items()},
        }
        return values, errors
    if is_fetch:
        return JsonResponse({"status": "recorded", "response": result.response.pk})
    # A TemplateResponse is rendered by the handler after the view returns, i.e. after the commit: the row lock
    # is not held while the page renders.
    return TemplateResponse(
        request,
        "nps/public/thanks.html",
        {
            "response": result.response,
            "survey": survey,
            "promoter_prompt": survey.promoter_prompt(translation.get_language()) if result.response.score >= 9 else "",
            "edit_days": survey.edit_window_days,
        },
    )


def _form(
    request: HttpRequest,
    invitation: Invitation,
    values: dict[str, Any],
    errors: dict[str, list[str]],
    existing: Response | None,
) -> HttpResponse:
    survey = invitation.survey
    language = translation.get_language()
    questions = [
        {"key": q["key"], "label": (q.get("label_en") if language == "en" else "") or q["label_de"],
         "value": values["extra"].get(q["key"])}
        for q in survey.extra_questions or []
    ]  # fmt: skip
    return render(
        request,
        "nps/public/answer.html",
        {
            "survey": survey,
            "question": survey.question(language),
            "follow_up": survey.follow_up(language),
            "values": values,
            "errors": errors,
            "questions": questions,
            "scores": range(11),
            "autosubmit": request.method == "GET" and values["score"] is not None and existing is None,
            "existing": existing,
            "max_comment": settings.NPS_COMMENT_MAX_LENGTH,
        },
        status=400 if errors else 200,
    )


@csrf_exempt
@never_cache
@_limited("nps-optout")
def opt_out(request: HttpRequest, token: str) -> HttpResponse:
    invitation = _invitation(token)
    if invitation is None:
        return _unavailable(request, "unknown")
    _activate_language(request, invitation)
    if request.method == "POST":
        services.invitation_opt_out(invitation=invitation, ip=client_ip(request))
        return render(request, "nps/public/opted_out.html")
    return render(request, "nps/public/opt_out.html", {"company": settings.COMPANY_NAME})
