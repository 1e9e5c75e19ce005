"""`python -m bench [--quick | --scale N] [--repeat N]`: page timings against the baseline page.

Runs in a throwaway test database (in-memory SQLite by default, or a fresh
test_<name> database on PostgreSQL when DATABASE_URL points there), so it never
touches the development data.
"""

import argparse
import os
import sys
import time


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny data and few requests (CI: keeps the bench alive)")
    parser.add_argument("--scale", type=int, default=10, help="demo data scale (default 10: ten times Flanders)")
    parser.add_argument("--repeat", type=int, default=30, help="requests per page (default 30)")
    args = parser.parse_args(argv)
    scale, repeat = (1, 3) if args.quick else (args.scale, args.repeat)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knooppunt.settings")
    import django

    django.setup()
    from django.db import connection

    from bench.environment import throwaway_database
    from bench.runner import format_table, run

    with throwaway_database():
        started = time.perf_counter()
        results = run(scale=scale, repeat=repeat)
        elapsed = time.perf_counter() - started
    mode = "quick" if args.quick else f"scale {scale}"
    print(f"Knooppunt page bench ({mode}, median of {repeat} requests, {connection.vendor})")
    print(format_table(results))
    print(
        "built: the page cache off, every request builds the page; cached: the page cache on,"
        " as a repeat visit gets it while the data has not changed (apps.core.page_cache)."
    )
    print(f"({elapsed:.1f} s including data load)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
