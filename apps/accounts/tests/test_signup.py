"""Citizen sign-up, e-mail verification and login of unverified accounts."""

import time
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse

from apps.accounts.models import User
from apps.accounts.roles import Role
from apps.accounts.tokens import make_email_token

from .helpers import last_mail_link

SIGNUP = {
    "username": "nieuweburger",
    "email": "nieuw@example.test",
    "first_name": "Nora",
    "last_name": "Nieuw",
    "password1": "lang-en-veilig-wachtwoord-42",
    "password2": "lang-en-veilig-wachtwoord-42",
}


def _login(client, username="nieuweburger", password=SIGNUP["password1"]):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


@pytest.mark.django_db
def test_signup_mail_verify_then_login(client):
    # given a visitor who signs up
    response = client.post(reverse("accounts:signup"), SIGNUP)
    assert response.status_code == 302
    assert response.url == reverse("accounts:signup_done")
    user = User.objects.get(username="nieuweburger")
    assert user.role_codes == {Role.CITIZEN}
    assert not user.email_verified
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nieuw@example.test"]
    assert "Bevestig" in mail.outbox[0].subject

    # when they try to log in before confirming, they are refused with a Dutch message
    response = _login(client)
    assert response.status_code == 200
    assert "nog niet bevestigd" in response.content.decode()
    assert "_auth_user_id" not in client.session

    # when they open the link in the mail
    response = client.get(last_mail_link())
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email_verified

    # then they can log in
    response = _login(client)
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


@pytest.mark.django_db
def test_expired_link_is_refused(client):
    client.post(reverse("accounts:signup"), SIGNUP)
    link = last_mail_link()
    later = time.time() + 4 * 24 * 3600
    with mock.patch("django.core.signing.time.time", return_value=later):
        response = client.get(link)
    assert response.status_code == 400
    assert "verlopen" in response.content.decode()
    assert not User.objects.get(username="nieuweburger").email_verified


@pytest.mark.django_db
@pytest.mark.parametrize("token", ["onzin", "eyJ1IjoxfQ:1abc:def"])
def test_invalid_link_is_refused(client, token):
    client.post(reverse("accounts:signup"), SIGNUP)
    response = client.get(reverse("accounts:verify_email", kwargs={"token": token}))
    assert response.status_code == 400
    assert "ongeldig" in response.content.decode()
    assert not User.objects.get(username="nieuweburger").email_verified


@pytest.mark.django_db
def test_link_for_an_old_address_is_refused(client):
    client.post(reverse("accounts:signup"), SIGNUP)
    link = last_mail_link()
    User.objects.filter(username="nieuweburger").update(email="ander@example.test")
    assert client.get(link).status_code == 400
    assert not User.objects.get(username="nieuweburger").email_verified


@pytest.mark.django_db
def test_resend_sends_a_new_working_link(client):
    client.post(reverse("accounts:signup"), SIGNUP)
    mail.outbox.clear()
    response = client.post(reverse("accounts:verify_email_resend"), {"email": "NIEUW@example.test"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    client.get(last_mail_link())
    assert User.objects.get(username="nieuweburger").email_verified


@pytest.mark.django_db
def test_resend_does_not_reveal_unknown_addresses(client, citizen):
    response = client.post(reverse("accounts:verify_email_resend"), {"email": "niemand@example.test"}, follow=True)
    assert "Als er een onbevestigd account" in response.content.decode()
    # a confirmed account gets nothing either
    client.post(reverse("accounts:verify_email_resend"), {"email": citizen.email})
    assert mail.outbox == []


@pytest.mark.django_db
def test_duplicate_email_error_next_to_field_and_nothing_saved(client, citizen):
    data = {**SIGNUP, "email": citizen.email.upper()}
    response = client.post(reverse("accounts:signup"), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["email"] == ["Er bestaat al een gebruiker met dit e-mailadres."]
    assert not User.objects.filter(username="nieuweburger").exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_password_mismatch_is_a_dutch_field_error(client):
    response = client.post(reverse("accounts:signup"), {**SIGNUP, "password2": "iets-anders-99"})
    assert response.status_code == 200
    assert "password2" in response.context["form"].errors
    assert "wachtwoord" in " ".join(response.context["form"].errors["password2"]).lower()
    assert not User.objects.filter(username="nieuweburger").exists()


@pytest.mark.django_db
def test_token_is_bound_to_the_user(citizen):
    token = make_email_token(citizen)
    other = User.objects.create_user("ander", email="ander@example.test", password="x")
    assert make_email_token(other) != token


@pytest.mark.django_db
def test_superuser_needs_no_verification(client):
    User.objects.create_superuser("beheerder", "beheer@example.test", "lang-en-veilig-wachtwoord-42")
    response = _login(client, "beheerder")
    assert response.status_code == 302
