"""Multi-objective search with DEAP's NSGA-II (Deb et al., IEEE TEVC 6(2), 2002).

An individual is one coarse level index per gene (:meth:`npu_dse.cost_models.space.DesignSpace.genes`). Its fitness is
the problem's objectives as costs to minimise (:meth:`Evaluation.objective`: throughput negated), with DEAP's
``FitnessMinN`` classes from :mod:`npu_dse.search._deap`. Constraints are handled by *dominated rank* (Deb's
constrained domination, approximated): an infeasible design gets, on every objective, ``INFEASIBLE_COST * (1 +
relative excess)``, so every feasible design dominates it and among infeasible designs the smaller excess wins.

Each generation makes ``population`` children by two-point crossover (``tools.cxTwoPoint``, probability ``cxpb``)
and uniform integer mutation (``tools.mutUniformInt``, per-gene probability ``indpb``, default 1 / n_genes),
evaluates them in one batch, and keeps the best ``population`` of parents + children by ``tools.selNSGA2``.
The Pareto front and its hypervolume are those of all feasible evaluations (:mod:`npu_dse.search.pareto`,
:class:`npu_dse.search.pipeline.SearchResult`).
"""

from __future__ import annotations

import random
from typing import Any

from deap import tools

from npu_dse.cost_models.evaluator import STRUCTURAL_VIOLATIONS, Evaluation
from npu_dse.search._deap import multi_objective_classes
from npu_dse.search.baselines import Genes
from npu_dse.search.context import BudgetExhausted, SearchContext
from npu_dse.search.options import Count, NonNegativeCount, Probability

INFEASIBLE_COST = 1e30
"""Cost given to every objective of an infeasible design (times 1 + its relative constraint excess)."""


def fitness_values(ctx: SearchContext, ev: Evaluation) -> tuple[float, ...]:
    """NSGA-II fitness of an evaluation: objective costs, or the dominated infeasible cost (module docstring)."""
    objectives = ctx.problem.objectives
    if ev.feasible:
        return tuple(float(ev.objective(o)) for o in objectives)
    excess = 0.0
    for m in ev.violations:
        excess += 1.0 if m in STRUCTURAL_VIOLATIONS else max(0.0, ev.metrics[m] / ctx.evaluator.limits[m] - 1.0)
    return (INFEASIBLE_COST * (1.0 + excess),) * len(objectives)


def nsga2(
    ctx: SearchContext,
    seed: int,
    elite: list[Evaluation],
    population: Count = 64,
    generations: NonNegativeCount | None = None,
    cxpb: Probability = 0.9,
    indpb: Probability | None = None,
) -> None:
    """NSGA-II until the stage budget is used (or ``generations`` generations are done).

    Args:
        ctx: search context (budget, history; the front is built from its feasible evaluations).
        seed: seeds a private ``random.Random``; DEAP's operators draw from the global ``random``, which is seeded
            from it for the run and restored afterwards.
        elite: designs put in the first population (snapped to coarse levels); the rest are random.
        population: population size (children per generation; rounded up to a multiple of 4 as selNSGA2 needs).
        generations: generations after the initial population; None runs until the budget is used.
        cxpb: probability of crossing a pair of parents.
        indpb: per-gene mutation probability (default ``1 / n_genes``).
    """
    rng = random.Random(seed)
    saved = random.getstate()
    random.seed(rng.random())
    try:
        _run(ctx, elite, population, generations, cxpb, indpb)
    finally:
        random.setstate(saved)


def _run(ctx: SearchContext, elite: list[Evaluation], population: int, generations: int | None, cxpb: float,
         indpb: float | None) -> None:
    genes = Genes(ctx)
    n_genes = len(genes)
    _, Individual = multi_objective_classes(len(ctx.problem.objectives))
    up = [int(n) - 1 for n in genes.n_levels]
    indpb = indpb if indpb is not None else 1.0 / max(1, n_genes)
    mu = max(4, population + (-population) % 4)

    pop: list[Any] = [Individual(int(v) for v in genes.levels_of(ev.point)) for ev in elite[:mu]]
    while len(pop) < mu:
        pop.append(Individual(random.randint(0, u) for u in up))
    pop = _evaluate(ctx, genes, pop)
    pop = tools.selNSGA2(pop, len(pop))  # assigns crowding distances for the first tournament
    generation = 0
    while generations is None or generation < generations:
        parents = tools.selTournamentDCD(pop, len(pop)) if len(pop) % 4 == 0 else list(pop)
        children = [Individual(p) for p in parents]
        for a, b in zip(children[::2], children[1::2]):
            if n_genes >= 2 and random.random() < cxpb:
                tools.cxTwoPoint(a, b)
        for c in children:
            tools.mutUniformInt(c, low=[0] * n_genes, up=up, indpb=indpb)
        children = _evaluate(ctx, genes, children)
        pop = tools.selNSGA2(pop + children, mu)
        generation += 1


def _evaluate(ctx: SearchContext, genes: Genes, individuals: list[Any]) -> list[Any]:
    """Evaluate in one batch; raise BudgetExhausted after recording a partial batch."""
    evs = ctx.evaluate([genes.point(ind) for ind in individuals])
    for ind, ev in zip(individuals, evs):
        ind.fitness.values = fitness_values(ctx, ev)
    if len(evs) < len(individuals):
        raise BudgetExhausted(ctx.stage)
    return individuals
