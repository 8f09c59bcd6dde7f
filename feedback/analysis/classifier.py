"""A sentiment classifier the platform trains itself: character and word n-grams plus the rule layer's cues.

    model = train(rows)                    # rows: LabelledText; deterministic, well under a second for 1,000 rows
    model.predict("Zweimal abgebucht.")    # "negative"
    model.analyse(text)                    # SentimentResult, combined with the rules (see Model.analyse)
    evaluate(model, held_out)              # Metrics: accuracy, per class, per language
    Model.from_bytes(model.to_bytes(key=k), key=k)

Features: TF-IDF over character n-grams 2–5 within word boundaries (catches inflections and compounds:
"Warteschleife", "abgebucht", "crashes") and word uni- and bigrams (catches "nie angekommen", "on hold"), both on
folded text, plus the dense cues of `features.py`. Classifier: multinomial logistic regression, which gives
probabilities without a separate calibration step.

Combination with the rules (`Model.analyse`): the classifier decides when it is confident (top probability ≥
`confidence`); otherwise the rule layer's label stands where it has evidence, else the classifier's.
"""

from __future__ import annotations

import hashlib
import hmac
import pickle  # noqa: S403 - only for models the platform wrote itself, verified by HMAC (see Model.from_bytes)
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits

from feedback.analysis.corpus import LABELS, NEGATIVE, NEUTRAL, POSITIVE, LabelledText, base_corpus
from feedback.analysis.features import rule_view
from feedback.analysis.normalize import fold
from feedback.analysis.sentiment import THRESHOLD, SentimentResult

FORMAT = 1
# Bumped whenever features or rules change, so a stored model trained on other features is never reused.
FEATURE_VERSION = "2026-12-ta1"
MAX_CHARS = 5000  # the longest feedback text the platform stores; longer input is cut before analysis


@dataclass(frozen=True)
class TrainConfig:
    char_ngrams: tuple[int, int] = (2, 5)
    word_ngrams: tuple[int, int] = (1, 2)
    c: float = 10.0
    rule_weight: float = 2.0
    confidence: float = 0.55
    class_weight: str | None = "balanced"


def _prepare(text: str) -> str:
    return fold((text or "").replace("\x00", " ")[:MAX_CHARS])


def _vectorizers(config: TrainConfig) -> tuple[TfidfVectorizer, TfidfVectorizer]:
    char = TfidfVectorizer(
        analyzer="char_wb", ngram_range=config.char_ngrams, sublinear_tf=True, min_df=1, lowercase=False
    )
    word = TfidfVectorizer(
        analyzer="word",
        ngram_range=config.word_ngrams,
        sublinear_tf=True,
        min_df=1,
        lowercase=False,
        token_pattern=r"(?u)\b\w+\b",  # noqa: S106 - a regular expression, not a password
    )
    return char, word


@dataclass
class Model:
    """A trained classifier; `version` names the training data, the configuration and the library versions."""

    version: str
    config: TrainConfig
    trained_on: int
    char: TfidfVectorizer
    word: TfidfVectorizer
    classifier: LogisticRegression
    sources: dict[str, int] = field(default_factory=dict)
    _scorer: _Scorer | None = field(default=None, init=False, repr=False, compare=False)

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state["_scorer"] = None  # derived from the fitted parts; rebuilt on first use
        return state

    # --- prediction ---------------------------------------------------------------------------------------
    def _matrix(self, texts: Sequence[str], views: Sequence[list[float]]) -> sp.csr_matrix:
        prepared = [_prepare(t) for t in texts]
        dense = sp.csr_matrix(np.asarray(views, dtype=np.float64) * self.config.rule_weight)
        return sp.hstack([self.char.transform(prepared), self.word.transform(prepared), dense], format="csr")

    def probabilities(self, texts: Sequence[str]) -> list[dict[str, float]]:
        views = [rule_view(t[:MAX_CHARS]).vector() for t in texts]
        proba = self.classifier.predict_proba(self._matrix(texts, views))
        classes = list(self.classifier.classes_)
        return [{label: float(row[classes.index(label)]) for label in LABELS} for row in proba]

    def predict(self, text: str) -> str:
        return self.analyse(text).label

    def analyse(self, text: str) -> SentimentResult:
        return self.analyse_many([text])[0]

    def analyse_many(self, texts: Sequence[str]) -> list[SentimentResult]:
        texts = [(t or "")[:MAX_CHARS] for t in texts]
        if not texts:
            return []
        views = [rule_view(t) for t in texts]
        if self._scorer is None:
            self._scorer = _Scorer(self)
        results = []
        for text, view in zip(texts, views, strict=True):
            probs = self._scorer.probabilities(_prepare(text), view.vector())
            results.append(_combine(probs, view.result, self.config.confidence, self.version))
        return results

    # --- storage ------------------------------------------------------------------------------------------
    def to_bytes(self, *, key: bytes | None = None) -> bytes:
        """The model as bytes; with `key`, prefixed by an HMAC-SHA256 so that `from_bytes` can check its origin."""
        payload = pickle.dumps({"format": FORMAT, "model": self}, protocol=pickle.HIGHEST_PROTOCOL)
        signature = hmac.new(key, payload, hashlib.sha256).digest() if key else b"\0" * 32
        return b"CXSM" + signature + payload

    @classmethod
    def from_bytes(cls, data: bytes, *, key: bytes | None = None) -> Model:
        """Load a model written by `to_bytes`.

        SECURITY: unpickling runs code chosen by whoever wrote the bytes. Load only what the platform itself
        wrote (its own database or media storage), never a file a user uploads, and pass the same `key` that
        signed it (derived from SECRET_KEY): a signature mismatch raises before anything is unpickled.
        """
        if data[:4] != b"CXSM" or len(data) < 36:
            raise ValueError("not a sentiment model")
        signature, payload = data[4:36], data[36:]
        if key is not None:
            expected = hmac.new(key, payload, hashlib.sha256).digest()
            if not hmac.compare_digest(signature, expected):
                raise ValueError("sentiment model signature does not match")
        loaded = pickle.loads(payload)  # noqa: S301 - see the docstring: platform-written, HMAC-checked bytes
        if not isinstance(loaded, dict) or loaded.get("format") != FORMAT or not isinstance(loaded.get("model"), cls):
            raise ValueError("unsupported sentiment model format")
        model: Model = loaded["model"]
        return model


class _Scorer:
    """The fitted model's arithmetic without scikit-learn's per-call input checks (10× faster for one text).

    Same numbers as `Model.probabilities` (held by a test): sublinear TF-IDF with L2 norm per n-gram block, the
    dense rule block, then the multinomial logistic regression's softmax.
    """

    def __init__(self, model: Model) -> None:
        self.blocks = []
        offset = 0
        for vectorizer in (model.char, model.word):
            vocabulary: dict[str, int] = vectorizer.vocabulary_
            self.blocks.append((vectorizer.build_analyzer(), vocabulary, vectorizer.idf_, offset))
            offset += len(vocabulary)
        self.dense_offset = offset
        self.rule_weight = model.config.rule_weight
        self.coef = np.asarray(model.classifier.coef_, dtype=np.float64)
        self.intercept = np.asarray(model.classifier.intercept_, dtype=np.float64)
        self.classes = [str(c) for c in model.classifier.classes_]

    def probabilities(self, prepared: str, dense: list[float]) -> dict[str, float]:
        decision = self.intercept.copy()
        for analyzer, vocabulary, idf, offset in self.blocks:
            counts: dict[int, int] = {}
            for gram in analyzer(prepared):
                index = vocabulary.get(gram)
                if index is not None:
                    counts[index] = counts.get(index, 0) + 1
            if not counts:
                continue
            indices = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
            values = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))) * idf[indices]
            values /= np.sqrt(np.dot(values, values))
            decision += self.coef[:, indices + offset] @ values
        width = len(dense)
        decision += self.coef[:, self.dense_offset : self.dense_offset + width] @ (
            np.asarray(dense, dtype=np.float64) * self.rule_weight
        )
        decision -= decision.max()
        exp = np.exp(decision)
        proba = exp / exp.sum()
        return {label: float(proba[self.classes.index(label)]) for label in LABELS}


def _combine(probs: dict[str, float], rules: SentimentResult, confidence: float, version: str) -> SentimentResult:
    """The classifier decides when confident; otherwise a rule verdict with evidence wins over a guess."""
    best = max(LABELS, key=lambda label: probs[label])
    label, source = best, "model"
    if probs[best] < confidence and rules.label != NEUTRAL:
        label, source = rules.label, "rules"
    # The score stays on the lexicon's scale (the rule layer's score), moved into the band of the chosen label.
    if label == POSITIVE:
        score = max(rules.score, THRESHOLD)
    elif label == NEGATIVE:
        score = min(rules.score, -THRESHOLD)
    else:
        score = max(-THRESHOLD + 0.01, min(THRESHOLD - 0.01, rules.score))
    return SentimentResult(
        label=label,
        score=round(score, 3),
        hits=list(rules.hits),
        source=source,
        confidence=round(probs[label], 4),
        model_version=version,
    )


# --- training -------------------------------------------------------------------------------------------------


def _version(rows: Sequence[LabelledText], config: TrainConfig) -> str:
    digest = hashlib.sha256()
    for part in (FEATURE_VERSION, sklearn.__version__, np.__version__, repr(config)):
        digest.update(part.encode() + b"\0")
    for row in rows:
        digest.update(f"{row.label}\t{row.text}\n".encode())
    return digest.hexdigest()[:12]


def train(rows: Iterable[LabelledText], *, config: TrainConfig | None = None) -> Model:
    """Train on labelled rows. Deterministic: the same rows (in any order) give the same model and version."""
    config = config or TrainConfig()
    unique = sorted({(row.text, row.label): row for row in rows if row.text.strip()}.values(),
                    key=lambda r: (r.text, r.label))
    labels = {row.label for row in unique}
    if len(labels) < 2:
        raise ValueError("training needs at least two sentiment classes")
    texts = [row.text for row in unique]
    prepared = [_prepare(t) for t in texts]
    char, word = _vectorizers(config)
    views = np.asarray([rule_view(t[:MAX_CHARS]).vector() for t in texts], dtype=np.float64) * config.rule_weight
    matrix = sp.hstack([char.fit_transform(prepared), word.fit_transform(prepared), sp.csr_matrix(views)], format="csr")
    classifier = LogisticRegression(C=config.c, solver="newton-cg", max_iter=500, class_weight=config.class_weight)
    # One thread: BLAS threads fighting over a busy web or worker host make the fit ten times slower, not faster.
    with threadpool_limits(1):
        classifier.fit(matrix, [row.label for row in unique])
    sources: dict[str, int] = {}
    for row in unique:
        sources[row.source or "unknown"] = sources.get(row.source or "unknown", 0) + 1
    return Model(
        version=_version(unique, config),
        config=config,
        trained_on=len(unique),
        char=char,
        word=word,
        classifier=classifier,
        sources=sources,
    )


_DEFAULT: Model | None = None
_LOCK = threading.Lock()


def default_model() -> Model:
    """The model of a fresh installation: trained once per process on the shipped corpus (about a second)."""
    global _DEFAULT
    if _DEFAULT is None:
        with _LOCK:
            if _DEFAULT is None:
                _DEFAULT = train(base_corpus())
    return _DEFAULT
