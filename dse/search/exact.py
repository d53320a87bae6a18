"""The true optimum of additive per-layer problems: a multiple-choice knapsack dynamic programme.

A problem is *additive per layer* when every searched parameter is per-layer (global parameters have one value),
so a design is one option per layer, and

- the first objective is a sum over layers: ``latency_cycles`` or ``energy_pj`` (and in LP also ``area_mm2``,
  ``power_mw``, which the evaluator sums);
- every constraint is a sum over layers (LP: ``total_pes``, ``buffer_bytes``, ``area_mm2``, ``power_mw``) or a
  maximum (LS), which a per-layer filter handles exactly.

Then the optimum is a multiple-choice knapsack problem (MCKP; Kellerer, Pferschy & Pisinger, "Knapsack Problems",
Springer 2004, ch. 11): choose one option per layer minimising the summed cost subject to summed budgets. The
options of a layer are the product of the per-layer parameters' :meth:`~npu_dse.cost_models.space.Parameter.fine_values`
(the space the fine-tuning stage searches), priced in one vectorised :meth:`Evaluator.layer_costs` call per layer.

Method (:func:`exact_optimum`):

1. Options that break a limit on their own, or whose buffers do not cover the layer's requirement, are dropped;
   options dominated by another (no cheaper, using no less of every constrained resource) are pruned.
2. Integer budgets (PEs, bytes) index the DP exactly: resources are offset by each layer's minimum and divided by
   their greatest common divisor, so a budget of B needs ``floor((B - sum of minima) / gcd) + 1`` cells.
3. If the indexed state space has at most ``max_cells`` cells and the DP at most ``max_work`` cell updates, the
   DP over all budgets gives the optimum (``is_bound=False``).
4. Otherwise (or for non-integer budgets such as mm² and mW) the remaining budgets are relaxed with Lagrange
   multipliers (Fisher, Management Science 27(1), 1981): for any multipliers λ >= 0,
   ``DP(cost + λ·resource) - λ·budget`` is a lower bound on the optimum. The best bound over a bisection
   (one relaxed budget) or a subgradient ascent (several) is returned with ``is_bound=True``, together with the
   best feasible design seen (improved by a greedy one-layer exchange); if that design's cost equals the bound
   the result is proven optimal and ``is_bound=False``.

Problems not of this form raise :class:`NotApplicable` with the reason.
"""

from __future__ import annotations

import dataclasses
import itertools
import logging
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from npu_dse.cost_models.bounds import RELAXED_RESOURCES, NotApplicable, runtime_floor
from npu_dse.cost_models.errors import InfeasibleError
from npu_dse.cost_models.evaluator import CONSTRAINT_LAYER_COLUMN, SUMMED_OVER_LAYERS, Evaluator

__all__ = ["RELAXED_RESOURCES", "AdditiveForm", "ExactResult", "NotApplicable", "additive_form", "best_combination",
           "exact_optimum", "relaxed_latency_bound"]

log = logging.getLogger(__name__)

# objectives additive per layer under LP: those summed in every mode, plus area and power (LP sums the layers' arrays)
_OBJECTIVE_COLUMN = {**SUMMED_OVER_LAYERS, "area_mm2": "area_mm2", "power_mw": "power_mw"}
_MAX_CHOICE_BYTES = 2e9  # back-pointers of the DP: one uint16 per cell and layer
_TOL = 1 + 1e-12  # the evaluator's feasibility tolerance (metric <= limit * (1 + 1e-12))


@dataclass(frozen=True)
class ExactResult:
    """The optimum (or a proven lower bound on it) of the first objective.

    Attributes:
        value: the optimum of the first objective (its units, e.g. cycles), or a proven lower bound if ``is_bound``.
        point: an optimal design; with ``is_bound``, the best feasible design found (None if none was found).
        is_bound: ``value`` is a Lagrangian lower bound, not an attained optimum.
        method: how it was obtained (e.g. ``"mckp-dp [total_pes, buffer_bytes]"``).
        primal_value: the objective of ``point`` (equals ``value`` when not a bound); None without a point.
        options_per_layer: options kept per layer after filtering and dominance pruning.
    """

    value: float
    point: dict[str, Any] | None
    is_bound: bool
    method: str
    primal_value: float | None = None
    options_per_layer: tuple[int, ...] = field(default=())

    @property
    def gap(self) -> float | None:
        """``primal_value / value - 1`` (0 when exact); None without a primal design."""
        if self.primal_value is None or self.value <= 0:
            return None
        return self.primal_value / self.value - 1.0


@dataclass
class _Tables:
    """Per-layer option tables after filtering and pruning."""

    option_values: list[list[tuple[Any, ...]]]  # per layer: per-layer parameter values of each option
    global_values: dict[str, Any]  # the single value of each global parameter
    cost: list[np.ndarray]  # per layer: (m,)
    resource: list[np.ndarray]  # per layer: (m, n_constraints), in the constraint's units
    metrics: list[str]  # constrained metrics (columns of resource)
    limits: np.ndarray  # (n_constraints,)


def exact_optimum(
    evaluator: Evaluator,
    fine: bool = True,
    max_cells: float = 2e7,
    max_work: float = 3e9,
    max_options: int = 65_535,
    lagrange_iterations: int = 60,
) -> ExactResult:
    """The exact optimum of an additive per-layer problem (module docstring), or a labelled lower bound.

    Args:
        evaluator: the problem's evaluator (its cache is shared; no design-point evaluations are counted).
        fine: per-layer options from the fine values (the GA's space, default) or the coarse levels only.
        max_cells: largest DP state space (product of indexed budget sizes) solved exactly.
        max_work: largest number of DP cell updates (cells x options summed over layers) solved exactly.
        max_options: largest number of options per layer.
        lagrange_iterations: multiplier updates of the Lagrangian relaxation.

    Returns:
        :class:`ExactResult`; ``value`` in the first objective's units.

    Raises:
        NotApplicable: the problem is not of the additive per-layer form (reason in the message).
        InfeasibleError: no design meets the constraints.
    """
    tables = _option_tables(evaluator, fine, max_options)
    result, choice = _solve(tables, max_cells, max_work, lagrange_iterations)
    if result.is_bound:
        log.info("exact: Lagrangian bound %.6g, best feasible %s", result.value, result.primal_value)
    return result if choice is None else dataclasses.replace(result, point=_point(evaluator, tables, choice))


def best_combination(
    option_keys: list[list[Any]],
    cost: list[np.ndarray],
    resource: list[np.ndarray],
    limits: np.ndarray,
    max_cells: float = 2e7,
    max_work: float = 3e9,
    lagrange_iterations: int = 60,
) -> list[Any] | None:
    """The best feasible choice of one option per layer from given option tables: the MCKP of
    :func:`exact_optimum` over options someone supplies (the GA's optimised recombination over the per-layer options
    its evaluations have priced; Aggarwal, Orlin & Tai, Oper. Res. 45(2), 1997, "optimized crossover").

    Args:
        option_keys: per layer, the options' keys (any hashable; returned as chosen).
        cost: per layer, (m_i,) objective values of the options (a sum over layers is minimised).
        resource: per layer, (m_i, n) uses of the ``n`` summed budgets.
        limits: (n,) the budgets.
        max_cells, max_work, lagrange_iterations: as :func:`exact_optimum`.

    Returns:
        The chosen key per layer: optimal when the DP fits its limits, else the best feasible choice the Lagrangian
        relaxation found (or, if it found none, each layer's leanest option improved by one-layer exchanges). None
        when none was found: with at most one budget, or whole-number budgets within ``max_cells``, that proves no
        choice meets the budgets; with several real-valued ones it may not.
    """
    keys, costs, resources = [], [], []
    limits = np.asarray(limits, dtype=np.float64)
    for k_i, c_i, r_i in zip(option_keys, cost, resource):
        c_i = np.asarray(c_i, dtype=np.float64)
        r_i = np.asarray(r_i, dtype=np.float64).reshape(len(c_i), len(limits))
        idx = np.flatnonzero(np.all(r_i <= limits * _TOL, axis=1) & np.isfinite(c_i))
        if len(idx) == 0:
            return None
        keep = idx[_undominated(c_i[idx], r_i[idx])]
        keys.append([k_i[j] for j in keep])
        costs.append(c_i[keep])
        resources.append(r_i[keep])
    metrics = [f"budget{k}" for k in range(len(limits))]
    tables = _Tables(keys, {}, costs, resources, metrics, limits)
    try:
        _, choice = _solve(tables, max_cells, max_work, lagrange_iterations)
    except InfeasibleError:
        return None
    if choice is None:  # the relaxation met no feasible choice: start from each layer's leanest option
        share = [(r / np.where(limits > 0, limits, 1.0)).sum(axis=1) for r in resources]
        choice = [int(np.argmin(sh)) for sh in share]
        if not _feasible(tables, choice):
            return None
        choice = _improve(tables, choice)
    return [keys[i][o] for i, o in enumerate(choice)]


def _solve(tables: _Tables, max_cells: float, max_work: float,
           lagrange_iterations: int) -> tuple[ExactResult, list[int] | None]:
    """The MCKP over ``tables`` (module docstring, steps 2-4): the result without its point, and the chosen option
    index per layer (None when no feasible choice was found)."""
    counts = tuple(len(c) for c in tables.cost)
    L = len(tables.cost)
    n_con = len(tables.metrics)
    integer = [k for k in range(n_con) if _is_integral(tables, k)]
    reals = [k for k in range(n_con) if k not in integer]
    scaled = {k: _scale(tables, k) for k in integer}  # k -> (per-layer int weights, cap) or None if non-binding
    binding = [k for k in integer if scaled[k] is not None]
    cells = {k: scaled[k][1] + 1 for k in binding}
    total_opts = sum(counts)

    def fits(dims: list[int]) -> bool:
        if not dims:
            return True  # no indexed budget: the DP is a per-layer minimum
        n = math.prod(cells[k] for k in dims)
        return n <= max_cells and n * total_opts <= max_work and n * L * 2 <= _MAX_CHOICE_BYTES

    if not reals and fits(binding):
        value, choice = _dp(tables, binding, scaled, extra=None)
        if choice is None:
            raise InfeasibleError("no design meets the constraints (exact DP found no feasible assignment)")
        primal = _primal_cost(tables, choice)
        names = [tables.metrics[k] for k in binding]
        return ExactResult(primal, None, False, f"mckp-dp {names}", primal, counts), choice

    # Lagrangian relaxation: index the largest set of budgets that fits, relax the rest; try each such choice.
    candidates = []
    for r in range(len(binding), -1, -1):
        for dims in itertools.combinations(binding, r):
            if fits(list(dims)):
                candidates.append(list(dims))
        if candidates:
            break
    best_bound, best_choice, best_primal, best_method = -math.inf, None, math.inf, ""
    for dims in candidates:
        relaxed = [k for k in binding if k not in dims] + reals
        bound, choice = _lagrangian(tables, dims, relaxed, scaled, lagrange_iterations)
        if choice is not None:
            choice = _improve(tables, choice)
            primal = _primal_cost(tables, choice)
            if primal < best_primal:
                best_primal, best_choice = primal, choice
        if bound > best_bound:
            best_bound = bound
            best_method = (f"lagrangian: dp over {[tables.metrics[k] for k in dims]}, relaxed "
                           f"{[tables.metrics[k] for k in relaxed]}")
    if best_choice is None and not math.isfinite(best_bound):
        raise InfeasibleError("no design meets the constraints (Lagrangian relaxation found no feasible assignment)")
    primal_value = best_primal if best_choice is not None else None
    if primal_value is not None and primal_value <= best_bound * (1 + 1e-9):
        return ExactResult(primal_value, None, False, best_method + " (gap closed)", primal_value, counts), best_choice
    return ExactResult(float(best_bound), None, True, best_method, primal_value, counts), best_choice


def relaxed_latency_bound(evaluator: Evaluator, max_options: int = 100_000) -> float:
    """A lower bound on the latency (``latency_cycles``, the problem's first objective) of every feasible design:
    :func:`npu_dse.cost_models.bounds.runtime_floor` with the per-layer budgets (the relaxation is documented there).
    It is issue 15's "lower bound where one is computable" for a problem with no exact optimum: a search's best
    design is at most best / bound above the optimum.

    Returns:
        Cycles (float).

    Raises:
        NotApplicable: the first objective is not ``latency_cycles``, or too many options per layer.
        InfeasibleError: no option meets the per-layer budgets.
    """
    if evaluator.problem.objectives[0] != "latency_cycles":
        raise NotApplicable(f"the relaxed bound is for latency_cycles, not {evaluator.problem.objectives[0]!r}")
    return runtime_floor(evaluator, budgets=True, max_options=max_options)


# ---------------------------------------------------------------------- option tables
@dataclass(frozen=True)
class AdditiveForm:
    """How an additive per-layer problem (module docstring) decomposes into layers.

    Attributes:
        cost_column: the :data:`~npu_dse.cost_models.evaluator.LAYER_METRICS` column whose sum over layers is the
            first objective.
        metrics: the constrained metrics, each a sum over layers (LP) or a maximum (LS) of its
            :data:`~npu_dse.cost_models.evaluator.CONSTRAINT_LAYER_COLUMN` column.
        limits: (len(metrics),) their limits.
        summed: True under LP (the budgets are sums), False under LS (each layer within the limits on its own).
    """

    cost_column: str
    metrics: tuple[str, ...]
    limits: np.ndarray
    summed: bool


def additive_form(evaluator: Evaluator, fine: bool = True) -> AdditiveForm:
    """The per-layer decomposition of ``evaluator``'s problem.

    Raises:
        NotApplicable: the problem is not additive per layer (reason in the message).
    """
    problem = evaluator.problem
    space = problem.space
    objective = problem.objectives[0]
    additive = set(_OBJECTIVE_COLUMN) if space.mode == "LP" else set(SUMMED_OVER_LAYERS)
    if objective not in additive:
        raise NotApplicable(
            f"objective {objective!r} is not a sum over layers in {space.mode}; exact optimum needs one of "
            f"{sorted(additive)}"
        )
    if evaluator.physical and objective in ("energy_pj", "edp", "power_mw"):
        raise NotApplicable(f"objective {objective!r} includes leakage over the whole run under a physical "
                            "technology, which is not a sum of per-layer costs")
    for p in space.global_:
        values = p.fine_values() if fine else p.values
        if len(values) > 1:
            raise NotApplicable(f"global parameter {p.name!r} takes {len(values)} values; the exact DP needs every "
                                f"searched parameter per layer (a global one couples the layers)")
    other = sorted(set(evaluator.limits) - set(evaluator.layer_limits))
    if other:
        raise NotApplicable(f"constraint(s) {other} do not combine over layers as sums or maxima under this "
                            "technology; the exact DP needs per-layer budgets")
    metrics = tuple(evaluator.limits)
    limits = np.asarray([evaluator.limits[m] for m in metrics], dtype=np.float64)
    return AdditiveForm(_OBJECTIVE_COLUMN[objective], metrics, limits, space.mode == "LP")


def _option_tables(evaluator: Evaluator, fine: bool, max_options: int) -> _Tables:
    problem = evaluator.problem
    space = problem.space
    form = additive_form(evaluator, fine)
    per_layer = space.per_layer
    value_lists = [list(p.fine_values() if fine else p.values) for p in per_layer]
    n_options = math.prod(len(v) for v in value_lists)
    if n_options > max_options:
        raise NotApplicable(f"{n_options} options per layer exceed max_options={max_options}")
    combos = list(itertools.product(*value_lists))
    L = problem.num_layers
    base_point: dict[str, Any] = {}
    for p in space.parameters:
        v = (p.fine_values() if fine else p.values)[0]
        base_point[p.name] = tuple([v] * L) if p.scope == "per_layer" else v
    metrics, limits = list(form.metrics), form.limits
    option_values, costs, resources = [], [], []
    for i in range(L):
        base = space.layer_params(base_point, i)
        params = [{**base, **{p.name: v for p, v in zip(per_layer, combo)}} for combo in combos]
        table = evaluator.layer_costs(i, params)
        cost = table[form.cost_column]
        res = (np.stack([table[CONSTRAINT_LAYER_COLUMN[m]] for m in metrics], axis=1) if metrics
               else np.zeros((len(combos), 0)))
        ok = table["buffers_ok"] > 0
        if space.mode == "LS":  # the budget bounds the largest layer: a per-layer filter, exact
            ok &= np.all(res <= limits * _TOL, axis=1)
            keep_res = np.zeros((len(combos), 0))
        else:
            ok &= np.all(res <= limits * _TOL, axis=1)
            keep_res = res
        idx = np.flatnonzero(ok)
        if len(idx) == 0:
            raise InfeasibleError(f"layer {i} ({problem.network.layers[i].name!r}) has no option within the "
                                  f"constraints {dict(zip(metrics, limits.tolist()))}")
        keep = idx[_undominated(cost[idx], keep_res[idx])]
        option_values.append([combos[j] for j in keep])
        costs.append(np.asarray(cost[keep], dtype=np.float64))
        resources.append(np.asarray(keep_res[keep], dtype=np.float64))
    if space.mode == "LS":
        metrics, limits = [], np.zeros(0)
    global_values = {p.name: base_point[p.name] for p in space.global_}
    return _Tables(option_values, global_values, costs, resources, metrics, limits)


def _undominated(cost: np.ndarray, res: np.ndarray, chunk: int = 256) -> np.ndarray:
    """Indices of options no other option dominates (cheaper-or-equal on cost and every resource); ties keep one.

    Sorted by cost then resources, an option is dominated exactly when an earlier one is no worse in every column,
    and then (dominance being transitive) when an earlier undominated one is: options are checked in chunks against
    those kept so far and against the earlier ones of their chunk."""
    vals = np.column_stack([cost, res])
    order = np.lexsort(vals.T[::-1])
    vals = vals[order]
    keep: list[np.ndarray] = []
    kept = np.empty((0, vals.shape[1]))
    for start in range(0, len(vals), chunk):
        block = vals[start:start + chunk]
        out = np.all(kept[None, :, :] <= block[:, None, :], axis=2).any(axis=1)
        within = np.all(block[None, :, :] <= block[:, None, :], axis=2)  # (j, i): option i no worse than j
        out |= np.tril(within, -1).any(axis=1)
        idx = np.flatnonzero(~out)
        keep.append(start + idx)
        kept = np.vstack([kept, block[idx]])
    return np.sort(order[np.concatenate(keep)]) if keep else np.zeros(0, dtype=np.int64)


def _is_integral(t: _Tables, k: int) -> bool:
    """True when every option's use of budget ``k`` is a whole number (PEs, bytes), so the DP can index it."""
    return all(bool(np.all(r[:, k] == np.round(r[:, k]))) for r in t.resource)


def _scale(t: _Tables, k: int) -> tuple[list[np.ndarray], int] | None:
    """Integer weights (offset by each layer's minimum, divided by their gcd) and capacity; None if never binding."""
    mins = [int(round(r[:, k].min())) for r in t.resource]
    offs = [np.round(r[:, k]).astype(np.int64) - m for r, m in zip(t.resource, mins)]
    cap = math.floor(t.limits[k] * _TOL) - sum(mins)
    if cap < 0:
        raise InfeasibleError(f"no design meets the constraint {t.metrics[k]!r} = {t.limits[k]:g}: the layers need at "
                              f"least {sum(mins)} together")
    if sum(int(o.max()) for o in offs) <= cap:
        return None
    g = 0
    for o in offs:
        g = math.gcd(g, int(np.gcd.reduce(o))) if len(o) else g
    g = max(g, 1)
    return [o // g for o in offs], cap // g


# ---------------------------------------------------------------------- dynamic programme
def _prune(cost: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Indices of options not dominated in (cost, indexed weights ``w`` of shape (m, d))."""
    if w.shape[1] == 0:
        return np.asarray([int(np.argmin(cost))])
    if w.shape[1] == 1:  # staircase: strictly cheaper than every lighter-or-equal option
        order = np.lexsort((cost, w[:, 0]))
        c = cost[order]
        prev = np.concatenate([[np.inf], np.minimum.accumulate(c)[:-1]])
        return np.sort(order[c < prev])
    return _undominated(cost, w.astype(np.float64))


def _dp(t: _Tables, dims: list[int], scaled: dict, extra: np.ndarray | None) -> tuple[float, list[int] | None]:
    """Min of sum(cost [+ extra·resource]) with the budgets ``dims`` indexed; (value, option per layer).

    ``f[b]`` is the least cost of the layers so far using exactly ``b`` (offset, gcd-scaled) units of each indexed
    budget; each layer takes the min over its options of ``f[b - w] + c`` (MCKP recurrence).
    """
    L = len(t.cost)
    shape = tuple(scaled[k][1] + 1 for k in dims)
    cap = np.asarray(shape, dtype=np.int64)
    costs = [t.cost[i] if extra is None else t.cost[i] + t.resource[i] @ extra for i in range(L)]
    if not dims:
        choice = [int(np.argmin(c)) for c in costs]
        return float(sum(float(c[o]) for c, o in zip(costs, choice))), choice
    f = np.full(shape, np.inf)
    f[(0,) * len(dims)] = 0.0
    choices = []
    for i in range(L):
        c = costs[i]
        w = np.stack([scaled[k][0][i] for k in dims], axis=1)
        fit = np.flatnonzero(np.all(w < cap, axis=1))
        opts = fit[_prune(c[fit], w[fit])]
        g = np.full(shape, np.inf)
        ch = np.zeros(shape, dtype=np.uint16)
        for o in opts:
            wo = w[o]
            dst = tuple(slice(int(x), None) for x in wo)
            src = tuple(slice(0, s - int(x)) for s, x in zip(shape, wo))
            cand = f[src] + c[o]
            gv, cv = g[dst], ch[dst]
            better = cand < gv
            gv[better] = cand[better]
            cv[better] = o
        f = g
        choices.append(ch)
    flat = int(np.argmin(f))
    value = float(f.flat[flat])
    if not math.isfinite(value):
        return math.inf, None
    state = list(np.unravel_index(flat, shape))
    choice = [0] * L
    for i in range(L - 1, -1, -1):
        o = int(choices[i][tuple(state)])
        choice[i] = o
        for d, k in enumerate(dims):
            state[d] -= int(scaled[k][0][i][o])
    return value, choice


def _usage(t: _Tables, choice: list[int]) -> np.ndarray:
    return sum((t.resource[i][o] for i, o in enumerate(choice)), np.zeros(len(t.metrics)))


def _primal_cost(t: _Tables, choice: list[int]) -> float:
    return float(sum(float(t.cost[i][o]) for i, o in enumerate(choice)))


def _feasible(t: _Tables, choice: list[int]) -> bool:
    return bool(np.all(_usage(t, choice) <= t.limits * _TOL))


def _lagrangian(t: _Tables, dims: list[int], relaxed: list[int], scaled: dict,
                iterations: int) -> tuple[float, list[int] | None]:
    """Best Lagrangian bound over multipliers of the ``relaxed`` budgets, and the best feasible choice seen."""
    n = len(t.metrics)
    limits = t.limits
    # multipliers in cost units per resource unit: start from the scale cost / budget
    scale = np.zeros(n)
    base_cost = sum(float(c.min()) for c in t.cost)
    for k in relaxed:
        scale[k] = max(base_cost, 1e-300) / max(limits[k], 1e-300)
    best_bound, best_choice, best_primal = -math.inf, None, math.inf

    def solve(lam: np.ndarray) -> tuple[float, list[int] | None]:
        nonlocal best_bound, best_choice, best_primal
        value, choice = _dp(t, dims, scaled, lam)
        if choice is None:
            return -math.inf, None
        bound = value - float(lam @ limits)
        best_bound = max(best_bound, bound)
        if _feasible(t, choice):
            p = _primal_cost(t, choice)
            if p < best_primal:
                best_primal, best_choice = p, choice
        return bound, choice

    lam = np.zeros(n)
    _, choice = solve(lam)
    if choice is None:
        return -math.inf, None
    if _feasible(t, choice):  # the relaxed budgets do not bind: exact
        return best_bound, best_choice
    if len(relaxed) == 1:
        k = relaxed[0]
        lo, hi = 0.0, scale[k]
        for _ in range(60):  # find a multiplier whose solution meets the budget
            lam[k] = hi
            _, choice = solve(lam)
            if choice is not None and _usage(t, choice)[k] <= limits[k] * _TOL:
                break
            lo, hi = hi, hi * 4
        for _ in range(iterations):
            mid = 0.5 * (lo + hi)
            lam[k] = mid
            _, choice = solve(lam)
            if choice is None or _usage(t, choice)[k] > limits[k] * _TOL:
                lo = mid
            else:
                hi = mid
            if hi - lo <= 1e-12 * hi:
                break
        return best_bound, best_choice
    # several relaxed budgets: projected subgradient ascent with Polyak steps (Held, Wolfe & Crowder 1974)
    theta = 1.0
    last_improvement = best_bound
    for it in range(iterations):
        bound, choice = solve(lam)
        if choice is None:
            break
        g = np.zeros(n)
        use = _usage(t, choice)
        for k in relaxed:
            g[k] = (use[k] - limits[k]) / limits[k]
        if not np.any(g[relaxed] > 0) and _feasible(t, choice) and bound >= best_primal * (1 - 1e-12):
            break
        target = best_primal if math.isfinite(best_primal) else abs(bound) * 1.05 + 1e-12
        step = theta * max(target - bound, 1e-12 * abs(target)) / max(float(g @ g), 1e-30)
        lam = np.maximum(0.0, lam + step * g / np.where(limits > 0, limits, 1.0))
        if it % 5 == 4:
            if best_bound <= last_improvement:
                theta *= 0.5
            last_improvement = best_bound
    return best_bound, best_choice


def _improve(t: _Tables, choice: list[int], rounds: int = 10_000) -> list[int]:
    """Greedy one-layer exchanges that lower the cost and keep every budget (steepest descent)."""
    choice = list(choice)
    use = _usage(t, choice)
    for _ in range(rounds):
        best_gain, best_move = 0.0, None
        for i, o in enumerate(choice):
            new_use = use - t.resource[i][o] + t.resource[i]
            ok = np.all(new_use <= t.limits * _TOL, axis=1)
            gain = np.where(ok, t.cost[i][o] - t.cost[i], -np.inf)
            j = int(np.argmax(gain))
            if gain[j] > best_gain:
                best_gain, best_move = float(gain[j]), (i, j)
        if best_move is None:
            break
        i, j = best_move
        use = use - t.resource[i][choice[i]] + t.resource[i][j]
        choice[i] = j
    return choice


def _point(evaluator: Evaluator, t: _Tables, choice: list[int]) -> dict[str, Any]:
    space = evaluator.problem.space
    L = evaluator.problem.num_layers
    point: dict[str, Any] = {}
    point.update(t.global_values)
    for j, p in enumerate(space.per_layer):
        point[p.name] = tuple(t.option_values[i][choice[i]][j] for i in range(L))
    return point
