"""Invented accounts and teams for demonstrations and benchmarks.

Every row made here is flagged is_demo=True. The logins are documented: each
demo user's password is DEMO_PASSWORD. Running it twice changes nothing.
"""

import functools
from typing import IO

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Team, User, role_group
from .roles import Role

DEMO_PASSWORD = "knooppunt-demo"

DEMO_USERS = [
    ("demo-cel", Role.CELL_STAFF, "Charlotte", "Celis"),
    ("demo-bib", Role.LIBRARY_STAFF, "Bram", "Bibbens"),
    ("demo-coordinator", Role.COORDINATOR, "Cora", "Verbinden"),
    ("demo-partner", Role.PARTNER, "Pieter", "Partners"),
    ("demo-beoordelaar", Role.ASSESSOR, "Berta", "Oordeel"),
    ("demo-burger", Role.CITIZEN, "Bart", "Burgers"),
]

DEMO_TEAMS = [
    ("Regio West", "regio-west", "Ondersteunt de bibliotheken in West- en Oost-Vlaanderen."),
    ("Regio Oost", "regio-oost", "Ondersteunt de bibliotheken in Antwerpen, Vlaams-Brabant en Limburg."),
    ("Kenniscentrum", "kenniscentrum", "Beheert artikels, trendnota's en goede praktijken."),
]

FIRST_NAMES = ["An", "Bert", "Els", "Dirk", "Sofie", "Koen", "Lotte", "Pieter", "Nele", "Tom"]
LAST_NAMES = ["Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens", "Wouters", "De Smet"]


@functools.cache
def _demo_password_hash() -> str:
    # Hashing is deliberately slow (~0.25 s); every demo user shares one password,
    # so hash it once per process instead of once per user.
    return make_password(DEMO_PASSWORD)


def _demo_user(username: str, role: str, first_name: str, last_name: str, created: list[str]) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(
            username=username,
            email=f"{username}@demo.knooppunt.invalid",
            first_name=first_name,
            last_name=last_name,
            email_verified=True,
            is_demo=True,
        )
        user.password = _demo_password_hash()
        user._change_reason = _("Demogegevens")
        user.save()
        created.append(username)
    user.groups.add(role_group(role))
    return user


def load_demo(*, scale: int = 1, stdout: IO[str] | None = None) -> dict:
    """Create the demo accounts and teams; returns what was created."""
    scale = max(1, int(scale))
    created_users: list[str] = []
    created_teams: list[str] = []
    with transaction.atomic():
        users = {
            username: _demo_user(username, role, first, last, created_users)
            for username, role, first, last in DEMO_USERS
        }
        extra_cell: list[User] = []
        for index in range(scale * 10):
            role = Role.CELL_STAFF if index % 2 == 0 else Role.LIBRARY_STAFF
            prefix = "demo-cel" if role == Role.CELL_STAFF else "demo-bib"
            first = FIRST_NAMES[index % len(FIRST_NAMES)]
            last = LAST_NAMES[(index // len(FIRST_NAMES)) % len(LAST_NAMES)]
            user = _demo_user(f"{prefix}-{index + 1:03d}", role, first, last, created_users)
            if role == Role.CELL_STAFF:
                extra_cell.append(user)
        for position, (name, slug, description) in enumerate(DEMO_TEAMS):
            team = Team.objects.filter(slug=slug).first()
            if team is None:
                team = Team(name=name, slug=slug, description=description, is_demo=True)
                team._change_reason = _("Demogegevens")
                team.save()
                created_teams.append(name)
            # Spread the cell staff over the teams; the main demo login leads the first.
            members = [users["demo-cel"]] if position == 0 else []
            members += extra_cell[position :: len(DEMO_TEAMS)]
            team.members.add(*members)
            if team.lead_id is None and members:
                team.lead = members[0]
                team.save(update_fields=["lead"])
    summary = {
        "users_created": len(created_users),
        "teams_created": len(created_teams),
        "logins": ", ".join(username for username, *_rest in DEMO_USERS),
        "password": DEMO_PASSWORD,
    }
    if stdout is not None:
        stdout.write(
            f"accounts: {len(created_users)} demo users, {len(created_teams)} demo teams created "
            f"(log in as demo-cel / {DEMO_PASSWORD})\n"
        )
    return summary
