"""Exact optimum of additive per-layer problems: the MCKP DP agrees with exhaustive search on random small problems,
the Lagrangian bound brackets the optimum, and non-additive problems are refused with a reason."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from npu_dse.cost_models.errors import InfeasibleError
from npu_dse.cost_models.evaluator import Evaluator, Problem
from npu_dse.cost_models.space import CONFUCIUX_FIXED_HARDWARE, DesignSpace, Parameter, global_space
from npu_dse.cost_models.workload import Layer, Network, Op
from npu_dse.search.exact import ExactResult, NotApplicable, exact_optimum

PES = (1, 2, 4, 8, 16)
KTILES = (1, 2, 4)


def _space(mode: str = "LP", pe_range: tuple[int, int, int] | None = None,
           technology: str = "maestro") -> DesignSpace:
    """ConfuciuX's per-layer space (MAESTRO's constants and NoC), or under a physical ``technology`` a real NoC of
    64 elements/cycle with each layer's buffers sized to its requirement (``configs/lp_mobilenet_v2_edge.yaml``)."""
    fixed = {**CONFUCIUX_FIXED_HARDWARE, "CTileSz": 1} if technology == "maestro" else {"noc_bw": 64, "CTileSz": 1}
    return DesignSpace(
        (Parameter("num_pes", PES, pe_range, "per_layer"), Parameter("KTileSz", KTILES, None, "per_layer")),
        mode=mode, dataflow="dla", fixed=fixed, technology=technology,
    )


def _brute_force(evaluator: Evaluator) -> tuple[float, list]:
    """Optimum of the first objective over every coarse design, via the evaluator (independent of the DP)."""
    L = evaluator.num_layers
    options = list(itertools.product(PES, KTILES))
    points = [{"num_pes": tuple(o[0] for o in combo), "KTileSz": tuple(o[1] for o in combo)}
              for combo in itertools.product(options, repeat=L)]
    obj = evaluator.problem.objectives[0]
    feasible = [e for e in evaluator.evaluate_batch(points) if e.feasible]
    if not feasible:
        return float("inf"), []
    best = min(e.metrics[obj] for e in feasible)
    return best, [e.point for e in feasible if e.metrics[obj] == best]


layer_st = st.builds(
    lambda i, k, c, y, r: Layer(f"l{i}", Op.CONV, K=k, C=c, Y=y, X=y, R=r, S=r, padding=r // 2),
    st.just(0), st.sampled_from([4, 8, 16, 24]), st.sampled_from([2, 3, 8, 16]), st.sampled_from([4, 7, 9]),
    st.sampled_from([1, 3]),
)


@st.composite
def problems(draw) -> tuple[Network, dict, str, str]:
    n = draw(st.integers(2, 3))
    layers = [draw(layer_st) for _ in range(n)]
    layers = [Layer(f"l{i}", la.op, K=la.K, C=la.C, Y=la.Y, X=la.X, R=la.R, S=la.S, padding=la.padding)
              for i, la in enumerate(layers)]
    constraints = {}
    if draw(st.booleans()):
        constraints["total_pes"] = draw(st.integers(n, 16 * n))
    if draw(st.booleans()):
        constraints["buffer_bytes"] = {"ratio": draw(st.floats(0.0, 1.0))}
    if draw(st.integers(0, 3)) == 0:
        constraints["area_mm2"] = {"ratio": draw(st.floats(0.1, 1.0))}
    objective = draw(st.sampled_from(["latency_cycles", "energy_pj"]))
    mode = draw(st.sampled_from(["LP", "LP", "LS"]))
    technology = draw(st.sampled_from(["maestro", "maestro", "28nm"]))
    if technology != "maestro":  # physical energy holds leakage over the whole run: not additive (exact.py)
        objective = "latency_cycles"
    return Network("random", tuple(layers)), constraints, objective, mode, technology


@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_exact_dp_agrees_with_exhaustive_search_on_random_small_problems(case):
    network, constraints, objective, mode, technology = case
    problem = Problem.build(network, space=_space(mode, technology=technology), objective=objective,
                            constraints=constraints)
    evaluator = Evaluator(problem, check_budget=False)
    best, optimal_points = _brute_force(evaluator)
    if best == float("inf"):
        with pytest.raises(InfeasibleError):
            exact_optimum(evaluator, fine=False)
        return
    result = exact_optimum(evaluator, fine=False)
    ev = evaluator.evaluate(result.point)
    assert ev.feasible
    assert ev.metrics[objective] == pytest.approx(result.primal_value, rel=1e-9)
    if result.is_bound:  # only with an area (real-valued) budget the relaxation may leave a gap
        assert "area_mm2" in constraints and mode == "LP"
        assert result.value <= best * (1 + 1e-9) <= result.primal_value * (1 + 1e-9)
    else:
        assert result.value == pytest.approx(best, rel=1e-9)
        assert result.point in optimal_points


@settings(max_examples=10, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_lagrangian_relaxation_brackets_the_optimum(case):
    network, constraints, objective, _, technology = case
    constraints.setdefault("total_pes", 3 * len(network.layers))
    problem = Problem.build(network, space=_space("LP", technology=technology), objective=objective,
                            constraints=constraints)
    evaluator = Evaluator(problem, check_budget=False)
    best, _ = _brute_force(evaluator)
    if best == float("inf"):
        return
    result = exact_optimum(evaluator, fine=False, max_cells=0.5)  # nothing may be indexed: relax every budget
    assert result.method.startswith("lagrangian") or result.method == "mckp-dp []"  # [] : no budget binds
    assert result.value <= best * (1 + 1e-9)
    if result.point is not None:
        assert evaluator.evaluate(result.point).feasible
        assert result.primal_value >= best * (1 - 1e-9)
    if not result.is_bound:
        assert result.value == pytest.approx(best, rel=1e-9)


NET = Network("three_layers", (
    Layer("a", Op.CONV, K=16, C=8, Y=14, X=14, R=3, S=3, padding=1),
    Layer("b", Op.CONV, K=32, C=16, Y=7, X=7, R=1, S=1),
    Layer("c", Op.GEMM, K=10, C=32, Y=1, X=1, R=1, S=1),
))


def test_fine_range_optimum_is_no_worse_than_coarse_and_uses_off_level_values():
    problem = Problem.build(NET, space=_space(pe_range=(1, 16, 1)), constraints={"total_pes": 30})
    evaluator = Evaluator(problem)
    coarse = exact_optimum(evaluator, fine=False)
    fine = exact_optimum(evaluator)
    assert not fine.is_bound and not coarse.is_bound
    assert fine.value <= coarse.value
    assert evaluator.evaluate(fine.point).metrics["latency_cycles"] == pytest.approx(fine.value)
    assert evaluator.evaluate(fine.point).metrics["total_pes"] <= 30
    # with 30 PEs over 3 layers a fine assignment must beat the coarse levels here
    assert fine.value < coarse.value
    assert any(p not in PES for p in fine.point["num_pes"])


def test_unconstrained_optimum_is_each_layers_fastest_option():
    problem = Problem.build(NET, space=_space())
    evaluator = Evaluator(problem)
    result = exact_optimum(evaluator, fine=False)
    expected = 0.0
    for i in range(3):
        params = [{**problem.space.layer_params(problem.space.corner(3), i), "num_pes": p, "KTileSz": k}
                  for p in PES for k in KTILES]
        expected += evaluator.layer_costs(i, params)["runtime_cycles"].min()
    assert result.value == expected and not result.is_bound
    assert result.options_per_layer == (1, 1, 1)


def test_non_additive_objective_is_not_applicable():
    problem = Problem.build(NET, space=_space(), objective="edp")
    with pytest.raises(NotApplicable, match="'edp' is not a sum over layers"):
        exact_optimum(Evaluator(problem))


def test_multi_valued_global_parameter_is_not_applicable():
    problem = Problem.build(NET, space=global_space(("kcp_ws",)))
    with pytest.raises(NotApplicable, match="global parameter 'num_pes'"):
        exact_optimum(Evaluator(problem, check_budget=False))


def test_budget_below_every_design_raises_infeasible():
    problem = Problem.build(NET, space=_space(), constraints={"total_pes": 2})
    with pytest.raises(InfeasibleError):
        exact_optimum(Evaluator(problem, check_budget=False), fine=False)


def test_result_gap_is_zero_when_exact():
    r = ExactResult(10.0, {}, False, "mckp-dp []", 10.0)
    assert r.gap == 0.0
    assert ExactResult(8.0, {}, True, "lagrangian", 10.0).gap == pytest.approx(0.25)
