"""``npu-dse/AcceleratorConfig-v0``: one accelerator for the whole network, one parameter per step."""

from __future__ import annotations

import math
from typing import Any

import gymnasium as gym
import numpy as np
from gymnasium import spaces

from npu_dse.cost_models.errors import SpaceError
from npu_dse.cost_models.evaluator import CONSTRAINT_LAYER_COLUMN, OBJECTIVES, Evaluator, Problem
from npu_dse.envs.layerwise import problem_and_evaluator

FEASIBLE_FLOOR = 4.0
"""A feasible design's reward is at least ``-FEASIBLE_FLOOR`` (log scale); every infeasible one is below it."""


class AcceleratorConfig(gym.Env):
    """Choose a global accelerator configuration (PEs, L1, L2, NoC bandwidth, dataflow, ...) step by step.

    ## Description
    Every searched parameter of the space must be ``global``. The agent picks one parameter's level per step, in
    the space's order; after the last one the design is evaluated on every layer of the network (layer-
    sequential: one accelerator runs all layers) through the shared :class:`~npu_dse.cost_models.evaluator.Evaluator`.

    ## Action Space
    ``Discrete(max_levels)``: the level of the current parameter. A parameter with ``n_levels`` levels takes level
    ``action * n_levels // max_levels``, so its levels split the actions evenly (a uniform policy picks each level
    with the same probability, as a uniform policy over a ``Discrete(n_levels)`` would); :meth:`action_masks`
    offers the actions of the allowed levels.

    ## Observation Space
    ``Box(0, 1, (2 * n_params + n_params,), float32)``: for each parameter its chosen level divided by
    ``n_levels - 1`` and a chosen flag, then a one-hot of the parameter being decided.

    ## Rewards
    0 until the last step. Then, for a feasible design, ``log(ref / objective)`` (``log(objective / ref)`` for
    throughput), where ``ref`` is the objective of the design with every parameter at its median level: higher is
    better, 0 at the reference, floored at ``-FEASIBLE_FLOOR`` (a design e^4 ~ 55x worse than the reference).
    An infeasible design gets ``-(FEASIBLE_FLOOR + 1 + min(log(1 + overshoot), 3))`` with ``overshoot`` the
    largest relative excess over a limit (1 when only the buffers, the mapping or a generator rule fail,
    :data:`~npu_dse.cost_models.evaluator.STRUCTURAL_VIOLATIONS`): always below every feasible design,
    and on the same log scale, so that designs 50x over a budget do not swamp, after PPO's advantage normalisation,
    the differences between feasible designs (with ``-(1 + overshoot)`` they did: PPO on global BERT-base edge
    settled within ~300 episodes on the smallest feasible array). Always finite; a cost-model failure raises an
    error naming the design point.

    ## Starting State
    Nothing chosen; the first parameter is being decided.

    ## Episode End
    Terminated after the last parameter. Never truncated.

    ## Info
    Every step: ``parameter`` and ``value``. At the end: ``design``, ``metrics``, ``feasible``, ``violations``.

    ## Arguments
    ``problem`` (a :class:`Problem`, with a space whose parameters are all global) or the keywords of
    :meth:`Problem.build` (default space ``global``); ``evaluator`` to share an evaluator.

    ## Version History
    v0: first version; actions now split evenly over a parameter's levels (were ``min(action, n_levels - 1)``,
    which gave a 5-valued parameter's top level 5/9 of a uniform policy over ``Discrete(9)``) and rewards are on a
    log scale (were ``ref / objective`` and ``-(1 + overshoot)``).
    """

    metadata = {"render_modes": []}

    def __init__(self, problem: Problem | None = None, evaluator: Evaluator | None = None, **kwargs: Any) -> None:
        super().__init__()
        if problem is None and evaluator is None:
            kwargs.setdefault("space", "global")
        self.problem, self.evaluator = problem_and_evaluator(problem, evaluator, kwargs)
        space = self.problem.space
        if space.per_layer:
            raise SpaceError(
                f"AcceleratorConfig decides global parameters only; {[p.name for p in space.per_layer]} are "
                "per_layer (use LayerwiseAssignment)"
            )
        self.params = space.parameters
        self.n_levels = np.array([p.n_levels for p in self.params], dtype=np.int64)
        self.objective = self.problem.objectives[0]
        n = len(self.params)
        self.observation_space = spaces.Box(0.0, 1.0, shape=(3 * n,), dtype=np.float32)
        self.action_space = spaces.Discrete(int(self.n_levels.max()))
        median = {p.name: p.values[p.n_levels // 2] for p in self.params}
        self._ref = abs(self.evaluator.evaluate(median).metrics[self.objective]) or 1.0
        self._levels = np.full(n, -1, dtype=np.int64)
        self._k = 0
        # action masks by (parameter index, levels chosen before it): a mask depends on nothing else
        self._masks: dict[tuple[int, ...], np.ndarray] = {}

    def reset(self, *, seed: int | None = None, options: dict | None = None):
        super().reset(seed=seed)
        self._levels[:] = -1
        self._k = 0
        return self._obs(), {"parameter": self.params[0].name}

    def _obs(self) -> np.ndarray:
        n = len(self.params)
        chosen = self._levels >= 0
        lv = np.where(chosen, self._levels, 0) / np.maximum(self.n_levels - 1, 1)
        onehot = np.zeros(n)
        if self._k < n:
            onehot[self._k] = 1.0
        return np.concatenate([lv, chosen.astype(float), onehot]).astype(np.float32)

    def _point(self, levels: np.ndarray) -> dict[str, Any]:
        return {p.name: p.values[int(lv)] for p, lv in zip(self.params, levels)}

    def step(self, action):
        a = int(np.asarray(action).reshape(()))
        if not 0 <= a < self.action_space.n:
            raise SpaceError(f"action {action!r} is not in {self.action_space}")
        p = self.params[self._k]
        self._levels[self._k] = self._level(a, p.n_levels)
        info: dict[str, Any] = {"parameter": p.name, "value": p.values[self._levels[self._k]]}
        self._k += 1
        if self._k < len(self.params):
            return self._obs(), 0.0, False, False, info
        ev = self.evaluator.evaluate(self._point(self._levels))
        info.update(design=ev.point, metrics=ev.metrics, feasible=ev.feasible, violations=ev.violations,
                    layers=ev.layers)
        if ev.feasible:
            v = max(abs(ev.metrics[self.objective]), 1e-300)
            ratio = v / self._ref if OBJECTIVES[self.objective] == "max" else self._ref / v
            reward = max(math.log(ratio), -FEASIBLE_FLOOR)
        else:
            over = [(ev.metrics[m] - lim) / lim for m, lim in self.evaluator.limits.items() if m in ev.violations]
            reward = -(FEASIBLE_FLOOR + 1.0 + min(math.log1p(max(over) if over else 1.0), 3.0))
        return self._obs(), float(reward), True, False, info

    def _level(self, action: int, n_levels: int) -> int:
        """The level (0..n_levels-1) that ``action`` selects for a parameter of ``n_levels`` levels."""
        return int(action) * int(n_levels) // int(self.action_space.n)

    def action_masks(self) -> np.ndarray:
        """Actions whose level of the current parameter keeps every budget reachable (bool, length
        ``action_space.n``; every action of an allowed level is allowed).

        A level is allowed when the design made of the choices so far, this level, and every later parameter at
        its lowest level (every value, for a categorical one) meets every resource limit (PEs, buffers, SRAM,
        area, power: :data:`~npu_dse.cost_models.evaluator.CONSTRAINT_LAYER_COLUMN`) — a lower bound when those
        metrics grow with each parameter, as they do in the technology model. A latency limit or a throughput floor
        does not mask (more resources meet it, so no lowest-level design bounds it). At least the lowest level is
        always offered. Once every parameter that sets the PE count is chosen, a level whose designs' dataflows
        cannot run some layer on those PEs (violation ``mapping``: a template's clusters need more) is masked too.
        A mask depends only on the parameter and the levels chosen before it, and is computed once per such prefix
        (each costs a batch of whole-network evaluations).
        """
        k = min(self._k, len(self.params) - 1)
        key = (k, *(int(v) for v in self._levels[:k]))
        if key not in self._masks:
            self._masks[key] = self._mask(k)
        return self._masks[key].copy()

    def _mask(self, k: int) -> np.ndarray:
        """The action mask of parameter ``k`` given the levels chosen for the parameters before it."""
        mask = np.zeros(self.action_space.n, dtype=bool)
        p = self.params[k]
        # resource budgets only: a latency limit (or a throughput floor) is met by *more* resources, so the
        # lowest later levels bound it from the wrong side and would forbid designs that meet it
        limits = {m: lim for m, lim in self.evaluator.limits.items() if m in CONSTRAINT_LAYER_COLUMN}
        # once no later parameter sets the PE count, a design whose dataflow cannot run a layer on the PEs chosen
        # (violation "mapping") stays so whatever comes later (later template constants at their lowest level take
        # the fewest PEs): it is masked too
        pes_settled = not any(q.name in _PE_FIELDS for q in self.params[k + 1:])
        if not limits and not pes_settled:
            mask[:] = True
            return mask
        rest = [q for q in self.params[k + 1:] if q.is_categorical]
        cat_choices = [dict(zip([q.name for q in rest], combo)) for combo in _product([q.values for q in rest])]
        points = []
        for lv in range(p.n_levels):
            base = {q.name: q.values[int(self._levels[j])] for j, q in enumerate(self.params[:k])}
            base[p.name] = p.values[lv]
            for q in self.params[k + 1:]:
                base[q.name] = q.values[0]
            points.extend({**base, **c} for c in cat_choices)
        counted = self.evaluator.n_evaluations
        evs = self.evaluator.evaluate_batch(points, validate=False)
        self.evaluator.n_evaluations = counted  # bounds for masking are not search evaluations
        per = len(cat_choices)
        allowed = np.array([any(all(e.metrics[m] <= lim * (1 + 1e-12) for m, lim in limits.items())
                                and not (pes_settled and "mapping" in e.violations)
                                for e in evs[lv * per:(lv + 1) * per]) for lv in range(p.n_levels)])
        if not allowed.any():
            allowed[0] = True
        return allowed[[self._level(a, p.n_levels) for a in range(self.action_space.n)]]


_PE_FIELDS = ("num_pes", "pe_rows", "pe_cols")
"""Parameters that set a design's PE count."""


def _product(lists: list[tuple]) -> list[tuple]:
    import itertools

    return list(itertools.product(*lists)) if lists else [()]
