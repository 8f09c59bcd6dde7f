"""The starting set of topics (loaded by a data migration; admins edit them afterwards).

Keywords are written folded (ä→ae, ß→ss); the matcher folds the text the same way. Single words match as stems
("lieferung" → "lieferungen") and, from five letters, inside compounds ("kassenschlange" → "schlange").
"""

DEFAULT_TOPICS: dict[str, list[str]] = {
    "Wartezeit": [
        "wartezeit", "warten", "gewartet", "wartete", "schlange", "warteschleife", "zweite kasse",
        "zusaetzliche kasse", "weiterverbunden", "erreichbar", "dauert", "minuten", "wochen",
        "wait", "waited", "waiting", "queue", "on hold", "minutes", "took ages", "weeks", "month",
    ],
    "Freundlichkeit": [
        "freundlich", "unfreundlich", "hoeflich", "unhoeflich", "nett", "personal", "begruessung",
        "zuvorkommend", "hilfsbereit", "angeschnauzt", "ignoriert", "gestresst", "behandelt",
        "friendly", "rude", "polite", "staff", "cashier", "ignored", "annoyed", "welcoming",
    ],
    "Lieferung": [
        "lieferung", "liefer", "geliefert", "paket", "fahrer", "zustell", "versand", "bestellung",
        "angekommen",
        "delivery", "delivered", "parcel", "package", "driver", "shipping", "arrived", "order",
    ],
    "Preis": [
        "preis", "teuer", "guenstig", "ueberteuert", "kosten", "falsch ausgezeichnet",
        "price", "prices", "expensive", "cheap", "overpriced", "value for money",
    ],
    "Sauberkeit": [
        "sauber", "schmutzig", "dreckig", "verdreckt", "verschmiert", "toilette", "muell", "klebten", "boden",
        "gaenge", "roch", "ordentlich",
        "clean", "dirty", "tidy", "spotless", "toilets", "smell", "rubbish", "floor", "mess", "filthy",
    ],
    "Beratung": [
        "beratung", "beraten", "berater", "abgeraten", "kompetent", "fachkundig", "empfehlung",
        "advice", "advise", "advised", "sales assistant", "knowledgeable", "expert",
    ],
    "Produktqualität": [
        "qualitaet", "defekt", "kaputt", "fusselt", "stoff", "verarbeitung", "garantie", "frisch", "material",
        "quality", "broke", "broken", "faulty", "stopped working", "fell apart", "scratch",
    ],
    "Retoure": [
        "retoure", "ruecksendung", "rueckgabe", "umtausch", "rueckerstattung", "reklamation", "erstattung",
        "return", "returning", "refund", "exchange",
    ],
}
