"""Cost-model invariants (hypothesis), vectorisation, the ConfuciuX seed baseline, networks and hardware errors."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from npu_dse.cost_models.errors import HardwareError
from npu_dse.cost_models.hardware import Hardware, HardwareBatch
from npu_dse.cost_models.maestro import COLUMNS, analyze_layer, analyze_mapping, analyze_network
from npu_dse.cost_models.workload import Layer, Network, Op
from strategies import layers

DATA = Path(__file__).parent / "data"
CONV_FLOWS = ["kcp_ws", "yxp_os", "rs", "xp_ws", "dla", "shi", "eye"]


@st.composite
def hardware(draw):
    n = draw(st.integers(1, 4))
    return HardwareBatch.from_arrays(
        num_pes=np.array(draw(st.lists(st.sampled_from([64, 65, 100, 128, 256, 1024]), min_size=n, max_size=n))),
        noc_bw=np.array(draw(st.lists(st.integers(1, 4096), min_size=n, max_size=n))),
        offchip_bw=np.array(draw(st.lists(st.integers(1, 70000), min_size=n, max_size=n))),
        noc_hops=np.array(draw(st.lists(st.integers(0, 3), min_size=n, max_size=n))),
        noc_hop_latency=np.array(draw(st.lists(st.integers(0, 3), min_size=n, max_size=n))),
        simd_lanes=np.array(draw(st.lists(st.integers(1, 4), min_size=n, max_size=n))),
        l1_bytes=np.array(draw(st.lists(st.integers(1, 4096), min_size=n, max_size=n))),
        l2_bytes=np.array(draw(st.lists(st.integers(1, 1 << 20), min_size=n, max_size=n))))


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(layer=layers(), hw=hardware(), dataflow=st.sampled_from(CONV_FLOWS), ktile=st.integers(1, 12))
def test_invariants_hold_for_random_layers_and_hardware(layer, hw, dataflow, ktile):
    try:
        cost = analyze_layer(layer, dataflow, hw, {"KTileSz": ktile}, technology="maestro")
    except Exception as exc:  # only documented errors may escape
        from npu_dse.cost_models.errors import DataflowError
        assert isinstance(exc, DataflowError), repr(exc)
        return
    f = cost.to_frame()
    assert np.isfinite(f.select_dtypes("number").to_numpy()).all()
    np.testing.assert_array_equal(cost.macs, layer.macs)
    assert (cost.utilization <= 1 + 1e-12).all()
    assert (cost.runtime_cycles * hw.num_pes * hw.simd_lanes >= layer.macs).all()
    assert (cost.runtime_cycles >= cost.maestro_runtime_cycles).all()
    np.testing.assert_array_equal(cost.feasible, (cost.l1_req_bytes <= hw.l1_bytes) & (cost.l2_req_bytes <= hw.l2_bytes))
    assert (cost.energy_pj > 0).all() and (cost.area_um2 > 0).all() and (cost.power_mw > 0).all()


@settings(max_examples=25)
@given(layer=layers(), hw=hardware(), dataflow=st.sampled_from(CONV_FLOWS))
def test_batch_evaluation_equals_point_by_point(layer, hw, dataflow):
    try:
        batch = analyze_layer(layer, dataflow, hw, technology="maestro").to_frame()
    except Exception:
        return
    for i in range(len(hw)):
        single = analyze_layer(layer, dataflow, hw.point(i), technology="maestro").to_frame()
        pd.testing.assert_frame_equal(batch.iloc[[i]].reset_index(drop=True), single)


def test_more_noc_bandwidth_never_slows_a_layer():
    layer = Layer("res2a", Op.CONV, K=64, C=64, Y=56, X=56, R=3, S=3, padding=1)
    hw = HardwareBatch.from_arrays(num_pes=256, noc_bw=np.array([1, 2, 4, 8, 16, 32, 64, 128, 4096]))
    for df in CONV_FLOWS:
        rt = analyze_layer(layer, df, hw, technology="maestro").runtime_cycles
        assert (np.diff(rt) <= 0).all(), df


def test_provisioned_buffers_decide_feasibility_and_cost_area():
    layer = Layer("res2a", Op.CONV, K=64, C=64, Y=56, X=56, R=3, S=3, padding=1)
    base = analyze_layer(layer, "kcp_ws", Hardware(num_pes=1024, noc_bw=32), technology="maestro")
    assert base.l1_req_bytes[0] == 54 and base.l2_req_bytes[0] == 19616 and base.feasible[0]
    tight = analyze_layer(layer, "kcp_ws", Hardware(num_pes=1024, noc_bw=32, l1_bytes=53, l2_bytes=1 << 20), technology="maestro")
    assert not tight.feasible[0]
    assert tight.runtime_cycles[0] == base.runtime_cycles[0] == 565515  # ALGORITHM.md §15.1
    big = analyze_layer(layer, "kcp_ws", Hardware(num_pes=1024, noc_bw=32, l1_bytes=4096, l2_bytes=1 << 20), technology="maestro")
    assert big.feasible[0]
    assert big.area_um2[0] - base.area_um2[0] == pytest.approx(0.104 * (1024 * (4096 - 54) + (1 << 20) - 19616))
    wide = analyze_layer(layer, "kcp_ws", Hardware(num_pes=1024, noc_bw=32, word_bytes=2), technology="maestro")
    assert wide.l1_req_bytes[0] == 108 and wide.l2_req_bytes[0] == 2 * 19616


def test_batch_repeat_and_groups_multiply_runtime():
    layer = Layer("c", Op.CONV, K=64, C=64, Y=28, X=28, R=3, S=3, padding=1)
    hw = Hardware(num_pes=256, noc_bw=64)
    one = analyze_layer(layer, "kcp_ws", hw, technology="maestro")
    four = analyze_layer(layer.with_(N=2, repeat=2), "kcp_ws", hw, technology="maestro")
    assert four.runtime_cycles[0] == 4 * one.runtime_cycles[0]
    assert four.energy_pj[0] == pytest.approx(4 * one.energy_pj[0])
    assert four.l2_req_bytes[0] == one.l2_req_bytes[0]
    grouped = analyze_layer(Layer("g", Op.CONV, K=128, C=128, Y=28, X=28, R=3, S=3, padding=1, groups=2), "kcp_ws", hw, technology="maestro")
    assert grouped.runtime_cycles[0] == 2 * one.runtime_cycles[0]


def test_dram_energy_is_an_option():
    layer = Layer("c", Op.CONV, K=64, C=64, Y=28, X=28, R=3, S=3, padding=1)
    off = analyze_layer(layer, "kcp_ws", Hardware(num_pes=256), technology="maestro")
    on = analyze_layer(layer, "kcp_ws", Hardware(num_pes=256), include_dram=True, technology="maestro")
    assert on.energy_pj[0] == pytest.approx(off.energy_pj[0] + off.dram_energy_pj[0])
    assert off.dram_energy_pj[0] == pytest.approx((64 * 30 * 30 + 64 * 64 * 9 + 64 * 28 * 28) * 200 * 0.23)


def test_per_point_constants_match_scalar_constants():
    layer = Layer("c", Op.CONV, K=64, C=64, Y=56, X=56, R=3, S=3, padding=1)
    hw = HardwareBatch.from_arrays(num_pes=np.array([64, 64, 77, 128]), noc_bw=2048, offchip_bw=64)
    kt = np.array([4, 1, 8, 12])
    batch = analyze_layer(layer, "dla", hw, {"KTileSz": kt}, technology="maestro")
    for i in range(4):
        one = analyze_layer(layer, "dla", hw.point(i), {"KTileSz": int(kt[i])}, technology="maestro")
        assert batch.runtime_cycles[i] == one.runtime_cycles[0]
    assert batch.runtime_cycles[0] == 2257920  # ALGORITHM.md §15.3


def test_confuciux_seed_baseline_dla_77_pes_ktile_8():
    """ConfuciuX resnet50.csv, dla, 77 PEs, KTileSz 8, MAESTRO flags of the reference README: 235,193,013 cycles."""
    table = pd.read_csv(DATA / "confuciux" / "resnet50.csv")
    net = Network("confuciux_resnet50", tuple(
        Layer(f"l{i}", Op.CONV if r.T == 1 else Op.DWCONV, K=int(r.K), C=int(r.C), Y=int(r.Y), X=int(r.X),
              R=int(r.R), S=int(r.S), groups=1 if r.T == 1 else int(r.C)) for i, r in enumerate(table.itertuples())))
    hw = Hardware(num_pes=77, l1_bytes=819200000, l2_bytes=819200000, noc_bw=81920000, offchip_bw=70000)
    frame = analyze_network(net, "dla", hw, {"KTileSz": 8, "CTileSz": 1}, technology="maestro")
    total = frame.runtime_cycles.sum()
    assert abs(total - 235_193_013) / 235_193_013 < 0.01
    assert total == 235_193_013  # in fact exact
    assert frame.feasible.all()


def test_network_table_has_the_issue_columns_and_a_row_per_layer_and_point():
    net = Network("two", (Layer("a", Op.CONV, K=32, C=16, Y=14, X=14, R=3, S=3, padding=1),
                          Layer("b", Op.GEMM, K=10, C=32, Y=1)))
    f = analyze_network(net, "kcp_ws", Hardware(num_pes=64), technology="maestro")
    assert tuple(f.columns[:len(COLUMNS)]) == COLUMNS and list(f.layer) == ["a", "b"]
    fb = analyze_network(net, "kcp_ws", HardwareBatch.from_arrays(num_pes=np.array([64, 128, 256])), technology="maestro")
    assert len(fb) == 6 and list(fb.point) == [0, 1, 2, 0, 1, 2]


def test_gemm_mapping_file_uses_maestro_gemm_dims():
    f = analyze_mapping(DATA / "maestro" / "GEMM_Example.m", Hardware(num_pes=256, noc_bw=64))
    assert list(f.layer) == ["BLAS"] and f.macs[0] == 100 * 100 * 100
    assert (f.utilization <= 1).all()


@pytest.mark.parametrize("kwargs, field", [
    ({"num_pes": 0}, "num_pes"), ({"num_pes": 8, "noc_bw": 0}, "noc_bw"), ({"num_pes": 8, "offchip_bw": -1}, "offchip_bw"),
    ({"num_pes": 8, "simd_lanes": 0}, "simd_lanes"), ({"num_pes": 8, "l1_bytes": 0}, "l1_bytes"),
    ({"num_pes": 2.5}, "num_pes"), ({"num_pes": 8, "noc_bw": float("inf")}, "noc_bw"),
])
def test_invalid_hardware_raises_naming_the_field(kwargs, field):
    with pytest.raises(HardwareError, match=field):
        Hardware(**kwargs)


def test_hardware_batch_errors_and_round_trip():
    with pytest.raises(HardwareError, match="noc_bw.*index 1"):
        HardwareBatch.from_arrays(num_pes=np.array([4, 8]), noc_bw=np.array([1.0, 0.0]))
    with pytest.raises(HardwareError, match="length"):
        HardwareBatch.from_arrays(num_pes=np.array([4, 8]), noc_bw=np.array([1.0, 2.0, 3.0]))
    with pytest.raises(HardwareError, match="unknown hardware field"):
        HardwareBatch.from_arrays(num_pes=4, pes=3)
    pts = [Hardware(num_pes=8, l1_bytes=64), Hardware(num_pes=16, noc_bw=32.0, simd_lanes=2)]
    b = HardwareBatch.from_points(pts)
    assert [b.point(i) for i in range(2)] == pts
    with pytest.raises(HardwareError, match="constant 'KTileSz'"):
        analyze_layer(Layer("c", Op.CONV, K=8, C=8, Y=8, X=8), "dla", b, {"KTileSz": np.array([1, 2, 3])}, technology="maestro")


def test_structure_cache_has_no_cliff_above_its_capacity(monkeypatch):
    """Cycling over more structures than the cache holds still hits about capacity / working set of the time
    (first-in-first-out eviction hit nothing there: issue 18's cliff), and results do not depend on the cache."""
    import npu_dse.cost_models.maestro as engine
    from npu_dse.cost_models.hardware import Hardware

    monkeypatch.setattr(engine, "_CACHE_MAX", 40)
    engine.clear_cache()
    layers = [Layer(f"l{k}", Op.CONV, K=8 + k, C=8, Y=10, X=10, R=3, S=3) for k in range(50)]
    hw = Hardware(num_pes=64)
    first = [engine.analyze_layer(l, "kcp_ws", hw, technology="maestro").runtime_cycles[0] for l in layers]
    before = engine.cache_info()
    again = [engine.analyze_layer(l, "kcp_ws", hw, technology="maestro").runtime_cycles[0] for l in layers * 3]
    info = engine.cache_info()
    hits = info["hits"] - before["hits"]
    assert info["size"] == 40 and hits >= 0.5 * 0.8 * 150, info
    assert again == first * 3
    engine.clear_cache()
