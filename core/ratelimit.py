"""Fixed-window rate limits for public endpoints, kept in the cache (Redis in production)."""

from __future__ import annotations

import functools
import ipaddress
import logging
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


def _valid_ip(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT reverse proxies the X-Forwarded-For entry
    the outermost of them added (each proxy appends the address it got the request from; entries further left
    come from the client and could be forged). An entry that is no address falls back to REMOTE_ADDR."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies and _valid_ip(forwarded[-proxies]):
            return forwarded[-proxies]
    return str(request.META.get("REMOTE_ADDR", "unknown"))


def client_ip_address(request: HttpRequest) -> str | None:
    """client_ip() for django-axes (AXES_CLIENT_IP_CALLABLE), which stores it: None when it is no address."""
    address = client_ip(request)
    return address if _valid_ip(address) else None


@functools.cache
def _redis_client(backend: RedisCache) -> Any:
    """One client per cache backend instance (Django builds a new one on every get_client call)."""
    return backend._cache.get_client(write=True)


def hit(key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one hit for `key`; False when the limit for the current window is exceeded.

    With Redis one round trip (INCR; EXPIRE only on a window's first hit). If the cache cannot be reached, the
    request is let through and logged: a public form must not fail because its flood guard is down.
    """
    bucket = int(time.time() // window_seconds)
    cache_key = f"rl:{key}:{bucket}"
    backend = caches["default"]
    try:
        if isinstance(backend, RedisCache):
            full_key = backend.make_and_validate_key(cache_key)
            client = _redis_client(backend)
            count = int(client.incr(full_key))
            if count == 1:  # the window's first hit; the key names its window, so a missed expiry only wastes bytes
                client.expire(full_key, window_seconds + 1)
        else:
            cache.add(cache_key, 0, timeout=window_seconds + 1)
            try:
                count = cache.incr(cache_key)
            except ValueError:  # expired between add and incr
                cache.set(cache_key, 1, timeout=window_seconds + 1)
                count = 1
    except RedisError:
        logger.warning("rate limit not checked: cache unreachable", extra={"scope": key.split(":", 1)[0]})
        return True
    return count <= limit


def ratelimit(
    scope: str, *, limit: int, window_seconds: int = 60, methods: tuple[str, ...] = ("POST",)
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Limit a view per client address; answers 429 with a friendly page when exceeded."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method in methods and not hit(
                f"{scope}:{client_ip(request)}", limit=limit, window_seconds=window_seconds
            ):
                response = render(
                    request,
                    "core/rate_limited.html",
                    {"message": _("Zu viele Anfragen. Bitte versuchen Sie es in einer Minute erneut.")},
                    status=429,
                )
                response["Retry-After"] = str(window_seconds)
                return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
