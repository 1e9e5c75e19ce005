"""Pure regionalisation algorithms (no Django): graph, max-p, balanced mode, metrics."""

from .balanced import balanced
from .common import METHOD_VERSION, InfeasibleError, Problem
from .graph import Graph, all_contiguous, components, is_connected, regions_of
from .maxp import max_p
from .metrics import polsby_popper, region_populations, spread, spread_lower_bound, summarise

__all__ = [
    "METHOD_VERSION",
    "Graph",
    "InfeasibleError",
    "Problem",
    "all_contiguous",
    "balanced",
    "components",
    "is_connected",
    "max_p",
    "polsby_popper",
    "region_populations",
    "regions_of",
    "spread",
    "spread_lower_bound",
    "summarise",
]
