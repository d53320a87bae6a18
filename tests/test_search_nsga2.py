"""NSGA-II and Pareto utilities: fronts are non-dominated and feasible, hypervolume grows with generations and
approaches the brute-force front's, runs repeat for a seed, budgets hold; hypervolume is exact on hand-checked
fronts and behaves as a measure (hypothesis)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from npu_dse.cost_models.errors import SpaceError
from npu_dse.cost_models.evaluator import Evaluation, Evaluator, Problem
from npu_dse.cost_models.space import CONFUCIUX_FIXED_HARDWARE, DesignSpace, Parameter
from npu_dse.cost_models.workload import Layer, Network, Op
from npu_dse.search._deap import multi_objective_classes
from npu_dse.search.context import SearchContext
from npu_dse.search.nsga2 import INFEASIBLE_COST, fitness_values, nsga2
from npu_dse.search.pareto import hypervolume, non_dominated_mask, objective_costs, pareto_front
from npu_dse.search.pipeline import StageSpec, run_pipeline

NET = Network("three_layers", (
    Layer("a", Op.CONV, K=16, C=8, Y=14, X=14, R=3, S=3, padding=1),
    Layer("b", Op.CONV, K=32, C=16, Y=7, X=7, R=1, S=1),
    Layer("c", Op.CONV, K=8, C=32, Y=7, X=7, R=3, S=3, padding=1),
))
SPACE = DesignSpace(
    (Parameter("num_pes", (1, 2, 4, 8, 16, 32), None, "per_layer"),
     Parameter("KTileSz", (1, 2, 4, 8), None, "per_layer")),
    mode="LP", dataflow="dla", fixed={**CONFUCIUX_FIXED_HARDWARE, "CTileSz": 1}, technology="maestro",
)
OBJECTIVES = ("latency_cycles", "area_mm2")
PROBLEM = Problem.build(NET, space=SPACE, objective=OBJECTIVES, constraints={"total_pes": 40})


@pytest.fixture(scope="module")
def evaluator() -> Evaluator:
    return Evaluator(PROBLEM)


@pytest.fixture(scope="module")
def true_front(evaluator) -> list[Evaluation]:
    """Brute force over all 24**3 designs."""
    options = list(itertools.product(*(p.values for p in SPACE.parameters)))
    points = [{"num_pes": tuple(o[0] for o in c), "KTileSz": tuple(o[1] for o in c)}
              for c in itertools.product(options, repeat=3)]
    return pareto_front(evaluator.evaluate_batch(points), OBJECTIVES)


def _box(front: list[Evaluation]) -> tuple[np.ndarray, np.ndarray]:
    costs = objective_costs(front, OBJECTIVES)
    return costs.max(axis=0) * 1.1, costs.min(axis=0)


def _run(evaluator, seed: int, budget: int = 10**6, **options) -> SearchContext:
    ctx = SearchContext(evaluator, budget)
    with ctx.stage_budget("nsga2", budget):
        nsga2(ctx, seed, [], **options)
    return ctx


def test_front_is_non_dominated_and_feasible(evaluator):
    ctx = _run(evaluator, 2, population=24, generations=10)
    front = pareto_front(ctx.feasible_evaluations(), OBJECTIVES)
    assert len(front) >= 5
    costs = objective_costs(front, OBJECTIVES)
    for i, j in itertools.permutations(range(len(front)), 2):
        assert not (np.all(costs[i] <= costs[j]) and np.any(costs[i] < costs[j]))
    assert all(e.feasible and e.metrics["total_pes"] <= 40 for e in front)
    assert list(costs[:, 0]) == sorted(costs[:, 0])  # sorted by the first objective


def test_hypervolume_grows_with_generations_towards_brute_force_front(evaluator, true_front):
    reference, ideal = _box(true_front)
    hv = []
    for generations in (1, 5, 40):
        ctx = _run(evaluator, 3, population=32, generations=generations)
        assert ctx.used == 32 * (generations + 1)
        hv.append(hypervolume(pareto_front(ctx.feasible_evaluations(), OBJECTIVES), OBJECTIVES, reference, ideal))
    best = hypervolume(true_front, OBJECTIVES, reference, ideal)
    assert hv[0] < hv[1] < hv[2] <= best * (1 + 1e-12)
    assert hv[2] >= 0.97 * best


def test_seeded_runs_repeat_exactly(evaluator):
    a = _run(evaluator, 9, budget=300, population=20).history()
    b = _run(evaluator, 9, budget=300, population=20).history()
    c = _run(evaluator, 10, budget=300, population=20).history()
    assert list(a["design"]) == list(b["design"]) and list(a["design"]) != list(c["design"])


@pytest.mark.parametrize("budget", [1, 30, 101])
def test_budget_is_never_exceeded(evaluator, budget):
    ctx = _run(evaluator, 0, budget=budget, population=16)
    assert ctx.used == budget


def test_infeasible_designs_are_dominated_by_every_feasible_one(evaluator):
    ctx = SearchContext(evaluator, 10)
    ok = evaluator.evaluate({"num_pes": (8, 8, 8), "KTileSz": (1, 1, 1)})
    over = evaluator.evaluate({"num_pes": (32, 32, 32), "KTileSz": (8, 8, 8)})
    assert ok.feasible and not over.feasible
    assert fitness_values(ctx, ok) == (ok.metrics["latency_cycles"], ok.metrics["area_mm2"])
    assert all(v > INFEASIBLE_COST for v in fitness_values(ctx, over))  # 96 PEs vs 40: excess 1.4
    fit, ind = multi_objective_classes(2)
    assert fit.weights == (-1.0, -1.0) and multi_objective_classes(2) == (fit, ind)


def test_pipeline_reports_front_and_hypervolume(evaluator):
    result = run_pipeline(PROBLEM, [StageSpec("nsga2", options={"population": 16})], budget=200, seed=1,
                          evaluator=evaluator)
    assert result.evaluations == 200
    assert len(result.pareto) >= 2 and 0 < result.hypervolume <= 1
    assert result.hypervolume == pytest.approx(hypervolume(result.pareto, OBJECTIVES))


# ---------------------------------------------------------------------- pareto utilities
def _ev(*costs: float, feasible: bool = True) -> Evaluation:
    return Evaluation({}, {"latency_cycles": costs[0], "energy_pj": costs[1], "area_mm2": costs[-1],
                           "throughput": 1.0 / max(costs[0], 1e-9)}, feasible, ())


def test_pareto_front_drops_dominated_duplicate_and_infeasible_designs():
    evs = [_ev(1, 5), _ev(2, 3), _ev(2, 4), _ev(1, 5), _ev(3, 1), _ev(0.5, 0.5, feasible=False)]
    front = pareto_front(evs, ("latency_cycles", "energy_pj"))
    assert [(e.metrics["latency_cycles"], e.metrics["energy_pj"]) for e in front] == [(1, 5), (2, 3), (3, 1)]
    assert front[0] is evs[0]


def test_hypervolume_of_hand_checked_fronts():
    objs = ("latency_cycles", "energy_pj")
    # normalised box [0,4]x[0,4]: points (1,3), (2,2), (3,1) dominate 3 + 2 + 1 = 6 unit squares of 16
    front = [_ev(1, 3), _ev(2, 2), _ev(3, 1)]
    assert hypervolume(front, objs, reference=[4, 4], ideal=[0, 0]) == pytest.approx(6 / 16)
    # default box: ideal (1,1), reference 1 + 1.1 * 2 = 3.2 on both axes
    expected = ((3.2 - 1) * (3.2 - 3) + (3.2 - 2) * (3 - 2) + (3.2 - 3) * (2 - 1)) / 2.2**2
    assert hypervolume(front, objs) == pytest.approx(expected)
    # three objectives: (1,2,2) and (2,1,1) in [0,3]^3 dominate 2x1x1 + 1x2x2 - 1x1x1 = 5 of 27 unit cubes
    three = [_ev(1, 2, 2), _ev(2, 1, 1)]
    assert hypervolume(three, ("latency_cycles", "energy_pj", "area_mm2"), [3, 3, 3], [0, 0, 0]) == \
        pytest.approx(5 / 27)
    assert hypervolume([], objs) == 0.0
    with pytest.raises(SpaceError, match="must exceed ideal"):
        hypervolume(front, objs, reference=[0, 4], ideal=[0, 0])


def test_throughput_is_maximised_as_a_negated_cost():
    evs = [_ev(1, 5), _ev(2, 3)]
    costs = objective_costs(evs, ("throughput", "energy_pj"))
    assert costs[0, 0] == -1.0 and costs[1, 0] == -0.5
    assert len(pareto_front(evs, ("throughput", "energy_pj"))) == 2


points_st = st.lists(st.tuples(*[st.integers(0, 20)] * 3), min_size=1, max_size=25)


@settings(max_examples=60)
@given(points_st, st.tuples(*[st.integers(0, 20)] * 3))
def test_hypervolume_is_monotone_and_matches_grid_count(points, extra):
    objs = ("latency_cycles", "energy_pj", "area_mm2")
    ref, ideal = [21, 21, 21], [0, 0, 0]
    evs = [_ev(*p) for p in points]
    hv = hypervolume(evs, objs, ref, ideal)
    # integer points: the dominated volume is the number of unit cells [x, x+1)^3 some point dominates
    grid = np.zeros((21, 21, 21), dtype=bool)
    for x, y, z in points:
        grid[x:, y:, z:] = True
    assert hv == pytest.approx(grid.sum() / 21**3)
    assert hypervolume(evs + [_ev(*extra)], objs, ref, ideal) >= hv - 1e-12
    mask = non_dominated_mask(np.asarray(points, dtype=float))
    assert hypervolume([e for e, m in zip(evs, mask) if m], objs, ref, ideal) == pytest.approx(hv)
