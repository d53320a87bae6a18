"""Every mapping file MAESTRO ships, run as MAESTRO runs it, against MAESTRO's own per-layer outputs.

``tests/data/maestro_files.csv`` holds what MAESTRO (maestro-project/maestro 4eb08d1) printed for each of the 41
files of its ``data/mapping`` folder at four hardware points (see ``tests/data/README.md`` for its provenance). It
covers batched CONV layers (``N``, ``Transformer_*.m``), grouped convolutions (``NGCONV``, ``ResNeXt50_*.m``),
transposed convolutions (``TRCONV``, ``UNet_*.m``), GEMMs (``gnmt_nmk.m``, ``ncf_nmk.m``) and the CONV/DSCONV
networks. Where MAESTRO analyses the whole file, ``compat=True`` must give its numbers exactly on every layer; where
MAESTRO crashes, the file must be refused by name or run with every value finite, >= 0 and utilisation <= 1.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from npu_dse.cost_models import dataflow as dataflow_mod
from npu_dse.cost_models.errors import DataflowError, FormatError
from npu_dse.cost_models.hardware import Hardware
from npu_dse.cost_models.maestro import COUNT_NAMES, analyze_layer, analyze_mapping
from npu_dse.cost_models.formats.maestro_m import read_mapping
from npu_dse.cost_models.workload import Layer, Op

DATA = Path(__file__).parent / "data"
REF = pd.read_csv(DATA / "maestro_files.csv")
EXACT = {"runtime_cycles": "runtime_cycles", "l1_req_bytes": "l1_req_bytes", "l2_req_bytes": "l2_req_bytes",
         "macs": "num_macs_reported", **{c: c for c in COUNT_NAMES}}
CASES = [(f, int(p), int(b)) for (f, p, b), _ in REF.groupby(["mapping_file", "num_pes", "noc_bw"])]
WHOLE = {c for c in CASES if (REF.set_index(["mapping_file", "num_pes", "noc_bw"]).loc[[c], "status"] == "ok").all()}


def _run(case, compat):
    f, pes, bw = case
    logging.disable(logging.WARNING)  # the ResNet-50/MobileNetV2 files repeat a layer name (logged)
    try:
        return analyze_mapping(DATA / "maestro" / f, Hardware(num_pes=pes, noc_bw=bw, offchip_bw=70000),
                               compat=compat)
    finally:
        logging.disable(logging.NOTSET)


def test_reference_covers_every_layer_type_and_most_files_run_whole():
    types = set()
    for f in REF.mapping_file.unique():
        try:
            types |= set(read_mapping(DATA / "maestro" / f).layer_types.values())
        except FormatError:
            assert f == "UNet_RS.m"  # 'N' twice in one Dimensions block; MAESTRO crashes on this file too
    assert types == {"CONV", "DSCONV", "NGCONV", "TRCONV", "GEMM"}
    assert len(REF.mapping_file.unique()) == 41 and len(WHOLE) >= 120


@pytest.mark.parametrize("case", sorted(WHOLE), ids=lambda c: f"{c[0]}-{c[1]}pe-bw{c[2]}")
def test_compat_is_maestro_exactly_on_every_layer(case):
    want = REF[(REF.mapping_file == case[0]) & (REF.num_pes == case[1]) & (REF.noc_bw == case[2])]
    got = _run(case, compat=True)
    assert len(got) == len(want)
    for ours, theirs in EXACT.items():
        np.testing.assert_array_equal(got[ours].to_numpy(), want[theirs].to_numpy(float), err_msg=f"{case} {ours}")


@pytest.mark.parametrize("case", sorted(CASES), ids=lambda c: f"{c[0]}-{c[1]}pe-bw{c[2]}")
def test_corrected_values_are_finite_nonnegative_and_within_the_array(case):
    """Corrected (the default): refused by name where MAESTRO crashes on the file, or sane numbers everywhere."""
    try:
        got = _run(case, compat=False)
    except (DataflowError, FormatError) as exc:
        assert case not in WHOLE, f"{case}: MAESTRO runs this file, we refuse it: {exc}"
        assert case[0] in str(exc)
        return
    numeric = got.select_dtypes("number")
    assert np.isfinite(numeric.to_numpy()).all() and (numeric.to_numpy() >= 0).all()
    assert (got.utilization <= 1 + 1e-12).all()
    layers = read_mapping(DATA / "maestro" / case[0]).network.layers
    np.testing.assert_array_equal(got.macs.to_numpy(), [float(l.macs) for l in layers])


def test_maestro_ngconv_counts_channels_as_outputs_and_the_correction_reduces_them():
    """MAESTRO's NGCONV output tensor is G, K, C, Y, X: its output traffic is that of an output per input channel.
    Corrected, the output is G, K, Y, X, and the file's other layers are unchanged."""
    case = ("ResNeXt50_kcp_ws.m", 256, 64)
    raw, fixed = _run(case, compat=True), _run(case, compat=False)
    ng = np.array([t == "NGCONV" for t in read_mapping(DATA / "maestro" / case[0]).layer_types.values()])
    assert ng.sum() == 16
    for c in ("output_l2_read", "output_l2_write"):
        assert (raw[c][ng] >= 64 * fixed[c][ng]).all() and (fixed[c][ng] > 0).all()
        np.testing.assert_array_equal(raw[c][~ng], fixed[c][~ng])


def test_corrected_ngconv_is_its_groups_run_one_after_another():
    """A grouped convolution mapped with TemporalMap(1,1) G moves exactly G times the data of one group's CONV."""
    body = ("SpatialMap(1,1) K; TemporalMap(64,64) C; TemporalMap(Sz(R),Sz(R)) R; TemporalMap(Sz(S),Sz(S)) S; "
            "TemporalMap(Sz(R),1) Y; TemporalMap(Sz(S),1) X; Cluster(64, P); SpatialMap(1,1) C; "
            "TemporalMap(Sz(R),1) Y; TemporalMap(Sz(S),1) X; TemporalMap(Sz(R),Sz(R)) R; TemporalMap(Sz(S),Sz(S)) S;")
    G, hw = 32, Hardware(num_pes=256, noc_bw=64, offchip_bw=70000)
    grouped = analyze_layer(Layer("g", Op.CONV, K=G * 4, C=G * 128, R=3, S=3, Y=58, X=58, groups=G),
                            dataflow_mod.parse("TemporalMap(1,1) G; " + body), hw, technology="maestro")
    one = analyze_layer(Layer("o", Op.CONV, K=4, C=128, R=3, S=3, Y=58, X=58), dataflow_mod.parse(body), hw,
                        technology="maestro")
    for c in COUNT_NAMES:
        assert getattr(grouped, c)[0] == G * getattr(one, c)[0], c
    assert grouped.l1_req_bytes[0] == one.l1_req_bytes[0] and grouped.l2_req_bytes[0] == one.l2_req_bytes[0]
    # consecutive groups overlap one group's fill with the previous one's compute
    assert G * one.runtime_cycles[0] * 0.99 <= grouped.runtime_cycles[0] <= G * one.runtime_cycles[0]


def test_batch_is_a_mapped_dimension_in_maestro_files_and_an_outer_loop_in_built_in_templates():
    """MAESTRO unrolls an unmapped N whole (ALGORITHM.md §4.2c): the first Transformer layer (N = 128) needs 128
    times the L2 of one row. A built-in template runs the batch as an outer loop (128 x one row)."""
    case = ("Transformer_Layers.m", 256, 64)
    got = _run(case, compat=True)
    assert got.runtime_cycles[0] == 402480 and got.l2_req_bytes[0] == 458752
    mapping = read_mapping(DATA / "maestro" / case[0])
    layer = mapping.network.layers[0]
    assert layer.N == 128
    hw = Hardware(num_pes=256, noc_bw=64, offchip_bw=70000)
    outer = analyze_layer(layer, "kcp_ws", hw, technology="maestro")
    single = analyze_layer(layer.with_(N=1), "kcp_ws", hw, technology="maestro")
    assert outer.runtime_cycles[0] == 128 * single.runtime_cycles[0]
    assert outer.l2_req_bytes[0] == single.l2_req_bytes[0]


def test_trconv_runs_as_maestro_does_in_compat_and_as_its_sub_pixel_phases_corrected():
    """UNet's 2x2 up-convolutions: MAESTRO runs a plain CONV on the written sizes (27 x 27 outputs of a 28 x 28
    input); corrected, the layer is 4 phases of a 1x1 CONV, each over the 28 x 28 input, with the true MACs."""
    mapping = read_mapping(DATA / "maestro" / "UNet_nlr.m")
    tr = [l for l in mapping.network.layers if l.op is Op.TRCONV]
    assert len(tr) == 4 and all(l.stride == 2 for l in tr)
    t = tr[0]
    assert (t.K, t.C, t.R, t.Y, t.Y_out) == (512, 1024, 2, 28, 56)
    assert t.macs == 512 * 1024 * 2 * 2 * 28 * 28
    df = dataflow_mod.parse(mapping.dataflows[t.name], mapping.constants)
    hw = Hardware(num_pes=256, noc_bw=64, offchip_bw=70000)
    raw = analyze_layer(t, df, hw, compat=True, technology="maestro")
    assert raw.macs[0] == 512 * 1024 * 2 * 2 * 27 * 27
    fixed = analyze_layer(t, df, hw, technology="maestro")
    phase = analyze_layer(Layer("p", Op.CONV, K=512, C=1024, Y=28, X=28), df, hw, technology="maestro")
    assert fixed.macs[0] == t.macs == 4 * phase.macs[0]
    assert fixed.runtime_cycles[0] == 4 * phase.runtime_cycles[0]
    for c in COUNT_NAMES:
        assert getattr(fixed, c)[0] == 4 * getattr(phase, c)[0], c


VALIDATION = pd.read_csv(DATA / "maestro_validation.csv")
VALIDATION_FILES = {"alexnet_rs_validation.m": Path(dataflow_mod.__file__).parent / "data" / "maestro_validation",
                    "vgg16_maeri.m": DATA / "maestro" / "validation"}
"""Where each validation mapping is: the Eyeriss one ships in the package (``silicon.VALIDATIONS``)."""
VALIDATION_CASES = [(f, int(p), int(b)) for (f, p, b), _ in VALIDATION.groupby(["mapping_file", "num_pes", "noc_bw"])]


@pytest.mark.parametrize("case", VALIDATION_CASES, ids=lambda c: f"{c[0]}-{c[1]}pe-bw{c[2]}")
def test_maestros_validation_mappings_give_its_numbers_or_are_refused_where_it_crashes(case):
    """The mappings MAESTRO's authors wrote to validate it against Eyeriss and MAERI (``validation/``)."""
    f, pes, bw = case
    want = VALIDATION[(VALIDATION.mapping_file == f) & (VALIDATION.num_pes == pes) & (VALIDATION.noc_bw == bw)]
    hw = Hardware(num_pes=pes, noc_bw=bw, offchip_bw=70000)
    if set(want.status) != {"ok"}:  # 64 PEs for clusters of 78: MAESTRO divides by zero
        with pytest.raises(DataflowError, match=f"{f}: layer 'CONV4'.*need 78 PEs"):
            analyze_mapping(VALIDATION_FILES[f] / f, hw, compat=True)
        return
    got = analyze_mapping(VALIDATION_FILES[f] / f, hw, compat=True)
    for ours, theirs in EXACT.items():
        np.testing.assert_array_equal(got[ours].to_numpy(), want[theirs].to_numpy(float), err_msg=f"{case} {ours}")


RANDOM = pd.read_csv(DATA / "maestro_random.csv")
RANDOM_DIR = DATA / "maestro" / "random"
RANDOM_CASES = [(f, int(p), int(b)) for (f, p, b), _ in RANDOM.groupby(["mapping_file", "num_pes", "noc_bw"])]


@pytest.mark.parametrize("case", RANDOM_CASES, ids=lambda c: f"{c[0]}-{c[1]}pe-bw{c[2]}")
def test_random_mappings_give_maestros_numbers_exactly(case):
    """Two files of 200 random layers of every type (random sizes, strides and batch; one to three cluster levels
    of directives in random orders, sizes and offsets, output-centric maps, two spatial maps in a level) that MAESTRO
    analyses: MAESTRO's numbers on every layer with ``compat=True``, among them the K directives of depthwise layers
    that list a K (MAESTRO iterates over it) and, in ``random_seed1.m``, batched CONVs after an unbatched first CONV
    (MAESTRO's tensors come from the first layer of each type); corrected, sane numbers and the true MACs."""
    f, pes, bw = case
    want = RANDOM[(RANDOM.mapping_file == f) & (RANDOM.num_pes == pes) & (RANDOM.noc_bw == bw)]
    assert len(want) == 200 and set(want.status) == {"ok"}
    hw = Hardware(num_pes=pes, noc_bw=bw, offchip_bw=70000)
    got = analyze_mapping(RANDOM_DIR / f, hw, compat=True)
    for ours, theirs in EXACT.items():
        np.testing.assert_array_equal(got[ours].to_numpy(), want[theirs].to_numpy(float), err_msg=f"{case} {ours}")
    # MAESTRO prints area and power to 6 significant digits
    np.testing.assert_allclose(got.area_um2.to_numpy(), want.area.to_numpy(), rtol=1e-5)
    np.testing.assert_allclose(got.power_mw.to_numpy(), want.power.to_numpy(), rtol=1e-5)
    fixed = analyze_mapping(RANDOM_DIR / f, hw)
    numeric = fixed.select_dtypes("number").to_numpy()
    assert np.isfinite(numeric).all() and (numeric >= 0).all() and (fixed.utilization <= 1 + 1e-12).all()
    layers = read_mapping(RANDOM_DIR / f).network.layers
    np.testing.assert_array_equal(fixed.macs.to_numpy(), [float(l.macs) for l in layers])


def test_the_random_files_cover_the_cases_they_are_for():
    maps = [read_mapping(RANDOM_DIR / f) for f in ("random_seed0.m", "random_seed1.m")]
    for m in maps:
        assert set(m.layer_types.values()) == {"CONV", "DSCONV", "NGCONV", "TRCONV", "GEMM"}
        assert sum("Cluster" in t for t in m.dataflows.values()) >= 50
        assert sum("'" in t for t in m.dataflows.values()) >= 20
    assert any(t == "DSCONV" and m.dimensions[n].get("K", 1) > 1 and re.search(r"\)\s*K\s*;", m.dataflows[n])
               for m in maps for n, t in m.layer_types.items())
    m = maps[1]
    first_conv = next(n for n, t in m.layer_types.items() if t in ("CONV", "TRCONV"))
    assert "N" not in m.dimensions[first_conv]
    assert any(t == "CONV" and "N" in m.dimensions[n] for n, t in m.layer_types.items())


MIXED_BATCH = """Network d {{
  Layer first {{ Type: {first_type} Stride {{ X: 1, Y: 1 }} Dimensions {{ {first_dims} }}
    Dataflow {{ SpatialMap(1,1) C; TemporalMap(Sz(R),1) Y; TemporalMap(Sz(S),1) X; TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(S),Sz(S)) S; }} }}
  Layer second {{ Type: CONV Stride {{ X: 1, Y: 1 }} Dimensions {{ K: 8, C: 8, R: 3, S: 3, Y: 10, X: 10 }}
    Dataflow {{ SpatialMap(1,1) K; TemporalMap(Sz(R),1) Y; TemporalMap(Sz(S),1) X; TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(S),Sz(S)) S; }} }}
}}
"""


def test_a_layer_type_whose_first_layer_is_batched_and_a_later_one_is_not_is_refused_in_compat(tmp_path):
    """MAESTRO exits on such a file (4eb08d1 builds the tensors of a type from its first layer): refused by name
    with compat=True; corrected, each layer runs with its own batch."""
    f = tmp_path / "mixed.m"
    f.write_text(MIXED_BATCH.format(first_type="CONV", first_dims="N: 2, K: 8, C: 8, R: 3, S: 3, Y: 10, X: 10"))
    hw = Hardware(num_pes=64, noc_bw=32, offchip_bw=70000)
    with pytest.raises(DataflowError, match=r"mixed.m: layer 'second' lists no batch N, but the file's first CONV "
                                            r"layer 'first' does"):
        analyze_mapping(f, hw, compat=True)
    fixed = analyze_mapping(f, hw)
    assert fixed.macs.tolist() == [2 * 8 * 8 * 9 * 64, 8 * 8 * 9 * 64]


FRONTEND_DATAFLOW = """SpatialMap(1,1) K; TemporalMap(Sz(R),1) Y; TemporalMap(Sz(S),1) X; TemporalMap(Sz(R),Sz(R)) R;
  TemporalMap(Sz(S),Sz(S)) S;"""
FRONTEND_DPT = dataflow_mod.get("dpt").text()  # MAESTRO's tools/frontend/dataflow/dpt.m, for DSCONV layers
FRONTEND_LAYERS = (("first", "CONV", "{first_n}K: 8, C: 4, R: 3, S: 3, Y: 10, X: 10"),
                   ("dw", "DSCONV", "K: 1, C: 8, R: 3, S: 3, Y: 8, X: 8"),
                   ("second", "CONV", "{second_n}K: 16, C: 8, R: 1, S: 1, Y: 6, X: 6"),
                   ("dw2", "DSCONV", "N: 4, K: 1, C: 16, R: 3, S: 3, Y: 6, X: 6"))


def _frontend_file(path: Path, first_n: str, second_n: str, dataflow: bool) -> Path:
    body = "".join(
        f"  Layer {name} {{ Type: {t} Stride {{ X: 1, Y: 1 }} Dimensions {{ "
        f"{dims.format(first_n=first_n, second_n=second_n)} }}"
        + (f" Dataflow {{ {FRONTEND_DPT if t == 'DSCONV' else FRONTEND_DATAFLOW} }}" if dataflow else "") + " }\n"
        for name, t, dims in FRONTEND_LAYERS)
    path.write_text(f"Network d {{\n{body}}}\n")
    return path


def test_a_model_file_under_a_dataflow_file_follows_maestros_batch_rule_in_compat(tmp_path):
    """``dse eval MODEL.m --dataflow FLOW.m --maestro-compat`` runs each layer as MAESTRO runs the mapping file its
    frontend would write from the two (FLOW's directives after each layer's Dimensions, dpt.m's for a DSCONV;
    ``tools/frontend/modelfile_to_mapping.py``), in both modes: a batched CONV after an unbatched first
    CONV runs unbatched (and so does a batched DSCONV after an unbatched first DSCONV), exactly as
    :func:`analyze_mapping` runs that mapping file (checked against MAESTRO on ``random_seed1.m``); corrected, each
    layer runs its own batch. A layer lacking the N its type's first layer lists is refused in one line (exit 2)."""
    from typer.testing import CliRunner

    from npu_dse.cli import app

    flow = tmp_path / "flow.m"
    flow.write_text(f"Dataflow {{ {FRONTEND_DATAFLOW} }}\n")
    model = _frontend_file(tmp_path / "model.m", "", "N: 4, ", dataflow=False)
    mapping = _frontend_file(tmp_path / "mapping.m", "", "N: 4, ", dataflow=True)
    hw = Hardware(num_pes=16, noc_bw=32, offchip_bw=70000)
    want = analyze_mapping(mapping, hw, compat=True, technology="maestro")
    args = ["eval", str(model), "--dataflow", str(flow), "--num-pes", "16", "--noc-bw", "32", "--offchip-bw", "70000",
            "--technology", "maestro"]
    runner = CliRunner()
    res = runner.invoke(app, args + ["--maestro-compat", "-o", str(tmp_path / "compat.csv")])
    assert res.exit_code == 0, res.output
    got = pd.read_csv(tmp_path / "compat.csv")
    assert got.layer.tolist() == ["first", "dw", "second", "dw2"]
    # MAESTRO 4eb08d1 itself on mapping.m (16 PEs, NoC 32, hops 1, hop latency 1, off-chip 70000), session 34
    assert got.runtime_cycles.tolist() == [2315, 329, 293, 153]
    for col in ("runtime_cycles", "energy_pj", "macs", "l1_req_bytes", "l2_req_bytes", *COUNT_NAMES):
        np.testing.assert_array_equal(got[col].to_numpy(float), want[col].to_numpy(float), err_msg=col)
    res = runner.invoke(app, args + ["-o", str(tmp_path / "fixed.csv")])
    assert res.exit_code == 0, res.output
    fixed = pd.read_csv(tmp_path / "fixed.csv")
    want_fixed = analyze_mapping(mapping, hw, technology="maestro")
    for col in ("runtime_cycles", "energy_pj", "macs"):
        np.testing.assert_array_equal(fixed[col].to_numpy(float), want_fixed[col].to_numpy(float), err_msg=col)
    assert fixed.macs.tolist() == [8 * 4 * 9 * 64, 8 * 9 * 36, 4 * 16 * 8 * 36, 4 * 16 * 9 * 16]
    assert (got.runtime_cycles < fixed.runtime_cycles)[2:].all()  # one image where the corrected run has four
    # a slice is the file MAESTRO's frontend would write from those layers: 'second' is then the first CONV
    res = runner.invoke(app, args + ["--maestro-compat", "--layers", "2:4", "-o", str(tmp_path / "slice.csv")])
    assert res.exit_code == 0, res.output
    assert pd.read_csv(tmp_path / "slice.csv").macs.tolist() == fixed.macs.tolist()[2:]
    crash = _frontend_file(tmp_path / "crash.m", "N: 2, ", "", dataflow=False)
    res = runner.invoke(app, ["eval", str(crash), *args[2:], "--maestro-compat"])
    assert res.exit_code == 2 and len(res.output.strip().splitlines()) == 1, res.output
    assert "crash.m (under" in res.output
    assert "layer 'second' lists no batch N, but the file's first CONV layer 'first' does" in res.output
    res = runner.invoke(app, args + ["--maestro-compat", "--map", "latency"])
    assert res.exit_code == 2 and "layer 'second' lists a batch N" in res.output, res.output


def test_an_fc_layer_is_refused_in_compat_as_maestro_does_not_parse_it(tmp_path):
    """MAESTRO 4eb08d1's parser leaves ``Type: FC`` a TODO and fails on the file (a parse error, found by running
    it on files its frontend wrote): refused by name with compat=True, in ``dse maestro`` and in the frontend path;
    corrected, the FC runs as the 1x1 CONV it is."""
    from typer.testing import CliRunner

    from npu_dse.cli import app

    layer = "Layer fc {{ Type: FC Stride {{ X: 1, Y: 1 }} Dimensions {{ N: 4, K: 16, C: 8, R: 1, S: 1, Y: 1, X: 1 }}{} }}"
    mapping = tmp_path / "fc_map.m"
    mapping.write_text("Network n {\n" + layer.format(f" Dataflow {{ {FRONTEND_DATAFLOW} }}") + "\n}\n")
    model = tmp_path / "fc_model.m"
    model.write_text("Network n {\n" + layer.format("") + "\n}\n")
    flow = tmp_path / "flow.m"
    flow.write_text(f"Dataflow {{ {FRONTEND_DATAFLOW} }}\n")
    hw = Hardware(num_pes=16, noc_bw=32, offchip_bw=70000)
    with pytest.raises(DataflowError, match=r"fc_map.m: layer 'fc' is of type FC, which MAESTRO 4eb08d1's parser"):
        analyze_mapping(mapping, hw, compat=True)
    assert analyze_mapping(mapping, hw).macs.tolist() == [4 * 16 * 8]
    res = CliRunner().invoke(app, ["eval", str(model), "--dataflow", str(flow), "--num-pes", "16", "--maestro-compat"])
    assert res.exit_code == 2 and len(res.output.strip().splitlines()) == 1, res.output
    assert "fc_model.m (under" in res.output and "layer 'fc' is of type FC" in res.output


def test_a_sum_in_a_map_size_is_refused_in_compat(tmp_path):
    """MAESTRO 4eb08d1's parser fails on ``TemporalMap(Sz(S)+1,2) X;`` (a parse error at that line; found by running
    it on random mapping files with hardware files, session 34), which our parser reads (the ``yxp_os`` template is
    written so): refused by name with compat=True; corrected, costed."""
    mapping = tmp_path / "sum.m"
    mapping.write_text("Network n { Layer a { Type: CONV Dimensions { K: 2, C: 16, R: 3, S: 3, Y: 31, X: 51 } "
                       "Dataflow { TemporalMap(Sz(S)+1,2) X; TemporalMap(Sz(R),Sz(R)) R; SpatialMap(Sz(R)+3,4) Y; "
                       "TemporalMap(1,1) C; TemporalMap(Sz(S),Sz(S)) S; TemporalMap(16,16) K; } } }\n")
    hw = Hardware(num_pes=64, noc_bw=256, offchip_bw=70000)
    with pytest.raises(DataflowError, match=r"sum.m: layer 'a': its dataflow writes a sum as a map size or offset"):
        analyze_mapping(mapping, hw, compat=True)
    assert analyze_mapping(mapping, hw).macs.tolist() == [2 * 16 * 9 * 29 * 49]


def test_a_typographic_quote_in_a_dataflow_is_refused_in_compat(tmp_path):
    """MAESTRO's own ``tools/frontend/dataflow/maeri.m`` writes ``Y\u2019``; MAESTRO 4eb08d1 exits on it ('Dimension
    Y\u2019 not found'), found by running it on files its frontend wrote. Our parser reads it as ``Y'``: refused by
    name with compat=True (in a mapping file and under a dataflow file; not in a comment), read corrected."""
    from typer.testing import CliRunner

    from npu_dse.cli import app

    flow_text = ("SpatialMap(1,1) Y\u2019; TemporalMap(1,1) X'; TemporalMap(1,1) C; TemporalMap(4,4) K; "
                 "TemporalMap(Sz(R),Sz(R)) R; TemporalMap(Sz(S),Sz(S)) S;")  # MAESTRO's rs.m, one level
    dims = "K: 8, C: 4, R: 3, S: 3, Y: 10, X: 10"
    mapping = tmp_path / "quote.m"
    mapping.write_text(f"Network n {{ Layer a {{ Type: CONV Dimensions {{ {dims} }} Dataflow {{ {flow_text} }} }} }}\n",
                       encoding="utf-8")
    hw = Hardware(num_pes=16, noc_bw=32, offchip_bw=70000)
    with pytest.raises(DataflowError, match="quote.m: layer 'a': its dataflow writes a dimension with a typographic"):
        analyze_mapping(mapping, hw, compat=True)
    assert analyze_mapping(mapping, hw).macs.tolist() == [8 * 4 * 9 * 64]
    commented = tmp_path / "commented.m"
    commented.write_text(mapping.read_text(encoding="utf-8").replace("Y\u2019;", "Y'; // not Y\u2019\n"), encoding="utf-8")
    assert analyze_mapping(commented, hw, compat=True).macs.tolist() == [8 * 4 * 9 * 64]
    model = tmp_path / "model.m"
    model.write_text(f"Network n {{ Layer a {{ Type: CONV Dimensions {{ {dims} }} }} }}\n")
    flow = tmp_path / "flow.m"
    flow.write_text(f"Dataflow {{ {flow_text} }}\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["eval", str(model), "--dataflow", str(flow), "--num-pes", "16", "--maestro-compat"])
    assert res.exit_code == 2 and len(res.output.strip().splitlines()) == 1, res.output
    assert "flow.m): layer 'a': its dataflow writes a dimension with a typographic quote" in res.output


def test_maestros_division_by_zero_in_its_off_chip_statistic_is_refused_in_compat(tmp_path):
    """MAESTRO crashes (SIGFPE, ``crashed rc=-8`` in the reference) on vgg16_rs.m at every hardware point: a case of
    the outermost level has no compute, and its off-chip bandwidth requirement divides by it (ALGORITHM.md §13).
    With ``compat=True`` that is refused by name, as MAESTRO runs nothing; corrected, the layers are costed. A layer
    whose outermost cases are all skipped (LeNet-5's c5 under shi) runs in MAESTRO, in 0 cycles, and here too."""
    assert set(REF[REF.mapping_file == "vgg16_rs.m"].status) == {"crashed rc=-8"}
    hw = Hardware(num_pes=256, noc_bw=64, offchip_bw=70000)
    with pytest.raises(DataflowError, match=r"vgg16_rs.m: layer 'CONV1': MAESTRO divides by zero here on 256 PEs: .*off-chip"):
        analyze_mapping(DATA / "maestro" / "vgg16_rs.m", hw, compat=True)
    fixed = analyze_mapping(DATA / "maestro" / "vgg16_rs.m", hw)
    assert (fixed.runtime_cycles > 0).all() and np.isfinite(fixed.select_dtypes("number").to_numpy()).all()
    from npu_dse.cost_models.formats.maestro_m import write_mapping
    from npu_dse.cost_models.workload import Network
    from npu_dse.export.maestro import layer_dataflow_text

    # a stride-2 layer whose output is one pixel (X' = Y' = 1) under shi with clusters of 4: MAESTRO 4eb08d1 SIGFPEs
    crash = Layer("l", Op.CONV, K=64, C=16, Y=8, X=7, R=7, S=7, stride=2)
    c5 = Layer("c5", Op.CONV, K=120, C=16, Y=5, X=5, R=5, S=5)
    for layer, consts, pes, crashes in ((crash, {"KTileSz": 32, "CTileSz": 16, "ClusterSz": 4}, 64, True),
                                        (c5, {}, 8, False)):
        path = tmp_path / f"{layer.name}.m"
        write_mapping(path, Network("t", (layer,)), {layer.name: layer_dataflow_text("shi", consts, pes, False, layer)})
        if crashes:
            with pytest.raises(DataflowError, match="MAESTRO divides by zero here"):
                analyze_mapping(path, Hardware(num_pes=pes, noc_bw=256, offchip_bw=70000), compat=True)
        else:
            got = analyze_mapping(path, Hardware(num_pes=pes, noc_bw=64, offchip_bw=70000), compat=True)
            assert got.runtime_cycles.tolist() == [0.0] and got.macs.tolist() == [0.0]


def test_a_cluster_without_its_type_is_refused_in_compat_and_read_as_physical_otherwise(tmp_path):
    """MAESTRO's parser reads the token after a cluster size as its type (DFSL_parser.hpp), so 'Cluster(16);' is a
    parse error there (checked with its binary); corrected, the cluster is read as 'Cluster(16, P)'."""
    body = ("SpatialMap(1,1) K; TemporalMap(16,16) C; TemporalMap(Sz(R),Sz(R)) R; TemporalMap(Sz(S),Sz(S)) S; "
            "TemporalMap(Sz(R),1) Y; TemporalMap(Sz(S),1) X; Cluster(16{}); SpatialMap(1,1) C; TemporalMap(Sz(R),1) Y; "
            "TemporalMap(Sz(S),1) X; TemporalMap(Sz(R),Sz(R)) R; TemporalMap(Sz(S),Sz(S)) S;")
    files = {}
    for name, kind in (("untyped", ""), ("typed", ", P")):
        files[name] = tmp_path / f"{name}.m"
        files[name].write_text("Network t { Layer l { Type: CONV\n Dimensions { K: 64, C: 16, R: 3, S: 3, Y: 16, "
                               "X: 16 }\n Dataflow { " + body.format(kind) + " } } }\n")
    hw = Hardware(num_pes=64, noc_bw=64, offchip_bw=70000)
    with pytest.raises(DataflowError, match=r"untyped.m: layer 'l': 'Cluster\(16\)' gives no cluster type: .*"
                                            r"write 'Cluster\(16, P\)'"):
        analyze_mapping(files["untyped"], hw, compat=True)
    a, b = analyze_mapping(files["untyped"], hw), analyze_mapping(files["typed"], hw)
    assert a.runtime_cycles.tolist() == b.runtime_cycles.tolist() and a.energy_pj.tolist() == b.energy_pj.tolist()


def test_dse_eval_with_maestro_compat_refuses_what_maestro_does_not_run(tmp_path):
    """The same two refusals on the ``dse eval`` path (a network with a built-in template or a dataflow file,
    ``analyze_network``): the shi layer MAESTRO 4eb08d1 SIGFPEs on at 64 PEs with clusters of 4, and a dataflow
    file with 'Cluster(16);'. The CLI prints one line and exits 2; without --maestro-compat both are costed."""
    from typer.testing import CliRunner

    from npu_dse.cli import app
    from npu_dse.cost_models.maestro import analyze_network
    from npu_dse.cost_models.workload import Network

    crash = Network("t", (Layer("l", Op.CONV, K=64, C=16, Y=8, X=7, R=7, S=7, stride=2),))
    hw = Hardware(num_pes=64, noc_bw=256, offchip_bw=70000)
    consts = {"KTileSz": 32, "CTileSz": 16, "ClusterSz": 4}
    with pytest.raises(DataflowError, match=r"layer 'l': MAESTRO divides by zero here on 64 PEs"):
        analyze_network(crash, "shi", hw, consts, compat=True)
    assert analyze_network(crash, "shi", hw, consts).runtime_cycles.iloc[0] > 0
    # clusters of 8: MAESTRO 4eb08d1 runs it (0 cycles, as here); checked with its binary
    assert analyze_network(crash, "shi", hw, {**consts, "ClusterSz": 8}, compat=True).runtime_cycles.iloc[0] == 0

    flow = tmp_path / "untyped.m"
    flow.write_text("Dataflow { SpatialMap(1,1) K; TemporalMap(16,16) C; TemporalMap(Sz(R),Sz(R)) R; "
                    "TemporalMap(Sz(S),Sz(S)) S; TemporalMap(Sz(R),1) Y; TemporalMap(Sz(S),1) X; Cluster(16); "
                    "SpatialMap(1,1) C; TemporalMap(Sz(R),1) Y; TemporalMap(Sz(S),1) X; TemporalMap(Sz(R),Sz(R)) R; "
                    "TemporalMap(Sz(S),Sz(S)) S; }\n")
    args = ["eval", "lenet5", "--layers", "0:1", "--dataflow", str(flow), "--num-pes", "64", "--noc-bw", "64"]
    res = CliRunner().invoke(app, args + ["--maestro-compat"])
    assert res.exit_code == 2 and "'Cluster(16)' gives no cluster type" in res.output
    assert len(res.output.strip().splitlines()) == 1
    assert CliRunner().invoke(app, args).exit_code == 0
