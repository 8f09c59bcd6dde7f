"""The rule layer (cold start and backoff of the classifier): the hard cases of issue 16, German and English."""

from __future__ import annotations

import pytest

from feedback.analysis import analyse_sentiment
from feedback.analysis.rules import find_cues
from feedback.analysis.sentiment import NEGATIVE, NEUTRAL, POSITIVE, rule_sentiment

FACTUAL_COMPLAINTS = [
    ("I was charged twice.", "twice"),
    ("Mir wurde der Betrag doppelt abgebucht.", "twice"),
    ("Die Montage wurde zweimal verschoben.", "twice"),
    ("Die Regale waren halb leer.", "shortfall"),
    ("Half the shelves were empty.", "shortfall"),
    ("Es gab kein einziges Brötchen mehr.", "shortfall"),
    ("On hold for forty minutes.", "waiting"),
    ("Ich hing 40 Minuten in der Warteschleife.", "waiting"),
    ("Seit drei Wochen warte ich auf das Geld.", "waiting"),
    ("The call back never came.", "never_came"),
    ("Der Rückruf kam nie.", "never_came"),
    ("Das Paket ist nie angekommen.", "never_came"),
    ("Still no refund.", "still_not"),
    ("Die Gutschrift ist immer noch nicht da.", "still_not"),
    ("Schon wieder fehlte die Hälfte.", "again"),
    ("Yet another parcel went to the neighbours.", "again"),
    ("Termin abgesagt, ohne Bescheid zu geben.", "shortfall"),
    ("Rückruf versprochen, gehört habe ich nix.", "never_came"),
    ("They promised a refund and nothing happened.", "never_came"),
    ("Dreimal angerufen, dreimal eine andere Auskunft.", "twice"),
    ("Called 4 times, got 4 different answers.", "twice"),
]


@pytest.mark.parametrize(("text", "family"), FACTUAL_COMPLAINTS)
def test_it_reads_a_stated_fact_as_a_complaint(text: str, family: str) -> None:
    cues = find_cues(text)
    assert any(cue.startswith(family) for cue in cues.factual), cues
    assert rule_sentiment(text).label == NEGATIVE


@pytest.mark.parametrize(
    "text",
    [
        "Super, schon wieder drei Wochen gewartet. Toll gemacht!",
        "Na toll, mal wieder die falsche Größe geliefert.",
        "Danke für nichts.",
        "Great, the parcel went missing again. Well done.",
        "Oh brilliant, another hour on hold.",
        "Thanks for nothing.",
        "Oh great another voucher that doesn't work",
        "Lieferung zwei Wochen zu spät, ganz toll.",
        "Cut off after forty minutes. Brilliant.",
    ],
)
def test_it_reads_praise_around_a_complaint_as_irony(text: str) -> None:
    assert find_cues(text).sarcasm
    assert rule_sentiment(text).label == NEGATIVE


@pytest.mark.parametrize(
    "text",
    ["Super, alles pünktlich geliefert!", "Great service, thank you!", "Toll gemacht, das Team war klasse!"],
)
def test_sincere_praise_is_not_irony(text: str) -> None:
    assert not find_cues(text).sarcasm
    assert rule_sentiment(text).label == POSITIVE


@pytest.mark.parametrize(
    "text",
    [
        "Nichts zu meckern.",
        "Kein Grund zur Klage.",
        "Nicht zu beanstanden.",
        "Ich kann mich nicht beschweren.",
        "Es gibt nichts auszusetzen.",
        "Keine Probleme mit der Lieferung.",
        "Can't fault them.",
        "Nothing to complain about.",
        "No complaints at all.",
        "Never had a problem with them.",
        "Couldn't be happier.",
    ],
)
def test_a_negated_complaint_is_praise(text: str) -> None:
    assert find_cues(text).negated_praise
    assert rule_sentiment(text).label == POSITIVE


@pytest.mark.parametrize(
    "text",
    [
        "Die Hotline hat mein Problem in fünf Minuten gelöst.",
        "The refund arrived within two days.",
        "Ich hätte gern die Rechnung per E-Mail statt auf Papier.",
        "Wann öffnen Sie am Samstag?",
    ],
)
def test_a_quick_answer_or_a_wish_is_no_factual_complaint(text: str) -> None:
    assert not find_cues(text).factual


def test_questions_stay_neutral_unless_they_state_a_complaint() -> None:
    assert rule_sentiment("Bauen Sie auch Möbel auf, die nicht bei Ihnen gekauft wurden?").label == NEUTRAL
    assert rule_sentiment("Why was I charged twice?").label == NEGATIVE


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("I was charged twice for one order.", NEGATIVE),
        ("Die Regale waren halb leer.", NEGATIVE),
        ("I was on hold for forty minutes.", NEGATIVE),
        ("The call back never came.", NEGATIVE),
        ("Super, schon wieder drei Wochen gewartet. Toll gemacht!", NEGATIVE),
        ("Nichts zu meckern, alles bestens.", POSITIVE),
        ("Can't fault them.", POSITIVE),
        ("Kein Grund zur Klage.", POSITIVE),
    ],
)
def test_the_platforms_analyser_gets_the_hard_cases_of_the_issue(text: str, label: str) -> None:
    assert analyse_sentiment(text).label == label
