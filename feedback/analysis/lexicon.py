"""Sentiment lexicon (German and English) in folded form (ä→ae, ß→ss, lowercase).

Entries of six or more letters match as word stems ("enttaeusch" matches "enttäuschend"); four- and five-letter
entries only with an inflection ending ("nett" → "nette", but "beste" does not match "Bestellung"); entries of
seven or more letters also as the tail of a compound ("superfreundlich"); shorter entries match whole words only.
The longest entry wins, so "unfreundlich" beats "freundlich". Weights: ±1 mild, ±2 clear, ±3 strong.
"""

from __future__ import annotations

POLARITY: dict[str, float] = {
    # --- German, positive
    "gut": 1.5, "gute": 1.5, "guter": 1.5, "gutes": 1.5, "guten": 1.5, "bestens": 2.5, "beste": 2.0, "besten": 2.0,
    "toll": 2.0, "super": 2.0, "klasse": 2.0, "prima": 2.0, "perfekt": 2.5, "hervorragend": 2.5,
    "ausgezeichnet": 2.5, "exzellent": 2.5, "wunderbar": 2.5, "fantastisch": 2.5, "begeistert": 2.5,
    "zufrieden": 1.5, "freundlich": 1.5, "hilfsbereit": 1.5, "kompetent": 1.5, "schnell": 1.0,
    "puenktlich": 1.5, "sauber": 1.5, "ordentlich": 1.0, "lecker": 1.5, "angenehm": 1.0, "danke": 1.0,
    "dank": 1.0, "empfehl": 1.5, "weiterempfehl": 2.0, "geduldig": 1.5, "hoeflich": 1.5, "aufmerksam": 1.5,
    "kulant": 1.5, "unkompliziert": 1.5, "problemlos": 1.5, "reibungslos": 1.5, "einwandfrei": 2.0,
    "top": 2.0, "schoen": 1.5, "gelungen": 1.5, "zuvorkommend": 2.0, "willkommen": 1.0, "fair": 1.0,
    "transparent": 0.5, "guenstig": 1.0, "praktisch": 1.0, "geklappt": 1.5, "funktioniert": 1.0,
    "ehrlich": 1.0, "schaetze": 1.0, "gerne": 0.5, "gern": 0.5, "frisch": 1.0, "hell": 0.5,
    "uebersichtlich": 1.0, "sortiert": 0.5, "umweltfreundlich": 1.0, "vollstaendig": 0.3, "lob": 1.5,
    "grossartig": 2.5, "spitze": 2.0, "nett": 1.5, "herzlich": 2.0, "liebevoll": 2.0, "zuverlaessig": 1.5,
    "frueher": 0.5, "weiter so": 2.0, "rundum": 0.5, "kurz": 0.5, "stimmt": 1.0, "gerne wieder": 2.0,
    "blitzsauber": 2.0, "dankbar": 1.5, "falsch ausgezeichnet": -2.0, "keine ahnung": -1.5,
    # --- German, negative
    "schlecht": -2.0, "schlimm": -2.0, "unfreundlich": -2.0, "unhoeflich": -2.0, "frech": -2.0,
    "inkompetent": -2.0, "ignorier": -2.0, "enttaeusch": -2.0, "aergerlich": -1.5, "aerger": -1.5,
    "zumutung": -2.5, "unzumutbar": -2.5, "inakzeptabel": -2.5, "katastroph": -3.0, "schrecklich": -2.5,
    "furchtbar": -2.5, "miserabel": -2.5, "mangelhaft": -2.0, "kaputt": -2.0, "defekt": -2.0,
    "beschaedigt": -2.0, "verspaet": -1.5, "langsam": -1.0, "lange": -0.7, "lang": -1.0, "ewig": -1.5,
    "dreckig": -2.0, "schmutzig": -2.0, "verdreckt": -2.0, "verschmiert": -1.5, "unsauber": -2.0,
    "klebten": -1.0, "klebrig": -1.0, "teuer": -1.5, "teurer": -1.0, "ueberteuert": -2.5, "abzocke": -3.0,
    "falsch": -1.5, "fehlt": -1.0, "fehlte": -1.0, "vergessen": -1.0, "leider": -1.0, "unzufrieden": -2.0,
    "problem": -1.0, "kompliziert": -1.0, "umstaendlich": -1.0, "abgelehnt": -1.5, "chaos": -1.5,
    "chaotisch": -1.5, "unordentlich": -1.5, "unangenehm": -1.5, "gestresst": -1.0, "angeschnauzt": -2.5,
    "genervt": -1.5, "nervig": -1.5, "respektlos": -2.5, "unverschaemt": -2.5, "schlange": -0.7,
    "rutschig": -1.0, "quollen": -1.5, "ausverkauft": -1.0, "nie wieder": -2.5, "warteschleife": -1.0,
    "gewartet": -0.7, "warte": -0.7, "wenig": -0.5, "arrogant": -2.0, "trocken": -1.0, "leer": -1.0,
    "gepflegt": 1.5, "modern": 0.5, "weiterverbunden": -0.5, "geworfen": -1.0, "fusselt": -1.5,
    "duenn": -0.5, "nicht erhaeltlich": -1.0, "niemand": -1.0, "nie angekommen": -2.5, "kalt": -0.5,
    "gestiegen": -0.5, "aufgeschwatzt": -1.5, "zerkratzt": -1.5, "kratzer": -1.5, "unpuenktlich": -1.5,
    # German, broader everyday vocabulary (added after the first blind measurement, see bench/README.md)
    "ideal": 1.5, "stark": 1.0, "genial": 2.5, "traumhaft": 2.5, "entspannt": 1.0, "zuegig": 1.0,
    "hilfreich": 1.5, "ausfuehrlich": 1.0, "sympathisch": 1.5, "bemueht": 1.0,
    "unbeschaedigt": 1.0, "sorgfaeltig": 1.5, "professionell": 1.5, "vorbildlich": 2.0,
    "zufriedenstellend": 1.0, "empfehlenswert": 2.0, "entschuldigt": 0.5, "kundenfreundlich": 2.0,
    "unmoeglich": -2.0, "verweigert": -1.5, "verschmutzt": -2.0, "abgelaufen": -1.5, "verdorben": -2.5,
    "schimmel": -2.5, "verschimmelt": -2.5, "gehetzt": -0.5, "ungepflegt": -2.0, "mies": -2.0,
    "bitter": -1.0, "laestig": -1.5, "peinlich": -2.0, "skandal": -2.5, "unterirdisch": -3.0,
    "nachlaessig": -1.5, "unprofessionell": -2.0, "unverstaendlich": -1.5, "verwirrend": -1.0,
    "fehlerhaft": -2.0, "unvollstaendig": -1.5, "nicht lieferbar": -1.5, "ausgefallen": -1.0,
    "beschwerde": -1.0, "reklamation": -0.5, "zweimal": -0.3, "schon wieder": -1.0, "wieder nicht": -1.0,
    "storniert": -1.0, "geschlossen": -0.7, "abgesagt": -1.0, "vertroestet": -1.5, "unerreichbar": -2.0,
    # --- English, positive
    "good": 1.5, "great": 2.0, "excellent": 2.5, "amazing": 2.5, "awesome": 2.5, "friendly": 1.5,
    "helpful": 1.5, "polite": 1.5, "fast": 1.0, "quick": 1.0, "clean": 1.5, "tidy": 1.5, "spotless": 2.0,
    "love": 2.0, "loved": 2.0, "lovely": 2.0, "nice": 1.5, "perfect": 2.5, "happy": 1.5, "pleased": 1.5,
    "satisfied": 1.5, "recommend": 1.5, "thank": 1.0, "thanks": 1.0, "professional": 1.5,
    "knowledgeable": 1.5, "efficient": 1.5, "smooth": 1.5, "easy": 1.0, "reasonable": 1.0, "best": 2.0,
    "wonderful": 2.5, "fantastic": 2.5, "superb": 2.5, "brilliant": 2.5, "outstanding": 2.5,
    "patient": 1.5, "well organised": 1.5, "organised": 0.5, "on time": 1.5, "value for money": 1.5,
    "looked after": 1.0, "selection": 0.5, "sorted out": 1.0, "come back": 1.0, "did not know": -1.5,
    "no idea": -1.5,
    "kind": 1.5, "pleasant": 1.5, "fine": 0.8, "great job": 2.0, "well done": 2.0,
    "impressed": 2.0, "helped": 1.0, "perfectly": 2.5, "neat": 1.0, "fresh": 1.0, "convenient": 1.0,
    "courteous": 1.5, "attentive": 1.5, "reliable": 1.5, "prompt": 1.5, "enjoy": 1.5, "enjoyed": 1.5,
    # --- English, negative
    "bad": -2.0, "terrible": -2.5, "awful": -2.5, "horrible": -2.5, "rude": -2.0, "unfriendly": -2.0,
    "slow": -1.0, "dirty": -2.0, "filthy": -2.5, "broke": -2.0, "broken": -2.0, "damaged": -2.0,
    "late": -1.5, "delay": -1.5, "delayed": -1.5, "wrong": -1.5, "missing": -1.0, "expensive": -1.5,
    "overpriced": -2.5, "disappoint": -2.0, "annoy": -1.5, "frustrat": -2.0, "waited": -0.7,
    "forever": -1.5, "ignored": -2.0, "unhelpful": -2.0, "useless": -2.0, "worst": -3.0, "poor": -2.0,
    "mess": -1.5, "chaotic": -1.5, "smelled": -1.0, "smell": -1.0, "smelly": -1.5,
    "issue": -1.0, "faulty": -2.0, "defect": -2.0, "unacceptable": -2.5, "refused": -1.5, "rubbish": -1.5,
    "scratch": -1.5, "stopped working": -2.0, "came off": -1.5, "nobody": -1.0, "unhappy": -2.0,
    "dissatisfied": -2.0, "unsatisfied": -2.0, "long": -1.0, "cheerful": 1.5,
    "out of their way": 2.0, "charged twice": -2.0, "queue": -0.5, "never arrived": -2.5,
    "did not work": -2.0, "only one": -0.5, "different": -0.5,
    "shouted": -2.0, "crashing": -2.0, "crashed": -2.0, "untidy": -1.5, "blocked": -1.0, "closed": -0.7,
    "expired": -1.5, "mouldy": -2.5, "moldy": -2.5, "stale": -1.5, "cancelled": -1.0, "canceled": -1.0,
    "without notice": -1.5, "still waiting": -2.0, "confusing": -1.0, "shrank": -1.5, "careless": -1.5,
    "incompetent": -2.0, "unprofessional": -2.0, "ridiculous": -2.0, "disgusting": -3.0, "complaint": -1.0,
    "lost": -1.0, "stuck": -1.0, "error": -1.0, "failed": -1.5, "again": -0.3, "noisy": -1.0,
    "crowded": -1.0, "cold": -0.5, "hard to find": -1.0, "out of stock": -1.5, "sold out": -1.0,
}

# Words that flip the polarity of the sentiment words in their scope.
NEGATORS = frozenset(
    "nicht kein keine keinen keinem keiner keines nichts ohne kaum nie niemals "
    "not no never without hardly nothing nor".split()
)

# Multipliers for the next sentiment word (within two tokens).
INTENSIFIERS: dict[str, float] = {
    "sehr": 1.5, "extrem": 1.8, "total": 1.5, "echt": 1.3, "wirklich": 1.3, "besonders": 1.4, "aeusserst": 1.8,
    "ziemlich": 1.2, "viel": 1.3, "zu": 1.5, "absolut": 1.6, "voellig": 1.6, "richtig": 1.3, "immer": 1.2,
    "etwas": 0.7, "leicht": 0.7, "eher": 0.7, "bisschen": 0.6,
    "very": 1.5, "really": 1.4, "extremely": 1.8, "so": 1.3, "too": 1.5, "absolutely": 1.6, "totally": 1.5,
    "quite": 1.2, "always": 1.2, "slightly": 0.6, "somewhat": 0.7, "rather": 0.8,
}

# Conditional or wishing clauses ("es wäre schön, wenn …", "could you …") are suggestions, not judgements.
HYPOTHETICAL = frozenset(
    "waere waeren wuerde wuerden koennte koennten haette moechte vielleicht bitte wuensche "
    "would could should wish please maybe perhaps".split()
)

# Negators that, alone in a clause without any sentiment word, still report that something went wrong
# ("Der Rabatt wurde nicht abgezogen", "It did not arrive"); "kein"/"nichts" are left out ("nichts Besonderes").
VERBAL_NEGATORS = frozenset("nicht nie niemals not never".split())
BARE_NEGATION_SCORE = -0.8

# Contrast: what follows "aber"/"but" carries the speaker's verdict.
CONTRAST = frozenset("aber jedoch trotzdem allerdings but however though".split())
