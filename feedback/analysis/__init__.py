"""Offline text analysis for feedback (German and English): pure functions, no Django imports.

- `normalize`: lowercase, umlaut folding, tokens and clauses.
- `sentiment`: lexicon + negation + intensifiers → positive / neutral / negative with a score.
- `topics`: keyword matching (prefix/compound aware) against admin-editable topic keyword lists.
- `language`: a stop-word vote between German and English.
"""

from feedback.analysis.language import detect_language
from feedback.analysis.sentiment import SentimentResult, analyse_sentiment
from feedback.analysis.topics import match_topics

__all__ = ["SentimentResult", "analyse_sentiment", "detect_language", "match_topics"]
