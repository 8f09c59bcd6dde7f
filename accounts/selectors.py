"""Reads of users and departments that depend on who asks."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db.models import F, QuerySet

from accounts import roles
from accounts.models import User
from accounts.scoping import scope_to_department


def users_visible_to(viewer: Any) -> QuerySet[User]:
    users = User.objects.select_related("department").order_by("username")
    if roles.has_role(viewer, roles.USER_DIRECTORY_READERS):
        return users
    return scope_to_department(users, viewer)


def _language(code: str) -> str:
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def user_language(user: Any) -> str:
    """The language of the emails this user gets: the stored preference, else the platform's default."""
    return _language(str(getattr(user, "language", "") or ""))


def emails_by_language(emails: Iterable[str]) -> dict[str, list[str]]:
    """Staff addresses grouped by their users' language, so each group gets one message in its language.

    An address no active user has goes to the default language's group; of two accounts with one address, the one
    that logged in last decides.
    """
    wanted = sorted({email for email in emails if email})
    users = User.objects.filter(email__in=wanted, is_active=True).order_by(F("last_login").asc(nulls_first=True))
    known = dict(users.values_list("email", "language"))
    groups: dict[str, list[str]] = {}
    for email in wanted:
        groups.setdefault(_language(known.get(email, "")), []).append(email)
    return groups
