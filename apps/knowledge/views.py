"""Pages of the knowledge centre: the internal site, the public site, the workflow steps and the overdue report."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView
from django_filters.views import FilterView

from apps.core.permissions import permission_view, public_view
from apps.core.views.generic import (
    ObjectCreateView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectListView,
    Tab,
    TablePaginationMixin,
)
from apps.knowledge import selectors, services
from apps.knowledge.filters import ArticleFilterSet, PublicArticleFilterSet
from apps.knowledge.forms import ArticleForm
from apps.knowledge.models import Article, Theme
from apps.knowledge.tables import ArticleTable, PublicArticleTable
from apps.knowledge.workflows import TRANSITIONS_BY_NAME, available_transitions


def _save_article(*, actor, instance, data, reason):
    if instance is None or instance.pk is None:
        return services.article_create(actor=actor, data=data, reason=reason)
    return services.article_update(actor=actor, instance=instance, data=data, reason=reason)


class ArticleListView(ObjectListView):
    permission_required = "knowledge.view_knowledge"
    model = Article
    selector = staticmethod(selectors.article_list_lean)
    page_rows = staticmethod(selectors.article_list_rows)
    filterset_class = ArticleFilterSet
    table_class = ArticleTable
    template_name = "knowledge/home.html"
    title = gettext_lazy("Kenniscentrum")
    create_url_name = "knowledge:article_create"
    create_permission = "knowledge.add_article"
    export_name = "artikels"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["themes"] = selectors.theme_list()
        context["shows_demo_data"] = selectors.has_demo_articles()
        context["can_see_overdue"] = self.request.user.has_perm("knowledge.view_overdue_report")
        user = self.request.user
        context["can_import"] = user.has_perm("imports.run_import") and user.has_perm("knowledge.add_article")
        return context


TABS = [
    Tab(gettext_lazy("Artikel"), "knowledge:article_detail"),
    Tab(gettext_lazy("Geschiedenis"), "knowledge:article_history", key="history"),
]


class ArticleViewMixin:
    model = Article
    selector = staticmethod(selectors.article_visible_to)
    tabs = TABS
    edit_url_name = "knowledge:article_edit"
    edit_permission = "knowledge.change_article"
    delete_url_name = "knowledge:article_delete"
    delete_permission = "knowledge.delete_article"


def article_context(article: Article, user) -> dict[str, Any]:
    facts = selectors.article_facts(article=article, user=user)
    return {
        "organisations": facts.organisations,
        "municipalities": facts.municipalities,
        "related_articles": facts.related_articles,
        "article_themes": facts.themes,
        "article_pillars": facts.pillars,
        "overdue": bool(article.review_due_on and article.review_due_on < timezone.localdate()),
    }


class ArticleDetailView(ArticleViewMixin, ObjectDetailView):
    permission_required = "knowledge.view_article"
    template_name = "knowledge/article_detail.html"

    def get_object(self, queryset=None):
        if queryset is not None:
            return super().get_object(queryset)
        # Looked up once per request (the permission check and the page both ask), in a compiled query.
        found = getattr(self, "_looked_up_object", None)
        if found is None:
            found = selectors.article_for_page(user=self.request.user, slug=self.kwargs["slug"])
            if found is None:
                raise Http404
            self._looked_up_object = found
        return found

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(article_context(self.object, self.request.user))
        context["transitions"] = available_transitions(self.request.user, self.object)
        return context


class ArticleHistoryView(ArticleViewMixin, ObjectHistoryView):
    permission_required = "knowledge.view_article"


class ArticleCreateView(ObjectCreateView):
    permission_required = "knowledge.add_article"
    model = Article
    form_class = ArticleForm
    service = staticmethod(_save_article)
    title = gettext_lazy("Artikel schrijven")
    success_message = gettext_lazy("Het ontwerp is bewaard.")


class ArticleEditView(ArticleViewMixin, ObjectEditView):
    permission_required = "knowledge.change_article"
    form_class = ArticleForm
    service = staticmethod(_save_article)


class ArticleDeleteView(ArticleViewMixin, ObjectDeleteView):
    permission_required = "knowledge.delete_article"
    service = staticmethod(services.article_delete)

    def get_success_url(self) -> str:
        from django.urls import reverse

        return reverse("knowledge:home")


def _visible_article(request, slug: str) -> Article:
    return get_object_or_404(selectors.article_visible_to(request.user), slug=slug)


@permission_view("knowledge.view_knowledge")
def article_transition_view(request, slug: str, name: str):
    """POST: take one workflow step. The permission of the step itself is checked by the service."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    article = _visible_article(request, slug)
    step = TRANSITIONS_BY_NAME.get(name)
    if step is None:
        raise Http404
    if not request.user.has_perm(step.permission, article):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    try:
        services.article_transition(
            actor=request.user, article=article, transition=name, reason=request.POST.get("reason", "")[:500]
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Gelukt: %(step)s.") % {"step": step.label})
    return HttpResponseRedirect(article.get_absolute_url())


@permission_view("knowledge.view_overdue_report")
def overdue_view(request):
    owner = request.GET.get("owner", "")
    articles = selectors.overdue_articles().select_related("owner")
    if owner.isdigit():
        articles = articles.filter(owner_id=int(owner))
    context = {
        "owners": selectors.overdue_by_owner(),
        "articles": list(articles[:500]),
        "selected_owner": owner,
        "today": timezone.localdate(),
    }
    return render(request, "knowledge/overdue.html", context)


# --- public site ----------------------------------------------------------------------------


@public_view
class PublicHomeView(TablePaginationMixin, FilterView):
    template_name = "knowledge/public_home.html"
    filterset_class = PublicArticleFilterSet
    table_class = PublicArticleTable
    page_rows = staticmethod(selectors.article_list_rows)

    def get_queryset(self):
        return selectors.public_article_list().prefetch_related(None)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["themes"] = Theme.objects.filter(articles__in=selectors.public_article_list()).distinct()
        context["shows_demo_data"] = selectors.public_article_list().filter(is_demo=True).exists()
        return context


@public_view
class PublicArticleView(DetailView):
    template_name = "knowledge/public_article.html"
    context_object_name = "article"

    def get_queryset(self):
        return selectors.public_article_list()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(article_context(self.object, None))
        context["related_articles"] = [a for a in context["related_articles"] if a.is_public]
        context["shows_demo_data"] = self.object.is_demo
        return context
