from apps.accounts.models import Team
from apps.core.selectors.history import history_entries


def test_m2m_change_shows_member_names(cell_staff, django_user_model):
    # given a team whose members change
    other = django_user_model.objects.create_user(
        username="ander",
        email="ander@example.test",
        password="x-long-password-1",
        first_name="Anna",
        last_name="Peeters",
    )
    team = Team.objects.create(name="Regio Test", slug="regio-test")
    team.members.add(cell_staff)
    team.save()
    team.members.add(other)
    team.save()
    # when the history is read
    entries = history_entries(team)
    # then the member change lists people by name, not raw through-table rows
    member_changes = [c for e in entries for c in e.changes if c.label.lower() == "leden"]
    assert member_changes, [e.changes for e in entries]
    assert "Anna Peeters" in member_changes[0].new
    assert "{" not in member_changes[0].new
