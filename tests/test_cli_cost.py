"""CLI: ``dse maestro`` on every shipped mapping file and ``dse eval`` on zoo networks and model files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from npu_dse.cost_models.maestro import COLUMNS
from npu_dse.cost_models.formats.maestro_m import read_mapping
from npu_dse.cli import app

DATA = Path(__file__).parent / "data"
MAPPINGS = ["GEMM_Example.m", "MobileNetV2_kcp_ws.m", "Resnet50_kcp_ws.m", "Transformer_Layers.m",
            "squeezenet1_0_kcp_ws.m", "vgg16_rs.m"]
runner = CliRunner()


def test_every_listed_mapping_is_shipped():
    """The six files of the shared reference run through the CLI here; all 41 are checked in test_maestro_files."""
    shipped = {p.name for p in (DATA / "maestro").glob("*.m") if not p.name.endswith(("_model.m", "_hw.m"))}
    assert set(MAPPINGS) <= shipped and len(shipped) == 41


@pytest.mark.parametrize("name", sorted(MAPPINGS))
def test_dse_maestro_runs_every_shipped_mapping(name, tmp_path):
    out = tmp_path / "out.csv"
    res = runner.invoke(app, ["maestro", str(DATA / "maestro" / name), "--hw", str(DATA / "maestro" / "accelerator_1_hw.m"),
                              "--noc-hop-latency", "1", "-o", str(out)])
    assert res.exit_code == 0, res.output
    f = pd.read_csv(out)
    assert tuple(f.columns[:len(COLUMNS)]) == COLUMNS
    layers = read_mapping(DATA / "maestro" / name).network.layers
    assert list(f.layer) == [l.name for l in layers]
    assert (f.macs == [l.macs for l in layers]).all()
    assert (f.utilization <= 1).all() and (f.runtime_cycles > 0).all()
    assert (f.num_pes == 256).all()
    # accelerator_1_hw.m provisions l1 100 B and l2 3000 B: feasibility follows the requirements
    assert (f.feasible == ((f.l1_req_bytes <= 100) & (f.l2_req_bytes <= 3000))).all()


# MAESTRO 4eb08d1 itself, `maestro --Mapping_file=Resnet50_kcp_ws.m --HW_file=<file>` and no other flag (session 34):
# layers, total runtime, and area (um^2) and power (mW) of layers 0 and 5, as it prints them (6 digits)
HW_FILE_CASES = {
    "num_pes: 256\nl1_size_cstr: 100\nl2_size_cstr: 3000\nnoc_bw_cstr: 1000\noffchip_bw_cstr: 50\n":
        (66, 81071185, 419055000.0, 3632.75, 419047000.0, 3375.53),
    "num_pes: 256\nl1_size_cstr: 100\nl2_size_cstr: 3000\noffchip_bw_cstr: 50\n":  # no NoC: INT_MAX
        (66, 81071185, 826827000000000.0, 6498060000.0, 826827000000000.0, 6498060000.0),
    "num_pes: 128\nNoC_NumHops: 3\nnoc_bw_cstr: 64\n": (66, 115985610, 21077600.0, 394.323, 21073700.0, 265.424),
}


@pytest.mark.parametrize("text", list(HW_FILE_CASES), ids=["accelerator_1", "no_noc_bw", "hops_3"])
def test_dse_maestro_reads_a_hardware_file_as_maestro_does(text, tmp_path):
    """MAESTRO costs the buffers a layer needs whatever the file's l1/l2_size_cstr, takes INT_MAX for a bandwidth
    the file leaves out, and NoC_NumHops as the NoC latency: `dse maestro --hw FILE --maestro-compat` gives its
    runtime, area and power (area and power were costed at the file's buffer sizes before session 34)."""
    layers, total, area0, power0, area5, power5 = HW_FILE_CASES[text]
    hw = tmp_path / "hw.m"
    hw.write_text(text)
    out = tmp_path / "o.csv"
    res = runner.invoke(app, ["maestro", str(DATA / "maestro" / "Resnet50_kcp_ws.m"), "--hw", str(hw),
                              "--maestro-compat", "-o", str(out)])
    assert res.exit_code == 0, res.output
    f = pd.read_csv(out)
    assert len(f) == layers and f.runtime_cycles.sum() == total
    assert f.area_um2[[0, 5]].tolist() == pytest.approx([area0, area5], rel=1e-5)
    assert f.power_mw[[0, 5]].tolist() == pytest.approx([power0, power5], rel=1e-5)


def test_dse_maestro_prints_a_table_and_flags_override_the_hw_file():
    res = runner.invoke(app, ["maestro", str(DATA / "maestro" / "GEMM_Example.m"), "--hw",
                              str(DATA / "maestro" / "accelerator_1_hw.m"), "--num-pes", "100"])
    assert res.exit_code == 0, res.output
    assert "BLAS" in res.output and "on 100 PEs" in res.output and "NETWORK" in res.output


def test_dse_maestro_compat_flag_gives_maestro_numbers(tmp_path):
    """res2a_3x3 under kcp_ws at 1024 PEs, NoC 32: MAESTRO's 565,515 cycles (ALGORITHM.md §15.1)."""
    m = tmp_path / "one.m"
    m.write_text("Network N { Layer res2a { Type: CONV Stride { X: 1, Y: 1 } "
                 "Dimensions { K: 64, C: 64, R: 3, S: 3, Y: 58, X: 58 } Dataflow { SpatialMap(1,1) K; "
                 "TemporalMap(64,64) C; TemporalMap(Sz(R),Sz(R)) R; TemporalMap(Sz(S),Sz(S)) S; "
                 "TemporalMap(Sz(R),1) Y; TemporalMap(Sz(S),1) X; Cluster(64, P); SpatialMap(1,1) C; "
                 "TemporalMap(Sz(R),1) Y; TemporalMap(Sz(S),1) X; TemporalMap(Sz(R),Sz(R)) R; "
                 "TemporalMap(Sz(S),Sz(S)) S; } } }")
    out = tmp_path / "o.csv"
    res = runner.invoke(app, ["maestro", str(m), "--num-pes", "1024", "--noc-bw", "32", "--maestro-compat", "-o", str(out)])
    assert res.exit_code == 0, res.output
    f = pd.read_csv(out)
    assert f.runtime_cycles[0] == 565515 and f.l2_req_bytes[0] == 19616 and f.l1_req_bytes[0] == 54


def test_dse_eval_zoo_network_with_constants(tmp_path):
    out = tmp_path / "r.csv"
    res = runner.invoke(app, ["eval", "resnet50", "--dataflow", "dla", "--num-pes", "77", "-c", "KTileSz=8",
                              "--l1-size", "4096", "-o", str(out)])
    assert res.exit_code == 0, res.output
    f = pd.read_csv(out)
    assert tuple(f.columns[:len(COLUMNS)]) == COLUMNS and (f.dataflow.isin(["dla", "confx_dpt"])).all()
    assert (f.utilization <= 1).all() and f.macs.sum() > 3.8e9


def test_dse_eval_model_file(tmp_path):
    out = tmp_path / "c.csv"
    res = runner.invoke(app, ["eval", str(DATA / "confuciux" / "mobilenet_v2.csv"), "--dataflow", "kcp_ws",
                              "--num-pes", "256", "-o", str(out)])
    assert res.exit_code == 0, res.output
    f = pd.read_csv(out)
    assert (f.dataflow == "dpt").any() and (f.dataflow == "kcp_ws").any()


@pytest.mark.parametrize("args, message", [
    (["eval", "resnet50", "--dataflow", "kcp_ws", "--num-pes", "32"], "need 64 PEs"),
    (["eval", "resnet50", "--dataflow", "nope", "--num-pes", "32"], "unknown dataflow 'nope'"),
    (["eval", "resnet50", "--num-pes", "0"], "num_pes"),
    (["eval", "resnet50"], "num_pes' is required"),
    (["eval", "resnet50", "--num-pes", "64", "-c", "KTileSz"], "expected NAME=INTEGER"),
    (["eval", "resnet50", "--num-pes", "64", "-c", "KTileSz=8"], "'kcp_ws' has no such constant; its constants: none"),
    (["eval", "resnet50", "--num-pes", "64", "-d", "dla", "-c", "Foo=3"], "its constants: ClusterSz, KTileSz"),
    (["eval", "resnet50", "--num-pes", "64", "-d", "dla", "--map", "fast"], "--map 'fast': allowed: latency, "
     "energy, edp"),
    (["maestro", str(DATA / "maestro" / "Resnet50_model.m"), "--num-pes", "64"], "has no Dataflow block"),
    (["maestro", str(DATA / "maestro" / "nope.m"), "--num-pes", "64"], "cannot read"),
])
def test_errors_are_one_line_with_exit_code_2(args, message):
    res = runner.invoke(app, args)
    assert res.exit_code == 2, res.output
    err = res.stderr if hasattr(res, "stderr") else res.output
    lines = [l for l in err.splitlines() if l.startswith("error: ")]
    assert len(lines) == 1 and message in lines[0], err
