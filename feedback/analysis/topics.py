"""Topic matching: each topic is a list of keywords (German and English); the matcher is pure."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from feedback.analysis.normalize import fold, tokens

# Compound tails shorter than this are not trusted ("preis" inside "preiswert" is fine, "tee" inside "team" is not).
_MIN_INFIX = 5


def keyword_matches(keyword: str, words: list[str], joined: str) -> bool:
    key = fold(keyword).strip()
    if not key:
        return False
    if " " in key or "-" in key:
        return f" {key.replace('-', ' ')}" in joined
    for word in words:
        if word == key:
            return True
        if len(key) >= 4 and word.startswith(key):
            return True
        if len(key) >= _MIN_INFIX and key in word:
            return True
    return False


def match_topics(text: str, topics: Mapping[str, Iterable[str]]) -> list[str]:
    """Names of the topics whose keywords occur in `text`, in the order of `topics`."""
    words = tokens(text)
    joined = " " + " ".join(words) + " "
    return [name for name, keywords in topics.items() if any(keyword_matches(k, words, joined) for k in keywords)]
