"""A small stop-word vote between German and English; good enough to pick the email language."""

from __future__ import annotations

from feedback.analysis.normalize import tokens

_DE = frozenset(
    "der die das und ist nicht ein eine einen ich sie wir mit auf fuer war sehr auch zu im in den dem des "
    "es mir mich man aber noch nur wie wenn dass bei vom zum zur leider kein keine habe hat hatte wurde".split()
)
_EN = frozenset(
    "the and is not a an i you we with on for was very also to in of it my me but only how when that "
    "at from this were have has had no would could please staff store".split()
)

STOP_WORDS = _DE | _EN


def detect_language(text: str, *, default: str = "de") -> str:
    words = tokens(text)
    de = sum(1 for w in words if w in _DE)
    en = sum(1 for w in words if w in _EN)
    if de == en:
        return default
    return "de" if de > en else "en"
