"""Hook for colouring the journey map with measured health (the dashboard registers a source in ready()).

A source receives the touchpoints shown on the map and returns, per touchpoint id, a `Health` value; the
card partial `touchpoints/partials/touchpoint_card.html` shows it when present. Without a source the map is
uncoloured.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from touchpoints.models import Touchpoint


@dataclass(frozen=True)
class Health:
    level: str  # "good" | "fair" | "poor" | "unknown"; becomes the CSS class health-<level>
    label: str  # short, already translated text shown on the card, e.g. "NPS +42 (n = 120)"


HealthSource = Callable[[Sequence["Touchpoint"]], Mapping[int, Health]]

_sources: dict[str, HealthSource] = {}


def register_health_source(name: str, fn: HealthSource) -> None:
    _sources[name] = fn


def unregister_health_source(name: str) -> None:
    _sources.pop(name, None)


def health_for(touchpoints: Sequence[Touchpoint]) -> dict[int, Health]:
    """Merge every registered source's answer; a later source wins for the same touchpoint."""
    merged: dict[int, Health] = {}
    for fn in _sources.values():
        merged.update(fn(touchpoints))
    return merged
