"""Placement and branch-parallel scheduling on a CPU and an NPU (the seed's method, NEST-C's partitioner).

1. **Sequential placement.** Every node on CPU or NPU, one after the other, for the least total
   (:func:`placement_ms`): each node's time on its unit, and each tensor handed over (bytes over the transfer
   bandwidth, plus one synchronisation) once to the other unit when a node there consumes it. Found exactly by a
   dynamic programme along the topological order, as NEST-C's partitioner walks the graph, whose state is where
   each tensor still to be consumed lives (:func:`sequential_placement`): a node's input comes from its
   predecessors, not from the node before it in the order, which on a fork is another branch. Nodes the NPU cannot
   run stay on the CPU. Its total is the sequential latency.
2. **Branch-parallel groups.** For each parallel-branch group, the best assignment of its branches to the units
   that uses more than one unit is found exactly (:func:`best_assignment` with ``spread``: all branches on one unit
   is the group run sequentially, which the placement already did at its least cost); a branch runs whole on its
   unit, the makespan (:func:`group_span`) is the busiest unit's sum plus one synchronisation and the transfers at
   fork and join. The group runs in parallel only if that beats its sequential time: its nodes in the placement and the
   hand-overs of the fork's and the branches' tensors to its nodes and the join (:func:`placement_ms` of the
   group's nodes), which the makespan pays on its own.
3. The branch-parallel latency is the sequential one less each parallel group's saving.

Baselines for comparison (``HeteroResult.baselines``, ms): all-sequential (the DP placement with no branch
parallelism), the seed's NEST-C rule (every node stays on its unit of the sequential placement, "the same PU for
the same operation as the sequential code", so that results do not change; a group runs its branches at once only
where that placement already put them on different units, and that beats its sequential time), greedy
longest-processing-time assignment per group (:func:`greedy_lpt`), each node on its individually fastest unit, and
the CPU alone.

Groups whose assignments are too many to enumerate (:data:`MAX_ENUMERATION`) are solved exactly with CP-SAT
(OR-Tools), in integer nanoseconds.
"""

from __future__ import annotations

import itertools
import logging
import math
from collections.abc import Callable
from dataclasses import dataclass, field
import numpy as np

from npu_dse.cost_models.errors import HardwareError
from npu_dse.cost_models.workload import Network
from npu_dse.hetero.graph import Graph, build_graph, parallel_groups
from npu_dse.hetero.units import SYNC_US, TRANSFER_GB_S, CpuRoofline, Npu

log = logging.getLogger(__name__)

UNITS: tuple[str, ...] = ("cpu", "npu")
MAX_ENUMERATION = 1 << 16
"""The most assignments (``units ** branches``) :func:`best_assignment` enumerates (8 branches on 4 units, or 16
branches on 2); larger groups go to CP-SAT."""


def _check_times(times: np.ndarray, join_ms: np.ndarray | None) -> np.ndarray:
    times = np.asarray(times, dtype=float)
    if times.ndim != 2 or times.shape[0] < 1 or times.shape[1] < 1:
        raise HardwareError(f"branch times must be a (branches, units) matrix, got shape {times.shape}")
    if np.isnan(times).any() or (times < 0).any():
        raise HardwareError("branch times must be >= 0 ms (inf: cannot run there)")
    if join_ms is not None and np.shape(join_ms) != times.shape:
        raise HardwareError(f"join_ms has shape {np.shape(join_ms)}; expected the times' shape {times.shape}")
    return times


def group_span(assign: tuple[int, ...] | list[int], times: np.ndarray, sync_ms: float = 0.0, fork_ms: float = 0.0,
               join_ms: np.ndarray | None = None) -> float:
    """Makespan of one assignment of a group's branches to units, milliseconds.

    Each unit runs its branches one after the other; the makespan is the busiest unit's sum, plus, when more than
    one unit is used, ``sync_ms + fork_ms`` (one synchronisation and handing the fork's output over) and the
    largest ``join_ms[i, unit of i]`` (handing branch ``i``'s result to the join's unit; 0 where that unit is the
    join's). ``inf`` when a branch sits on a unit that cannot run it.
    """
    u = times.shape[1]
    load = [0.0] * u
    for i, k in enumerate(assign):
        load[k] += float(times[i, k])
    span = max(load)
    if len(set(assign)) > 1:
        span += sync_ms + fork_ms
        if join_ms is not None:
            span += max(float(join_ms[i, k]) for i, k in enumerate(assign))
    return span


def _enumerate(times: np.ndarray, sync_ms: float, fork_ms: float, join_ms: np.ndarray | None, spread: bool = False
               ) -> tuple[tuple[int, ...], float] | None:
    b, u = times.shape
    best: tuple[tuple[int, ...], float] | None = None
    for assign in itertools.product(range(u), repeat=b):
        if spread and len(set(assign)) < 2:
            continue
        span = group_span(assign, times, sync_ms, fork_ms, join_ms)
        if math.isfinite(span) and (best is None or span < best[1]):
            best = (assign, span)
    return best


NS_PER_MS = 1_000_000
"""CP-SAT works on integers: times are scaled to whole nanoseconds (rounded)."""


def _cpsat(times: np.ndarray, sync_ms: float, fork_ms: float, join_ms: np.ndarray | None, seed: int,
           spread: bool = False) -> tuple[int, ...] | None:
    from ortools.sat.python import cp_model

    b, u = times.shape
    ns = lambda v: int(round(float(v) * NS_PER_MS))  # noqa: E731
    m = cp_model.CpModel()
    x: dict[tuple[int, int], object] = {}
    for i in range(b):
        ks = [k for k in range(u) if math.isfinite(times[i, k])]
        if not ks:
            return None
        for k in ks:
            x[i, k] = m.NewBoolVar(f"x{i}_{k}")
        m.AddExactlyOne(x[i, k] for k in ks)
    horizon = sum(max(ns(times[i, k]) for k in range(u) if (i, k) in x) for i in range(b))
    jmax = 0 if join_ms is None else max(ns(join_ms[i, k]) for (i, k) in x)
    span = m.NewIntVar(0, horizon, "span")
    for k in range(u):
        m.Add(sum(ns(times[i, k]) * x[i, k] for i in range(b) if (i, k) in x) <= span)
    used = [m.NewBoolVar(f"used{k}") for k in range(u)]
    for (i, k), var in x.items():
        m.AddImplication(var, used[k])
    multi = m.NewBoolVar("multi")
    m.Add(sum(used) <= 1 + (u - 1) * multi)
    if spread:  # a unit counts as used only with a branch on it, and two must be
        for k in range(u):
            m.Add(used[k] <= sum(var for (i, kk), var in x.items() if kk == k))
        m.Add(sum(used) >= 2)
    join = m.NewIntVar(0, jmax, "join")
    if join_ms is not None:
        for (i, k), var in x.items():
            c = ns(join_ms[i, k])
            if c:
                m.Add(join >= c * (var + multi - 1))
    m.Minimize(span + (ns(sync_ms) + ns(fork_ms)) * multi + join)
    solver = cp_model.CpSolver()
    solver.parameters.random_seed = int(seed)
    solver.parameters.num_workers = 1
    status = solver.Solve(m)
    if spread and status == cp_model.INFEASIBLE:
        return None
    if status != cp_model.OPTIMAL:
        raise HardwareError(f"CP-SAT did not prove an optimal assignment (status {solver.StatusName(status)})")
    return tuple(next(k for k in range(u) if (i, k) in x and solver.Value(x[i, k])) for i in range(b))


ASSIGNMENT_METHODS: tuple[str, ...] = ("auto", "enumerate", "cpsat")
"""Per-group assignment methods of :func:`best_assignment`."""


def _check_method(method: str) -> None:
    if method not in ASSIGNMENT_METHODS:
        raise HardwareError(f"assignment method {method!r}; allowed: {', '.join(ASSIGNMENT_METHODS)}")


def best_assignment(times: np.ndarray, sync_ms: float = 0.0, *, fork_ms: float = 0.0,
                    join_ms: np.ndarray | None = None, method: str = "auto", seed: int = 0, spread: bool = False
                    ) -> tuple[tuple[int, ...], float]:
    """The assignment of a group's branches to units with the smallest makespan (:func:`group_span`), exactly.

    Small groups (at most :data:`MAX_ENUMERATION` assignments, ``units ** branches``) are enumerated; larger ones
    are solved with CP-SAT (OR-Tools ``ortools.sat.python.cp_model``): a boolean per (branch, unit), one unit per
    branch, the makespan at least every unit's load, a boolean "more than one unit used" that adds the sync and
    fork costs, and the join transfer as the largest ``join_ms`` among the chosen (branch, unit) pairs. CP-SAT works
    on integers: every time is rounded to whole **nanoseconds** (:data:`NS_PER_MS`), so its optimum is exact for the
    rounded times and within ``branches`` ns of the float optimum; the returned makespan is recomputed in floats
    from the assignment. The solver runs with ``random_seed = seed`` and one worker, so it is deterministic.

    Args:
        times: shape ``(branches, units)``, milliseconds of each branch on each unit (``inf``: cannot run there).
        sync_ms: added once when more than one unit is used (ms).
        fork_ms: handing the fork's output to the other units, added once when more than one unit is used (ms).
        join_ms: shape of ``times``: handing branch ``i``'s result from unit ``k`` to the join's unit (ms); the
            largest over the branches counts when more than one unit is used. None: no join cost.
        method: ``auto`` (enumeration when small, else CP-SAT), ``enumerate`` or ``cpsat``.
        seed: CP-SAT's ``random_seed``.
        spread: only assignments that use more than one unit (branch-parallel execution proper: all branches on one
            unit is the group run sequentially, whose cost, hand-overs included, the placement already minimised).

    Returns:
        (unit index per branch, makespan in ms). Enumeration breaks ties to the lexicographically first assignment.

    Raises:
        HardwareError: a malformed or negative time matrix, ``method`` unknown, ``enumerate`` asked for more than
            :data:`MAX_ENUMERATION` assignments, no feasible assignment (a branch no unit can run; with ``spread``,
            none that uses two units), or CP-SAT not proving optimality.
    """
    times = _check_times(times, join_ms)
    b, u = times.shape
    _check_method(method)
    small = u ** b <= MAX_ENUMERATION
    if method == "enumerate" and not small:
        raise HardwareError(f"{b} branches on {u} units are {u ** b} assignments; at most {MAX_ENUMERATION} are "
                            "enumerated (use method 'cpsat')")
    if method == "enumerate" or (method == "auto" and small):
        best = _enumerate(times, sync_ms, fork_ms, join_ms, spread)
    else:
        assign = _cpsat(times, sync_ms, fork_ms, join_ms, seed, spread)
        best = None if assign is None else (assign, group_span(assign, times, sync_ms, fork_ms, join_ms))
        log.debug("CP-SAT assigned %d branches on %d units: %s", b, u, best)
    if best is None or not math.isfinite(best[1]):
        raise HardwareError("no unit can run every branch of the group" if not spread else
                            "no assignment of the group's branches uses two units")
    return best


def greedy_lpt(times: np.ndarray, sync_ms: float = 0.0, *, fork_ms: float = 0.0,
               join_ms: np.ndarray | None = None) -> tuple[tuple[int, ...], float]:
    """Greedy longest-processing-time baseline: branches by decreasing shortest time, each to the unit that would
    finish it first (loads only); the makespan is then :func:`group_span` of that assignment, in ms.

    Raises:
        HardwareError: a malformed or negative time matrix.
    """
    times = _check_times(times, join_ms)
    b, u = times.shape
    load = np.zeros(u)
    assign = [0] * b
    for i in sorted(range(b), key=lambda i: -float(np.min(times[i]))):
        k = int(np.argmin(load + times[i]))
        assign[i] = k
        load[k] += times[i, k]
    return tuple(assign), group_span(assign, times, sync_ms, fork_ms, join_ms)


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
    nestc_ms: float = math.nan


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
    baselines: dict[str, float] = field(default_factory=dict)
    cpu_check: dict | None = None

    @property
    def groups_found(self) -> int:
        return len(self.groups)

    @property
    def groups_parallel(self) -> int:
        return sum(g.parallel for g in self.groups)

    @property
    def nestc_groups_parallel(self) -> int:
        """Groups the seed's NEST-C rule runs in parallel (those the placement splits, where that pays)."""
        return sum(g.nestc_ms < g.sequential_ms for g in self.groups)

    def to_dict(self) -> dict:
        """The JSON document of ``dse hetero --json``."""
        return {
            "network": self.network, "cpu": self.cpu, "npu": self.npu,
            "groups_found": self.groups_found, "groups_parallel": self.groups_parallel,
            "nestc_groups_parallel": self.nestc_groups_parallel,
            "sequential_ms": self.sequential_ms, "branch_parallel_ms": self.branch_parallel_ms,
            "gain": 1.0 - self.branch_parallel_ms / self.sequential_ms if self.sequential_ms else 0.0,
            "groups": [{"fork": g.fork, "join": g.join, "branches": g.branches, "branch_ms": g.branch_ms,
                        "assignment": g.assignment, "sequential_ms": g.sequential_ms, "parallel_ms": g.parallel_ms,
                        "greedy_ms": g.greedy_ms, "nestc_ms": g.nestc_ms, "parallel": g.parallel}
                       for g in self.groups],
            "baselines": self.baselines,
            "placement": self.placement,
            **({"cpu_check": self.cpu_check} if self.cpu_check is not None else {}),
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


MAX_PLACEMENT_STATES = 1 << 14
"""Most states :func:`sequential_placement` keeps per node (each a placement of the tensors still to be consumed,
at most 4 ** live tensors); graphs whose branches keep more tensors live at once keep the cheapest ones, and the
placement is then no longer proven optimal (logged). SqueezeNet 1.0, ResNet-50 and MobileNetV2 keep at most 2
tensors live at once, GoogLeNet 4."""


def placement_ms(graph: Graph, placement: dict[str, str], times: dict[str, dict[str, float]],
                 move_ms: Callable[[str], float], nodes: set[str] | None = None) -> float:
    """Sequential latency of a placement, ms: every node's time on its unit, plus each tensor handed over once to
    the other unit when a node there consumes it (``move_ms(producer)``).

    With ``nodes``, only those nodes' times and the hand-overs of tensors they consume (a segment of the total).
    """
    inside = set(graph.nodes) if nodes is None else nodes
    read = {p for c in inside for p in graph.preds[c]}  # the tensors handed over, if any, are among these
    ms = sum(times[n][placement[n]] for n in graph.nodes if n in inside)  # graph order: the same float sum every run
    for p in (p for p in graph.nodes if p in read):
        targets = {placement[c] for c in graph.succs[p] if c in inside} - {placement[p]}
        ms += len(targets) * move_ms(p)
    return ms


def sequential_placement(graph: Graph, times: dict[str, dict[str, float]], move_ms: Callable[[str], float],
                         max_states: int = MAX_PLACEMENT_STATES) -> tuple[dict[str, str], float]:
    """The placement of every node on a unit of :data:`UNITS` with the least :func:`placement_ms`, and that total.

    Dynamic programme along the topological order. A state holds, for each tensor already produced and still to be
    consumed, the unit that produced it and whether it was handed over to the other unit already; placing a node
    on a unit adds its time and the hand-over of each input not yet on that unit. Exact while the states per node
    stay within ``max_states`` (module docstring of :data:`MAX_PLACEMENT_STATES`).

    Raises:
        HardwareError: a node no unit can run (``inf`` on every unit).
    """
    pos = {n: i for i, n in enumerate(graph.nodes)}
    last_use = {n: max((pos[s] for s in graph.succs[n]), default=-1) for n in graph.nodes}
    states: dict[tuple, float] = {(): 0.0}
    back: list[dict[tuple, tuple[tuple, str]]] = []
    pruned = False
    for i, n in enumerate(graph.nodes):
        new: dict[tuple, float] = {}
        choice: dict[tuple, tuple[tuple, str]] = {}
        for key, cost in states.items():
            live = {node: (unit, moved) for node, unit, moved in key}
            for u in UNITS:
                c = cost + times[n][u]
                if not math.isfinite(c):
                    continue
                after = dict(live)
                for p in graph.preds[n]:
                    unit, moved = after[p]
                    if unit != u and not moved:
                        c += move_ms(p)
                        after[p] = (unit, True)
                    if last_use[p] == i:
                        del after[p]
                if last_use[n] > i:
                    after[n] = (u, False)
                nk = tuple(sorted(((node, unit, moved) for node, (unit, moved) in after.items()),
                                  key=lambda t: pos[t[0]]))
                if c < new.get(nk, math.inf):
                    new[nk], choice[nk] = c, (key, u)
        if not new:
            raise HardwareError(f"node {n!r} can run on no unit of {', '.join(UNITS)}")
        if len(new) > max_states:
            pruned = True
            new = dict(sorted(new.items(), key=lambda kv: kv[1])[:max_states])
        states = new
        back.append(choice)
    if pruned:
        log.warning("sequential placement kept the %d cheapest states per node: the placement is not proven "
                    "optimal", max_states)
    key, total = min(states.items(), key=lambda kv: kv[1])
    placement: dict[str, str] = {}
    for n, choice in zip(reversed(graph.nodes), reversed(back)):
        key, placement[n] = choice[key]
    return {n: placement[n] for n in graph.nodes}, total


def _or(ms: float, otherwise: float) -> float:
    """``ms`` unless it is ``inf`` (no such assignment), else ``otherwise``."""
    return otherwise if math.isinf(ms) else ms


def _nestc_span(branches: tuple[tuple[str, ...], ...], placement: dict[str, str], times: np.ndarray, sync_ms: float,
                fork_ms: float, join_ms: np.ndarray) -> float:
    """A group's makespan under the seed's NEST-C rule (module docstring): its branches on the units the sequential
    placement gave them, at once, when that placement put each branch whole on one unit and not all on the same one;
    ``inf`` otherwise (the rule runs the group sequentially)."""
    units = [{placement[n] for n in br} for br in branches]
    if any(len(u) != 1 for u in units):
        return math.inf
    assign = [UNITS.index(next(iter(u))) for u in units]
    return group_span(assign, times, sync_ms, fork_ms, join_ms) if len(set(assign)) > 1 else math.inf


def schedule(network: Network, cpu: CpuRoofline, npu: Npu, sync_us: float = SYNC_US,
             transfer_gb_s: float = TRANSFER_GB_S, method: str = "auto", seed: int = 0, *,
             graph: Graph | None = None, baselines: bool = True) -> HeteroResult:
    """Place ``network`` on the CPU and the NPU and run its parallel-branch groups in parallel where that pays.

    Args:
        network: the network.
        cpu, npu: the units (times in ms, :mod:`.units`).
        sync_us: synchronisation latency of one hand-over between the units, microseconds.
        transfer_gb_s: bandwidth of a hand-over, GB/s.
        method: per-group assignment, as in :func:`best_assignment` (``auto``, ``enumerate``, ``cpsat``).
        seed: CP-SAT's random seed.
        graph: ``network``'s graph when the caller has built it (:func:`build_graph`; a search scheduling many
            designs of one network builds it once).
        baselines: compute the baselines (and each group's greedy LPT span); ``False`` leaves ``baselines`` empty
            and ``greedy_ms`` NaN (the ``hetero_latency_ms`` objective needs neither).

    Returns:
        The placement, the sequential and branch-parallel latencies (ms), every group, and ``baselines`` (ms):
        ``all_sequential`` (the DP placement, every node one after the other: ``sequential_ms``), ``nestc_rule``
        (the seed's rule: the DP placement kept, groups it splits across the units run at once where that pays;
        each group's ``nestc_ms``), ``greedy_lpt`` (the DP placement, each group assigned by
        :func:`greedy_lpt` and run in parallel where that beats its sequential time), ``fastest_unit`` (each node on
        the unit where it alone runs fastest, transfers counted, no branch parallelism) and ``cpu_only``.

    Raises:
        WorkloadError: the graph has a cycle. HardwareError: a negative synchronisation time or bandwidth, an
            unknown ``method``.
    """
    _check_method(method)  # here too: a network without parallel groups never reaches the assignment
    if not (sync_us >= 0 and math.isfinite(sync_us)):
        raise HardwareError(f"--sync-us must be a finite number >= 0, got {sync_us}")
    if not (transfer_gb_s > 0 and math.isfinite(transfer_gb_s)):
        raise HardwareError(f"transfer bandwidth must be a number > 0 GB/s, got {transfer_gb_s}")
    graph = build_graph(network) if graph is None else graph
    times = node_times(network, graph, cpu, npu)
    word = npu.hardware.word_bytes
    sync_ms = sync_us / 1e3

    out_bytes = {layer.name: float(layer.N * layer.K * layer.Y_out * layer.X_out * word) for layer in network.layers}

    def move_ms(node: str) -> float:
        """Handing ``node``'s output to the other unit: its bytes over the transfer bandwidth, plus one sync."""
        return out_bytes.get(node, 0.0) / (transfer_gb_s * 1e9) * 1e3 + sync_ms

    # 1. sequential placement
    placement, sequential = sequential_placement(graph, times, move_ms)

    # 2. parallel-branch groups: exact assignment (and the greedy LPT baseline) under the same makespan model
    results = []
    saving = saving_lpt = saving_nestc = 0.0
    for g in parallel_groups(graph):
        # the group's share of the sequential latency: its branch nodes and the hand-overs they and the join need
        # of the fork's and the branches' tensors, which its parallel makespan pays on its own
        seq_ms = placement_ms(graph, placement, times, move_ms, {n for br in g.branches for n in br} | {g.join}) \
            - times[g.join][placement[g.join]]
        mat = np.array([[sum(times[n][u] for n in br) for u in UNITS] for br in g.branches])
        join_ms = np.array([[0.0 if UNITS[k] == placement[g.join] else move_ms(br[-1]) for k in range(len(UNITS))]
                            for br in g.branches])
        # branch-parallel: the branches on more than one unit at once (on one unit the group runs sequentially,
        # which the placement already did at its least cost)
        if np.count_nonzero(np.isfinite(mat).any(axis=0)) > 1:  # two units can run some branch each
            assign, span = best_assignment(mat, sync_ms, fork_ms=move_ms(g.fork), join_ms=join_ms, method=method,
                                           seed=seed, spread=True)
        else:  # every branch can run on one unit only, the same one
            assign, span = tuple(UNITS.index(placement[br[0]]) for br in g.branches), math.inf
        greedy = math.nan
        if baselines:
            lpt, greedy = greedy_lpt(mat, sync_ms, fork_ms=move_ms(g.fork), join_ms=join_ms)
            greedy = greedy if len(set(lpt)) > 1 else math.inf
        nestc = _nestc_span(g.branches, placement, mat, sync_ms, move_ms(g.fork), join_ms) if baselines else math.nan
        parallel = span < seq_ms
        if parallel:
            saving += seq_ms - span
        if greedy < seq_ms:
            saving_lpt += seq_ms - greedy
        if nestc < seq_ms:
            saving_nestc += seq_ms - nestc
        results.append(GroupResult(g.fork, g.join, [list(b) for b in g.branches],
                                   [dict(zip(UNITS, map(float, row))) for row in mat],
                                   [UNITS[k] for k in assign], seq_ms, _or(span, seq_ms), parallel,
                                   _or(greedy, seq_ms), _or(nestc, seq_ms)))

    if not baselines:
        return HeteroResult(network.name, cpu.name, npu.name, placement, times, sequential, sequential - saving,
                            results, {})
    # 3. baselines
    fastest = {n: min(UNITS, key=lambda u: times[n][u]) for n in graph.nodes}
    fastest_ms = placement_ms(graph, fastest, times, move_ms)
    baselines = {"all_sequential": sequential, "nestc_rule": sequential - saving_nestc,
                 "greedy_lpt": sequential - saving_lpt,
                 "fastest_unit": fastest_ms, "cpu_only": sum(times[n]["cpu"] for n in graph.nodes)}
    return HeteroResult(network.name, cpu.name, npu.name, placement, times, sequential, sequential - saving,
                        results, baselines)


__all__ = ["ASSIGNMENT_METHODS", "GroupResult", "HeteroResult", "MAX_ENUMERATION", "MAX_PLACEMENT_STATES", "NS_PER_MS",
           "UNITS", "best_assignment", "greedy_lpt", "group_span", "node_times", "placement_ms", "schedule",
           "sequential_placement"]
