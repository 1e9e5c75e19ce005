"""Services, demo data and the dashboard card."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.accounts import services
from apps.accounts.dashboard import accounts_cards
from apps.accounts.demo import DEMO_PASSWORD, load_demo
from apps.accounts.models import Team, User
from apps.accounts.roles import Role
from conftest import make_user


@pytest.mark.django_db
def test_role_groups_exist_after_migrate():
    from django.contrib.auth.models import Group

    assert set(Role.values) <= set(Group.objects.values_list("name", flat=True))


@pytest.mark.django_db
def test_services_check_the_actor(library_staff, citizen):
    with pytest.raises(PermissionDenied):
        services.user_create(actor=library_staff, username="x", email="x@example.test")
    with pytest.raises(PermissionDenied):
        services.user_set_roles(actor=library_staff, user=citizen, roles=[Role.CELL_STAFF])
    with pytest.raises(PermissionDenied):
        services.user_deactivate(actor=library_staff, user=citizen)
    with pytest.raises(PermissionDenied):
        services.team_create(actor=library_staff, name="X")
    assert not User.objects.filter(username="x").exists()
    assert citizen.role_codes == {Role.CITIZEN}
    assert User.objects.get(pk=citizen.pk).is_active
    assert not Team.objects.exists()


@pytest.mark.django_db
def test_unknown_role_is_refused(cell_staff, citizen):
    with pytest.raises(ValidationError):
        services.user_set_roles(actor=cell_staff, user=citizen, roles=["koning"])
    assert User.objects.get(pk=citizen.pk).role_codes == {Role.CITIZEN}


@pytest.mark.django_db
def test_other_cell_staff_may_demote_a_colleague(cell_staff):
    colleague = make_user("collega", Role.CELL_STAFF)
    services.user_set_roles(actor=cell_staff, user=colleague, roles=[Role.LIBRARY_STAFF], reason="Andere job")
    assert User.objects.get(pk=colleague.pk).role_codes == {Role.LIBRARY_STAFF}
    assert "Andere job" in colleague.history.latest().history_change_reason


@pytest.mark.django_db
def test_self_demotion_refused(cell_staff):
    with pytest.raises(ValidationError) as excinfo:
        services.user_set_roles(actor=cell_staff, user=cell_staff, roles=[Role.CITIZEN])
    assert "eigen rol" in str(excinfo.value)
    with pytest.raises(ValidationError):
        services.user_deactivate(actor=cell_staff, user=cell_staff)
    cell_staff.refresh_from_db()
    assert cell_staff.is_active and cell_staff.role_codes == {Role.CELL_STAFF}


@pytest.mark.django_db
def test_deactivation_removes_api_token(cell_staff, library_staff):
    from rest_framework.authtoken.models import Token

    Token.objects.create(user=library_staff)
    services.user_deactivate(actor=cell_staff, user=library_staff, reason="Vertrokken")
    assert not Token.objects.filter(user=library_staff).exists()


@pytest.mark.django_db
def test_load_demo_is_idempotent_and_scales():
    first = load_demo(scale=1)
    assert first["users_created"] == 16 and first["teams_created"] == 3
    assert set(Team.objects.values_list("name", flat=True)) == {"Regio West", "Regio Oost", "Kenniscentrum"}
    again = load_demo(scale=1)
    assert again["users_created"] == 0 and again["teams_created"] == 0
    assert User.objects.filter(is_demo=True).count() == 16
    for username, role in [
        ("demo-cel", Role.CELL_STAFF),
        ("demo-burger", Role.CITIZEN),
        ("demo-beoordelaar", Role.ASSESSOR),
    ]:
        user = User.objects.get(username=username)
        assert user.check_password(DEMO_PASSWORD) and user.email_verified and role in user.role_codes
    for team in Team.objects.all():
        assert team.is_demo
        assert team.members.exists()
        assert all(Role.CELL_STAFF in m.role_codes for m in team.members.all())
    bigger = load_demo(scale=2)
    assert bigger["users_created"] == 10


@pytest.mark.django_db
def test_dashboard_card_only_for_cell_staff(cell_staff, library_staff, citizen, django_assert_max_num_queries):
    User.objects.filter(pk=citizen.pk).update(email_verified=False)
    assert accounts_cards(library_staff) == []
    cell_staff.role_codes  # noqa: B018 - warm the cached roles so only the card's queries count
    with django_assert_max_num_queries(2):
        cards = accounts_cards(cell_staff)
    values = {str(card.title): card.value for card in cards}
    assert values["Actieve gebruikers"] == 3
    assert values["Onbevestigde registraties"] == 1
