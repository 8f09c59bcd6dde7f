from __future__ import annotations

from typing import Any

from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from dashboard.selectors import dashboard_allowed


class CanSeeDashboard(BasePermission):
    """CCEO and admins; managers for their own department; other roles get 403."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return dashboard_allowed(request.user)
