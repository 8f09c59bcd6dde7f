"""The demo company "Nordlicht Handel GmbH" (Hamburg): a regional retailer with stores, web shop, hotline and
delivery. Plain data used by `manage.py seed_demo`; nothing here touches the database.

Names and texts are German on purpose: they are the company's own data, not interface strings.
"""

from __future__ import annotations

from dataclasses import dataclass

DEMO_PASSWORD = "Demo-2026!cx"  # noqa: S105  (printed on purpose: the demo's one shared login password)

# slug → (name, parent slug). The CX team is the escalation level above every department.
DEPARTMENTS: dict[str, tuple[str, str | None]] = {
    "cx-team": ("CX-Team", None),
    "filialen": ("Filialen", "cx-team"),
    "kundenservice": ("Kundenservice", "cx-team"),
    "logistik": ("Logistik", "cx-team"),
    "e-commerce": ("E-Commerce", "cx-team"),
    "marketing": ("Marketing", "cx-team"),
}


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    department: str | None
    first_name: str
    last_name: str


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("cceo", "cceo", "cx-team", "Katharina", "Albers"),
    DemoUser("cxadmin", "cx_admin", "cx-team", "Jonas", "Petersen"),
    DemoUser("manager.filialen", "manager", "filialen", "Sabine", "Hansen"),
    DemoUser("agent.filialen", "agent", "filialen", "Lukas", "Jensen"),
    DemoUser("agent.filialen2", "agent", "filialen", "Aylin", "Demir"),
    DemoUser("manager.service", "manager", "kundenservice", "Miriam", "Schulz"),
    DemoUser("agent.service", "agent", "kundenservice", "Timo", "Becker"),
    DemoUser("agent.service2", "agent", "kundenservice", "Svenja", "Claußen"),
    DemoUser("manager.logistik", "manager", "logistik", "Holger", "Brandt"),
    DemoUser("agent.logistik", "agent", "logistik", "Dennis", "Wulf"),
    DemoUser("manager.ecommerce", "manager", "e-commerce", "Lea", "Vogt"),
    DemoUser("agent.ecommerce", "agent", "e-commerce", "Finn", "Kröger"),
    DemoUser("manager.marketing", "manager", "marketing", "Nora", "Paulsen"),
    DemoUser("trainer", "trainer", "cx-team", "Petra", "Lorenzen"),
)

# slug → (name, order)
STAGES: dict[str, tuple[str, int]] = {
    "aufmerksamkeit": ("Aufmerksamkeit", 1),
    "information": ("Information", 2),
    "kauf": ("Kauf", 3),
    "nutzung": ("Nutzung", 4),
    "service": ("Service", 5),
    "loyalitaet": ("Loyalität", 6),
}


@dataclass(frozen=True)
class DemoTouchpoint:
    slug: str
    name: str
    stage: str
    channel: str
    kind: str
    department: str
    is_key: bool
    importance: int
    description: str
    weight: int  # how often customers pass it in the generated interaction history


TOUCHPOINTS: tuple[DemoTouchpoint, ...] = (
    DemoTouchpoint("social-media", "Social Media", "aufmerksamkeit", "social", "indirect", "marketing", False, 2,
                   "Instagram- und Facebook-Auftritt, Kommentare und Direktnachrichten.", 2),
    DemoTouchpoint("newsletter", "Newsletter", "aufmerksamkeit", "email", "direct", "marketing", False, 2,
                   "Wöchentlicher Newsletter mit Angeboten und Filial-Aktionen.", 4),
    DemoTouchpoint("google-bewertungen", "Google-Bewertungen", "information", "review_portal", "indirect",
                   "marketing", False, 3, "Bewertungen der Filialen und des Webshops auf Google.", 1),
    DemoTouchpoint("app", "Nordlicht-App", "information", "app", "direct", "e-commerce", False, 3,
                   "App mit Prospekt, Verfügbarkeit in der Filiale und digitaler Kundenkarte.", 5),
    DemoTouchpoint("webshop", "Webshop", "kauf", "web", "direct", "e-commerce", True, 5,
                   "Onlineshop nordlicht-handel.example mit Lieferung oder Abholung in der Filiale.", 9),
    DemoTouchpoint("filiale-hamburg", "Filiale Hamburg-Altona", "kauf", "store", "direct", "filialen", True, 5,
                   "Größte Filiale, Ottenser Hauptstraße; Beratung, Bestellannahme, Abholstation.", 10),
    DemoTouchpoint("filiale-bremen", "Filiale Bremen", "kauf", "store", "direct", "filialen", True, 4,
                   "Filiale in der Bremer Innenstadt (Obernstraße).", 6),
    DemoTouchpoint("filiale-kiel", "Filiale Kiel", "kauf", "store", "direct", "filialen", False, 4,
                   "Filiale im Sophienhof Kiel.", 5),
    DemoTouchpoint("kassenbereich", "Kassenbereich", "kauf", "store", "direct", "filialen", True, 4,
                   "Kasse und Bezahlung in allen Filialen, inkl. Wartezeit und Kundenkarte.", 8),
    DemoTouchpoint("lieferung", "Lieferung", "nutzung", "delivery", "direct", "logistik", True, 5,
                   "Zustellung durch eigene Fahrer und Paketdienst, Zeitfenster-Ankündigung per SMS.", 6),
    DemoTouchpoint("aussendienst-montage", "Außendienst-Montage", "nutzung", "field_service", "direct",
                   "logistik", True, 4, "Aufbau und Montage von Möbeln und Großgeräten beim Kunden.", 2),
    DemoTouchpoint("rechnung", "Rechnung", "nutzung", "letter", "direct", "kundenservice", False, 2,
                   "Rechnung per Post oder PDF, Ratenzahlung.", 3),
    DemoTouchpoint("hotline", "Hotline", "service", "phone", "direct", "kundenservice", True, 5,
                   "Servicehotline 040 1234 560, Mo–Sa 8–20 Uhr.", 5),
    DemoTouchpoint("e-mail-service", "E-Mail-Service", "service", "email", "direct", "kundenservice", False, 3,
                   "Anfragen an service@nordlicht-handel.example, Antwort innerhalb eines Werktags.", 4),
    DemoTouchpoint("retourenannahme", "Retourenannahme", "service", "store", "direct", "filialen", True, 4,
                   "Rückgabe und Umtausch in der Filiale, auch für Online-Bestellungen.", 3),
    DemoTouchpoint("kundenkarte", "Kundenkarte Nordlicht Plus", "loyalitaet", "app", "direct", "marketing", False,
                   3, "Bonusprogramm mit Punkten, Geburtstagsgutschein und exklusiven Angeboten.", 4),
)


@dataclass(frozen=True)
class DemoJourney:
    name: str
    persona: str
    description: str
    steps: tuple[tuple[str, str], ...]  # (touchpoint slug, customer expectation)


JOURNEYS: tuple[DemoJourney, ...] = (
    DemoJourney(
        "Online-Bestellung mit Lieferung",
        "Jana, 34, berufstätige Mutter aus Hamburg-Eimsbüttel",
        "Vom Newsletter-Angebot bis zum aufgebauten Regal: die Bestellung eines Möbelstücks im Webshop.",
        (
            ("newsletter", "Ein Angebot, das zu mir passt, ohne Spam."),
            ("google-bewertungen", "Ehrliche Bewertungen, die mir bei der Entscheidung helfen."),
            ("webshop", "Verfügbarkeit und Liefertermin sind sofort klar, Bezahlung ohne Hürden."),
            ("e-mail-service", "Bestätigung und Rückfragen werden am selben Tag beantwortet."),
            ("lieferung", "Das angekündigte Zeitfenster wird eingehalten."),
            ("aussendienst-montage", "Aufbau sauber und pünktlich, Verpackung wird mitgenommen."),
            ("rechnung", "Rechnung stimmt, Ratenzahlung ist verständlich."),
            ("kundenkarte", "Punkte werden automatisch gutgeschrieben."),
        ),
    ),
    DemoJourney(
        "Filialeinkauf mit Reklamation",
        "Herr Thomsen, 61, Stammkunde in Kiel",
        "Ein Kaffeevollautomat aus der Filiale fällt nach drei Wochen aus: vom Kauf über die Hotline bis zum Umtausch.",
        (
            ("app", "Ich sehe, ob das Gerät in meiner Filiale vorrätig ist."),
            ("filiale-kiel", "Kompetente Beratung ohne lange Suche nach Personal."),
            ("kassenbereich", "Kurze Wartezeit, Kundenkarte wird erkannt."),
            ("hotline", "Ich erreiche schnell jemanden, der mir eine Lösung anbietet."),
            ("retourenannahme", "Umtausch ohne Diskussion und ohne zweiten Weg."),
            ("e-mail-service", "Eine schriftliche Bestätigung des Umtauschs."),
            ("kundenkarte", "Eine kleine Entschädigung für den Ärger."),
        ),
    ),
)

FIRST_NAMES = (
    "Anna", "Lena", "Marie", "Sophie", "Laura", "Julia", "Katrin", "Sandra", "Birgit", "Heike", "Monika", "Ursula",
    "Emma", "Mia", "Hannah", "Clara", "Greta", "Frieda", "Ingrid", "Elke", "Maren", "Wiebke", "Imke", "Swantje",
    "Jan", "Lukas", "Paul", "Felix", "Jonas", "Leon", "Thomas", "Michael", "Stefan", "Andreas", "Klaus", "Jürgen",
    "Hauke", "Jens", "Sönke", "Ole", "Piet", "Malte", "Henrik", "Niklas", "Torben", "Uwe", "Dieter", "Björn",
)
LAST_NAMES = (
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
    "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Braun", "Hofmann", "Zimmermann",
    "Hansen", "Petersen", "Jensen", "Carstensen", "Thomsen", "Nielsen", "Lüders", "Janssen", "Ahrens", "Brandt",
    "Claassen", "Dittmer", "Ehlers", "Friedrichsen", "Gerdes", "Harms", "Iwersen", "Jacobsen", "Kruse", "Lange",
    "Martens", "Nissen", "Oltmanns", "Paulsen", "Quast", "Rohwer", "Sievers", "Tiedemann", "Vollmer", "Witt",
)
# (segment, weight)
SEGMENTS = (("Stammkunde", 45), ("Gelegenheitskunde", 30), ("Neukunde", 15), ("Geschäftskunde", 10))
STORES = ("Hamburg-Altona", "Bremen", "Kiel")

CUSTOMER_COUNT = 300
HISTORY_DAYS = 120
CONSENT_SOURCE = "Kundenkarte Anmeldung"
