"""Offline text analysis for feedback (German and English): pure functions, no Django imports.

- `normalize`: lowercase, umlaut folding, tokens and clauses.
- `sentiment`: the lexicon layer, the rule layer (`rules.py`: factual complaints, irony, negated praise) and
  `analyse_sentiment`, which routes to the default trained model.
- `classifier`: `train(rows) -> Model`, `Model.analyse`, `Model.to_bytes/from_bytes`, `default_model()`.
- `corpus`: `LabelledText`, the shipped corpus, labels from kind / NPS score / stars / staff corrections.
- `evaluation`: `evaluate(model, held_out) -> Metrics`, `stratified_split`.
- `topics`: keyword matching against admin-editable topic keyword lists; `keywords`: keyword suggestions.
- `language`: a stop-word vote between German and English.

scikit-learn is imported only by `classifier` (and only when a model is trained or used).
"""

from feedback.analysis.language import detect_language
from feedback.analysis.sentiment import SentimentResult, analyse_sentiment
from feedback.analysis.topics import match_topics

__all__ = ["SentimentResult", "analyse_sentiment", "detect_language", "match_topics"]
