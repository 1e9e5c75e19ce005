"""Login, logout, throttling, language, password pages."""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from apps.accounts import services
from apps.accounts.models import User
from apps.accounts.roles import Role
from conftest import PASSWORD

from .helpers import last_mail_link


def _login(client, username, password):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


@pytest.mark.django_db
def test_login_page_links_to_reset_and_signup(anon_client):
    response = anon_client.get(reverse("accounts:login"))
    assert response.status_code == 200
    body = response.content.decode()
    assert reverse("accounts:password_reset") in body
    assert reverse("accounts:signup") in body


@pytest.mark.django_db
def test_axes_locks_out_after_failure_limit(client, library_staff):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        response = _login(client, library_staff.username, "fout-wachtwoord")
        assert "_auth_user_id" not in client.session
    response = _login(client, library_staff.username, PASSWORD)
    assert response.status_code == settings.AXES_HTTP_RESPONSE_CODE
    assert "Te veel mislukte aanmeldpogingen. Probeer het over 15 minuten opnieuw." in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_correct_password_logs_in_and_sets_language(client, library_staff):
    library_staff.preferred_language = "en"
    library_staff.save()
    response = _login(client, library_staff.username, PASSWORD)
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


@pytest.mark.django_db
def test_deactivated_user_cannot_log_in(client, library_staff):
    library_staff.is_active = False
    library_staff.save()
    response = _login(client, library_staff.username, PASSWORD)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_logout_is_post_only(library_client):
    assert library_client.get(reverse("accounts:logout")).status_code == 405
    response = library_client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in library_client.session


@pytest.mark.django_db
def test_password_reset_mail_and_new_password(client, library_staff):
    response = client.post(reverse("accounts:password_reset"), {"email": library_staff.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    confirm = client.get(last_mail_link(), follow=True)
    assert confirm.status_code == 200
    assert confirm.context["validlink"]
    new = "een-ander-lang-wachtwoord-77"
    response = client.post(confirm.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert response.status_code == 302
    assert User.objects.get(pk=library_staff.pk).check_password(new)


@pytest.mark.django_db
def test_invitation_link_sets_password_and_confirms_address(client, cell_staff):
    user = services.user_create(
        actor=cell_staff, username="nieuwecollega", email="collega@example.test", roles=[Role.CELL_STAFF]
    )
    assert not user.has_usable_password()
    confirm = client.get(last_mail_link(), follow=True)
    new = "een-ander-lang-wachtwoord-77"
    client.post(confirm.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    user.refresh_from_db()
    assert user.email_verified
    assert _login(client, "nieuwecollega", new).status_code == 302


@pytest.mark.django_db
def test_profile_updates_names_and_language(library_client, library_staff):
    response = library_client.post(
        reverse("accounts:profile"),
        {"first_name": "Lies", "last_name": "Lezer", "preferred_language": "en", "change_reason": ""},
    )
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    library_staff.refresh_from_db()
    assert (library_staff.first_name, library_staff.preferred_language) == ("Lies", "en")


@pytest.mark.django_db
def test_password_change(library_client, library_staff):
    assert library_client.get(reverse("accounts:password_change")).status_code == 200
    new = "een-ander-lang-wachtwoord-77"
    response = library_client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    library_staff.refresh_from_db()
    assert library_staff.check_password(new)


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["accounts:profile", "accounts:password_change", "accounts:password_change_done"])
def test_own_pages_need_login(anon_client, name):
    response = anon_client.get(reverse(name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
