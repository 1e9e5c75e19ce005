"""What max-p and the balanced mode share: the problem, progress reporting, errors."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .graph import Graph

# Called as progress(done, total); may raise to stop the run (e.g. when the user cancels).
ProgressCallback = Callable[[int, int], None]

METHOD_VERSION = "knooppunt-scale 1.0"


class InfeasibleError(ValueError):
    """The parameters ask for something the map cannot give (e.g. a floor above a connected part's population)."""


@dataclass
class Problem:
    """A territory as the algorithms see it: a graph, a weight per unit, and optional extras.

    `libraries` counts libraries per unit (for a minimum per region); `blocks`
    names the block of each unit (e.g. its referentieregio) when regions must
    stay inside blocks; `initial_groups` lists groups of units that should
    start together (e.g. today's cooperations).
    """

    graph: Graph
    weights: Sequence[float]
    libraries: Sequence[int] | None = None
    blocks: Sequence[object] | None = None
    initial_groups: Sequence[Sequence[int]] = field(default_factory=list)

    @property
    def n(self) -> int:
        return self.graph.n

    def working_graph(self) -> Graph:
        """The graph the regions are built on: cut at block borders when blocks are given."""
        return self.graph.within_blocks(self.blocks) if self.blocks is not None else self.graph

    def library_counts(self) -> Sequence[int]:
        return self.libraries if self.libraries is not None else [0] * self.n


def report(progress: ProgressCallback | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)
