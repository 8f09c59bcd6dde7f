"""The one permission base of the API: role sets per method, optionally per action (accounts.roles).

    permission_classes = [RolePermission.of(read=roles.CX_STAFF, write=roles.ADMINS)]
    action_roles = {"launch": roles.ADMINS}          # on the view: an action that needs other roles

A role outside the set gets 403; records of another department are filtered out by the view's scoped queryset
(so they are a 404). Object-level rules (who may assign whom, which department's touchpoints) live in the
services, so that page and API cannot disagree.
"""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from accounts import roles
from accounts.roles import RoleSet


class RolePermission(BasePermission):
    read: RoleSet = frozenset()
    write: RoleSet = frozenset()

    def roles_for(self, request: Request, view: Any) -> RoleSet:
        action_roles: dict[str, RoleSet] = getattr(view, "action_roles", {}) or {}
        action = getattr(view, "action", None)
        if action in action_roles:
            return action_roles[action]
        return self.read if request.method in SAFE_METHODS else self.write

    def has_permission(self, request: Request, view: Any) -> bool:
        role = roles.role_of(request.user)
        return role is not None and role in self.roles_for(request, view)

    @classmethod
    def of(cls, *, read: RoleSet, write: RoleSet = roles.ADMINS) -> type[RolePermission]:
        name = f"RolePermission_{'_'.join(sorted(read))}__{'_'.join(sorted(write))}"
        return type(name, (cls,), {"read": frozenset(read), "write": frozenset(write)})


class AdminsOnly(RolePermission):
    read = roles.ADMINS
    write = roles.ADMINS


class ReadStaffWriteAdmin(RolePermission):
    """Configuration every staff role reads and only CX admins change (touchpoints, categories, …)."""

    read = roles.EVERYONE
    write = roles.ADMINS
