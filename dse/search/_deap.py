"""DEAP's fitness and individual classes, created once for the whole package (DEAP ``creator`` is global state).

- ``creator.FitnessMin1`` / ``creator.Individual1``: one objective, minimised (GA stages).
- :func:`multi_objective_classes` creates ``FitnessMinN`` / ``IndividualN`` for N objectives on first use
  (NSGA-II), all minimised (throughput is negated by :meth:`npu_dse.cost_models.evaluator.Evaluation.objective`).
"""

from __future__ import annotations

from deap import base, creator

if not hasattr(creator, "FitnessMin1"):
    creator.create("FitnessMin1", base.Fitness, weights=(-1.0,))
if not hasattr(creator, "Individual1"):
    creator.create("Individual1", list, fitness=creator.FitnessMin1)


def multi_objective_classes(n: int) -> tuple[type, type]:
    """(fitness class, individual class) for ``n`` minimised objectives, created once."""
    fit, ind = f"FitnessMin{n}", f"Individual{n}"
    if not hasattr(creator, fit):
        creator.create(fit, base.Fitness, weights=(-1.0,) * n)
    if not hasattr(creator, ind):
        creator.create(ind, list, fitness=getattr(creator, fit))
    return getattr(creator, fit), getattr(creator, ind)


Individual1 = creator.Individual1
