"""Genetic algorithm (DEAP): fine-tuning after RL, or a stand-alone baseline.

An individual is one index per gene into that gene's fine values (:meth:`Parameter.fine_values`), so the GA may
leave the RL levels for the fine range (DESIGN.md §4). As a fine-tuning stage it is seeded with the previous
stage's elite; alone it starts from random coarse designs. Seeded, the rest of the population is mutants of the elite
on problems with the optimised recombination (below: a per-layer problem, whose random designs are mostly
infeasible), random coarse designs on the others: there an RL stage that converged early hands over an elite from one
basin (one dataflow, one PE array shape), and the random designs let other basins compete from the first generation
(on global BERT-base edge, PPO's elite was all systolic and the best design a 2,048-PE kcp_ws array).

Operators (registered on a DEAP ``Toolbox`` built per problem, :func:`build_toolbox`):

- ``mate``: uniform crossover of whole layers (all per-layer genes of a layer move together) and of global genes;
- ``mutate``: a few moves (one, then each further one with probability ``more_moves``), all of one kind:
  *steps* (a numeric gene moves 1..max(``max_step``, value index / 4) fine steps, log-uniformly, up or down) or
  *jumps* (a numeric gene moves to the next coarse level up or down: the RL levels are where the cost model's
  plateaus end, e.g. PE counts that divide the channels, so a jump crosses a plateau a run of steps cannot). A
  categorical gene takes a random value. Half the moves on per-layer numeric parameters are *transfers*: one
  layer's value goes up and another's down by the same amount, which keeps LP sums (PEs, buffers) nearly constant.
  Half the transfers are *guided* when the objective is additive over layers (latency, energy): the layer that
  gains is drawn in proportion to its share of the parent's objective times the observed rate at which raising
  it lowered its cost, the layer that gives in inverse proportion to its share;
- adaptation: the kind of a mutation is a jump with a probability that follows the two kinds' observed success
  rates (child better than parent), kept within [0.1, 0.9];
- ``select``: tournament of size 3, with the best individual always kept (elitism);
- optimised recombination, on problems additive per layer (:func:`npu_dse.search.exact.additive_form`: ConfuciuX's
  per-layer LP problems): every evaluation prices each of its layers' options (the layer's genes: cost, and use of
  each summed budget), and every ``recombine_every`` generations one child is the best design made of priced options,
  found by the multiple-choice knapsack of :func:`npu_dse.search.exact.best_combination` (Aggarwal, Orlin & Tai,
  Oper. Res. 45(2), 1997, "optimized crossover"; Tinós, Whitley & Chicano, FOGA 2015, "partition crossover", for
  decomposable objectives). It uses only what the search has evaluated; the child costs one evaluation like any
  other. To price options, a share (``scout_share``) of each generation's children are *scouts*: the best design
  with each per-layer gene changed with probability 1/2 (to a random coarse level or fine value), so one evaluation
  prices a new option of nearly every layer. On ConfuciuX's problems this took the configs' pipeline from
  1.008-1.082x the exact optimum (seeds 5-9) to the optimum itself
  (``benchmarks/results/search_quality_confuciux_seeds5_9.md``);
- strategic oscillation, on problems with numeric global genes (PE array, buffers, NoC): once the best design has
  not improved for ``oscillate_after`` generations, each generation adds one child made by
  :func:`npu_dse.search.oscillation.oscillate` from the best design (a kick, then a repair, trim and spend along the
  budget boundary): the coordinated moves of several genes that a binding power or area budget asks for. On global
  BERT-base edge it took GA-only runs from 1.000-1.041x the best design found (seeds 0-4) to that design on every
  seed, under the model of the time (commit 88c523d's ``search_quality_global_real.md``, since removed; today's
  figures in ``benchmarks/results/search_quality_global.md``). An oscillation that ends level with the best design
  (same cost, other genes) is a sideways move: the next oscillation starts from where it ended, until the best
  improves. On global MobileNetV2 edge the best 512-PE kcp_ws arrays (64 x 8, 32 x 16, ...) form such a plateau;
  oscillations from the first of them ended on the others but never reached the 896-PE array 4 % better, and
  walking on from the ties took GA-only seeds 0-3 and every ppo:0.3+ga seed of 0-4 to it (10,000 evaluations);
- niches, on problems without the recombination that search a categorical global gene (the dataflow): the best
  design found of each of its values is kept, and every generation up to a quarter of the children are mutants of the
  other niches' bests (in rotation when there are more), so a dataflow whose best is still far behind keeps being
  refined instead of being dropped by tournament selection (De Jong's crowding and Mahfoud's niching keep
  sub-populations for the same reason). On global BERT-base edge the best design found is a 2,048-PE kcp_ws array
  that pays only once its L1 and NoC are tuned, while a 704-PE systolic array wins the early generations
  (tests/test_ga_niches.py). With niches, every other strategic oscillation starts from another niche's best (in
  rotation), so a basin behind also gets the coordinated moves that take it to its own boundary optimum: on global
  ResNet-50 edge the best design found is a 24 x 24 systolic_os array with a larger L2, and runs stopped on a
  40 x 16 systolic_both array 3.2 % above it (GA alone on seeds 0, 3 and 4 of 0-4, ppo:0.3+ga on seeds 1-3); with
  these oscillations GA alone reached it on seeds 0-2 and 4 and ppo:0.3+ga on seeds 0-2 and 4 (10,000 evaluations).
  The oscillations from a niche walk on: each starts where the last one from that niche ended, whatever its cost,
  until the niche's best changes (iterated local search with random-walk acceptance: Lourenco, Martin & Stutzle,
  "Iterated local search", Handbook of Metaheuristics, 2003). From the 36 x 12 systolic_os array with NoC 48 where
  ResNet-50 edge runs also stopped (3.5 % above the 24 x 24 one with NoC 32; the way out moves rows, columns and NoC
  together), 40 oscillations from the niche's best never reached the better design, and walks of 40 reached it in
  three of six; with the walk ppo:0.3+ga reached the best design found on every seed 0-4 of ResNet-50 edge;
- freeing kicks (``freeing``): the oscillations from the stale best design (not those on a plateau or from another
  niche) first try, once each and in a random order, every kick that frees budget: a numeric global gene lowered by
  a step, by 2, 4, 8, ... steps or to a coarse level (:func:`npu_dse.search.oscillation.freeing_kicks`; the PE
  array's rows and columns are not kicked alone: every spend reshapes the array instead). Such a kick is tabu (no
  spend raises it back) and is followed by a spend round per numeric gene, so the freed budget goes to the other genes.
  Random kicks rarely do this: from the 28 x 20 systolic_os trap (NoC 48) where GA runs on ResNet-50 edge stopped,
  1.7 % above the best design found, one of the 51 kicks near it (the NoC to 32 B/cycle) reaches that design (32 x
  32, a larger global buffer) in one oscillation, and only with the tabu; without it the first spend raised the NoC
  back (tests/test_ga_freeing.py). From the 52 x 32 kcp_ws trap (NoC 120) of BERT-base edge, 2.0 % above the best
  design found (60 x 40, NoC 56), the NoC kicked 8 steps down (the ladder) and the array reshaped along the power
  boundary reach it: no single row or column step pays at that NoC. Measured on the edge problems in
  ``benchmarks/results/search_quality_global.md``;
- restarts, on problems without the recombination: once the best design has not improved for ``restart_after``
  generations, the population starts again from random coarse designs (the best so far stays in the search's
  history), so a run visits several basins (PE array shape and dataflow) instead of polishing one.

Fitness is (cost, budget use) compared lexicographically (:func:`budget_use`): of two designs of equal cost the
one using less of the budgets wins, so parameters that do not change a layer's cost drift to their cheapest value
and free budget for the layers where it pays.

Constraint-aware as in ConfuciuX (``ga_confx.py``): a child that breaks a budget is reverted to its parent. Until
the population holds a feasible design (a floor such as ``inferences_per_s`` that the cheapest corner misses, or an
RL stage that found none), designs are ranked by how far they break the budgets (:func:`violation`) and a less
infeasible child replaces its parent.
Every child costs one evaluation of the search budget.
"""

from __future__ import annotations

import copy
import math
import random
from typing import Any

import numpy as np
from deap import base, tools

from npu_dse.cost_models.evaluator import CONSTRAINT_LAYER_COLUMN, CONSTRAINT_SENSE, SUMMED_OVER_LAYERS, Evaluation
from npu_dse.search._deap import multi_objective_classes
from npu_dse.search.context import SearchContext
from npu_dse.search.exact import NotApplicable, additive_form, best_combination
from npu_dse.search.oscillation import freeing_kicks, oscillate, shape_genes
from npu_dse.search.steps import signed_step
from npu_dse.search.options import AtLeast2, BelowOne, Count, NonNegativeCount, Probability


_RECOMBINE_MAX_CELLS = 2e4
"""Largest DP state space of a recombination (a larger one relaxes a budget with a Lagrange multiplier): the exact
two-budget DP of ConfuciuX's edge problem (300,000 cells) took 2 s a call."""

_, Individual = multi_objective_classes(2)
"""GA individuals: fitness (cost, budget use), compared lexicographically (DEAP compares weighted tuples)."""


def budget_use(ctx: SearchContext, ev: Evaluation) -> float:
    """Sum over the problem's constraints of metric / limit: the GA's tie-breaker between designs of equal cost, so
    parameters that do not change the cost drift to the cheapest value and free budget for the others."""
    return float(sum(ev.metrics[m] / lim for m, lim in ctx.evaluator.limits.items()))


def violation(ctx: SearchContext, ev: Evaluation | None) -> float:
    """How far a design breaks the problem's budgets: the sum over constraints of ``metric / limit - 1`` above an
    upper limit and ``limit / metric - 1`` below a floor (``inferences_per_s``); 0 when it meets them all; ``inf``
    without metrics. The GA ranks designs by it while no feasible one is known (Deb, Comput. Methods Appl. Mech.
    Eng. 186, 2000: feasible before infeasible, the less infeasible first)."""
    if ev is None or not ev.metrics:
        return math.inf
    total = 0.0
    for metric, limit in ctx.evaluator.limits.items():
        value = ev.metrics.get(metric)
        if value is None or not np.isfinite(value):
            return math.inf
        if CONSTRAINT_SENSE[metric] == "max":
            total += max(0.0, value / limit - 1.0) if limit > 0 else (math.inf if value > 0 else 0.0)
        else:
            total += max(0.0, limit / value - 1.0) if value > 0 else math.inf
    return total


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
        self.gene_layer = {k: i for i, block in enumerate(self.layer_blocks) for k in block}
        # how often raising a gene lowered its layer's cost (observed on evaluated children; guides transfers)
        self.raise_tries = np.zeros(len(self.genes))
        self.raise_hits = np.zeros(len(self.genes))
        # mutations of fine steps [0] and of coarse-level jumps [1]: tried, and gave a better child
        self.kind_tries = np.zeros(2)
        self.kind_hits = np.zeros(2)
        # additive per-layer problems: every per-layer option an evaluation priced, per layer (key: the layer's genes)
        try:
            self.form = additive_form(ctx.evaluator)
        except NotApplicable:
            self.form = None
        self.options: list[dict[tuple[int, ...], tuple[float, np.ndarray]]] = [{} for _ in range(self.L)]
        # the global genes strategic oscillation moves (numeric: trimmed and raised; categorical: kicked)
        categorical = [g.parameter.is_categorical for g in self.genes]
        self.numeric_global = [k for k in self.global_genes if not categorical[k] and len(self.fine[k]) > 1]
        self.categorical_global = [k for k in self.global_genes if categorical[k] and len(self.fine[k]) > 1]
        self.oscillating = bool(self.numeric_global)
        self.oscillation_memo: dict[tuple[int, ...], tuple[float, float]] = {}
        # freeing kicks (ga's ``freeing``): per start design, those not yet tried
        self.freeing = True
        self.freeing_queues: dict[tuple[int, ...], list[tuple[int, int]]] = {}

    def learn_options(self, ind: list[int], ev: Evaluation) -> None:
        """Record the cost and budget use of each layer's option in an evaluated design (additive problems)."""
        form = self.form
        if form is None or not ev.layers or form.cost_column not in ev.layers:
            return
        cost = np.asarray(ev.layers[form.cost_column], dtype=float)
        ok = np.asarray(ev.layers["buffers_ok"]) > 0
        used = [np.asarray(ev.layers[CONSTRAINT_LAYER_COLUMN[m]], dtype=float) for m in form.metrics]
        res = np.stack(used, axis=1) if used else np.zeros((len(cost), 0))  # no budget: nothing to use
        ok &= np.isfinite(cost)
        if not form.summed:  # LS: an option is usable when it meets every limit on its own
            ok &= np.all(res <= form.limits * (1 + 1e-12), axis=1)
            res = res[:, :0]
        for i in np.flatnonzero(ok):
            key = tuple(ind[k] for k in self.layer_blocks[i])
            if key not in self.options[i]:
                self.options[i][key] = (float(cost[i]), res[i])

    def recombined(self, base: list[int]) -> list[int] | None:
        """The best design made of priced per-layer options (:func:`~npu_dse.search.exact.best_combination`), on
        ``base``'s global genes; None when the problem is not additive or no combination meets the budgets."""
        if self.form is None or any(not o for o in self.options):
            return None
        keys = [list(o) for o in self.options]
        cost = [np.asarray([o[k][0] for k in ks]) for o, ks in zip(self.options, keys)]
        res = [np.stack([o[k][1] for k in ks]) for o, ks in zip(self.options, keys)]
        limits = self.form.limits if self.form.summed else self.form.limits[:0]
        choice = best_combination(keys, cost, res, limits, max_cells=_RECOMBINE_MAX_CELLS)
        if choice is None:
            return None
        child = list(base)
        for block, key in zip(self.layer_blocks, choice):
            for k, v in zip(block, key):
                child[k] = v
        return child

    def learn_raises(self, child: list[int], parent: list[int], child_cost: np.ndarray,
                     parent_cost: np.ndarray) -> None:
        """Record, for each per-layer gene the child raised (its layer otherwise unchanged), whether that layer's
        cost fell."""
        diff = np.asarray(child) - np.asarray(parent)
        for k in np.flatnonzero(diff > 0):
            i = self.gene_layer.get(int(k))
            if i is None or np.count_nonzero(diff[self.layer_blocks[i]]) != 1:
                continue
            self.raise_tries[k] += 1
            self.raise_hits[k] += float(child_cost[i] < parent_cost[i])

    def learn_kind(self, jumped: bool, improved: bool) -> None:
        """Record whether a mutation of coarse-level jumps (or of fine steps) gave a child better than its parent."""
        self.kind_tries[int(jumped)] += 1
        self.kind_hits[int(jumped)] += float(improved)

    def jump_probability(self) -> float:
        """Probability that a mutation jumps between coarse levels: in proportion to the two kinds' observed success
        rates (Laplace rule), kept within [0.1, 0.9]."""
        rate = (self.kind_hits + 1.0) / (self.kind_tries + 2.0)
        return float(np.clip(rate[1] / rate.sum(), 0.1, 0.9))

    def raise_pays(self, genes: list[int]) -> np.ndarray:
        """(len(genes),): estimated probability that raising each gene lowers its layer's cost (Laplace rule)."""
        return (self.raise_hits[genes] + 1.0) / (self.raise_tries[genes] + 2.0)

    def point(self, ind: list[int]) -> dict[str, Any]:
        return self.space.point_from_genes([self.fine[k][i] for k, i in enumerate(ind)], self.L)

    def from_point(self, point: dict[str, Any]) -> list[int]:
        values = self.space.genes_from_point(point, self.L)
        return [self.index[k][v] for k, v in enumerate(values)]

    def random_coarse(self, rng: random.Random) -> list[int]:
        return [rng.choice(c) for c in self.coarse]


def build_toolbox(genome: _Genome, rng: random.Random, more_moves: float, max_step: int) -> base.Toolbox:
    """DEAP toolbox of the operators in the module docstring, drawing from ``rng``."""
    tb = base.Toolbox()

    def mate(a: list[int], b: list[int]) -> tuple[list[int], list[int]]:
        la, lb = getattr(a, "layer_cost", None), getattr(b, "layer_cost", None)
        for i, block in enumerate(genome.layer_blocks):
            if rng.random() < 0.5:
                for k in block:
                    a[k], b[k] = b[k], a[k]
                if la is not None and lb is not None:
                    la[i], lb[i] = lb[i], la[i]
        for g in genome.global_genes:
            if rng.random() < 0.5:
                a[g], b[g] = b[g], a[g]
        return a, b

    def step(i: int) -> int:
        return signed_step(rng, i, max_step)

    def clip(k: int, i: int) -> int:
        return min(max(i, 0), len(genome.fine[k]) - 1)

    categorical_genes = [g.parameter.is_categorical for g in genome.genes]
    transfer_params = [genes for genes in genome.per_layer_param_genes
                       if len(genes) > 1 and not categorical_genes[genes[0]]]

    def level_jump(k: int, i: int, direction: int) -> int:
        """The fine index of gene ``k``'s nearest coarse level above (``direction`` +1) or below (-1) index ``i``
        (``i`` itself when there is none)."""
        levels = genome.coarse[k]
        if direction > 0:
            return next((c for c in levels if c > i), i)
        return next((c for c in reversed(levels) if c < i), i)

    def mutate(ind: list[int]) -> tuple[list[int]]:
        n_moves = 1
        while rng.random() < more_moves:
            n_moves += 1
        jump = rng.random() < genome.jump_probability()
        ind.jumped = jump
        for _ in range(n_moves):
            if transfer_params and rng.random() < 0.5:
                genes = rng.choice(transfer_params)
                lc = getattr(ind, "layer_cost", None)
                if lc is not None and rng.random() < 0.5:
                    up = rng.choices(genes, weights=lc * genome.raise_pays(genes))[0]
                    down = rng.choices(genes, weights=1.0 / np.maximum(lc, 1e-30))[0]
                    if up == down:
                        continue
                else:
                    up, down = rng.sample(genes, 2)
                if jump:
                    s = max(1, level_jump(up, ind[up], +1) - ind[up])
                else:
                    s = abs(step(max(ind[up], ind[down])))
                ind[up], ind[down] = clip(up, ind[up] + s), clip(down, ind[down] - s)
            else:
                k = rng.randrange(len(ind))
                if categorical_genes[k]:
                    ind[k] = rng.randrange(len(genome.fine[k]))
                elif jump:
                    ind[k] = level_jump(k, ind[k], 1 if rng.random() < 0.5 else -1)
                else:
                    ind[k] = clip(k, ind[k] + step(ind[k]))
        return (ind,)

    def scout(base: list[int]) -> list[int]:
        """A child of ``base`` in which each per-layer gene changes with probability 1/2, to a random coarse level
        (where the cost model's plateaus end, e.g. PE counts that divide the channels) or a random fine value, even
        odds: one evaluation prices a new option of (nearly) every layer for the recombination."""
        child = list(base)
        for block in genome.layer_blocks:
            for k in block:
                if rng.random() < 0.5:
                    child[k] = (rng.choice(genome.coarse[k]) if rng.random() < 0.5
                                else rng.randrange(len(genome.fine[k])))
        return child

    tb.register("mate", mate)
    tb.register("mutate", mutate)
    tb.register("scout", scout)
    tb.register("select", tools.selTournament, tournsize=3)
    return tb


def ga(
    ctx: SearchContext,
    seed: int,
    elite: list[Evaluation],
    population: AtLeast2 = 32,
    cxpb: Probability = 0.5,
    mutpb: Probability = 0.9,
    more_moves: BelowOne = 0.5,
    max_step: Count = 3,
    recombine_every: NonNegativeCount = 5,
    scout_share: Probability = 0.25,
    oscillate_after: NonNegativeCount = 5,
    restart_after: NonNegativeCount = 30,
    niche: bool = True,
    freeing: bool = True,
) -> None:
    """Run the GA until the stage budget is used.

    Args:
        ctx: the search context (budget, history).
        seed: seeds the GA's private ``random.Random`` (DEAP's tournament draws from the global ``random``, which is
            seeded from it and restored afterwards).
        elite: designs to start from (the previous stage's best); empty for the stand-alone baseline. The feasible
            ones (at most ``population``) start the population; the rest is filled as the module docstring says.
        population: population size.
        cxpb, mutpb: probability that a child is crossed over / mutated.
        more_moves: probability of each further move of a mutation (moves per mutation: 1 / (1 - more_moves) on
            average).
        max_step: largest step of a move from a small value, in fine steps.
        recombine_every: on additive per-layer problems, every this many generations one child is the optimised
            recombination of every priced per-layer option (module docstring); 0 never.
        scout_share: with the recombination, the share of each generation's children that are scouts (every layer
            of the best design tries another option, to price options for the recombination).
        oscillate_after: once the best design has not improved for this many generations, each generation starts
            with one strategic oscillation from it over the global genes (:func:`npu_dse.search.oscillation.oscillate`),
            its end design replacing the last child (with niches, every other one from another niche's best); 0
            never.
        restart_after: on problems without the recombination, once the best design has not improved for this many
            generations the population restarts from random coarse designs; 0 never.
        niche: on problems without the recombination that search a categorical global gene (the dataflow), keep
            the best design of each of its values and mutate the others' bests every generation (module docstring).
        freeing: the oscillations from the stale best design take each kick that frees budget once, tabu and spent
            on every numeric gene, before random kicks (module docstring); False: random kicks only.
    """
    rng = random.Random(seed)
    genome = _Genome(ctx)
    genome.freeing = freeing
    tb = build_toolbox(genome, rng, more_moves, max_step)
    saved = random.getstate()
    random.seed(rng.random())
    try:
        _evolve(ctx, genome, tb, rng, elite, population, cxpb, mutpb, recombine_every, scout_share, oscillate_after,
                restart_after, max_step, niche)
    finally:
        random.setstate(saved)


def _evolve(ctx: SearchContext, genome: _Genome, tb: base.Toolbox, rng: random.Random, elite: list[Evaluation],
            population: int, cxpb: float, mutpb: float, recombine_every: int, scout_share: float,
            oscillate_after: int, restart_after: int, max_step: int, niche: bool) -> None:
    seeds = []
    for e in elite:
        genome.learn_options(genome.from_point(e.point), e)
    for e in elite[:population]:
        if e.feasible:
            ind = Individual(genome.from_point(e.point))
            ind.fitness.values = (ctx.cost(e), budget_use(ctx, e))
            ind.violation = 0.0
            _set_layer_cost(ctx, ind, e)
            seeds.append(ind)
    pop: list[Any] = list(seeds)
    fresh: list[Any] = []
    if not seeds:
        # stand-alone: the cheapest corner design (feasible under any budget that can be met) and random designs
        fresh.append(Individual(genome.from_point(ctx.problem.space.corner(genome.L, "min"))))
    while len(pop) + len(fresh) < population:
        if seeds and genome.form is not None:
            child = Individual(list(seeds[len(fresh) % len(seeds)]))
            tb.mutate(child)
        else:
            child = Individual(genome.random_coarse(rng))
        fresh.append(child)
    _evaluate(ctx, genome, fresh, parents=None)
    pop.extend(fresh)
    niches: dict[tuple, Any] | None = {} if niche and genome.form is None and genome.categorical_global else None
    if niches is not None:
        _keep_niche_bests(genome, niches, pop)
    generation = 0
    stale, best_fitness = 0, None
    plateau: Any = None  # where the next oscillation starts when the last one ended level with the best
    walks: dict[tuple, tuple[list[int], Any]] = {}  # niche -> (its best when its walk began, where the walk is)
    while True:
        generation += 1
        repair = not any(math.isfinite(p.fitness.values[0]) for p in pop)
        if repair:  # no feasible design yet: rank by how far each breaks the budgets (Deb's rules)
            for p in pop:
                p.fitness.values = (math.inf, p.violation)
        best = tools.selBest(pop, 1)[0]
        stale = stale + 1 if best.fitness.values == best_fitness else 0
        if not stale:
            plateau = None
        best_fitness = best.fitness.values
        if restart_after and stale >= restart_after and not repair and genome.form is None:
            # converged, and no recombination to combine basins: start again from random coarse designs (the best
            # design so far stays in the search's history)
            pop = [Individual(genome.random_coarse(rng)) for _ in range(population)]
            _evaluate(ctx, genome, pop, parents=None)
            stale, best_fitness, plateau = 0, None, None
            continue
        oscillated = None
        if oscillate_after and stale >= oscillate_after and not repair and genome.oscillating:
            turn = stale - oscillate_after
            others = _other_niches(genome, niches, best) if turn % 2 and plateau is None else []
            if others:  # off a plateau, every other oscillation is from another niche (in rotation): a random walk
                nb = others[(turn // 2) % len(others)]  # from its best, each start where its last one ended
                began, at = walks.get(_niche(genome, nb), (None, None))
                start = at if began == list(nb) else nb
                oscillated = _oscillate(ctx, genome, rng, start, max_step)
                if oscillated is not None:
                    walks[_niche(genome, nb)] = (list(nb), oscillated)
            else:
                oscillated = _oscillate(ctx, genome, rng, best if plateau is None else plateau, max_step,
                                        freeing=plateau is None)
                if oscillated is not None and oscillated.fitness.values[0] <= best.fitness.values[0] \
                        and list(oscillated) != list(best):
                    plateau = oscillated  # a sideways move: the next oscillation walks on from it
        offspring = [_clone(p) for p in tb.select(pop, len(pop) - 1)]
        parents = [_clone(o) for o in offspring]
        for i in range(1, len(offspring), 2):
            if rng.random() < cxpb:
                tb.mate(offspring[i - 1], offspring[i])
        for o in offspring:
            if rng.random() < mutpb:
                tb.mutate(o)
        if genome.form is not None and recombine_every and not repair:
            made = []
            if generation % recombine_every == 0:
                child = genome.recombined(best)
                if child is not None and all(child != p for p in pop):
                    made.append(child)
            made += [tb.scout(best) for _ in range(int(round(scout_share * len(offspring))))]
            for j, child in enumerate(made[:len(offspring)], start=len(offspring) - min(len(made), len(offspring))):
                offspring[j][:] = child
                if hasattr(offspring[j], "jumped"):
                    del offspring[j].jumped  # not a mutation: its outcome says nothing of the mutation kinds
                parents[j] = _clone(best)
        if niches is not None and not repair:
            # a mutant of each other niche's best (a quarter of the children at most, in rotation)
            others = _other_niches(genome, niches, best)
            room = min(len(others), len(offspring) // 4)
            for j in range(1, room + 1):
                n = others[(generation * room + j - 1) % len(others)]
                child = _clone(n)
                tb.mutate(child)
                offspring[-1 - j] = child
                parents[-1 - j] = _clone(n)
        if oscillated is not None:
            offspring[-1] = oscillated
            parents[-1] = oscillated
        _evaluate(ctx, genome, offspring[:-1] if oscillated is not None else offspring, parents, repair)
        pop = [best] + offspring
        if niches is not None:
            _keep_niche_bests(genome, niches, pop)


def _niche(genome: _Genome, ind: Any) -> tuple:
    """An individual's niche: the values of its categorical global genes (its dataflow)."""
    return tuple(ind[k] for k in genome.categorical_global)


def _other_niches(genome: _Genome, niches: dict[tuple, Any] | None, best: Any) -> list[Any]:
    """The best individuals of the niches other than ``best``'s, in niche order (none without niches)."""
    return [] if niches is None else [n for key, n in sorted(niches.items()) if key != _niche(genome, best)]


def _keep_niche_bests(genome: _Genome, niches: dict[tuple, Any], pop: list[Any]) -> None:
    """Record in ``niches`` (niche -> best individual) every feasible individual of ``pop`` better than its
    niche's best."""
    for p in pop:
        if not math.isfinite(p.fitness.values[0]):
            continue
        key = _niche(genome, p)
        if key not in niches or p.fitness.values < niches[key].fitness.values:
            niches[key] = _clone(p)


def _oscillate(ctx: SearchContext, genome: _Genome, rng: random.Random, best: Any, max_step: int,
               freeing: bool = False) -> Any | None:
    """One strategic oscillation from ``best`` over the global genes: the individual it ends on (evaluated, its
    fitness set), or None when it cannot move or ends infeasible. With ``freeing`` (and ``genome.freeing``), the
    kick is the next of ``best``'s budget-freeing kicks not yet tried (:func:`~.oscillation.freeing_kicks`, in a
    random order), tabu, with a spend round per numeric gene; random once they are all tried."""
    sizes = [len(f) for f in genome.fine]
    kick, options = None, {}
    if freeing and genome.freeing:
        queue = genome.freeing_queues.get(tuple(best))
        if queue is None:
            shape = shape_genes(genome.numeric_global, sizes)  # scanned together by every spend instead
            queue = freeing_kicks(best, [k for k in genome.numeric_global if k not in shape], genome.coarse, max_step)
            rng.shuffle(queue)
            genome.freeing_queues[tuple(best)] = queue
        if queue:
            kick = queue.pop()
            options = {"tabu": True, "max_spends": len(genome.numeric_global)}
    end = oscillate(ctx, genome.point, lambda ev: _fitness(ctx, ev), list(best), best.fitness.values, sizes,
                    genome.numeric_global, genome.categorical_global, rng, memo=genome.oscillation_memo,
                    max_step=max_step, kick=kick, **options)
    if end is None or not math.isfinite(end.fitness[0]):
        return None
    ind = Individual(end.genes)
    ind.fitness.values = end.fitness
    ind.violation = 0.0
    if end.ev is not None:
        _set_layer_cost(ctx, ind, end.ev)
    return ind


def _fitness(ctx: SearchContext, ev: Evaluation) -> tuple[float, float]:
    """An evaluation's GA fitness: (cost, budget use), both ``inf`` when infeasible."""
    cost = ctx.cost(ev)
    return cost, budget_use(ctx, ev) if np.isfinite(cost) else np.inf


def _clone(ind: Any) -> Any:
    """A copy of an individual, as ``copy.deepcopy`` makes it (genes are ints, so a list copy; the fitness values;
    ``layer_cost`` copied) at a tenth of the cost."""
    child = Individual(ind)
    child.fitness.wvalues = ind.fitness.wvalues
    for name, value in vars(ind).items():
        if name != "fitness":
            setattr(child, name, value.copy() if isinstance(value, np.ndarray) else copy.deepcopy(value))
    return child


def _evaluate(ctx: SearchContext, genome: _Genome, children: list[Any], parents: list[Any] | None,
              repair: bool = False) -> None:
    """Evaluate children in one batch; a child that breaks a budget reverts to its parent (ConfuciuX), except while
    ``repair`` (no feasible design in the population yet): then a child that breaks the budgets by less than its
    parent (:func:`violation`) replaces it, so the search walks towards feasibility instead of standing still."""
    evs = ctx.evaluate([genome.point(c) for c in children])
    for k, (child, ev) in enumerate(zip(children, evs)):
        fitness = _fitness(ctx, ev)
        cost = fitness[0]
        child.violation = violation(ctx, ev)
        genome.learn_options(child, ev)
        if repair and not np.isfinite(cost):
            fitness = (cost, child.violation)
        if parents is not None and hasattr(child, "jumped"):
            genome.learn_kind(child.jumped, fitness < parents[k].fitness.values)
            del child.jumped
        if not np.isfinite(cost) and parents is not None and not (repair and fitness < parents[k].fitness.values):
            child[:] = parents[k]
            child.fitness.values = parents[k].fitness.values
            child.violation = parents[k].violation
            if hasattr(parents[k], "layer_cost"):
                child.layer_cost = parents[k].layer_cost.copy()
        else:
            child.fitness.values = fitness
            _set_layer_cost(ctx, child, ev)
            if parents is not None and hasattr(child, "layer_cost") and hasattr(parents[k], "layer_cost"):
                genome.learn_raises(child, parents[k], child.layer_cost, parents[k].layer_cost)
    if len(evs) < len(children):  # the budget ran out part-way
        from npu_dse.search.context import BudgetExhausted

        raise BudgetExhausted(ctx.stage)


def _set_layer_cost(ctx: SearchContext, ind: Any, ev: Evaluation) -> None:
    """Attach the per-layer share of an additive objective (for the guided transfer), when there is one."""
    col = SUMMED_OVER_LAYERS.get(ctx.objective)
    if col is not None and col in ev.layers:
        ind.layer_cost = np.asarray(ev.layers[col], dtype=float).copy()
