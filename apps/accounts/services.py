"""Every write to users and teams. Views, the API and demo data call these.

Each service runs in one transaction, checks the actor's permission where an
actor is involved, and leaves a history row with the change reason. Role
changes are recorded on the user's history row as a readable reason, because
roles are group memberships and not a field of the user.
"""

from collections.abc import Iterable

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from apps.core.permissions import check

from . import emails
from .models import Team, User
from .roles import Role
from .tokens import InvalidToken, read_email_token

USER_FIELDS = ("first_name", "last_name", "email", "is_active", "preferred_language")
TEAM_FIELDS = ("name", "slug", "description", "lead")
# Team pages live at /account/teams/<slug>/, next to /account/teams/nieuw/.
RESERVED_TEAM_SLUGS = {"nieuw"}


# --- helpers -----------------------------------------------------------------------


def _check_email_free(email: str, *, exclude_pk: int | None = None) -> None:
    clash = User.objects.filter(email__iexact=email)
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise ValidationError({"email": _("Er bestaat al een gebruiker met dit e-mailadres.")})


def _check_username_free(username: str) -> None:
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("Deze gebruikersnaam is al in gebruik.")})


def _clean_roles(roles: Iterable[str]) -> set[str]:
    codes = {str(code) for code in roles}
    unknown = codes - set(Role.values)
    if unknown:
        raise ValidationError({"roles": _("Onbekende rol: %(roles)s.") % {"roles": ", ".join(sorted(unknown))}})
    return codes


def _role_change_text(old: set[str], new: set[str]) -> str:
    parts = [f"+{Role(code).label}" for code in Role.values if code in new - old]
    parts += [f"−{Role(code).label}" for code in Role.values if code in old - new]
    return _("Rollen: %(changes)s") % {"changes": ", ".join(parts)} if parts else ""


def _join_reason(*parts: str) -> str:
    return " — ".join(part for part in parts if part)


def _current_roles(user: User) -> set[str]:
    return set(user.groups.filter(name__in=Role.values).values_list("name", flat=True))


def _apply_roles(user: User, roles: set[str]) -> None:
    """Replace the user's role groups; leave any non-role group alone."""
    keep = list(user.groups.exclude(name__in=Role.values))
    for code in roles:
        Group.objects.get_or_create(name=code)
    user.groups.set(keep + list(Group.objects.filter(name__in=roles)))
    user.__dict__.pop("role_codes", None)


def _set_user_teams(user: User, teams: Iterable[Team], *, reason: str) -> None:
    """Change memberships from the team's side, so that each team's history records it."""
    wanted = {team.pk: team for team in teams}
    current = {team.pk: team for team in Team.objects.filter(members=user)}
    for pk in wanted.keys() - current.keys():
        team = wanted[pk]
        team._change_reason = reason
        team.members.add(user)
    for pk in current.keys() - wanted.keys():
        team = current[pk]
        team._change_reason = reason
        team.members.remove(user)


def _guard_self(*, actor: User, user: User, new_roles: set[str] | None, new_active: bool | None) -> None:
    if actor.pk != user.pk:
        return
    if new_roles is not None and Role.CELL_STAFF in _current_roles(user) and Role.CELL_STAFF not in new_roles:
        raise ValidationError({"roles": _("Je kunt je eigen rol “Medewerker van de cel” niet intrekken.")})
    if new_active is False:
        raise ValidationError({"is_active": _("Je kunt je eigen account niet deactiveren.")})


# --- sign-up and e-mail verification -------------------------------------------------


def citizen_signup(
    *, username: str, email: str, password: str, first_name: str = "", last_name: str = "", request=None
) -> User:
    """Register a citizen. The account cannot log in until the address is confirmed."""
    with transaction.atomic():
        _check_username_free(username)
        _check_email_free(email)
        user = User(
            username=username,
            email=email,
            first_name=first_name,
            last_name=last_name,
            email_verified=False,
            is_active=True,
        )
        user.set_password(password)
        user._change_reason = _("Registratie als burger")
        user.save()
        _apply_roles(user, {Role.CITIZEN})
    emails.send_verification_mail(user, request=request)
    return user


def email_verify(*, token: str) -> User:
    """Confirm the address in a verification link. Raises InvalidToken / ExpiredToken."""
    user_id, address = read_email_token(token)
    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=user_id, is_active=True).first()
        if user is None or user.email.lower() != address:
            raise InvalidToken
        if not user.email_verified:
            user.email_verified = True
            user._change_reason = _("E-mailadres bevestigd")
            user.save(update_fields=["email_verified"])
    return user


def email_mark_verified(*, user: User, reason: str) -> User:
    """Mark an address confirmed by another proof (a used password link)."""
    if user.email_verified:
        return user
    with transaction.atomic():
        user.email_verified = True
        user._change_reason = reason
        user.save(update_fields=["email_verified"])
    return user


def email_verification_resend(*, email: str, request=None) -> bool:
    """Send a new link when an unconfirmed, active account has this address.

    Returns whether a mail went out; callers show the same message either way,
    so that the page does not reveal which addresses have an account.
    """
    user = User.objects.filter(email__iexact=email, is_active=True, email_verified=False).first()
    if user is None:
        return False
    emails.send_verification_mail(user, request=request)
    return True


# --- profile -------------------------------------------------------------------------


def profile_update(*, actor: User, first_name: str, last_name: str, preferred_language: str, reason: str = "") -> User:
    check(actor, "accounts.change_own_profile")
    with transaction.atomic():
        actor.first_name = first_name
        actor.last_name = last_name
        actor.preferred_language = preferred_language
        actor._change_reason = reason or _("Eigen profiel bijgewerkt")
        actor.save(update_fields=["first_name", "last_name", "preferred_language"])
    return actor


# --- user management (cell staff) ---------------------------------------------------


def user_create(
    *,
    actor: User,
    username: str,
    email: str,
    first_name: str = "",
    last_name: str = "",
    roles: Iterable[str] = (),
    teams: Iterable[Team] = (),
    reason: str = "",
    send_invitation: bool = True,
    request=None,
) -> User:
    """Create an account; the person chooses a password through the mailed link."""
    check(actor, "accounts.manage_users")
    codes = _clean_roles(roles)
    with transaction.atomic():
        _check_username_free(username)
        _check_email_free(email)
        user = User(username=username, email=email, first_name=first_name, last_name=last_name)
        user.set_unusable_password()
        user._change_reason = _join_reason(reason, _role_change_text(set(), codes)) or _("Aangemaakt")
        user.save()
        _apply_roles(user, codes)
        _set_user_teams(user, teams, reason=user._change_reason)
    if send_invitation:
        emails.send_invitation_mail(user, request=request)
    return user


def user_update(
    *,
    actor: User,
    user: User,
    roles: Iterable[str] | None = None,
    teams: Iterable[Team] | None = None,
    reason: str = "",
    **changes,
) -> User:
    """Change names, address, language, active state, roles and teams in one step."""
    check(actor, "accounts.change_user", user)
    unknown = set(changes) - set(USER_FIELDS)
    if unknown:
        raise TypeError(f"user_update() got unexpected fields: {sorted(unknown)}")
    new_roles = _clean_roles(roles) if roles is not None else None
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        _guard_self(actor=actor, user=user, new_roles=new_roles, new_active=changes.get("is_active"))
        if "email" in changes:
            _check_email_free(changes["email"], exclude_pk=user.pk)
        old_roles = _current_roles(user)
        for name, value in changes.items():
            setattr(user, name, value)
        if new_roles is not None:
            _apply_roles(user, new_roles)
        user._change_reason = _join_reason(reason, _role_change_text(old_roles, new_roles or old_roles))
        if teams is not None:
            _set_user_teams(user, teams, reason=reason)
        user.save()
    return user


def user_set_roles(*, actor: User, user: User, roles: Iterable[str], reason: str = "") -> User:
    return user_update(actor=actor, user=user, roles=roles, reason=reason)


def user_deactivate(*, actor: User, user: User, reason: str = "") -> User:
    """Accounts are never deleted: history and authorship must stay readable."""
    check(actor, "accounts.change_user", user)
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        _guard_self(actor=actor, user=user, new_roles=None, new_active=False)
        if user.is_active:
            user.is_active = False
            user._change_reason = reason or _("Gedeactiveerd")
            user.save(update_fields=["is_active"])
            # A deactivated account keeps no API access.
            from rest_framework.authtoken.models import Token

            Token.objects.filter(user=user).delete()
    return user


def user_send_invitation(*, actor: User, user: User, request=None) -> None:
    check(actor, "accounts.change_user", user)
    emails.send_invitation_mail(user, request=request)


# --- teams ---------------------------------------------------------------------------


def _check_team(*, name: str, slug: str, members: list[User] | None, lead: User | None, exclude_pk=None) -> None:
    errors: dict[str, str] = {}
    same_name = Team.objects.filter(name__iexact=name)
    same_slug = Team.objects.filter(slug=slug)
    if exclude_pk is not None:
        same_name = same_name.exclude(pk=exclude_pk)
        same_slug = same_slug.exclude(pk=exclude_pk)
    if same_name.exists():
        errors["name"] = _("Er bestaat al een team met deze naam.")
    if same_slug.exists():
        errors["slug"] = _("Er bestaat al een team met deze korte naam.")
    elif slug in RESERVED_TEAM_SLUGS:
        errors["slug"] = _("Deze korte naam is voorbehouden; kies een andere.")
    if members is not None:
        outsiders = [str(m) for m in members if Role.CELL_STAFF not in _current_roles(m)]
        if outsiders:
            errors["members"] = _("Alleen medewerkers van de cel kunnen lid zijn van een team: %(names)s.") % {
                "names": ", ".join(outsiders)
            }
    if lead is not None and members is not None and lead not in members:
        errors["lead"] = _("De teamleider moet ook lid zijn van het team.")
    if errors:
        raise ValidationError(errors)


def team_create(
    *,
    actor: User,
    name: str,
    slug: str = "",
    description: str = "",
    members: Iterable[User] = (),
    lead: User | None = None,
    reason: str = "",
    is_demo: bool = False,
) -> Team:
    check(actor, "accounts.manage_teams")
    members = list(members)
    slug = slug or slugify(name)
    with transaction.atomic():
        _check_team(name=name, slug=slug, members=members, lead=lead)
        team = Team(name=name, slug=slug, description=description, lead=lead, is_demo=is_demo)
        team._change_reason = reason or _("Aangemaakt")
        team.save()
        team.members.set(members)
    return team


def team_update(*, actor: User, team: Team, members: Iterable[User] | None = None, reason: str = "", **changes) -> Team:
    check(actor, "accounts.manage_teams", team)
    unknown = set(changes) - set(TEAM_FIELDS)
    if unknown:
        raise TypeError(f"team_update() got unexpected fields: {sorted(unknown)}")
    members = list(members) if members is not None else None
    with transaction.atomic():
        team = Team.objects.select_for_update().get(pk=team.pk)
        for name, value in changes.items():
            setattr(team, name, value)
        if not team.slug:
            team.slug = slugify(team.name)
        _check_team(
            name=team.name,
            slug=team.slug,
            members=members if members is not None else list(team.members.all()),
            lead=team.lead,
            exclude_pk=team.pk,
        )
        if members is not None:
            team.members.set(members)
        team._change_reason = reason
        team.save()
    return team


def team_delete(*, actor: User, team: Team, reason: str = "") -> None:
    check(actor, "accounts.manage_teams", team)
    with transaction.atomic():
        team._change_reason = reason or _("Verwijderd")
        team.delete()
