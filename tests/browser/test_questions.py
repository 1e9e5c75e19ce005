"""The questions desk in the browser, as a new user would: ask, follow by the mailed link, get an answer after a
reassignment, close, rate, and turn it into a knowledge article. Axe on every page type."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from apps.accounts.models import Team
from apps.questions.models import Category, Question
from conftest import make_user
from tests.browser.support import check_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def mailed_link(address: str, path: str) -> str:
    for message in reversed(mail.outbox):
        if message.to == [address]:
            found = re.search(rf"https?://\S+?({path}\S+)", message.body)
            if found:
                return found.group(1)
    raise AssertionError(f"no mail to {address} with {path}")


def test_ask_follow_answer_close_rate_article(browser, live_server, cell_staff, login):
    Category.objects.create(name="Samenwerking", slug="samenwerking")
    colleague = make_user("cel2", "cell_staff", first_name="Koen")
    team = Team.objects.create(name="Regio West", slug="regio-west")
    team.members.add(colleague)

    # a visitor asks a question; a wrong e-mail address first
    visitor = browser.new_context(base_url=live_server.url, locale="nl-BE").new_page()
    visitor.goto(reverse("questions:home"))
    check_page(visitor, "questions-home-public")
    visitor.get_by_role("link", name="Stel een vraag").first.click()
    check_page(visitor, "questions-ask")
    visitor.get_by_label("Je naam").fill("Greet Vanhove")
    visitor.get_by_label("Je e-mailadres").fill("greet@@mail")
    visitor.get_by_label("Onderwerp").fill("Hoe starten we een samenwerking?")
    visitor.locator("#id_body").fill("Beste cel, hoe beginnen we eraan?")
    visitor.get_by_label("Categorie").select_option(label="Samenwerking")
    visitor.get_by_role("button", name="Vraag versturen").click()
    expect(visitor.get_by_role("alert")).to_contain_text("Dit e-mailadres is ongeldig")
    check_page(visitor, "questions-ask-error")
    assert Question.objects.count() == 0
    visitor.get_by_label("Je e-mailadres").fill("greet@mail.test")
    visitor.get_by_role("button", name="Vraag versturen").click()
    expect(visitor.get_by_role("status")).to_contain_text("goed ontvangen")
    check_page(visitor, "questions-thanks")

    # the visitor follows the question with the link from the mail
    follow = mailed_link("greet@mail.test", "/vragen/volg/")
    visitor.goto(follow)
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Hoe starten we een samenwerking?")
    check_page(visitor, "questions-follow")
    visitor.goto(follow[:-5] + "xxxx/")
    expect(visitor.get_by_role("alert")).to_contain_text("ongeldig")
    check_page(visitor, "questions-link-refused")

    # the cell reassigns it to a colleague
    cell = browser.new_context(base_url=live_server.url, locale="nl-BE").new_page()
    login(cell, cell_staff)
    cell.goto(reverse("questions:desk"))
    check_page(cell, "questions-desk")
    cell.get_by_role("link", name="Hoe starten we een samenwerking?").click()
    check_page(cell, "questions-detail-cell")
    cell.get_by_label("Team").select_option(label="Regio West")
    cell.get_by_label("Behandelaar").select_option(label=str(colleague))
    cell.get_by_role("button", name="Toewijzen", exact=True).click()
    expect(cell.get_by_role("status")).to_contain_text("toegewezen")

    # the colleague writes an internal note and answers
    handler = browser.new_context(base_url=live_server.url, locale="nl-BE").new_page()
    login(handler, colleague)
    question = Question.objects.get()
    handler.goto(question.get_absolute_url())
    handler.get_by_role("textbox", name="Interne notitie").fill("Eerst de schepen bellen")
    handler.get_by_role("button", name="Notitie bewaren").click()
    handler.get_by_label("Bericht aan de vraagsteller").fill("Begin met een gesprek met de buurgemeenten.")
    handler.get_by_role("button", name="Versturen naar de vraagsteller").click()
    expect(handler.get_by_role("status")).to_contain_text("naar de vraagsteller gestuurd")
    check_page(handler, "questions-detail-answered")

    # the visitor reads the answer (not the note) and closes the question
    visitor.goto(follow)
    expect(visitor.locator("#conversation")).to_contain_text("buurgemeenten")
    expect(visitor.locator("main")).not_to_contain_text("schepen bellen")
    visitor.get_by_role("button", name="Mijn vraag is beantwoord: afsluiten").click()
    expect(visitor.get_by_role("status")).to_contain_text("afgesloten")

    # one click in the closing mail rates it
    visitor.goto(mailed_link("greet@mail.test", "/vragen/tevredenheid/").replace("/1/", "/5/"))
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Bedankt voor je score")
    check_page(visitor, "questions-rate")
    visitor.get_by_label("Wil je nog iets kwijt? (niet verplicht)").fill("Snel geholpen")
    visitor.get_by_role("button", name="Opmerking versturen").click()
    question.refresh_from_db()
    assert question.satisfaction.score == 5 and question.satisfaction.comment == "Snel geholpen"

    # the handler turns it into a draft knowledge article
    handler.goto(question.get_absolute_url())
    handler.get_by_role("button", name="Kennisartikel maken").click()
    expect(handler.get_by_role("status")).to_contain_text("ontwerp van een kennisartikel")
    question.refresh_from_db()
    assert question.knowledge_article_url

    # the cell's other pages
    for name in (
        "questions:sla",
        "questions:report",
        "questions:create",
        "questions:category_list",
        "questions:routingrule_list",
        "questions:routingrule_create",
        "questions:closureday_list",
        "questions:personal_data",
        "questions:home",
    ):
        cell.goto(reverse(name))
        check_page(cell, name.replace(":", "-"))
    cell.goto(reverse("questions:history", kwargs={"uuid": question.uuid}))
    check_page(cell, "questions-history")
    cell.goto(reverse("core:home"))
    check_page(cell, "questions-dashboard")
