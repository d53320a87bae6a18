"""The state one search pipeline shares across its stages: evaluation budget, history, best design and elite.

Every search method evaluates design points only through :meth:`SearchContext.evaluate` (or, for RL agents whose
environment evaluates, :meth:`SearchContext.record`), so the budget is counted the same way for every method:
one evaluation = one design point (an RL episode counts as one, also when it ends early by breaking a budget).
"""

from __future__ import annotations

import json
import math
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Mapping, Sequence

import numpy as np
import pandas as pd

from npu_dse.cost_models.evaluator import CONSTRAINT_METRICS, OBJECTIVES, Evaluation, Evaluator
from npu_dse.cost_models.mapper import mapping_labels

METRIC_COLUMNS: tuple[str, ...] = tuple(OBJECTIVES) + tuple(m for m in CONSTRAINT_METRICS if m not in OBJECTIVES)
"""Metric columns of the history table."""


class BudgetExhausted(Exception):
    """Raised by :meth:`SearchContext.evaluate` when the current stage has no evaluations left."""


def point_to_json(point: Mapping[str, Any] | None) -> str:
    """JSON text of a design point (tuples become lists; numpy scalars become Python numbers)."""
    if point is None:
        return "null"

    def conv(v: Any) -> Any:
        if isinstance(v, (tuple, list, np.ndarray)):
            return [conv(x) for x in v]
        if isinstance(v, np.generic):
            return v.item()
        return v

    return json.dumps({k: conv(v) for k, v in point.items()}, sort_keys=True)


def point_from_json(text: str) -> dict[str, Any] | None:
    """Inverse of :func:`point_to_json` (lists become tuples)."""
    raw = json.loads(text)
    if raw is None:
        return None
    return {k: tuple(v) if isinstance(v, list) else v for k, v in raw.items()}


@dataclass
class _Stage:
    name: str
    limit: int
    used: int = 0


TIE_BREAK: tuple[str, ...] = ("energy_pj", "area_mm2", "latency_cycles")
"""Metrics that order designs tied on the first objective, for :attr:`SearchContext.best` (least first)."""


class SearchContext:
    """Budget, history and elite of one search.

    Args:
        evaluator: evaluates design points (shared cache and counters).
        budget: total evaluations allowed.
        elite_size: how many best distinct feasible designs to keep.

    Attributes:
        best: best feasible :class:`Evaluation` so far by the first objective (None before one is found); among
            designs tied on it, the one with the least of :data:`TIE_BREAK` in turn (energy, then area, then
            latency, leaving out the objective itself), so that the design reported carries no slack a tie hides
            (a wider NoC or a larger buffer that buys nothing). Searches steer by the first objective alone.
        elite: up to ``elite_size`` best distinct feasible evaluations, best first.
        used: evaluations recorded so far.
    """

    def __init__(self, evaluator: Evaluator, budget: int, elite_size: int = 16) -> None:
        if budget < 1:
            raise ValueError(f"search budget must be >= 1 evaluation, got {budget}")
        self.evaluator = evaluator
        self.problem = evaluator.problem
        self.objective = self.problem.objectives[0]
        self.budget = int(budget)
        self.elite_size = elite_size
        self.used = 0
        self.best: Evaluation | None = None
        self._tie_break = tuple(m for m in TIE_BREAK if m != self.objective)
        self.elite: list[Evaluation] = []
        self._elite_keys: set[str] = set()
        self._rows: list[dict[str, Any]] = []
        self._stage = _Stage("search", self.budget)
        self._t0 = time.perf_counter()
        self.progress: Callable[[int, int], None] | None = None

    # ------------------------------------------------------------------ budget
    @property
    def remaining(self) -> int:
        """Evaluations left for the current stage (never more than the total left)."""
        return max(0, min(self._stage.limit - self._stage.used, self.budget - self.used))

    @property
    def stage(self) -> str:
        return self._stage.name

    @contextmanager
    def stage_budget(self, name: str, limit: int) -> Iterator["SearchContext"]:
        """Run a stage called ``name`` with at most ``limit`` evaluations; :class:`BudgetExhausted` ends it."""
        previous = self._stage
        self._stage = _Stage(name, int(limit))
        try:
            yield self
        except BudgetExhausted:
            pass
        finally:
            self._stage = previous

    # ------------------------------------------------------------------ evaluation
    def cost(self, ev: Evaluation | None) -> float:
        """The first objective as a cost to minimise; ``inf`` for an infeasible or missing design."""
        if ev is None or not ev.feasible:
            return math.inf
        return ev.objective(self.objective)

    def _rank(self, ev: Evaluation) -> tuple[float, ...]:
        """The first objective's cost, then the :data:`TIE_BREAK` metrics (``inf`` where missing)."""
        return (self.cost(ev), *(float(ev.metrics.get(m, math.inf)) for m in self._tie_break))

    def evaluate(self, points: Sequence[Mapping[str, Any]]) -> list[Evaluation]:
        """Evaluate and record up to :attr:`remaining` of ``points`` (in order).

        Returns:
            The evaluations done (possibly fewer than ``points`` when the budget runs out).

        Raises:
            BudgetExhausted: no evaluation is left for this stage when called (with at least one point).
            SpaceError: a point outside the space.
        """
        if not points:
            return []
        n = min(len(points), self.remaining)
        if n == 0:
            raise BudgetExhausted(self.stage)
        evs = self.evaluator.evaluate_batch(list(points[:n]))
        for ev in evs:
            self._add(ev.point, ev.metrics, ev.feasible, ev.violations, ev)
        return evs

    def record(self, info: Mapping[str, Any]) -> None:
        """Record an evaluation an environment made (its end-of-episode ``info``); counts against the budget."""
        point = info.get("design")
        metrics = info.get("metrics", {}) if point is not None else {}
        ev = None
        if point is not None:
            ev = Evaluation(dict(point), dict(metrics), bool(info["feasible"]), tuple(info.get("violations", ())),
                            dict(info.get("layers") or {}))
        self._add(point, metrics, bool(info.get("feasible", False)), tuple(info.get("violations", ())), ev)

    def _add(self, point, metrics, feasible, violations, ev: Evaluation | None) -> None:
        self.used += 1
        self._stage.used += 1
        cost = self.cost(ev)
        if ev is not None and feasible and (self.best is None or self._rank(ev) < self._rank(self.best)):
            self.best = ev
        if ev is not None and feasible:
            self._update_elite(ev)
        row: dict[str, Any] = {"index": self.used - 1, "stage": self.stage, "design": point_to_json(point)}
        for m in METRIC_COLUMNS:
            row[m] = float(metrics[m]) if m in metrics and point is not None else math.nan
        row["feasible"] = bool(feasible)
        row["violations"] = ",".join(violations)
        row["objective"] = cost if math.isfinite(cost) else math.nan
        row["best_so_far"] = self.cost(self.best) if self.best is not None else math.nan
        row["wall_s"] = time.perf_counter() - self._t0
        if self.problem.space.mapper:  # the mapping each layer ran, when the evaluation kept its layers
            row["mapping"] = json.dumps(mapping_labels(ev.layers)) if ev is not None and ev.layers else ""
        self._rows.append(row)
        if self.progress is not None:
            self.progress(self.used, self.budget)

    def _update_elite(self, ev: Evaluation) -> None:
        key = point_to_json(ev.point)
        if key in self._elite_keys:
            return
        self.elite.append(ev)
        self._elite_keys.add(key)
        self.elite.sort(key=self.cost)
        if len(self.elite) > self.elite_size:
            dropped = self.elite.pop()
            self._elite_keys.discard(point_to_json(dropped.point))

    def history(self) -> pd.DataFrame:
        """One row per evaluation: index, stage, design (JSON), metrics, feasible, violations, objective,
        best_so_far (first objective, minimised), wall_s, and when the space runs the mapper ``mapping``: a JSON
        list of each layer's mapping (:func:`npu_dse.cost_models.mapper.mapping_labels`)."""
        cols = ["index", "stage", "design", *METRIC_COLUMNS, "feasible", "violations", "objective", "best_so_far",
                "wall_s", *(["mapping"] if self.problem.space.mapper else [])]
        return pd.DataFrame(self._rows, columns=cols)

    def feasible_evaluations(self) -> list[Evaluation]:
        """Every distinct feasible evaluation recorded (for Pareto fronts), rebuilt from the history."""
        seen: dict[str, Evaluation] = {}
        for row in self._rows:
            if row["feasible"] and row["design"] != "null" and row["design"] not in seen:
                metrics = {m: row[m] for m in METRIC_COLUMNS}
                seen[row["design"]] = Evaluation(point_from_json(row["design"]), metrics, True, ())
        return list(seen.values())
