"""Accuracy of the offline text analysis on the labelled samples in tests/feedback/data/.

The samples (all written for this project, realistic retail feedback, about 60 % German):
- labelled_feedback.csv (125 sentences): the development sample the lexicon was built on.
- labelled_feedback_blind1.csv / _blind2.csv (45 each): written later and measured once *before* any lexicon change
  they prompted. Blind sentiment accuracy was 0.62 and 0.51 (three classes; majority baseline 0.47–0.49), because a
  hand-written lexicon misses everyday words it has never seen. The lexicon was then extended, so all three are now
  development data; bench/README.md ("Feedback text analysis") keeps both the blind and the current figures.
- labelled_feedback_blind3.csv (40 sentences): written after the last lexicon change and never tuned on; it measured
  0.62 (negative recall 0.42). Keep it blind: if the lexicon is ever tuned on it, write a fresh blind sample.

Thresholds, and why:
- Sentiment accuracy ≥ 0.85 on the 215 development sentences (0.93 when written) and ≥ 0.80 per language. These
  guard the rules against regressions: breaking negation ("nicht gut"), umlaut folding or the stem matcher each
  costs more than ten points here. They are not a claim about unseen text: expect about 0.6–0.7 there (the blind
  figures), which is why staff can correct the label and corrections are stored with sentiment_source = staff.
- The still-blind sample must stay ≥ 0.60 (threshold fixed before it was measured): clearly above its majority
  baseline of 0.475, the level of a first-pass triage that staff correct.
- Recall ≥ 0.75 for negative feedback: criticism is what a department must not miss; positive recall ≥ 0.75 too.
- Topics: micro precision and recall ≥ 0.80 on the development sample (0.97 / 0.96 when written); a topic tag is a
  filter aid, so both must stay high for the topic filter to be trustworthy.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from feedback.analysis import analyse_sentiment, match_topics
from feedback.analysis.default_topics import DEFAULT_TOPICS

DATA = Path(__file__).parent / "data"
FILES = ("labelled_feedback.csv", "labelled_feedback_blind1.csv", "labelled_feedback_blind2.csv")


def _rows(*names: str) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for name in names:
        with (DATA / name).open(encoding="utf-8") as handle:
            rows.extend(csv.DictReader(handle))
    return rows


def _sentiment_figures(rows: list[dict[str, str]]) -> tuple[float, dict[str, float]]:
    confusion: Counter[tuple[str, str]] = Counter()
    for row in rows:
        confusion[(row["sentiment"], analyse_sentiment(row["text"]).label)] += 1
    correct = sum(n for (gold, got), n in confusion.items() if gold == got)
    recall = {}
    for label in ("positive", "neutral", "negative"):
        total = sum(n for (gold, _got), n in confusion.items() if gold == label)
        recall[label] = confusion[(label, label)] / total if total else 1.0
    return correct / len(rows), recall


def test_the_labelled_sample_is_large_and_bilingual() -> None:
    rows = _rows("labelled_feedback.csv")
    languages = Counter(row["language"] for row in rows)
    assert len(rows) >= 120
    assert languages["de"] >= 60 and languages["en"] >= 30
    assert {row["sentiment"] for row in rows} == {"positive", "neutral", "negative"}
    assert len(_rows(*FILES)) >= 210


def test_sentiment_accuracy_on_all_labelled_samples() -> None:
    accuracy, recall = _sentiment_figures(_rows(*FILES))
    assert accuracy >= 0.85, accuracy
    assert recall["negative"] >= 0.75 and recall["positive"] >= 0.75, recall


def test_sentiment_accuracy_per_language() -> None:
    rows = _rows(*FILES)
    for language in ("de", "en"):
        accuracy, _recall = _sentiment_figures([r for r in rows if r["language"] == language])
        assert accuracy >= 0.80, (language, accuracy)


def test_sentiment_accuracy_on_the_still_blind_sample() -> None:
    rows = _rows("labelled_feedback_blind3.csv")
    assert len(rows) >= 40
    accuracy, _recall = _sentiment_figures(rows)
    assert accuracy >= 0.60, accuracy


def test_topic_precision_and_recall_on_the_labelled_sample() -> None:
    true_pos = false_pos = false_neg = 0
    for row in _rows("labelled_feedback.csv"):
        gold = {t for t in row["topics"].split(";") if t}
        got = set(match_topics(row["text"], DEFAULT_TOPICS))
        true_pos += len(gold & got)
        false_pos += len(got - gold)
        false_neg += len(gold - got)
    precision = true_pos / (true_pos + false_pos)
    recall = true_pos / (true_pos + false_neg)
    assert precision >= 0.80 and recall >= 0.80, (precision, recall)
