"""`python -m bench.statistics [--quick]`: dashboard, report page, PDF and report batch at demo scale.

Runs in a throwaway test database (like `python -m bench`), loaded with the
reference data and every app's demo data at `--scale` (10 by default: ten times
Flanders' libraries, each with six years of invented figures; --quick: scale 1).
Budgets (issue 6): dashboard ≤ 3× the baseline page of the same run, one PDF
≤ 1 s, the batch of ~300 reports ≤ 120 s on two processes. Page times are
medians over repeated requests through the full middleware stack.
"""

import argparse
import io
import logging
import os
import statistics
import sys
import time
import zipfile


def median_ms(action, repeat: int) -> float:
    action()  # warm caches (templates, URL resolver, content types)
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def run(*, scale: int, repeat: int, batch_size: int, workers: int) -> dict:
    from django.urls import reverse

    from apps.registry.models import Library
    from apps.statistics import selectors
    from apps.statistics.tasks import batch_libraries, build_batch_pdfs
    from bench.pages import BASELINE, Page
    from bench.runner import cell_staff_client, load_data, measure_all

    started = time.perf_counter()
    load_data(scale=scale)
    year = selectors.years_with_figures()[-1]
    libraries = batch_libraries(year).count()
    print(f"data: scale {scale}, {Library.objects.count()} libraries, {libraries} with figures in {year}")
    print(f"      (loaded in {time.perf_counter() - started:.0f} s)")
    # A large library in the middle of the list: many comparisons, a full peer group.
    library = batch_libraries(year)[libraries // 2]
    slug = library.organisation.slug
    client = cell_staff_client()
    pages = [
        BASELINE,
        Page("statistiek: dashboard", "statistics:library_dashboard", kwargs={"slug": slug}),
        Page("statistiek: rapport (HTML)", "statistics:library_report", kwargs={"slug": slug}),
    ]
    for page in pages:
        # The first request after loading builds the kept comparisons (see apps.statistics.freshness);
        # time it apart, then measure the pages as they are served while the data does not change.
        started = time.perf_counter()
        client.get(page.url())
        print(f"first request {page.label}: {(time.perf_counter() - started) * 1000:.0f} ms")
    results = measure_all(client, pages, repeat=repeat)
    baseline = results[0].median_ms
    print()
    print(f"{'page':<30} {'median ms':>10} {'× baseline':>11} {'queries':>8}")
    for m in results:
        print(f"{m.page.label:<30} {m.median_ms:10.1f} {m.median_ms / baseline:11.2f} {m.queries:8d}")

    pdf_url = reverse("statistics:library_report_pdf", kwargs={"slug": slug})
    pdf_ms = median_ms(lambda: client.get(pdf_url).content, max(3, repeat // 4))
    print(f"{'statistiek: rapport (PDF)':<30} {pdf_ms:10.1f}")

    count = min(batch_size, libraries)
    started, cpu_started = time.perf_counter(), time.process_time()
    buffer = io.BytesIO()
    first_s = 0.0
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        done = 0
        for name, pdf in build_batch_pdfs(year=year, workers=workers, limit=count):
            archive.writestr(name, pdf)
            done += 1
            if done == 1:
                first_s = time.perf_counter() - started
    batch_s, cpu_s = time.perf_counter() - started, time.process_time() - cpu_started
    assert done == count, (done, count)
    print(
        f"batch: {count} reports of {year} on {workers} processes: {batch_s:.1f} s "
        f"(first after {first_s:.1f} s; parent cpu {cpu_s:.1f} s), zip {len(buffer.getvalue()) / 1024 / 1024:.1f} MB"
    )

    dashboard = results[1].median_ms / baseline
    # Starting the workers (and the first report) is paid once; the rest scales with the number of reports.
    scaled_batch = batch_s if count >= 300 else first_s + (batch_s - first_s) * 299 / max(1, count - 1)
    print()
    print(f"budget dashboard ≤ 3× baseline: {dashboard:.2f}×, {'within' if dashboard <= 3 else 'OVER'}")
    print(f"budget one PDF ≤ 1 s: {pdf_ms / 1000:.2f} s, {'within' if pdf_ms <= 1000 else 'OVER'}")
    print(
        f"budget batch ≤ 120 s for 300 reports: {scaled_batch:.1f} s (scaled from {count}), "
        f"{'within' if scaled_batch <= 120 else 'OVER'}"
    )
    return {
        "baseline_ms": baseline,
        "dashboard_ms": results[1].median_ms,
        "report_ms": results[2].median_ms,
        "pdf_ms": pdf_ms,
        "batch_s": batch_s,
        "batch_reports": count,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.statistics", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="scale 1, fewer repeats, a batch of 20 (CI)")
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--batch", type=int, default=300, help="number of reports in the batch (default 300)")
    parser.add_argument("--workers", type=int, default=2, help="PDF processes of the batch (default 2)")
    args = parser.parse_args(argv)
    scale, repeat, batch = (1, 5, 20) if args.quick else (args.scale, args.repeat, args.batch)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knooppunt.settings")
    import django

    django.setup()
    from django.db import connection

    from bench.environment import throwaway_database

    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    with throwaway_database():
        print(f"Knooppunt statistics bench ({connection.vendor})")
        run(scale=scale, repeat=repeat, batch_size=batch, workers=args.workers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
