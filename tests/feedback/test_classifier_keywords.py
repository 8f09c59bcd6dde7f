"""Topic keyword suggestions from texts staff tagged or corrected."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from feedback.analysis.keywords import corrected_topic_rows, stem, suggest_keywords
from feedback.analysis.topics import match_topics

TOPICS = {"Wartezeit": ["warten", "schlange"], "Lieferung": ["lieferung", "paket"]}
TAGGED = [
    ("Ewig in der Warteschleife gehangen.", ["Wartezeit"]),
    ("Die Warteschleife der Hotline ist eine Zumutung.", ["Wartezeit"]),
    ("Warteschleife, dann aufgelegt.", ["Wartezeit"]),
    ("On hold for ages.", ["Wartezeit"]),
    ("Kept on hold again.", ["Wartezeit"]),
    ("Das Paket kam beschädigt, der Kurier war unfreundlich.", ["Lieferung"]),
    ("Der Kurier hat nicht geklingelt.", ["Lieferung"]),
    ("Kurierdienst kam zu spät.", ["Lieferung"]),
    ("Die Hotline war freundlich.", []),
    ("Tolle Beratung.", []),
]


def test_it_proposes_the_distinctive_new_words_of_each_topic_with_counts() -> None:
    suggestions = suggest_keywords(TAGGED, TOPICS)
    waiting = {s.term: s for s in suggestions["Wartezeit"]}
    assert waiting["warteschleife"].count == 3 and waiting["warteschleife"].elsewhere == 0
    assert "hold" in waiting
    delivery = {s.term for s in suggestions["Lieferung"]}
    assert "kurier" in delivery


def test_it_never_proposes_what_the_topic_already_matches_or_what_other_texts_use_as_much() -> None:
    suggestions = suggest_keywords(TAGGED, TOPICS)
    assert all(not s.term.startswith("paket") for s in suggestions["Lieferung"])
    # "hotline" occurs once in a waiting text and once in an untagged one: not distinctive enough.
    assert "hotline" not in {s.term for s in suggestions["Wartezeit"]}


def test_a_suggested_keyword_makes_the_matcher_find_the_texts() -> None:
    suggestions = suggest_keywords(TAGGED, TOPICS)
    keywords = {name: [*TOPICS[name], *(s.term for s in found)] for name, found in suggestions.items()}
    assert match_topics("Zwanzig Minuten in der Warteschleife.", keywords) == ["Wartezeit"]
    assert match_topics("Der Kurier kam nicht.", keywords) == ["Lieferung"]


def test_suggestions_are_sorted_and_limited() -> None:
    found = suggest_keywords(TAGGED, TOPICS, limit=1, min_count=1)
    assert all(len(v) <= 1 for v in found.values())
    full = suggest_keywords(TAGGED, TOPICS, min_count=1)["Wartezeit"]
    assert [s.score for s in full] == sorted((s.score for s in full), reverse=True)


def test_the_latest_correction_of_a_text_wins() -> None:
    rows = corrected_topic_rows([("Text A", ["Preis"]), ("Text A", ["Preis", "Retoure"]), ("Text B", [])])
    assert rows == [("Text A", ["Preis", "Retoure"]), ("Text B", [])]


def test_stems_keep_enough_of_the_word() -> None:
    assert stem("lieferungen") == "liefer"
    assert stem("ordered") == "order"
    assert stem("waited") == "waited"  # too short to cut: "wait" would also match "waitress"
    assert stem("tag") == "tag"


@given(st.lists(st.tuples(st.text(max_size=80), st.lists(st.sampled_from(["Wartezeit", "Lieferung"]))), max_size=20))
def test_any_input_gives_suggestions_only_for_known_topics(rows: list[tuple[str, list[str]]]) -> None:
    result = suggest_keywords(rows, TOPICS, min_count=1)
    assert set(result) == set(TOPICS)
    for found in result.values():
        assert all(s.count >= 1 and 0 <= s.elsewhere and -1 <= s.score <= 1 for s in found)
