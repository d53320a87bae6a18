"""Systolic cost model against SCALE-Sim's own cycles, and the SCALE-Sim export.

``tests/data/scalesim_cycles.csv`` holds SCALE-Sim 3.0.0's compute cycles (``Total Cycles - Stall Cycles`` of full
runs) for 38 layers x 3 arrays x 3 dataflows (provenance in ``tests/data/README.md``).
"""

from __future__ import annotations

import configparser
import math
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from npu_dse.cost_models.errors import FormatError, HardwareError
from npu_dse.cost_models.systolic import SystolicArray, analyze_network, compute_cycles, operands, sram_accesses
from npu_dse.cost_models.workload import Layer, Network, Op
from npu_dse.cost_models import zoo
from npu_dse.export import render
from npu_dse.cost_models.systolic import array_shape
from npu_dse.export.scalesim import layer_of_row, topology_rows

GOLDEN = pd.read_csv(Path(__file__).parent / "data" / "scalesim_cycles.csv")


def test_golden_covers_three_dataflows_three_arrays_and_depthwise():
    assert set(GOLDEN.dataflow) == {"ws", "os", "is"} and len(GOLDEN[["rows", "cols"]].drop_duplicates()) == 3
    assert GOLDEN.layer.str.contains("DP").any() and len(GOLDEN) >= 300


def test_compute_cycles_equal_scalesim_on_every_golden_layer():
    for r in GOLDEN.itertuples():
        row = (r.layer, r.ifmap_h, r.ifmap_w, r.filter_h, r.filter_w, r.channels, r.num_filter, r.stride)
        got = compute_cycles(layer_of_row(row), SystolicArray(r.rows, r.cols, r.dataflow))
        assert got == r.compute_cycles, (row, r.rows, r.cols, r.dataflow)


def test_sram_accesses_equal_scalesims_demand_on_every_golden_layer():
    """Ifmap and filter reads and ofmap writes (partial sums included) are SCALE-Sim's, element for element."""
    sram = pd.read_csv(Path(__file__).parent / "data" / "scalesim_sram.csv")
    assert len(sram) == len(GOLDEN) and (sram.compute_cycles == GOLDEN.compute_cycles).all()
    for r in sram.itertuples():
        row = (r.layer, r.ifmap_h, r.ifmap_w, r.filter_h, r.filter_w, r.channels, r.num_filter, r.stride)
        got = sram_accesses(layer_of_row(row), SystolicArray(r.rows, r.cols, r.dataflow))
        want = {"ifmap_reads": r.ifmap_reads, "filter_reads": r.filter_reads, "ofmap_writes": r.ofmap_writes}
        assert {k: got[k] for k in want} == want, (row, r.rows, r.cols, r.dataflow)


_conv = st.builds(
    lambda k, c, y, r, s, g: Layer("l", Op.CONV, K=k * g, C=c * g, Y=y + r, X=y + r, R=r, S=r, stride=s, groups=g),
    st.integers(1, 64), st.integers(1, 64), st.integers(0, 30), st.integers(1, 7), st.integers(1, 3),
    st.integers(1, 4))


@settings(max_examples=200, deadline=None)
@given(layer=_conv, rows=st.integers(1, 64), cols=st.integers(1, 64), df=st.sampled_from(["ws", "os", "is"]))
def test_utilisation_at_most_one_and_traffic_covers_each_operand(layer, rows, cols, df):
    array = SystolicArray(rows, cols, df)
    cycles = compute_cycles(layer, array)
    assert layer.macs <= cycles * rows * cols
    o = operands(layer)
    acc = sram_accesses(layer, array)
    assert acc["filter_reads"] >= o.times * o.T * o.K and acc["ifmap_reads"] >= o.times * o.Sr * o.T
    assert acc["ofmap_writes"] >= o.times * o.Sr * o.K and acc["ofmap_reads"] >= 0


def test_analyze_network_columns_and_depthwise_as_its_channels():
    net = zoo.load("mobilenet_v2")
    df = analyze_network(net, SystolicArray(16, 16, "ws"), clock_mhz=500)
    assert list(df.layer) == [l.name for l in net.layers]
    assert (df.utilization <= 1).all() and (df.macs == [l.macs for l in net.layers]).all()
    assert df.latency_ms.iloc[0] == pytest.approx(df.compute_cycles.iloc[0] / 5e5)
    dw = next(l for l in net.layers if l.op is Op.DWCONV)
    one = Layer("c", Op.CONV, K=1, C=1, Y=dw.Y, X=dw.X, R=dw.R, S=dw.S, stride=dw.stride, padding=dw.padding)
    assert compute_cycles(dw, SystolicArray(8, 8, "os")) == dw.C * compute_cycles(one, SystolicArray(8, 8, "os"))


def test_bad_arrays_are_refused_by_field():
    with pytest.raises(HardwareError, match="'rows'"):
        SystolicArray(0, 4)
    with pytest.raises(HardwareError, match="allowed: ws, os, is"):
        SystolicArray(4, 4, "rs")


def _doc(**design):
    d = {"num_pes": 256, "l1_bytes": 64, "l2_bytes": 3 << 20, "noc_bw": 16, "offchip_bw": 64, "simd_lanes": 1,
         "word_bytes": 1, "clock_mhz": 1000.0, "dataflow": "kcp_ws", "constants": {}}
    d.update(design)
    return {"schema": "npu-dse/design", "version": 1, "network": "mobilenet_v2", "platform": "t", "mode": "LS",
            "design": d, "per_layer": [], "metrics": {}, "point": {}}


def test_scalesim_export_has_every_section_scalesim_reads_and_the_network_rows():
    files = render(_doc(), "scalesim", zoo.load("mobilenet_v2"))
    cfg = configparser.ConfigParser()
    cfg.read_string(files["main"])
    # the keys scalesim 3.0.0's scale_config.read_conf_file reads
    assert cfg.get("general", "run_name")
    assert cfg.get("run_presets", "InterfaceBandwidth") == "USER" and cfg.get("run_presets", "UseRamulatorTrace")
    arch = cfg["architecture_presets"]
    assert (arch["ArrayHeight"], arch["ArrayWidth"], arch["Dataflow"], arch["Bandwidth"]) == ("16", "16", "ws", "64")
    assert arch["IfmapSramSzkB"] == arch["FilterSramSzkB"] == arch["OfmapSramSzkB"] == "1024"
    for key in ("IfmapOffset", "FilterOffset", "OfmapOffset", "ReadRequestBuffer", "WriteRequestBuffer"):
        int(arch[key])
    for key in ("IfmapSRAMBankBandwidth", "IfmapSRAMBankNum", "IfmapSRAMBankPort", "FilterSRAMBankBandwidth",
                "FilterSRAMBankNum", "FilterSRAMBankPort"):
        int(cfg["layout"][key])
    assert cfg.get("sparsity", "SparsitySupport") == "false"
    topo = [line.split(",") for line in files["topology"].splitlines()[1:]]
    lay = [line.split(",") for line in files["layout"].splitlines()[1:]]
    assert all(t[-1] == "" and len(t) == 9 for t in topo) and all(len(x) == 22 for x in lay)
    assert [t[0] for t in topo] == [x[0] for x in lay]
    net = zoo.load("mobilenet_v2")
    assert len(topo) == len(net.layers)
    for t, layer in zip(topo, net.layers):
        h, r, s = int(t[1]), int(t[3]), int(t[7])
        # SCALE-Sim's output rows, ceil((H - R + s) / s), are the layer's
        assert -(-(h - r + s) // s) == layer.Y_out
        assert ("DP" in t[0]) == (layer.op is Op.DWCONV)


def test_scalesim_rows_split_groups_batches_and_keep_dp_for_depthwise_only():
    net = Network("n", (Layer("aDPb", Op.CONV, K=4, C=6, Y=5, X=5, R=3, S=3, groups=2, N=2),
                        Layer("fc", Op.GEMM, K=10, C=32, Y=3)))
    rows = topology_rows(net)
    assert [r[0] for r in rows] == ["aDpb_g0_n0", "aDpb_g1_n0", "aDpb_g0_n1", "aDpb_g1_n1", "fc"]
    assert rows[0][1:] == (5, 5, 3, 3, 3, 2, 1) and rows[-1][1:] == (3, 1, 1, 1, 32, 10, 1)


@pytest.mark.parametrize("design, doc_changes, message", [
    ({"dataflow": "rs"}, {}, "dataflow 'rs' has no SCALE-Sim array"),
    ({"l2_bytes": 2048}, {}, "cannot be three SRAMs"),
    ({}, {"mode": "LP", "per_layer": [{"layer": "x"}]}, "layer-pipelined"),
])
def test_scalesim_export_refuses_what_scalesim_cannot_build(design, doc_changes, message):
    doc = {**_doc(**design), **doc_changes}
    with pytest.raises(FormatError, match=message):
        render(doc, "scalesim", zoo.load("mobilenet_v2"))


def test_systolic_both_exports_as_two_scalesim_runs_split_by_the_mapped_stationary_operand(tmp_path):
    from npu_dse.export import write

    net = zoo.load("mobilenet_v2")
    mapping = [{"layer": la.name, "dataflow": "systolic_both", "constants": {},
                "stationary": "output" if la.op is Op.DWCONV else "weight"} for la in net.layers]
    doc = _doc(dataflow="systolic_both", mapping=mapping)
    files = render(doc, "scalesim", net)
    assert set(files) == {"main", "topology", "layout", "os_main", "os_topology", "os_layout"}
    for cfg_role, df in (("main", "ws"), ("os_main", "os")):
        cfg = configparser.ConfigParser()
        cfg.read_string(files[cfg_role])
        assert cfg["architecture_presets"]["Dataflow"] == df
    ws_rows = [ln.split(",")[0] for ln in files["topology"].splitlines()[1:]]
    os_rows = [ln.split(",")[0] for ln in files["os_topology"].splitlines()[1:]]
    assert ws_rows == [la.name for la in net.layers if la.op is not Op.DWCONV]
    assert os_rows == [f"{la.name}_DP" for la in net.layers if la.op is Op.DWCONV]
    assert [ln.split(",")[0] for ln in files["os_layout"].splitlines()[1:]] == os_rows
    written = write(doc, "scalesim", tmp_path / "d.cfg", net)
    assert sorted(p.name for p in written) == ["d.cfg", "d_layout.csv", "d_os.cfg", "d_os_layout.csv",
                                               "d_os_topology.csv", "d_topology.csv"]
    one = render(_doc(dataflow="systolic_both", mapping=[{**m, "stationary": "weight"} for m in mapping]),
                 "scalesim", net)
    assert set(one) == {"main", "topology", "layout"} and "Dataflow = ws" in one["main"]
    with pytest.raises(FormatError, match="no per-layer mapping to split its layers by"):
        render(_doc(dataflow="systolic_both"), "scalesim", net)


def test_array_shape_is_the_squarest_factorisation():
    assert array_shape(256) == (16, 16) and array_shape(128) == (8, 16) and array_shape(7) == (1, 7)


def test_systolic_dataflows_run_through_the_engine_with_scalesims_cycles():
    """``analyze_layer(..., "systolic_ws")`` on the squarest array of the PEs: SCALE-Sim's stall-free cycles when
    the NoC and off-chip bandwidths are ample; no faster than the L2 reads over the NoC when they are not."""
    from npu_dse.cost_models.hardware import Hardware, HardwareBatch
    from npu_dse.cost_models.maestro import COUNT_NAMES, analyze_layer

    for layer in zoo.load("mobilenet_v2").layers[:6]:
        for df in ("ws", "os"):
            cost = analyze_layer(layer, f"systolic_{df}", Hardware(num_pes=128, noc_bw=1 << 20, offchip_bw=1e9))
            assert cost.runtime_cycles[0] == compute_cycles(layer, SystolicArray(8, 16, df))
            assert cost.macs[0] == layer.macs and 0 < cost.utilization[0] <= 1
            assert all(getattr(cost, c)[0] >= 0 for c in COUNT_NAMES) and cost.energy_pj[0] > 0
    layer = zoo.load("resnet50").layers[1]
    slow = analyze_layer(layer, "systolic_ws", HardwareBatch.from_arrays(num_pes=[256, 256], noc_bw=[1, 1 << 20],
                                                                         offchip_bw=[1e9, 1e9]))
    reads = slow.input_l2_read[0] + slow.filter_l2_read[0] + slow.output_l2_read[0]
    assert slow.runtime_cycles[0] == reads and slow.runtime_cycles[1] < slow.runtime_cycles[0]


def test_systolic_design_exports_where_an_array_is_described_and_not_as_maestro():
    doc = _doc(dataflow="systolic_ws", l2_bytes=256 * 1024)
    assert "Dataflow.WS" in render(doc, "gemmini")["main"]
    assert "Dataflow = ws" in render(doc, "scalesim", zoo.load("mobilenet_v2"))["main"]
    with pytest.raises(FormatError, match="systolic array, which MAESTRO's directives do not describe"):
        render(doc, "maestro", zoo.load("mobilenet_v2"))


def test_systolic_partial_sums_stay_on_chip():
    """Off-chip traffic is the layer's inputs, weights and outputs once; the partial sums a deep reduction reads
    back (hundreds of row folds here) are L2 traffic, not DRAM."""
    from npu_dse.cost_models.hardware import Hardware
    from npu_dse.cost_models.maestro import analyze_layer
    from npu_dse.cost_models.technology import resolve

    layer = Layer("deep", Op.CONV, K=256, C=512, Y=14, X=14, R=3, S=3, padding=1)
    cost = analyze_layer(layer, "systolic_ws", Hardware(num_pes=256), technology="28nm")
    once = layer.C * 16 * 16 + layer.weights + layer.K * 14 * 14
    assert cost.dram_energy_pj[0] == pytest.approx(once * resolve("28nm").dram_energy_pj_per_byte)
    psums = sram_accesses(layer, SystolicArray(16, 16, "ws"))["ofmap_reads"]
    assert psums > 100 * layer.K * 14 * 14 and cost.output_l2_read[0] == layer.K * 14 * 14 + psums


def test_both_runs_each_layer_in_the_faster_of_ws_and_os_and_is_is_scalesims():
    """Gemmini's ``Dataflow.BOTH`` (``systolic_both``): per layer and point, the runtime and counts of the faster of
    weight- and output-stationary; ``systolic_is`` gives SCALE-Sim's input-stationary cycles."""
    from npu_dse.cost_models.hardware import HardwareBatch
    from npu_dse.cost_models.maestro import analyze_layer

    hw = HardwareBatch.from_arrays(num_pes=[64, 256, 256], noc_bw=[1 << 20, 1 << 20, 4], offchip_bw=[1e9, 1e9, 1e9])
    chose = set()
    for layer in zoo.load("resnet50").layers[::4] + zoo.load("mobilenet_v2").layers[:6]:
        ws, os_, both = (analyze_layer(layer, f"systolic_{d}", hw, technology="28nm") for d in ("ws", "os", "both"))
        for i in range(len(hw)):
            pick = ws if ws.runtime_cycles[i] <= os_.runtime_cycles[i] else os_
            chose.add(pick is ws)
            assert both.runtime_cycles[i] == pick.runtime_cycles[i]
            assert both.energy_pj[i] == pytest.approx(pick.energy_pj[i], rel=1e-12)
            assert both.output_l2_write[i] == pick.output_l2_write[i]
        cost = analyze_layer(layer, "systolic_is", hw, technology="28nm")
        assert cost.runtime_cycles[0] == compute_cycles(layer, SystolicArray(8, 8, "is"))
    assert chose == {True, False}  # the layers above need both


def test_accumulator_is_gemminis_default_share_in_whole_bank_tiles():
    """Gemmini's default (16 x 16, 256 KiB scratchpad) has a 64 KiB accumulator; other sizes keep the quarter, in
    whole KiB and whole DIM-row tiles per bank, so every Gemmini-held design's accumulator passes the bank rules."""
    from npu_dse.cost_models.generators.gemmini import from_design
    from npu_dse.cost_models.systolic import accumulator_bytes

    assert accumulator_bytes(256 * 1024, 256) == 64 * 1024
    assert accumulator_bytes(1024, 256) == 2048  # never empty: one tile of each bank
    for dim in (2, 4, 8, 16, 32, 64):
        for kib in (16, 64, 256, 1024, 4096):
            acc = accumulator_bytes(kib * 1024, dim * dim)
            assert acc % 1024 == 0 and (acc // 2 // (dim * 4)) % dim == 0
            assert acc <= max(kib * 256, math.lcm(2 * dim * dim * 4, 1024))
            cfg = from_design({"num_pes": dim * dim, "l2_bytes": kib * 1024, "dataflow": "systolic_both"})
            assert cfg.acc_capacity_kib * 1024 == acc and cfg.dataflow == "BOTH"


def test_accumulator_sram_is_charged_for_the_partial_sums():
    """Under a physical technology a systolic layer's partial-sum traffic is accumulator traffic: 32-bit entries
    of a separate SRAM whose bytes count in ``sram_bytes`` and whose energy is the L2's share beside the
    scratchpad's (``PhysicalTechnology.l2`` on both)."""
    import numpy as np

    from npu_dse.cost_models.hardware import Hardware
    from npu_dse.cost_models.maestro import analyze_layer
    from npu_dse.cost_models.systolic import ACC_BITS, accumulator_bytes
    from npu_dse.cost_models.technology import resolve

    tech = resolve("28nm")
    layer = Layer("deep", Op.CONV, K=256, C=512, Y=14, X=14, R=3, S=3, padding=1)
    hw = Hardware(num_pes=256, l1_bytes=64, l2_bytes=512 * 1024, noc_bw=64)
    cost = analyze_layer(layer, "systolic_ws", hw, technology=tech)
    acc_b = accumulator_bytes(hw.l2_bytes, 256)
    assert acc_b == 128 * 1024 and cost.sram_bytes[0] == 256 * 64 + 512 * 1024 + acc_b
    sp = tech.l2(np.array([512.0 * 1024]), np.array([64.0 * 8]), 8)
    acc = tech.l2(np.array([acc_b]), np.array([64.0 * ACC_BITS]), ACC_BITS)
    want = ((cost.input_l2_read[0] + cost.filter_l2_read[0]) * sp["read_pj"][0]
            + (cost.input_l2_write[0] + cost.filter_l2_write[0]) * sp["write_pj"][0]
            + cost.output_l2_read[0] * acc["read_pj"][0] + cost.output_l2_write[0] * acc["write_pj"][0])
    assert cost.l2_energy_pj[0] == pytest.approx(want, rel=1e-12)
    assert acc["read_pj"][0] > sp["read_pj"][0]  # a 32-bit entry costs more than an 8-bit operand


def test_a_design_sets_its_array_rows_and_the_systolic_engine_runs_that_shape():
    """``pe_rows`` x ``num_pes / pe_rows``: SCALE-Sim's cycles on that array, not on the squarest one."""
    from npu_dse.cost_models.errors import HardwareError
    from npu_dse.cost_models.hardware import Hardware, HardwareBatch
    from npu_dse.cost_models.maestro import analyze_layer
    from npu_dse.cost_models.systolic import accumulator_bytes, array_dims

    layer = zoo.load("mobilenet_v2").layers[3]
    for rows, cols in ((8, 32), (32, 8), (16, 16), (4, 64)):
        for df in ("ws", "os"):
            cost = analyze_layer(layer, f"systolic_{df}", Hardware(num_pes=256, pe_rows=rows, noc_bw=1 << 20,
                                                                   offchip_bw=1e9))
            assert cost.runtime_cycles[0] == compute_cycles(layer, SystolicArray(rows, cols, df))
    batch = HardwareBatch.from_arrays(num_pes=[256, 256], pe_rows=[8, 32], noc_bw=1 << 20, offchip_bw=1e9)
    two = analyze_layer(layer, "systolic_ws", batch)
    assert two.runtime_cycles[0] != two.runtime_cycles[1]
    assert array_dims(256, 0) == (16, 16) and array_dims(192, 8) == (8, 24)
    # the accumulator's bank tiles follow the columns
    assert (accumulator_bytes(100 << 10, 256, 4), accumulator_bytes(100 << 10, 256, 64)) == (32768, 25600)
    with pytest.raises(HardwareError, match="'pe_rows' \\(7\\) must divide num_pes \\(256\\)"):
        Hardware(num_pes=256, pe_rows=7)
    with pytest.raises(HardwareError, match="must divide num_pes"):
        HardwareBatch.from_arrays(num_pes=[256, 256], pe_rows=[8, 7])


def test_the_array_shape_reaches_best_json_and_the_exports():
    doc = _doc(dataflow="systolic_ws", num_pes=256, pe_rows=8, pe_cols=32, l2_bytes=256 * 1024)
    cfg = configparser.ConfigParser()
    cfg.read_string(render(doc, "scalesim", zoo.load("mobilenet_v2"))["main"])
    assert (cfg["architecture_presets"]["ArrayHeight"], cfg["architecture_presets"]["ArrayWidth"]) == ("8", "32")
    sv = render(doc, "verilog")["main"]
    assert "ARRAY_ROWS = 8;" in sv and "ARRAY_COLS = 32;" in sv
    with pytest.raises(FormatError, match="gemmini: a 8 x 32 array is not square"):
        render(doc, "gemmini")
    assert "Dataflow.WS" in render(_doc(dataflow="systolic_ws", num_pes=256, pe_rows=16, pe_cols=16,
                                        l2_bytes=256 * 1024), "gemmini")["main"]


def test_gemmini_export_of_both_lists_each_layers_stationary_choice():
    net = zoo.load("mobilenet_v2")
    mapping = [{"layer": la.name, "dataflow": "systolic_both", "constants": {},
                "stationary": "output" if la.op is Op.DWCONV else "weight"} for la in net.layers]
    text = render(_doc(dataflow="systolic_both", l2_bytes=256 * 1024, mapping=mapping), "gemmini")["main"]
    assert "dataflow = Dataflow.BOTH," in text
    for la in net.layers:
        assert f"//   {la.name}: {'OS' if la.op is Op.DWCONV else 'WS'}" in text
    assert "Per layer" not in render(_doc(dataflow="systolic_ws", l2_bytes=256 * 1024), "gemmini")["main"]


def test_dse_eval_takes_the_array_rows(tmp_path):
    import pandas as pd
    from typer.testing import CliRunner

    from npu_dse.cli import app

    out = tmp_path / "e.csv"
    res = CliRunner().invoke(app, ["eval", "mobilenet_v2", "--layers", "3:4", "--dataflow", "systolic_ws",
                                   "--num-pes", "256", "--pe-rows", "8", "--noc-bw", "100000", "--offchip-bw", "1e9",
                                   "-o", str(out)])
    assert res.exit_code == 0, res.output
    layer = zoo.load("mobilenet_v2").layers[3]
    assert pd.read_csv(out)["runtime_cycles"].tolist() == [compute_cycles(layer, SystolicArray(8, 32, "ws"))]
    res = CliRunner().invoke(app, ["eval", "mobilenet_v2", "--num-pes", "256", "--pe-rows", "7"])
    assert res.exit_code == 2 and "'pe_rows' (7) must divide num_pes (256)" in res.output


def test_capacity_schedule_on_a_hand_worked_gemm():
    """A 64 x 32 x 64 GEMM on an 8 x 8 weight-stationary array (4 row folds, 8 column folds; input A and weights W
    2,048 elements each), worked by hand from :func:`capacity_schedule`'s table."""
    from npu_dse.cost_models.systolic import Schedule, capacity_schedule, engine_counts

    gemm = Layer("g", Op.GEMM, N=1, K=64, C=32, Y=64, X=1, R=1, S=1)
    ws = SystolicArray(8, 8, "ws")
    assert capacity_schedule(gemm, ws, math.inf, math.inf) == Schedule(1, 1, 1)
    # A (2,048) beside a double-buffered 8 x 8 weight tile (128) fits 2,200 elements: both once
    assert capacity_schedule(gemm, ws, 2200, math.inf) == Schedule(1, 1, 1)
    # 1,000 elements keep neither A nor W: A again for each of the 8 column folds
    e = engine_counts(gemm, ws, 1000, math.inf)
    assert capacity_schedule(gemm, ws, 1000, math.inf) == Schedule(1, 8, 1)
    assert e["dram"] == 8 * 2048 + 2048 + 64 * 64 and e["input_l2_write"] == 8 * 2048
    # an accumulator of 128 partial sums holds 16 of the 64 rows x 8 columns: 4 blocks; A's block (512) and a
    # weight tile fit 1,000, so A once and W once per block, and each block refills the array
    e = engine_counts(gemm, ws, 1000, 128)
    assert capacity_schedule(gemm, ws, 1000, 128) == Schedule(4, 1, 4)
    assert e["dram"] == 2048 + 4 * 2048 + 64 * 64 and e["filter_l2_read"] == 4 * 2048
    assert e["compute_cycles"] == 4 * 8 * (4 * (2 * 8 + 8 - 2) + 64) - 1
    assert engine_counts(gemm, ws)["compute_cycles"] == compute_cycles(gemm, ws) == 4 * 8 * (2 * 8 + 8 + 64 - 2) - 1
    # output-stationary keeps a row fold of A (8 x 32 = 256, double-buffered 512) and re-reads W per row fold
    assert capacity_schedule(gemm, SystolicArray(8, 8, "os"), 1000, 128) == Schedule(1, 1, 8)


_gemm = st.builds(lambda m, k, n: Layer("g", Op.GEMM, N=1, K=n, C=k, Y=m, X=1, R=1, S=1),
                  st.integers(1, 300), st.integers(1, 300), st.integers(1, 300))


@settings(max_examples=300, deadline=None)
@given(layer=st.one_of(_conv, _gemm), rows=st.integers(1, 32), cols=st.integers(1, 32),
       df=st.sampled_from(["ws", "os", "is"]), scratch=st.integers(1, 1 << 20), more=st.integers(0, 1 << 20),
       acc=st.integers(1, 1 << 16), acc_more=st.integers(0, 1 << 16))
def test_dram_traffic_falls_as_the_buffers_grow_and_never_below_compulsory(layer, rows, cols, df, scratch, more, acc,
                                                                            acc_more):
    from npu_dse.cost_models.systolic import engine_counts

    array = SystolicArray(rows, cols, df)
    free = engine_counts(layer, array)
    small = engine_counts(layer, array, scratch, acc)
    big = engine_counts(layer, array, scratch + more, acc)
    assert free["dram"] <= big["dram"] <= small["dram"]
    assert small["dram"] == small["input_l2_write"] + small["filter_l2_write"] + o_elems(layer)
    wide = engine_counts(layer, array, scratch, acc + acc_more)
    assert wide["compute_cycles"] <= small["compute_cycles"] and free["compute_cycles"] <= wide["compute_cycles"]
    assert layer.macs <= small["compute_cycles"] * rows * cols
    if df == "os":  # no accumulator: the array's schedule is SCALE-Sim's whatever the buffers
        assert small["compute_cycles"] == free["compute_cycles"]


def o_elems(layer):
    o = operands(layer)
    return o.times * o.Sr * o.K


def test_a_small_global_buffer_pays_in_dram_traffic_under_a_node_and_not_under_maestro():
    """Under a physical node a systolic design's DRAM traffic grows as its L2 shrinks (MobileNetV2's early
    layers no longer stay on chip), so the L2 has an energy optimum; MAESTRO's constants keep the buffers
    unbounded (its compulsory traffic) whatever the L2."""
    import numpy as np

    from npu_dse.cost_models.hardware import HardwareBatch
    from npu_dse.cost_models.maestro import analyze_layer

    l2 = [2048, 8192, 32768, 131072, 1 << 20]
    hw = HardwareBatch.from_arrays(num_pes=[192] * 5, l1_bytes=[64] * 5, l2_bytes=l2, noc_bw=[256] * 5,
                                   word_bytes=[1] * 5, clock_mhz=[800.0] * 5)
    dram = {}
    for tech in ("28nm", "maestro"):
        costs = [analyze_layer(layer, "systolic_both", hw, technology=tech)
                 for layer in zoo.load("mobilenet_v2").layers]
        dram[tech] = sum(c.offchip_bw_avg * np.maximum(c.runtime_cycles, 1.0) for c in costs)
    node, maestro = dram["28nm"], dram["maestro"]
    assert np.all(np.diff(node) <= 1e-6 * node[0]) and node[0] > 1.5 * node[-1]
    assert np.allclose(maestro, maestro[0], rtol=1e-12) and maestro[0] == pytest.approx(node[-1], rel=1e-12)
