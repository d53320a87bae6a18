"""Baseline searches: each finds the brute-force optimum of a small problem, repeats exactly for a seed, and
never exceeds its evaluation budget; the uniform split reproduces ConfuciuX's ResNet-50 cloud baseline."""

from __future__ import annotations

import itertools
import logging
import math

import pytest

from npu_dse.cost_models.evaluator import Evaluator, Problem
from npu_dse.cost_models.space import CONFUCIUX_FIXED_HARDWARE, DesignSpace, Parameter
from npu_dse.cost_models.workload import Layer, Network, Op
from npu_dse.search import baselines
from npu_dse.search.context import BudgetExhausted, SearchContext
from npu_dse.search.pipeline import StageSpec, run_pipeline

NET = Network("two_layers", (
    Layer("conv_a", Op.CONV, K=16, C=8, Y=14, X=14, R=3, S=3, padding=1),
    Layer("conv_b", Op.CONV, K=32, C=16, Y=7, X=7, R=1, S=1),
))
SPACE = DesignSpace(
    (Parameter("num_pes", (1, 2, 4, 8, 16, 32), (1, 32, 1), "per_layer"),
     Parameter("KTileSz", (1, 2, 4, 8), None, "per_layer")),
    mode="LP", dataflow="dla", fixed={**CONFUCIUX_FIXED_HARDWARE, "CTileSz": 1}, technology="maestro",
)
PROBLEM = Problem.build(NET, space=SPACE, constraints={"total_pes": 20, "buffer_bytes": 150})
METHODS = {
    "random": baselines.random_search,
    "anneal": baselines.simulated_annealing,
    "bayes": baselines.bayesian,
    "exhaustive": baselines.exhaustive,
    "uniform": baselines.uniform_split,
}


@pytest.fixture(scope="module")
def evaluator() -> Evaluator:
    return Evaluator(PROBLEM)


@pytest.fixture(scope="module")
def brute_force(evaluator: Evaluator) -> tuple[float, dict]:
    """The optimum over the coarse space, by evaluating every design (independently of the search code)."""
    levels = [p.values for p in SPACE.parameters]
    points = []
    for a in itertools.product(*levels):
        for b in itertools.product(*levels):
            points.append({"num_pes": (a[0], b[0]), "KTileSz": (a[1], b[1])})
    evs = [e for e in evaluator.evaluate_batch(points) if e.feasible]
    best = min(evs, key=lambda e: e.metrics["latency_cycles"])
    assert len(points) == 576 and 0 < len(evs) < len(points)  # the constraints bind
    return best.metrics["latency_cycles"], best.point


def _run(evaluator: Evaluator, method: str, budget: int, seed: int, **options) -> SearchContext:
    ctx = SearchContext(evaluator, budget)
    with ctx.stage_budget(method, budget):
        METHODS[method](ctx, seed, [], **options)
    return ctx


@pytest.mark.parametrize("method,budget,options", [("exhaustive", 576, {}), ("random", 4000, {}), ("anneal", 1500, {}),
                                                   ("bayes", 300, {}), ("bayes", 300, {"multivariate": False})])
def test_method_finds_brute_force_optimum_of_two_layer_problem(evaluator, brute_force, method, budget, options):
    ctx = _run(evaluator, method, budget, seed=1, **options)
    assert ctx.best is not None
    assert ctx.cost(ctx.best) == pytest.approx(brute_force[0], rel=1e-12)
    assert ctx.best.point == brute_force[1]


def test_bayes_models_the_genes_jointly_unless_told_not_to(evaluator):
    """multivariate=True (the default) and False are different samplers: once TPE models (after 32 random
    trials), the designs they ask for differ; each is deterministic."""
    joint = list(_run(evaluator, "bayes", 80, seed=2).history()["design"])
    independent = list(_run(evaluator, "bayes", 80, seed=2, multivariate=False).history()["design"])
    assert joint[:32] == independent[:32] and joint[32:] != independent[32:]
    assert list(_run(evaluator, "bayes", 80, seed=2).history()["design"]) == joint


def test_exhaustive_stops_after_whole_space_without_using_whole_budget(evaluator):
    ctx = _run(evaluator, "exhaustive", 10_000, seed=0)
    assert ctx.used == SPACE.size(2) == 576
    assert ctx.history()["design"].nunique() == 576


def test_exhaustive_larger_than_budget_samples_distinct_designs_and_says_so(evaluator, caplog):
    with caplog.at_level(logging.WARNING, logger="npu_dse.search.baselines"):
        ctx = _run(evaluator, "exhaustive", 100, seed=5)
    assert ctx.used == 100
    assert ctx.history()["design"].nunique() == 100
    assert "seeded random order" in caplog.text
    again = _run(evaluator, "exhaustive", 100, seed=5)
    other = _run(evaluator, "exhaustive", 100, seed=6)
    assert list(again.history()["design"]) == list(ctx.history()["design"])
    assert list(other.history()["design"]) != list(ctx.history()["design"])


@pytest.mark.parametrize("method", ["random", "anneal", "bayes"])
def test_seeded_runs_repeat_exactly_and_seeds_differ(evaluator, method):
    a = _run(evaluator, method, 120, seed=11).history()
    b = _run(evaluator, method, 120, seed=11).history()
    c = _run(evaluator, method, 120, seed=12).history()
    assert list(a["design"]) == list(b["design"])
    assert list(a["best_so_far"].fillna(-1)) == list(b["best_so_far"].fillna(-1))
    assert list(a["design"]) != list(c["design"])


@pytest.mark.parametrize("method", sorted(METHODS))
@pytest.mark.parametrize("budget", [1, 7, 50])
def test_budget_is_never_exceeded(evaluator, method, budget):
    ctx = SearchContext(evaluator, 10_000)
    with ctx.stage_budget(method, budget):
        METHODS[method](ctx, 3, [])
    assert 1 <= ctx.used <= budget
    assert len(ctx.history()) == ctx.used


@pytest.mark.parametrize("method", ["random", "anneal", "bayes"])
def test_iterative_methods_use_whole_budget_then_raise_budget_exhausted(evaluator, method):
    ctx = SearchContext(evaluator, 37)
    with pytest.raises(BudgetExhausted):
        METHODS[method](ctx, 0, [])
    assert ctx.used == 37


def test_uniform_split_is_best_uniform_design_including_pe_budget_share(evaluator):
    ctx = _run(evaluator, "uniform", 1000, seed=0)
    pes = [1, 2, 4, 8, 10]  # coarse levels under the budget plus floor(20 / 2) = 10 from the fine range
    candidates = [{"num_pes": (p, p), "KTileSz": (k, k)} for p in pes for k in (1, 2, 4, 8)]
    feasible = [e for e in evaluator.evaluate_batch(candidates) if e.feasible]
    best = min(feasible, key=lambda e: e.metrics["latency_cycles"])
    assert ctx.used == 6 * 4 + 4  # 6 coarse PE levels + the fine share, times 4 KTileSz levels
    assert ctx.best.point == best.point
    assert '{"KTileSz": [8, 8], "num_pes": [10, 10]}' in set(ctx.history()["design"])


def test_uniform_split_reproduces_confuciux_resnet50_cloud_baseline():
    """seed_tables.md: uniform 77 PEs x KTileSz 8 on ConfuciuX's ResNet-50 table, 235,193,013 cycles (MAESTRO)."""
    problem = Problem.build("confuciux/resnet50", platform="cloud")
    ctx = SearchContext(Evaluator(problem), 1000)
    baselines.uniform_split(ctx, 0, [])
    assert ctx.best.point["num_pes"] == (77,) * 53
    assert ctx.best.point["KTileSz"] == (8,) * 53
    assert ctx.best.metrics["latency_cycles"] == 235_193_013
    assert ctx.best.metrics["total_pes"] == 4081
    assert ctx.best.metrics["buffer_bytes"] == 7786


def test_annealing_starts_from_elite_design(evaluator, brute_force):
    best = evaluator.evaluate(brute_force[1])
    ctx = SearchContext(evaluator, 4)
    with ctx.stage_budget("anneal", 4):
        baselines.simulated_annealing(ctx, 0, [best], chains=4)
    assert ctx.history()["design"].iloc[0] == '{"KTileSz": %s, "num_pes": %s}' % (
        list(brute_force[1]["KTileSz"]), list(brute_force[1]["num_pes"]))
    assert ctx.cost(ctx.best) == brute_force[0]


def test_penalised_cost_orders_feasible_before_infeasible(evaluator):
    ctx = SearchContext(evaluator, 10)
    ok = evaluator.evaluate({"num_pes": (8, 8), "KTileSz": (1, 1)})
    over = evaluator.evaluate({"num_pes": (32, 32), "KTileSz": (1, 1)})
    assert ok.feasible and not over.feasible and over.violations == ("total_pes",)
    assert baselines.penalised_cost(ctx, over) > baselines.penalised_cost(ctx, ok)
    assert baselines.penalised_cost(ctx, ok) == pytest.approx(math.log(ok.metrics["latency_cycles"]))


def test_pipeline_of_baselines_reports_exact_gap(evaluator, brute_force):
    result = run_pipeline(PROBLEM, [StageSpec("uniform"), StageSpec("anneal")], budget=800, seed=4,
                          evaluator=evaluator)
    assert result.evaluations <= 800
    assert set(result.history["stage"]) == {"uniform", "anneal"}
    # the exact optimum is over the fine PE range (1..32), so it is at most the coarse brute-force optimum
    assert result.exact_optimum is not None and not result.exact_is_bound
    assert result.exact_optimum <= brute_force[0]
    assert result.gap_to_exact >= 0
    assert result.best.metrics["latency_cycles"] == pytest.approx(result.exact_optimum * (1 + result.gap_to_exact))



def test_the_best_design_breaks_ties_on_the_objective_by_energy_then_area():
    """Among designs tied at the least latency (on a systolic array, L1, L2 and NoC width past what it needs leave
    the cycles alone), the design reported is the one of least energy, then area, as brute force over every
    feasible design finds it independently; the search's own course is unchanged."""
    names, levels = ("num_pes", "l1_bytes", "l2_bytes", "noc_bw"), ((64, 256), (64, 512), (1 << 14, 1 << 16,
                                                                                           1 << 18), (16, 64, 256))
    space = DesignSpace(tuple(Parameter(n, v) for n, v in zip(names, levels)), mode="LS", dataflow="systolic_both",
                        technology="28nm")
    evaluator = Evaluator(Problem.build(NET, space=space, constraints={}))
    ctx = SearchContext(evaluator, 100)
    with ctx.stage_budget("exhaustive", 100):
        baselines.exhaustive(ctx, 0, [])
    feasible = [e for e in evaluator.evaluate_batch([dict(zip(names, c)) for c in itertools.product(*levels)])
                if e.feasible]
    least = min(e.metrics["latency_cycles"] for e in feasible)
    tied = [e for e in feasible if e.metrics["latency_cycles"] == least]
    assert len({e.metrics["energy_pj"] for e in tied}) > 1 and len({e.metrics["area_mm2"] for e in tied}) > 2
    want = min(tied, key=lambda e: (e.metrics["energy_pj"], e.metrics["area_mm2"]))
    assert ctx.best.point == want.point and ctx.best.metrics["latency_cycles"] == least
    assert ctx.history()["best_so_far"].min() == least
