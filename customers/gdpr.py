"""GDPR hooks: every app registers how to export and erase its data about one customer.

Base apps never import module apps; module apps call register_exporter / register_eraser in AppConfig.ready().
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from customers.models import Customer

Exporter = Callable[["Customer"], list[dict[str, Any]]]
Eraser = Callable[["Customer"], None]

_exporters: dict[str, Exporter] = {}
_erasers: dict[str, Eraser] = {}


def register_exporter(name: str, fn: Exporter) -> None:
    _exporters[name] = fn


def register_eraser(name: str, fn: Eraser) -> None:
    _erasers[name] = fn


def exporters() -> dict[str, Exporter]:
    return dict(_exporters)


def erasers() -> dict[str, Eraser]:
    return dict(_erasers)
