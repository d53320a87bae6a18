"""A proven floor on the runtime of every design of a problem: the relaxation behind the latency lower bound of
searches (:func:`npu_dse.search.exact.relaxed_latency_bound`) and behind refusing a speed budget no design meets
(:meth:`npu_dse.cost_models.evaluator.Evaluator.check_budget`).

Premise (``tests/test_bounds.py`` checks it on random layers and designs): more L1, L2, NoC or off-chip
bandwidth (:data:`RELAXED_RESOURCES`) never makes a layer slower (the mapper's candidates that fit a buffer also fit
a larger one; a transfer's cycles fall with bandwidth) and never makes a per-layer budget metric
(:meth:`Evaluator.layer_limits`: area, SRAM, PEs) smaller. PE counts, arrays and dataflows have no such order (a
larger systolic array fills and drains longer), so they are enumerated.
"""

from __future__ import annotations

import itertools
import math
from typing import TYPE_CHECKING, Any

import numpy as np

from npu_dse.cost_models.errors import InfeasibleError

if TYPE_CHECKING:
    from npu_dse.cost_models.evaluator import Evaluator

RELAXED_RESOURCES: tuple[str, ...] = ("l1_bytes", "l2_bytes", "noc_bw", "offchip_bw")
"""Parameters :func:`runtime_floor` bounds instead of enumerating (module docstring)."""

_TOL = 1 + 1e-12  # the evaluator's feasibility tolerance (metric <= limit * (1 + 1e-12))
#: Mappings per chunk of options the floor prices together: half the structure cache's entries
#: (:data:`npu_dse.cost_models.maestro._CACHE_MAX`), so a chunk's structures stay cached through its evaluations.
_CHUNK_MAPPINGS = 1 << 14


class NotApplicable(Exception):
    """A bound or an exact optimum does not apply to the problem (the message says why)."""


def runtime_floor(evaluator: "Evaluator", budgets: bool = True, max_options: int = 100_000,
                  reduce: str = "sum", fine: bool = True) -> float:
    """A lower bound, in cycles, on the summed (``reduce="sum"``: the network's latency) or largest (``"max"``: the
    slowest stage of a layer-pipelined design) layer runtime of every feasible design of the problem.

    Relaxation: the parameters other than :data:`RELAXED_RESOURCES` (PE count or array, dataflow, template
    constants) are enumerated over their fine values. With ``budgets``, per layer and option each resource is
    raised alone, the others at their smallest fine value, to the largest fine value at which the per-layer budgets
    (:meth:`Evaluator.layer_limits`, e.g. ``area_mm2``) still hold (a binary search, the budgets being monotone):
    no feasible design with that option has more of it; options that break a budget at the smallest resources are
    dropped. Without ``budgets`` every resource is at its largest fine value. The layer is priced with every
    resource there; options whose buffers do not fit are dropped. Budgets not combined per layer (physical
    ``power_mw``, ``latency_ms``) are ignored. A design takes one value of each global parameter for all layers, so
    the floor is the least, over the values of the global parameters, of the sum (or maximum) over layers of each
    layer's fastest option with those values (per-layer parameters chosen per layer).

    Args:
        evaluator: the problem's evaluator (cached layer costs are shared; no design-point evaluations counted).
        budgets: cap the resources by the per-layer budgets (tighter), or not.
        max_options: largest number of enumerated options per layer; with the mapper, of (option, mapping) pairs
            (each option is priced at its fastest mapping, :func:`npu_dse.cost_models.mapper.mapping_choices`).
        reduce: ``"sum"`` or ``"max"`` over layers.
        fine: enumerate the fine values (a proven floor), or only the coarse levels (fast, and no floor: the fine
            values between the levels may be faster).

    Returns:
        Cycles (float).

    Raises:
        NotApplicable: the enumerated options (or option-mapping pairs) per layer exceed ``max_options``.
        InfeasibleError: some layer keeps no option, or no value of the global parameters keeps one for every
            layer.
    """
    from npu_dse.cost_models.evaluator import CONSTRAINT_LAYER_COLUMN  # the evaluator imports this module

    if reduce not in ("sum", "max"):
        raise ValueError(f"reduce must be 'sum' or 'max', got {reduce!r}")
    problem = evaluator.problem
    space = problem.space
    enumerated = [p for p in space.parameters if p.name not in RELAXED_RESOURCES]
    resources = [p for p in space.parameters if p.name in RELAXED_RESOURCES]
    def options(p) -> tuple:
        return p.fine_values() if fine else p.values

    n_options = math.prod(len(options(p)) for p in enumerated)
    if n_options > max_options:
        raise NotApplicable(f"{n_options} options per layer exceed max_options={max_options}")
    L = problem.num_layers
    limits = evaluator.layer_limits if budgets else {}
    per_layer = {p.name for p in space.parameters if p.scope == "per_layer"}
    combos = [dict(zip([p.name for p in enumerated], c))
              for c in itertools.product(*[options(p) for p in enumerated])]
    smallest = {p.name: p.fine_values()[0] for p in resources}
    chunks = [np.arange(len(combos))]
    if space.mapper:  # each option is priced at its fastest mapping: the mapper weighs all of them
        mapped = _mapped_options(space, [{**c, **smallest} for c in combos], L)
        if mapped.sum() > max_options:
            raise NotApplicable(f"{int(mapped.sum())} mapped options per layer (design options times the mappings "
                                f"the mapper weighs at each) exceed max_options={max_options}")
        # options in chunks whose mappings the structure cache holds at once: each chunk's structures are then
        # compiled once for its ~30 evaluations below, not again at each (the cache evicts at random)
        ends = np.searchsorted(np.cumsum(mapped), np.arange(1, int(mapped.sum()) // _CHUNK_MAPPINGS + 1)
                               * _CHUNK_MAPPINGS, side="right")
        chunks = [c for c in np.split(np.arange(len(combos)), np.unique(ends)) if len(c)]
    # options agreeing on every global parameter form a group: a design takes one group for all its layers
    global_names = [p.name for p in enumerated if p.scope == "global"]
    keys = [tuple(c[n] for n in global_names) for c in combos]
    group_of = {k: g for g, k in enumerate(dict.fromkeys(keys))}
    group = np.asarray([group_of[k] for k in keys], dtype=np.int64)

    def costs(i: int, idx: np.ndarray, resource_values: list[dict[str, Any]]) -> dict[str, np.ndarray]:
        points = [{**combos[j], **r} for j, r in zip(idx.tolist(), resource_values)]
        points = [{k: (tuple([v] * L) if k in per_layer else v) for k, v in pt.items()} for pt in points]
        return evaluator.layer_costs(i, [space.layer_params(pt, i) for pt in points])

    def within(table: dict[str, np.ndarray], n: int) -> np.ndarray:
        ok = np.ones(n, dtype=bool)
        for metric, limit in limits.items():
            ok &= table[CONSTRAINT_LAYER_COLUMN[metric]] <= limit * _TOL
        return ok

    def fastest(i: int, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Layer ``i``'s options ``idx``: which meet the budgets and fit their buffers, and their runtime with each
        resource at the most the budgets allow it."""
        n = len(idx)
        keep = within(costs(i, idx, [smallest] * n), n) if limits else np.ones(n, dtype=bool)
        top: dict[str, np.ndarray] = {}
        for p in resources:
            values = p.fine_values()
            lo = np.zeros(n, dtype=np.int64) if limits else np.full(n, len(values) - 1)
            hi = np.full(n, len(values) - 1, dtype=np.int64)
            while np.any(lo < hi):  # the budgets hold at lo (where kept) and fail above hi
                mid = (lo + hi + 1) // 2
                ok = within(costs(i, idx, [{**smallest, p.name: values[m]} for m in mid]), n)
                lo, hi = np.where(ok, mid, lo), np.where(ok, hi, mid - 1)
            top[p.name] = lo
        fast = costs(i, idx, [{name: space.parameter(name).fine_values()[int(top[name][k])] for name in top}
                              for k in range(n)])
        return keep & (fast["buffers_ok"] > 0), fast["runtime_cycles"]

    totals = np.zeros(len(group_of)) if reduce == "sum" else np.full(len(group_of), -np.inf)
    for i in range(L):
        keep = np.zeros(len(combos), dtype=bool)
        runtime = np.full(len(combos), np.inf)
        for idx in chunks:
            keep[idx], runtime[idx] = fastest(i, idx)
        if not keep.any():
            raise InfeasibleError(f"layer {i} ({problem.network.layers[i].name}): no PE count, dataflow and mapping "
                                  f"meets the budgets {sorted(limits)} and fits its buffers")
        best = np.full(len(group_of), np.inf)
        np.minimum.at(best, group[keep], runtime[keep])
        totals = totals + best if reduce == "sum" else np.maximum(totals, best)
    if not np.isfinite(totals).any():
        raise InfeasibleError(f"no {', '.join(global_names)} lets every layer meet the budgets {sorted(limits)}")
    return float(totals.min())


def _mapped_options(space, points: "list[dict[str, Any]]", num_layers: int) -> np.ndarray:
    """How many mappings the mapper weighs at each of ``points`` (shape ``(len(points),)``; at most: a layer's
    variants and cluster sizes may be fewer), :func:`npu_dse.cost_models.mapper.mapping_choices` of each."""
    from npu_dse.cost_models.mapper import MAPPED_CONSTANTS, mapping_choices

    per_layer = {p.name for p in space.parameters if p.scope == "per_layer"}
    counts: dict[tuple, int] = {}
    out = np.zeros(len(points), dtype=np.int64)
    for j, pt in enumerate(points):
        hw = space.layer_params({k: (tuple([v] * num_layers) if k in per_layer else v) for k, v in pt.items()}, 0)
        given = {c: hw[c] for c in MAPPED_CONSTANTS if c in hw}
        key = (str(hw["dataflow"]), int(hw.get("num_pes", 1)), tuple(sorted(given.items())))
        if key not in counts:
            counts[key] = len(mapping_choices(key[0], key[1], given, space.mapper))
        out[j] = counts[key]
    return out
