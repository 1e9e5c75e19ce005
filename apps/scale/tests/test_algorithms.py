"""Pure algorithm tests on generated grid maps (hypothesis) — no database."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from apps.scale.algorithms import (
    Graph,
    InfeasibleError,
    Problem,
    all_contiguous,
    balanced,
    max_p,
    region_populations,
    spread,
    spread_lower_bound,
)
from apps.scale.algorithms.balanced import allocate
from apps.scale.algorithms.graph import connected_without

pytestmark = pytest.mark.sqlite_only


@st.composite
def grid_maps(draw):
    rows = draw(st.integers(2, 7))
    cols = draw(st.integers(2, 7))
    weights = draw(st.lists(st.integers(1, 1000), min_size=rows * cols, max_size=rows * cols))
    return Graph.grid(rows, cols), weights


@given(grid_maps(), st.integers(1, 3000), st.integers(0, 10_000))
def test_max_p_regions_are_contiguous_and_above_the_floor(grid, floor, seed):
    graph, weights = grid
    floor = min(floor, sum(weights))
    labels = max_p(Problem(graph, weights), floor, seed=seed, iterations=5)
    assert all(label >= 0 for label in labels)
    assert all_contiguous(graph, labels)
    assert min(region_populations(labels, weights).values()) >= floor


@given(grid_maps(), st.integers(1, 3), st.integers(0, 10_000))
def test_max_p_meets_a_library_minimum(grid, min_libraries, seed):
    graph, weights = grid
    libraries = [1 if w % 3 == 0 else 0 for w in weights]
    if sum(libraries) < min_libraries:
        with pytest.raises(InfeasibleError):
            max_p(Problem(graph, weights, libraries=libraries), 1, min_libraries=min_libraries, seed=seed)
        return
    labels = max_p(
        Problem(graph, weights, libraries=libraries), 1, min_libraries=min_libraries, seed=seed, iterations=3
    )
    counts: dict[int, int] = {}
    for unit, label in enumerate(labels):
        counts[label] = counts.get(label, 0) + libraries[unit]
    assert min(counts.values()) >= min_libraries
    assert all_contiguous(graph, labels)


@given(grid_maps(), st.integers(1, 8), st.integers(0, 10_000))
def test_balanced_gives_exactly_k_contiguous_regions(grid, k, seed):
    graph, weights = grid
    k = min(k, graph.n)
    labels = balanced(Problem(graph, weights), k, seed=seed, restarts=2, moves=2000)
    assert sorted(set(labels)) == list(range(k))
    assert all_contiguous(graph, labels)
    assert spread(list(region_populations(labels, weights).values())) >= spread_lower_bound(weights, k) - 1e-9


@given(grid_maps(), st.integers(0, 10_000))
def test_blocks_are_respected(grid, seed):
    graph, weights = grid
    blocks = [unit % graph.n // max(1, graph.n // 2) for unit in range(graph.n)]  # two halves
    problem = Problem(graph, weights, blocks=blocks)
    labels = max_p(problem, 1, seed=seed, iterations=2)
    regions: dict[int, set] = {}
    for unit, label in enumerate(labels):
        regions.setdefault(label, set()).add(blocks[unit])
    assert all(len(b) == 1 for b in regions.values())
    assert all_contiguous(problem.working_graph(), labels)


def test_same_seed_same_result():
    graph = Graph.grid(8, 8)
    weights = [(i * 37) % 101 + 1 for i in range(64)]
    problem = Problem(graph, weights)
    assert max_p(problem, 300, seed=7) == max_p(problem, 300, seed=7)
    assert balanced(problem, 5, seed=7) == balanced(problem, 5, seed=7)


def test_balanced_reaches_a_tight_spread_on_a_uniform_grid():
    graph = Graph.grid(6, 6)
    labels = balanced(Problem(graph, [10] * 36), 4, max_spread=0.0, seed=1)
    assert spread(list(region_populations(labels, [10] * 36).values())) == 0


def test_floor_above_total_is_infeasible():
    with pytest.raises(InfeasibleError):
        max_p(Problem(Graph.grid(2, 2), [1, 1, 1, 1]), 5)


def test_lower_bound_of_one_big_unit():
    # total 100, k = 2: the unit of 70 cannot be split → regions 70 and 30 → spread 40/50.
    assert spread_lower_bound([70, 10, 10, 10], 2) == pytest.approx(0.8)
    assert spread_lower_bound([25, 25, 25, 25], 2) == 0


def test_connected_without_detects_a_cut_vertex():
    graph = Graph(3, [(0, 1), (1, 2)])
    assert not connected_without(graph, [0, 0, 0], 1)
    assert connected_without(graph, [0, 0, 0], 0)


def test_allocate_follows_population():
    assert allocate([300, 100], [10, 10], 4) == [3, 1]
    with pytest.raises(InfeasibleError):
        allocate([1, 1, 1], [1, 1, 1], 2)
