"""Feedback writes: create (with offline analysis), staff corrections and status, erasure.

Who may write what is decided here (DESIGN.md, "Writes with rules"): staff record feedback only for touchpoints of
their own department, and correct only their department's feedback; page and API call the same functions.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import roles
from accounts.models import User
from accounts.scoping import can_see_department
from core import events
from customers.models import Customer
from feedback.analysis import analyse_sentiment, detect_language, match_topics
from feedback.analysis.sentiment import with_kind_hint
from feedback.choices import AnalysisSource, FeedbackChannel, FeedbackKind, FeedbackStatus, Sentiment
from feedback.models import TEXT_MAX_LENGTH, Feedback, FeedbackCorrection, Topic
from feedback.selectors import topic_keyword_map
from touchpoints.models import Touchpoint

logger = logging.getLogger(__name__)

ERASED_TEXT = "—"
# What staff may change after feedback was recorded; the customer's own words and the facts stay as received.
EDITABLE_FIELDS = frozenset({"sentiment", "topics", "status"})


def _clean_text(text: str) -> str:
    cleaned = (text or "").replace("\x00", "").strip()
    if not cleaned:
        raise ValidationError({"text": _("Bitte schreiben Sie uns Ihr Feedback.")})
    if len(cleaned) > TEXT_MAX_LENGTH:
        raise ValidationError(
            {"text": _("Der Text ist zu lang (höchstens %(limit)d Zeichen).") % {"limit": TEXT_MAX_LENGTH}}
        )
    return cleaned


def _check_choices(*, kind: str, channel: str, rating: int | None, language: str | None) -> None:
    errors: dict[str, str] = {}
    if kind not in FeedbackKind.values:
        errors["kind"] = _("Bitte wählen Sie die Art des Feedbacks.")
    if channel not in FeedbackChannel.values:
        errors["channel"] = _("Unbekannter Kanal.")
    if rating is not None and not 1 <= rating <= 5:
        errors["rating"] = _("Die Bewertung muss zwischen 1 und 5 liegen.")
    if language is not None and language not in ("de", "en"):
        errors["language"] = _("Die Sprache muss „de“ oder „en“ sein.")
    if errors:
        raise ValidationError(errors)


def _topics_by_name(names: Sequence[str | Topic]) -> list[Topic]:
    given = [item for item in names if isinstance(item, Topic)]
    wanted = [item for item in names if not isinstance(item, Topic)]
    topics = list(Topic.objects.filter(name__in=wanted)) if wanted else []
    unknown = set(wanted) - {t.name for t in topics}
    if unknown:
        raise ValidationError({"topics": _("Unbekannte Themen: %(names)s") % {"names": ", ".join(sorted(unknown))}})
    return given + topics


def _check_staff(actor: User, department_id: int | None, field: str) -> None:
    """Staff write feedback of their own department only (CX admins: every department)."""
    if not roles.has_role(actor, roles.CASE_WORKERS):
        raise PermissionDenied
    if not can_see_department(actor, department_id):
        raise ValidationError({field: _("Sie können nur Feedback zu Kontaktpunkten Ihrer eigenen Abteilung erfassen.")})


def feedback_create(
    *,
    actor: User | None = None,
    kind: str,
    text: str,
    touchpoint: Touchpoint,
    channel: str,
    rating: int | None = None,
    customer: Customer | None = None,
    language: str | None = None,
    contact_name: str = "",
    contact_email: str = "",
    contact_consent: bool = False,
    consent_text_version: str = "",
    created_at: dt.datetime | None = None,
    sentiment: str | None = None,
    topics: Sequence[str | Topic] | None = None,
    status: str | None = None,
) -> Feedback:
    """Record one feedback item, tag it (sentiment, topics, language) and emit `feedback.created`.

    `actor` is the staff member who recorded it; None when the customer gave it themselves (public form).
    """
    if actor is not None:
        _check_staff(actor, touchpoint.department_id, "touchpoint")
    text = _clean_text(text)
    _check_choices(kind=kind, channel=channel, rating=rating, language=language)
    if not touchpoint.active:
        raise ValidationError({"touchpoint": _("Dieser Kontaktpunkt ist nicht aktiv.")})
    if customer is not None and customer.is_erased:
        raise ValidationError({"customer": _("Die Daten dieser Person wurden gelöscht.")})
    contact_email = (contact_email or "").strip()
    if contact_email:
        try:
            validate_email(contact_email)
        except ValidationError:
            raise ValidationError({"contact_email": _("Bitte geben Sie eine gültige E-Mail-Adresse ein.")}) from None
    if contact_consent and not (contact_email or (customer and customer.email)):
        raise ValidationError(
            {"contact_email": _("Für eine Rückmeldung brauchen wir Ihre E-Mail-Adresse.")}
        )
    if sentiment is not None and sentiment not in Sentiment.values:
        raise ValidationError({"sentiment": _("Unbekannte Stimmung.")})
    if status is not None and status not in FeedbackStatus.values:
        raise ValidationError({"status": _("Unbekannter Status.")})

    result = analyse_sentiment(text)
    fallback_language = language or (customer.language if customer else "de")
    now = timezone.now()
    with transaction.atomic():
        feedback = Feedback.objects.create(
            kind=kind,
            text=text,
            rating=rating,
            touchpoint=touchpoint,
            department_id=touchpoint.department_id,
            channel=channel,
            customer=customer,
            language=language or detect_language(text, default=fallback_language),
            sentiment=sentiment or with_kind_hint(result.label, kind),
            sentiment_score=result.score,
            sentiment_source=AnalysisSource.STAFF if sentiment else AnalysisSource.AUTO,
            topics_source=AnalysisSource.STAFF if topics is not None else AnalysisSource.AUTO,
            status=status or FeedbackStatus.NEW,
            contact_name=(contact_name or "").strip()[:150],
            contact_email=contact_email,
            contact_consent=bool(contact_consent),
            consent_text_version=(consent_text_version or settings.CONSENT_TEXT_VERSION) if contact_consent else "",
            consent_given_at=now if contact_consent else None,
            created_by=actor,
            created_at=created_at or now,
        )
        if topics is not None:
            feedback.topics.set(_topics_by_name(topics))
        else:
            names = match_topics(text, topic_keyword_map())
            feedback.topics.set(Topic.objects.filter(name__in=names))
        events.emit(
            "feedback.created",
            {
                "feedback_id": feedback.pk,
                "kind": feedback.kind,
                "touchpoint_id": touchpoint.pk,
                "touchpoint_slug": touchpoint.slug,
                "department_id": feedback.department_id,
                "channel": feedback.channel,
                "customer_id": feedback.customer_id,
                "sentiment": feedback.sentiment,
                "topics": sorted(t.name for t in feedback.topics.all()),
                "rating": feedback.rating,
                "created_at": feedback.created_at.isoformat(),
            },
        )
    return feedback


def feedback_update(*, actor: User, feedback: Feedback, changes: dict[str, Any]) -> Feedback:
    """Staff override of sentiment, topics and status; sentiment and topic changes are kept as FeedbackCorrection.

    `changes` may hold `sentiment`, `topics` (Topic objects or names) and `status`; the other fields stay as the
    customer gave them (a 400 on the field that was sent).
    """
    _check_staff(actor, feedback.department_id, "feedback")
    fixed = sorted(set(changes) - EDITABLE_FIELDS)
    if fixed:
        message = _("Nach dem Erfassen können nur Stimmung, Themen und Status geändert werden.")
        raise ValidationError({name: message for name in fixed})
    sentiment, topics, status = changes.get("sentiment"), changes.get("topics"), changes.get("status")
    if sentiment is not None and sentiment not in Sentiment.values:
        raise ValidationError({"sentiment": _("Unbekannte Stimmung.")})
    if status is not None and status not in FeedbackStatus.values:
        raise ValidationError({"status": _("Unbekannter Status.")})
    new_topics = _topics_by_name(list(topics)) if topics is not None else None
    with transaction.atomic():
        feedback = Feedback.objects.select_for_update().get(pk=feedback.pk)
        fields: list[str] = []
        if sentiment is not None and sentiment != feedback.sentiment:
            FeedbackCorrection.objects.create(
                feedback=feedback, field="sentiment", old_value=feedback.sentiment, new_value=sentiment, user=actor
            )
            feedback.sentiment = sentiment
            feedback.sentiment_source = AnalysisSource.STAFF
            fields += ["sentiment", "sentiment_source"]
        if new_topics is not None:
            old_names = sorted(feedback.topics.values_list("name", flat=True))
            new_names = sorted(t.name for t in new_topics)
            if old_names != new_names:
                FeedbackCorrection.objects.create(
                    feedback=feedback, field="topics", old_value=old_names, new_value=new_names, user=actor
                )
                feedback.topics.set(new_topics)
                feedback.topics_source = AnalysisSource.STAFF
                fields.append("topics_source")
        if status is not None and status != feedback.status:
            feedback.status = status
            fields.append("status")
        if fields:
            feedback.save(update_fields=[*fields, "updated_at"])
    return feedback


def feedback_request_survey_consent(
    *, email: str, name: str = "", language: str = "de", source: str, ip: str | None = None
) -> bool:
    """Start the customers double opt-in for survey emails; True when a confirmation email was queued.

    Never fails the feedback itself: a suppressed address or an existing consent only means no email goes out.
    """
    from customers import services as customer_services

    email = email.strip()
    if not email:
        return False
    try:
        with transaction.atomic():
            customer = (
                Customer.objects.filter(email__iexact=email, erased_at__isnull=True).order_by("id").first()
            )
            if customer is None:
                first, _sep, last = name.strip().partition(" ")
                customer = customer_services.customer_create(
                    external_ref=f"fb-{secrets.token_hex(6)}",
                    email=email,
                    first_name=first[:100],
                    last_name=last[:100],
                    language=language if language in ("de", "en") else "de",
                )
            customer_services.consent_request_double_opt_in(customer=customer, source=source, ip=ip)
    except ValidationError as exc:
        logger.info("survey consent not requested from feedback form", extra={"reason": exc.messages})
        return False
    return True


def feedback_erase_for_customer(*, customer: Customer) -> None:
    """GDPR erasure: drop the link, contact details and free text; keep the anonymous statistics."""
    queryset = Feedback.objects.filter(customer=customer)
    if customer.email:
        queryset = Feedback.objects.filter(customer=customer) | Feedback.objects.filter(
            contact_email__iexact=customer.email
        )
    queryset.update(
        customer=None,
        contact_name="",
        contact_email="",
        contact_consent=False,
        text=ERASED_TEXT,
        updated_at=timezone.now(),
    )


def feedback_retag_topics(*, chunk_size: int = 500) -> int:
    """Re-apply the current topic keywords to auto-tagged feedback (after an admin edits topics).

    Items whose topics staff corrected keep them. Returns how many items changed; safe to run twice.
    """
    keyword_map = topic_keyword_map()
    topics_by_name = {topic.name: topic for topic in Topic.objects.all()}
    changed = 0
    queryset = (
        Feedback.objects.filter(topics_source=AnalysisSource.AUTO).prefetch_related("topics").order_by("id")
    )
    for item in queryset.iterator(chunk_size=chunk_size):
        names = set(match_topics(item.text, keyword_map))
        if names != {topic.name for topic in item.topics.all()}:
            item.topics.set([topics_by_name[name] for name in names])
            changed += 1
    return changed
