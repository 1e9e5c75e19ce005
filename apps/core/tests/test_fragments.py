"""Cached form HTML: served from the cache while nothing it shows changes, re-rendered when anything does."""

import pytest
from django import forms
from django.core.cache import cache
from django.http import QueryDict

from apps.core.fragments import form_html
from apps.core.widgets import FastSelect, ValuesModelChoiceField


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def _form(data: str = ""):
    from django.contrib.auth.models import Group

    class GroupForm(forms.Form):
        name = forms.CharField(required=False, max_length=5)
        group = ValuesModelChoiceField(
            queryset=Group.objects.order_by("name"),
            to_field_name="name",
            label_path="name",
            required=False,
            widget=FastSelect,
        )

    form = GroupForm(QueryDict(data))
    form.is_valid()
    return form


@pytest.mark.django_db
def test_the_html_is_reused_until_an_option_changes(django_assert_num_queries):
    from django.contrib.auth.models import Group

    Group.objects.create(name="Alfa")
    first = form_html(_form("group=Alfa"), name="groups")
    assert '<option value="Alfa" selected>Alfa</option>' in first
    # A second request reads the options (one query) and takes the HTML from the cache.
    form = _form("group=Alfa")
    with django_assert_num_queries(1):
        again = form_html(form, name="groups")
    assert again == first
    # A new option gives a new key: the new group shows at once.
    Group.objects.create(name="Beta & co")
    form = _form("group=Alfa")
    with django_assert_num_queries(1):  # a miss renders from the options already read: no second query
        changed = form_html(form, name="groups")
    assert '<option value="Beta &amp; co">Beta &amp; co</option>' in changed


@pytest.mark.django_db
def test_other_values_and_errors_are_not_served_from_another_request():
    ok = form_html(_form("name=abc"), name="groups")
    too_long = form_html(_form("name=abcdefgh"), name="groups")
    assert 'value="abc"' in ok and "errorlist" not in ok
    assert 'value="abcdefgh"' in too_long and "errorlist" in too_long
    # Parameters the form does not read (page, sort) may be ignored: same HTML, same key.
    assert form_html(_form("name=abc&page=2"), name="groups", ignore=("page",)) == ok


@pytest.mark.django_db
def test_with_a_content_version_the_options_are_not_read_until_it_moves(django_assert_num_queries):
    from django.contrib.auth.models import Group

    Group.objects.create(name="Alfa")
    first = form_html(_form(), name="groups", version="v1")
    assert '<option value="Alfa">Alfa</option>' in first
    Group.objects.create(name="Beta")
    with django_assert_num_queries(0):  # same version: no option list is read, the HTML is reused
        assert form_html(_form(), name="groups", version="v1") == first
    moved = form_html(_form(), name="groups", version="v2")
    assert '<option value="Beta">Beta</option>' in moved


@pytest.mark.django_db
def test_a_saved_record_moves_the_version_a_list_page_keys_its_form_on(cell_client):
    from django.urls import reverse

    from apps.registry.tests.factories import CooperationFactory

    url = reverse("registry:library_list")
    cell_client.get(url)
    CooperationFactory(organisation__name="Nieuw Verband")
    assert "Nieuw Verband" in cell_client.get(url).content.decode()


@pytest.mark.django_db
def test_the_form_key_uses_the_version_read_once_per_request(rf):
    from apps.core.page_cache import content_version, request_content_version

    request = rf.get("/")
    assert request_content_version(request) == content_version()  # one row: cheap on both databases
    request._content_version = "read-by-the-page-cache"
    assert request_content_version(request) == "read-by-the-page-cache"
