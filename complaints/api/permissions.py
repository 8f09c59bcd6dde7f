from __future__ import annotations

from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from complaints.selectors import STAFF_ROLES, WRITE_ROLES


class CasePermission(BasePermission):
    """Every complaint-handling role reads (scoped); agents, managers and admins write; the CCEO only reads."""

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        if not user or not user.is_authenticated:
            return False
        role = user.effective_role  # type: ignore[union-attr]
        if request.method in SAFE_METHODS:
            return role in STAFF_ROLES
        return role in WRITE_ROLES
