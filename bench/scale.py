"""Regionalisation bench: spopt's max-p (defaults) against Knooppunt's, and the balanced mode.

    python -m bench.scale          # the full run on the 285 Flemish municipalities (2025)
    python -m bench.scale --quick  # CI: one province for max-p, fewer balanced runs (< 30 s)

Reads the registry's reference data files directly (apps/registry/data: the
same municipalities, 2020 populations and rook adjacency that
`load_reference_data` loads, plus the declared Voeren–Riemst link), so it needs
no database. Prints, in one run: regions found, population spread and time for
both max-p implementations on the same floor; and for the balanced mode per
province (k = population / 250,000, rounded) and for Flanders with k = 15: the
spread reached, the map's own lower bound and the time.
"""

import argparse
import csv
import sys
import time
import warnings
from pathlib import Path

from apps.scale.algorithms import (
    Graph,
    Problem,
    all_contiguous,
    balanced,
    max_p,
    region_populations,
    spread,
    spread_lower_bound,
)

DATA = Path(__file__).resolve().parent.parent / "apps" / "registry" / "data"
DECLARED_LINKS = [("73066", "73109")]  # Riemst – Voeren: Voeren has no Flemish neighbour


def load(province: str | None = None) -> tuple[list[dict], Graph, list[int]]:
    with open(DATA / "municipalities.csv", encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["region"] == "Vlaams Gewest"]
    if province:
        rows = [r for r in rows if r["province"] == province]
    index = {r["nis_code"]: i for i, r in enumerate(rows)}
    with open(DATA / "adjacency.csv", encoding="utf-8") as handle:
        pairs = [(a["nis_a"], a["nis_b"]) for a in csv.DictReader(handle) if a["contiguity"] == "rook"]
    pairs += DECLARED_LINKS
    edges = [(index[a], index[b]) for a, b in pairs if a in index and b in index]
    return rows, Graph(len(rows), edges), [int(r["population"]) for r in rows]


def _pct(value: float) -> str:
    return f"{100 * value:6.1f} %"


def bench_max_p(graph: Graph, weights: list[int], floor: int, label: str) -> None:
    import numpy as np
    import pandas as pd
    from libpysal.weights import W
    from spopt.region import MaxPHeuristic

    started = time.perf_counter()
    labels = max_p(Problem(graph, weights), floor, seed=1)
    ours_time = time.perf_counter() - started
    ours = list(region_populations(labels, weights).values())
    assert all_contiguous(graph, labels) and min(ours) >= floor

    neighbours = {i: list(graph.neighbours[i]) for i in range(graph.n)}
    frame = pd.DataFrame({"population": weights, "attribute": weights})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        np.random.seed(1)
        started = time.perf_counter()
        model = MaxPHeuristic(
            frame, W(neighbours, silence_warnings=True), ["attribute"], "population", floor
        )  # spopt's defaults: top_n=2, 99 construction iterations, 10 SA iterations
        model.solve()
        spopt_time = time.perf_counter() - started
    spopt_pops = list(region_populations([int(label) for label in model.labels_], weights).values())
    print(f"\nmax-p on {label}, floor {floor:,} inhabitants ({graph.n} municipalities)")
    print(f"  {'method':<28}{'regions':>8}{'spread':>10}{'time':>10}")
    print(f"  {'spopt MaxPHeuristic (defaults)':<28}{model.p:>8}{_pct(spread(spopt_pops)):>10}{spopt_time:>9.2f}s")
    print(f"  {'Knooppunt max_p':<28}{len(ours):>8}{_pct(spread(ours)):>10}{ours_time:>9.2f}s")


def bench_balanced(graph: Graph, weights: list[int], k: int, label: str) -> None:
    started = time.perf_counter()
    labels = balanced(Problem(graph, weights), k, max_spread=0.02, seed=1)
    elapsed = time.perf_counter() - started
    assert all_contiguous(graph, labels) and len(set(labels)) == k
    reached = spread(list(region_populations(labels, weights).values()))
    bound = spread_lower_bound(weights, k)
    print(f"  {label:<18}{k:>4}{_pct(reached):>11}{_pct(bound):>13}{elapsed:>9.2f}s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small run for CI")
    parser.add_argument("--floor", type=int, default=50000)
    args = parser.parse_args(argv)

    provinces = ["Antwerpen", "Limburg", "Oost-Vlaanderen", "Vlaams-Brabant", "West-Vlaanderen"]
    if args.quick:
        _rows, graph, weights = load("Limburg")
        bench_max_p(graph, weights, args.floor, "Limburg")
    else:
        _rows, graph, weights = load()
        bench_max_p(graph, weights, args.floor, "Flanders")

    print("\nbalanced mode (target spread 2 %)")
    print(f"  {'territory':<18}{'k':>4}{'spread':>11}{'lower bound':>13}{'time':>10}")
    for province in provinces[:2] if args.quick else provinces:
        _rows, graph, weights = load(province)
        bench_balanced(graph, weights, round(sum(weights) / 250_000), province)
    if not args.quick:
        _rows, graph, weights = load()
        bench_balanced(graph, weights, 15, "Flanders")
    return 0


if __name__ == "__main__":
    sys.exit(main())
