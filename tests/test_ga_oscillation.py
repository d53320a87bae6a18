"""Strategic oscillation (``npu_dse.search.oscillation``), the GA's local search about the budget boundary: its trim
and spend leave a design no single-gene step improves on monotone toy problems (hypothesis), it never evaluates a
design twice, every design it returns was evaluated (its key is the evaluation's), a resource that frees budget as it
grows is raised and kept (a toy whose optimum needs it), and from a design on global
BERT-base edge that no single-gene change improves it reaches the best design any search found for that problem."""

from __future__ import annotations

import math
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from npu_dse.config import load_experiment
from npu_dse.cost_models.evaluator import Evaluation
from npu_dse.run import build_evaluator, build_problem
from npu_dse.search.context import BudgetExhausted, SearchContext
from npu_dse.search.ga import _fitness, _Genome
from npu_dse.search.oscillation import oscillate
from npu_dse.search.pipeline import StageSpec, run_pipeline

pytestmark = pytest.mark.usefixtures("aladdin_mac")
"""Every landscape here (global BERT-base edge, the quickstart) is the one the tests' designs were found on: the
physical technology with the Aladdin MAC (tests/conftest.py)."""

ROOT = Path(__file__).resolve().parents[1]


class _Toy:
    """A separable monotone problem: gene i at index x gives cost ``a_i / (1 + min(x, cap_i))`` (no gain past its
    cap) and uses ``c_i * x`` of one budget ``limit``; a stand-in for SearchContext.evaluate that counts calls."""

    def __init__(self, a, cap, c, limit, budget=10**9):
        self.a, self.cap, self.c, self.limit, self.budget = a, cap, c, limit, budget
        self.evaluated: list[tuple[int, ...]] = []

    def evaluate(self, points):
        if len(self.evaluated) >= self.budget:
            raise BudgetExhausted("toy")
        out = []
        for p in points:
            genes = tuple(p["genes"])
            self.evaluated.append(genes)
            use = sum(c * x for c, x in zip(self.c, genes))
            cost = sum(a / (1 + min(x, m)) for a, m, x in zip(self.a, self.cap, genes))
            ok = use <= self.limit
            out.append(Evaluation({"genes": genes}, {"cost": cost, "use": use / self.limit}, ok,
                                  () if ok else ("budget",)))
        return out

    @staticmethod
    def key(ev):
        return (ev.metrics["cost"], ev.metrics["use"]) if ev.feasible else (math.inf, math.inf)


@st.composite
def toys(draw):
    n = draw(st.integers(2, 4))
    sizes = draw(st.lists(st.integers(2, 24), min_size=n, max_size=n))
    a = draw(st.lists(st.integers(1, 100), min_size=n, max_size=n))
    cap = [draw(st.integers(0, s - 1)) for s in sizes]
    c = draw(st.lists(st.integers(1, 5), min_size=n, max_size=n))
    limit = draw(st.integers(1, sum(ci * (s - 1) for ci, s in zip(c, sizes))))
    seed = draw(st.integers(0, 2**16))
    return sizes, a, cap, c, limit, seed


@settings(max_examples=150, deadline=None)
@given(toys())
def test_oscillation_ends_trimmed_and_spent_and_returns_what_it_evaluated(case):
    sizes, a, cap, c, limit, seed = case
    toy = _Toy(a, cap, c, limit)
    start = [0] * len(sizes)  # feasible under any limit >= 0
    fitness = toy.key(toy.evaluate([{"genes": start}])[0])
    memo: dict = {}
    rng = random.Random(seed)
    numeric = list(range(len(sizes)))
    for _ in range(5):
        end = oscillate(toy, lambda g: {"genes": list(g)}, toy.key, start, fitness, sizes, numeric, [], rng,
                        memo=memo, max_spends=10**6)
        assert end is not None
        assert memo[tuple(end.genes)] == end.fitness  # evaluated, by this oscillation or an earlier one
        if end.ev is not None:
            assert end.ev.point["genes"] == tuple(end.genes) and end.fitness == toy.key(end.ev)
        if math.isfinite(end.fitness[0]):
            for j in numeric:  # trimmed: one step down costs more or breaks the budget
                if end.genes[j] > 0:
                    lower = toy.evaluate([{"genes": [*end.genes[:j], end.genes[j] - 1, *end.genes[j + 1:]]}])[0]
                    assert toy.key(lower)[0] > end.fitness[0]
                if end.genes[j] + 1 < sizes[j]:  # spent: one step up gains nothing or breaks the budget
                    upper = toy.evaluate([{"genes": [*end.genes[:j], end.genes[j] + 1, *end.genes[j + 1:]]}])[0]
                    assert not toy.key(upper)[0] < end.fitness[0]
            start, fitness = end.genes, end.fitness


def test_no_design_is_evaluated_twice_across_oscillations_of_one_search():
    toy = _Toy([50, 30, 20], [9, 5, 12], [2, 1, 3], 30)
    start = [0, 0, 0]
    fitness = toy.key(toy.evaluate([{"genes": start}])[0])
    toy.evaluated.clear()
    memo: dict = {}
    rng = random.Random(3)
    for _ in range(40):
        end = oscillate(toy, lambda g: {"genes": list(g)}, toy.key, start, fitness, [16, 16, 16], [0, 1, 2], [],
                        rng, memo=memo)
        if end.fitness < fitness:
            start, fitness = end.genes, end.fitness
    assert len(toy.evaluated) == len(set(toy.evaluated)) == len(memo)
    assert len(toy.evaluated) > 20


def test_the_budget_running_out_mid_oscillation_raises_budget_exhausted():
    toy = _Toy([50, 30], [9, 5], [2, 1], 20, budget=3)
    with pytest.raises(BudgetExhausted):
        for seed in range(20):
            oscillate(toy, lambda g: {"genes": list(g)}, toy.key, [0, 0], (80.0, 0.0), [16, 16], [0, 1], [],
                      random.Random(seed), memo={})


def test_a_gene_with_one_value_is_never_kicked_and_no_kickable_gene_gives_none():
    toy = _Toy([50], [0], [1], 5)
    assert oscillate(toy, lambda g: {"genes": list(g)}, toy.key, [0], (50.0, 0.0), [1], [0], [],
                     random.Random(0)) is None
    assert toy.evaluated == []


@pytest.fixture(scope="module")
def bert_edge():
    """Global BERT-base edge over its systolic dataflows: the landscape these tests were found on (a systolic
    array's DRAM traffic depends on its L2 and accumulator, :func:`npu_dse.cost_models.systolic.capacity_schedule`;
    found by GA runs of 10,000 and 100,000 evaluations and by single-gene descents from random designs)."""
    src = ROOT / "configs" / "global_bert_base_edge.yaml"
    cfg = load_experiment(src, ["space.dataflows=[systolic_ws, systolic_os, systolic_both]"])
    problem = build_problem(cfg, src)
    return build_evaluator(problem, src)


LOCAL_OPTIMUM = {"pe_rows": 20, "pe_cols": 20, "l1_bytes": 32, "l2_bytes": 524288, "noc_bw": 464,
                 "dataflow": "systolic_both"}
"""A design (32,179,992 cycles) where a single-gene descent from three random genes away from the best design stopped:
no single-gene change improves it."""

BEST_FOUND_CYCLES = 30_382_080
"""The best design any search found for this landscape (44 x 16 PEs, 32 B of L1, 480 KiB of L2, NoC 32 B/cycle,
systolic_both): GA at 10,000 evaluations on seeds 0, 2 and 4, and at 100,000 on seed 0."""


def test_from_a_local_optimum_of_global_bert_edge_oscillation_reaches_the_best_design_found(bert_edge):
    """Oscillation (kick a few genes, descend) escapes a single-gene local optimum and reaches the best design found
    on every seed (two of three before the repair could raise a gene and the trim kept budget use)."""
    ctx = SearchContext(bert_edge, 20_000)
    genome = _Genome(ctx)
    start_ev = ctx.evaluate([LOCAL_OPTIMUM])[0]
    assert start_ev.feasible and start_ev.metrics["latency_cycles"] == 32_179_992
    neighbours = [dict(LOCAL_OPTIMUM, **{g.parameter.name: v}) for g in genome.genes
                  for v in g.parameter.fine_values() if v != LOCAL_OPTIMUM[g.parameter.name]]
    assert min(ctx.cost(e) for e in bert_edge.evaluate_batch(neighbours)) >= 32_179_992
    sizes = [len(f) for f in genome.fine]
    reached = []
    for seed in range(3):
        rng, memo = random.Random(seed), {}
        genes, fitness = genome.from_point(LOCAL_OPTIMUM), _fitness(ctx, start_ev)
        for _ in range(400):
            end = oscillate(ctx, genome.point, lambda ev: _fitness(ctx, ev), genes, fitness, sizes,
                            genome.numeric_global, genome.categorical_global, rng, memo=memo)
            if end.fitness < fitness:
                genes, fitness = end.genes, end.fitness
            if fitness[0] <= BEST_FOUND_CYCLES:
                break
        reached.append(fitness[0])
    assert reached == [BEST_FOUND_CYCLES] * 3


def test_ga_alone_reaches_the_best_design_found_on_global_bert_edge_and_not_without_its_escapes(
        bert_edge):
    """10,000 evaluations, as in the benchmark: with oscillation and restarts (the defaults) GA alone ends on the
    best design found (seeds 0, 1, 3 and 4 of 0-4 since the niches of tests/test_ga_niches.py: seed 2 ends 1.6 %
    above it, in a systolic_both basin; seeds 0 and 2 before them); without them, and without the niches, it stops in
    a basin above it (as it did in the benchmark before them; the niches alone reach it on seed 2)."""
    problem = bert_edge.problem

    def best(seed: int, **options) -> float:
        result = run_pipeline(problem, [StageSpec("ga", options=options)], 10_000, seed=seed, evaluator=bert_edge,
                              exact=False)
        return result.best.metrics["latency_cycles"]

    assert [best(s) for s in (0, 1)] == [BEST_FOUND_CYCLES] * 2
    assert best(2, oscillate_after=0, restart_after=0, niche=False) > 1.01 * BEST_FOUND_CYCLES


class _Exchange:
    """Two genes: x0 (PEs) lowers the cost ``100 / (1 + x0)`` and uses ``2 x0`` of the budget; x1 (a buffer) leaves
    the cost alone but its budget use ``20 / (1 + x1) + x1 / 2`` first falls, then rises (DRAM energy saved against
    the buffer's own): the next PE step fits only with a larger buffer."""

    LIMIT = 25.0

    def __init__(self):
        self.evaluated: list[tuple[int, ...]] = []

    def use(self, genes):
        x0, x1 = genes
        return 2 * x0 + 20 / (1 + x1) + x1 / 2

    def evaluate(self, points):
        out = []
        for p in points:
            genes = tuple(p["genes"])
            self.evaluated.append(genes)
            use = self.use(genes)
            ok = use <= self.LIMIT
            out.append(Evaluation({"genes": genes}, {"cost": 100 / (1 + genes[0]), "use": use / self.LIMIT}, ok,
                                  () if ok else ("budget",)))
        return out

    key = staticmethod(_Toy.key)


def test_a_resource_that_frees_budget_is_raised_and_kept_so_the_pes_can_grow():
    """From (7, 1), the next PE step breaks the budget unless the buffer grows too, and the buffer alone changes no
    cost: the optimum (x0 = 9, by brute force) needs a repair that raises the buffer (after a PE kick), an exchange
    on the boundary (PEs up, buffer up) or a trim that keeps a raised buffer for the budget it frees (after a buffer
    kick); before these, every oscillation ended back at (7, 1)."""
    toy = _Exchange()
    feasible = [(x0, x1) for x0 in range(16) for x1 in range(16) if toy.use((x0, x1)) <= toy.LIMIT]
    best_cost = min(100 / (1 + x0) for x0, _ in feasible)
    assert best_cost == 10.0 and toy.use((8, 1)) > toy.LIMIT >= toy.use((7, 1))
    for seed in range(10):
        genes, rng, memo = [7, 1], random.Random(seed), {}
        fitness = start = toy.key(toy.evaluate([{"genes": genes}])[0])
        for _ in range(3):  # as the GA does: keep the better end (a kick too far may end infeasible)
            end = oscillate(toy, lambda g: {"genes": list(g)}, toy.key, genes, fitness, [16, 16], [0, 1], [], rng,
                            memo=memo, max_spends=10)
            if end.fitness < fitness:
                genes, fitness = end.genes, end.fitness
        assert fitness[0] == best_cost < start[0], seed


def _ga_on_quickstart(**options) -> None:
    """GA alone on the quickstart, 1,500 evaluations, seed 0, oscillating after 2 stale generations and never
    restarting (``options`` added to the GA's)."""
    src = ROOT / "configs" / "quickstart.yaml"
    problem = build_problem(load_experiment(src), src)
    run_pipeline(problem, [StageSpec("ga", options={"oscillate_after": 2, "restart_after": 0, **options})], 1_500,
                 seed=0, evaluator=build_evaluator(problem, src), exact=False)


def test_an_oscillation_that_ends_level_with_the_best_is_where_the_next_one_starts(monkeypatch):
    """The sideways walk of :func:`npu_dse.search.ga._evolve`: an oscillation ending on a design of the best's cost
    but other genes (here one that also uses more budget, so it never becomes the population's best) is where the
    next oscillation starts; before it, every oscillation started from the population's best again. On a plateau
    every oscillation walks on (none starts from another niche's best, as they do off it)."""
    from npu_dse.search import ga

    starts: list[list[int]] = []
    ties: list[list[int]] = []
    costs: list[float] = []

    def sideways(ctx, genome, rng, start, max_step, **_):
        starts.append(list(start))
        costs.append(start.fitness.values[0])
        genes = list(start)
        j = genome.numeric_global[0]
        genes[j] = (genes[j] + 1) % len(genome.fine[j])
        tie = ga.Individual(genes)
        tie.fitness.values = (start.fitness.values[0], start.fitness.values[1] + 1.0)
        tie.violation = 0.0
        ties.append(genes)
        return tie

    monkeypatch.setattr(ga, "_oscillate", sideways)
    _ga_on_quickstart()
    assert len(starts) >= 3
    walked = [i for i in range(1, len(starts)) if starts[i] == ties[i - 1]]
    assert walked, "no oscillation started from the tie the one before it ended on"
    # a walk is a chain: each start is the best design (not a tie) or the tie just before
    assert all(starts[i] == ties[i - 1] or starts[i] not in ties[:i] for i in range(1, len(starts)))
    assert all(costs[i] <= min(costs[:i]) for i in range(1, len(costs)))  # never another niche's (worse) best


@pytest.mark.parametrize("niche", [True, False])
def test_every_other_oscillation_starts_from_another_dataflows_best(monkeypatch, niche):
    """With niches (:func:`npu_dse.search.ga._evolve`), every other oscillation starts from the best design of
    another dataflow, in rotation: a basin whose best is behind also gets the coordinated moves along the budget
    boundary that take it to its own optimum (on global ResNet-50 edge, from a 40 x 16 systolic_both trap 3.2 %
    above the best design found to that design, a 24 x 24 systolic_os array). The stand-in oscillation moves
    nothing, so the population's best never gets worse: a start worse than an earlier one is another niche's best.
    Without niches every start is the population's best."""
    from npu_dse.search import ga

    starts: list[tuple[float, Any]] = []

    def still(ctx, genome, rng, start, max_step, **_):
        starts.append((start.fitness.values[0], tuple(start[k] for k in genome.categorical_global)))
        return None

    monkeypatch.setattr(ga, "_oscillate", still)
    _ga_on_quickstart(niche=niche)
    assert len(starts) >= 6
    behind = [i for i in range(1, len(starts)) if starts[i][0] > min(c for c, _ in starts[:i])]
    if not niche:
        assert behind == []
        return
    # each one comes right after a start from the best, and is of another dataflow (the quickstart's feasible
    # designs are systolic_both, its best, and kcp_ws)
    assert behind and all(starts[i - 1][0] == min(c for c, _ in starts[:i]) for i in behind)
    assert all(starts[i][1] != starts[i - 1][1] for i in behind)


def test_the_oscillations_from_another_niche_walk_on_from_where_the_last_one_ended(monkeypatch):
    """Each oscillation from another niche (dataflow) starts where the last one from that niche ended, whatever its
    cost (a random walk from the niche's best, restarted when that best changes): from a trap whose way out needs
    two or three genes moved together (on global ResNet-50 edge, a 36 x 12 systolic_os array with NoC 48, 3.5 %
    above the 24 x 24 one with NoC 32), independent oscillations from the niche's best reached the better design
    in none of 40 tries and a walk of them in three of six walks of 40. The stand-in ends every oscillation on a
    design worse than its start (so no niche's best changes): before the walk, every start behind the best was a
    niche's best."""
    from npu_dse.search import ga

    starts: list[tuple[float, list[int]]] = []
    ends: list[list[int]] = []

    def worse(ctx, genome, rng, start, max_step, **_):
        starts.append((start.fitness.values[0], list(start)))
        genes = list(start)
        j = genome.numeric_global[0]
        genes[j] = (genes[j] + 1) % len(genome.fine[j])
        end = ga.Individual(genes)
        end.fitness.values = (1.5 * start.fitness.values[0], start.fitness.values[1])
        end.violation = 0.0
        ends.append(genes)
        return end

    monkeypatch.setattr(ga, "_oscillate", worse)
    _ga_on_quickstart()
    behind = [i for i in range(1, len(starts)) if starts[i][0] > min(c for c, _ in starts[:i])]
    assert len(behind) >= 3
    walked = [i for i, h in zip(behind[1:], behind) if starts[i][1] == ends[h]]
    assert walked, "no oscillation from another niche started where the one before it from that niche ended"
    # each start behind the best is where the last one from its niche ended, or a niche's best (no end at all)
    assert all(starts[i][1] == ends[h] or starts[i][1] not in ends[:i] for i, h in zip(behind[1:], behind))
