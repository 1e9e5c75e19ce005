"""`python -m bench.imports [--quick] [--rows N]`: dry-run and commit of a libraries CSV, with rows/s and peak memory.

Runs in a throwaway test database (like `python -m bench`). The file has N new
libraries (10,000 by default; 200 with --quick) on 300 municipalities, written
the way Excel writes CSV (semicolons, Windows-1252). Budget (DESIGN §8): dry run
and commit each ≤ 10 s for 10,000 rows. Peak memory is measured with tracemalloc.
"""

import argparse
import io
import os
import sys
import time
import tracemalloc


def make_file(rows: int, codes: list[str]) -> bytes:
    from apps.imports.tests.conftest import make_csv

    header = [
        "Naam",
        "Korte naam",
        "Status",
        "NIS-code",
        "Bestuursvorm",
        "Wettelijke bibliotheek",
        "Opgericht in",
        "Website",
    ]
    body = [
        [
            f"Bibliotheek Bench {n} — Coördinatie",
            f"bench-{n}",
            "Actief",
            codes[n % len(codes)],
            "Gemeentelijk",
            "ja" if n % 3 else "nee",
            str(1950 + n % 70),
            f"https://bib{n}.example.be",
        ]
        for n in range(rows)
    ]
    return make_csv(header, body, delimiter=";", encoding="cp1252")


def timed(label: str, rows: int, action):
    """Wall time, and the process's CPU time (the fairer figure on a machine that is busy with other work)."""
    started, cpu_started = time.perf_counter(), time.process_time()
    result = action()
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    print(f"{label:<22} {elapsed:7.2f} s  (cpu {cpu:6.2f} s)  {rows / elapsed:7.0f} rows/s  {result.counts}")
    return result, (elapsed, cpu)


def peak_memory(action) -> float:
    """Peak Python memory (MB) of one run, with tracemalloc (which slows it down, so it is not timed)."""
    tracemalloc.start()
    action()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1024 / 1024


def run(rows: int) -> dict:
    from apps.accounts.models import role_group
    from apps.accounts.roles import Role
    from apps.imports.engine import get_definition, run_import
    from apps.registry.tests.factories import TerritorialUnitFactory, UserFactory

    units = [TerritorialUnitFactory(code=f"98{n:03d}") for n in range(300)]
    actor = UserFactory(username="bench-cel")
    actor.groups.add(role_group(Role.CELL_STAFF))
    data = make_file(rows, [unit.code for unit in units])
    definition = get_definition("libraries")

    def go(commit: bool):
        return run_import(
            definition=definition, fileobj=io.BytesIO(data), filename="bench.csv", actor=actor, commit=commit
        )

    print(f"file: {len(data) / 1024 / 1024:.1f} MB, {rows} rows")
    dry, dry_s = timed("dry-run (create)", rows, lambda: go(False))
    assert not dry.errors, dry.errors[:3]
    commit, commit_s = timed("commit (create)", rows, lambda: go(True))
    assert commit.committed
    again, again_s = timed("dry-run (unchanged)", rows, lambda: go(False))
    assert again.counts["unchanged"] == rows
    if rows >= 10_000:
        for kind, index in (("wall", 0), ("cpu", 1)):
            worst = max(dry_s[index], commit_s[index]) * 10_000 / rows
            verdict = "within" if worst <= 10 else "OVER"
            print(f"budget 10 s per 10,000 rows ({kind}): {worst:.1f} s, {verdict}")
    else:
        # Scaling a small file up would count its fixed costs (lookups, the transaction) 50 times over.
        print("budget 10 s per 10,000 rows: judged only on a full run (python -m bench.imports)")
    print(f"peak memory of a dry run (tracemalloc): {peak_memory(lambda: go(False)):.1f} MB")
    return {"dry_run_s": dry_s, "commit_s": commit_s, "unchanged_s": again_s}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.imports", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="200 rows (CI: keeps the bench alive)")
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args(argv)
    rows = 200 if args.quick else args.rows

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knooppunt.settings")
    import django

    django.setup()
    from django.db import connection

    from bench.environment import throwaway_database

    with throwaway_database():
        print(f"Knooppunt import bench ({connection.vendor}, libraries)")
        run(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
