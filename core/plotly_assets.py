"""plotly.js under the Content-Security-Policy: what its bundle would inject as inline <style> elements.

plotly.js adds its global rules to `<style id="plotly.js-style-global">` unless an element with that id and the
class `no-inline-styles` exists, and adds the map (maplibre) rules to a `<style>` with a fixed id unless an element
with that id exists. `manage.py build_plotly_css` writes those rules to core/static/core/plotly.css and the
elements plotly looks for to templates/partials/plotly_styles.html (included by base.html).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import plotly

BUNDLE = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
_VERSION = re.compile(r"plotly\.js v([0-9.]+)")
# (function(){if(!document.getElementById("<id>")){var e=document.createElement("style");e.id="<id>",e.textContent='…'
_FIXED_STYLE = re.compile(
    r'document\.getElementById\("(?P<id>[0-9a-f]{16,})"\)\)\{var \w=document\.createElement\("style"\);'
    r"\w\.id=\"(?P=id)\",\w\.textContent='(?P<css>[^']*)'"
)


@dataclass(frozen=True)
class FixedStyle:
    element_id: str
    css: str


def bundle_text() -> str:
    return BUNDLE.read_text(encoding="utf-8")


def bundled_version(text: str | None = None) -> str:
    found = _VERSION.search(text if text is not None else bundle_text())
    return found.group(1) if found else "unknown"


def fixed_styles(text: str | None = None) -> list[FixedStyle]:
    """The `<style>` elements with a fixed id the bundle injects on load (today: maplibre's rules)."""
    return [FixedStyle(m["id"], m["css"]) for m in _FIXED_STYLE.finditer(text if text is not None else bundle_text())]
