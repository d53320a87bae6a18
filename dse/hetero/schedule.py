"""Placement and branch-parallel scheduling on a CPU and an NPU (the seed's method, NEST-C's partitioner).

1. **Sequential placement.** Every node runs on the unit where it is fastest, counting the transfer of its input
   when the unit changes: a dynamic programme along the topological order (a chain, as NEST-C partitions), units
   CPU and NPU. Nodes the NPU cannot run stay on the CPU. Its total is the sequential latency.
2. **Branch-parallel groups.** For each parallel-branch group, every assignment of its branches to the units is
   tried (:func:`best_assignment`: exact enumeration); a branch runs whole on its unit, the makespan is the
   busiest unit's sum plus one synchronisation and the transfers at fork and join when more than one unit is
   used. The group runs in parallel only if that beats its sequential time.
3. The branch-parallel latency is the sequential one less each parallel group's saving.

Baselines for comparison: all-sequential, and greedy longest-processing-time assignment (:func:`greedy_lpt`).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
import numpy as np

from npu_dse.cost_models.errors import HardwareError
from npu_dse.cost_models.workload import Network
from npu_dse.hetero.graph import Graph, build_graph, parallel_groups
from npu_dse.hetero.units import SYNC_US, TRANSFER_GB_S, CpuRoofline, Npu

UNITS: tuple[str, ...] = ("cpu", "npu")
MAX_ENUMERATION = 1 << 16
"""The most assignments :func:`best_assignment` enumerates (8 branches on 4 units)."""


def best_assignment(times: np.ndarray, sync_ms: float = 0.0) -> tuple[tuple[int, ...], float]:
    """The assignment of branches to units with the smallest makespan, by enumeration (exact).

    Args:
        times: shape ``(branches, units)``, milliseconds of each branch on each unit (``inf``: cannot run there).
        sync_ms: added once when more than one unit is used.

    Returns:
        (unit index per branch, makespan in ms); ties go to the lexicographically first assignment.

    Raises:
        HardwareError: more than :data:`MAX_ENUMERATION` assignments, or no feasible assignment.
    """
    b, u = times.shape
    if u ** b > MAX_ENUMERATION:
        raise HardwareError(f"{b} branches on {u} units are {u ** b} assignments; at most {MAX_ENUMERATION} are "
                            "enumerated")
    best: tuple[tuple[int, ...], float] | None = None
    for assign in itertools.product(range(u), repeat=b):
        load = np.zeros(u)
        for i, k in enumerate(assign):
            load[k] += times[i, k]
        span = float(load.max()) + (sync_ms if len(set(assign)) > 1 else 0.0)
        if math.isfinite(span) and (best is None or span < best[1]):
            best = (assign, span)
    if best is None:
        raise HardwareError("no unit can run every branch of the group")
    return best


def greedy_lpt(times: np.ndarray, sync_ms: float = 0.0) -> tuple[tuple[int, ...], float]:
    """Greedy longest-processing-time baseline: the longest branch first, each to the unit that finishes it first."""
    b, u = times.shape
    load = np.zeros(u)
    assign = [0] * b
    for i in sorted(range(b), key=lambda i: -float(np.min(times[i]))):
        k = int(np.argmin(load + times[i]))
        assign[i] = k
        load[k] += times[i, k]
    span = float(load.max()) + (sync_ms if len(set(assign)) > 1 else 0.0)
    return tuple(assign), span


@dataclass
class GroupResult:
    """One parallel-branch group: its branches, their time on each unit, the chosen assignment and the outcome."""

    fork: str
    join: str
    branches: list[list[str]]
    branch_ms: list[dict[str, float]]
    assignment: list[str]
    sequential_ms: float
    parallel_ms: float
    parallel: bool
    greedy_ms: float


@dataclass
class HeteroResult:
    """Sequential and branch-parallel latency of a network on a CPU and an NPU."""

    network: str
    cpu: str
    npu: str
    placement: dict[str, str]
    node_ms: dict[str, dict[str, float]]
    sequential_ms: float
    branch_parallel_ms: float
    groups: list[GroupResult] = field(default_factory=list)

    @property
    def groups_found(self) -> int:
        return len(self.groups)

    @property
    def groups_parallel(self) -> int:
        return sum(g.parallel for g in self.groups)

    def to_dict(self) -> dict:
        """The JSON document of ``dse hetero --json``."""
        return {
            "network": self.network, "cpu": self.cpu, "npu": self.npu,
            "groups_found": self.groups_found, "groups_parallel": self.groups_parallel,
            "sequential_ms": self.sequential_ms, "branch_parallel_ms": self.branch_parallel_ms,
            "gain": 1.0 - self.branch_parallel_ms / self.sequential_ms if self.sequential_ms else 0.0,
            "groups": [{"fork": g.fork, "join": g.join, "branches": g.branches, "branch_ms": g.branch_ms,
                        "assignment": g.assignment, "sequential_ms": g.sequential_ms, "parallel_ms": g.parallel_ms,
                        "greedy_ms": g.greedy_ms, "parallel": g.parallel} for g in self.groups],
            "placement": self.placement,
        }


def node_times(network: Network, graph: Graph, cpu: CpuRoofline, npu: Npu) -> dict[str, dict[str, float]]:
    """Milliseconds of every node on every unit (``inf`` where a unit cannot run it)."""
    layers = {layer.name: layer for layer in network.layers}
    out = {}
    for n in graph.nodes:
        if n in layers:
            out[n] = {"cpu": cpu.layer_ms(layers[n]), "npu": npu.layer_ms(layers[n])}
        else:
            out[n] = {"cpu": cpu.node_ms(n), "npu": math.inf}
    return out


def schedule(network: Network, cpu: CpuRoofline, npu: Npu, sync_us: float = SYNC_US,
             transfer_gb_s: float = TRANSFER_GB_S) -> HeteroResult:
    """Place ``network`` on the CPU and the NPU and run its parallel-branch groups in parallel where that pays.

    Raises:
        WorkloadError: the graph has a cycle. HardwareError: a negative synchronisation time or bandwidth.
    """
    if not (sync_us >= 0 and math.isfinite(sync_us)):
        raise HardwareError(f"--sync-us must be a finite number >= 0, got {sync_us}")
    if not (transfer_gb_s > 0 and math.isfinite(transfer_gb_s)):
        raise HardwareError(f"transfer bandwidth must be a number > 0 GB/s, got {transfer_gb_s}")
    graph = build_graph(network)
    times = node_times(network, graph, cpu, npu)
    word = npu.hardware.word_bytes
    sync_ms = sync_us / 1e3

    out_bytes = {layer.name: float(layer.N * layer.K * layer.Y_out * layer.X_out * word) for layer in network.layers}

    def move_ms(node: str) -> float:
        """Handing ``node``'s output to the other unit: its bytes over the transfer bandwidth, plus one sync."""
        return out_bytes.get(node, 0.0) / (transfer_gb_s * 1e9) * 1e3 + sync_ms

    # 1. sequential placement: DP along the topological order; state = the unit of the previous node
    cost = {u: 0.0 for u in UNITS}
    back: list[dict[str, str]] = []
    prev = None
    for n in graph.nodes:
        new, choice = {}, {}
        for u in UNITS:
            best_u, best = None, math.inf
            for v in UNITS:
                c = cost[v] + (move_ms(prev) if (prev is not None and v != u) else 0.0)
                if c < best:
                    best_u, best = v, c
            new[u] = best + times[n][u]
            choice[u] = best_u  # type: ignore[assignment]
        back.append(choice)
        cost, prev = new, n
    unit = min(UNITS, key=lambda u: cost[u])
    sequential = cost[unit]
    placement: dict[str, str] = {}
    for n, choice in zip(reversed(graph.nodes), reversed(back)):
        placement[n] = unit
        unit = choice[unit]
    placement = {n: placement[n] for n in graph.nodes}

    # 2. parallel-branch groups
    results = []
    saving = 0.0
    for g in parallel_groups(graph):
        seq_ms = sum(times[n][placement[n]] for br in g.branches for n in br)
        mat = np.array([[sum(times[n][u] for n in br) for u in UNITS] for br in g.branches])
        assign, span = best_assignment(mat, sync_ms)
        if len(set(assign)) > 1:  # the fork's output to the other unit, the other unit's result to the join
            span += move_ms(g.fork) + max(move_ms(br[-1]) for br, k in zip(g.branches, assign)
                                          if UNITS[k] != placement[g.join])
        _, greedy = greedy_lpt(mat, sync_ms)
        parallel = span < seq_ms
        if parallel:
            saving += seq_ms - span
        results.append(GroupResult(g.fork, g.join, [list(b) for b in g.branches],
                                   [dict(zip(UNITS, map(float, row))) for row in mat],
                                   [UNITS[k] for k in assign], seq_ms, span, parallel, greedy))
    return HeteroResult(network.name, cpu.name, npu.name, placement, times, sequential, sequential - saving,
                        results)


__all__ = ["GroupResult", "HeteroResult", "MAX_ENUMERATION", "UNITS", "best_assignment", "greedy_lpt",
           "node_times", "schedule"]
