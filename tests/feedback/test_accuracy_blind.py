"""The final blind sample of issue 16: labelled_feedback_blind6.csv (132 sentences, 74 de / 58 en).

Written together with blind4/blind5 before the analyser was changed, scored once with the old lexicon (accuracy
0.48, negative recall 0.33), then left alone: never trained or tuned on, its errors not looked at, not part of the
shipped corpus (test_accuracy.py checks that). The shipped default model is scored on it once, at the end.

The thresholds below were written and committed BEFORE that score was taken, and are not changed after it.
The target of the issue is ≥ 0.85 accuracy and ≥ 0.85 negative recall; on 132 sentences one standard error is
about three points and the two sibling samples scored 0.90 / 0.90 unseen (leave-one-sample-out), so the guard sits
at 0.80 overall and 0.75 per language (58–74 sentences each): low enough that sampling noise alone does not fail
it, high enough that a real regression does. Whether the target itself is met is reported in bench/README.md.
If anything is tuned after this sample has been scored, a fresh blind sample must be written and scored too.

Scored once at a552c0d: accuracy 0.92, negative recall 0.93 (de 0.92 / 0.94, en 0.93 / 0.92). An informal round
followed (prompted by blind7, not by this sample); the fresh blind8 written for it scored 0.87 / 0.84 at 3820bcc.
"""

from __future__ import annotations

from pathlib import Path

from feedback.analysis.classifier import default_model
from feedback.analysis.corpus import read_csv
from feedback.analysis.evaluation import evaluate

BLIND = Path(__file__).parent / "data" / "labelled_feedback_blind6.csv"


def test_sentiment_on_the_final_blind_sample() -> None:
    rows = read_csv(BLIND)
    assert len(rows) >= 120
    figures = evaluate(default_model(), rows)
    assert figures.accuracy >= 0.80, figures.as_dict()
    assert figures.negative_recall >= 0.80, figures.as_dict()
    for language in ("de", "en"):
        assert figures.per_language[language] >= 0.75, figures.as_dict()
        assert figures.negative_recall_per_language[language] >= 0.75, figures.as_dict()
