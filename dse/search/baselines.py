"""Baseline searches on the same :class:`~npu_dse.search.context.SearchContext` as the RL and GA stages.

- :func:`random_search`: uniform random coarse designs;
- :func:`simulated_annealing`: parallel chains of gene-wise neighbour moves with a geometric temperature schedule;
- :func:`bayesian`: optuna's TPE sampler, one categorical per gene over its coarse levels;
- :func:`exhaustive`: every coarse design (vectorised in batches) when the space fits the budget;
- :func:`uniform_split`: ConfuciuX's baseline, the same per-layer values on every layer.

Every function has the pipeline signature ``fn(ctx, seed, elite, **options) -> None``, evaluates only through
``ctx.evaluate`` (in batches: the evaluator is vectorised), lets :class:`~npu_dse.search.context.BudgetExhausted`
propagate, and is deterministic for a given seed (its own ``numpy.random.Generator`` or seeded optuna sampler).
Designs are built from the space's genes (:meth:`npu_dse.cost_models.space.DesignSpace.genes`), so the methods apply to
per-layer and global spaces alike.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import math
from typing import Any, Iterator, Literal, Sequence

import numpy as np

from npu_dse.cost_models.evaluator import CONSTRAINT_SENSE, OBJECTIVES, STRUCTURAL_VIOLATIONS, Evaluation
from npu_dse.cost_models.space import DesignSpace, Gene
from npu_dse.search.context import SearchContext
from npu_dse.search.options import Count, NonNegativeCount, Positive

log = logging.getLogger(__name__)


# ---------------------------------------------------------------------- shared helpers
class Genes:
    """Coarse-level coding of one problem's design points: one level index per gene."""

    def __init__(self, ctx: SearchContext) -> None:
        self.space: DesignSpace = ctx.problem.space
        self.num_layers = ctx.problem.num_layers
        self.genes: list[Gene] = self.space.genes(self.num_layers)
        self.n_levels = np.asarray([g.parameter.n_levels for g in self.genes], dtype=np.int64)
        self._values = [g.parameter.values for g in self.genes]

    def __len__(self) -> int:
        return len(self.genes)

    def point(self, levels: Sequence[int]) -> dict[str, Any]:
        """Design point from one coarse level index per gene."""
        return self.space.point_from_genes([vals[int(i)] for vals, i in zip(self._values, levels)], self.num_layers)

    def points(self, levels: np.ndarray) -> list[dict[str, Any]]:
        """Design points from a level matrix of shape (n, n_genes)."""
        return [self.point(row) for row in levels]

    def random(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """``n`` uniform random level vectors, shape (n, n_genes)."""
        return rng.integers(0, self.n_levels, size=(n, len(self.genes)))

    def levels_of(self, point: dict[str, Any]) -> np.ndarray:
        """Nearest coarse levels of a design point (fine values snap to the closest level)."""
        values = self.space.genes_from_point(point, self.num_layers)
        out = np.empty(len(self.genes), dtype=np.int64)
        for k, (g, v) in enumerate(zip(self.genes, values)):
            levels = g.parameter.values
            if g.parameter.is_categorical:
                out[k] = levels.index(v)
            else:
                out[k] = int(np.argmin(np.abs(np.asarray(levels, dtype=np.float64) - float(v))))
        return out


def penalised_cost(ctx: SearchContext, ev: Evaluation) -> float:
    """A finite cost for any design: ``log(first objective cost)`` plus a penalty for broken constraints.

    Feasible designs score ``log(cost)`` (cost > 0; throughput uses ``-log(throughput)``). An infeasible design adds
    ``10 * (1 + sum of relative excesses metric / limit - 1)`` (``buffers``, ``mapping``, ``generator``: 1,
    :data:`~npu_dse.cost_models.evaluator.STRUCTURAL_VIOLATIONS`), so every feasible design
    beats every infeasible one with a similar objective and searches are drawn back into the budget.
    """
    v = ev.metrics[ctx.objective]
    base = -math.log(v) if OBJECTIVES[ctx.problem.objectives[0]] == "max" else math.log(max(v, 1e-300))
    if ev.feasible:
        return base
    excess = 0.0
    for m in ev.violations:
        if m in STRUCTURAL_VIOLATIONS:
            excess += 1.0
        elif CONSTRAINT_SENSE[m] == "max":
            excess += ev.metrics[m] / ctx.evaluator.limits[m] - 1.0
        else:
            excess += ctx.evaluator.limits[m] / max(ev.metrics[m], 1e-300) - 1.0
    return base + 10.0 * (1.0 + excess)


def _decode(index: np.ndarray, radices: np.ndarray) -> np.ndarray:
    """Mixed-radix digits (first gene most significant) of integer indices; shape (n, len(radices))."""
    out = np.empty((len(index), len(radices)), dtype=np.int64)
    rest = index.astype(np.int64).copy()
    for k in range(len(radices) - 1, -1, -1):
        out[:, k] = rest % radices[k]
        rest //= radices[k]
    return out


@contextlib.contextmanager
def _quiet_optuna() -> Iterator[None]:
    import optuna

    previous = optuna.logging.get_verbosity()
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    try:
        yield
    finally:
        optuna.logging.set_verbosity(previous)


# ---------------------------------------------------------------------- methods
def random_search(ctx: SearchContext, seed: int, elite: list[Evaluation], batch_size: Count = 256) -> None:
    """Uniform random coarse designs, evaluated ``batch_size`` at a time until the budget is used.

    Args:
        ctx: search context. seed: seeds a ``numpy.random.Generator``. elite: ignored (a memoryless baseline).
        batch_size: designs per evaluator call.
    """
    rng = np.random.default_rng(seed)
    genes = Genes(ctx)
    while True:
        ctx.evaluate(genes.points(genes.random(rng, min(batch_size, max(1, ctx.remaining)))))


def exhaustive(ctx: SearchContext, seed: int, elite: list[Evaluation], batch_size: Count = 4096) -> None:
    """Every coarse design of the space, in batches, when the space fits in the stage budget.

    Designs are enumerated in mixed-radix order of their gene levels (first gene most significant). If the space
    is larger than the budget, the first ``budget`` designs of a seeded random order (sampled without replacement)
    are evaluated instead and a warning is logged.

    Args:
        ctx: search context. seed: seeds the random order (only used when the space does not fit).
        elite: ignored. batch_size: designs per evaluator call.
    """
    genes = Genes(ctx)
    size = ctx.problem.space.size(ctx.problem.num_layers)
    budget = ctx.remaining
    if size <= budget:
        for start in range(0, size, batch_size):
            idx = np.arange(start, min(size, start + batch_size), dtype=np.int64)
            ctx.evaluate(genes.points(_decode(idx, genes.n_levels)))
        return
    log.warning("exhaustive: space has %d designs, budget %d: evaluating %d in a seeded random order",
                size, budget, budget)
    rng = np.random.default_rng(seed)
    if size < 2**62:
        order = rng.choice(size, size=budget, replace=False)
        for start in range(0, budget, batch_size):
            ctx.evaluate(genes.points(_decode(order[start:start + batch_size], genes.n_levels)))
    else:  # astronomically large: independent draws are distinct with probability ~1; drop the rare repeat
        seen: set[bytes] = set()
        while True:
            levels = genes.random(rng, min(batch_size, max(1, ctx.remaining)))
            fresh = []
            for row in levels:
                key = row.tobytes()
                if key not in seen:
                    seen.add(key)
                    fresh.append(row)
            ctx.evaluate(genes.points(np.asarray(fresh)))


def uniform_split(ctx: SearchContext, seed: int, elite: list[Evaluation], fine_pes: bool = True) -> None:
    """ConfuciuX's uniform baseline: every layer gets the same per-layer values; all such designs in one batch.

    Candidates are the product of every parameter's coarse levels, each per-layer parameter taking the same value
    on every layer. With ``fine_pes`` and a ``total_pes`` constraint, ``num_pes`` also takes the largest fine value
    that fits the PE budget on every layer (``floor(limit / L)`` in LP, ``limit`` in LS), as the ConfuciuX baseline
    does (ResNet-50 cloud: 77 PEs per layer x KTileSz 8, 235,193,013 cycles; seed_tables.md). The best feasible
    candidate is the baseline (:attr:`SearchContext.best`). If there are more candidates than the budget, a
    seeded random subset is evaluated (logged).

    Args:
        ctx: search context. seed: orders candidates only when they exceed the budget. elite: ignored.
        fine_pes: add the budget-filling uniform PE count.
    """
    space = ctx.problem.space
    L = ctx.problem.num_layers
    choices: list[list[Any]] = []
    for p in space.parameters:
        values = list(p.values)
        if fine_pes and p.name == "num_pes" and "total_pes" in ctx.evaluator.limits:
            share = ctx.evaluator.limits["total_pes"] * (1 + 1e-12)
            if p.scope == "per_layer" and space.mode == "LP":
                share = share / L
            fits = [v for v in p.fine_values() if v <= share]
            if fits and fits[-1] not in values:
                values.append(fits[-1])
        choices.append(values)
    combos = list(itertools.product(*choices))
    if len(combos) > ctx.remaining:
        log.warning("uniform_split: %d candidates, budget %d: evaluating a seeded random subset",
                    len(combos), ctx.remaining)
        pick = np.sort(np.random.default_rng(seed).choice(len(combos), size=ctx.remaining, replace=False))
        combos = [combos[i] for i in pick]
    points = []
    for combo in combos:
        point = {}
        for p, v in zip(space.parameters, combo):
            point[p.name] = tuple([v] * L) if p.scope == "per_layer" else v
        points.append(point)
    ctx.evaluate(points)


def simulated_annealing(
    ctx: SearchContext,
    seed: int,
    elite: list[Evaluation],
    chains: Count = 8,
    t_start: Positive = 0.1,
    t_end: Positive = 1e-4,
    max_step: Count = 2,
    genes_per_move: Count = 1,
    start: Literal["corner", "random"] = "corner",
) -> None:
    """Simulated annealing: ``chains`` independent chains, one proposal each per evaluator batch.

    A proposal changes ``genes_per_move`` random genes of the chain's current design by ±1..``max_step`` coarse
    levels (a categorical gene takes a random other level). Energies are :func:`penalised_cost` (log of the
    objective, so temperatures are relative: ``t = 0.1`` accepts a 10 % worse design with probability ~1/e).
    Metropolis acceptance; the temperature falls geometrically from ``t_start`` to ``t_end`` over the stage
    budget (Kirkpatrick et al., Science 220, 1983).

    Args:
        ctx: search context. seed: seeds a ``numpy.random.Generator``.
        elite: chains start from these designs (snapped to coarse levels); the others from ``start``.
        chains: parallel chains (batch size). t_start, t_end: temperature schedule. max_step: largest level move.
        genes_per_move: genes changed per proposal.
        start: ``corner`` (every gene at its lowest level: the cheapest design, feasible whenever any design of
            the smallest resources is; tight budgets such as 256 PEs over 53 layers leave random designs
            infeasible) or ``random``.

    Raises:
        ValueError: unknown ``start``.
    """
    rng = np.random.default_rng(seed)
    genes = Genes(ctx)
    n_genes = len(genes)
    chains = max(1, min(chains, ctx.remaining))
    if start not in ("corner", "random"):
        raise ValueError(f"simulated_annealing: start {start!r}; allowed: corner, random")
    current = genes.random(rng, chains) if start == "random" else np.zeros((chains, len(genes)), dtype=np.int64)
    for k, ev in enumerate(elite[:chains]):
        current[k] = genes.levels_of(ev.point)
    evs = ctx.evaluate(genes.points(current))
    energy = np.asarray([penalised_cost(ctx, ev) for ev in evs] + [np.inf] * (chains - len(evs)))
    steps = max(1, ctx.remaining // chains)
    categorical = np.asarray([g.parameter.is_categorical for g in genes.genes])
    for step in range(10**12):
        t = t_start * (t_end / t_start) ** min(1.0, step / steps)
        proposal = current.copy()
        for c in range(chains):
            for k in rng.choice(n_genes, size=min(genes_per_move, n_genes), replace=False):
                n = genes.n_levels[k]
                if n == 1:
                    continue
                if categorical[k]:
                    proposal[c, k] = (current[c, k] + rng.integers(1, n)) % n
                else:
                    move = int(rng.integers(1, max_step + 1)) * (1 if rng.random() < 0.5 else -1)
                    proposal[c, k] = min(max(current[c, k] + move, 0), n - 1)
        evs = ctx.evaluate(genes.points(proposal))
        for c, ev in enumerate(evs):
            e_new = penalised_cost(ctx, ev)
            delta = e_new - energy[c]
            if delta <= 0 or rng.random() < math.exp(-delta / t):
                current[c], energy[c] = proposal[c], e_new


def bayesian(
    ctx: SearchContext,
    seed: int,
    elite: list[Evaluation],
    batch_size: Count = 16,
    n_startup_trials: NonNegativeCount = 32,
    multivariate: bool = True,
) -> None:
    """Bayesian optimisation with optuna's TPE sampler (Bergstra et al., NeurIPS 2011), seeded.

    Each gene is a categorical over its coarse level indices; trials are asked ``batch_size`` at a time
    (``study.ask``), evaluated in one batch and told their :func:`penalised_cost`. Elite designs are enqueued first.
    TPE's cost grows with the number of genes and trials: correct but slow on large per-layer spaces.

    By default the TPE is multivariate (one joint Parzen estimator over all genes; Falkner, Klein & Hutter, ICML 2018,
    as optuna implements it): the genes of a design interact through the budgets (a larger PE array is feasible only
    with a narrower NoC), which independent per-gene estimators cannot express, and it sorts the trials once per
    trial instead of once per gene. On global BERT-base edge at 2,000 evaluations (seed 0) it found the best coarse
    design (1.130x the reference) where the independent TPE stopped at 1.491x, in a third of the time (41 s
    against 127 s here).

    Args:
        ctx: search context. seed: the ``TPESampler`` seed. elite: enqueued as the first trials.
        batch_size: trials per evaluator call. n_startup_trials: random trials before TPE starts modelling.
        multivariate: one joint estimator over all genes (``False``: optuna's independent per-gene TPE).
    """
    import optuna

    genes = Genes(ctx)
    names = [f"g{k}" for k in range(len(genes))]
    with _quiet_optuna():
        sampler = optuna.samplers.TPESampler(seed=seed, n_startup_trials=n_startup_trials, multivariate=multivariate)
        study = optuna.create_study(direction="minimize", sampler=sampler)
        for ev in elite:
            study.enqueue_trial({nm: int(v) for nm, v in zip(names, genes.levels_of(ev.point))})
        dists = {nm: optuna.distributions.CategoricalDistribution(list(range(int(n))))
                 for nm, n in zip(names, genes.n_levels)}
        while True:
            n = max(1, min(batch_size, ctx.remaining))
            trials = [study.ask(dists) for _ in range(n)]
            levels = np.asarray([[t.params[nm] for nm in names] for t in trials], dtype=np.int64)
            evs = ctx.evaluate(genes.points(levels))
            for trial, ev in zip(trials, evs):
                study.tell(trial, penalised_cost(ctx, ev))
            for trial in trials[len(evs):]:
                study.tell(trial, state=optuna.trial.TrialState.FAIL)
