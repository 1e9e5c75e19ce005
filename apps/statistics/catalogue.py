"""The standard indicator catalogue (BIOS3-like base figures and the usual derived ratios).

Loaded by a data migration and by `catalogue_sync()`; the cell can edit the
metadata afterwards (history keeps what changed). Codes are stable identifiers
used by imports, the API and formulas.
"""

BIOS = "Jaarlijkse gegevenslevering van de bibliotheek (BIOS3-vragenlijst, eigen telling)"
POPULATION_NOTE = (
    "Statbel, bevolking per gemeente op 1 januari 2020: het enige cijfer per gemeente dat Knooppunt heeft. "
    "Voor elk jaar Y geldt ‘de laatste bevolking op of vóór Y’, en voor jaren vóór 2020 het oudste beschikbare "
    "cijfer; in de praktijk dus 2020 voor elk jaar."
)
YEAR = "kalenderjaar (1 januari – 31 december)"
DEC31 = "toestand op 31 december"


def _base(code, name_nl, name_en, definition, unit, category, *, required=True, max_value=None, decimals=0,
          higher=True, key=False, period=YEAR):
    return {
        "code": code, "name_nl": name_nl, "name_en": name_en, "definition": definition, "unit": unit,
        "source": BIOS, "reference_period": period, "higher_is_better": higher, "kind": "base", "formula": "",
        "category": category, "required": required, "min_value": 0, "max_value": max_value,
        "decimals": decimals, "is_key": key,
    }


def _derived(code, name_nl, name_en, definition, unit, category, formula, *, decimals=2, higher=True, key=False,
             source=None):
    return {
        "code": code, "name_nl": name_nl, "name_en": name_en, "definition": definition, "unit": unit,
        "source": source or f"{BIOS}; bevolking: {POPULATION_NOTE}", "reference_period": YEAR,
        "higher_is_better": higher, "kind": "derived", "formula": formula, "category": category,
        "required": False, "min_value": None, "max_value": None, "decimals": decimals, "is_key": key,
    }


CATALOGUE = [
    _base("members_youth", "Actieve leden jonger dan 18", "Active members under 18",
          "Leden jonger dan 18 jaar die in het jaar minstens één keer iets leenden.", "personen", "members",
          max_value=1_000_000),
    _base("members_adult", "Actieve leden van 18 of ouder", "Active members aged 18 or over",
          "Leden van 18 jaar of ouder die in het jaar minstens één keer iets leenden.", "personen", "members",
          max_value=1_000_000),
    _base("visits", "Bezoeken", "Visits",
          "Fysieke bezoeken aan alle vestigingen (deurtellers of steekproef, geëxtrapoleerd).", "bezoeken", "visits",
          max_value=20_000_000),
    _base("loans_print", "Uitleningen gedrukte materialen", "Loans of printed materials",
          "Uitleningen en verlengingen van boeken, strips en tijdschriften.", "uitleningen", "loans",
          max_value=50_000_000),
    _base("loans_av", "Uitleningen audiovisuele materialen", "Loans of audiovisual materials",
          "Uitleningen van cd's, dvd's, luisterboeken en spellen.", "uitleningen", "loans", max_value=20_000_000),
    _base("loans_digital", "Digitale uitleningen", "Digital loans",
          "Uitleningen van e-boeken en e-luisterboeken via het gedeelde platform.", "uitleningen", "loans",
          max_value=20_000_000, required=False),
    _base("collection_print", "Collectie gedrukte materialen", "Collection of printed materials",
          "Exemplaren boeken, strips en tijdschriften in de collectie.", "exemplaren", "collection",
          max_value=10_000_000, period=DEC31),
    _base("collection_av", "Collectie audiovisuele materialen", "Collection of audiovisual materials",
          "Exemplaren cd's, dvd's, luisterboeken en spellen in de collectie.", "exemplaren", "collection",
          max_value=5_000_000, period=DEC31),
    _base("staff_fte", "Personeel (VTE)", "Staff (FTE)",
          "Betaald personeel in voltijdse equivalenten, gemiddeld over het jaar.", "VTE", "staff", max_value=2000,
          decimals=2),
    _base("opening_hours_week", "Openingsuren per week", "Opening hours per week",
          "Openingsuren per week van alle vestigingen samen, in een gewone week.", "uren", "opening", max_value=2000,
          decimals=1, period="gewone week in het jaar", key=True),
    _base("events", "Activiteiten", "Events",
          "Georganiseerde activiteiten (voorlezen, lezingen, vormingen, klasbezoeken).", "activiteiten", "events",
          max_value=100_000),
    _base("event_participants", "Deelnemers aan activiteiten", "Event participants",
          "Deelnemers aan alle georganiseerde activiteiten samen.", "deelnemers", "events", max_value=5_000_000),
    _base("expenditure_total", "Uitgaven", "Expenditure",
          "Alle uitgaven van de bibliotheek (personeel, collectie, werking), zonder investeringen.", "euro", "finance",
          max_value=500_000_000),
    _base("expenditure_collection", "Uitgaven voor collectie", "Collection expenditure",
          "Uitgaven voor aankoop en licenties van collectie.", "euro", "finance", max_value=100_000_000),
    _base("income_own", "Eigen inkomsten", "Own income",
          "Inkomsten uit lidgelden, boetes, verkoop en verhuur.", "euro", "finance", max_value=50_000_000,
          required=False),
    # Derived
    _derived("inhabitants", "Inwoners van het werkgebied", "Inhabitants served",
             "Bevolking van de gemeenten die de bibliotheek bedient.", "inwoners", "context", "population",
             decimals=0, source=POPULATION_NOTE, key=False),
    _derived("members_total", "Actieve leden", "Active members", "Actieve leden jonger dan 18 plus 18 of ouder.",
             "personen", "members", "members_youth + members_adult", decimals=0),
    _derived("loans_total", "Uitleningen", "Loans", "Alle uitleningen: gedrukt, audiovisueel en digitaal.",
             "uitleningen", "loans", "loans_print + loans_av + loans_digital", decimals=0),
    _derived("collection_total", "Collectie", "Collection", "Gedrukte en audiovisuele collectie samen.",
             "exemplaren", "collection", "collection_print + collection_av", decimals=0),
    _derived("members_share", "Bereik (actieve leden per 100 inwoners)", "Reach (active members per 100 inhabitants)",
             "Actieve leden gedeeld door de inwoners van het werkgebied, maal 100.", "%", "members",
             "members_total / population * 100", decimals=1, key=True),
    _derived("loans_per_inhabitant", "Uitleningen per inwoner", "Loans per inhabitant",
             "Alle uitleningen gedeeld door de inwoners van het werkgebied.", "per inwoner", "loans",
             "loans_total / population", key=True),
    _derived("visits_per_inhabitant", "Bezoeken per inwoner", "Visits per inhabitant",
             "Bezoeken gedeeld door de inwoners van het werkgebied.", "per inwoner", "visits", "visits / population",
             key=True),
    _derived("collection_per_inhabitant", "Collectie per inwoner", "Collection per inhabitant",
             "Collectie gedeeld door de inwoners van het werkgebied.", "per inwoner", "collection",
             "collection_total / population", key=True),
    _derived("turnover", "Omloopsnelheid", "Turnover rate",
             "Fysieke uitleningen gedeeld door de fysieke collectie.", "uitleningen per exemplaar", "collection",
             "(loans_print + loans_av) / collection_total", key=True),
    _derived("fte_per_10000", "Personeel per 10.000 inwoners", "Staff per 10,000 inhabitants",
             "VTE gedeeld door de inwoners, maal 10.000.", "VTE per 10.000 inwoners", "staff",
             "staff_fte / population * 10000", key=True),
    _derived("expenditure_per_inhabitant", "Uitgaven per inwoner", "Expenditure per inhabitant",
             "Uitgaven gedeeld door de inwoners van het werkgebied.", "euro per inwoner", "finance",
             "expenditure_total / population", key=True),
    _derived("participants_per_event", "Deelnemers per activiteit", "Participants per event",
             "Deelnemers gedeeld door het aantal activiteiten.", "deelnemers", "events",
             "event_participants / events", decimals=1),
]


def catalogue_rows():
    for position, row in enumerate(CATALOGUE, start=1):
        yield {**row, "position": position * 10}
