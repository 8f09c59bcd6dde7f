"""Keyword suggestions for topics, learnt from texts that staff tagged (or corrected) by hand.

`suggest_keywords` is pure: given texts with their topics and the topics' current keyword lists, it proposes for
each topic the stems and two-word phrases that occur in its texts far more often than in the others and that the
topic's keywords do not match yet, with counts, for an admin to accept or ignore.
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from feedback.analysis.language import STOP_WORDS
from feedback.analysis.normalize import tokens
from feedback.analysis.topics import keyword_matches

# Endings cut for a stem (the matcher takes a keyword of four or more letters as a prefix, so a stem suffices).
_ENDINGS = ("ungen", "ung", "en", "er", "es", "em", "e", "n", "s", "ed", "ing", "ly")
_MIN_STEM = 4
_EXTRA_STOP = frozenset(
    "ich wir sie er es man mein meine meinen mir uns ihr ihre ihren sein seine dann schon noch sehr nur auch "
    "gar mal ganz wieder immer heute gestern seit nach vor ueber unter beim vom zum zur ins einer eines einem "
    "sind waren wird werden wurden worden haben hatten kann konnte muss musste soll sollte war ist hat "
    "i we you he she they it my our your their me us them was were is are been be being have has had do does did "
    "then already only also very really just again today yesterday since after before about over under into "
    "can could must should will would there here what which who this that these those an a the of to in on at "
    "for with and or but not no so as by from "
    "always never first left shop store item items thing things super great good gut toll alles".split()
)


@dataclass(frozen=True)
class KeywordSuggestion:
    term: str
    count: int  # texts of the topic that contain the term
    elsewhere: int  # texts of other topics (or none) that contain it
    score: float  # share in the topic's texts minus share in the others (0 … 1)


def stem(word: str) -> str:
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM + 1:
            return word[: -len(ending)]
    return word


def _terms(text: str, keywords: list[str]) -> dict[str, set[str]]:
    """Candidate terms of a text (stem → the word forms seen), leaving out forms the keywords already match."""
    words = [w for w in tokens(text) if not w.isdigit()]
    joined = " " + " ".join(words) + " "
    terms: dict[str, set[str]] = defaultdict(set)
    for word in words:
        if word in STOP_WORDS or word in _EXTRA_STOP or len(word) < _MIN_STEM:
            continue
        if not any(keyword_matches(k, [word], " " + word + " ") for k in keywords):
            terms[stem(word)].add(word)
    for first, second in zip(words, words[1:], strict=False):
        if {first, second} & (STOP_WORDS | _EXTRA_STOP) or len(first) < 3 or len(second) < 3:
            continue
        phrase = f"{first} {second}"
        if not any(keyword_matches(k, [first, second], joined) for k in keywords):
            terms[phrase].add(phrase)
    return terms


def _display(forms: set[str]) -> str:
    """The keyword to propose for a group of word forms: their common prefix (a stem the matcher extends)."""
    prefix = os.path.commonprefix(sorted(forms))
    return prefix if len(prefix) >= _MIN_STEM and len(forms) > 1 else min(forms, key=lambda f: (len(f), f))


def suggest_keywords(
    labelled: Iterable[tuple[str, Iterable[str]]],
    topics: Mapping[str, Iterable[str]],
    *,
    min_count: int = 2,
    min_precision: float = 0.7,
    limit: int = 10,
) -> dict[str, list[KeywordSuggestion]]:
    """For each topic in `topics`, up to `limit` new keywords, most distinctive first.

    `labelled`: (text, topic names) pairs, e.g. the texts whose topics staff corrected. A term is proposed when at
    least `min_count` of the topic's texts contain it in a form the topic's current keywords do not match, and at
    least `min_precision` of all texts containing it belong to the topic.
    """
    documents = [(text, set(names)) for text, names in labelled]
    total = len(documents)
    containing: Counter[str] = Counter()
    for text, _names in documents:
        containing.update(_terms(text, []).keys())
    result: dict[str, list[KeywordSuggestion]] = {}
    for topic, keywords in topics.items():
        keyword_list = list(keywords)
        inside = [text for text, names in documents if topic in names]
        n_in, n_out = len(inside), total - len(inside)
        counts: Counter[str] = Counter()
        forms: dict[str, set[str]] = defaultdict(set)
        for text in inside:
            for term, seen in _terms(text, keyword_list).items():
                counts[term] += 1
                forms[term] |= seen
        all_inside: Counter[str] = Counter()
        for text in inside:
            all_inside.update(_terms(text, []).keys())
        suggestions = []
        for term, count in counts.items():
            elsewhere = containing[term] - all_inside[term]
            if count < min_count or count / (count + elsewhere) < min_precision:
                continue
            score = count / n_in - (elsewhere / n_out if n_out else 0.0)
            suggestions.append(
                KeywordSuggestion(term=_display(forms[term]), count=count, elsewhere=elsewhere, score=round(score, 4))
            )
        suggestions.sort(key=lambda s: (-s.score, -s.count, s.term))
        result[topic] = _drop_covered(suggestions)[:limit]
    return result


def _drop_covered(suggestions: list[KeywordSuggestion]) -> list[KeywordSuggestion]:
    """A phrase whose words are already suggested on their own adds nothing ("warteschleife" covers "in warteschl…")."""
    singles = [s.term for s in suggestions if " " not in s.term]
    kept = []
    for suggestion in suggestions:
        words = suggestion.term.split()
        if len(words) > 1 and any(w.startswith(single) for w in words for single in singles):
            continue
        kept.append(suggestion)
    return kept


def corrected_topic_rows(corrections: Iterable[tuple[str, Iterable[str]]]) -> list[tuple[str, list[str]]]:
    """(text, topics) pairs from staff corrections, latest correction per text winning (input oldest first)."""
    latest: dict[str, list[str]] = defaultdict(list)
    for text, names in corrections:
        latest[text] = sorted(set(names))
    return list(latest.items())
