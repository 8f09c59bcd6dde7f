"""Spam resistance for public forms without third parties: a signed render timestamp with a minimum fill time.

A form embeds `issue_token(scope)`; on submit `token_verdict` answers "ok", "too_fast" (a bot filling at once) or
"invalid" (tampered, older than a day, or issued for another form). Forms add a honeypot field of their own.
"""

from __future__ import annotations

import time

from django.core import signing

SALT = "cx.public-form-timestamp"
MAX_AGE_SECONDS = 24 * 60 * 60


def issue_token(scope: str, *, now: float | None = None) -> str:
    return signing.dumps({"scope": scope, "t": now if now is not None else time.time()}, salt=SALT, compress=True)


def token_verdict(token: str, scope: str, *, min_seconds: float, now: float | None = None) -> str:
    now = now if now is not None else time.time()
    try:
        data = signing.loads(token or "", salt=SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:
        return "invalid"
    if not isinstance(data, dict) or data.get("scope") != scope or not isinstance(data.get("t"), int | float):
        return "invalid"
    if now - float(data["t"]) < min_seconds:
        return "too_fast"
    return "ok"
