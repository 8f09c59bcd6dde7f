"""Role checks for the feedback pages (the API uses the matching DRF permission classes)."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest


def require_role(request: HttpRequest, roles: Iterable[str]) -> None:
    user = request.user
    if not user.is_authenticated or user.effective_role not in set(roles):  # type: ignore[union-attr]
        raise PermissionDenied


def has_role(request: HttpRequest, roles: Iterable[str]) -> bool:
    user = request.user
    return bool(user.is_authenticated and user.effective_role in set(roles))  # type: ignore[union-attr]
