"""The cost model's fast paths give the slow paths' results bit for bit (issue 18).

- The one-point path of ``analyze_layer`` (:mod:`npu_dse.cost_models.maestro.onepoint`, Python floats; the
  systolic dataflows' too) against the vectorised engine on a batch of one, every field of :class:`LayerCost`,
  under MAESTRO's constants and physical nodes, ``compat`` on and off, template constants, unprovisioned buffers
  and technology-default bandwidths.
- The Evaluator's result cache against recomputing: the same rows, cached or not, in any request order.
"""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from npu_dse.cost_models.errors import HardwareError
from npu_dse.cost_models.evaluator import LAYER_METRICS, Evaluator, Problem
from npu_dse.cost_models.hardware import Hardware, HardwareBatch
from npu_dse.cost_models.maestro import LayerCost
from npu_dse.cost_models.space import confuciux_space
from npu_dse.cost_models.workload import Layer, Network, Op
from strategies import analyze_with, assert_same_cost, layers

ENGINE_FLOWS = ["kcp_ws", "rs", "xp_ws", "dpt", "yxp_os", "dla", "shi", "eye"]
SYSTOLIC_FLOWS = ["systolic_ws", "systolic_os", "systolic_is", "systolic_both"]


@st.composite
def points(draw):
    return Hardware(
        num_pes=draw(st.sampled_from([1, 2, 8, 64, 65, 100, 256, 1024])),
        noc_bw=draw(st.sampled_from([1, 3, 16, 64, 1000, 81_920_000])),
        offchip_bw=draw(st.sampled_from([None, 1, 7, 64, 70_000])),
        noc_hops=draw(st.integers(0, 3)), noc_hop_latency=draw(st.integers(0, 3)),
        simd_lanes=draw(st.integers(1, 4)), word_bytes=draw(st.sampled_from([1, 2])),
        clock_mhz=draw(st.sampled_from([200.0, 800.0, 1000.0])),
        l1_bytes=draw(st.sampled_from([None, 1, 64, 512, 4096])),
        l2_bytes=draw(st.sampled_from([None, 1, 4096, 108 * 1024, 1 << 20])))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(layer=layers(), hw=points(), dataflow=st.sampled_from(ENGINE_FLOWS),
       technology=st.sampled_from(["maestro", "28nm", "65nm"]), compat=st.booleans(),
       ktile=st.sampled_from([None, 1, 4, 12]), include_dram=st.booleans(), as_batch=st.booleans())
def test_one_point_path_equals_the_vectorised_path(layer, hw, dataflow, technology, compat, ktile, include_dram,
                                                   as_batch):
    consts = None if ktile is None else {"KTileSz": ktile}
    point = HardwareBatch.coerce(hw) if as_batch else hw
    kwargs = {"compat": compat, "technology": technology, "include_dram": include_dram}
    slow = analyze_with("FAST_ONE_POINT", False, layer, dataflow, point, consts, **kwargs)
    fast = analyze_with("FAST_ONE_POINT", True, layer, dataflow, point, consts, **kwargs)
    if not isinstance(fast, type):
        assert fast.runtime_cycles.shape == (1,)
    assert_same_cost(fast, slow)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(layer=layers(), hw=points(), rows=st.sampled_from([0, 1, 2, 4, 8]), dataflow=st.sampled_from(SYSTOLIC_FLOWS),
       technology=st.sampled_from(["maestro", "28nm", "65nm"]), compat=st.booleans(), include_dram=st.booleans(),
       as_batch=st.booleans())
def test_systolic_one_point_path_equals_the_vectorised_path(layer, hw, rows, dataflow, technology, compat,
                                                            include_dram, as_batch):
    """The systolic one-point path (``_systolic_one``), the accumulator SRAM included, against the vectorised one;
    ``pe_rows`` that do not divide the PEs are refused alike."""
    from dataclasses import replace

    try:
        hw = replace(hw, pe_rows=rows)
    except HardwareError:  # pe_rows not a divisor: refused when the point is made, by either path
        return
    point = HardwareBatch.coerce(hw) if as_batch else hw
    kwargs = {"compat": compat, "technology": technology, "include_dram": include_dram}
    slow = analyze_with("FAST_ONE_POINT", False, layer, dataflow, point, None, **kwargs)
    fast = analyze_with("FAST_ONE_POINT", True, layer, dataflow, point, None, **kwargs)
    assert_same_cost(fast, slow)


def test_one_point_path_is_taken_and_agrees_on_resnet50():
    """Every ResNet-50 layer at a physical point and at a MAESTRO point: same bits, and the fast path really runs
    (its result is the one-point class, not the vectorised one)."""
    from npu_dse.cost_models.zoo import load

    net = load("resnet50")
    for hw, tech in ((Hardware(num_pes=256, noc_bw=64, l1_bytes=512, l2_bytes=256 * 1024), "28nm"),
                     (Hardware(num_pes=168, noc_bw=81_920_000), "maestro")):
        for layer in net.layers:
            for dataflow in ("dla", "systolic_both"):
                fast = analyze_with("FAST_ONE_POINT", True, layer, dataflow, hw, technology=tech)
                assert type(fast) is not LayerCost
                assert_same_cost(fast, analyze_with("FAST_ONE_POINT", False, layer, dataflow, hw, technology=tech))


TWO = Network("two", (
    Layer("conv", Op.CONV, K=16, C=8, Y=14, X=14, R=3, S=3, padding=1),
    Layer("conv_same", Op.CONV, K=16, C=8, Y=14, X=14, R=3, S=3, padding=1),  # equal shape: shares cache rows
    Layer("fc", Op.GEMM, K=10, C=256),
))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batches=st.lists(st.lists(st.tuples(st.sampled_from([1, 2, 8, 16, 64]), st.sampled_from([1, 2, 8]),
                                           st.sampled_from([1, 3, 8]), st.sampled_from([1, 2, 8])),
                                 min_size=1, max_size=12), min_size=1, max_size=4))
def test_result_cache_equals_recomputing(batches):
    """Batches of LP designs (repeats within and across batches): the cached Evaluator's per-layer rows and
    totals are the uncached one's, bit for bit, and it never computes a (layer shape, parameters) pair twice."""
    cached = Evaluator(Problem(TWO, confuciux_space(mode="LP")))
    fresh = Evaluator(Problem(TWO, confuciux_space(mode="LP")), cache=False)
    seen: set = set()
    for batch in batches:
        pts = [{"num_pes": (a, a, b), "KTileSz": (c, c, d)} for a, b, c, d in batch]
        for x, y in zip(cached.evaluate_batch(pts), fresh.evaluate_batch(pts)):
            assert x.metrics == y.metrics
            for m in LAYER_METRICS:
                assert np.asarray(x.layers[m]).tobytes() == np.asarray(y.layers[m]).tobytes(), m
        seen |= {(0, a, c) for a, _, c, _ in batch} | {(2, b, d) for _, b, _, d in batch}
    # the two equal conv layers share rows: one computation per distinct (shape, PEs, KTileSz)
    assert cached.n_cost_model_calls == len(seen)
