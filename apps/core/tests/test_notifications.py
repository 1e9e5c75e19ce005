"""Notifications: the service and its mail (at once or as a digest), the list page and its actions."""

from io import StringIO

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from apps.core.models import Notification, NotificationPreference
from apps.core.selectors.notifications import notification_list
from apps.core.services.notifications import (
    notification_digest_send,
    notification_mark_read,
    notification_preference_set,
    notify,
)


def test_notify_creates_the_notification_and_mails_it_in_dutch(library_staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify(
            recipient=library_staff, title="Je voorstel is goedgekeurd", body="Bedankt.", url="/netwerk/1/"
        )
    assert notification.read_at is None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [library_staff.email]
    assert message.subject == "[Knooppunt] Je voorstel is goedgekeurd"
    assert message.body.startswith("Beste Bibmedewerker,")
    assert "Bekijk het hier: http://127.0.0.1:8000/netwerk/1/" in message.body
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_no_mail_when_not_wanted_or_rolled_back(library_staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=library_staff, title="Enkel in de app", email=False)
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                notify(recipient=library_staff, title="Teruggedraaid")
                raise RuntimeError("stop")
        except RuntimeError:
            pass
    assert mail.outbox == []
    assert not Notification.objects.filter(title="Teruggedraaid").exists()


def test_daily_digest_bundles_and_sends_once(library_staff, citizen, django_capture_on_commit_callbacks):
    notification_preference_set(actor=library_staff, email_mode=NotificationPreference.EmailMode.DAILY)
    notification_preference_set(actor=citizen, email_mode=NotificationPreference.EmailMode.OFF)
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=library_staff, title="Eerste", url="/a/")
        notify(recipient=library_staff, title="Tweede")
        notify(recipient=citizen, title="Voor de burger")
    assert mail.outbox == []  # nothing at once

    assert notification_digest_send() == 1
    assert len(mail.outbox) == 1
    digest = mail.outbox[0]
    assert digest.to == [library_staff.email]
    assert digest.subject == "[Knooppunt] 2 nieuwe meldingen"
    assert "• Eerste" in digest.body and "• Tweede" in digest.body
    # a second run has nothing left to send
    assert notification_digest_send() == 0
    assert len(mail.outbox) == 1


def test_list_shows_only_my_notifications_unread_first(library_staff, citizen, library_client):
    old_unread = notify(recipient=library_staff, title="Oud ongelezen", email=False)
    read = notify(recipient=library_staff, title="Gelezen", email=False)
    notification_mark_read(actor=library_staff, notification=read)
    new_unread = notify(recipient=library_staff, title="Nieuw ongelezen", email=False)
    notify(recipient=citizen, title="Niet voor jou", email=False)

    assert list(notification_list(user=library_staff)) == [new_unread, old_unread, read]

    response = library_client.get(reverse("core:notifications"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Meldingen</h1>" in html
    assert "Niet voor jou" not in html
    assert html.index("Nieuw ongelezen") < html.index("Oud ongelezen") < html.index("Gelezen")
    assert "Alles als gelezen markeren" in html


def test_list_is_paginated(library_staff, library_client, django_assert_max_num_queries):
    Notification.objects.bulk_create(Notification(recipient=library_staff, title=f"Melding {i}") for i in range(30))
    with django_assert_max_num_queries(12):
        first = library_client.get(reverse("core:notifications"))
    assert first.content.decode().count('class="card notification') == 25
    second = library_client.get(reverse("core:notifications"), {"page": 2})
    assert second.content.decode().count('class="card notification') == 5


def test_mark_one_read_and_follow(library_staff, library_client):
    notification = notify(recipient=library_staff, title="Lees mij", url="/taken/", email=False)
    response = library_client.post(reverse("core:notification_read", args=[notification.pk]), {"follow": "1"})
    assert response.status_code == 302 and response["Location"] == "/taken/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_follow_never_leaves_the_site(library_staff, library_client):
    notification = notify(recipient=library_staff, title="Verdacht", url="//evil.example/", email=False)
    response = library_client.post(reverse("core:notification_read", args=[notification.pk]), {"follow": "1"})
    assert response["Location"] == reverse("core:notifications")


def test_mark_all_read(library_staff, citizen, library_client):
    for i in range(3):
        notify(recipient=library_staff, title=f"M{i}", email=False)
    others = notify(recipient=citizen, title="Van een ander", email=False)
    response = library_client.post(reverse("core:notifications_read_all"))
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=library_staff, read_at__isnull=True).exists()
    others.refresh_from_db()
    assert others.read_at is None


def test_another_user_cannot_mark_mine(library_staff, citizen, citizen_client, anon_client):
    mine = notify(recipient=library_staff, title="Van mij", email=False)
    assert citizen_client.post(reverse("core:notification_read", args=[mine.pk])).status_code == 404
    assert anon_client.post(reverse("core:notification_read", args=[mine.pk])).status_code == 302
    with pytest.raises(PermissionDenied):
        notification_mark_read(actor=citizen, notification=mine)
    mine.refresh_from_db()
    assert mine.read_at is None


def test_actions_are_post_only_and_list_needs_login(library_staff, library_client, anon_client):
    mine = notify(recipient=library_staff, title="Van mij", email=False)
    assert library_client.get(reverse("core:notification_read", args=[mine.pk])).status_code == 405
    assert library_client.get(reverse("core:notifications_read_all")).status_code == 405
    mine.refresh_from_db()
    assert mine.read_at is None
    assert anon_client.get(reverse("core:notifications")).status_code == 302
    assert anon_client.post(reverse("core:notifications_read_all")).status_code == 302
    assert anon_client.post(reverse("core:notification_preferences"), {"email_mode": "off"}).status_code == 302
    assert not NotificationPreference.objects.exists()


def test_preference_form_saves_the_choice(library_staff, library_client):
    response = library_client.post(reverse("core:notification_preferences"), {"email_mode": "daily"})
    assert response.status_code == 302
    assert NotificationPreference.objects.get(user=library_staff).email_mode == "daily"
    library_client.post(reverse("core:notification_preferences"), {"email_mode": "ongeldig"})
    assert NotificationPreference.objects.get(user=library_staff).email_mode == "daily"


def test_digest_command_sends_the_digest(library_staff, django_capture_on_commit_callbacks):
    notification_preference_set(actor=library_staff, email_mode=NotificationPreference.EmailMode.DAILY)
    notify(recipient=library_staff, title="Eén", email=True)
    out = StringIO()
    call_command("send_notification_digest", stdout=out)
    assert "1 digest mail(s) sent." in out.getvalue()
    assert len(mail.outbox) == 1
