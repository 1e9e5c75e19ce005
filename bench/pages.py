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
