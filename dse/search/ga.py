"""Genetic algorithm (DEAP): fine-tuning after RL, or a stand-alone baseline.

An individual is one index per gene into that gene's fine values (:meth:`Parameter.fine_values`), so the GA may
leave the RL levels for the fine range (DESIGN.md §4). As a fine-tuning stage it is seeded with the previous
stage's elite; alone it starts from random coarse designs.

Operators (registered on a DEAP ``Toolbox`` built per problem, :func:`build_toolbox`):

- ``mate``: uniform crossover of whole layers (all per-layer genes of a layer move together) and of global genes;
- ``mutate``: each gene moves a few fine steps up or down with probability ``mutpb_gene``; for per-layer
  parameters, a *transfer* moves one layer's value up and another layer's down, which keeps LP sums
  (PEs, buffers) nearly constant;
- ``select``: tournament of size 3, with the best individual always kept (elitism).

Constraint-aware as in ConfuciuX (``ga_confx.py``): a child that breaks a budget is reverted to its parent.
Every child costs one evaluation of the search budget.
"""

from __future__ import annotations

import copy
import random
from typing import Any

import numpy as np
from deap import base, tools

from cost_models.evaluator import Evaluation
from dse.search._deap import Individual1
from dse.search.context import SearchContext


class _Genome:
    """Maps individuals (fine indices) to design points for one problem."""

    def __init__(self, ctx: SearchContext) -> None:
        self.ctx = ctx
        self.space = ctx.problem.space
        self.L = ctx.problem.num_layers
        self.genes = self.space.genes(self.L)
        self.fine = [list(g.parameter.fine_values()) for g in self.genes]
        self.index = [{v: i for i, v in enumerate(f)} for f in self.fine]
        self.coarse = [[self.index[k][v] for v in g.parameter.values] for k, g in enumerate(self.genes)]
        n_per = len(self.space.per_layer)
        n_glob = len(self.space.global_)
        self.layer_blocks = [list(range(n_glob + i * n_per, n_glob + (i + 1) * n_per)) for i in range(self.L)]
        self.global_genes = list(range(n_glob))
        self.per_layer_param_genes = [[n_glob + i * n_per + j for i in range(self.L)] for j in range(n_per)]

    def point(self, ind: list[int]) -> dict[str, Any]:
        return self.space.point_from_genes([self.fine[k][i] for k, i in enumerate(ind)], self.L)

    def from_point(self, point: dict[str, Any]) -> list[int]:
        values = self.space.genes_from_point(point, self.L)
        return [self.index[k][v] for k, v in enumerate(values)]

    def random_coarse(self, rng: random.Random) -> list[int]:
        return [rng.choice(c) for c in self.coarse]


def build_toolbox(genome: _Genome, rng: random.Random, mutpb_gene: float, max_step: int) -> base.Toolbox:
    """DEAP toolbox of the operators in the module docstring, drawing from ``rng``."""
    tb = base.Toolbox()

    def mate(a: list[int], b: list[int]) -> tuple[list[int], list[int]]:
        for block in genome.layer_blocks + [[g] for g in genome.global_genes]:
            if rng.random() < 0.5:
                for k in block:
                    a[k], b[k] = b[k], a[k]
        return a, b

    def step() -> int:
        return rng.randint(1, max_step) * (1 if rng.random() < 0.5 else -1)

    def clip(k: int, i: int) -> int:
        return min(max(i, 0), len(genome.fine[k]) - 1)

    def mutate(ind: list[int]) -> tuple[list[int]]:
        categorical = [g.parameter.is_categorical for g in genome.genes]
        for k in range(len(ind)):
            if rng.random() < mutpb_gene:
                ind[k] = rng.randrange(len(genome.fine[k])) if categorical[k] else clip(k, ind[k] + step())
        for genes in genome.per_layer_param_genes:
            if len(genes) > 1 and not categorical[genes[0]] and rng.random() < 0.5:
                up, down = rng.sample(genes, 2)
                s = abs(step())
                ind[up], ind[down] = clip(up, ind[up] + s), clip(down, ind[down] - s)
        return (ind,)

    tb.register("mate", mate)
    tb.register("mutate", mutate)
    tb.register("select", tools.selTournament, tournsize=3)
    return tb


def ga(
    ctx: SearchContext,
    seed: int,
    elite: list[Evaluation],
    population: int = 32,
    cxpb: float = 0.5,
    mutpb: float = 0.9,
    mutpb_gene: float | None = None,
    max_step: int = 3,
) -> None:
    """Run the GA until the stage budget is used.

    Args:
        ctx: the search context (budget, history).
        seed: seeds the GA's private ``random.Random`` (DEAP's tournament draws from the global ``random``, which is
            seeded from it and restored afterwards).
        elite: designs to start from (the previous stage's best); empty for the stand-alone baseline.
        population: population size.
        cxpb, mutpb: probability that a child is crossed over / mutated.
        mutpb_gene: per-gene mutation probability (default ``2 / n_genes``).
        max_step: largest move of a mutation, in fine steps.
    """
    rng = random.Random(seed)
    genome = _Genome(ctx)
    n = len(genome.genes)
    tb = build_toolbox(genome, rng, mutpb_gene if mutpb_gene is not None else min(1.0, 2.0 / n), max_step)
    saved = random.getstate()
    random.seed(rng.random())
    try:
        _evolve(ctx, genome, tb, rng, elite, population, cxpb, mutpb)
    finally:
        random.setstate(saved)


def _evolve(ctx: SearchContext, genome: _Genome, tb: base.Toolbox, rng: random.Random, elite: list[Evaluation],
            population: int, cxpb: float, mutpb: float) -> None:
    seeds = []
    for e in elite[:population]:
        if e.feasible:
            ind = Individual1(genome.from_point(e.point))
            ind.fitness.values = (ctx.cost(e),)
            seeds.append(ind)
    pop: list[Any] = list(seeds)
    fresh: list[Any] = []
    if not seeds:
        # stand-alone: the cheapest corner design (feasible under any budget that can be met) and random designs
        fresh.append(Individual1(genome.from_point(ctx.problem.space.corner(genome.L, "min"))))
    while len(pop) + len(fresh) < population:
        if seeds:
            child = Individual1(list(seeds[len(fresh) % len(seeds)]))
            tb.mutate(child)
        else:
            child = Individual1(genome.random_coarse(rng))
        fresh.append(child)
    _evaluate(ctx, genome, fresh, parents=None)
    pop.extend(fresh)
    while True:
        best = tools.selBest(pop, 1)[0]
        offspring = [copy.deepcopy(p) for p in tb.select(pop, len(pop) - 1)]
        parents = [copy.deepcopy(o) for o in offspring]
        for i in range(1, len(offspring), 2):
            if rng.random() < cxpb:
                tb.mate(offspring[i - 1], offspring[i])
        for o in offspring:
            if rng.random() < mutpb:
                tb.mutate(o)
        _evaluate(ctx, genome, offspring, parents)
        pop = [best] + offspring


def _evaluate(ctx: SearchContext, genome: _Genome, children: list[Any], parents: list[Any] | None) -> None:
    """Evaluate children in one batch; a child that breaks a budget reverts to its parent (ConfuciuX)."""
    evs = ctx.evaluate([genome.point(c) for c in children])
    for k, (child, ev) in enumerate(zip(children, evs)):
        cost = ctx.cost(ev)
        if not np.isfinite(cost) and parents is not None:
            child[:] = parents[k]
            child.fitness.values = parents[k].fitness.values
        else:
            child.fitness.values = (cost,)
    if len(evs) < len(children):  # the budget ran out part-way
        from dse.search.context import BudgetExhausted

        raise BudgetExhausted(ctx.stage)
