"""Higher apps add links and panels to registry pages without the registry importing them."""

import pytest
from django.urls import reverse

from apps.registry.tests.factories import BranchFactory, LibraryFactory


@pytest.fixture
def library(db):
    return LibraryFactory()


def test_registry_home_lists_service_links_the_user_may_open(cell_client, library_client):
    # given cell staff and library staff
    # when each opens the registry home
    cell_page = cell_client.get(reverse("registry:home")).content.decode()
    library_page = library_client.get(reverse("registry:home")).content.decode()
    # then cell staff see the scale and import entries, library staff only what they may open
    assert "<title>Netwerk – Knooppunt</title>" in cell_page
    assert reverse("scale:home") in cell_page
    assert reverse("imports:upload") in cell_page
    assert reverse("scale:home") in library_page  # professionals may view scenarios
    assert reverse("imports:upload") not in library_page


def test_library_page_offers_a_proposal_link_only_to_its_own_staff(library_client, library_staff, cell_client):
    from apps.registry.models import Affiliation

    branch = BranchFactory()
    library = branch.library
    url = library.get_absolute_url()
    propose = reverse("proposals:propose", kwargs={"target_type": "bibliotheek", "key": library.organisation.slug})
    # not affiliated: no link
    assert propose not in library_client.get(url).content.decode()
    # affiliated: the link appears
    Affiliation.objects.create(user=library_staff, organisation=library.organisation)
    assert propose in library_client.get(url).content.decode()
    # cell staff edit directly; they get no proposal link
    assert propose not in cell_client.get(url).content.decode()


def test_library_page_links_to_its_figures_for_cell_staff_only(cell_client, library_client):
    library = LibraryFactory()
    url = library.get_absolute_url()
    dashboard = reverse("statistics:library_dashboard", kwargs={"slug": library.organisation.slug})
    assert dashboard in cell_client.get(url).content.decode()
    # library staff who do not work for this library may not see its figures, so no link
    assert dashboard not in library_client.get(url).content.decode()


def test_library_page_lists_articles_about_it_that_the_user_may_read(cell_client, cell_staff):
    from apps.knowledge.tests.factories import make_article

    library = LibraryFactory()
    article = make_article(cell_staff, title="Voorlezen in de bib van hier")
    article.organisations.add(library.organisation)
    page = cell_client.get(library.get_absolute_url()).content.decode()
    assert "Artikels in het kenniscentrum" in page
    assert "Voorlezen in de bib van hier" in page
    # the panel belongs to the first tab only
    history = cell_client.get(reverse("registry:library_history", kwargs={"slug": library.organisation.slug}))
    assert "Artikels in het kenniscentrum" not in history.content.decode()


def test_the_articles_panel_links_them_and_reads_only_what_it_shows(cell_client, cell_staff):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from apps.knowledge.tests.factories import make_article

    library = LibraryFactory()
    article = make_article(cell_staff, title="Leesclub opstarten")
    article.organisations.add(library.organisation)
    with CaptureQueriesContext(connection) as queries:
        page = cell_client.get(library.get_absolute_url()).content.decode()
    assert f'<a href="{article.get_absolute_url()}">Leesclub opstarten</a>' in page
    (articles_query,) = [
        query["sql"] for query in queries.captured_queries if 'FROM "knowledge_article"' in query["sql"]
    ]
    # not the article bodies, nor their owners
    assert '"body"' not in articles_query
    assert "accounts_user" not in articles_query
