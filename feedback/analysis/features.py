"""Dense features from the rule layer, appended to the n-gram features of the classifier.

The classifier sees the same evidence as the cold-start rules (lexicon score, factual-complaint cues, irony,
negated praise, question/wish) and learns from the installation's labels how far to trust each.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from feedback.analysis.rules import Cues, find_cues
from feedback.analysis.sentiment import NEGATIVE, POSITIVE, SentimentResult, rule_sentiment

FEATURE_NAMES = (
    "rule_score",
    "rule_positive",
    "rule_negative",
    "factual",
    "factual_2",
    "sarcasm",
    "negated_praise",
    "question",
    "suggestion",
)
# The dense block is scaled so that one cue weighs about as much as a handful of distinctive n-grams.
FEATURE_SCALE = 1.0


@dataclass(frozen=True)
class RuleView:
    """The rule layer's verdict on one text and the cues behind it (computed once per text)."""

    result: SentimentResult
    cues: Cues

    def vector(self) -> list[float]:
        score = max(-3.0, min(3.0, self.result.score)) / 3.0
        return [
            FEATURE_SCALE * value
            for value in (
                score,
                float(self.result.label == POSITIVE),
                float(self.result.label == NEGATIVE),
                float(self.cues.factual_count >= 1),
                float(self.cues.factual_count >= 2),
                float(self.cues.sarcasm),
                float(bool(self.cues.negated_praise)),
                float(self.cues.question),
                float(self.cues.suggestion),
            )
        ]


@lru_cache(maxsize=4096)
def rule_view(text: str) -> RuleView:
    """Cached: training, evaluation and the backoff all ask for the same texts (at most ~20 MB of 5,000-char texts)."""
    cues = find_cues(text)
    return RuleView(result=rule_sentiment(text, cues=cues), cues=cues)
