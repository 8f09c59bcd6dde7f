"""Rules for what a lexicon cannot see: complaints that state a fact, sarcasm, and praise phrased as a negation.

All patterns run on folded text (`normalize.fold`: lowercase, ä→ae, ß→ss, "n't" → " not"), punctuation kept, so a
pattern can stop at a clause boundary. Each rule family is a list of regular expressions; `find_cues` reports which
ones fired, with the matched span, so that the sentiment layer can

- add a negative score for a factual complaint ("charged twice", "halb leer", "40 Minuten in der Warteschleife",
  "the call back never came", "immer noch nicht"),
- turn an ironic compliment negative ("Super, schon wieder drei Wochen gewartet. Toll gemacht!"),
- take a negated complaint as praise ("Nichts zu meckern", "can't fault them") and blank its span, so that
  "meckern" or "fault" no longer count as negative words.

The same cues are features of the trainable classifier (`classifier.py`): the rules carry a cold start, and a
trained model learns how much to trust them on the installation's own data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from feedback.analysis.normalize import fold

# A clause: no sentence punctuation in between (commas are allowed inside a "clause" for the wider patterns).
_W = r"[^.!?;\n]"  # any character inside one sentence
_NUM_DE = (
    r"(?:\d+|ein|eine|einer|einen|zwei|drei|vier|fuenf|sechs|sieben|acht|neun|zehn|elf|zwoelf|fuenfzehn|zwanzig|"
    r"dreissig|vierzig|fuenfzig|sechzig|neunzig|fuenfundvierzig|halbe|halben|mehrere|mehreren|etliche|viele|vielen|"
    r"ueber|paar)"
)
_COUNT_DE = r"(?:\d+|zwei|drei|vier|fuenf|sechs|sieben|acht|neun|zehn|mehrere|etliche|einige|viele)"
_NUM_EN = (
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|"
    r"fifty|sixty|ninety|forty-five|half an|half a|several|a few|a couple of|many|almost an|nearly an|over an)"
)
_UNIT_DE = r"(?:minute|minuten|min|stunde|stunden|std|tag|tage|tagen|woche|wochen|monat|monate|monaten)\b"
_UNIT_EN = r"(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\b"
_DURATION = (
    rf"(?:\b{_NUM_DE}\s+(?:\w+\s+)?{_UNIT_DE}|\b{_NUM_EN}\s+(?:\w+\s+)?{_UNIT_EN}|"
    r"\b(?:dreiviertelstunde|viertelstunde|ewigkeit|ages|forever)\b)"
)
_WAIT_DE = (
    r"(?:warte|wartet|warten|gewartet|warteschleife|gestanden|stand|stehe|standen|seit|spaet|verspaet|"
    r"ueberschritten|vertroestet|liegt|lag|haengt|hing|immer noch|noch immer|dauert|gedauert|brauchte)"
)
_WAIT_EN = (
    r"(?:wait|waits|waited|waiting|hold|queue|queued|queuing|since|still|later|late|stood|standing|stuck|took|"
    r"taken|overdue)"
)
# "in fünf Minuten gelöst", "within 48 hours": a short duration that praises speed.
_SPEED = r"(?:\bin|\bwithin|\binnerhalb|\bbinnen|\bnur|\bonly|\bjust|\bunder|\bless than|\bweniger als|\bkeine|\bkaum)"

FACTUAL: dict[str, list[str]] = {
    # "zweimal abgebucht", "doppelt berechnet", "charged twice", "double-charged"
    "twice": [
        r"\b(?:zweimal|doppelt|dreimal|viermal|mehrfach|mehrmals)\b" + _W + r"{0,40}?"
        r"\b(?:abgebucht|abbuch|berechnet|bezahlt|belastet|in rechnung|gebucht|verschoben|weitergeleitet|"
        r"weiterverbunden|erklaer|vertroestet|storniert|abgesagt|angerufen|nachgefragt|geschickt|reklamiert)",
        r"\b(?:abgebucht|berechnet|belastet|bezahlt)\b" + _W + r"{0,30}?\b(?:zweimal|doppelt)\b",
        r"\b(?:charged|billed|debited|taken|paid|deducted|invoiced)\b" + _W + r"{0,30}?\b(?:twice|double|two times)\b",
        r"\b(?:double|twice)[- ](?:charged|billed|booked|debited)\b",
        # "viermal angerufen, viermal was anderes gehört", "called 4 times, got 4 different stories"
        r"\b(?:\d+\s*(?:x|mal|times)|zweimal|dreimal|viermal|fuenfmal|twice|three times|four times|five times)\b"
        + _W + r"{0,50}?\b(?:anders|andere\w*|different)\b",
        r"\b(?:jedes mal|every time|each time)\b" + _W + r"{0,40}?\b(?:anders|andere\w*|different)\b",
        r"\b(?:twice|three times|four times|several times)\b" + _W + r"{0,40}?"
        r"\b(?:rescheduled|cancelled|canceled|transferred|passed|explain|called|chased|promised)",
        r"\b(?:rescheduled|cancelled|canceled|transferred|explained|chased|called)\b" + _W
        + r"{0,40}?\b(?:twice|three times|four times|several times)\b",
    ],
    # "schon wieder", "mal wieder", "zum dritten Mal", "yet another", "the third time"
    "again": [
        r"\bschon wieder\b",
        r"\b(?:mal|einmal) wieder\b(?!" + _W + r"{0,20}\b(?:gerne?|vorbei|kommen|komme|bestellen|bestelle)\b)",
        r"\bwieder (?:mal|einmal)\b(?!" + _W + r"{0,20}\b(?:gerne?|vorbei)\b)",
        r"\bzum (?:zweiten|dritten|vierten|fuenften|x-ten|wiederholten)\s+mal",
        r"\b(?:yet|once) again\b",
        r"\byet another\b",
        r"\b(?:the|for the) (?:second|third|fourth|fifth|umpteenth)\s+time\b",
        r"\bagain and again\b",
        r"\bimmer wieder\b(?!\s+gerne?)",
    ],
    # "40 Minuten in der Warteschleife", "seit sechs Wochen", "on hold for forty minutes"
    "waiting": [
        rf"{_DURATION}{_W}{{0,45}}?\b{_WAIT_DE}",
        rf"\b{_WAIT_DE}\b{_W}{{0,45}}?{_DURATION}",
        rf"{_DURATION}{_W}{{0,45}}?\b{_WAIT_EN}",
        rf"\b{_WAIT_EN}\b{_W}{{0,45}}?{_DURATION}",
        r"\bseit (?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|januar|februar|maerz|april|mai|juni|"
        r"juli|august|september|oktober|november|dezember|tagen|wochen|monaten|letzter woche|letztem monat)\b",
        r"\bsince (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|"
        r"july|august|september|october|november|december|last week|last month)\b",
        r"\bon hold\b",
        r"\b(?:took|takes|dauerte|gedauert) (?:ages|forever|ewig|eine ewigkeit)\b",
    ],
    # "der Rückruf kam nie", "the call back never came", "ist nicht angekommen", "keine Antwort"
    "never_came": [
        # a broken promise: "Rückruf versprochen … nix", "promised a callback … nothing"
        r"\b(?:versprochen|zugesagt|angekuendigt|promised|told me|assured)\b" + _W
        + r"{0,60}?\b(?:nie|nicht|nichts|nix|kein\w*|niemand|never|nothing|nada|nobody|no one|still)\b",
        r"\b(?:kam|kamen|kommt|kommen|erschien|erschienen|meldete|meldet)\b" + _W
        + r"{0,40}?\b(?:nie|niemals|gar nicht)\b",
        r"\b(?:nie|niemals|nicht|nichts)\s+(?:\w+\s+)?(?:angekommen|eingetroffen|gekommen|erschienen|zurueckgerufen|"
        r"geliefert|zugestellt|gemeldet|aufgetaucht)\b",
        r"\bnever\s+(?:\w+\s+)?(?:came|come|arrived|turned up|showed up|shown up|got|received|called|rang|heard|"
        r"delivered|replied|answered|responded|happened|materiali[sz]ed)\b",
        r"\b(?:did|has|have|had) not\s+(?:\w+\s+)?(?:arrive|arrived|come|turn up|turned up|show up|shown up|"
        r"received|call back|called back|heard back|replied|responded)\b",
        r"\bno sign of\b",
        r"\bkeine?\s+(?:\w+\s+)?(?:antwort|reaktion|rueckmeldung|rueckruf|nachricht|bestaetigung|"
        r"auftragsbestaetigung|information|info|loesung|entschuldigung)\b",
        r"\bno\s+(?:\w+\s+)?(?:reply|replies|response|answer|word|update|call back|callback|confirmation|"
        r"apology|explanation|solution)\b",
        r"\b(?:line|call) (?:went dead|was cut off|dropped)\b",
        r"\b(?:aufgelegt|hung up)\b",
    ],
    # "immer noch nicht", "bis heute nicht", "still not", "still no refund"
    "still_not": [
        r"\b(?:immer noch|noch immer|bis heute|bis jetzt|nach wie vor)\b" + _W + r"{0,30}?\b(?:nicht|kein\w*|nichts)\b",
        r"\b(?:nicht|kein\w*|nichts)\b" + _W + r"{0,30}?\b(?:immer noch|noch immer|bis heute)\b",
        r"\bstill\s+(?:no|not|nothing|waiting|missing|broken|have not|has not|had not|does not|do not|did not|"
        r"can not|cannot|is not|are not|was not|unresolved|outstanding|pending)\b",
        r"\b(?:to this day|to date|as of today)\b" + _W + r"{0,30}?\b(?:no|not|nothing)\b",
        r"\b(?:warte|warten)\b" + _W + r"{0,20}?\b(?:immer noch|noch immer)\b",
    ],
    # "halb leer", "kein einziges Brot", "half the shelves were empty", "two screws were missing"
    "shortfall": [
        r"\b(?:halb|fast|komplett|ganz|voellig|total|weitgehend)\s+(?:leer|leergeraeumt|leer geraeumt)",
        r"\bdie haelfte\b" + _W + r"{0,50}?\b(?:fehlt|fehlte|fehlten|vergriffen|leer|kaputt|nicht|falsch|ersetzt|"
        r"ausverkauft)",
        r"\bhalf\s+(?:of\s+)?(?:the|my|what|our)?" + _W + r"{0,40}?\b(?:empty|missing|gone|out of stock|broken|"
        r"wrong|substituted|sold out|damaged)",
        r"\bhalf[- ]empty\b",
        r"\bkein(?:en|e|)?\s+einzig\w*",
        r"\bnot (?:a|one) single\b(?!\s+(?:issue|problem|complaint|fault))",
        r"\bnothing left\b|\bnichts mehr (?:da|uebrig|vorraetig)\b",
        r"\b" + _COUNT_DE + r"\s+(?:\w+\s+)?(?:fehlen|fehlten|fehlt|fehlte)\b",
        r"\b(?:fehlen|fehlten|fehlte|fehlt)\b" + _W + r"{0,25}?\b" + _COUNT_DE + r"\b",
        r"\b(?:two|three|four|some|several|half) of the\b" + _W + r"{0,30}?\b(?:were|was|are|came)\b"
        + _W + r"{0,20}?\b(?:cracked|broken|missing|damaged|chipped|wrong|faulty|stale|mouldy|moldy|off)\b",
        r"\b(?:geliefert|geschickt|bekommen|erhalten|eingepackt|zugestellt|mitgebracht)\b" + _W
        + r"{0,40}?\b(?:statt|anstatt|anstelle)\b",
        r"\b(?:statt|anstatt|anstelle)\b" + _W + r"{0,40}?\b(?:geliefert|geschickt|bekommen|erhalten|eingepackt)\b",
        r"\b(?:sent|delivered|got|received|given|brought|packed|shipped)\b" + _W + r"{0,40}?\binstead of\b",
        r"\b(?:eine?n?|einer) andere\w* als\b" + _W + r"{0,20}?\b(?:bestellt|angegeben|angezeigt|beschrieben|"
        r"ausgeschildert|ausgezeichnet)",
        r"\bdifferent (?:from|to|than)\s+(?:what|the)\b" + _W + r"{0,30}?\b(?:ordered|advertised|shown|described)",
        r"\b(?:ohne|without)\s+(?:\w+\s+)?(?:info|information|bescheid|vorwarnung|ankuendigung|anmeldung|begruendung|"
        r"notice|warning|explanation|telling|letting)\b",
    ],
}

# Praise phrased as a negated complaint. These spans are blanked before the lexicon runs.
NEGATED_PRAISE: list[str] = [
    r"\b(?:es gibt |gibt es |da gibt es |hier gibt es )?(?:nichts|nix|gar nichts)\s+(?:\w+\s+)?zu\s+(?:meckern|"
    r"beanstanden|bemaengeln|kritisieren|klagen|beklagen|beschweren|bemerken|aussetzen|verbessern)\b",
    r"\bnichts auszusetzen\b",
    r"\b(?:kein|keinen)\s+(?:\w+\s+)?(?:grund|anlass)\s+(?:zur|zu|fuer)\s+(?:\w+\s+)?(?:klage|beschwerde|kritik|"
    r"beanstandung|reklamation)\b",
    r"\bnicht zu beanstanden\b|\bohne beanstandung(?:en)?\b|\bohne (?:jede |jegliche )?(?:probleme|problem)\b",
    r"\b(?:kann|koennen|konnte|konnten)\s+(?:\w+\s+)?(?:mich|uns)?\s*(?:\w+\s+)?(?:nicht|nur nicht)\s+"
    r"(?:klagen|beschweren|meckern|beklagen)\b",
    r"\bda kann man nicht meckern\b|\bman kann nicht meckern\b",
    r"\b(?:nie|niemals|noch nie|keine|keinerlei|kein|keinen)\s+(?:\w+\s+)?(?:probleme|problem|aerger|"
    r"schwierigkeiten|beanstandungen|beschwerden|reklamationen|enttaeuschung|ausfaelle|stress)\b"
    r"(?!" + _W + r"{0,30}\b(?:geloest|behoben|beachtet|ernst)\b)",
    r"\bbesser (?:geht es|geht's|gehts|ging es|kann es|koennte es) (?:nicht|kaum)\b",
    r"\b(?:keine|ohne) (?:wartezeit|wartezeiten|warterei|schlange|diskussion|diskussionen)\b",
    r"\bnothing\s+(?:\w+\s+)?to\s+(?:complain about|fault|criticise|criticize|moan about|grumble about)\b",
    r"\b(?:can|could|ca) not\s+(?:\w+\s+)?(?:fault|complain|grumble|criticise|criticize)\b",
    r"\bcannot\s+(?:\w+\s+)?(?:fault|complain|grumble)\b",
    r"\bno\s+(?:\w+\s+)?(?:complaints?|problems?|issues?|fuss|hassle|quibbles?|queues?|wait|waiting)\b"
    r"(?!" + _W + r"{0,20}\b(?:was|were|got)\s+(?:solved|resolved|fixed))",
    r"\bnot (?:a|one) single (?:issue|problem|complaint|fault)\b",
    r"\bnever\s+(?:\w+\s+)?(?:had|been|experienced|once had)\s+(?:\w+\s+)?(?:a |an |any )?(?:problem|problems|"
    r"issue|issues|complaint|fault|bad experience|let down|disappointed)\b",
    r"\bnever (?:let|lets) (?:me|us) down\b",
    r"\bwithout (?:any |a |the slightest )?(?:fuss|hassle|problem|problems|issue|issues|quibble|questions)\b",
    r"\b(?:could|ca|can) not\s+(?:\w+\s+)?(?:be happier|have asked for (?:more|better)|ask for (?:more|better)|"
    r"recommend (?:them |it |you )?(?:enough|more highly))\b",
    r"\b(?:nicht|kaum) (?:besser|zufriedener|gluecklicher)\b" + _W + r"{0,20}?\b(?:sein|laufen|gehen|koennen)\b",
]

# An ironic compliment: an exclamation of praise that opens or closes a text whose facts are a complaint.
SARCASM_OPENERS = (
    r"^\W*(?:oh\s+|na\s+|ja\s+|ganz\s+|wirklich\s+|echt\s+|einfach\s+|just\s+|really\s+|how\s+|so\s+)?"
    r"(?:super|toll|klasse|prima|spitze|grossartig|wunderbar|herrlich|fantastisch|genial|perfekt|bravo|"
    r"great|brilliant|wonderful|fantastic|lovely|perfect|excellent|amazing|marvellous|marvelous|superb|"
    r"nice one|nice|cheers|bravo|well done|fab|fabulous)(?:\s+\w+)?\s*[,!.:;-]|"
    # "oh great another …", "na toll wieder …": an interjection needs no comma
    r"^\W*(?:oh|na|ach|ja)\s+(?:super|toll|klasse|prima|great|brilliant|wonderful|fantastic|lovely|perfect)\b"
)
SARCASM_CLOSERS = (
    # a lone praise word closing a complaint: "…, ganz toll", "… cut off. brilliant.", "… sold as fresh, lovely"
    r"[,.;!-]\s*(?:ganz |echt |wirklich |einfach |just |really |how |so )?(?:toll|super|klasse|prima|spitze|"
    r"herrlich|wunderbar|lovely|brilliant|great|perfect|wonderful|fantastic|marvellous|superb|nice)\W*$|"
    r"(?:toll|super|klasse|prima|spitze|grossartig|wunderbar|gut|sauber) gemacht\W*$|"
    r"(?:spitzenleistung|glanzleistung|meisterleistung|respekt|bravo|danke auch|vielen dank auch|"
    r"weiter so|ganz grosses kino|grosses kino)\W*$|"
    r"(?:well done|great job|good job|nice one|brilliant work|great work|good work|bravo|thanks a lot|"
    r"thanks for that|cheers for that|great service|top service|excellent service)(?:\s*,?\s*\w+)?\W*$"
)
SARCASM_ALWAYS = [
    r"\b(?:danke|vielen dank|besten dank)\s+(?:auch\s+)?fuer\s+(?:gar\s+)?nichts\b",
    r"\bthanks? (?:you )?for nothing\b",
    r"\b(?:cheers|thanks|danke) (?:for|fuer) (?:cancel|canceling|cancelling|losing|ignoring|nothing|wasting|"
    r"stornier|ignorier|verlier)",
    r"\b(?:love|loved|lieben|liebe es)\s+(?:\w+\s+)?(?:waiting|warten|being ignored|being kept)\b",
    r"\bganz grosses kino\b|\bgrosses kino\b",
    r"\bbravo\b" + _W + r"*$",
]

# Suggestions and questions: no verdict unless a complaint cue says otherwise.
SUGGESTION = (
    r"\b(?:waere|waeren|wuerde|wuerden|koennten|koennte|haette gern|haette gerne|wuensche|bitte|vorschlag|"
    r"would|could you|could|please|wish|suggest|suggestion|consider|i'd like|i would like|it would)\b"
)


@dataclass(frozen=True)
class Cues:
    """Which rule families fired on a text (with the matched snippets, for explanations and tests)."""

    factual: tuple[str, ...] = ()
    sarcasm: bool = False
    negated_praise: tuple[str, ...] = ()
    question: bool = False
    suggestion: bool = False

    @property
    def factual_count(self) -> int:
        return len(self.factual)


def _compile(patterns: list[str]) -> list[re.Pattern[str]]:
    return [re.compile(p) for p in patterns]


_FACTUAL = {name: _compile(patterns) for name, patterns in FACTUAL.items()}
_NEGATED_PRAISE = _compile(NEGATED_PRAISE)
_SARCASM_OPEN = re.compile(SARCASM_OPENERS)
_SARCASM_CLOSE = re.compile(SARCASM_CLOSERS)
_SARCASM_ALWAYS = _compile(SARCASM_ALWAYS)
_SUGGESTION = re.compile(SUGGESTION)
_SPEED_BEFORE = re.compile(_SPEED + r"\s+(?:\w+\s+)?$")
_WAIT_WORD = re.compile(r"\b(?:warte|wait|hold|queue|seit|since|still)")
_BLANK = " ~ "


def _without_speed(text: str, match: re.Match[str]) -> bool:
    """A waiting match whose duration is introduced by "in"/"within"/"nur" praises speed, unless it also waits."""
    before = text[max(0, match.start() - 25) : match.start()]
    return bool(_SPEED_BEFORE.search(before)) and not _WAIT_WORD.search(match.group(0))


def blank_negated_praise(folded: str) -> tuple[str, tuple[str, ...]]:
    """The folded text with every negated-complaint span replaced by a neutral marker, and the spans found."""
    found: list[str] = []
    for pattern in _NEGATED_PRAISE:
        for match in pattern.finditer(folded):
            found.append(match.group(0).strip())
        folded = pattern.sub(_BLANK, folded)
    return folded, tuple(found)


def find_cues(text: str) -> Cues:
    folded = fold(text or "")
    blanked, negated = blank_negated_praise(folded)
    factual: list[str] = []
    for name, patterns in _FACTUAL.items():
        for pattern in patterns:
            match = pattern.search(blanked)
            if match is None:
                continue
            if name == "waiting" and _without_speed(blanked, match):
                continue
            factual.append(f"{name}: {match.group(0).strip()}")
            break
    stripped = blanked.strip()
    opener = _SARCASM_OPEN.search(stripped)
    closer = _SARCASM_CLOSE.search(stripped)
    always = any(p.search(blanked) for p in _SARCASM_ALWAYS)
    start = opener.end() if opener else 0
    end = closer.start() if closer and closer.start() >= start else len(stripped)
    rest_has_complaint = bool(factual) or (bool(opener or closer) and _has_negative_word(stripped[start:end]))
    # An opening "Super," / closing "Toll gemacht!" is irony only when the rest of the text is a complaint.
    sarcasm = always or (bool(opener or closer) and rest_has_complaint and not negated)
    return Cues(
        factual=tuple(factual),
        sarcasm=sarcasm,
        negated_praise=negated,
        question=stripped.endswith("?"),
        suggestion=bool(_SUGGESTION.search(blanked)),
    )


def _has_negative_word(text: str) -> bool:
    # Imported here: sentiment.py imports this module.
    from feedback.analysis.sentiment import lexicon_score

    return lexicon_score(text) <= -0.75
