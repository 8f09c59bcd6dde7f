"""Signed links for the public consent pages, salted per purpose (confirm vs. withdraw).

A confirmation token names the consent and the moment it was requested: a newer request, a confirmation or a
withdrawal makes older links void. Withdrawal tokens never expire, so the link in any old email keeps working.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.urls import reverse

CONFIRM_SALT = "customers.consent.confirm"
WITHDRAW_SALT = "customers.consent.withdraw"


class InvalidToken(Exception):
    """The link was tampered with, has expired or no longer matches the consent."""


@dataclass(frozen=True)
class ConfirmClaim:
    consent_id: int
    requested_at: str


@dataclass(frozen=True)
class WithdrawClaim:
    customer_id: int
    purpose: str


def confirm_token(*, consent_id: int, requested_at: str) -> str:
    return signing.dumps({"c": consent_id, "r": requested_at}, salt=CONFIRM_SALT, compress=True)


def read_confirm_token(token: str) -> ConfirmClaim:
    max_age = settings.CONSENT_CONFIRM_MAX_AGE_DAYS * 24 * 60 * 60
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=max_age)
        return ConfirmClaim(consent_id=int(data["c"]), requested_at=str(data["r"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
        raise InvalidToken from exc


def withdraw_token(*, customer_id: int, purpose: str) -> str:
    return signing.dumps({"c": customer_id, "p": purpose}, salt=WITHDRAW_SALT, compress=True)


def read_withdraw_token(token: str) -> WithdrawClaim:
    try:
        data = signing.loads(token, salt=WITHDRAW_SALT)
        return WithdrawClaim(customer_id=int(data["c"]), purpose=str(data["p"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
        raise InvalidToken from exc


def confirm_url(*, consent_id: int, requested_at: str) -> str:
    token = confirm_token(consent_id=consent_id, requested_at=requested_at)
    return settings.SITE_URL + reverse("customers:consent-confirm", args=[token])


def withdraw_url(*, customer_id: int, purpose: str) -> str:
    """The one-click withdrawal link other apps put into every email they send to a customer."""
    token = withdraw_token(customer_id=customer_id, purpose=purpose)
    return settings.SITE_URL + reverse("customers:consent-withdraw", args=[token])
