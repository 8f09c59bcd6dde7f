"""Measuring a sentiment model: a stratified held-out split and the figures a CX admin sees before switching on."""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from feedback.analysis.corpus import LABELS, NEGATIVE, LabelledText
from feedback.analysis.language import detect_language


@dataclass(frozen=True)
class ClassFigures:
    support: int
    precision: float
    recall: float
    f1: float


@dataclass(frozen=True)
class Metrics:
    n: int
    accuracy: float
    per_class: dict[str, ClassFigures]
    per_language: dict[str, float]
    negative_recall_per_language: dict[str, float]
    confusion: dict[tuple[str, str], int]  # (gold, predicted) -> count

    @property
    def negative_recall(self) -> float:
        return self.per_class[NEGATIVE].recall

    def as_dict(self) -> dict[str, object]:
        """JSON-friendly figures (for storing next to a model version)."""
        return {
            "n": self.n,
            "accuracy": round(self.accuracy, 4),
            "negative_recall": round(self.negative_recall, 4),
            "per_class": {
                label: {"support": f.support, "precision": round(f.precision, 4), "recall": round(f.recall, 4),
                        "f1": round(f.f1, 4)}
                for label, f in self.per_class.items()
            },
            "per_language": {k: round(v, 4) for k, v in self.per_language.items()},
            "negative_recall_per_language": {k: round(v, 4) for k, v in self.negative_recall_per_language.items()},
        }


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def metrics(gold: Sequence[str], predicted: Sequence[str], languages: Sequence[str]) -> Metrics:
    confusion: Counter[tuple[str, str]] = Counter(zip(gold, predicted, strict=True))
    per_class = {}
    for label in LABELS:
        support = sum(n for (g, _p), n in confusion.items() if g == label)
        chosen = sum(n for (_g, p), n in confusion.items() if p == label)
        hit = confusion[(label, label)]
        precision, recall = _ratio(hit, chosen), _ratio(hit, support)
        f1 = 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)
        per_class[label] = ClassFigures(support=support, precision=precision, recall=recall, f1=f1)
    by_language: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for g, p, lang in zip(gold, predicted, languages, strict=True):
        by_language[lang].append((g, p))
    per_language = {lang: _ratio(sum(g == p for g, p in pairs), len(pairs)) for lang, pairs in by_language.items()}
    negative_recall = {
        lang: _ratio(sum(g == p == NEGATIVE for g, p in pairs), sum(g == NEGATIVE for g, _p in pairs))
        for lang, pairs in by_language.items()
    }
    return Metrics(
        n=len(gold),
        accuracy=_ratio(sum(g == p for g, p in zip(gold, predicted, strict=True)), len(gold)),
        per_class=per_class,
        per_language=dict(sorted(per_language.items())),
        negative_recall_per_language=dict(sorted(negative_recall.items())),
        confusion=dict(confusion),
    )


def evaluate(model: object, held_out: Sequence[LabelledText]) -> Metrics:
    """Figures of `model` (a `classifier.Model`, or a function text -> label) on labelled rows it was not trained on."""
    texts = [row.text for row in held_out]
    if callable(model):
        predicted = [model(text) for text in texts]
    else:
        predicted = [result.label for result in model.analyse_many(texts)]  # type: ignore[attr-defined]
    languages = [row.language or detect_language(row.text) for row in held_out]
    return metrics([row.label for row in held_out], predicted, languages)


def stratified_split(
    rows: Sequence[LabelledText], *, held_out_fraction: float = 0.2, seed: int = 0
) -> tuple[list[LabelledText], list[LabelledText]]:
    """(train, held_out): the same share of every label (and language) held out, reproducibly for a seed.

    Duplicate texts stay on one side, so a text seen in training never counts as held out.
    """
    if not 0 < held_out_fraction < 1:
        raise ValueError("held_out_fraction must be between 0 and 1")
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    label_of: dict[str, tuple[str, str]] = {}
    for row in rows:
        if row.text not in label_of:
            label_of[row.text] = (row.label, row.language)
            groups[(row.label, row.language)].append(row.text)
    rng = random.Random(seed)  # noqa: S311 - a reproducible split, not a secret
    held: set[str] = set()
    for key in sorted(groups):
        texts = sorted(groups[key])
        rng.shuffle(texts)
        count = round(len(texts) * held_out_fraction)
        if len(texts) >= 2:
            count = max(1, min(count, len(texts) - 1))
        held.update(texts[:count])
    train = [row for row in rows if row.text not in held]
    held_out = [row for row in rows if row.text in held]
    return train, held_out
