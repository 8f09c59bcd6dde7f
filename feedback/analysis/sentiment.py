"""Sentiment: the lexicon layer, the rule layer on top of it, and the entry point callers use.

- `lexicon_sentiment`: lexicon with negation, intensifiers, hypothetical dampening and contrast weighting.
- `rule_sentiment`: the lexicon plus the rules of `rules.py` (factual complaints, sarcasm, negated praise); the
  cold start, and the backoff when the trained classifier is unsure.
- `analyse_sentiment`: what the platform stores; routes to the default trained model (`classifier.default_model`),
  which combines a classifier trained on the shipped corpus with the rule layer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from feedback.analysis.language import detect_language
from feedback.analysis.lexicon import (
    BARE_NEGATION_SCORE,
    CONTRAST,
    FALSE_FRIENDS,
    HYPOTHETICAL,
    INTENSIFIERS,
    NEGATORS,
    POLARITY,
    VERBAL_NEGATORS,
)
from feedback.analysis.normalize import clauses, fold
from feedback.analysis.rules import Cues, blank_negated_praise, find_cues

POSITIVE = "positive"
NEUTRAL = "neutral"
NEGATIVE = "negative"

# A single mild word ("lange", "queue") must not decide the verdict on its own; one clear word (±1.5) does.
THRESHOLD = 0.75
NEGATION_WINDOW = 3
# Rule layer weights: a factual complaint is a clear negative (−1.5, at most two counted), a negated complaint a
# clear positive, irony a clear negative whatever praise words it uses.
FACTUAL_SCORE = -1.5
NEGATED_PRAISE_SCORE = 2.0
SARCASM_SCORE = -2.0
_SINGLE = {k: v for k, v in POLARITY.items() if " " not in k}
_PHRASES = {tuple(k.split()): v for k, v in POLARITY.items() if " " in k}
_MAX_PHRASE = max((len(p) for p in _PHRASES), default=1)


@dataclass(frozen=True)
class SentimentResult:
    """`score` is on the lexicon's scale (about −3 … 3; |score| ≥ THRESHOLD exactly when the label is not neutral).

    `source` says what decided: "rules" (lexicon + rules) or "model" (the trained classifier, whose top probability
    is `confidence`); `model_version` names the model.
    """

    label: str
    score: float
    hits: list[str] = field(default_factory=list)
    source: str = "rules"
    confidence: float = 0.0
    model_version: str = ""


# Endings a four- or five-letter stem may take ("nett" → "nette", "slow" → "slowly"); anything else is another word.
_SHORT_STEM_ENDINGS = frozenset(
    "e en er es em n s t te ten ter st ste sten ster stes ly ed d ing y".split()
)
_ENDINGS = _SHORT_STEM_ENDINGS | {""}
_FREE_PREFIX = 6
_COMPOUND_TAIL = 7


@lru_cache(maxsize=20_000)
def word_polarity(token: str) -> tuple[str, float] | None:
    """The lexicon entry a token matches (exact, stem prefix, or compound tail), longest first."""
    if token in _SINGLE:
        return token, _SINGLE[token]
    candidates = [entry for entry in _SINGLE if 4 <= len(entry) <= len(token)]
    stems = [
        entry
        for entry in candidates
        if token.startswith(entry) and (len(entry) >= _FREE_PREFIX or token[len(entry) :] in _SHORT_STEM_ENDINGS)
    ]
    if stems:
        entry = max(stems, key=len)
        return entry, _SINGLE[entry]
    if token.startswith("un") and len(token) > 6:
        # "unübersichtlich", "unhelpful": the un- prefix turns praise into criticism.
        base = word_polarity(token[2:])
        if base is not None and base[1] > 0:
            return "un" + base[0], -0.8 * base[1]
    tails = [
        entry
        for entry in candidates
        if len(entry) >= _COMPOUND_TAIL and entry in token and token[token.rindex(entry) + len(entry) :] in _ENDINGS
    ]
    if tails:
        entry = max(tails, key=len)
        return entry, _SINGLE[entry]
    return None


def _is_negated(start: int, end: int, negators: list[int], later_hits: bool, clause_len: int) -> bool:
    """`start`..`end` (exclusive) is the sentiment word or phrase; `negators` the negator positions."""
    if any(0 < start - n <= NEGATION_WINDOW for n in negators):
        return True
    # "Die Preise stimmten nicht": a negator right after the word, when no other sentiment word follows.
    if end in negators and not later_hits:
        return True
    # "… gefiel mir nicht": the negator closes the clause, a few words after the sentiment word.
    last = negators[-1] if negators else -1
    return last == clause_len - 1 and 0 <= last - end < NEGATION_WINDOW and not later_hits


def _clause_score(tokens: list[str], hits: list[str], skip: frozenset[str] = frozenset()) -> float:
    i = 0
    matched: list[tuple[int, int, float]] = []  # (start, end, weight) of sentiment words and phrases
    while i < len(tokens):
        phrase_hit = None
        for size in range(min(_MAX_PHRASE, len(tokens) - i), 1, -1):
            candidate = tuple(tokens[i : i + size])
            if candidate in _PHRASES:
                phrase_hit = (" ".join(candidate), _PHRASES[candidate], size)
                break
        if phrase_hit:
            hits.append(phrase_hit[0])
            matched.append((i, i + phrase_hit[2], phrase_hit[1]))
            i += phrase_hit[2]
            continue
        token = tokens[i]
        if token not in NEGATORS and token not in INTENSIFIERS and token not in skip:
            entry = word_polarity(token)
            if entry and entry[1] != 0:
                hits.append(entry[0])
                matched.append((i, i + 1, entry[1]))
        i += 1

    inside_phrases = {p for start, end, _ in matched for p in range(start, end)}
    negators = [p for p, t in enumerate(tokens) if t in NEGATORS and p not in inside_phrases]
    score = 0.0
    for index, (start, end, weight) in enumerate(matched):
        value = weight
        for back in (1, 2):
            if start - back >= 0 and tokens[start - back] in INTENSIFIERS:
                value *= INTENSIFIERS[tokens[start - back]]
        later_hits = index + 1 < len(matched)
        if _is_negated(start, end, negators, later_hits, len(tokens)):
            # "nicht gut" is clearly negative; "nicht schlecht" is faint praise at most.
            value = -value * (0.8 if value > 0 else 0.25)
        score += value
    if not matched and any(t in VERBAL_NEGATORS for t in tokens):
        score = BARE_NEGATION_SCORE
    if any(t in HYPOTHETICAL for t in tokens):
        score *= 0.3
    return score


def _segments(text: str) -> list[tuple[list[str], bool]]:
    """Clauses split further at contrast words; the flag marks segments that follow a contrast."""
    segments: list[tuple[list[str], bool]] = []
    after_contrast = False
    for tokens in clauses(text):
        current: list[str] = []
        for token in tokens:
            if token in CONTRAST:
                if current:
                    segments.append((current, after_contrast))
                current = []
                after_contrast = True
            else:
                current.append(token)
        if current:
            segments.append((current, after_contrast))
    return segments


def lexicon_score(text: str, hits: list[str] | None = None, *, language: str | None = None) -> float:
    """The lexicon's score of `text` (positive > 0 > negative); appends the matched entries to `hits`.

    With a `language`, words that mean something else in it are skipped (German "fast" is "almost").
    """
    hits = [] if hits is None else hits
    skip = FALSE_FRIENDS.get(language or "", frozenset())
    segments = _segments(text)
    has_contrast = any(after for _tokens, after in segments)
    total = 0.0
    for tokens, after in segments:
        # "gut, aber …": what follows the contrast carries the verdict, what precedes it is conceded.
        weight = (1.5 if after else 0.5) if has_contrast else 1.0
        total += weight * _clause_score(tokens, hits, skip)
    return round(total, 3)


def label_for(score: float) -> str:
    if score >= THRESHOLD:
        label = POSITIVE
    elif score <= -THRESHOLD:
        label = NEGATIVE
    else:
        label = NEUTRAL
    return label


def lexicon_sentiment(text: str) -> SentimentResult:
    """The lexicon alone (the analyser before the rule layer; kept for comparison in the bench)."""
    hits: list[str] = []
    score = lexicon_score(text, hits)
    return SentimentResult(label=label_for(score), score=score, hits=hits)


def rule_sentiment(text: str, *, cues: Cues | None = None) -> SentimentResult:
    """Lexicon plus rules: factual complaints count as negative, irony flips praise, negated complaints praise."""
    cues = cues or find_cues(text)
    blanked, _spans = blank_negated_praise(fold(text or ""))
    hits: list[str] = []
    score = lexicon_score(blanked, hits, language=detect_language(text or ""))
    if cues.negated_praise:
        score += NEGATED_PRAISE_SCORE
        hits.extend(f"praise: {span}" for span in cues.negated_praise)
    if cues.factual:
        score += FACTUAL_SCORE * min(len(cues.factual), 2)
        hits.extend(cues.factual)
    if cues.sarcasm:
        score = min(-abs(score), 0.0) + SARCASM_SCORE
        hits.append("sarcasm")
    elif (cues.question or cues.suggestion) and not cues.factual and score > -2.0:
        # A question or a wish states no verdict ("Könnten Sie …?", "Bauen Sie auch Möbel auf, die nicht …?").
        score *= 0.3
    score = round(score, 3)
    return SentimentResult(label=label_for(score), score=score, hits=hits)


def analyse_sentiment(text: str) -> SentimentResult:
    """Sentiment of one text as the platform stores it: the default trained model combined with the rules.

    The first call trains the default model on the shipped corpus (about a second); later calls take a few
    milliseconds. An installation with its own trained model calls `Model.analyse` on it instead.
    """
    from feedback.analysis.classifier import default_model

    return default_model().analyse(text)


def with_kind_hint(label: str, kind: str) -> str:
    """The customer chose "praise" or "criticism" themselves: a neutral text then takes that side.

    The lexicon misses words it has never seen (see bench/README.md); the customer's own choice is the stronger
    signal for a text without clear sentiment words. A text that clearly says otherwise keeps its label.
    """
    if label != NEUTRAL:
        return label
    return {"praise": POSITIVE, "criticism": NEGATIVE}.get(kind, label)
