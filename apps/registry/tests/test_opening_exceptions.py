"""Opening exceptions ("afwijkende openingsdagen"): the services' rules, the pages, the API, and every refusal
with nothing changed."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from apps.registry import services
from apps.registry.models import OpeningException
from apps.registry.tests.factories import BranchFactory, OpeningExceptionFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
SOON = TODAY + datetime.timedelta(days=20)
LATER = TODAY + datetime.timedelta(days=40)
LAST_MONTH = TODAY - datetime.timedelta(days=30)


def errors_of(excinfo) -> dict:
    return excinfo.value.message_dict


def snapshot() -> list[tuple]:
    """Every exception's stored values and its history length: what 'nothing changed' compares."""
    rows = OpeningException.objects.order_by("pk").values_list(
        "pk", "branch_id", "date", "is_closed", "opens", "closes"
    )
    return [*rows, OpeningException.history.count()]


@pytest.fixture
def branch(db):
    return BranchFactory(name="Filiaal Proefdorp")


@pytest.fixture
def day(branch):
    return OpeningExceptionFactory(branch=branch, date=SOON, is_closed=True, note="Inventaris")


# --- services ----------------------------------------------------------------------------------------


def test_a_closed_day_is_saved_with_who_and_why(cell_staff, branch):
    # when
    exception = services.opening_exception_save(
        actor=cell_staff,
        data={"branch": branch, "date": SOON, "is_closed": True, "opens": None, "closes": None, "note": "Kerstmis"},
        reason="Jaarplanning",
    )
    # then
    record = exception.history.get()
    assert (record.history_type, record.history_user, record.history_change_reason) == ("+", cell_staff, "Jaarplanning")


def test_an_open_day_keeps_its_hours(cell_staff, branch):
    exception = services.opening_exception_save(
        actor=cell_staff,
        data={"branch": branch, "date": SOON, "is_closed": False, "opens": "10:00", "closes": "13:00"},
    )
    exception.refresh_from_db()
    assert (exception.opens, exception.closes) == (datetime.time(10), datetime.time(13))


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"is_closed": True, "opens": datetime.time(10), "closes": datetime.time(12)},
            "is_closed",
            "geen openingsuren",
        ),
        ({"is_closed": False, "opens": None, "closes": datetime.time(12)}, "opens", "openingsuur"),
        ({"is_closed": False, "opens": datetime.time(10), "closes": None}, "closes", "sluitingsuur"),
        ({"is_closed": False, "opens": datetime.time(12), "closes": datetime.time(12)}, "closes", "na het openingsuur"),
        ({"is_closed": False, "opens": datetime.time(14), "closes": datetime.time(9)}, "closes", "na het openingsuur"),
    ],
)
def test_hours_that_do_not_fit_the_day_are_refused_on_their_field(cell_staff, branch, data, field, message):
    before = snapshot()
    with pytest.raises(ValidationError) as excinfo:
        services.opening_exception_save(actor=cell_staff, data={"branch": branch, "date": SOON, **data})
    assert message in " ".join(errors_of(excinfo)[field])
    assert snapshot() == before


def test_a_second_exception_on_the_same_day_is_refused(cell_staff, branch, day):
    before = snapshot()
    with pytest.raises(ValidationError) as excinfo:
        services.opening_exception_save(actor=cell_staff, data={"branch": branch, "date": SOON, "is_closed": True})
    assert "al een afwijkende openingsdag" in errors_of(excinfo)["date"][0]
    assert snapshot() == before
    # the same day at another branch is fine
    services.opening_exception_save(actor=cell_staff, data={"branch": BranchFactory(), "date": SOON, "is_closed": True})


@pytest.mark.parametrize("offset_days", [-3 * 366, 3 * 366])
def test_a_date_far_from_today_is_refused(cell_staff, branch, offset_days):
    far = TODAY + datetime.timedelta(days=offset_days)
    before = snapshot()
    with pytest.raises(ValidationError) as excinfo:
        services.opening_exception_save(actor=cell_staff, data={"branch": branch, "date": far, "is_closed": True})
    assert "Kies een datum tussen" in errors_of(excinfo)["date"][0]
    assert snapshot() == before


def test_an_old_exception_stays_editable_while_its_date_is_unchanged(cell_staff, branch):
    old = OpeningExceptionFactory(branch=branch, date=TODAY - datetime.timedelta(days=4 * 365))
    services.opening_exception_save(actor=cell_staff, instance=old, data={"note": "Verbouwing"}, reason="Correctie")
    old.refresh_from_db()
    assert old.note == "Verbouwing"


def test_update_to_an_open_day_and_back(cell_staff, day):
    # when the closed day becomes an extra opening
    services.opening_exception_save(
        actor=cell_staff,
        instance=day,
        data={"is_closed": False, "opens": datetime.time(13), "closes": datetime.time(17)},
        reason="Toch open",
    )
    # and then (as the API's PATCH would) closed again, saying only that
    services.opening_exception_save(actor=cell_staff, instance=day, data={"is_closed": True})
    # then the hours are gone and both changes are in the history
    day.refresh_from_db()
    assert (day.is_closed, day.opens, day.closes) == (True, None, None)
    assert [r.history_change_reason or "" for r in day.history.order_by("history_id")] == ["", "Toch open", ""]


def test_an_exception_does_not_move_to_another_branch(cell_staff, day):
    before = snapshot()
    with pytest.raises(ValidationError) as excinfo:
        services.opening_exception_save(actor=cell_staff, instance=day, data={"branch": BranchFactory()})
    assert "branch" in errors_of(excinfo)
    assert snapshot() == before


def test_delete_keeps_the_reason_in_the_history(cell_staff, day):
    pk = day.pk
    services.opening_exception_delete(actor=cell_staff, instance=day, reason="Dubbel ingevoerd")
    assert not OpeningException.objects.filter(pk=pk).exists()
    record = OpeningException.history.filter(id=pk).latest("history_id")
    assert (record.history_type, record.history_change_reason) == ("-", "Dubbel ingevoerd")


@pytest.mark.parametrize("actor_fixture", ["library_staff", "citizen"])
def test_only_cell_staff_write_exceptions(request, actor_fixture, branch, day):
    actor = request.getfixturevalue(actor_fixture)
    before = snapshot()
    with pytest.raises(PermissionDenied):
        services.opening_exception_save(actor=actor, data={"branch": branch, "date": LATER, "is_closed": True})
    with pytest.raises(PermissionDenied):
        services.opening_exception_save(actor=actor, instance=day, data={"note": "Gewijzigd"})
    with pytest.raises(PermissionDenied):
        services.opening_exception_delete(actor=actor, instance=day)
    assert snapshot() == before


# --- pages -------------------------------------------------------------------------------------------


def _urls(branch, day) -> dict[str, str]:
    return {
        "list": reverse("registry:branch_exceptions", args=[branch.uuid]),
        "create": reverse("registry:opening_exception_create", args=[branch.uuid]),
        "edit": reverse("registry:opening_exception_edit", args=[branch.uuid, day.pk]),
        "delete": reverse("registry:opening_exception_delete", args=[branch.uuid, day.pk]),
    }


def _form(**overrides) -> dict[str, str]:
    return {"date": LATER.isoformat(), "is_closed": "True", "opens": "", "closes": "", "note": "", **overrides}


def test_branch_page_lists_upcoming_days_and_counts_past_ones(cell_client, branch, day):
    OpeningExceptionFactory(branch=branch, date=LAST_MONTH, note="Vorige maand dicht")
    OpeningExceptionFactory(
        branch=branch, date=LATER, is_closed=False, opens=datetime.time(10), closes=datetime.time(12), note="Extra"
    )
    page = cell_client.get(branch.get_absolute_url()).content.decode()
    assert "Afwijkende openingsdagen" in page
    assert "Inventaris" in page and "10:00–12:00" in page
    assert "Vorige maand dicht" not in page
    assert "1 voorbije afwijkende dag" in page
    assert reverse("registry:branch_exceptions", args=[branch.uuid]) in page
    assert "Afwijkende openingsdagen beheren" in page


def test_library_staff_see_the_days_but_no_manage_links(library_client, branch, day):
    detail = library_client.get(branch.get_absolute_url()).content.decode()
    assert "Inventaris" in detail
    assert "Afwijkende openingsdagen beheren" not in detail
    urls = _urls(branch, day)
    listing = library_client.get(urls["list"])
    assert listing.status_code == 200
    body = listing.content.decode()
    assert "Inventaris" in body
    assert urls["create"] not in body and urls["edit"] not in body and urls["delete"] not in body


def test_manage_page_folds_past_days_away_and_shows_recent_changes(cell_client, cell_staff, branch, day):
    services.opening_exception_save(
        actor=cell_staff, data={"branch": branch, "date": LAST_MONTH, "is_closed": True, "note": "Voorbij"}
    )
    gone = OpeningExceptionFactory(branch=branch, date=LATER)
    services.opening_exception_delete(actor=cell_staff, instance=gone, reason="Vergissing")
    response = cell_client.get(_urls(branch, day)["list"])
    body = response.content.decode()
    assert response.context["upcoming"] == [day]
    assert [d.note for d in response.context["past"]] == ["Voorbij"]
    assert "<details>" in body and "Toon 1 voorbije afwijkende dag" in body
    assert "Vergissing" in body and "Verwijderd" in body


def test_manage_page_queries_do_not_grow_with_the_days(cell_client, cell_staff, branch, assert_constant_queries):
    def make_rows(n):
        start = OpeningException.objects.filter(branch=branch).count()
        for offset in range(start, start + n):
            services.opening_exception_save(
                actor=cell_staff,
                data={"branch": branch, "date": LAST_MONTH + datetime.timedelta(days=offset), "is_closed": True},
            )

    url = reverse("registry:branch_exceptions", args=[branch.uuid])
    assert_constant_queries(cell_client, url, make_rows, max_queries=20)


def test_cell_staff_add_a_day_with_a_reason(cell_client, cell_staff, branch):
    url = reverse("registry:opening_exception_create", args=[branch.uuid])
    form = cell_client.get(url).content.decode()
    assert "Reden van wijziging" in form and "gesloten" in form
    response = cell_client.post(url, _form(note="Feestdag", change_reason="Jaarkalender"))
    assert response.status_code == 302
    assert response["Location"] == reverse("registry:branch_exceptions", args=[branch.uuid])
    exception = OpeningException.objects.get(branch=branch)
    assert (exception.date, exception.is_closed, exception.note) == (LATER, True, "Feestdag")
    assert exception.history.get().history_change_reason == "Jaarkalender"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"is_closed": "True", "opens": "10:00", "closes": "12:00"}, "is_closed", "Een gesloten dag heeft geen"),
        ({"is_closed": "False"}, "opens", "Geef het openingsuur"),
        ({"is_closed": "False", "opens": "16:00", "closes": "10:00"}, "closes", "na het openingsuur"),
        ({"date": SOON.isoformat()}, "date", "al een afwijkende openingsdag"),
        ({"date": "2099-01-01"}, "date", "Kies een datum tussen"),
    ],
)
def test_form_errors_are_dutch_next_to_the_field_and_nothing_is_saved(
    cell_client, branch, day, overrides, field, message
):
    before = snapshot()
    response = cell_client.post(_urls(branch, day)["create"], _form(**overrides))
    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assert 'aria-invalid="true"' in response.content.decode()
    assert snapshot() == before


def test_cell_staff_edit_a_day(cell_client, branch, day):
    url = _urls(branch, day)["edit"]
    assert "Inventaris" in cell_client.get(url).content.decode()
    response = cell_client.post(
        url, _form(date=SOON.isoformat(), is_closed="False", opens="13:00", closes="16:00", change_reason="Extra")
    )
    assert response.status_code == 302
    day.refresh_from_db()
    assert (day.is_closed, day.opens, day.closes) == (False, datetime.time(13), datetime.time(16))
    assert day.history.latest("history_id").history_change_reason == "Extra"


def test_delete_asks_first_and_only_a_post_deletes(cell_client, branch, day):
    url = _urls(branch, day)["delete"]
    confirm = cell_client.get(url)
    assert confirm.status_code == 200
    assert "Weet je zeker" in confirm.content.decode()
    assert OpeningException.objects.filter(pk=day.pk).exists()
    response = cell_client.post(url, {"change_reason": "Toch open"})
    assert response.status_code == 302
    assert not OpeningException.objects.filter(pk=day.pk).exists()
    assert OpeningException.history.filter(id=day.pk).latest("history_id").history_change_reason == "Toch open"


def test_another_branch_s_day_is_not_found_under_this_branch(cell_client, branch, day):
    other = BranchFactory()
    before = snapshot()
    assert cell_client.get(reverse("registry:opening_exception_edit", args=[other.uuid, day.pk])).status_code == 404
    assert cell_client.post(reverse("registry:opening_exception_delete", args=[other.uuid, day.pk])).status_code == 404
    assert snapshot() == before


@pytest.mark.parametrize("page", ["create", "edit", "delete"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_library_staff_and_citizens_are_refused_and_nothing_changes(
    library_client, citizen_client, branch, day, page, method
):
    url = _urls(branch, day)[page]
    data = _form(date=SOON.isoformat(), note="Gekaapt") if method == "post" else None
    before = snapshot()
    for client, allowed in ((library_client, (403,)), (citizen_client, (403, 404))):
        response = getattr(client, method)(url, data) if data else getattr(client, method)(url)
        assert response.status_code in allowed, (page, method, response.status_code)
    assert snapshot() == before


def test_citizens_do_not_see_the_days(citizen_client, branch, day):
    assert citizen_client.get(_urls(branch, day)["list"]).status_code in (403, 404)


@pytest.mark.parametrize("page", ["list", "create", "edit", "delete"])
def test_visitors_are_sent_to_login_and_nothing_changes(anon_client, branch, day, page):
    url = _urls(branch, day)[page]
    before = snapshot()
    for response in (anon_client.get(url), anon_client.post(url, _form(note="Gekaapt"))):
        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]
    assert snapshot() == before


# --- API ---------------------------------------------------------------------------------------------


def _api(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_api_lists_a_branch_s_days_and_cell_staff_write_them(cell_staff, branch, day):
    OpeningExceptionFactory(date=SOON)  # another branch's
    client = _api(cell_staff)
    url = reverse("registry-openingexception-list")
    listed = client.get(url, {"branch": str(branch.uuid)}).json()
    assert [row["note"] for row in listed["results"]] == ["Inventaris"]
    # create
    created = client.post(
        url,
        {
            "branch": str(branch.uuid),
            "date": LATER.isoformat(),
            "is_closed": False,
            "opens": "10:00",
            "closes": "12:00",
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    # a duplicate day: the service's Dutch message on the field
    duplicate = client.post(
        url, {"branch": str(branch.uuid), "date": LATER.isoformat(), "is_closed": True}, format="json"
    )
    assert duplicate.status_code == 400
    assert "al een afwijkende openingsdag" in duplicate.json()["date"][0]
    # partial update and delete, with a reason
    detail = reverse("registry-openingexception-detail", args=[created.json()["id"]])
    patched = client.patch(detail, {"is_closed": True, "change_reason": "Toch dicht"}, format="json")
    assert patched.status_code == 200, patched.content
    assert (patched.json()["opens"], patched.json()["closes"]) == (None, None)
    assert client.delete(detail).status_code == 204
    assert list(OpeningException.objects.filter(branch=branch)) == [day]


@pytest.mark.parametrize("user_fixture", ["library_staff", "citizen", None])
def test_api_refuses_writes_without_permission_and_nothing_changes(request, user_fixture, branch, day):
    client = _api(request.getfixturevalue(user_fixture) if user_fixture else None)
    detail = reverse("registry-openingexception-detail", args=[day.pk])
    before = snapshot()
    responses = [
        client.post(
            reverse("registry-openingexception-list"),
            {"branch": str(branch.uuid), "date": LATER.isoformat(), "is_closed": True},
            format="json",
        ),
        client.patch(detail, {"note": "Gekaapt"}, format="json"),
        client.delete(detail),
    ]
    assert all(r.status_code in (401, 403, 404) for r in responses), [r.status_code for r in responses]
    assert snapshot() == before


def test_api_read_follows_who_may_see_branches(library_staff, citizen, day):
    url = reverse("registry-openingexception-list")
    assert _api(library_staff).get(url).json()["count"] == 1
    assert _api(citizen).get(url).status_code in (403, 404)
    assert _api(None).get(url).status_code in (401, 403)


# --- rules -------------------------------------------------------------------------------------------


def test_rules_professionals_read_only_cell_staff_write(cell_staff, library_staff, citizen, day):
    for perm in ("add", "change", "delete"):
        name = f"registry.{perm}_openingexception"
        assert cell_staff.has_perm(name, day)
        assert not library_staff.has_perm(name, day)
        assert not citizen.has_perm(name, day)
    assert library_staff.has_perm("registry.view_openingexception", day)
    assert not citizen.has_perm("registry.view_openingexception", day)
