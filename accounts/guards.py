"""The one guard for staff pages: sign-in first, then the role set (403 for a role without the right).

Records of another department are never refused here: views fetch them through the scoped selectors, so they
are a 404 (no leaking of existence). The API's counterpart is core.api.permissions.RolePermission.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from accounts.models import User
from accounts.roles import RoleSet, has_role

V = TypeVar("V", bound=Callable[..., Any])


def require_role(request: HttpRequest, roles: RoleSet) -> User:
    """The signed-in user when their role is in `roles`; PermissionDenied (403) otherwise."""
    if not has_role(request.user, roles):
        raise PermissionDenied
    return cast(User, request.user)


def role_required(roles: RoleSet) -> Callable[[V], V]:
    """Decorator for page views: anonymous → login page, role outside `roles` → 403."""

    def decorator(view: V) -> V:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            require_role(request, roles)
            return view(request, *args, **kwargs)

        wrapped.required_roles = roles  # type: ignore[attr-defined]
        return cast(V, wrapped)

    return decorator
