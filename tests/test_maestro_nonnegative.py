"""No impossible numbers (issue 18): every analysed quantity is >= 0 and finite, or the input is refused by name.

Layers are drawn at the edge of fitting (kernels that only just fit their padded input, strides larger than the
kernel; CONV, depthwise, grouped, transposed and GEMM layers, some batched), each run on every built-in dataflow
(the eight MAESTRO templates and the four systolic ones) at a batch of random hardware points: 200 layers x 12
dataflows x 64 points = 153,600 layer-evaluations per technology.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from npu_dse.cost_models import dataflow as dataflow_mod
from npu_dse.cost_models.errors import DataflowError, HardwareError
from npu_dse.cost_models.hardware import Hardware, HardwareBatch
from npu_dse.cost_models.maestro import COUNT_NAMES, analyze_layer
from npu_dse.cost_models.workload import Layer, Op

DATAFLOWS = ("kcp_ws", "yxp_os", "rs", "xp_ws", "dpt", "dla", "shi", "eye", "systolic_ws", "systolic_os", "systolic_is",
             "systolic_both")
QUANTITIES = ("runtime_cycles", "energy_pj", "l1_req_bytes", "l2_req_bytes", "area_um2", "power_mw", "macs",
              "mac_energy_pj", "l1_energy_pj", "l2_energy_pj", "noc_energy_pj", "dram_energy_pj",
              "leakage_energy_pj", "latency_ms", *COUNT_NAMES)


@st.composite
def edge_layers(draw) -> Layer:
    r, s = draw(st.integers(1, 7)), draw(st.integers(1, 7))
    stride = draw(st.integers(1, 5))
    pad = draw(st.integers(0, 3))
    # padded input = kernel + 0..2 strides: one to three outputs, windows that only just fit
    y = max(1, r - 2 * pad + draw(st.integers(0, 2 * stride)))
    x = max(1, s - 2 * pad + draw(st.integers(0, 2 * stride)))
    op = draw(st.sampled_from([Op.CONV, Op.CONV, Op.DWCONV, Op.GEMM, Op.TRCONV, "grouped"]))
    c = draw(st.sampled_from([1, 3, 8, 17, 64, 132]))
    n = draw(st.sampled_from([1, 1, 2]))
    if op is Op.GEMM:
        return Layer("g", Op.GEMM, K=draw(st.integers(1, 200)), C=c, Y=draw(st.integers(1, 20)), N=n)
    if op is Op.TRCONV:  # upsampling by the stride; padding crops at most what the kernel adds
        return Layer("t", Op.TRCONV, K=draw(st.sampled_from([1, 5, 16])), C=c, Y=y, X=x, R=r, S=s, stride=stride,
                     padding=min(pad, (min(r, s) - 1) // 2), N=n)
    if op == "grouped":
        g = draw(st.sampled_from([2, 4]))
        return Layer("n", Op.CONV, K=g * draw(st.sampled_from([1, 5, 16])), C=g * c, Y=y, X=x, R=min(r, y + 2 * pad),
                     S=min(s, x + 2 * pad), stride=stride, padding=pad, groups=g, N=n)
    k = c if op is Op.DWCONV else draw(st.sampled_from([1, 5, 16, 50, 96]))
    return Layer("l", op, K=k, C=c, Y=y, X=x, R=min(r, y + 2 * pad), S=min(s, x + 2 * pad), stride=stride,
                 padding=pad, groups=c if op is Op.DWCONV else 1, N=n)


def _points(seed: int, n: int = 64) -> tuple[HardwareBatch, dict]:
    rng = np.random.default_rng(seed)
    hw = HardwareBatch.from_arrays(
        num_pes=rng.choice([64, 77, 128, 256, 1024], n), noc_bw=rng.choice([1, 3, 32, 256, 4096], n),
        offchip_bw=rng.choice([0.5, 8, 64, 70000], n), noc_hops=rng.integers(1, 4, n),
        l1_bytes=rng.integers(16, 65536, n), l2_bytes=rng.integers(1024, 1 << 22, n), word_bytes=rng.choice([1, 2], n),
        clock_mhz=rng.choice([200.0, 800.0, 1000.0], n))
    return hw, {"KTileSz": rng.integers(1, 13, n), "CTileSz": rng.integers(1, 4, n)}


def _check(layer: Layer, technology: str, seed: int) -> None:
    hw, consts = _points(seed)
    for df in DATAFLOWS:
        for word in (1, 2):
            sel = np.nonzero(hw.word_bytes == word)[0]
            if not sel.size:
                continue
            sub = hw.take(sel)
            c = {k: v[sel] for k, v in consts.items()}
            try:
                cost = analyze_layer(layer, df, sub, c, technology=technology)
            except DataflowError as exc:  # an impossible mapping is refused by name
                assert str(exc)
                continue
            for q in QUANTITIES:
                v = np.asarray(getattr(cost, q), dtype=np.float64)
                assert np.all(np.isfinite(v)), (df, q, layer)
                assert np.all(v >= 0), (df, q, layer, v.min())
            assert np.all(cost.utilization <= 1 + 1e-12) and np.all(cost.runtime_cycles > 0)
            assert np.all(cost.macs == layer.macs)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(edge_layers(), st.integers(0, 2**31))
def test_every_quantity_is_nonnegative_and_finite_maestro(layer, seed):
    _check(layer, "maestro", seed)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(edge_layers(), st.integers(0, 2**31))
def test_every_quantity_is_nonnegative_and_finite_28nm(layer, seed):
    _check(layer, "28nm", seed)


def test_the_issue_layer_has_no_negative_energy_on_any_dataflow():
    layer = Layer("c128", Op.CONV, K=50, C=132, Y=103, X=3, R=1, S=6, stride=4, padding=2)
    for df in DATAFLOWS:
        try:
            cost = analyze_layer(layer, df, Hardware(num_pes=2 if df not in ("kcp_ws", "yxp_os") else 64),
                                 technology="maestro")
        except DataflowError:
            continue
        assert cost.energy_pj[0] > 0 and all(getattr(cost, n)[0] >= 0 for n in COUNT_NAMES), df


def test_oversized_tile_whose_offset_does_not_fit_is_clipped():
    layer = Layer("c", Op.CONV, K=16, C=8, Y=14, X=14, R=3, S=3, padding=1)
    rest = "TemporalMap(Sz(R),1) Y; TemporalMap(Sz(S),1) X; TemporalMap(Sz(R),Sz(R)) R; TemporalMap(Sz(S),Sz(S)) S;"
    big = analyze_layer(layer, dataflow_mod.parse(f"SpatialMap(1,1) K; TemporalMap(64,64) C; {rest}"),
                        Hardware(num_pes=16), technology="maestro")
    exact = analyze_layer(layer, dataflow_mod.parse(f"SpatialMap(1,1) K; TemporalMap(8,8) C; {rest}"),
                          Hardware(num_pes=16), technology="maestro")
    assert big.l1_req_bytes[0] == exact.l1_req_bytes[0] == 306
    assert big.runtime_cycles[0] == exact.runtime_cycles[0] and big.energy_pj[0] == exact.energy_pj[0]


def test_negative_sizes_are_refused_not_read_as_positive():
    with pytest.raises(DataflowError, match="must be positive integers, got '-3'"):
        dataflow_mod.parse("TemporalMap(-3,3) C; SpatialMap(1,1) K;")


def test_a_vanishing_bandwidth_is_refused_by_name():
    layer = Layer("c", Op.CONV, K=16, C=8, Y=14, X=14, R=3, S=3, padding=1)
    with pytest.raises(HardwareError, match="overflows at noc_bw 9.99989e-321"):
        analyze_layer(layer, "kcp_ws", Hardware(num_pes=64, noc_bw=1e-320))
