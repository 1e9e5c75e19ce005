"""The public form and staff entry: what is stored, what is mailed, what is refused (and then nothing is stored)."""

import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.core.models import Attachment
from apps.questions import views
from apps.questions.models import Question, RoutingRule
from apps.questions.workflows import Status
from apps.registry.tests.factories import AffiliationFactory

ASK = reverse("questions:ask")


def form_data(category, **overrides):
    data = {
        "asker_name": "Greet Vanhove",
        "asker_email": "greet@mail.test",
        "subject": "Hoe starten we een samenwerking?",
        "body": "Beste cel, hoe beginnen we?",
        "category": category.pk,
        "website": "",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_visitor_asks_and_gets_a_personal_link(anon_client, category, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = anon_client.post(ASK, form_data(category))
    assert response.status_code == 302 and response["Location"] == reverse("questions:thanks")
    question = Question.objects.get()
    assert (question.asker_name, question.asker_email, question.channel) == ("Greet Vanhove", "greet@mail.test", "web")
    assert question.status == Status.NEW and question.acknowledged_at is None  # the mail is no human action
    ack = mail.outbox[-1]
    assert ack.to == ["greet@mail.test"] and question.reference in ack.subject
    link = re.search(r"http://\S+/vragen/volg/\S+/", ack.body).group(0)
    page = anon_client.get(link.split("8000", 1)[-1] if "8000" in link else link)
    assert page.status_code == 200
    assert "Hoe starten we een samenwerking?" in page.content.decode()


@pytest.mark.django_db
def test_invalid_email_gets_a_dutch_error_and_nothing_is_stored(anon_client, category):
    response = anon_client.post(ASK, form_data(category, asker_email="greet@@mail"))
    assert response.status_code == 200
    assert "Dit e-mailadres is ongeldig" in response.content.decode()
    assert Question.objects.count() == 0 and len(mail.outbox) == 0


@pytest.mark.django_db
def test_honeypot_refuses_and_stores_nothing(anon_client, category):
    response = anon_client.post(ASK, form_data(category, website="http://spam.example"))
    assert response.status_code == 200
    assert "kon niet verstuurd worden" in response.content.decode()
    assert Question.objects.count() == 0


@pytest.mark.django_db
def test_disallowed_or_too_large_attachment_stores_nothing(anon_client, category, settings):
    exe = SimpleUploadedFile("virus.exe", b"MZ\x90\x00\x03" + bytes(200), content_type="application/octet-stream")
    response = anon_client.post(ASK, {**form_data(category), "attachments": [exe]})
    assert "niet toegestaan" in response.content.decode()
    settings.ATTACHMENT_MAX_BYTES = 10
    big = SimpleUploadedFile("notities.txt", b"x" * 100, content_type="text/plain")
    response = anon_client.post(ASK, {**form_data(category), "attachments": [big]})
    assert "te groot" in response.content.decode()
    assert Question.objects.count() == 0 and Attachment.objects.count() == 0


@pytest.mark.django_db
def test_good_attachment_is_kept_privately(anon_client, category, cell_client):
    pdf = SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n%test\n", content_type="application/pdf")
    anon_client.post(ASK, {**form_data(category), "attachments": [pdf]})
    question = Question.objects.get()
    attachment = Attachment.objects.get()
    assert attachment.content_object == question
    assert cell_client.get(reverse("core:attachment_download", kwargs={"uuid": attachment.uuid})).status_code == 200
    assert anon_client.get(reverse("core:attachment_download", kwargs={"uuid": attachment.uuid})).status_code == 302


@pytest.mark.django_db
def test_rate_limit_per_address(anon_client, category):
    for n in range(views.RATE_LIMIT_POSTS):
        anon_client.post(ASK, form_data(category, subject=f"Vraag {n}"))
    response = anon_client.post(ASK, form_data(category, subject="Eén te veel"))
    assert response.status_code == 429
    assert "te veel vragen" in response.content.decode()
    assert Question.objects.count() == views.RATE_LIMIT_POSTS
    assert not Question.objects.filter(subject="Eén te veel").exists()
    other = anon_client.post(ASK, form_data(category, subject="Ander adres"), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


@pytest.mark.django_db
def test_logged_in_asker_and_suggested_organisation(citizen_client, citizen, category, library_staff, library):
    # given: library staff work for the library; the form suggests it
    AffiliationFactory(user=library_staff, organisation=library)
    from django.test import Client

    client = Client()
    client.force_login(library_staff)
    page = client.get(ASK)
    assert f'<option value="{library.pk}" selected' in page.content.decode()
    # a citizen's question is theirs: no name or e-mail to fill in
    response = citizen_client.post(ASK, {"subject": "Openingsuren?", "body": "Wanneer open?", "category": category.pk})
    question = Question.objects.get()
    assert response.status_code == 302 and question.asker == citizen and question.asker_email == citizen.email


@pytest.mark.django_db
def test_organisation_suggested_from_email_domain(anon_client, category, library):
    anon_client.post(ASK, form_data(category, asker_email="an@bib-testdorp.be"))
    question = Question.objects.get()
    assert question.organisation == library and question.organisation_suggested
    assert question.municipality == library.municipality
    assert question.province.name_nl == "Testprovincie" and question.region.name == "Regio Testdorp"


@pytest.mark.django_db
def test_routing_rules_are_data(anon_client, category, library, team, region, cell_staff):
    RoutingRule.objects.create(position=1, region=region, team=team)
    RoutingRule.objects.create(position=2, category=category, assignee=cell_staff)
    anon_client.post(ASK, form_data(category, asker_email="an@bib-testdorp.be"))
    anon_client.post(ASK, form_data(category, subject="Elders", asker_email="x@mail.test"))
    routed = Question.objects.get(subject__startswith="Hoe")
    other = Question.objects.get(subject="Elders")
    assert (routed.team, routed.assignee, routed.status) == (team, None, Status.ASSIGNED)
    assert (other.team, other.assignee) == (None, cell_staff)
    assert cell_staff.notifications.filter(title__contains=routed.reference).exists()


@pytest.mark.django_db
def test_staff_enter_a_phone_question(cell_client, cell_staff, category):
    response = cell_client.post(
        reverse("questions:create"),
        {
            "channel": "phone",
            "asker_name": "Luc",
            "asker_phone": "050 12 34 56",
            "subject": "Telefoon",
            "body": "...",
            "category": category.pk,
        },
    )
    question = Question.objects.get()
    assert response.status_code == 302
    assert question.channel == "phone" and question.acknowledged_at is not None


@pytest.mark.django_db
def test_staff_entry_refused_for_others(library_client, anon_client, category):
    data = {
        "channel": "phone",
        "asker_name": "Luc",
        "asker_phone": "1",
        "subject": "x",
        "body": "y",
        "category": category.pk,
    }
    assert library_client.post(reverse("questions:create"), data).status_code == 403
    assert anon_client.post(reverse("questions:create"), data).status_code == 302
    assert Question.objects.count() == 0


@pytest.mark.django_db
def test_municipality_suggested_from_its_own_domain(anon_client, category, municipality, region):
    anon_client.post(ASK, form_data(category, asker_email="schepen@testdorp.be"))
    question = Question.objects.get()
    assert question.organisation is None and question.municipality == municipality and question.organisation_suggested
    assert question.region == region


@pytest.mark.django_db
def test_public_mail_domains_suggest_nothing(anon_client, category, municipality, library):
    anon_client.post(ASK, form_data(category, asker_email="iemand@gmail.com"))
    question = Question.objects.get()
    assert (question.organisation, question.municipality, question.organisation_suggested) == (None, None, False)
