"""Balanced mode: exactly k contiguous regions with populations as equal as the map allows.

spopt's region-k-means and AZP do not bound the population spread. Here:

1. **allocation** — with blocks (referentieregio borders) or a map in several
   pieces, each connected piece gets regions in proportion to its population
   (highest average first, as in the D'Hondt method), at least one each.
2. **start** — per piece, seeds far apart on the graph (the largest unit
   first); the smallest region keeps taking the free neighbour it touches
   most, until every unit is placed. Today's cooperations may serve as seeds.
3. **repair by local search** — simulated annealing on the sum of squared
   deviations from the mean: a border unit moves to a neighbouring region when
   its own region stays contiguous (BFS); the best partition by spread is kept.
4. **polish** — single moves and pair swaps that lower the spread itself.

Restarts run until the target spread (or the map's own lower bound) is met.
The run is deterministic for a given seed: budgets are counted in moves, not seconds.
"""

import math
import random
from collections.abc import Sequence

from .common import InfeasibleError, Problem, ProgressCallback, report
from .graph import Graph, components, connected_without
from .metrics import spread, spread_lower_bound


def allocate(part_weights: Sequence[float], part_sizes: Sequence[int], k: int) -> list[int]:
    """Regions per connected piece: one each, then by highest population per region (D'Hondt)."""
    if k < len(part_weights):
        raise InfeasibleError("fewer regions than separate pieces of the map")
    if k > sum(part_sizes):
        raise InfeasibleError("more regions than units")
    seats = [1] * len(part_weights)
    for _ in range(k - len(part_weights)):
        options = [i for i in range(len(seats)) if seats[i] < part_sizes[i]]
        best = max(options, key=lambda i: (part_weights[i] / seats[i], -i))
        seats[best] += 1
    return seats


def _bfs_distances(graph: Graph, sources: Sequence[int], allowed: set[int]) -> dict[int, int]:
    dist = dict.fromkeys(sources, 0)
    frontier = list(sources)
    while frontier:
        nxt = []
        for u in frontier:
            for v in graph.neighbours[u]:
                if v in allowed and v not in dist:
                    dist[v] = dist[u] + 1
                    nxt.append(v)
        frontier = nxt
    return dist


class _Partition:
    def __init__(self, graph: Graph, weights: Sequence[float], k: int) -> None:
        self.graph = graph
        self.w = weights
        self.labels = [-1] * graph.n
        self.pop = [0.0] * k
        self.size = [0] * k

    def put(self, unit: int, label: int) -> None:
        self.labels[unit] = label
        self.pop[label] += self.w[unit]
        self.size[label] += 1

    def move(self, unit: int, label: int) -> None:
        old = self.labels[unit]
        self.pop[old] -= self.w[unit]
        self.size[old] -= 1
        self.put(unit, label)


def _start(
    partition: _Partition, part: list[int], regions: list[int], groups: Sequence[Sequence[int]], rng: random.Random
) -> None:
    """Seed `regions` inside the connected piece `part` and grow them until every unit is placed."""
    graph, w = partition.graph, partition.w
    allowed = set(part)
    seeds: list[list[int]] = []
    for group in sorted(groups, key=lambda g: -sum(w[u] for u in g)):
        if len(seeds) == len(regions):
            break
        members = [u for u in group if u in allowed and partition.labels[u] == -1]
        for piece in components(graph, members):
            if len(seeds) < len(regions) and all(partition.labels[u] == -1 for u in piece):
                seeds.append(piece)
                for u in piece:
                    partition.labels[u] = -2  # reserved for this seed
    taken = {u for s in seeds for u in s}
    if not seeds:
        first = max(part, key=lambda u: (w[u], rng.random()))
        seeds.append([first])
        taken.add(first)
    while len(seeds) < len(regions):
        dist = _bfs_distances(graph, sorted(taken), allowed)
        far = max((u for u in part if u not in taken), key=lambda u: (dist.get(u, 0), rng.random()))
        seeds.append([far])
        taken.add(far)
    for label, members in zip(regions, seeds, strict=True):
        for u in members:
            partition.labels[u] = -1
            partition.put(u, label)
    free = {u for u in part if partition.labels[u] == -1}
    while free:
        grew = False
        for label in sorted(regions, key=lambda r: (partition.pop[r], r)):
            links: dict[int, int] = {}
            for u in part:
                if partition.labels[u] == label:
                    for v in graph.neighbours[u]:
                        if v in free:
                            links[v] = links.get(v, 0) + 1
            if links:
                pick = max(sorted(links), key=lambda v: (links[v], -w[v], rng.random()))
                partition.put(pick, label)
                free.discard(pick)
                grew = True
                break
        if not grew:
            raise InfeasibleError("a region cannot reach the rest of its piece")


def _anneal(partition: _Partition, mean: float, moves: int, rng: random.Random, target: float, floor_spread: float):
    graph, w, labels, pop = partition.graph, partition.w, partition.labels, partition.pop
    n = graph.n
    scale = mean * mean
    t0, t_end = 0.02, 1e-6
    best_spread = spread(pop)
    best_labels = list(labels)
    for step in range(moves):
        temperature = t0 * (t_end / t0) ** (step / moves)
        u = rng.randrange(n)
        a = labels[u]
        neighbours = graph.neighbours[u]
        if not neighbours:
            continue
        b = labels[neighbours[rng.randrange(len(neighbours))]]
        if b == a or partition.size[a] == 1:
            continue
        delta = 2 * w[u] * (pop[b] - pop[a] + w[u]) / scale
        if delta > 0 and rng.random() >= math.exp(-delta / temperature):
            continue
        if not connected_without(graph, labels, u):
            continue
        partition.move(u, b)
        current = (max(pop) - min(pop)) / mean
        if current < best_spread - 1e-12:
            best_spread = current
            best_labels = list(labels)
            if best_spread <= max(target, floor_spread + 1e-9):
                break
    return best_spread, best_labels


def _polish(partition: _Partition, mean: float, max_rounds: int = 200) -> None:
    """Greedy moves and swaps that lower (spread, sum of squares) until none is left."""
    graph, w, labels, pop = partition.graph, partition.w, partition.labels, partition.pop

    def score() -> tuple[float, float]:
        return ((max(pop) - min(pop)) / mean, sum((p - mean) ** 2 for p in pop) / (mean * mean))

    current = score()
    for _ in range(max_rounds):
        improved = False
        for u in range(graph.n):
            a = labels[u]
            if partition.size[a] == 1:
                continue
            for b in sorted({labels[v] for v in graph.neighbours[u]} - {a}):
                pop[a] -= w[u]
                pop[b] += w[u]
                candidate = score()
                pop[a] += w[u]
                pop[b] -= w[u]
                if candidate < current and connected_without(graph, labels, u):
                    partition.move(u, b)
                    current = candidate
                    improved = True
                    break
        if not improved:
            improved = _polish_swaps(partition, mean, score, current)
            if not improved:
                return
            current = score()


def _polish_swaps(partition: _Partition, mean: float, score, current) -> bool:
    """Swap two border units of neighbouring regions when that lowers the score."""
    graph, w, labels, pop = partition.graph, partition.w, partition.labels, partition.pop
    for u in range(graph.n):
        a = labels[u]
        for v in graph.neighbours[u]:
            b = labels[v]
            if b == a or u > v:
                continue
            for x in range(graph.n):
                if labels[x] != b or x == v or w[x] == w[u]:
                    continue
                if not any(labels[y] == a for y in graph.neighbours[x]):
                    continue
                # u goes to b, x goes to a.
                change = w[x] - w[u]
                pop[a] += change
                pop[b] -= change
                candidate = score()
                pop[a] -= change
                pop[b] += change
                if candidate >= current:
                    continue
                before = list(labels)
                partition.move(u, b)
                partition.move(x, a)
                members_a = [i for i in range(graph.n) if labels[i] == a]
                members_b = [i for i in range(graph.n) if labels[i] == b]
                if len(components(graph, members_a)) == 1 and len(components(graph, members_b)) == 1:
                    return True
                partition.move(u, before[u])
                partition.move(x, before[x])
    return False


def balanced(
    problem: Problem,
    k: int,
    *,
    max_spread: float = 0.02,
    seed: int = 0,
    restarts: int = 6,
    moves: int = 40000,
    progress: ProgressCallback | None = None,
) -> list[int]:
    """Region label (0..k−1) per unit; every region contiguous; spread as low as the search reaches."""
    graph = problem.working_graph()
    w = problem.weights
    if k < 1:
        raise InfeasibleError("at least one region")
    pieces = components(graph, range(problem.n))
    seats = allocate([sum(w[u] for u in p) for p in pieces], [len(p) for p in pieces], k)
    mean = sum(w) / k
    floor_spread = spread_lower_bound(w, k) if len(pieces) == 1 else 0.0
    rng = random.Random(seed)
    best: tuple[float, list[int]] | None = None
    for restart in range(restarts):
        partition = _Partition(graph, w, k)
        label = 0
        for part, count in zip(pieces, seats, strict=True):
            _start(partition, part, list(range(label, label + count)), problem.initial_groups, rng)
            label += count
        found, labels = _anneal(partition, mean, moves, rng, max_spread, floor_spread)
        partition = _Partition(graph, w, k)
        for u, region in enumerate(labels):
            partition.put(u, region)
        _polish(partition, mean)
        found = spread(partition.pop)
        if best is None or found < best[0]:
            best = (found, list(partition.labels))
        report(progress, restart + 1, restarts)
        if best[0] <= max(max_spread, floor_spread + 1e-9):
            break
    assert best is not None
    mapping: dict[int, int] = {}
    return [mapping.setdefault(label, len(mapping)) for label in best[1]]
