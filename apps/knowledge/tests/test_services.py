import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from apps.knowledge import services
from apps.knowledge.models import Article, ArticleState
from apps.knowledge.tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_body_is_sanitised_on_save(cell_staff):
    body = (
        '<h2>Kop</h2><script>alert(1)</script><p onclick="steal()">Tekst <a href="javascript:alert(1)">link</a></p>'
        '<table><tr><td>cel</td></tr></table><img src="https://example.test/a.png" onerror="x()" alt="beeld">'
    )
    article = make_article(cell_staff, body=body, publish=False)
    article.refresh_from_db()
    assert "<script" not in article.body and "alert(1)</" not in article.body
    assert "onclick" not in article.body and "onerror" not in article.body and "javascript:" not in article.body
    assert "<h2>Kop</h2>" in article.body and "<table>" in article.body and 'alt="beeld"' in article.body


def test_publishing_requires_a_value_and_changes_nothing_without(cell_staff):
    article = make_article(cell_staff, publish=False)
    services.article_transition(actor=cell_staff, article=article, transition="submit")
    with pytest.raises(ValidationError):
        services.article_transition(actor=cell_staff, article=article, transition="publish")
    article.refresh_from_db()
    assert article.state == ArticleState.IN_REVIEW and article.published_at is None


def test_publish_sets_review_date_within_a_year(cell_staff):
    article = make_article(cell_staff)
    assert article.state == ArticleState.PUBLISHED
    assert article.review_due_on <= timezone.localdate() + datetime.timedelta(days=365)
    assert article.reviewer == cell_staff and article.last_reviewed_on == timezone.localdate()


def test_review_date_more_than_a_year_ahead_is_refused(cell_staff):
    article = make_article(cell_staff, publish=False)
    far = timezone.localdate() + datetime.timedelta(days=400)
    with pytest.raises(ValidationError):
        services.article_update(actor=cell_staff, instance=article, data={"review_due_on": far})
    article.refresh_from_db()
    assert article.review_due_on is None


def test_library_staff_may_not_create_or_publish(cell_staff, library_staff):
    with pytest.raises(PermissionDenied):
        services.article_create(actor=library_staff, data={"title": "X", "summary": "Y"})
    assert not Article.objects.exists()
    article = make_article(cell_staff, publish=False)
    services.article_transition(actor=cell_staff, article=article, transition="submit")
    with pytest.raises(PermissionDenied):
        services.article_transition(actor=library_staff, article=article, transition="publish")
    article.refresh_from_db()
    assert article.state == ArticleState.IN_REVIEW


def test_transition_from_wrong_state_is_refused(cell_staff):
    article = make_article(cell_staff, publish=False)
    with pytest.raises(ValidationError):
        services.article_transition(actor=cell_staff, article=article, transition="publish")
    article.refresh_from_db()
    assert article.state == ArticleState.DRAFT


def test_every_transition_writes_history(cell_staff):
    article = make_article(cell_staff)
    services.article_transition(actor=cell_staff, article=article, transition="archive", reason="Verouderd")
    reasons = list(article.history.values_list("history_change_reason", flat=True))
    assert "Verouderd" in reasons and "Publiceren" in reasons


def test_create_draft_for_the_questions_desk(cell_staff):
    article = services.article_create_draft(
        actor=cell_staff, title="Antwoord", summary="Kort", body="<p>Lang</p>", source_question_url="/vragen/1/"
    )
    assert article.state == ArticleState.DRAFT and article.source_question_url == "/vragen/1/"
    assert article.kind == "faq"


def test_reminders_mail_owners_of_overdue_articles(cell_staff):
    article = make_article(cell_staff)
    Article.objects.filter(pk=article.pk).update(review_due_on=timezone.localdate() - datetime.timedelta(days=3))
    make_article(cell_staff, title="Nog op tijd")
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        assert services.review_reminders_send() == 1
    assert len(mail.outbox) == 1 and article.title in mail.outbox[0].body


def test_reminder_task_and_command(cell_staff):
    from django.core.management import call_command

    article = make_article(cell_staff)
    Article.objects.filter(pk=article.pk).update(review_due_on=timezone.localdate() - datetime.timedelta(days=1))
    call_command("send_review_reminders")
    from apps.core.models import Notification

    assert Notification.objects.filter(recipient=cell_staff).count() == 1
