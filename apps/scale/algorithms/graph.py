"""The contiguity graph of a territory: units 0..n-1 and who touches whom.

Everything here is plain Python (no Django) so that the algorithms can be
tested on generated maps. A region is contiguous when breadth-first search over
the graph, restricted to the region's own units, reaches all of them.
"""

from collections import deque
from collections.abc import Iterable, Sequence


class Graph:
    """An undirected graph on units 0..n-1, stored as sorted neighbour lists."""

    def __init__(self, n: int, edges: Iterable[tuple[int, int]]) -> None:
        self.n = n
        neighbours: list[set[int]] = [set() for _ in range(n)]
        for a, b in edges:
            if a == b:
                continue
            if not (0 <= a < n and 0 <= b < n):
                raise ValueError(f"edge ({a}, {b}) outside 0..{n - 1}")
            neighbours[a].add(b)
            neighbours[b].add(a)
        self.neighbours: list[list[int]] = [sorted(s) for s in neighbours]

    @classmethod
    def grid(cls, rows: int, cols: int) -> "Graph":
        """A rook-contiguity grid (used by the tests and as an example)."""
        edges = []
        for r in range(rows):
            for c in range(cols):
                i = r * cols + c
                if c + 1 < cols:
                    edges.append((i, i + 1))
                if r + 1 < rows:
                    edges.append((i, i + cols))
        return cls(rows * cols, edges)

    def edges(self) -> list[tuple[int, int]]:
        return [(a, b) for a in range(self.n) for b in self.neighbours[a] if a < b]

    def restricted(self, keep: Sequence[bool]) -> "Graph":
        """The same units, with only the edges whose two ends are both kept and in the same block."""
        return Graph(self.n, [(a, b) for a, b in self.edges() if keep[a] and keep[b]])

    def within_blocks(self, blocks: Sequence[object]) -> "Graph":
        """Only the edges between units of the same block (e.g. the same referentieregio)."""
        return Graph(self.n, [(a, b) for a, b in self.edges() if blocks[a] == blocks[b]])


def components(graph: Graph, nodes: Iterable[int]) -> list[list[int]]:
    """Connected components of the subgraph induced by `nodes`, each sorted, in order of their smallest unit."""
    todo = set(nodes)
    result = []
    for start in sorted(todo):
        if start not in todo:
            continue
        todo.discard(start)
        seen = [start]
        queue = deque([start])
        while queue:
            u = queue.popleft()
            for v in graph.neighbours[u]:
                if v in todo:
                    todo.discard(v)
                    seen.append(v)
                    queue.append(v)
        result.append(sorted(seen))
    return result


def is_connected(graph: Graph, nodes: Iterable[int]) -> bool:
    """True when the units form one contiguous region (BFS over the graph restricted to them)."""
    nodes = list(nodes)
    if not nodes:
        return False
    return len(components(graph, nodes)) == 1


def connected_without(graph: Graph, labels: Sequence[int], unit: int) -> bool:
    """Would the region of `unit` stay contiguous (and non-empty) if `unit` left it?"""
    region = labels[unit]
    inside = [v for v in graph.neighbours[unit] if labels[v] == region]
    if not inside:
        return False  # the unit is the whole region (or an island in it): leaving would empty or break it
    if len(inside) == 1:
        return True  # a leaf of the region: removing it cannot disconnect the rest
    targets = set(inside)
    start = inside[0]
    targets.discard(start)
    seen = {start, unit}
    queue = deque([start])
    while queue and targets:
        u = queue.popleft()
        for v in graph.neighbours[u]:
            if v not in seen and labels[v] == region:
                seen.add(v)
                targets.discard(v)
                queue.append(v)
    return not targets


def regions_of(labels: Sequence[int]) -> dict[int, list[int]]:
    """Units per region label (label -1 = unassigned is left out)."""
    regions: dict[int, list[int]] = {}
    for unit, label in enumerate(labels):
        if label >= 0:
            regions.setdefault(label, []).append(unit)
    return regions


def all_contiguous(graph: Graph, labels: Sequence[int]) -> bool:
    return all(is_connected(graph, units) for units in regions_of(labels).values())
