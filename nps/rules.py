"""Who may be sent a survey email (DESIGN.md, § 7 UWG): consent, suppression list, contact quarantine, erasure.

Evaluated in bulk for a whole wave at launch and for each claimed batch again at send time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.conf import settings
from django.db.models import Q

from customers.choices import ConsentPurpose, ConsentStatus
from customers.models import Consent, Customer, SuppressedAddress
from customers.selectors import email_hash
from nps.choices import InvitationStatus, SkipReason
from nps.models import Invitation, Survey

CHUNK = 2000


def _chunks(values: Sequence[int] | Sequence[str]) -> Iterable[Sequence[int] | Sequence[str]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def _consented(customer_ids: list[int]) -> set[int]:
    """Customers whose survey-email consent allows a mail now."""
    result: set[int] = set()
    exception = settings.NPS_EXISTING_CUSTOMER_EXCEPTION
    for chunk in _chunks(customer_ids):
        consents = Consent.objects.filter(customer_id__in=chunk, purpose=ConsentPurpose.SURVEY_EMAIL)
        if exception:
            # § 7(3) UWG: existing customers may be asked unless they objected; off by default.
            withdrawn = set(consents.filter(status=ConsentStatus.WITHDRAWN).values_list("customer_id", flat=True))
            result.update(cid for cid in chunk if cid not in withdrawn)  # type: ignore[misc]
        else:
            result.update(consents.filter(status=ConsentStatus.GRANTED).values_list("customer_id", flat=True))
    return result


def _suppressed(customers: Sequence[Customer]) -> set[int]:
    by_hash: dict[str, list[int]] = {}
    for customer in customers:
        if customer.email:
            by_hash.setdefault(email_hash(customer.email), []).append(customer.pk)
    hashes = list(by_hash)
    found: set[int] = set()
    for chunk in _chunks(hashes):
        for value in SuppressedAddress.objects.filter(email_hash__in=chunk).values_list("email_hash", flat=True):
            found.update(by_hash[value])
    return found


def quarantine_cutoff(now: dt.datetime) -> dt.datetime:
    return now - dt.timedelta(days=settings.NPS_QUARANTINE_DAYS)


def _quarantined(customer_ids: list[int], *, now: dt.datetime, include_pending: bool, exclude: set[int]) -> set[int]:
    """Customers contacted by a quarantine-counting survey within the quarantine period (or about to be)."""
    recent = Q(sent_at__gte=quarantine_cutoff(now))
    if include_pending:
        recent |= Q(status__in=[InvitationStatus.QUEUED, InvitationStatus.SENDING], sent_at__isnull=True)
    result: set[int] = set()
    for chunk in _chunks(customer_ids):
        qs = Invitation.objects.filter(recent, customer_id__in=chunk, survey__counts_for_quarantine=True)
        if exclude:
            qs = qs.exclude(pk__in=exclude)
        result.update(qs.values_list("customer_id", flat=True))
    return result


def skip_reasons(
    *,
    survey: Survey,
    customers: Sequence[Customer],
    now: dt.datetime,
    check_quarantine: bool = True,
    include_pending: bool = True,
    exclude_invitations: set[int] | None = None,
) -> dict[int, str]:
    """customer id → SkipReason value for every customer who must not be mailed ('' is never returned)."""
    reasons: dict[int, str] = {}
    ids = [c.pk for c in customers]
    if not survey.active:
        return {cid: SkipReason.INACTIVE for cid in ids}
    for customer in customers:
        if customer.erased_at is not None:
            reasons[customer.pk] = SkipReason.ERASED
        elif not customer.email:
            reasons[customer.pk] = SkipReason.NO_EMAIL
    remaining = [c for c in customers if c.pk not in reasons]
    for cid in _suppressed(remaining):
        reasons[cid] = SkipReason.SUPPRESSED
    remaining_ids = [c.pk for c in remaining if c.pk not in reasons]
    consented = _consented(remaining_ids)
    for cid in remaining_ids:
        if cid not in consented:
            reasons[cid] = SkipReason.NO_CONSENT
    if check_quarantine and not survey.ignores_quarantine:
        candidates = [cid for cid in remaining_ids if cid not in reasons]
        for cid in _quarantined(
            candidates, now=now, include_pending=include_pending, exclude=exclude_invitations or set()
        ):
            reasons[cid] = SkipReason.QUARANTINE
    return reasons
