"""Registry pages from the page cache (apps.core.page_cache): fresh after every change, never another user's."""

import pytest
from django.contrib.messages import constants, get_messages
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from apps.core.page_cache import mark_changed
from apps.registry.models import CooperationMembership
from apps.registry.tests.factories import CooperationFactory, LibraryFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_page_cache_on")]


@pytest.fixture
def _page_cache_on():
    cache.clear()
    with override_settings(KNOOPPUNT_PAGE_CACHE=True):
        yield
    cache.clear()


def _queries(client, url, django_assert_max_num_queries, n):
    with django_assert_max_num_queries(n) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(captured)


def test_a_repeat_visit_is_served_from_the_cache_with_few_queries(cell_client, django_assert_max_num_queries):
    LibraryFactory.create_batch(3)
    url = reverse("registry:library_list")
    first, built = _queries(cell_client, url, django_assert_max_num_queries, 30)
    again, served = _queries(cell_client, url, django_assert_max_num_queries, 30)
    assert again.content == first.content
    # Session, user, roles, the notification badge and the content version: nothing of the list itself.
    assert served <= 5 < built


def test_a_change_shows_on_the_next_request(cell_client):
    library = LibraryFactory(organisation__name="Bibliotheek Oudenaam")
    url = reverse("registry:library_list")
    assert "Bibliotheek Oudenaam" in cell_client.get(url).text
    organisation = library.organisation
    organisation.name = "Bibliotheek Nieuwenaam"
    organisation.save()
    page = cell_client.get(url).text
    assert "Bibliotheek Nieuwenaam" in page and "Bibliotheek Oudenaam" not in page


def test_a_bulk_insert_without_signals_changes_the_version(cell_client):
    url = reverse("registry:cooperation_list")
    before = cell_client.get(url).text
    # bulk_create sends no post_save: the database trigger on the table still moves the version (ADR 0008).
    from apps.registry.models import Cooperation, Organisation
    from apps.registry.models.organisations import OrganisationKind

    (organisation,) = Organisation.objects.bulk_create(
        [Organisation(kind=OrganisationKind.COOPERATION, name="Netwerk In Bulk", slug="netwerk-in-bulk")]
    )
    Cooperation.objects.bulk_create([Cooperation(organisation=organisation)])
    after = cell_client.get(url).text
    assert "Netwerk In Bulk" in after and "Netwerk In Bulk" not in before


def test_membership_today_is_part_of_the_cached_library_page(cell_client):
    library = LibraryFactory()
    cooperation = CooperationFactory(organisation__name="Netwerk Zuid")
    url = library.get_absolute_url()
    assert "Netwerk Zuid" not in cell_client.get(url).text
    CooperationMembership.objects.create(cooperation=cooperation, library=library, valid_from="2020-01-01")
    assert "Netwerk Zuid" in cell_client.get(url).text


def test_users_never_get_each_others_pages(cell_client, library_client, library_staff):
    LibraryFactory(organisation__name="Bibliotheek Gedeeld")
    url = reverse("registry:library_list")
    cell_page = cell_client.get(url).text
    library_page = library_client.get(url)
    assert library_page.status_code == 200
    # The header names the user: each got a page built for them.
    assert library_staff.username in library_page.text or library_staff.get_full_name() in library_page.text
    assert library_page.text != cell_page


def test_the_permission_check_runs_before_the_cache(cell_client, citizen_client):
    url = reverse("registry:library_list")
    assert cell_client.get(url).status_code == 200
    assert citizen_client.get(url).status_code == 403


def test_pages_with_messages_or_htmx_are_not_cached(cell_staff):
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.db import SessionStore
    from django.test import RequestFactory

    from apps.core.page_cache import page_key

    def request(**headers):
        made = RequestFactory().get(reverse("registry:library_list"), **headers)
        made.user, made.session = cell_staff, SessionStore()
        made._messages = FallbackStorage(made)
        made.htmx = bool(headers)
        return made

    plain = request()
    assert page_key(plain) is not None
    with_message = request()
    with_message._messages.add(constants.SUCCESS, "Bewaard.")
    assert page_key(with_message) is None  # the message must show on the page, not a page cached before
    assert [str(m) for m in get_messages(with_message)] == ["Bewaard."]  # asking did not use it up
    assert page_key(request(HTTP_HX_REQUEST="true")) is None


def test_mark_changed_gives_a_new_version(cell_client):
    from apps.core.page_cache import content_version

    before = content_version()
    mark_changed()
    assert content_version() != before
