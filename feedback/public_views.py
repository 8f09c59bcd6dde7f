"""Public feedback form per touchpoint (no login), its embeddable variant, and the thank-you pages."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from core.ratelimit import client_ip, ratelimit
from feedback import services, spam
from feedback.choices import FeedbackChannel
from feedback.forms import PublicFeedbackForm
from touchpoints.models import Touchpoint

# Touchpoints people meet in person or on paper: a visit of their form most likely comes from the QR poster.
OFFLINE_CHANNELS = frozenset({"store", "field_service", "delivery", "letter", "phone", "other"})
RATE_LIMIT = getattr(settings, "FEEDBACK_FORM_RATE_LIMIT", 10)


def _activate_requested_language(request: HttpRequest) -> None:
    lang = request.GET.get("lang", "")
    if lang in ("de", "en"):
        translation.activate(lang)
        request.LANGUAGE_CODE = lang


def _render_form(
    request: HttpRequest, touchpoint: Touchpoint, form: PublicFeedbackForm, *, embed: bool, status: int = 200
) -> HttpResponse:
    token = spam.issue_token(touchpoint.slug)
    if form.is_bound:
        data = form.data.copy()  # type: ignore[attr-defined]
        data["ts"] = token  # a fresh timestamp for the next attempt
        form.data = data
    else:
        form.initial["ts"] = token
    return render(
        request,
        "feedback/public/form.html",
        {"touchpoint": touchpoint, "form": form, "embed": embed, "base": _base(embed)},
        status=status,
    )


def _base(embed: bool) -> str:
    return "feedback/public/embed_base.html" if embed else "public_base.html"


def _form_view(request: HttpRequest, slug: str, *, embed: bool) -> HttpResponse:
    _activate_requested_language(request)
    touchpoint = Touchpoint.objects.select_related("department").filter(slug=slug).first()
    if touchpoint is None:
        return render(request, "feedback/public/not_found.html", {"base": _base(embed)}, status=404)
    if not touchpoint.active:
        return render(request, "feedback/public/inactive.html", {"touchpoint": touchpoint, "base": _base(embed)})

    if request.method != "POST":
        return _render_form(request, touchpoint, PublicFeedbackForm(), embed=embed)

    form = PublicFeedbackForm(request.POST)
    thanks_url = reverse("feedback_public:thanks-embed" if embed else "feedback_public:thanks", args=[slug])
    if request.GET.get("lang") in ("de", "en"):
        thanks_url += f"?lang={request.GET['lang']}"
    if request.POST.get("website"):
        # A bot filled the honeypot: answer as if it worked, keep nothing.
        return HttpResponseRedirect(thanks_url)
    if not form.is_valid():
        return _render_form(request, touchpoint, form, embed=embed, status=400)
    verdict = spam.token_verdict(form.cleaned_data.get("ts", ""), touchpoint.slug)
    if verdict != "ok":
        form.add_error(
            None,
            _("Das ging sehr schnell. Bitte prüfen Sie Ihre Angaben und senden Sie das Formular noch einmal.")
            if verdict == "too_fast"
            else _("Das Formular ist abgelaufen. Bitte senden Sie es noch einmal."),
        )
        return _render_form(request, touchpoint, form, embed=embed, status=400)

    data = form.cleaned_data
    if embed:
        channel = FeedbackChannel.WEB_FORM
    else:
        channel = FeedbackChannel.QR_CODE if touchpoint.channel in OFFLINE_CHANNELS else FeedbackChannel.WEB_FORM
    language = translation.get_language() or "de"
    language = language[:2] if language[:2] in ("de", "en") else "de"
    try:
        services.feedback_create(
            kind=data["kind"],
            text=data["text"],
            rating=data.get("rating"),
            touchpoint=touchpoint,
            channel=channel,
            contact_name=data.get("name", ""),
            contact_email=data.get("email", ""),
            contact_consent=data.get("contact_consent", False),
            consent_text_version=settings.CONSENT_TEXT_VERSION,
        )
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
        return _render_form(request, touchpoint, form, embed=embed, status=400)
    if data.get("survey_consent") and data.get("email"):
        services.feedback_request_survey_consent(
            email=data["email"],
            name=data.get("name", ""),
            language=language,
            source=f"feedback-form:{touchpoint.slug}",
            ip=client_ip(request),
        )
    return HttpResponseRedirect(thanks_url)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@ratelimit("feedback-form", limit=RATE_LIMIT, window_seconds=60)
def feedback_form(request: HttpRequest, slug: str) -> HttpResponse:
    return _form_view(request, slug, embed=False)


# The embed runs inside other sites' iframes: framing is allowed here only, and CSRF is off because a third-party
# iframe does not get our SameSite=Lax cookie. The form is anonymous; the signed timestamp and honeypot guard it.
@never_cache
@xframe_options_exempt
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
@ratelimit("feedback-form", limit=RATE_LIMIT, window_seconds=60)
def feedback_form_embed(request: HttpRequest, slug: str) -> HttpResponse:
    return _form_view(request, slug, embed=True)


def _thanks(request: HttpRequest, slug: str, *, embed: bool) -> HttpResponse:
    _activate_requested_language(request)
    touchpoint = Touchpoint.objects.filter(slug=slug).first()
    if touchpoint is None:
        return render(request, "feedback/public/not_found.html", {"base": _base(embed)}, status=404)
    context = {"touchpoint": touchpoint, "embed": embed, "base": _base(embed)}
    return render(request, "feedback/public/thanks.html", context)


def feedback_thanks(request: HttpRequest, slug: str) -> HttpResponse:
    return _thanks(request, slug, embed=False)


@xframe_options_exempt
def feedback_thanks_embed(request: HttpRequest, slug: str) -> HttpResponse:
    return _thanks(request, slug, embed=True)
