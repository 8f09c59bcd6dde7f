from __future__ import annotations

from typing import Any

from rest_framework.request import Request

from accounts import roles
from core.api.permissions import RolePermission
from dashboard.selectors import dashboard_allowed


class CanSeeDashboard(RolePermission):
    """The dashboard's readers (accounts.roles.DASHBOARD_READERS), read only; a manager needs a department."""

    read = roles.DASHBOARD_READERS
    write = frozenset()

    def has_permission(self, request: Request, view: Any) -> bool:
        return super().has_permission(request, view) and dashboard_allowed(request.user)
