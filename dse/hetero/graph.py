"""The computation graph of a network, its branches and its parallel-branch groups (the seed's definitions).

- The graph's nodes are the layers and the non-layer nodes (pooling, concatenation, addition, ...) named in
  ``Network.edges``; a network without edges is a chain of its layers.
- A **branch** is a chain of sequential nodes (each with one input and one output) that starts at a successor of
  a fork node (more than one output) and ends just before a join node (more than one input); a path that reaches a
  second fork before any join is not a branch, nor is a direct fork-to-join edge (it holds no node).
- A **parallel-branch group** is the set (two or more) of branches with the same fork and the same join node.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from npu_dse.cost_models.errors import WorkloadError
from npu_dse.cost_models.workload import Network


@dataclass(frozen=True)
class Graph:
    """Nodes in topological order with their predecessors and successors (names)."""

    nodes: tuple[str, ...]
    preds: dict[str, tuple[str, ...]]
    succs: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class Group:
    """A parallel-branch group: ``branches`` (each a tuple of node names, in order) from ``fork`` to ``join``."""

    fork: str
    join: str
    branches: tuple[tuple[str, ...], ...]


def build_graph(network: Network) -> Graph:
    """The graph of ``network`` (a chain of its layers when it has no edges).

    Raises:
        WorkloadError: the edges hold a cycle (names a node on it).
    """
    if network.edges:
        edges = list(dict.fromkeys(network.edges))
    else:
        names = [layer.name for layer in network.layers]
        edges = list(zip(names, names[1:]))
    succs: dict[str, list[str]] = defaultdict(list)
    preds: dict[str, list[str]] = defaultdict(list)
    order: list[str] = []
    for layer in network.layers:
        order.append(layer.name)
    for a, b in edges:
        succs[a].append(b)
        preds[b].append(a)
        order += [a, b]
    nodes = list(dict.fromkeys(order))
    indeg = {n: len(preds[n]) for n in nodes}
    ready = [n for n in nodes if indeg[n] == 0]
    topo: list[str] = []
    while ready:
        n = ready.pop(0)
        topo.append(n)
        for s in succs[n]:
            indeg[s] -= 1
            if indeg[s] == 0:
                ready.append(s)
    if len(topo) != len(nodes):
        stuck = next(n for n in nodes if indeg[n] > 0)
        raise WorkloadError(f"network {network.name!r}: the graph has a cycle through node {stuck!r}")
    return Graph(tuple(topo), {n: tuple(preds[n]) for n in topo}, {n: tuple(succs[n]) for n in topo})


def parallel_groups(graph: Graph) -> list[Group]:
    """Every parallel-branch group of ``graph``, in topological order of their forks (module docstring)."""
    groups: list[Group] = []
    for fork in graph.nodes:
        if len(graph.succs[fork]) < 2:
            continue
        by_join: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for start in graph.succs[fork]:
            chain: list[str] = []
            node = start
            while len(graph.preds[node]) == 1 and len(graph.succs[node]) == 1:
                chain.append(node)
                node = graph.succs[node][0]
            if len(graph.preds[node]) > 1 and chain:  # reached a join with at least one node on the way
                by_join[node].append(tuple(chain))
        for join, branches in by_join.items():
            if len(branches) >= 2:
                groups.append(Group(fork, join, tuple(branches)))
    return groups


__all__ = ["Graph", "Group", "build_graph", "parallel_groups"]
