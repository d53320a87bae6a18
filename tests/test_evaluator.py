"""Evaluator: LP/LS totals by hand, cache and counters, constraints, infeasible budgets, bad parameters."""

import numpy as np
import pytest

from npu_dse.cost_models.errors import InfeasibleError, SpaceError
from npu_dse.cost_models.evaluator import PLATFORMS, Constraint, Evaluator, Problem
from npu_dse.cost_models.hardware import Hardware
from npu_dse.cost_models.maestro import analyze_layer
from npu_dse.cost_models.space import CONFUCIUX_FIXED_HARDWARE, DesignSpace, Parameter, confuciux_space
from npu_dse.cost_models.workload import Layer, Network, Op

TWO = Network("two", (
    Layer("conv", Op.CONV, K=16, C=8, Y=14, X=14, R=3, S=3, padding=1),
    Layer("fc", Op.GEMM, K=10, C=256),
))


def _by_hand(layer, pes, ktile):
    hw = Hardware(num_pes=pes, **{k: v for k, v in CONFUCIUX_FIXED_HARDWARE.items()})
    return analyze_layer(layer, "dla", hw, constants={"KTileSz": ktile, "CTileSz": 1, "ClusterSz": pes}, technology="maestro")


@pytest.mark.parametrize("mode", ["LP", "LS"])
def test_lp_and_ls_totals_match_per_layer_costs_by_hand(mode):
    problem = Problem(TWO, confuciux_space(mode=mode))
    ev = Evaluator(problem)
    point = {"num_pes": (8, 4), "KTileSz": (2, 3)}
    res = ev.evaluate(point)
    a, b = _by_hand(TWO.layers[0], 8, 2), _by_hand(TWO.layers[1], 4, 3)
    lat = float(a.runtime_cycles[0] + b.runtime_cycles[0])
    assert res.metrics["latency_cycles"] == pytest.approx(lat, rel=1e-12)
    assert res.metrics["energy_pj"] == pytest.approx(float(a.energy_pj[0] + b.energy_pj[0]), rel=1e-12)
    assert res.metrics["edp"] == pytest.approx(res.metrics["energy_pj"] * lat, rel=1e-12)
    combine = np.add if mode == "LP" else np.maximum
    assert res.metrics["total_pes"] == combine(8, 4)
    assert res.metrics["buffer_bytes"] == pytest.approx(float(combine(a.l1_req_bytes[0], b.l1_req_bytes[0])))
    assert res.metrics["area_mm2"] == pytest.approx(float(combine(a.area_um2[0], b.area_um2[0])) / 1e6)
    assert res.metrics["power_mw"] == pytest.approx(float(combine(a.power_mw[0], b.power_mw[0])))
    stage = max(a.runtime_cycles[0], b.runtime_cycles[0]) if mode == "LP" else lat
    assert res.metrics["throughput"] == pytest.approx(1000e6 / float(stage))
    assert res.feasible and res.violations == ()
    np.testing.assert_allclose(res.layers["runtime_cycles"], [a.runtime_cycles[0], b.runtime_cycles[0]])


def test_cache_and_counters():
    ev = Evaluator(Problem(TWO, confuciux_space()))
    point = {"num_pes": (8, 4), "KTileSz": (2, 3)}
    ev.evaluate(point)
    assert ev.n_evaluations == 1 and ev.n_cost_model_calls == 2 and ev.n_cache_hits == 0
    ev.evaluate_batch([point, {"num_pes": (8, 8), "KTileSz": (2, 3)}])
    assert ev.n_evaluations == 3
    assert ev.n_cost_model_calls == 3  # only (fc, 8 PEs, KTileSz 3) was new
    assert ev.n_cache_hits == 3
    cold = Evaluator(Problem(TWO, confuciux_space()), cache=False)
    cold.evaluate(point)
    cold.evaluate(point)
    assert cold.n_cost_model_calls == 4 and cold.n_cache_hits == 0


def test_constraints_mark_points_infeasible_and_name_the_metric():
    problem = Problem(TWO, confuciux_space(), constraints=(Constraint("total_pes", limit=10),))
    ev = Evaluator(problem)
    assert ev.evaluate({"num_pes": (8, 2), "KTileSz": (1, 1)}).feasible
    bad = ev.evaluate({"num_pes": (8, 4), "KTileSz": (1, 1)})
    assert not bad.feasible and bad.violations == ("total_pes",)


def test_ratio_constraint_is_between_the_corner_designs():
    ev = Evaluator(Problem(TWO, confuciux_space(), constraints=(Constraint("total_pes", ratio=0.5),)))
    # corners: 1 PE per layer (2 in all) and 128 per layer (256): half-way is 129
    assert ev.limits["total_pes"] == pytest.approx(2 + 0.5 * (256 - 2))


def test_infeasible_budget_is_reported_before_search():
    with pytest.raises(InfeasibleError, match="'total_pes' = 1 cannot be met.*needs 2"):
        Evaluator(Problem(TWO, confuciux_space(), constraints=(Constraint("total_pes", limit=1),)))


def test_platform_presets_and_bad_names():
    p = Problem.build(TWO, platform="edge")
    assert {c.metric: c.limit for c in p.constraints} == {"total_pes": 256, "buffer_bytes": 4096}
    assert PLATFORMS["cloud"].total_pes == 4096 and PLATFORMS["iot"].buffer_bytes == 1024
    assert PLATFORMS["edge"].area_mm2 > PLATFORMS["iot"].area_mm2 > 0
    with pytest.raises(SpaceError, match="allowed: cloud, edge, iot"):
        Problem.build(TWO, platform="mars")
    with pytest.raises(SpaceError, match="unknown objective 'speed'"):
        Problem.build(TWO, objective="speed")
    with pytest.raises(SpaceError, match="unknown metric; allowed: total_pes"):
        Constraint("bananas", limit=1)
    with pytest.raises(SpaceError, match="unknown dataflow"):
        Evaluator(Problem(TWO, DesignSpace((Parameter("num_pes", (1, 2), scope="per_layer"),), dataflow="nope")))
    ev = Evaluator(Problem(TWO, confuciux_space(fine=False)))
    with pytest.raises(SpaceError, match="'num_pes': value 3 not allowed"):
        ev.evaluate({"num_pes": (3, 4), "KTileSz": (1, 1)})


def test_provisioned_buffers_below_requirement_are_infeasible():
    space = DesignSpace(
        (Parameter("num_pes", (64,)), Parameter("l1_bytes", (1, 4096)), Parameter("l2_bytes", (10**7,))),
        mode="LS", dataflow="kcp_ws", fixed={"noc_bw": 64, "offchip_bw": 64},
    )
    ev = Evaluator(Problem(TWO, space))
    small = ev.evaluate({"num_pes": 64, "l1_bytes": 1, "l2_bytes": 10**7})
    big = ev.evaluate({"num_pes": 64, "l1_bytes": 4096, "l2_bytes": 10**7})
    assert not small.feasible and "buffers" in small.violations
    assert big.feasible
    assert big.metrics["buffer_bytes"] == 4096  # provisioned, not required


def test_pes_needed_is_the_product_of_the_clusters_on_the_layer():
    from npu_dse.cost_models.maestro import pes_needed

    conv, fc = TWO.layers
    assert pes_needed(conv, "kcp_ws", None, 16) == 64  # Cluster(64, P)
    assert pes_needed(conv, "rs", None, 16) == 3  # Cluster(Sz(R), P), R = 3
    assert pes_needed(conv, "dla", {"ClusterSz": 32}, 16) == 32
    assert pes_needed(conv, "dla", None, 16) == 16  # ClusterSz defaults to the PE count
    assert pes_needed(conv, "systolic_ws", None, 4) == 1
    assert pes_needed(fc, "xp_ws", None, 4) == 1  # one level, no cluster


def _small_array_space(dataflows=("kcp_ws",)):
    return DesignSpace(
        (Parameter("num_pes", (16, 64)), Parameter("l1_bytes", (4096,)), Parameter("l2_bytes", (10**7,)),
         Parameter("dataflow", tuple(dataflows))),
        mode="LS", dataflow=dataflows[0], fixed={"noc_bw": 64, "offchip_bw": 64},
    )


def test_a_dataflow_needing_more_pes_than_a_design_has_makes_that_design_infeasible_not_the_space():
    """kcp_ws clusters 64 PEs: at 16 PEs MAESTRO divides by zero. The search's evaluator marks that design
    infeasible (violation ``mapping``) and costs its layers as on the 64 PEs they need, for a finite penalty."""
    ev = Evaluator(Problem(TWO, _small_array_space(("kcp_ws", "rs"))))
    small, fits, rs = ev.evaluate_batch([
        {"num_pes": 16, "l1_bytes": 4096, "l2_bytes": 10**7, "dataflow": "kcp_ws"},
        {"num_pes": 64, "l1_bytes": 4096, "l2_bytes": 10**7, "dataflow": "kcp_ws"},
        {"num_pes": 16, "l1_bytes": 4096, "l2_bytes": 10**7, "dataflow": "rs"},
    ])
    assert not small.feasible and small.violations == ("mapping",)
    np.testing.assert_array_equal(small.layers["mapping_ok"], [0, 0])
    np.testing.assert_array_equal(small.layers["buffers_ok"], [0, 0])  # no per-layer search keeps the option
    for m in ("runtime_cycles", "energy_pj", "macs", "num_pes"):
        np.testing.assert_array_equal(small.layers[m], fits.layers[m])
    assert all(np.isfinite(v) for v in small.metrics.values())
    assert fits.feasible and fits.violations == ()
    np.testing.assert_array_equal(fits.layers["mapping_ok"], [1, 1])
    assert rs.feasible and rs.layers["num_pes"].tolist() == [16, 16]  # Cluster(Sz(R)) = 3 fits 16 PEs


def test_penalties_count_structural_violations_as_one_excess():
    from npu_dse.cost_models.evaluator import Evaluation
    from npu_dse.search.baselines import penalised_cost
    from npu_dse.search.context import SearchContext
    from npu_dse.search.nsga2 import INFEASIBLE_COST, fitness_values

    problem = Problem(TWO, _small_array_space(), constraints=(Constraint("area_mm2", limit=1e9),))
    ctx = SearchContext(Evaluator(problem), budget=10)
    metrics = ctx.evaluator.evaluate({"num_pes": 64, "l1_bytes": 4096, "l2_bytes": 10**7, "dataflow": "kcp_ws"}).metrics
    base = penalised_cost(ctx, Evaluation({}, metrics, True, (), {}))
    for violations in (("mapping",), ("buffers",), ("generator",)):
        ev = Evaluation({}, metrics, False, violations, {})
        assert penalised_cost(ctx, ev) == pytest.approx(base + 20.0)
        assert fitness_values(ctx, ev) == (INFEASIBLE_COST * 2.0,)


def test_a_space_none_of_whose_designs_runs_a_layer_is_refused_before_search():
    space = DesignSpace((Parameter("num_pes", (16, 32)), Parameter("l1_bytes", (4096,)),
                         Parameter("l2_bytes", (10**7,))),
                        mode="LS", dataflow="kcp_ws", fixed={"noc_bw": 64, "offchip_bw": 64})
    with pytest.raises(InfeasibleError, match=r"layer 'conv' under dataflow 'kcp_ws' needs 64 PEs .* at most 32"):
        Evaluator(Problem(TWO, space))
    Evaluator(Problem(TWO, _small_array_space(("kcp_ws", "rs"))))  # rs runs both layers on 16 PEs: accepted


def test_proven_bounds_leave_out_designs_that_cannot_run():
    """The 16-PE kcp_ws design is costed on 64 PEs for its penalty; the lower bounds are of designs that run."""
    ev = Evaluator(Problem(TWO, _small_array_space(("kcp_ws", "rs"))))
    bounds = ev.lower_bounds()
    rs16 = ev.evaluate({"num_pes": 16, "l1_bytes": 4096, "l2_bytes": 10**7, "dataflow": "rs"})
    assert bounds["total_pes"] == 16 == rs16.metrics["total_pes"]
    assert bounds["area_mm2"] == pytest.approx(rs16.metrics["area_mm2"])


def test_a_resource_budget_below_the_smallest_design_names_the_lowest_levels():
    space = DesignSpace((Parameter("num_pes", (64, 128)), Parameter("l1_bytes", (512, 4096)),
                         Parameter("l2_bytes", (65536,))), mode="LS", dataflow="kcp_ws", fixed={"noc_bw": 64})
    with pytest.raises(InfeasibleError, match=r"constraint 'sram_bytes' = 1000 cannot be met; the best design of "
                                              r"this space needs 98304 .*the space's lowest levels are num_pes 64, "
                                              r"l1_bytes 512, l2_bytes 65536: lower ones go in space.parameters"):
        Evaluator(Problem(TWO, space, constraints=(Constraint("sram_bytes", limit=1000),)))
