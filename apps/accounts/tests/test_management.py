"""User and team management pages: refusals, changes by cell staff, validation."""

import pytest
from django.core import mail
from django.urls import reverse

from apps.accounts import services
from apps.accounts.models import Team, User
from apps.accounts.roles import Role
from conftest import make_user


@pytest.fixture
def team(cell_staff):
    return services.team_create(actor=cell_staff, name="Regio Noord", members=[cell_staff], lead=cell_staff)


@pytest.fixture
def target(db):
    return make_user("doelwit", Role.LIBRARY_STAFF, first_name="Dora")


def _snapshot():
    return (
        sorted(User.objects.values_list("username", "email", "first_name", "is_active")),
        sorted(User.objects.values_list("username", "groups__name")),
        sorted(Team.objects.values_list("slug", "name", "description")),
        sorted(Team.objects.values_list("slug", "members__username")),
    )


def _write_requests(target, team):
    return [
        ("accounts:user_create", {}, {"username": "x", "email": "x@example.test", "roles": ["cell_staff"]}),
        (
            "accounts:user_edit",
            {"pk": target.pk},
            {
                "first_name": "Gehackt",
                "last_name": "",
                "email": target.email,
                "is_active": "on",
                "roles": ["cell_staff"],
            },
        ),
        ("accounts:user_deactivate", {"pk": target.pk}, {"change_reason": "weg"}),
        ("accounts:user_send_invitation", {"pk": target.pk}, {}),
        ("accounts:team_create", {}, {"name": "Nieuw team", "description": ""}),
        ("accounts:team_edit", {"slug": team.slug}, {"name": "Gehackt", "description": "x"}),
        ("accounts:team_delete", {"slug": team.slug}, {}),
    ]


READ_PAGES = [
    ("accounts:user_list", lambda target, team: {}),
    ("accounts:user_detail", lambda target, team: {"pk": target.pk}),
    ("accounts:user_history", lambda target, team: {"pk": target.pk}),
    ("accounts:user_create", lambda target, team: {}),
    ("accounts:user_edit", lambda target, team: {"pk": target.pk}),
    ("accounts:user_deactivate", lambda target, team: {"pk": target.pk}),
    ("accounts:team_create", lambda target, team: {}),
    ("accounts:team_edit", lambda target, team: {"slug": team.slug}),
    ("accounts:team_delete", lambda target, team: {"slug": team.slug}),
]


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["library_client", "citizen_client"])
def test_management_pages_refused_for_non_cell_staff(request, who, target, team):
    client = request.getfixturevalue(who)
    for name, kwargs in READ_PAGES:
        assert client.get(reverse(name, kwargs=kwargs(target, team))).status_code == 403, name
    before = _snapshot()
    for name, kwargs, data in _write_requests(target, team):
        assert client.post(reverse(name, kwargs=kwargs), data).status_code == 403, name
    assert _snapshot() == before
    assert mail.outbox == []


@pytest.mark.django_db
def test_management_pages_send_anonymous_to_login(anon_client, target, team):
    login = reverse("accounts:login")
    for name, kwargs in READ_PAGES + [("accounts:team_list", lambda t, tm: {})]:
        response = anon_client.get(reverse(name, kwargs=kwargs(target, team)))
        assert response.status_code == 302 and response.url.startswith(login), name
    before = _snapshot()
    for name, kwargs, data in _write_requests(target, team):
        response = anon_client.post(reverse(name, kwargs=kwargs), data)
        assert response.status_code == 302 and response.url.startswith(login), name
    assert _snapshot() == before


@pytest.mark.django_db
def test_team_pages_hidden_from_citizens_visible_to_professionals(citizen_client, library_client, team):
    assert citizen_client.get(reverse("accounts:team_list")).status_code == 403
    assert citizen_client.get(team.get_absolute_url()).status_code == 403
    assert library_client.get(reverse("accounts:team_list")).status_code == 200
    response = library_client.get(team.get_absolute_url())
    assert response.status_code == 200
    assert "Bewerken" not in response.content.decode()


@pytest.mark.django_db
def test_user_sees_own_detail_but_not_others(library_client, library_staff, target):
    assert library_client.get(library_staff.get_absolute_url()).status_code == 200
    assert library_client.get(target.get_absolute_url()).status_code == 403


@pytest.mark.django_db
def test_cell_staff_pages_render(cell_client, target, team):
    for name, kwargs in READ_PAGES + [
        ("accounts:team_list", lambda t, tm: {}),
        ("accounts:team_detail", lambda t, tm: {"slug": tm.slug}),
    ]:
        assert cell_client.get(reverse(name, kwargs=kwargs(target, team))).status_code == 200, name


@pytest.mark.django_db
def test_user_list_filters_and_exports(cell_client, target, cell_staff):
    response = cell_client.get(reverse("accounts:user_list"), {"role": Role.LIBRARY_STAFF})
    rows = [row.record for row in response.context["table"].rows]
    assert rows == [target]
    response = cell_client.get(reverse("accounts:user_list"), {"q": "dora", "export": "csv"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "doelwit" in body and "cel" not in body.split("\n", 1)[1]
    response = cell_client.get(reverse("accounts:user_list"), {"export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


@pytest.mark.django_db
def test_user_list_query_count_is_flat(cell_client, django_assert_max_num_queries):
    for index in range(3):
        make_user(f"a{index}", Role.LIBRARY_STAFF)
    with django_assert_max_num_queries(20) as small:
        cell_client.get(reverse("accounts:user_list"))
    for index in range(20):
        make_user(f"b{index}", Role.PARTNER, Role.ASSESSOR)
    with django_assert_max_num_queries(len(small.captured_queries)):
        cell_client.get(reverse("accounts:user_list"))


@pytest.mark.django_db
def test_user_list_flags_demo_users(cell_client):
    make_user("demo-x", Role.CELL_STAFF, is_demo=True)
    response = cell_client.get(reverse("accounts:user_list"))
    assert response.context["shows_demo_data"]
    assert "badge--demo" in response.content.decode()


@pytest.mark.django_db
def test_cell_staff_creates_user_with_roles_and_invitation(cell_client, team):
    response = cell_client.post(
        reverse("accounts:user_create"),
        {
            "username": "nieuw",
            "email": "nieuw@example.test",
            "first_name": "Nele",
            "last_name": "Nieuw",
            "roles": [Role.LIBRARY_STAFF, Role.COORDINATOR],
            "teams": [team.pk],
            "change_reason": "Nieuwe coördinator",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="nieuw")
    assert user.role_codes == {Role.LIBRARY_STAFF, Role.COORDINATOR}
    assert list(user.teams.all()) == [team]
    assert not user.has_usable_password()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["nieuw@example.test"]
    record = user.history.latest()
    assert "Nieuwe coördinator" in record.history_change_reason
    assert "Bibliotheekmedewerker" in record.history_change_reason


@pytest.mark.django_db
def test_duplicate_email_is_refused_next_to_the_field(cell_client, target):
    response = cell_client.post(
        reverse("accounts:user_create"),
        {"username": "ander", "email": target.email.upper(), "roles": [Role.PARTNER]},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["email"] == ["Er bestaat al een gebruiker met dit e-mailadres."]
    assert "Er bestaat al een gebruiker met dit e-mailadres." in response.content.decode()
    assert not User.objects.filter(username="ander").exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_cell_staff_edits_user_roles_and_history(cell_client, target, cell_staff):
    response = cell_client.post(
        reverse("accounts:user_edit", kwargs={"pk": target.pk}),
        {
            "first_name": "Dorien",
            "last_name": "Doel",
            "email": "dorien@example.test",
            "is_active": "on",
            "roles": [Role.COORDINATOR],
            "change_reason": "Nieuwe functie",
        },
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.first_name == "Dorien"
    assert set(target.groups.values_list("name", flat=True)) == {Role.COORDINATOR}
    history = cell_client.get(reverse("accounts:user_history", kwargs={"pk": target.pk}))
    body = history.content.decode()
    assert "Nieuwe functie" in body and "Dorien" in body


@pytest.mark.django_db
def test_cell_staff_cannot_demote_or_deactivate_themselves(cell_client, cell_staff):
    response = cell_client.post(
        reverse("accounts:user_edit", kwargs={"pk": cell_staff.pk}),
        {"first_name": "Cel", "last_name": "", "email": cell_staff.email, "is_active": "on", "roles": [Role.CITIZEN]},
    )
    assert response.status_code == 200
    assert "eigen rol" in " ".join(response.context["form"].errors["roles"])
    response = cell_client.post(
        reverse("accounts:user_edit", kwargs={"pk": cell_staff.pk}),
        {"first_name": "Cel", "last_name": "", "email": cell_staff.email, "roles": [Role.CELL_STAFF]},
    )
    assert response.status_code == 200
    assert "eigen account" in " ".join(response.context["form"].errors["is_active"])
    response = cell_client.post(reverse("accounts:user_deactivate", kwargs={"pk": cell_staff.pk}), {})
    assert response.status_code == 200
    assert "Je kunt je eigen account niet deactiveren." in response.content.decode()
    cell_staff.refresh_from_db()
    assert cell_staff.is_active
    assert cell_staff.role_codes == {Role.CELL_STAFF}


@pytest.mark.django_db
def test_deactivate_asks_then_deactivates(cell_client, target):
    url = reverse("accounts:user_deactivate", kwargs={"pk": target.pk})
    assert cell_client.get(url).status_code == 200
    target.refresh_from_db()
    assert target.is_active
    response = cell_client.post(url, {"change_reason": "Uit dienst"})
    assert response.status_code == 302
    target.refresh_from_db()
    assert not target.is_active
    assert target.history.latest().history_change_reason == "Uit dienst"


@pytest.mark.django_db
def test_cell_staff_creates_edits_and_deletes_a_team(cell_client, cell_staff):
    colleague = make_user("collega", Role.CELL_STAFF)
    response = cell_client.post(
        reverse("accounts:team_create"),
        {"name": "Regio Zuid", "slug": "", "description": "Zuiden", "members": [cell_staff.pk, colleague.pk]},
    )
    assert response.status_code == 302
    team = Team.objects.get(slug="regio-zuid")
    assert set(team.members.all()) == {cell_staff, colleague}
    response = cell_client.post(
        reverse("accounts:team_edit", kwargs={"slug": team.slug}),
        {
            "name": "Regio Zuid",
            "slug": "regio-zuid",
            "description": "Het zuiden",
            "members": [colleague.pk],
            "lead": colleague.pk,
            "change_reason": "Herschikking",
        },
    )
    assert response.status_code == 302
    team.refresh_from_db()
    assert team.lead == colleague and list(team.members.all()) == [colleague]
    assert team.history.latest().history_change_reason == "Herschikking"
    assert cell_client.get(reverse("accounts:team_delete", kwargs={"slug": team.slug})).status_code == 200
    assert Team.objects.filter(pk=team.pk).exists()
    response = cell_client.post(reverse("accounts:team_delete", kwargs={"slug": team.slug}))
    assert response.status_code == 302
    assert not Team.objects.filter(pk=team.pk).exists()


@pytest.mark.django_db
def test_team_validation_in_dutch(cell_client, cell_staff, team, target):
    response = cell_client.post(
        reverse("accounts:team_create"),
        {"name": team.name, "description": "", "members": [cell_staff.pk], "lead": ""},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["name"] == ["Er bestaat al een team met deze naam."]
    colleague = make_user("collega", Role.CELL_STAFF)
    response = cell_client.post(
        reverse("accounts:team_create"),
        {"name": "Apart", "description": "", "members": [cell_staff.pk], "lead": colleague.pk},
    )
    assert response.context["form"].errors["lead"] == ["De teamleider moet ook lid zijn van het team."]
    assert Team.objects.count() == 1


@pytest.mark.django_db
def test_team_members_must_be_cell_staff(cell_staff, target):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as excinfo:
        services.team_create(actor=cell_staff, name="Gemengd", members=[cell_staff, target])
    assert "Alleen medewerkers van de cel" in str(excinfo.value)
    assert not Team.objects.exists()


@pytest.mark.django_db
def test_team_list_query_count_is_flat(cell_client, cell_staff, django_assert_max_num_queries):
    services.team_create(actor=cell_staff, name="Team 0", members=[cell_staff])
    with django_assert_max_num_queries(20) as small:
        cell_client.get(reverse("accounts:team_list"))
    for index in range(1, 15):
        colleague = make_user(f"lid{index}", Role.CELL_STAFF)
        services.team_create(actor=cell_staff, name=f"Team {index}", members=[cell_staff, colleague], lead=colleague)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = cell_client.get(reverse("accounts:team_list"))
    assert len(response.context["table"].rows) == 15
