from __future__ import annotations

from typing import Any

from django import template

from training import access

register = template.Library()


@register.filter
def can_manage_training(user: Any) -> bool:
    return access.can_manage(user)


@register.filter
def can_view_training_team(user: Any) -> bool:
    return access.can_view_team(user)


@register.filter
def percent(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f} %"
