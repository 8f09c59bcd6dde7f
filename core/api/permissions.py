"""Role-based DRF permissions shared by all apps."""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from accounts.choices import Role


def _role(request: Request) -> str | None:
    user = request.user
    if not user or not user.is_authenticated:
        return None
    return str(user.effective_role)


class HasRole(BasePermission):
    """Allow the roles listed in `roles`; subclass or use `HasRole.of(...)`."""

    roles: frozenset[str] = frozenset()

    def has_permission(self, request: Request, view: Any) -> bool:
        return _role(request) in self.roles

    @classmethod
    def of(cls, *roles: str) -> type[HasRole]:
        return type(f"HasRole_{'_'.join(roles)}", (cls,), {"roles": frozenset(roles)})


class IsAdminRole(HasRole):
    roles = frozenset({Role.CX_ADMIN})


class ReadStaffWriteAdmin(BasePermission):
    """Every signed-in staff role reads; only CX admins write."""

    def has_permission(self, request: Request, view: Any) -> bool:
        role = _role(request)
        if role is None:
            return False
        return request.method in SAFE_METHODS or role == Role.CX_ADMIN
