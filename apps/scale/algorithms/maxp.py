"""Max-p regionalisation: as many contiguous regions as possible, each above a population floor.

Knooppunt's own heuristic, in three phases repeated from several random starts:

1. **growth** — units that meet the floor alone become regions; then regions
   grow from seeds taken from the edge of what is left (units with few free
   neighbours first, so that fewer pockets are stranded). A growing region
   takes the neighbour that completes it with the least overshoot, or else the
   neighbour it touches most (compact shapes). Units left in pockets that can
   no longer reach the floor join the smallest neighbouring region.
2. **splitting** — a region with at least twice the floor is cut in two when
   both halves stay contiguous and above the floor (more regions).
3. **local search** — border units move from a larger to a smaller
   neighbouring region when both stay above the floor and contiguous; this
   lowers the population spread without changing the number of regions.

The best start (most regions, then smallest spread) wins. The run is
deterministic for a given seed.
"""

import random
from collections import deque
from collections.abc import Sequence

from .common import InfeasibleError, Problem, ProgressCallback, report
from .graph import Graph, components, connected_without
from .metrics import region_populations, spread

UNASSIGNED = -1
ENCLAVE = -2


class _State:
    def __init__(self, graph: Graph, weights: Sequence[float], libraries: Sequence[int], floor: float, min_lib: int):
        self.graph = graph
        self.w = weights
        self.lib = libraries
        self.floor = floor
        self.min_lib = min_lib
        self.labels = [UNASSIGNED] * graph.n
        self.pop: list[float] = []
        self.libs: list[int] = []

    def satisfied(self, pop: float, libs: int) -> bool:
        return pop >= self.floor and libs >= self.min_lib

    def new_region(self, units: Sequence[int]) -> int:
        label = len(self.pop)
        self.pop.append(0)
        self.libs.append(0)
        for u in units:
            self.labels[u] = label
            self.pop[label] += self.w[u]
            self.libs[label] += self.lib[u]
        return label

    def grow(self, start: Sequence[int], free: set[int], rng: random.Random) -> list[int] | None:
        """Grow a region from `start` with units of `free` until it meets the floor; None when stuck."""
        members = list(start)
        inside = set(members)
        pop = sum(self.w[u] for u in members)
        libs = sum(self.lib[u] for u in members)
        links: dict[int, int] = {}
        for u in members:
            for v in self.graph.neighbours[u]:
                if v in free and v not in inside:
                    links[v] = links.get(v, 0) + 1
        while not self.satisfied(pop, libs):
            if not links:
                return None
            candidates = sorted(links)
            completing = [c for c in candidates if self.satisfied(pop + self.w[c], libs + self.lib[c])]
            if completing:
                pick = min(completing, key=lambda c: (self.w[c], rng.random()))
            else:
                pick = max(candidates, key=lambda c: (links[c], rng.random()))
            del links[pick]
            members.append(pick)
            inside.add(pick)
            pop += self.w[pick]
            libs += self.lib[pick]
            for v in self.graph.neighbours[pick]:
                if v in free and v not in inside:
                    links[v] = links.get(v, 0) + 1
        return members


def _construct(state: _State, problem_groups: Sequence[Sequence[int]], rng: random.Random) -> None:
    n = state.graph.n
    labels = state.labels
    for u in sorted(range(n), key=lambda u: -state.w[u]):
        if state.satisfied(state.w[u], state.lib[u]):
            state.new_region([u])
    free = {u for u in range(n) if labels[u] == UNASSIGNED}
    # Today's groups (cooperations) start as regions of their own, grown to the floor if needed.
    for group in problem_groups:
        for part in components(state.graph, [u for u in group if u in free]):
            if not part or any(u not in free for u in part):
                continue
            members = state.grow(part, free, rng)
            if members is not None:
                state.new_region(members)
                free.difference_update(members)
    order = sorted(free, key=lambda u: (sum(1 for v in state.graph.neighbours[u] if v in free), rng.random()))
    for seed in order:
        if seed not in free:
            continue
        members = state.grow([seed], free, rng)
        if members is None:
            # This pocket cannot reach the floor on its own any more.
            for u in components(state.graph, free):
                if seed in u:
                    for v in u:
                        labels[v] = ENCLAVE
                    free.difference_update(u)
                    break
            continue
        state.new_region(members)
        free.difference_update(members)
    _absorb_enclaves(state)


def _absorb_enclaves(state: _State) -> None:
    labels = state.labels
    pending = [u for u in range(state.graph.n) if labels[u] < 0]
    while pending:
        left = []
        for u in pending:
            options = {labels[v] for v in state.graph.neighbours[u] if labels[v] >= 0}
            if not options:
                left.append(u)
                continue
            target = min(options, key=lambda r: (state.pop[r], r))
            labels[u] = target
            state.pop[target] += state.w[u]
            state.libs[target] += state.lib[u]
        if len(left) == len(pending):
            raise InfeasibleError("a connected part of the map cannot reach the floor")
        pending = left


def _split_regions(state: _State, rng: random.Random, tries: int = 6) -> None:
    queue = deque(range(len(state.pop)))
    while queue:
        label = queue.popleft()
        if state.pop[label] < 2 * state.floor or state.libs[label] < 2 * state.min_lib:
            continue
        members = [u for u in range(state.graph.n) if state.labels[u] == label]
        split = _try_split(state, members, rng, tries)
        if split is None:
            continue
        new_label = state.new_region(split)
        state.pop[label] -= state.pop[new_label]
        state.libs[label] -= state.libs[new_label]
        queue.extend([label, new_label])


def _try_split(state: _State, members: list[int], rng: random.Random, tries: int) -> list[int] | None:
    member_set = set(members)
    seeds = sorted(members, key=lambda u: (sum(1 for v in state.graph.neighbours[u] if v in member_set), rng.random()))
    for seed in seeds[:tries]:
        part = state.grow([seed], member_set, rng)
        if part is None:
            continue
        rest = member_set.difference(part)
        pieces = components(state.graph, rest)
        if not pieces:
            continue
        pieces.sort(key=lambda p: -sum(state.w[u] for u in p))
        remainder = pieces[0]
        part = sorted(set(part).union(*[set(p) for p in pieces[1:]]))
        if state.satisfied(
            sum(state.w[u] for u in remainder), sum(state.lib[u] for u in remainder)
        ) and state.satisfied(sum(state.w[u] for u in part), sum(state.lib[u] for u in part)):
            return part
    return None


def _local_search(state: _State, max_passes: int = 30) -> None:
    """Move border units from larger to smaller neighbouring regions (population spread down)."""
    graph, labels, w = state.graph, state.labels, state.w
    for _ in range(max_passes):
        moved = False
        for u in range(graph.n):
            a = labels[u]
            if not state.satisfied(state.pop[a] - w[u], state.libs[a] - state.lib[u]):
                continue
            targets = sorted({labels[v] for v in graph.neighbours[u] if labels[v] != a}, key=lambda r: state.pop[r])
            for b in targets:
                if state.pop[a] - state.pop[b] > w[u] and connected_without(graph, labels, u):
                    labels[u] = b
                    state.pop[a] -= w[u]
                    state.pop[b] += w[u]
                    state.libs[a] -= state.lib[u]
                    state.libs[b] += state.lib[u]
                    moved = True
                    break
        if not moved:
            return


def _relabel(labels: Sequence[int]) -> list[int]:
    """Number regions 0, 1, … in order of their smallest unit, so equal partitions compare equal."""
    mapping: dict[int, int] = {}
    out = []
    for label in labels:
        if label not in mapping:
            mapping[label] = len(mapping)
        out.append(mapping[label])
    return out


def check_feasible(problem: Problem, floor: float, min_libraries: int = 0) -> None:
    graph = problem.working_graph()
    libraries = problem.library_counts()
    for part in components(graph, range(problem.n)):
        if sum(problem.weights[u] for u in part) < floor:
            raise InfeasibleError("part below floor")
        if sum(libraries[u] for u in part) < min_libraries:
            raise InfeasibleError("part below library minimum")


def max_p(
    problem: Problem,
    floor: float,
    *,
    min_libraries: int = 0,
    seed: int = 0,
    iterations: int = 40,
    progress: ProgressCallback | None = None,
) -> list[int]:
    """Region label (0..p−1) per unit; every region contiguous, ≥ floor and ≥ min_libraries."""
    if floor <= 0:
        raise InfeasibleError("the floor must be positive")
    check_feasible(problem, floor, min_libraries)
    graph = problem.working_graph()
    libraries = problem.library_counts()
    rng = random.Random(seed)
    best: tuple[int, float] | None = None
    best_labels: list[int] = []
    for iteration in range(iterations):
        state = _State(graph, problem.weights, libraries, floor, min_libraries)
        _construct(state, problem.initial_groups, rng)
        _split_regions(state, rng)
        _local_search(state, max_passes=3)
        score = (-len(state.pop), spread(state.pop))
        if best is None or score < best:
            best, best_labels = score, list(state.labels)
        report(progress, iteration + 1, iterations + 1)
    state = _State(graph, problem.weights, libraries, floor, min_libraries)
    state.labels = list(best_labels)
    totals = region_populations(best_labels, problem.weights)
    state.pop = [totals[r] for r in range(len(totals))]
    state.libs = [0] * len(totals)
    for u, label in enumerate(best_labels):
        state.libs[label] += libraries[u]
    _local_search(state)
    report(progress, iterations + 1, iterations + 1)
    return _relabel(state.labels)
