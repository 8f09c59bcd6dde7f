"""Webhook signatures and retry timing: pure functions, no Django."""

from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta

SIGNATURE_PREFIX = "sha256="


def sign(*, secret: str, timestamp: int, body: bytes) -> str:
    """`sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`, the value of the X-CX-Signature header."""
    message = str(timestamp).encode("ascii") + b"." + body
    digest = hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()
    return SIGNATURE_PREFIX + digest


def verify(*, secret: str, timestamp: int, body: bytes, signature: str) -> bool:
    """What a receiver does: recompute and compare in constant time."""
    return hmac.compare_digest(sign(secret=secret, timestamp=timestamp, body=body), signature)


def backoff_delay(attempts: int, *, base_minutes: int = 1, cap_minutes: int = 24 * 60) -> timedelta:
    """Wait before the next try after `attempts` failed tries: 1, 2, 4, 8, 16 … minutes, capped."""
    exponent = max(attempts - 1, 0)
    return timedelta(minutes=min(base_minutes * 2**exponent, cap_minutes))
