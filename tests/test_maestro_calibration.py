"""Fidelity of the cost model against MAESTRO's own outputs (tests/data/maestro_sweep_calibration.csv).

Each calibration row is one single-layer MAESTRO run (ALGORITHM.md §0). Rows are grouped by (layer, dataflow,
KTileSz) and each group is evaluated in one vectorised call over its hardware points.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from npu_dse.cost_models.hardware import HardwareBatch
from npu_dse.cost_models.maestro import COUNT_NAMES, analyze_layer
from npu_dse.cost_models.workload import Layer, Op

DATA = Path(__file__).parent / "data" / "maestro_sweep_calibration.csv"
EXACT_FIELDS = {"runtime_cycles": "m_Runtime_Cycles", "l1_req_bytes": "m_L1_SRAM_Size_Req_Bytes",
                "l2_req_bytes": "m_L2_SRAM_Size_Req_Bytes", **{c: f"m_{c}" for c in COUNT_NAMES}}
FAMILIES = ["kcp_ws", "yxp_os", "rs", "xp_ws", "confx_dla", "confx_shi", "confx_eye", "dpt"]


def _layer(r) -> Layer:
    if r.type == "DSCONV":
        return Layer(r.layer, Op.DWCONV, K=int(r.C), C=int(r.C), Y=int(r.Y), X=int(r.X), R=int(r.R), S=int(r.S),
                     stride=int(r.stride), groups=int(r.C))
    return Layer(r.layer, Op.CONV, K=int(r.K), C=int(r.C), Y=int(r.Y), X=int(r.X), R=int(r.R), S=int(r.S),
                 stride=int(r.stride))


def _run(frame: pd.DataFrame, compat: bool) -> pd.DataFrame:
    out = []
    for (_, _, dataflow, ktile), g in frame.groupby(["model", "layer", "dataflow", "ktile"], dropna=False, sort=False):
        r0 = g.iloc[0]
        hw = HardwareBatch.from_arrays(num_pes=g.num_pes.to_numpy(), noc_bw=g.noc_bw_cstr.to_numpy(),
                                       offchip_bw=g.offchip_bw_cstr.to_numpy(), noc_hops=g.noc_hops.to_numpy(),
                                       noc_hop_latency=g.noc_hop_latency.to_numpy(),
                                       simd_lanes=g.num_simd_lanes.to_numpy())
        consts = None if np.isnan(ktile) else {"KTileSz": int(ktile)}
        f = analyze_layer(_layer(r0), dataflow, hw, consts, compat=compat, technology="maestro").to_frame()
        f.index = g.index
        out.append(f)
    return pd.concat(out).loc[frame.index]


@pytest.fixture(scope="module")
def calib():
    d = pd.read_csv(DATA)
    d["family"] = np.where(d.type == "DSCONV", "dpt", d.dataflow)
    return d, _run(d, compat=False), _run(d, compat=True)


@pytest.mark.parametrize("family", FAMILIES)
def test_family_matches_maestro_on_valid_rows(calib, family):
    d, ours, _ = calib
    sel = (d.family == family) & (d.valid == 1)
    assert sel.sum() > 50
    for field, col in EXACT_FIELDS.items():
        got, want = ours.loc[sel, field].to_numpy(), d.loc[sel, col].to_numpy().astype(float)
        exact = np.mean(got == want)
        assert exact >= 0.99, f"{family} {field}: exact on {exact:.2%}"
        rel = np.abs(got - want) / np.maximum(np.abs(want), 1)
        assert rel.max() <= 0.02, f"{family} {field}: max rel err {rel.max():.3%}"
    e_ours = ours.loc[sel, "energy_pj"].to_numpy() / 1000.0
    e_ref = d.loc[sel, "energy_screen_total_nJ"].to_numpy()
    np.testing.assert_allclose(e_ours, e_ref, rtol=1e-3)
    np.testing.assert_array_equal(ours.loc[sel, "macs"].to_numpy(), d.loc[sel, "macs_expected"].to_numpy())


def test_compat_mode_reproduces_every_row_bug_for_bug(calib):
    """compat=True gives MAESTRO's numbers on all rows, invalid ones included (MACs as the mapping counts)."""
    d, _, raw = calib
    for field, col in {**EXACT_FIELDS, "macs": "m_Num_MACs"}.items():
        np.testing.assert_array_equal(raw[field].to_numpy(), d[col].to_numpy().astype(float), err_msg=field)


def test_area_power_and_peak_bandwidth_match_maestro(calib):
    """MAESTRO prints area/power to 6 significant digits; they use the required buffer sizes (no L1/L2 given)."""
    d, ours, raw = calib
    ok = d.valid == 1
    np.testing.assert_allclose(ours.area_um2[ok], d.m_Area[ok], rtol=1e-5)
    np.testing.assert_allclose(ours.power_mw[ok], d.m_Power[ok], rtol=1e-5)
    np.testing.assert_allclose(raw.area_um2, d.m_Area, rtol=1e-5)
    np.testing.assert_allclose(raw.power_mw, d.m_Power, rtol=1e-5)
    np.testing.assert_array_equal(ours.noc_bw_req[ok], d.m_Peak_BW_Req[ok].astype(float))


def maestro_bug(r) -> str:
    """Which MAESTRO bug (ALGORITHM.md §14) an invalid calibration row shows."""
    ratio = r.m_Num_MACs / r.macs_expected
    if r.m_Runtime_Cycles <= 0:
        return "14.5 tile larger than the dimension: every case skipped, runtime 0"
    if r.stride > 1 and ratio > 1 and r.dataflow == "yxp_os":
        return "14.2 stride-blind output tiles (x1.75 MACs)"
    if r.stride > 1 and ratio > 1 and r.dataflow in ("confx_shi", "confx_eye"):
        return "14.2 stride-blind output tiles with the Y'/X' conversion (about x3 MACs)"
    if r.stride == 1 and ratio > 1 and r.dataflow == "confx_shi":
        return "14.3 spatial edge on a sliding dim uses the input edge size"
    if ratio == 1 and r.dataflow == "confx_eye" and r.m_Num_MACs / (r.num_pes * r.m_Runtime_Cycles) > 1:
        return "14.6 two spatial maps over the same PEs: utilisation > 1"
    if r.stride > 1 and ratio < 1 and r.dataflow == "rs":
        return "14.7 ne and the edge-edge flag disagree (MACs x 27/28)"
    return ""


def test_invalid_rows_get_corrected_values(calib):
    d, ours, raw = calib
    inv = d.index[d.valid == 0]
    assert len(inv) == 637
    bugs = d.loc[inv].apply(maestro_bug, axis=1)
    assert (bugs != "").all(), d.loc[inv][bugs == ""][["layer", "dataflow"]].head()
    counts = bugs.str.split(" ").str[0].value_counts().to_dict()
    assert counts == {"14.2": 408, "14.3": 156, "14.5": 48, "14.6": 13, "14.7": 12}
    o = ours.loc[inv]
    np.testing.assert_array_equal(o.macs, d.loc[inv, "macs_expected"])
    assert (o.utilization <= 1 + 1e-12).all()
    assert (o.runtime_cycles >= np.ceil(o.macs / o.num_pes)).all()
    assert (o.runtime_cycles >= raw.loc[inv, "runtime_cycles"]).all()
    assert np.isfinite(o.select_dtypes("number").to_numpy()).all()
    # MAESTRO's own (wrong) values stay available underneath, except where the §14.5 clipping changed the mapping
    kept = ~bugs.str.startswith("14.5")
    np.testing.assert_array_equal(o.maestro_macs[kept], d.loc[inv, "m_Num_MACs"][kept].astype(float))
    np.testing.assert_array_equal(o.maestro_runtime_cycles[kept], d.loc[inv, "m_Runtime_Cycles"][kept].astype(float))


def test_clipping_the_oversized_tile_fixes_the_all_skipped_rows(calib):
    """§14.5: yxp_os with X = 9 and tile 10 skips every case in MAESTRO; corrected, the tile is clipped."""
    d, ours, _ = calib
    rows = d.index[(d.m_Runtime_Cycles <= 0)]
    assert len(rows) == 48
    o = ours.loc[rows]
    assert (o.maestro_runtime_cycles > 0).all()
    assert (o.maestro_macs == d.loc[rows, "macs_expected"]).all()
