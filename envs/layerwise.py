"""``npu-dse/LayerwiseAssignment-v0``: ConfuciuX's per-layer resource assignment as a gymnasium environment."""

from __future__ import annotations

from typing import Any

import gymnasium as gym
import numpy as np
from gymnasium import spaces

from npu_dse.cost_models.errors import SpaceError
from npu_dse.cost_models.evaluator import (CONSTRAINT_LAYER_COLUMN, LAYER_METRICS, OBJECTIVES, SUMMED_OVER_LAYERS, Evaluator,
                                   Problem)
from npu_dse.cost_models.workload import Op

_SHAPE_FIELDS = ("K", "C", "Y", "X", "R", "S", "stride")


def problem_and_evaluator(problem: Problem | None, evaluator: Evaluator | None,
                          kwargs: dict[str, Any]) -> tuple[Problem, Evaluator]:
    """The problem an environment was given and the evaluator it uses.

    The problem is the shared ``evaluator``'s, else ``problem``, else :meth:`Problem.build` of ``kwargs``; the
    evaluator is ``evaluator``, else a new one.

    Raises:
        SpaceError: both a problem (or evaluator) and keyword arguments.
    """
    if evaluator is not None:
        problem = evaluator.problem
    if problem is not None:
        if kwargs:
            raise SpaceError(f"give either a Problem or keyword arguments, not both (got {sorted(kwargs)})")
    else:
        problem = Problem.build(**kwargs)
    return problem, (evaluator if evaluator is not None else Evaluator(problem))


def check_layerwise_space(space) -> None:
    """Raise :class:`SpaceError` unless :class:`LayerwiseAssignment` can search ``space`` (a
    :class:`~npu_dse.cost_models.space.DesignSpace`): it decides the per-layer parameters one layer at a time and
    leaves every global parameter at its one value.

    Raises:
        SpaceError: no ``per_layer`` parameter, or global parameters with several values (names them and the
            ``space.parameters`` field).
    """
    if not space.per_layer:
        raise SpaceError("the layer-by-layer environment (LayerwiseAssignment) needs at least one per_layer "
                         "parameter in space.parameters")
    multi = [p.name for p in space.global_ if p.n_levels > 1]
    if multi:
        raise SpaceError(f"a space with per-layer parameters is searched layer by layer (LayerwiseAssignment), which "
                         f"leaves global parameters at one value; space.parameters {multi} have several: give each "
                         "one value, make it scope: per_layer, or search with ga, random, anneal or bayes")


class LayerwiseAssignment(gym.Env):
    """Assign each layer its own parameter levels, one layer per step (ConfuciuX, Kao et al. MICRO 2020).

    ## Description
    The agent walks the network's layers in order. At each step it picks the levels of the space's per-layer
    parameters (ConfuciuX: PEs and ``KTileSz``) for the layer shown in the observation. Costs come from the
    MAESTRO-style engine through a shared :class:`~npu_dse.cost_models.evaluator.Evaluator`; every layer's options are
    evaluated once at construction (vectorised), so steps are table look-ups.

    ## Action Space
    ``MultiDiscrete(nvec)`` with one entry per per-layer parameter: the index of its coarse level. Wrap with
    :class:`npu_dse.envs.wrappers.FlattenAction` for agents that need ``Discrete`` (DQN).

    ## Observation Space
    ``Box(0, 1, (11 + n_constraints + n_params,), float32)``: the layer being decided — K, C, Y, X, R, S, stride
    each divided by its maximum over the network; op type one-hot (CONV, DWCONV, GEMM); position ``i / L`` —
    then the remaining fraction of each budget ``(limit - used) / limit`` clipped to [0, 1], then the previous
    action's levels divided by ``n_levels - 1``.

    ## Rewards
    Additive objectives (``latency_cycles``, ``energy_pj``): each step gives ``-cost_i / ref`` where ``ref`` is the
    network total when every layer takes its median-cost option; an episode of typical designs returns about
    ``-1``. Other objectives: 0 per step and, at the end, ``-objective / ref`` (``+throughput / ref``), ``ref``
    being the same median design's value. Breaking a budget (possible only without masking) ends the episode
    with ``-(worst / ref + 1 + rest + overshoot)``, where ``worst`` bounds every feasible design's cost, ``rest``
    is the worst cost the layers not yet decided could add (for non-additive objectives, the fraction of layers
    left) and ``overshoot`` is the largest relative excess. So every infeasible episode scores below every
    feasible one, and breaking a budget later never scores below breaking it earlier.
    Rewards are always finite; a cost-model failure raises an error that names the design point.

    ## Starting State
    The first layer, full budgets, previous action zero.

    ## Episode End
    Terminated after the last layer, or when a budget is broken. Never truncated.

    ## Info
    Every step: ``layer`` (name), ``values`` (parameter -> value for that layer). At the end: ``design`` (the
    design point), ``metrics``, ``feasible``, ``violations``.

    ## Arguments
    ``problem`` (a :class:`Problem`) or the keywords of :meth:`Problem.build` (``model``, ``platform``, ``space``,
    ``objective``, ``constraints``, ...); ``evaluator`` to share an evaluator (cache and counters).

    ## Version History
    v0: first version.
    """

    metadata = {"render_modes": []}

    def __init__(self, problem: Problem | None = None, evaluator: Evaluator | None = None, **kwargs: Any) -> None:
        super().__init__()
        self.problem, self.evaluator = problem_and_evaluator(problem, evaluator, kwargs)
        space = self.problem.space
        check_layerwise_space(space)
        self.params = space.per_layer
        self.nvec = np.array([p.n_levels for p in self.params], dtype=np.int64)
        self.network = self.problem.network
        self.L = len(self.network.layers)
        self.objective = self.problem.objectives[0]
        self.limits = self.evaluator.layer_limits
        self._build_tables()
        n_obs = len(_SHAPE_FIELDS) + 3 + 1 + len(self.limits) + len(self.params)
        self.observation_space = spaces.Box(0.0, 1.0, shape=(n_obs,), dtype=np.float32)
        self.action_space = spaces.MultiDiscrete(self.nvec)
        self._i = 0
        self._prev = np.zeros(len(self.params), dtype=np.int64)
        self._combos: list[int] = []
        self._used = np.zeros(len(self.limits))

    # ------------------------------------------------------------------ set-up
    def _build_tables(self) -> None:
        space = self.problem.space
        grid = np.stack(np.unravel_index(np.arange(int(np.prod(self.nvec))), self.nvec), axis=1)
        self._grid = grid
        base_point = space.corner(self.L, "min")
        tables = []
        for i in range(self.L):
            base = space.layer_params(base_point, i)
            plist = [{**base, **{p.name: p.values[lv] for p, lv in zip(self.params, row)}} for row in grid]
            costs = self.evaluator.layer_costs(i, plist)
            tables.append(np.stack([costs[m] for m in LAYER_METRICS], axis=1))
        self._tables = np.stack(tables)  # (L, n_combos, n_metrics)
        col = {m: k for k, m in enumerate(LAYER_METRICS)}
        # budgets in the order of self.limits: their table columns, limits, and per layer the smallest use of
        # the layers from there on (n_layers + 1, n_constraints)
        self._lp = self.problem.space.mode == "LP"
        self._cons_idx = np.array([col[CONSTRAINT_LAYER_COLUMN[m]] for m in self.limits], dtype=np.int64)
        self._limits = np.array(list(self.limits.values()), dtype=np.float64)
        mins = self._tables[:, :, self._cons_idx].min(axis=1)  # (L, n_constraints)
        self._min_rest = np.zeros((self.L + 1, len(self.limits)))
        for i in range(self.L - 1, -1, -1):
            self._min_rest[i] = self._min_rest[i + 1] + mins[i] if self._lp else np.maximum(self._min_rest[i + 1],
                                                                                            mins[i])
        self._additive_col = col[SUMMED_OVER_LAYERS[self.objective]] if self.objective in SUMMED_OVER_LAYERS else None
        self._buffers_col = col["buffers_ok"]
        # reward normalisation: the median-cost option of every layer
        key = SUMMED_OVER_LAYERS.get(self.objective, "runtime_cycles")
        med_idx = [int(np.argsort(t[:, col[key]])[len(t) // 2]) for t in self._tables]
        median_rows = self._tables[np.arange(self.L), med_idx]
        worst_rows = self._tables.max(axis=1)
        clock = self.evaluator._clock_mhz(base_point)
        self._clock = clock
        ref_metrics = self.evaluator.aggregate_metrics(median_rows, clock)
        worst_metrics = self.evaluator.aggregate_metrics(worst_rows, clock)
        self._ref = abs(ref_metrics[self.objective]) or 1.0
        worst_cost = worst_metrics[self.objective] / self._ref if OBJECTIVES[self.objective] == "min" else 0.0
        self._penalty_base = worst_cost + 1.0
        # what the layers after step i could still cost at worst: breaking a budget later never scores worse
        if self.objective in SUMMED_OVER_LAYERS:
            per_layer_worst = worst_rows[:, col[SUMMED_OVER_LAYERS[self.objective]]] / self._ref
        else:
            per_layer_worst = np.full(self.L, 1.0 / self.L)
        self._rest_worst = np.concatenate([np.cumsum(per_layer_worst[::-1])[::-1], [0.0]])
        shape = np.array([[getattr(layer, f) for f in _SHAPE_FIELDS] for layer in self.network.layers], dtype=float)
        self._shape_obs = shape / shape.max(axis=0)
        ops = [Op.CONV, Op.DWCONV, Op.GEMM]
        self._op_obs = np.array([[float(layer.op is o) for o in ops] for layer in self.network.layers])

    # ------------------------------------------------------------------ gym API
    def reset(self, *, seed: int | None = None, options: dict | None = None):
        super().reset(seed=seed)
        self._i = 0
        self._prev = np.zeros(len(self.params), dtype=np.int64)
        self._combos = []
        self._used = np.zeros(len(self.limits))
        return self._obs(), {"layer": self.network.layers[0].name}

    def _obs(self) -> np.ndarray:
        i = min(self._i, self.L - 1)
        remaining = np.clip((self._limits - self._used) / self._limits, 0.0, 1.0)
        prev = [lv / max(n - 1, 1) for lv, n in zip(self._prev, self.nvec)]
        obs = np.concatenate([self._shape_obs[i], self._op_obs[i], [i / self.L], remaining, prev])
        return obs.astype(np.float32)

    def step(self, action):
        levels = np.asarray(action, dtype=np.int64).reshape(-1)
        if levels.shape != self.nvec.shape or np.any(levels < 0) or np.any(levels >= self.nvec):
            raise SpaceError(f"action {action!r} is not in {self.action_space}")
        i = self._i
        combo = int(np.ravel_multi_index(tuple(levels), tuple(self.nvec)))
        self._combos.append(combo)
        values = {p.name: p.values[lv] for p, lv in zip(self.params, levels)}
        info: dict[str, Any] = {"layer": self.network.layers[i].name, "values": values}
        used, rewards, broken = self.advance(np.array([i]), self._used[None], np.array([combo]))
        self._used, reward, broken = used[0], float(rewards[0]), bool(broken[0])
        self._prev = levels
        self._i += 1
        done = broken or self._i == self.L
        if done:
            info.update(self._finish(broken))
            if not broken and self.objective not in SUMMED_OVER_LAYERS:
                v = info["metrics"][self.objective] / self._ref
                reward = v if OBJECTIVES[self.objective] == "max" else -v
        return self._obs(), reward, done, False, info

    def advance(self, layers: np.ndarray, used: np.ndarray,
                combos: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """One step of ``n`` episodes: the episode at layer ``layers[k]`` with budgets ``used[k]`` takes option
        ``combos[k]``. Shared by :meth:`step` and :class:`npu_dse.envs.LayerwiseAssignmentVector`.

        Args:
            layers: (n,) layer indices. used: (n, n_constraints) budget use so far, in the order of ``limits``
                (LP: sums over layers; LS: maxima). combos: (n,) option indices (C order over ``nvec``).

        Returns:
            ``(used, rewards, broken)``: (n, n_constraints) use after the step; (n,) step rewards (the layer's
            share of an additive objective, or the penalty when broken; 0 otherwise); (n,) whether a budget or a
            layer's buffer requirement is broken.
        """
        rows = self._tables[layers, combos]
        rewards = (-rows[:, self._additive_col] / self._ref if self._additive_col is not None
                   else np.zeros(len(layers)))
        cons = rows[:, self._cons_idx]
        used = used + cons if self._lp else np.maximum(used, cons)
        overshoot = np.max((used - self._limits) / self._limits, axis=1, initial=0.0)
        broken = (overshoot > 1e-12) | ~(rows[:, self._buffers_col] > 0)
        rewards = np.where(broken, -(self._penalty_base + self._rest_worst[layers + 1] + overshoot), rewards)
        return used, rewards, broken

    def _finish(self, broken: bool) -> dict[str, Any]:
        return self._episode_info(self._combos, self._used, broken)

    def _episode_info(self, combos: list[int], used: np.ndarray, broken: bool) -> dict[str, Any]:
        """End-of-episode info of the options ``combos`` (one per decided layer) with budgets ``used`` (in the order
        of ``limits``); counts one evaluation. An episode that broke a budget part-way has no design: its info gives
        the layers decided (``partial_layers``) and their options (``partial_combos``)."""
        self.evaluator.n_evaluations += 1
        if broken:
            return {"design": None, "metrics": {m: float(v) for m, v in zip(self.limits, used)}, "feasible": False,
                    "violations": tuple(m for m, u in zip(self.limits, used) if u > self.limits[m]) or ("buffers",),
                    "partial_layers": len(combos), "partial_combos": tuple(combos)}
        point = self.design_point(combos)
        table = self._tables[np.arange(self.L), combos]
        metrics = self.evaluator.aggregate_metrics(table, self._clock)
        violations = self.evaluator.violations(metrics)
        return {"design": point, "metrics": metrics, "feasible": not violations, "violations": violations}

    def design_point(self, combos: list[int]) -> dict[str, Any]:
        """The design point of a full list of per-layer combo indices."""
        space = self.problem.space
        point: dict[str, Any] = {p.name: p.values[0] for p in space.global_}
        for k, p in enumerate(self.params):
            point[p.name] = tuple(p.values[int(self._grid[c, k])] for c in combos)
        return point

    # ------------------------------------------------------------------ masking
    def feasible_combos(self) -> np.ndarray:
        """Boolean (n_combos,): options of the current layer that keep every budget reachable (:meth:`feasible`)."""
        return self.feasible(np.array([min(self._i, self.L - 1)]), self._used[None])[0]

    def feasible(self, layers: np.ndarray, used: np.ndarray) -> np.ndarray:
        """Boolean (n, n_combos): for ``n`` episodes at layers ``layers`` (n,) with budget use ``used``
        (n, n_constraints), the options that keep every budget reachable.

        An option is allowed when the budget used so far, plus the option, plus the smallest possible use of the
        layers still to come stays within every limit, and provisioned buffers cover the layer's requirement.
        """
        ok = self._tables[layers, :, self._buffers_col] > 0
        if len(self._limits):
            opt = self._tables[layers][:, :, self._cons_idx]  # (n, n_combos, n_constraints)
            rest = self._min_rest[layers + 1][:, None, :]
            total = used[:, None, :] + opt + rest if self._lp else np.maximum(np.maximum(used[:, None, :], opt), rest)
            ok &= np.all(total <= self._limits * (1 + 1e-12), axis=2)
        return ok

    def action_masks(self) -> np.ndarray:
        """Mask for sb3-contrib's MaskablePPO: concatenated per-parameter booleans (length ``sum(nvec)``).

        Masks of a ``MultiDiscrete`` space are per dimension, so the allowed set is a product of per-parameter
        value sets. It is chosen inside :meth:`feasible_combos`: starting from the values that appear in some
        feasible option, the value involved in the most infeasible products is dropped until every product is
        feasible. If no option is feasible, only the least-using option is offered (the episode then ends with
        the penalty).
        """
        i = min(self._i, self.L - 1)
        ok = self.feasible_combos().reshape(tuple(self.nvec))
        return rectangle_mask(ok, None if ok.any() else self._use_fraction(i))

    def _use_fraction(self, i: int) -> np.ndarray:
        """(n_combos,): each option of layer ``i``'s summed fraction of the constrained budgets."""
        return (self._tables[i][:, self._cons_idx] / self._limits).sum(axis=1)


def rectangle_mask(ok: np.ndarray, use: np.ndarray | None) -> np.ndarray:
    """Per-parameter masks whose product lies inside the feasible options ``ok``.

    Args:
        ok: boolean array of shape ``nvec`` (one axis per parameter): the feasible options.
        use: shape (prod(nvec),): each option's budget use, needed only when no option is feasible: then only the
            least-using one is offered.

    Returns:
        Concatenated per-parameter booleans, length ``sum(nvec)``; their product is non-empty and (when ``ok`` has a
        True) contains only feasible options. Starting from the values that appear in some feasible option, the value
        involved in the most infeasible products is dropped until every product is feasible.
    """
    nvec = ok.shape
    allowed = [np.ones(n, dtype=bool) for n in nvec]
    if not ok.any():
        best = np.unravel_index(int(np.argmin(use)) if use is not None else 0, nvec)
        for d, b in enumerate(best):
            allowed[d][:] = False
            allowed[d][b] = True
        return np.concatenate(allowed)
    # protect one feasible option (the one with the most feasible options in line with it) so the product
    # never empties
    line = sum(np.broadcast_to(ok.sum(axis=d, keepdims=True), ok.shape) for d in range(ok.ndim))
    keep = np.unravel_index(int(np.argmax(np.where(ok, line, -1))), ok.shape)
    for d in range(len(nvec)):
        allowed[d] = np.moveaxis(ok, d, 0).reshape(nvec[d], -1).any(axis=1)
    while True:
        sub = ok[np.ix_(*allowed)]
        if sub.all():
            break
        worst, worst_count = None, 0
        for d in range(len(nvec)):
            bad = np.moveaxis(~sub, d, 0).reshape(sub.shape[d], -1).sum(axis=1)
            idx = np.flatnonzero(allowed[d])
            for k in range(len(idx) - 1, -1, -1):  # ties: drop the larger level
                if idx[k] != keep[d] and bad[k] > worst_count:
                    worst, worst_count = (d, idx[k]), int(bad[k])
        allowed[worst[0]][worst[1]] = False
    return np.concatenate(allowed)
