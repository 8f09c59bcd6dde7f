"""Labelled texts: the corpus shipped with the platform, and the rules that turn an installation's data into labels.

The shipped corpus (`data/`) was written for this project: `corpus_base.csv` (retail feedback across stores, web
shop, app, hotline, delivery and assembly, German and English) and `corpus_samples.csv` (a copy of the development
samples in tests/feedback/data/, with the file each came from). The final blind sample is never part of it.

An installation adds its own rows (see `label_from_*`): staff corrections, the customer's own choice of praise or
criticism, the score next to an NPS/CSAT comment, the stars of a review.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

POSITIVE = "positive"
NEUTRAL = "neutral"
NEGATIVE = "negative"
LABELS = (POSITIVE, NEUTRAL, NEGATIVE)

DATA = Path(__file__).parent / "data"
CORPUS_FILES = ("corpus_base.csv", "corpus_samples.csv")


@dataclass(frozen=True)
class LabelledText:
    """One training or evaluation row. `source` says where the label came from (e.g. "base", "staff", "nps")."""

    text: str
    label: str
    language: str = ""
    source: str = ""

    def __post_init__(self) -> None:
        if self.label not in LABELS:
            raise ValueError(f"unknown sentiment label {self.label!r}")


def read_csv(path: Path, *, source: str = "") -> list[LabelledText]:
    """Rows of a labelled CSV (`text`, `sentiment`, optional `language`, `source`)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            LabelledText(
                text=row["text"],
                label=row["sentiment"],
                language=row.get("language") or "",
                source=row.get("source") or source or path.name,
            )
            for row in csv.DictReader(handle)
        ]


@lru_cache(maxsize=1)
def _base_corpus() -> tuple[LabelledText, ...]:
    rows: list[LabelledText] = []
    for name in CORPUS_FILES:
        rows.extend(read_csv(DATA / name, source="base" if name == "corpus_base.csv" else ""))
    return tuple(rows)


def base_corpus(*, exclude_sources: Iterable[str] = ()) -> list[LabelledText]:
    """The corpus a fresh installation trains on; `exclude_sources` leaves out e.g. one sample for evaluation."""
    excluded = set(exclude_sources)
    return [row for row in _base_corpus() if row.source not in excluded]


# --- Labels from what the platform already stores -------------------------------------------------------------


def label_from_kind(kind: str) -> str | None:
    """The customer's own choice on the feedback form: praise is positive, criticism negative; others say nothing."""
    return {"praise": POSITIVE, "criticism": NEGATIVE}.get(kind)


def label_from_nps(score: int | None) -> str | None:
    """The 0–10 score next to an NPS comment: detractors (0–6) negative, promoters (9–10) positive, passives none."""
    if score is None or not 0 <= score <= 10:
        return None
    if score <= 6:
        return NEGATIVE
    if score >= 9:
        return POSITIVE
    return None


def label_from_stars(stars: int | None, *, scale: int = 5) -> str | None:
    """Review stars or a 1–5 CSAT: 1–2 negative, 4–5 positive, the middle says nothing."""
    if stars is None or scale != 5 or not 1 <= stars <= 5:
        return None
    if stars <= 2:
        return NEGATIVE
    if stars >= 4:
        return POSITIVE
    return None


def label_from_correction(new_value: object) -> str | None:
    """A staff correction of the sentiment (FeedbackCorrection.new_value): the strongest label there is."""
    return new_value if isinstance(new_value, str) and new_value in LABELS else None
