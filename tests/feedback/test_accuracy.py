"""Accuracy of the offline text analysis on the labelled development samples in tests/feedback/data/.

The samples (all written for this project, realistic retail feedback across touchpoints, about 55–60 % German):
- labelled_feedback.csv (125), _blind1 / _blind2 (45 each), _blind3 (40): the lexicon's development and blind
  samples (blind figures 0.62 / 0.51 / 0.62 when each was first scored, see bench/README.md).
- labelled_feedback_blind4.csv (126) and _blind5.csv (123): written for issue 16 before anything was changed and
  scored once blind (the old lexicon: 0.52 and 0.44 accuracy, negative recall 0.34 and 0.35); development data since.
- labelled_feedback_blind6.csv (132): the final blind sample, held in test_accuracy_blind.py, never tuned on.
- labelled_feedback_blind7.csv (126, informal review/chat style): written after blind6 was scored, scored once
  blind (0.88 accuracy, negative recall 0.84, English negatives 0.77), then used for the informal-register round:
  development data since. labelled_feedback_blind8.csv (123) was written after that round as a fresh blind sample.

All seven development samples are also part of the shipped training corpus (feedback/analysis/data/). To measure
the classifier on text it has not learnt, every test here trains it *without* the sample it scores
(leave-one-sample-out); the shipped model is trained on all of them.

Thresholds, and why (figures when written: see bench/README.md):
- Classifier + rules, leave-one-sample-out over all 630 development sentences: accuracy ≥ 0.88 (0.94), negative
  recall ≥ 0.90 (0.95), and per language accuracy ≥ 0.85 (de 0.95, en 0.93) and negative recall ≥ 0.88 (0.93 /
  0.96); blind4 and blind5, the newest samples in the regular style, each ≥ 0.85 (0.92 / 0.91). Regression
  guards a few points under the measured values: the classifier without the rule features loses about eight
  points, breaking folding or negation more.
- The rule layer alone (cold start, and the backoff when the classifier is unsure): accuracy ≥ 0.80 (0.84) and
  negative recall ≥ 0.75 (0.82) on all development sentences — tuned on them, so a regression guard only.
- Topics: micro precision and recall ≥ 0.80 on the first sample (0.97 / 0.96), as before.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from feedback.analysis import match_topics
from feedback.analysis.classifier import train
from feedback.analysis.corpus import CORPUS_FILES, LabelledText, base_corpus, read_csv
from feedback.analysis.corpus import DATA as CORPUS_DATA
from feedback.analysis.default_topics import DEFAULT_TOPICS
from feedback.analysis.evaluation import Metrics, evaluate, metrics
from feedback.analysis.sentiment import rule_sentiment

DATA = Path(__file__).parent / "data"
DEVELOPMENT = (
    "labelled_feedback.csv",
    "labelled_feedback_blind1.csv",
    "labelled_feedback_blind2.csv",
    "labelled_feedback_blind3.csv",
    "labelled_feedback_blind4.csv",
    "labelled_feedback_blind5.csv",
    "labelled_feedback_blind7.csv",
)
BLIND = ("labelled_feedback_blind6.csv", "labelled_feedback_blind8.csv")


def _rows(*names: str) -> list[LabelledText]:
    return [row for name in names for row in read_csv(DATA / name)]


@lru_cache(maxsize=1)
def _leave_one_sample_out() -> dict[str, list[tuple[LabelledText, str]]]:
    """(row, predicted label) per development sample, each predicted by a model trained without that sample."""
    result = {}
    for name in DEVELOPMENT:
        model = train(base_corpus(exclude_sources=[name]))
        rows = _rows(name)
        result[name] = [(row, r.label) for row, r in zip(rows, model.analyse_many([x.text for x in rows]), strict=True)]
    return result


def _figures(pairs: list[tuple[LabelledText, str]]) -> Metrics:
    return metrics([r.label for r, _ in pairs], [p for _, p in pairs], [r.language for r, _ in pairs])


def test_the_development_samples_are_large_bilingual_and_in_the_shipped_corpus() -> None:
    rows = _rows(*DEVELOPMENT)
    assert len(rows) >= 600
    assert {r.language for r in rows} == {"de", "en"} and {r.label for r in rows} == {"positive", "neutral", "negative"}
    shipped = {(r.text, r.label) for r in base_corpus() if r.source in DEVELOPMENT}
    assert {(r.text, r.label) for r in rows} == shipped


def test_the_blind_samples_are_in_no_training_file() -> None:
    blind = {r.text for r in _rows(*BLIND)}
    assert len(blind) >= 240
    for name in CORPUS_FILES:
        with (CORPUS_DATA / name).open(encoding="utf-8") as handle:
            assert not blind & {row["text"] for row in csv.DictReader(handle)}, name


def test_classifier_accuracy_on_unseen_development_samples() -> None:
    figures = _figures([pair for pairs in _leave_one_sample_out().values() for pair in pairs])
    assert figures.accuracy >= 0.88, figures.as_dict()
    assert figures.negative_recall >= 0.90, figures.as_dict()


def test_classifier_accuracy_per_language() -> None:
    figures = _figures([pair for pairs in _leave_one_sample_out().values() for pair in pairs])
    for language in ("de", "en"):
        assert figures.per_language[language] >= 0.85, figures.as_dict()
        assert figures.negative_recall_per_language[language] >= 0.88, figures.as_dict()


def test_classifier_accuracy_on_the_two_newest_samples() -> None:
    for name in ("labelled_feedback_blind4.csv", "labelled_feedback_blind5.csv"):
        figures = _figures(_leave_one_sample_out()[name])
        assert figures.accuracy >= 0.85 and figures.negative_recall >= 0.85, (name, figures.as_dict())


def test_the_rule_layer_alone_as_the_cold_start() -> None:
    figures = evaluate(lambda text: rule_sentiment(text).label, _rows(*DEVELOPMENT))
    assert figures.accuracy >= 0.80, figures.as_dict()
    assert figures.negative_recall >= 0.75, figures.as_dict()


def test_topic_precision_and_recall_on_the_labelled_sample() -> None:
    true_pos = false_pos = false_neg = 0
    with (DATA / "labelled_feedback.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            gold = {t for t in row["topics"].split(";") if t}
            got = set(match_topics(row["text"], DEFAULT_TOPICS))
            true_pos += len(gold & got)
            false_pos += len(got - gold)
            false_neg += len(gold - got)
    precision = true_pos / (true_pos + false_pos)
    recall = true_pos / (true_pos + false_neg)
    assert precision >= 0.80 and recall >= 0.80, (precision, recall)
