"""Pareto fronts and hypervolume over a problem's objectives.

Objectives are compared as *costs* to minimise: :meth:`npu_dse.cost_models.evaluator.Evaluation.objective` gives the
metric itself for minimised objectives and its negation for ``throughput``. Design A dominates design B when A is no
worse on every objective and strictly better on at least one (Deb et al., "A fast and elitist multiobjective genetic
algorithm: NSGA-II", IEEE TEVC 6(2), 2002).

The hypervolume is the Lebesgue measure of the region dominated by the front and bounded by a reference point
(Zitzler & Thiele 1998). It is computed exactly (``moocore.hypervolume``), in a space *normalised* so that objectives
with very different units (cycles, pJ, mm²) weigh the same: each cost c becomes ``(c - ideal) / (reference -
ideal)``, so the result is the fraction of the box ``[ideal, reference]`` the front dominates, in [0, 1]. Defaults:
``ideal`` = the front's best cost per objective and ``reference`` = ``ideal + 1.1 * (worst - ideal)`` (1.1 x the
front's worst in the normalised space; a degenerate objective with worst == ideal uses a range of
``max(|worst|, 1)``). To compare fronts (e.g. across generations), pass the same ``reference`` and ``ideal`` to every
call.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from npu_dse.cost_models.errors import SpaceError
from npu_dse.cost_models.evaluator import OBJECTIVES, Evaluation


def objective_costs(evaluations: Sequence[Evaluation], objectives: Sequence[str]) -> np.ndarray:
    """Cost matrix of shape (len(evaluations), len(objectives)); throughput negated.

    Raises:
        SpaceError: an unknown objective name (lists the allowed ones).
    """
    for o in objectives:
        if o not in OBJECTIVES:
            raise SpaceError(f"unknown objective {o!r}; allowed: {', '.join(OBJECTIVES)}")
    return np.asarray([[ev.objective(o) for o in objectives] for ev in evaluations], dtype=np.float64).reshape(
        len(evaluations), len(objectives)
    )


def non_dominated_mask(costs: np.ndarray) -> np.ndarray:
    """Boolean mask of the rows of ``costs`` (shape (n, m), minimised) that no other row dominates.

    Of rows with identical costs only the first is kept. Computed by ``moocore.is_nondominated`` (López-Ibáñez
    et al., the COCO/moocore library).
    """
    import moocore

    costs = np.asarray(costs, dtype=np.float64)
    if len(costs) == 0:
        return np.zeros(0, dtype=bool)
    return np.asarray(moocore.is_nondominated(costs, keep_weakly=False), dtype=bool)


def pareto_front(evaluations: Sequence[Evaluation], objectives: Sequence[str]) -> list[Evaluation]:
    """The non-dominated feasible evaluations over ``objectives``, sorted by the first objective's cost.

    Infeasible evaluations are ignored; of designs with identical costs the first is kept.

    Args:
        evaluations: evaluated designs (e.g. :meth:`npu_dse.search.context.SearchContext.feasible_evaluations`).
        objectives: objective names of :data:`npu_dse.cost_models.evaluator.OBJECTIVES`.

    Raises:
        SpaceError: an unknown objective name.
    """
    feasible = [ev for ev in evaluations if ev.feasible]
    if not feasible:
        return []
    costs = objective_costs(feasible, objectives)
    finite = np.all(np.isfinite(costs), axis=1)
    idx = np.flatnonzero(finite)
    mask = non_dominated_mask(costs[idx])
    chosen = idx[mask]
    order = np.lexsort(costs[chosen].T[::-1])
    return [feasible[i] for i in chosen[order]]


def default_reference(costs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(ideal, reference) of the module docstring for a cost matrix of shape (n, m), n >= 1."""
    ideal = costs.min(axis=0)
    worst = costs.max(axis=0)
    span = worst - ideal
    span = np.where(span > 0, span, np.maximum(np.abs(worst), 1.0))
    return ideal, ideal + 1.1 * span


def hypervolume(
    front: Sequence[Evaluation],
    objectives: Sequence[str],
    reference: Sequence[float] | None = None,
    ideal: Sequence[float] | None = None,
) -> float:
    """Exact hypervolume of ``front`` in the normalised cost space of the module docstring.

    Args:
        front: evaluations (need not be non-dominated; dominated points add nothing).
        objectives: objective names; costs as :func:`objective_costs`.
        reference: reference point in cost units (throughput negated), one value per objective; default
            ``ideal + 1.1 * (worst - ideal)`` of ``front``.
        ideal: the point mapped to the origin of the normalised space; default the front's best per objective.

    Returns:
        The dominated fraction of the box ``[ideal, reference]``, in [0, 1]; 0.0 for an empty front.
        Points not strictly better than ``reference`` on every objective contribute nothing.

    Raises:
        SpaceError: unknown objective, or ``reference``/``ideal`` of the wrong length or with
            ``reference <= ideal`` somewhere.
    """
    if not front:
        return 0.0
    costs = objective_costs(front, objectives)
    d_ideal, d_ref = default_reference(costs)
    ideal_a = d_ideal if ideal is None else np.asarray(ideal, dtype=np.float64)
    ref_a = d_ref if reference is None else np.asarray(reference, dtype=np.float64)
    m = len(objectives)
    if ideal_a.shape != (m,) or ref_a.shape != (m,):
        raise SpaceError(f"hypervolume: 'reference' and 'ideal' need {m} values (one per objective)")
    if np.any(ref_a <= ideal_a):
        raise SpaceError(f"hypervolume: reference {ref_a.tolist()} must exceed ideal {ideal_a.tolist()}")
    norm = (costs - ideal_a) / (ref_a - ideal_a)
    norm = norm[np.all(norm < 1.0, axis=1)]
    if len(norm) == 0:
        return 0.0
    norm = np.maximum(norm, 0.0)  # points beyond a given ideal are clipped to the box
    import moocore

    return float(moocore.hypervolume(norm, ref=np.ones(m)))
