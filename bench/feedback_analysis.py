"""Accuracy and speed of the offline feedback analysis on the labelled samples.

Run: .venv/bin/python bench/feedback_analysis.py [--no-blind | --speed]   (pure Python; no database needed)

Prints Markdown for the "Feedback text analysis" section of bench/README.md, blind figures first:
1. the blind samples (tests/feedback/data/labelled_feedback_blind6.csv, the final one; _blind8.csv, written after
   the informal-register round that blind7 prompted) scored by the shipped default model, by the rule layer alone
   and by the lexicon alone; `--no-blind` leaves them out (development runs: blind samples are scored once);
2. every development sample scored by a model trained WITHOUT it (leave-one-sample-out), by the rules and by the
   lexicon, plus two ablations (classifier without the rule features and without the backoff; rules alone);
3. the held-out figures of a stratified 80/20 split of the shipped corpus (what the admin page would show);
4. training time and throughput (texts/s on one core, warm caches).
"""

from __future__ import annotations

import csv
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from feedback.analysis import match_topics  # noqa: E402
from feedback.analysis.classifier import TrainConfig, default_model, train  # noqa: E402
from feedback.analysis.corpus import LABELS, LabelledText, base_corpus, read_csv  # noqa: E402
from feedback.analysis.default_topics import DEFAULT_TOPICS  # noqa: E402
from feedback.analysis.evaluation import Metrics, evaluate, metrics, stratified_split  # noqa: E402
from feedback.analysis.features import rule_view  # noqa: E402
from feedback.analysis.sentiment import lexicon_sentiment, rule_sentiment  # noqa: E402

DATA = ROOT / "tests" / "feedback" / "data"
BLIND = {
    "labelled_feedback_blind6.csv": "Final blind sample (labelled_feedback_blind6.csv, never tuned on)",
    "labelled_feedback_blind8.csv": "Fresh blind sample after the informal round (labelled_feedback_blind8.csv)",
}
DEVELOPMENT = (
    "labelled_feedback.csv",
    "labelled_feedback_blind1.csv",
    "labelled_feedback_blind2.csv",
    "labelled_feedback_blind3.csv",
    "labelled_feedback_blind4.csv",
    "labelled_feedback_blind5.csv",
    "labelled_feedback_blind7.csv",
)
WITHOUT_RULES = TrainConfig(rule_weight=0.0, confidence=0.0)


def rows(name: str) -> list[LabelledText]:
    return read_csv(DATA / name)


def line(title: str, m: Metrics) -> str:
    de, en = m.per_language.get("de", 0.0), m.per_language.get("en", 0.0)
    nde, nen = m.negative_recall_per_language.get("de", 0.0), m.negative_recall_per_language.get("en", 0.0)
    return (
        f"| {title} | {m.n} | **{m.accuracy:.2f}** | **{m.negative_recall:.2f}** | {de:.2f} / {en:.2f} | "
        f"{nde:.2f} / {nen:.2f} | {m.per_class['positive'].recall:.2f} | {m.per_class['neutral'].recall:.2f} |"
    )


HEADER = (
    "| sample · analyser | n | accuracy | negative recall | accuracy de / en | neg. recall de / en | "
    "pos. recall | neutral recall |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
)


def by_function(fn: Callable[[str], str], data: Sequence[LabelledText]) -> Metrics:
    return evaluate(fn, data)


def topics(names: Sequence[str]) -> str:
    tp = fp = fn = 0
    for name in names:
        with (DATA / name).open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                gold = {t for t in row["topics"].split(";") if t}
                got = set(match_topics(row["text"], DEFAULT_TOPICS))
                tp, fp, fn = tp + len(gold & got), fp + len(got - gold), fn + len(gold - got)
    return f"{tp / (tp + fp):.2f} / {tp / (tp + fn):.2f}"


def blind_section() -> None:
    for name, title in BLIND.items():
        data = rows(name)
        print(f"### {title}\n")
        print(HEADER)
        short = name.removeprefix("labelled_feedback_").removesuffix(".csv")
        print(line(f"{short} · shipped model (classifier + rules)", evaluate(default_model(), data)))
        print(line(f"{short} · rule layer alone", by_function(lambda t: rule_sentiment(t).label, data)))
        lexicon = by_function(lambda t: lexicon_sentiment(t).label, data)
        print(line(f"{short} · lexicon alone (new vocabulary)", lexicon))
        print(f"\nTopics precision / recall on {short}: {topics([name])}\n")


def development_section() -> None:
    print("### Development samples (each scored by a model trained without it)\n")
    print(HEADER)
    gold: list[str] = []
    predicted: dict[str, list[str]] = {"model": [], "plain": [], "rules": [], "lexicon": []}
    languages: list[str] = []
    for name in DEVELOPMENT:
        data = rows(name)
        texts = [r.text for r in data]
        corpus = base_corpus(exclude_sources=[name])
        model = train(corpus)
        plain = train(corpus, config=WITHOUT_RULES)
        labels = {
            "model": [r.label for r in model.analyse_many(texts)],
            "plain": [r.label for r in plain.analyse_many(texts)],
            "rules": [rule_sentiment(t).label for t in texts],
            "lexicon": [lexicon_sentiment(t).label for t in texts],
        }
        gold.extend(r.label for r in data)
        languages.extend(r.language for r in data)
        for key, values in labels.items():
            predicted[key].extend(values)
        short = name.removeprefix("labelled_feedback").removesuffix(".csv").strip("_") or "first"
        print(line(f"{short} · classifier + rules", metrics([r.label for r in data], labels["model"],
                                                             [r.language for r in data])))
    print(line("**all development** · classifier + rules", metrics(gold, predicted["model"], languages)))
    print(line("all development · classifier alone (no rule features, no backoff)",
               metrics(gold, predicted["plain"], languages)))
    print(line("all development · rule layer alone (tuned on these)", metrics(gold, predicted["rules"], languages)))
    print(line("all development · lexicon alone", metrics(gold, predicted["lexicon"], languages)))
    print(f"\nTopics precision / recall, all development samples: {topics(DEVELOPMENT)}\n")


def split_section() -> None:
    corpus = base_corpus()
    train_rows, held_out = stratified_split(corpus, held_out_fraction=0.2, seed=0)
    m = evaluate(train(train_rows), held_out)
    print("### Held-out fifth of the shipped corpus (stratified split, seed 0)\n")
    print(HEADER)
    print(line(f"corpus 80/20 · trained on {len(train_rows)}", m))
    print()


def speed_section() -> None:
    corpus = base_corpus()
    timings = []
    for _ in range(3):
        rule_view.cache_clear()  # as in a fresh process: the rule features are computed for every row
        started = time.perf_counter()
        model = train(corpus)
        timings.append(time.perf_counter() - started)
    texts = [r.text for r in corpus]

    def rate(fn: Callable[[str], object], sample: list[str]) -> float:
        started = time.perf_counter()
        for text in sample:
            fn(text)
        return len(sample) / (time.perf_counter() - started)

    # Fresh strings defeat the per-text cache: the figures are for texts the process has not seen.
    fresh = [f"{t} ({i})" for i, t in enumerate(texts)]
    single = rate(model.analyse, fresh)
    fresh = [f"{t} [{i}]" for i, t in enumerate(texts)]
    started = time.perf_counter()
    model.analyse_many(fresh)
    batch = len(fresh) / (time.perf_counter() - started)
    fresh = [f"{t} {{{i}}}" for i, t in enumerate(texts)]
    rules = rate(rule_sentiment, fresh)
    topic_rate = rate(lambda t: match_topics(t, DEFAULT_TOPICS), texts)
    print("### Speed (one core: BLAS limited to one thread)\n")
    print(f"- training on the shipped corpus ({model.trained_on} rows): "
          f"{min(timings):.2f} s best of 3 cold runs (worst {max(timings):.2f} s)")
    print(f"- sentiment, one text per call (Model.analyse): {single:,.0f} texts/s ({1000 / single:.2f} ms)")
    print(f"- sentiment, one batch (Model.analyse_many): {batch:,.0f} texts/s")
    print(f"- rule layer alone: {rules:,.0f} texts/s; topic matching: {topic_rate:,.0f} texts/s")
    print(f"- model size: {len(model.to_bytes()) / 1024:,.0f} KiB pickled\n")


def main(argv: Sequence[str]) -> None:
    assert set(LABELS) == {"positive", "neutral", "negative"}
    if "--speed" in argv:
        speed_section()
        return
    if "--no-blind" not in argv:
        blind_section()
    development_section()
    split_section()
    speed_section()


if __name__ == "__main__":
    main(sys.argv[1:])
