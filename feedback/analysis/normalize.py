"""Text normalisation shared by the sentiment and topic matchers."""

from __future__ import annotations

import re
import unicodedata

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_TOKEN = re.compile(r"[a-z0-9]+")
# Clause boundaries: punctuation and contrastive conjunctions start a new negation scope.
_CLAUSE_SPLIT = re.compile(r"[.!?;:,\n()]+|\s[-–]\s")
_NT = re.compile(r"n['’]t\b")


def fold(text: str) -> str:
    """Lowercase, fold German umlauts (ä→ae, ß→ss) and strip remaining accents."""
    lowered = text.lower().translate(_FOLD)
    lowered = _NT.sub(" not", lowered)
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(fold(text))


def clauses(text: str) -> list[list[str]]:
    """Tokens grouped by clause; empty clauses are dropped."""
    folded = text.lower().translate(_FOLD)
    folded = _NT.sub(" not", folded)
    parts = _CLAUSE_SPLIT.split(folded)
    result = []
    for part in parts:
        toks = _TOKEN.findall(fold(part))
        if toks:
            result.append(toks)
    return result
