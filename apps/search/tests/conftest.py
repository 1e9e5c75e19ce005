import pytest

from apps.knowledge.tests.factories import make_article

CORPUS = [
    ("Voorleesuurtjes voor peuters", "Elke woensdag lezen vrijwilligers voor in de jeugdafdeling.", "public"),
    ("Vrijwillige voorlezers opleiden", "Voorlezers krijgen een vorming over stemgebruik.", "public"),
    ("Een coöperatie van bibliotheken", "Acht gemeenten richten een coöperatieve vennootschap op.", "public"),
    ("Openingsuren van de bibliotheek uitbreiden", "Met zelfbediening is de bib langer open.", "public"),
    ("E-boeken uitlenen via het platform", "Leden lenen e-boeken met hun lidkaart.", "public"),
    ("Ebooks en luisterboeken", "Een ebook lenen is eenvoudig.", "public"),
    ("Taalcafé voor nieuwkomers", "Anderstaligen oefenen Nederlands als tweede taal.", "public"),
    ("Geheime begroting van de cel", "Interne cijfers over het geheimzinnige budget.", "internal"),
    ("Leesbevordering met scholen", "Een leesbevorderingsproject in de klas.", "public"),
    ("Hoe krijg ik meer vrijwilligers in de bibliotheek?", "Vrijwilligers werven en behouden.", "public"),
]


@pytest.fixture
def corpus(cell_staff):
    from apps.search.models import Synonym
    from apps.search.vocabulary import bump_version

    Synonym.objects.create(terms="bib, bibliotheek")
    Synonym.objects.create(terms="NT2, Nederlands als tweede taal")
    Synonym.objects.create(terms="ebook, e-boek")
    bump_version()
    return [
        make_article(cell_staff, title=title, summary=summary, body=f"<p>{summary}</p>", visibility=visibility)
        for title, summary, visibility in CORPUS
    ]
