"""The main pages that `python -m bench` measures against the baseline page.

Each app adds its main pages here (list and detail pages on the demo data).
A page is a URL name with its arguments, or a callable that returns the path
from the demo data (for detail pages that need an object).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse


@dataclass(frozen=True)
class Page:
    label: str
    url_name: str = ""
    kwargs: dict[str, Any] = field(default_factory=dict)
    query: str = ""
    path: Callable[[], str] | None = None

    def url(self) -> str:
        url = self.path() if self.path is not None else reverse(self.url_name, kwargs=self.kwargs)
        return f"{url}?{self.query}" if self.query else url


BASELINE = Page("basis (base.html)", "core:bench_baseline")

PAGES: list[Page] = [
    Page("overzicht", "core:home"),
    Page("domein zonder dienst", "core:service_area", kwargs={"slug": "vragen"}),
]


def _first_library_path() -> str:
    from apps.registry.models import Library

    library = Library.objects.select_related("organisation").order_by("organisation__name").first()
    return library.get_absolute_url() if library else reverse("registry:library_list")


def _first_library_tab(tab: str) -> Callable[[], str]:
    def path() -> str:
        from apps.registry.models import Library

        library = Library.objects.select_related("organisation").order_by("organisation__name").first()
        if library is None:
            return reverse("registry:library_list")
        return reverse(f"registry:library_{tab}", kwargs={"slug": library.organisation.slug})

    return path


PAGES += [
    Page("netwerk: gemeenten", "registry:municipality_list"),
    Page("netwerk: gemeente Pajottegem", "registry:municipality_detail", kwargs={"code": "23106"}),
    Page("netwerk: bibliotheken", "registry:library_list"),
    Page("netwerk: bibliotheek", path=_first_library_path),
    Page("netwerk: bibliotheek, samenwerking", path=_first_library_tab("cooperation")),
    Page("netwerk: vestigingen", "registry:branch_list"),
    Page("netwerk: samenwerkingsverbanden", "registry:cooperation_list"),
    Page("netwerk: kaart", "registry:map"),
    Page("netwerk: GeoJSON gemeenten", "registry-api-geo-municipalities"),
    Page("netwerk: API gemeenten", "registry-municipality-list"),
]


def _first_library_statistics(name: str) -> Callable[[], str]:
    def path() -> str:
        from apps.statistics.models import Submission

        submission = Submission.objects.select_related("library__organisation").order_by("library_id").first()
        if submission is None:
            return reverse("statistics:home")
        return reverse(f"statistics:{name}", kwargs={"slug": submission.library.organisation.slug})

    return path


def _first_question_path() -> str:
    from apps.questions.models import Question

    question = Question.objects.order_by("received_at").first()
    return reverse("questions:detail", kwargs={"uuid": question.uuid}) if question else reverse("questions:desk")


def _first_article_path() -> str:
    from apps.knowledge.models import Article

    article = Article.objects.filter(state="published").order_by("pk").first()
    return article.get_absolute_url() if article else reverse("knowledge:home")


PAGES += [
    Page("cijfers: dashboard bibliotheek", path=_first_library_statistics("library_dashboard")),
    Page("cijfers: rapport bibliotheek", path=_first_library_statistics("library_report")),
    Page("cijfers: cijferlijst", "statistics:figure_list"),
    Page("schaal: overzicht", "scale:home"),
    Page("kennis: artikels", "knowledge:home"),
    Page("kennis: artikel", path=_first_article_path),
    Page("zoeken: voorlezen", "search:search", query="q=voorlezen"),
    Page("vragen: loket", "questions:desk"),
    Page("vragen: vraag", path=_first_question_path),
    Page("voorstellen: te beoordelen", "proposals:list"),
]
