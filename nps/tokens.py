"""Public survey links: the invitation's random token plus an HMAC signature (salt "nps.invitation").

The signature lets a tampered link fail before any database lookup; the random part is what the row stores.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing

SALT = "nps.invitation"
_signer = signing.Signer(salt=SALT, sep=".")


def sign(token: str) -> str:
    return _signer.sign(token)


def unsign(signed: str) -> str | None:
    """The stored token for a signed link, or None when the link was tampered with or is malformed."""
    if not signed or len(signed) > 200:
        return None
    try:
        return _signer.unsign(signed)
    except signing.BadSignature:
        return None


def survey_url_for(signed: str, score: int | None = None) -> str:
    url = f"{settings.SITE_URL}/s/{signed}/"
    return url if score is None else f"{url}?score={score}"


def optout_url_for(signed: str) -> str:
    return f"{settings.SITE_URL}/u/{signed}/"


def survey_url(token: str, score: int | None = None) -> str:
    return survey_url_for(sign(token), score)


def optout_url(token: str) -> str:
    return optout_url_for(sign(token))
