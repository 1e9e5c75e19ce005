"""The accounts API: users, teams, me and token."""

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from apps.accounts import services
from apps.accounts.models import Team, User
from apps.accounts.roles import Role
from conftest import PASSWORD, make_user


def _api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def team(cell_staff):
    return services.team_create(actor=cell_staff, name="Regio Noord", members=[cell_staff])


@pytest.mark.django_db
def test_cell_staff_lists_and_filters_users(cell_staff, library_staff, citizen):
    response = _api(cell_staff).get("/api/users/", {"role": Role.CITIZEN})
    assert response.status_code == 200
    assert [row["username"] for row in response.json()["results"]] == [citizen.username]
    assert response.json()["results"][0]["roles"] == [Role.CITIZEN]


@pytest.mark.django_db
def test_cell_staff_updates_roles(cell_staff, library_staff):
    response = _api(cell_staff).patch(
        f"/api/users/{library_staff.pk}/", {"roles": [Role.LIBRARY_STAFF, Role.ASSESSOR]}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert set(response.json()["roles"]) == {Role.LIBRARY_STAFF, Role.ASSESSOR}
    assert User.objects.get(pk=library_staff.pk).role_codes == {Role.LIBRARY_STAFF, Role.ASSESSOR}


@pytest.mark.django_db
def test_self_demotion_refused_in_api(cell_staff):
    response = _api(cell_staff).patch(f"/api/users/{cell_staff.pk}/", {"roles": [Role.CITIZEN]}, format="json")
    assert response.status_code == 400
    assert "eigen rol" in response.json()["roles"][0]
    assert User.objects.get(pk=cell_staff.pk).role_codes == {Role.CELL_STAFF}


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["library_staff", "citizen"])
def test_users_api_refused_for_others(request, who, cell_staff):
    user = request.getfixturevalue(who)
    client = _api(user)
    assert client.get("/api/users/").status_code == 403
    assert client.get(f"/api/users/{cell_staff.pk}/").status_code == 404
    response = client.patch(f"/api/users/{user.pk}/", {"roles": [Role.CELL_STAFF]}, format="json")
    assert response.status_code == 403
    assert User.objects.get(pk=user.pk).role_codes == {getattr(Role, who.upper())}
    assert User.objects.get(pk=cell_staff.pk).role_codes == {Role.CELL_STAFF}


@pytest.mark.django_db
def test_anonymous_refused(cell_staff):
    client = _api()
    for url in ("/api/users/", "/api/teams/", "/api/me/", f"/api/users/{cell_staff.pk}/"):
        assert client.get(url).status_code in (401, 403), url


@pytest.mark.django_db
def test_me_reads_and_updates_own_profile(citizen):
    client = _api(citizen)
    response = client.get("/api/me/")
    assert response.status_code == 200
    assert response.json()["username"] == citizen.username
    response = client.patch("/api/me/", {"first_name": "Bea", "preferred_language": "en"}, format="json")
    assert response.status_code == 200
    citizen.refresh_from_db()
    assert (citizen.first_name, citizen.preferred_language) == ("Bea", "en")


@pytest.mark.django_db
def test_teams_api(cell_staff, library_staff, citizen, team):
    assert _api(library_staff).get("/api/teams/").json()["results"][0]["slug"] == team.slug
    assert _api(citizen).get("/api/teams/").status_code == 403
    response = _api(library_staff).post("/api/teams/", {"name": "Stiekem"}, format="json")
    assert response.status_code == 403
    assert _api(library_staff).delete(f"/api/teams/{team.slug}/").status_code == 403
    assert list(Team.objects.values_list("slug", flat=True)) == [team.slug]
    response = _api(cell_staff).post(
        "/api/teams/", {"name": "Regio Oost", "members": [cell_staff.username]}, format="json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["slug"] == "regio-oost"
    response = _api(cell_staff).post(
        "/api/teams/", {"name": "Gemengd", "members": [library_staff.username]}, format="json"
    )
    assert response.status_code == 400
    assert "members" in response.json()


@pytest.mark.django_db
def test_token_obtain(client, library_staff):
    response = client.post("/api/token/", {"username": library_staff.username, "password": PASSWORD})
    assert response.status_code == 200
    token = response.json()["token"]
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get("/api/me/").json()["username"] == library_staff.username


@pytest.mark.django_db
def test_token_refused_for_wrong_password_and_unverified(client, db):
    unverified = make_user("onbevestigd", Role.CITIZEN)
    User.objects.filter(pk=unverified.pk).update(email_verified=False)
    assert client.post("/api/token/", {"username": "onbevestigd", "password": "fout"}).status_code == 400
    response = client.post("/api/token/", {"username": "onbevestigd", "password": PASSWORD})
    assert response.status_code == 400
    assert "niet bevestigd" in str(response.json())


@pytest.mark.django_db
def test_token_endpoint_is_throttled_by_axes(client, library_staff):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post("/api/token/", {"username": library_staff.username, "password": "fout"})
    response = client.post("/api/token/", {"username": library_staff.username, "password": PASSWORD})
    assert response.status_code == 400
    assert "token" not in response.json()
