"""Outbound webhooks: endpoints (with the SSRF guard), one delivery per subscribed endpoint, signed sends, retries."""

from __future__ import annotations

import json
import logging
import secrets
import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core import events
from core.models import WebhookDelivery, WebhookEndpoint
from core.queue import enqueue
from core.webhooks import signing, transport
from core.webhooks.targets import Target, TargetProblem, TargetRefused, check_target

logger = logging.getLogger(__name__)

ALL_EVENTS = "*"
# A claimed delivery is locked for this long; a worker that died mid-send leaves it due again afterwards.
CLAIM_LEASE = timedelta(minutes=10)
RETRY_BATCH = 200


class SendOutcome(StrEnum):
    DELIVERED = "delivered"
    RETRY = "retry"
    FAILED = "failed"
    SKIPPED = "skipped"  # not due, already claimed by another worker, or already finished


# --- Endpoints -------------------------------------------------------------------------------------------------


def _target_message(problem: TargetProblem) -> str:
    messages = {
        TargetProblem.SCHEME: _("Nur http- und https-Adressen sind erlaubt."),
        TargetProblem.NO_HOST: _("Die Adresse enthält keinen Host."),
        TargetProblem.CREDENTIALS: _("Zugangsdaten in der Adresse sind nicht erlaubt."),
        TargetProblem.BAD_PORT: _("Der Port der Adresse ist ungültig."),
        TargetProblem.UNRESOLVABLE: _("Der Host der Adresse lässt sich nicht auflösen."),
        TargetProblem.FORBIDDEN_ADDRESS: _(
            "Die Adresse zeigt auf ein internes Netz (Loopback, privat, link-lokal, reserviert oder Multicast); "
            "dorthin werden keine Webhooks gesendet."
        ),
    }
    return str(messages[problem])


def _check_url(url: str) -> Target:
    return check_target(url, allow_private=settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS)


def _validate_endpoint(*, name: str, url: str, event_types: Sequence[str], secret: str | None) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = _("Bitte geben Sie einen Namen an.")
    elif len(name) > WebhookEndpoint._meta.get_field("name").max_length:  # type: ignore[operator]
        errors["name"] = _("Der Name ist zu lang.")
    if not url.strip():
        errors["url"] = _("Bitte geben Sie eine Adresse an.")
    elif len(url) > WebhookEndpoint._meta.get_field("url").max_length:  # type: ignore[operator]
        errors["url"] = _("Die Adresse ist zu lang.")
    else:
        try:
            _check_url(url)
        except TargetRefused as exc:
            errors["url"] = _target_message(exc.problem)
    known = events.event_types()
    unknown = [name for name in event_types if name != ALL_EVENTS and name not in known]
    if unknown:
        errors["event_types"] = _("Unbekannte Ereignistypen: %(types)s") % {"types": ", ".join(sorted(unknown))}
    if secret is not None and secret != "" and not 16 <= len(secret) <= 128:
        errors["secret"] = _("Das Geheimnis muss 16 bis 128 Zeichen lang sein.")
    return errors


def generate_secret() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


def _clean_event_types(event_types: Sequence[str]) -> list[str]:
    return sorted(dict.fromkeys(str(name) for name in event_types))


def webhook_endpoint_create(
    *, name: str, url: str, event_types: Sequence[str], secret: str = "", active: bool = True
) -> WebhookEndpoint:
    errors = _validate_endpoint(name=name, url=url, event_types=event_types, secret=secret)
    if errors:
        raise ValidationError(errors)
    return WebhookEndpoint.objects.create(
        name=name.strip(),
        url=url.strip(),
        event_types=_clean_event_types(event_types),
        secret=secret or generate_secret(),
        active=active,
    )


def webhook_endpoint_update(
    *,
    endpoint: WebhookEndpoint,
    name: str | None = None,
    url: str | None = None,
    event_types: Sequence[str] | None = None,
    secret: str | None = None,
    active: bool | None = None,
) -> WebhookEndpoint:
    """Change the given fields; `secret=""` keeps the current secret, a new value rotates it."""
    new_name = endpoint.name if name is None else name
    new_url = endpoint.url if url is None else url
    new_types = endpoint.event_types if event_types is None else list(event_types)
    errors = _validate_endpoint(name=new_name, url=new_url, event_types=new_types, secret=secret)
    if errors:
        raise ValidationError(errors)
    endpoint.name = new_name.strip()
    endpoint.url = new_url.strip()
    endpoint.event_types = _clean_event_types(new_types)
    if secret:
        endpoint.secret = secret
    if active is not None:
        endpoint.active = active
    endpoint.save()
    return endpoint


def webhook_endpoint_delete(*, endpoint: WebhookEndpoint) -> None:
    endpoint.delete()


# --- Deliveries ------------------------------------------------------------------------------------------------


def _subscribed(endpoint: WebhookEndpoint, event_type: str) -> bool:
    types = endpoint.event_types or []
    return ALL_EVENTS in types or event_type in types


def _enqueue_send(delivery_ids: Sequence[int]) -> None:
    from core.tasks import webhook_delivery_send_task

    def after_commit() -> None:
        for delivery_id in delivery_ids:
            enqueue(webhook_delivery_send_task, delivery_id)

    transaction.on_commit(after_commit)


def webhook_deliveries_create(*, event_type: str, payload: dict[str, Any], event_id: str | None = None) -> int:
    """One delivery per active endpoint subscribed to `event_type` (empty list: none, `*`: all); sends on commit.

    Idempotent per `event_id`: a repeated call for the same event adds no delivery and re-sends none that went out.
    """
    endpoints = [e for e in WebhookEndpoint.objects.filter(active=True) if _subscribed(e, event_type)]
    if not endpoints:
        return 0
    now = timezone.now()
    event_uuid = uuid.UUID(event_id) if event_id else uuid.uuid4()
    envelope = {
        "id": str(event_uuid),
        "type": event_type,
        "created_at": now.isoformat(),
        # Round-trip through JSON so that dates, decimals and UUIDs in the payload are stored as strings.
        "data": json.loads(json.dumps(payload, cls=DjangoJSONEncoder)),
    }
    with transaction.atomic():
        existing = set(WebhookDelivery.objects.filter(event_id=event_uuid).values_list("endpoint_id", flat=True))
        new = [endpoint for endpoint in endpoints if endpoint.pk not in existing]
        WebhookDelivery.objects.bulk_create(
            [
                WebhookDelivery(
                    endpoint=endpoint, event_type=event_type, event_id=event_uuid, payload=envelope, next_attempt_at=now
                )
                for endpoint in new
            ],
            ignore_conflicts=True,
        )
        ids = list(
            WebhookDelivery.objects.filter(
                event_id=event_uuid, status=WebhookDelivery.Status.PENDING, attempts=0
            ).values_list("pk", flat=True)
        )
        _enqueue_send(ids)
    return len(new)


def _claim(delivery_id: int, now: datetime) -> tuple[int, datetime] | None:
    """Take the delivery for one attempt with a conditional UPDATE; None when another worker has it or it is not due."""
    current = WebhookDelivery.objects.filter(pk=delivery_id).values_list("attempts", flat=True).first()
    if current is None:
        return None
    claimed = (
        WebhookDelivery.objects.filter(pk=delivery_id, status=WebhookDelivery.Status.PENDING, attempts=current)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .update(attempts=current + 1, last_attempt_at=now, next_attempt_at=now + CLAIM_LEASE)
    )
    return (current + 1, now) if claimed else None


def _finish(
    delivery_id: int, *, attempt: int, claimed_at: datetime, status_code: int | None, error: str
) -> SendOutcome:
    now = timezone.now()
    fields: dict[str, Any] = {"last_status_code": status_code, "last_error": error}
    if status_code is not None and 200 <= status_code < 300:
        outcome = SendOutcome.DELIVERED
        fields |= {"status": WebhookDelivery.Status.DELIVERED, "delivered_at": now, "next_attempt_at": None}
    elif attempt >= settings.WEBHOOK_MAX_ATTEMPTS:
        outcome = SendOutcome.FAILED
        fields |= {"status": WebhookDelivery.Status.FAILED, "next_attempt_at": None}
    else:
        outcome = SendOutcome.RETRY
        fields["next_attempt_at"] = now + signing.backoff_delay(attempt)
    # Fenced by the claim: a redelivery or a later claim in the meantime wins over this stale result.
    updated = WebhookDelivery.objects.filter(
        pk=delivery_id, status=WebhookDelivery.Status.PENDING, attempts=attempt, last_attempt_at=claimed_at
    ).update(**fields)
    return outcome if updated else SendOutcome.SKIPPED


def build_request(delivery: WebhookDelivery, *, timestamp: int) -> tuple[bytes, dict[str, str]]:
    body = json.dumps(delivery.payload, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    headers = {
        "X-CX-Event": delivery.event_type,
        "X-CX-Delivery": str(delivery.pk),
        "X-CX-Timestamp": str(timestamp),
        "X-CX-Signature": signing.sign(secret=delivery.endpoint.secret, timestamp=timestamp, body=body),
    }
    return body, headers


def webhook_delivery_send(*, delivery_id: int) -> SendOutcome:
    """One attempt: claim, check the target again (DNS may have changed), POST, record. Safe to run twice."""
    now = timezone.now()
    claim = _claim(delivery_id, now)
    if claim is None:
        return SendOutcome.SKIPPED
    attempt, claimed_at = claim
    delivery = WebhookDelivery.objects.select_related("endpoint").get(pk=delivery_id)
    endpoint = delivery.endpoint
    if not endpoint.active:
        WebhookDelivery.objects.filter(pk=delivery_id, attempts=attempt, last_attempt_at=claimed_at).update(
            status=WebhookDelivery.Status.FAILED, next_attempt_at=None, last_error=_("Der Empfänger ist deaktiviert.")
        )
        return SendOutcome.FAILED
    try:
        target = _check_url(endpoint.url)
    except TargetRefused as exc:
        return _finish(
            delivery_id, attempt=attempt, claimed_at=claimed_at, status_code=None, error=_target_message(exc.problem)
        )
    body, headers = build_request(delivery, timestamp=int(now.timestamp()))
    result = transport.post_json(url=endpoint.url, target=target, body=body, headers=headers)
    outcome = _finish(
        delivery_id, attempt=attempt, claimed_at=claimed_at, status_code=result.status_code, error=result.error
    )
    logger.info(
        "webhook attempt",
        extra={"delivery": delivery_id, "attempt": attempt, "status": result.status_code, "outcome": outcome.value},
    )
    return outcome


def webhook_delivery_redeliver(*, delivery_id: int) -> WebhookDelivery:
    """Send again from scratch (delivered, failed or pending alike): back to pending, attempts reset, enqueued."""
    delivery = WebhookDelivery.objects.select_related("endpoint").get(pk=delivery_id)
    if not delivery.endpoint.active:
        raise ValidationError({"endpoint": _("Der Empfänger ist deaktiviert; aktivieren Sie ihn zuerst.")})
    with transaction.atomic():
        WebhookDelivery.objects.filter(pk=delivery_id).update(
            status=WebhookDelivery.Status.PENDING,
            attempts=0,
            next_attempt_at=timezone.now(),
            delivered_at=None,
            last_attempt_at=None,
        )
        _enqueue_send([delivery_id])
    delivery.refresh_from_db()
    return delivery


def webhook_deliveries_retry_due(*, limit: int = RETRY_BATCH) -> int:
    """Enqueue a send for every pending delivery whose next attempt is due (the periodic job; survives restarts)."""
    due_ids = list(
        WebhookDelivery.objects.filter(status=WebhookDelivery.Status.PENDING)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=timezone.now()))
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    if due_ids:
        _enqueue_send(due_ids)
    return len(due_ids)
