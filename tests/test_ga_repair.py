"""The GA while no feasible design is known: designs ranked by how far they break the budgets (``ga.violation``),
so a throughput floor that the cheapest corner and most random designs miss is still reached."""

from __future__ import annotations

import itertools

import pytest

from npu_dse.cost_models.evaluator import Constraint, Evaluator, Problem
from npu_dse.cost_models.space import global_space
from npu_dse.cost_models.workload import Layer, Network, Op
from npu_dse.search.context import SearchContext
from npu_dse.search.ga import violation
from npu_dse.search.pipeline import StageSpec, run_pipeline

NET = Network("two", (Layer("a", Op.CONV, K=64, C=32, Y=28, X=28, R=3, S=3, padding=1),
                      Layer("b", Op.CONV, K=128, C=64, Y=14, X=14, R=1, S=1)))
SPACE = global_space(("systolic_ws", "kcp_ws", "yxp_os"), pe_array=True)


def _rates() -> list[float]:
    ev = Evaluator(Problem(NET, SPACE, objectives=("energy_pj",)), check_budget=False)
    points = [dict(zip([p.name for p in SPACE.parameters], c))
              for c in itertools.product(*[p.values for p in SPACE.parameters])]
    return sorted(e.metrics["inferences_per_s"] for e in ev.evaluate_batch(points))


def test_violation_is_zero_when_feasible_and_the_relative_excess_otherwise():
    rates = _rates()
    floor = rates[len(rates) // 2]
    problem = Problem(NET, SPACE, objectives=("energy_pj",), constraints=(Constraint("inferences_per_s", limit=floor),
                                                                         Constraint("area_mm2", limit=2.0)))
    ctx = SearchContext(Evaluator(problem), 10)
    slow = {"pe_rows": 8, "pe_cols": 8, "l1_bytes": 64, "l2_bytes": 16384, "noc_bw": 8, "dataflow": "yxp_os"}
    ev = ctx.evaluator.evaluate(slow)
    expected = max(0.0, floor / ev.metrics["inferences_per_s"] - 1) + max(0.0, ev.metrics["area_mm2"] / 2.0 - 1)
    assert violation(ctx, ev) == pytest.approx(expected, rel=1e-12)
    assert (violation(ctx, ev) == 0) == ev.feasible


def test_ga_alone_reaches_a_floor_few_designs_meet():
    rates = _rates()
    floor = rates[int(len(rates) * 0.99)]  # the top 1 % of the coarse designs meet it; the cheapest corner does not
    problem = Problem(NET, SPACE, objectives=("energy_pj",), constraints=(Constraint("inferences_per_s", limit=floor),))
    found = 0
    for seed in range(6):  # reverting every infeasible child to its infeasible parent found one on 2 seeds of 6
        res = run_pipeline(problem, [StageSpec("ga")], 200, seed=seed, exact=False)
        if res.best is not None:
            assert res.best.feasible and res.best.metrics["inferences_per_s"] >= floor
            found += 1
    assert found >= 5
