"""The articles panel on the registry pages of libraries, cooperations and partners."""

import pytest
from django.urls import reverse

from apps.knowledge.panels import ARTICLES_SHOWN, organisation_articles_panel
from apps.knowledge.tests.factories import make_article
from apps.registry.tests.factories import LibraryFactory

pytestmark = pytest.mark.django_db


def _panel(rf, user, library) -> str:
    request = rf.get("/")
    request.user = user
    return organisation_articles_panel(request, library)


def test_the_panel_links_each_article_by_title_with_its_kind(rf, cell_staff):
    library = LibraryFactory()
    make_article(cell_staff, title="Zomerlezen <samen>", kind="trend_note", organisations=[library.organisation])
    make_article(cell_staff, title="Anders over boeken", kind="faq", organisations=[library.organisation])
    make_article(cell_staff, title="Over een andere bib")
    html = _panel(rf, cell_staff, library)
    url = reverse("knowledge:article_detail", kwargs={"slug": "zomerlezen-samen"})
    assert f'<a href="{url}">Zomerlezen &lt;samen&gt;</a> <span class="muted">· Trendnota</span>' in html
    assert html.index("Anders over boeken") < html.index("Zomerlezen")  # by title
    assert "FAQ-antwoord" in html
    assert "Over een andere bib" not in html
    assert '<h2 id="organisation-articles-title">Artikels in het kenniscentrum</h2>' in html


def test_the_panel_says_when_there_are_none_and_shows_at_most_twenty(rf, cell_staff):
    library = LibraryFactory()
    assert "Nog geen artikels over deze organisatie." in _panel(rf, cell_staff, library)
    for index in range(ARTICLES_SHOWN + 3):
        make_article(cell_staff, title=f"Artikel {index:02d}", organisations=[library.organisation])
    assert _panel(rf, cell_staff, library).count("<li>") == ARTICLES_SHOWN


def test_the_panel_shows_only_articles_the_user_may_read(rf, cell_staff, library_staff, citizen):
    library = LibraryFactory()
    make_article(cell_staff, title="Intern concept", publish=False, organisations=[library.organisation])
    make_article(cell_staff, title="Voor iedereen", organisations=[library.organisation])
    assert "Intern concept" in _panel(rf, cell_staff, library)
    staff_view = _panel(rf, library_staff, library)
    assert "Voor iedereen" in staff_view and "Intern concept" not in staff_view
    assert _panel(rf, citizen, library) == ""  # citizens do not see the internal knowledge centre
