"""Accuracy and speed of the offline feedback analysis on the labelled samples.

Run: .venv/bin/python bench/feedback_analysis.py   (pure Python; no database needed)
Prints a Markdown table per sample (accuracy, per-class precision/recall/F1, topic precision/recall) and the
throughput, for the "Feedback text analysis" section of bench/README.md.
"""

from __future__ import annotations

import csv
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from feedback.analysis import analyse_sentiment, match_topics  # noqa: E402
from feedback.analysis.default_topics import DEFAULT_TOPICS  # noqa: E402

DATA = ROOT / "tests" / "feedback" / "data"
SAMPLES = {
    "development (labelled_feedback.csv)": ["labelled_feedback.csv"],
    "blind 1, now development (labelled_feedback_blind1.csv)": ["labelled_feedback_blind1.csv"],
    "blind 2, now development (labelled_feedback_blind2.csv)": ["labelled_feedback_blind2.csv"],
    "development, all three": ["labelled_feedback.csv", "labelled_feedback_blind1.csv", "labelled_feedback_blind2.csv"],
    "blind 3, still blind (labelled_feedback_blind3.csv)": ["labelled_feedback_blind3.csv"],
}
LABELS = ("positive", "neutral", "negative")


def rows(files: list[str]) -> list[dict[str, str]]:
    result: list[dict[str, str]] = []
    for name in files:
        with (DATA / name).open(encoding="utf-8") as handle:
            result.extend(csv.DictReader(handle))
    return result


def report(title: str, data: list[dict[str, str]]) -> None:
    confusion: Counter[tuple[str, str]] = Counter()
    tp = fp = fn = 0
    for row in data:
        confusion[(row["sentiment"], analyse_sentiment(row["text"]).label)] += 1
        gold = {t for t in row["topics"].split(";") if t}
        got = set(match_topics(row["text"], DEFAULT_TOPICS))
        tp, fp, fn = tp + len(gold & got), fp + len(got - gold), fn + len(gold - got)
    n = len(data)
    accuracy = sum(confusion[(label, label)] for label in LABELS) / n
    by_language = Counter(row["language"] for row in data)
    languages = f"{by_language['de']} de, {by_language['en']} en"
    topics = f"topics precision {tp / (tp + fp):.2f}, recall {tp / (tp + fn):.2f}"
    print(f"\n**{title}** — {n} sentences ({languages}), sentiment accuracy **{accuracy:.2f}**; {topics}\n")
    print("| class | n | precision | recall | F1 |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for label in LABELS:
        support = sum(v for (gold, _got), v in confusion.items() if gold == label)
        predicted = sum(v for (_gold, got), v in confusion.items() if got == label)
        precision = confusion[(label, label)] / predicted if predicted else 0.0
        recall = confusion[(label, label)] / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        print(f"| {label} | {support} | {precision:.2f} | {recall:.2f} | {f1:.2f} |")


def throughput() -> None:
    texts = [row["text"] for row in rows(SAMPLES["development, all three"])] * 20
    started = time.perf_counter()
    for text in texts:
        analyse_sentiment(text)
        match_topics(text, DEFAULT_TOPICS)
    elapsed = time.perf_counter() - started
    print(
        f"\nThroughput: {len(texts) / elapsed:,.0f} texts/s ({elapsed / len(texts) * 1000:.2f} ms per text, "
        "sentiment + topics, one core, warm cache)"
    )


if __name__ == "__main__":
    for title, files in SAMPLES.items():
        report(title, rows(files))
    throughput()
