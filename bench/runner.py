"""Measure the server time of each page in bench.pages.PAGES against the baseline page.

Every figure is a median over repeated requests through the full middleware
stack (Django's test client, a logged-in cell-staff user). The baseline is
measured in the same run, so the ratio does not depend on the machine.
"""

import io
import statistics
import time
from dataclasses import dataclass

from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings

from bench.pages import BASELINE, PAGES, Page

BENCH_USERNAME = "bench-cel"


@dataclass
class Measurement:
    page: Page
    url: str
    median_ms: float
    queries: int


class QueryCounter:
    """A database execute wrapper that counts queries (independent of DEBUG and the query log)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def load_data(*, scale: int) -> None:
    # The bench database is thrown away and its users log in with force_login:
    # a fast hasher keeps the demo users from costing a quarter second each.
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        call_command("load_reference_data", verbosity=0, stdout=io.StringIO())
        call_command("load_demo", scale=scale, verbosity=0, stdout=io.StringIO())


def cell_staff_client() -> Client:
    from apps.accounts.models import User, role_group
    from apps.accounts.roles import Role

    user, _created = User.objects.get_or_create(username=BENCH_USERNAME, defaults={"email": "bench@example.test"})
    user.groups.add(role_group(Role.CELL_STAFF))
    client = Client()
    client.force_login(user)
    return client


def warm_up(client: Client, page: Page) -> tuple[str, int]:
    """One request first: it warms template and URL caches, and its query count
    is the one reported (the count does not vary between requests)."""
    url = page.url()
    queries = QueryCounter()
    with connection.execute_wrapper(queries):
        response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"{page.label}: {url} answered {response.status_code}, expected 200")
    return url, queries.count


def measure_all(client: Client, pages: list[Page], *, repeat: int) -> list[Measurement]:
    """Median time of every page, measured in rounds: each round requests every page once.

    Interleaving keeps slow drifts of the machine (clock speed, other load) out of
    the ratios: the baseline and each page see the same conditions.
    """
    warmed = [warm_up(client, page) for page in pages]
    timings: list[list[float]] = [[] for _ in pages]
    for _ in range(repeat):
        for index, (url, _queries) in enumerate(warmed):
            start = time.perf_counter()
            client.get(url)
            timings[index].append((time.perf_counter() - start) * 1000)
    return [
        Measurement(page, url, statistics.median(times), queries)
        for page, (url, queries), times in zip(pages, warmed, timings, strict=True)
    ]


def run(*, scale: int, repeat: int) -> list[tuple[Measurement, Measurement]]:
    """Every page twice: built on each request (page cache off), and served as repeat
    visitors get it (page cache on: from the cache while the data does not change)."""
    load_data(scale=scale)
    client = cell_staff_client()
    pages = [BASELINE, *PAGES]
    with override_settings(KNOOPPUNT_PAGE_CACHE=False):
        built = measure_all(client, pages, repeat=repeat)
    with override_settings(KNOOPPUNT_PAGE_CACHE=True):
        cached = measure_all(client, pages, repeat=repeat)
    return list(zip(built, cached, strict=True))


def format_table(results: list[tuple[Measurement, Measurement]]) -> str:
    built_base, cached_base = results[0][0].median_ms, results[0][1].median_ms
    rows = [("page", "url", "built ms", "× baseline", "queries", "cached ms", "× baseline", "queries")]
    for built, cached in results:
        rows.append(
            (
                built.page.label,
                built.url,
                f"{built.median_ms:.1f}",
                f"{built.median_ms / built_base:.2f}",
                str(built.queries),
                f"{cached.median_ms:.1f}",
                f"{cached.median_ms / cached_base:.2f}",
                str(cached.queries),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for index, row in enumerate(rows):
        cells = [cell.ljust(w) if i < 2 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths, strict=True))]
        lines.append("  ".join(cells))
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)
