"""Sections other apps add to the touchpoint detail page (e.g. the feedback QR poster), registered in ready()."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from touchpoints.models import Touchpoint

Panel = Callable[[HttpRequest, "Touchpoint"], str | None]

_panels: dict[str, Panel] = {}


def register_detail_panel(name: str, fn: Panel) -> None:
    _panels[name] = fn


def render_panels(request: HttpRequest, touchpoint: Touchpoint) -> list[str]:
    """HTML fragments (already escaped by their templates) in registration order; None entries are dropped."""
    return [html for fn in _panels.values() if (html := fn(request, touchpoint))]
