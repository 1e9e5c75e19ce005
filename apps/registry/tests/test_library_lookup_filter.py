"""The library filter is a search box: a slug or the exact name, not a select of thousands of options."""

from django.urls import reverse

from apps.registry.tests.factories import BranchFactory


def test_branch_list_filters_by_library_name_or_slug(cell_client):
    # given two libraries with a branch each
    wanted = BranchFactory(name="Filiaal Noord")
    BranchFactory(name="Filiaal Zuid")
    organisation = wanted.library.organisation
    url = reverse("registry:branch_list")
    # when the list is filtered by the library's name (any case) and by its slug
    by_name = cell_client.get(url, {"library": organisation.name.upper()}).content.decode()
    by_slug = cell_client.get(url, {"library": organisation.slug}).content.decode()
    # then only that library's branch is listed, and the filter is a search box
    for page in (by_name, by_slug):
        assert "Filiaal Noord" in page and "Filiaal Zuid" not in page
    assert 'name="library"' in by_slug and 'type="search"' in by_slug
    assert '<select name="library"' not in by_slug


def test_unknown_library_gets_a_dutch_error_and_the_api_the_same(cell_client):
    BranchFactory(name="Filiaal Noord")
    page = cell_client.get(reverse("registry:branch_list"), {"library": "Bestaat niet"}).content.decode()
    assert "Geen bibliotheek met deze naam of korte naam." in page
    api = cell_client.get(reverse("registry-branch-list"), {"library": "Bestaat niet"})
    assert api.status_code == 400
    assert "Geen bibliotheek met deze naam of korte naam." in api.content.decode()
