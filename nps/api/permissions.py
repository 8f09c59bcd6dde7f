from __future__ import annotations

from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from accounts.choices import Role

NPS_READERS = frozenset({Role.CCEO, Role.CX_ADMIN, Role.MANAGER, Role.AGENT})
NPS_OVERSEERS = frozenset({Role.CCEO, Role.CX_ADMIN})


def _role(request: Request) -> str | None:
    user = request.user
    return str(user.effective_role) if user and user.is_authenticated else None  # type: ignore[union-attr]


class SurveyPermission(BasePermission):
    """Surveys and trigger rules: every NPS role reads, CX admins configure; trainers have no access."""

    def has_permission(self, request: Request, view: Any) -> bool:
        role = _role(request)
        if request.method in SAFE_METHODS:
            return role in NPS_READERS
        return role == Role.CX_ADMIN


class CampaignPermission(BasePermission):
    """Waves and invitations hold personal data: the CCEO reads, CX admins configure and launch."""

    def has_permission(self, request: Request, view: Any) -> bool:
        role = _role(request)
        if request.method in SAFE_METHODS:
            return role in NPS_OVERSEERS
        return role == Role.CX_ADMIN


class ResponseReadPermission(BasePermission):
    """Answers: cceo and admins all, managers and agents their department's (scoped in the queryset)."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return request.method in SAFE_METHODS and _role(request) in NPS_READERS
