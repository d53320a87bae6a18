"""Proven runtime floors (``npu_dse.cost_models.bounds``): their premise (more L1, L2, NoC or off-chip bandwidth
never slows a layer, never shrinks a budget metric) on random layers and designs; the relaxed latency bound of
searches never above the optimum of exhaustive search on small global spaces, and equal to it when no resource is
left to relax; a speed budget refused only when no design meets it (not when the largest design is merely slower);
budget bounds of a PE-array space priced by each array's rows and columns."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from npu_dse.cost_models.errors import InfeasibleError, NpuDseError
from npu_dse.cost_models.evaluator import CONSTRAINT_LAYER_COLUMN, Constraint, Evaluator, Problem
from npu_dse.cost_models.mapper import DEFAULT_CANDIDATES
from npu_dse.cost_models.space import DesignSpace, Parameter
from npu_dse.cost_models.workload import Layer, Network, Op
from npu_dse.search.exact import RELAXED_RESOURCES, NotApplicable, relaxed_latency_bound
from strategies import layers

DATAFLOWS = ("systolic_ws", "systolic_os", "systolic_both", "kcp_ws", "yxp_os", "rs", "xp_ws", "dla")
RESOURCE_VALUES = {"l1_bytes": (32, 64, 256, 1024, 8192), "l2_bytes": (4096, 16384, 262144, 4 << 20),
                   "noc_bw": (1, 8, 64, 1024), "offchip_bw": (1, 16, 256)}


def _space(pes: tuple[int, ...], dataflows: tuple[str, ...], resources: dict[str, tuple[int, ...]],
           technology: str = "28nm") -> DesignSpace:
    params = [Parameter("num_pes", pes)] + [Parameter(k, v) for k, v in resources.items()]
    params.append(Parameter("dataflow", dataflows))
    return DesignSpace(tuple(params), mode="LS", dataflow=dataflows[0], fixed={"noc_hops": 1, "noc_hop_latency": 1},
                       technology=technology, mapper=DEFAULT_CANDIDATES)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(layer=layers(), pes=st.sampled_from([64, 128, 256, 1024]), dataflow=st.sampled_from(DATAFLOWS),
       technology=st.sampled_from(["28nm", "maestro"]), data=st.data())
def test_more_of_a_resource_never_slows_a_layer_nor_shrinks_a_budget_metric(layer, pes, dataflow, technology, data):
    space = _space((pes,), (dataflow,), {k: v[:1] for k, v in RESOURCE_VALUES.items()}, technology)
    evaluator = Evaluator(Problem(Network("one", (layer,)), space), check_budget=False)
    base = {**space.fixed, "num_pes": pes, "dataflow": dataflow,
            **{k: data.draw(st.sampled_from(v[:-1]), label=k) for k, v in RESOURCE_VALUES.items()}}
    assert set(RESOURCE_VALUES) == set(RELAXED_RESOURCES)
    try:
        low = evaluator.layer_costs(0, [base])
    except NpuDseError:  # a design the cost model refuses (e.g. fewer PEs than a cluster): nothing to compare
        return
    for name, values in RESOURCE_VALUES.items():
        more = {**base, name: data.draw(st.sampled_from([v for v in values if v > base[name]]), label=f"{name}+")}
        high = evaluator.layer_costs(0, [more])
        # where no mapping fits the design's buffers, the mapper reports the fastest one, flagged (buffers_ok 0): a
        # floor for any design, not a design to compare with (more L2 may then make a slower mapping fit)
        if low["buffers_ok"][0]:
            assert high["runtime_cycles"][0] <= low["runtime_cycles"][0], (name, base, more)
        assert high["buffers_ok"][0] >= low["buffers_ok"][0], (name, base, more)
        for column in set(CONSTRAINT_LAYER_COLUMN.values()) - {"power_mw"}:
            assert high[column][0] >= low[column][0] * (1 - 1e-12), (name, column, base, more)


conv = st.builds(lambda k, c, y, r: Layer("l", Op.CONV, K=k, C=c, Y=y, X=y, R=r, S=r, padding=r // 2),
                 st.sampled_from([8, 32, 64]), st.sampled_from([3, 16, 64]), st.sampled_from([7, 14, 28]),
                 st.sampled_from([1, 3]))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(shapes=st.lists(conv, min_size=1, max_size=3), area_ratio=st.floats(0.05, 1.0))
def test_bound_is_never_above_the_exhaustive_optimum(shapes, area_ratio):
    net = Network("random", tuple(Layer(f"l{i}", s.op, K=s.K, C=s.C, Y=s.Y, X=s.X, R=s.R, S=s.S, padding=s.padding)
                                  for i, s in enumerate(shapes)))
    space = _space((64, 128, 256), ("systolic_ws", "kcp_ws", "yxp_os"),
                   {"l1_bytes": (64, 1024), "l2_bytes": (16384, 262144), "noc_bw": (8, 64)})
    probe = Evaluator(Problem(net, space), check_budget=False)
    points = [dict(zip([p.name for p in space.parameters], c))
              for c in itertools.product(*[p.values for p in space.parameters])]
    areas = [e.metrics["area_mm2"] for e in probe.evaluate_batch(points)]
    limit = min(areas) + (max(areas) - min(areas)) * area_ratio
    evaluator = Evaluator(Problem(net, space, constraints=(Constraint("area_mm2", limit=limit),)), check_budget=False)
    feasible = [e.metrics["latency_cycles"] for e in evaluator.evaluate_batch(points) if e.feasible]
    bound = relaxed_latency_bound(evaluator)
    assert 0 < bound <= min(feasible) * (1 + 1e-12)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(shapes=st.lists(conv, min_size=1, max_size=3), area_ratio=st.floats(0.05, 1.0))
def test_with_nothing_to_relax_the_bound_is_the_exhaustive_optimum(shapes, area_ratio):
    net = Network("random", tuple(Layer(f"l{i}", s.op, K=s.K, C=s.C, Y=s.Y, X=s.X, R=s.R, S=s.S, padding=s.padding)
                                  for i, s in enumerate(shapes)))
    space = _space((64, 128, 256, 512), ("systolic_ws", "systolic_both", "kcp_ws", "yxp_os"),
                   {"l1_bytes": (256,), "l2_bytes": (65536,), "noc_bw": (32,)})
    points = [{"num_pes": n, "l1_bytes": 256, "l2_bytes": 65536, "noc_bw": 32, "dataflow": d}
              for n, d in itertools.product((64, 128, 256, 512), ("systolic_ws", "systolic_both", "kcp_ws", "yxp_os"))]
    areas = [e.metrics["area_mm2"] for e in Evaluator(Problem(net, space), check_budget=False).evaluate_batch(points)]
    limit = min(areas) + (max(areas) - min(areas)) * area_ratio
    evaluator = Evaluator(Problem(net, space, constraints=(Constraint("area_mm2", limit=limit),)), check_budget=False)
    optimum = min(e.metrics["latency_cycles"] for e in evaluator.evaluate_batch(points) if e.feasible)
    assert relaxed_latency_bound(evaluator) == optimum


def test_bound_of_a_one_design_space_is_that_designs_latency():
    net = Network("two", (Layer("a", Op.CONV, K=32, C=16, Y=14, X=14, R=3, S=3, padding=1),
                          Layer("b", Op.CONV, K=64, C=32, Y=7, X=7, R=1, S=1)))
    space = _space((256,), ("kcp_ws",), {"l1_bytes": (1024,), "l2_bytes": (262144,), "noc_bw": (64,)})
    evaluator = Evaluator(Problem(net, space), check_budget=False)
    design = {"num_pes": 256, "l1_bytes": 1024, "l2_bytes": 262144, "noc_bw": 64, "dataflow": "kcp_ws"}
    assert relaxed_latency_bound(evaluator) == evaluator.evaluate(design).metrics["latency_cycles"]


def test_bound_needs_a_latency_objective():
    net = Network("one", (Layer("a", Op.CONV, K=32, C=16, Y=14, X=14, R=3, S=3, padding=1),))
    space = _space((256,), ("kcp_ws",), {"noc_bw": (64,)})
    with pytest.raises(NotApplicable, match="latency_cycles"):
        relaxed_latency_bound(Evaluator(Problem(net, space, objectives=("energy_pj",)), check_budget=False))


def test_the_mappers_choices_count_among_the_options_a_bound_enumerates():
    """Each option is priced at its fastest mapping, so the mapper's choices count towards ``max_options``: eye weighs
    its KTileSz x CTileSz x ClusterSz candidates and as many for its variant eye_k (7 x 7 x 5 each at 16 PEs, 7 x 7 x
    7 at 64), dla its KTileSz x ClusterSz, kcp_ws nothing; beyond the limit the bound does not apply (a search then
    reports none, rather than pricing every mapping of every option)."""
    from npu_dse.cost_models.bounds import runtime_floor

    net = Network("one", (Layer("a", Op.CONV, K=32, C=16, Y=14, X=14, R=3, S=3, padding=1),))
    space = _space((16, 64), ("eye", "dla", "kcp_ws"), {"noc_bw": (64,)})
    mapped = 2 * (7 * 7 * 5 + 7 * 7 * 7) + (7 * 5 + 7 * 7) + 2
    evaluator = Evaluator(Problem(net, space), check_budget=False)
    with pytest.raises(NotApplicable, match=f"{mapped} mapped options per layer .* exceed max_options={mapped - 1}"):
        runtime_floor(evaluator, max_options=mapped - 1)
    whole = runtime_floor(evaluator, max_options=mapped)
    assert whole > 0


@pytest.mark.parametrize("chunk", [1, 50, 300])
def test_a_floor_priced_in_chunks_of_options_equals_the_floor_priced_at_once(monkeypatch, chunk):
    """Options are priced in chunks the structure cache holds (``bounds._CHUNK_MAPPINGS`` mappings each): the same
    floor as all at once, with budgets and without, for a sum and a maximum over layers."""
    from npu_dse.cost_models import bounds

    net = Network("two", (Layer("a", Op.CONV, K=32, C=16, Y=14, X=14, R=3, S=3, padding=1),
                          Layer("b", Op.CONV, K=64, C=32, Y=7, X=7, R=1, S=1)))
    space = _space((16, 64, 256), ("eye", "dla", "kcp_ws", "systolic_os"),
                   {"l1_bytes": (32, 256, 1024), "l2_bytes": (16384, 262144), "noc_bw": (8, 64)})
    problem = Problem(net, space, constraints=(Constraint("area_mm2", 0.5),))
    evaluator = Evaluator(problem, check_budget=False)
    want = [bounds.runtime_floor(evaluator, budgets=b, reduce=r) for b in (True, False) for r in ("sum", "max")]
    monkeypatch.setattr(bounds, "_CHUNK_MAPPINGS", chunk)
    assert [bounds.runtime_floor(evaluator, budgets=b, reduce=r) for b in (True, False) for r in ("sum", "max")] == want


def test_a_global_run_reports_the_bound_and_its_gap():
    from npu_dse.search.pipeline import StageSpec, run_pipeline

    net = Network("two", (Layer("a", Op.CONV, K=32, C=16, Y=14, X=14, R=3, S=3, padding=1),
                          Layer("b", Op.CONV, K=64, C=32, Y=7, X=7, R=1, S=1)))
    space = _space((64, 128, 256), ("systolic_ws", "kcp_ws"), {"l1_bytes": (64, 1024), "noc_bw": (8, 64)})
    problem = Problem(net, space, constraints=(Constraint("area_mm2", limit=1.0),))
    res = run_pipeline(problem, [StageSpec("random")], 30, seed=0)
    assert res.exact_is_bound and res.exact_optimum == relaxed_latency_bound(Evaluator(problem, check_budget=False))
    assert res.gap_to_exact == pytest.approx(res.best.metrics["latency_cycles"] / res.exact_optimum - 1)
    assert res.gap_to_exact >= 0


def _fc_space(l1_levels: int) -> DesignSpace:
    """One systolic dataflow over PE counts where the largest array is the slowest on a small layer (its fill and
    drain), with ``l1_levels`` L1 levels (many: the budget check falls back on its corner estimate)."""
    return DesignSpace((Parameter("num_pes", (16, 64, 256, 1024, 4096, 16384, 65536)),
                        Parameter("l1_bytes", tuple(64 * (k + 1) for k in range(l1_levels))),
                        Parameter("l2_bytes", (16384, 65536, 262144)), Parameter("noc_bw", (8, 64, 256, 512)),
                        Parameter("dataflow", ("systolic_ws",))),
                       mode="LS", dataflow="systolic_ws", fixed={"noc_hops": 1, "noc_hop_latency": 1},
                       technology="28nm")


FC = Network("fc", (Layer("fc", Op.GEMM, K=16, C=16, Y=4),))


def test_a_speed_budget_some_design_meets_is_not_refused_when_the_largest_design_is_slower():
    space = _fc_space(64)  # 7 x 64 x 3 x 4 options per layer: the corner estimate, not the enumeration
    probe = Evaluator(Problem(FC, space), check_budget=False)
    design = {"num_pes": 256, "l1_bytes": 4096, "l2_bytes": 262144, "noc_bw": 512, "dataflow": "systolic_ws"}
    largest = {**design, "num_pes": 65536}
    fast, slow = (probe.evaluate(d).metrics["latency_ms"] for d in (design, largest))
    assert fast < slow  # the premise: the all-largest corner is not the fastest design
    limit = (fast + slow) / 2
    evaluator = Evaluator(Problem(FC, space, constraints=(Constraint("latency_ms", limit=limit),)))  # not refused
    assert evaluator.evaluate(design).feasible and not evaluator.evaluate(largest).feasible
    with pytest.raises(InfeasibleError, match=r"'latency_ms'.*cannot be met"):  # below every design: refused
        Evaluator(Problem(FC, space, constraints=(Constraint("latency_ms", limit=fast / 1e3),)))


def test_budget_bounds_of_a_pe_array_space_price_each_array_by_its_rows_and_columns():
    net = Network("two", (Layer("a", Op.CONV, K=64, C=64, Y=28, X=28, R=3, S=3, padding=1),
                          Layer("b", Op.CONV, K=128, C=64, Y=14, X=14, R=1, S=1)))
    space = DesignSpace((Parameter("pe_rows", (8, 64)), Parameter("pe_cols", (8, 64)), Parameter("noc_bw", (64,)),
                         Parameter("dataflow", ("systolic_ws",))), mode="LS", dataflow="systolic_ws",
                        fixed={"noc_hops": 1, "noc_hop_latency": 1, "l1_bytes": 256, "l2_bytes": 262144},
                        technology="28nm")
    evaluator = Evaluator(Problem(net, space), check_budget=False)
    best = max(evaluator.evaluate({"pe_rows": r, "pe_cols": c, "noc_bw": 64, "dataflow": "systolic_ws"}
                                  ).metrics["inferences_per_s"] for r in (8, 64) for c in (8, 64))
    assert evaluator.lower_bounds()["inferences_per_s"] >= best * (1 - 1e-12)


def test_a_run_whose_bound_proves_no_design_fits_keeps_its_result_and_says_why(caplog):
    """Within the area budget no L1 level holds an 11 x 11 kernel's tiles: the budget check passes (the area is
    met), the search finds no feasible design, and the relaxed bound's proof of that is a warning beside the result
    (it raised InfeasibleError out of the finished search, which the CLI printed without the config's name)."""
    from npu_dse.search.pipeline import StageSpec, run_pipeline

    net = Network("one", (Layer("big", Op.CONV, K=96, C=3, Y=55, X=55, R=11, S=11, padding=5),))
    space = _space((64, 256), ("kcp_ws", "rs"), {"l1_bytes": (16, 32), "noc_bw": (8, 64)})
    problem = Problem(net, space, constraints=(Constraint("area_mm2", limit=50.0),))
    with pytest.raises(InfeasibleError, match=r"layer 0 \(big\): no PE count, dataflow and mapping"):
        relaxed_latency_bound(Evaluator(problem))
    with caplog.at_level("WARNING", logger="npu_dse.search.pipeline"):
        res = run_pipeline(problem, [StageSpec("random")], 16, seed=0)
    assert res.best is None and res.exact_optimum is None and res.evaluations == 16
    assert "no design of this space meets the budgets (exact search): layer 0 (big)" in caplog.text
