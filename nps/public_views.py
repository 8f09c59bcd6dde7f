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


def _activate_language(request: HttpRequest, customer_language: str) -> str:
    """The customer's language unless the visitor picked one with the language switcher."""
    language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) or customer_language or "de"
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    translation.activate(language)
    request.LANGUAGE_CODE = language
    return language


def _unavailable(request: HttpRequest, reason: str) -> HttpResponse:
    status = 404 if reason == "unknown" else 410
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
    if request.method == "POST":
        return _answer_post(request, token)
    invitation = _invitation(token)
    if invitation is None:
        return _unavailable(request, "unknown")
    _activate_language(request, invitation.customer.language)
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


def _answer_post(request: HttpRequest, token: str) -> HttpResponse:
    """Record the answer: the thank-you page (or JSON for the page's script), or the form again with its errors.

    One statement on the good path (read what the link points to and write, see nps/answers.py); input with errors
    takes the longer way that shows the survey's own questions and messages in the customer's language.
    """
    signed_token = tokens.unsign(token)
    if signed_token is None:
        return _unavailable(request, "unknown")
    is_fetch = request.headers.get("X-Requested-With") == "fetch"
    comment = request.POST.get("comment", "")
    extra = {name[6:]: str(request.POST.get(name, "")) for name in request.POST if name.startswith("extra_")}
    try:
        answer = services.response_record_by_token(
            token=signed_token, score=request.POST.get("score"), comment=comment, extra_scores=extra
        )
    except services.InvitationUnavailable as exc:
        if exc.target is not None:
            _activate_language(request, exc.target.language)
        return _unavailable(request, exc.reason)
    except ValidationError:
        return _answer_invalid(request, token, signed_token, comment, extra, is_fetch=is_fetch)
    _activate_language(request, answer.target.language)
    return _answer_recorded(request, answer.target, answer.recorded, is_fetch=is_fetch)


def _answer_recorded(
    request: HttpRequest, target: services.AnswerTarget, recorded: services.RecordedAnswer, *, is_fetch: bool
) -> HttpResponse:
    if is_fetch:
        return JsonResponse({"status": "recorded", "response": recorded.response_id})
    return TemplateResponse(
        request,
        "nps/public/thanks.html",
        {
            "score": recorded.score,
            "promoter_prompt": target.promoter_prompt(translation.get_language()) if recorded.score >= 9 else "",
            "promoter_link": target.promoter_link,
            "edit_days": target.edit_window_days,
        },
    )


def _answer_invalid(
    request: HttpRequest, token: str, signed_token: str, comment: str, extra: dict[str, str], *, is_fetch: bool
) -> HttpResponse:
    """Input with errors: checked again against the survey's own questions, the messages in the customer's language.

    An error in a field the survey does not ask for is no error: the answer is then recorded without it.
    """
    target = services.answer_target(token=signed_token)
    if target is None:
        return _unavailable(request, "unknown")
    _activate_language(request, target.language)
    extra = {key: value for key, value in extra.items() if key in target.extra_keys}
    try:
        recorded = services.response_record(
            target=target, score=request.POST.get("score"), comment=comment, extra_scores=extra
        )
    except services.InvitationUnavailable as exc:
        return _unavailable(request, exc.reason)
    except ValidationError as exc:
        errors = exc.message_dict
        if is_fetch:
            return JsonResponse({"status": "invalid", "errors": errors}, status=400)
        invitation = _invitation(token)  # the form page shows the survey's texts and questions
        if invitation is None:
            return _unavailable(request, "unknown")
        values = {
            "score": _score_param(request.POST.get("score")),
            "comment": comment,
            "extra": {key: _score_param(value) for key, value in extra.items()},
        }
        return _form(request, invitation, values, errors, _existing(invitation))
    return _answer_recorded(request, target, recorded, is_fetch=is_fetch)


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
    _activate_language(request, invitation.customer.language)
    if request.method == "POST":
        services.invitation_opt_out(invitation=invitation, ip=client_ip(request))
        return render(request, "nps/public/opted_out.html")
    return render(request, "nps/public/opt_out.html", {"company": settings.COMPANY_NAME})
