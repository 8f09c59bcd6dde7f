"""The pure text analysis: sentiment rules, topic matching, language, normalisation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from feedback.analysis import analyse_sentiment, detect_language, match_topics
from feedback.analysis.default_topics import DEFAULT_TOPICS
from feedback.analysis.normalize import fold, tokens
from feedback.analysis.sentiment import NEGATIVE, NEUTRAL, POSITIVE, THRESHOLD


def test_it_folds_umlauts_and_case() -> None:
    assert fold("Größe ÄRGER Übel") == "groesse aerger uebel"
    assert tokens("Don't!") == ["do", "not"]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Das war gut.", POSITIVE),
        ("Das war nicht gut.", NEGATIVE),
        ("It was good.", POSITIVE),
        ("It was not good.", NEGATIVE),
        ("The staff weren't friendly.", NEGATIVE),
        ("Die Beratung gefiel mir, aber die Kassiererin war unfreundlich.", NEGATIVE),
        ("Das gefiel mir gar nicht, die Ware war kaputt.", NEGATIVE),
        ("Nicht schlecht.", NEUTRAL),
        ("Die Preise stimmten nicht.", NEGATIVE),
        ("Wann öffnen Sie am Samstag?", NEUTRAL),
        ("Superfreundliche Mitarbeiterin!", POSITIVE),
        ("Es wäre schön, wenn es mehr Parkplätze gäbe.", NEUTRAL),
    ],
)
def test_it_labels_typical_sentences(text: str, label: str) -> None:
    assert analyse_sentiment(text).label == label


def test_intensifiers_strengthen_the_score() -> None:
    plain = analyse_sentiment("Das Personal war freundlich.").score
    strong = analyse_sentiment("Das Personal war sehr freundlich.").score
    weak = analyse_sentiment("Das Personal war etwas unfreundlich.").score
    assert strong > plain > 0
    assert weak < 0 and abs(weak) < abs(analyse_sentiment("Das Personal war unfreundlich.").score)


def test_longest_entry_wins_and_short_stems_do_not_swallow_other_words() -> None:
    assert analyse_sentiment("unfreundlich").label == NEGATIVE
    # "beste" must not match "Bestellung"
    assert analyse_sentiment("Ich habe eine Bestellung aufgegeben.").label == NEUTRAL


@given(st.text(max_size=300))
def test_label_always_agrees_with_score(text: str) -> None:
    result = analyse_sentiment(text)
    if result.score >= THRESHOLD:
        assert result.label == POSITIVE
    elif result.score <= -THRESHOLD:
        assert result.label == NEGATIVE
    else:
        assert result.label == NEUTRAL


def test_topics_match_inflections_and_compounds() -> None:
    topics = {"Wartezeit": ["wartezeit", "schlange"], "Lieferung": ["liefer"], "Preis": ["preis"]}
    assert match_topics("Die Kassenschlange war lang", topics) == ["Wartezeit"]
    assert match_topics("Lieferungen kommen spät; Preise hoch", topics) == ["Lieferung", "Preis"]
    assert match_topics("Alles prima", topics) == []


def test_topics_match_multiword_keywords_and_umlauts() -> None:
    topics = {"Produktqualität": ["qualität", "stopped working"]}
    assert match_topics("Die QUALITAET ist mies", topics) == ["Produktqualität"]
    assert match_topics("It stopped working after a day", topics) == ["Produktqualität"]


def test_default_topics_cover_the_glossary() -> None:
    assert set(DEFAULT_TOPICS) == {
        "Wartezeit", "Freundlichkeit", "Lieferung", "Preis", "Sauberkeit", "Beratung", "Produktqualität", "Retoure",
    }


@pytest.mark.parametrize(
    ("text", "language"),
    [("Die Lieferung war leider zu spät", "de"), ("The delivery was late and the box was damaged", "en")],
)
def test_it_detects_the_language(text: str, language: str) -> None:
    assert detect_language(text) == language
