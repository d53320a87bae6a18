"""MAESTRO's dataflow files applied to its model files, as MAESTRO's frontend does, against MAESTRO's own outputs.

``tests/data/maestro/dataflows/*.m`` are the dataflow files of MAESTRO's frontend (``tools/frontend/dataflow``);
``tests/data/maestro_frontend.csv`` is what MAESTRO printed for the mapping files its frontend makes of
``MobileNetV2_model.m`` and ``Resnet50_model.m`` with five of them (provenance in ``tests/data/README.md``). A dataflow
file given where a dataflow name goes (``dse eval --dataflow FILE.m``, ``space.dataflows`` in YAML) must give
MAESTRO's numbers exactly wherever MAESTRO analyses the whole file, and be refused by name where MAESTRO crashes.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml
from typer.testing import CliRunner

from npu_dse.cli import app
from npu_dse.cost_models import dataflow as dataflow_mod
from npu_dse.cost_models.errors import DataflowError
from npu_dse.cost_models.formats import load_network
from npu_dse.cost_models.hardware import Hardware
from npu_dse.cost_models.maestro import COUNT_NAMES, analyze_network

DATA = Path(__file__).parent / "data"
FLOWS = DATA / "maestro" / "dataflows"
REF = pd.read_csv(DATA / "maestro_frontend.csv")
EXACT = {"runtime_cycles": "runtime_cycles", "l1_req_bytes": "l1_req_bytes", "l2_req_bytes": "l2_req_bytes",
         "macs": "num_macs_reported", **{c: c for c in COUNT_NAMES}}
CASES = [(f, int(p), int(b)) for (f, p, b), _ in REF.groupby(["mapping_file", "num_pes", "noc_bw"])]
STATUS = REF.groupby(["mapping_file", "num_pes", "noc_bw"]).status.agg(lambda s: set(s))


def _run(case):
    f, pes, bw = case
    model, flow = f.removesuffix(".m").split("__")
    logging.disable(logging.WARNING)  # the model files repeat a layer name (logged)
    try:
        net = load_network(DATA / "maestro" / f"{model}.m")
    finally:
        logging.disable(logging.NOTSET)
    return analyze_network(net, str(FLOWS / f"{flow}.m"), Hardware(num_pes=pes, noc_bw=bw, offchip_bw=70000),
                           compat=True, technology="maestro")


def _want(case):
    f, pes, bw = case
    return REF[(REF.mapping_file == f) & (REF.num_pes == pes) & (REF.noc_bw == bw)]


def test_the_reference_has_whole_files_and_files_maestro_crashes_on():
    whole = [c for c in CASES if STATUS[c] == {"ok"}]
    assert len(CASES) == 40 and len(whole) == 24
    assert {c[0].split("__")[1] for c in whole} == {"kcp_ws.m", "rs.m", "xp_ws.m"}


@pytest.mark.parametrize("case", [c for c in CASES if STATUS[c] == {"ok"}], ids=lambda c: f"{c[0]}-{c[1]}-{c[2]}")
def test_a_dataflow_file_gives_maestros_numbers_on_every_layer(case):
    got, want = _run(case), _want(case)
    assert len(got) == len(want)
    for ours, theirs in EXACT.items():
        np.testing.assert_array_equal(got[ours].to_numpy(), want[theirs].to_numpy(float), err_msg=f"{case} {ours}")


@pytest.mark.parametrize("case", [c for c in CASES if STATUS[c] != {"ok"}], ids=lambda c: f"{c[0]}-{c[1]}-{c[2]}")
def test_where_maestro_crashes_the_file_is_refused_by_name_or_its_runnable_layers_match(case):
    want = _want(case)
    try:
        got = _run(case)
    except DataflowError as exc:  # ykp_os.m: 'TemporalMap(Sz(R),7) R' on a layer whose R is not 7
        assert "ykp_os.m" in str(exc) and "TemporalMap(Sz(R),7) R" in str(exc)
        return
    ran = (want.status == "isolated").to_numpy()
    assert ran.sum() >= 16
    for ours, theirs in EXACT.items():
        np.testing.assert_array_equal(got[ours].to_numpy()[ran], want[theirs].to_numpy(float)[ran],
                                      err_msg=f"{case} {ours}")


@pytest.mark.parametrize("technology", ["maestro", "28nm"])
def test_maestros_kcp_ws_file_is_the_built_in_kcp_ws(technology):
    net = load_network(DATA / "maestro" / "Resnet50_model.m")
    hw = Hardware(num_pes=256, noc_bw=64, l2_bytes=512 * 1024)
    built_in = analyze_network(net, "kcp_ws", hw, technology=technology)
    from_file = analyze_network(net, str(FLOWS / "kcp_ws.m"), hw, technology=technology)
    pd.testing.assert_frame_equal(built_in.drop(columns="dataflow"), from_file.drop(columns="dataflow"))


def test_cli_eval_takes_a_dataflow_file(tmp_path):
    out = tmp_path / "rs.csv"
    res = CliRunner().invoke(app, ["eval", str(DATA / "maestro" / "MobileNetV2_model.m"), "--dataflow",
                                   str(FLOWS / "rs.m"), "--num-pes", "256", "--noc-bw", "64", "--offchip-bw", "70000",
                                   "--technology", "maestro", "--maestro-compat", "-o", str(out)])
    assert res.exit_code == 0, res.output
    got = pd.read_csv(out)
    want = _want(("MobileNetV2_model__rs.m", 256, 64))
    np.testing.assert_array_equal(got.runtime_cycles.to_numpy(), want.runtime_cycles.to_numpy())


@pytest.mark.parametrize("text, needle", [
    (None, "cannot read MAESTRO dataflow file"),
    ("// a Layer-wise comment\nDataflow {\n  SpatialMap(1,1) K;\n  TemporalMap(1,1) Q;\n}\n", "line 4"),
    ("Network n {\n Layer a { Type: CONV }\n}\n", "a MAESTRO mapping file"),
    ("Dataflow {\n  SpatialMap(1,1) K;\n  TemporalMap(1,1) Q;\n}\n", "line 3"),
    ("// nothing here\n", "has no SpatialMap/TemporalMap directive"),
])
def test_a_bad_dataflow_file_is_refused_in_one_line_naming_it(tmp_path, text, needle):
    path = tmp_path / "mine.m"
    if text is not None:
        path.write_text(text)
    with pytest.raises(DataflowError, match=needle):
        dataflow_mod.load(str(path))
    res = CliRunner().invoke(app, ["eval", "resnet50", "--layers", "0:2", "--dataflow", str(path), "--num-pes", "64"])
    assert res.exit_code == 2
    line = res.output.strip().splitlines()[-1]
    assert str(path) in line and needle.split()[0] in line


def _experiment(tmp_path, dataflows):
    cfg = {"name": "flows", "seed": 0, "workload": {"model": "resnet50", "layers": "0:4"}, "platform": "edge",
           "space": {"preset": "global", "dataflows": dataflows, "mapper": True}, "objectives": ["latency_cycles"],
           "search": {"budget": 40, "stages": [{"method": "ga"}], "exact": False}}
    path = tmp_path / "flows.yaml"
    path.write_text(yaml.safe_dump(cfg))
    return path


def test_a_search_over_a_dataflow_file_reports_it_and_a_missing_one_is_refused(tmp_path):
    rs = str(FLOWS / "rs.m")
    out = tmp_path / "run"
    res = CliRunner().invoke(app, ["run", str(_experiment(tmp_path, ["kcp_ws", rs])), "--out", str(out)])
    assert res.exit_code == 0, res.output
    history = pd.read_csv(out / "history.csv")
    assert rs in {json.loads(d)["dataflow"] for d in history.design}
    assert json.loads((out / "best.json").read_text())["design"]["dataflow"] in ("kcp_ws", rs)
    missing = str(tmp_path / "nothere.m")
    res = CliRunner().invoke(app, ["validate", str(_experiment(tmp_path, ["kcp_ws", missing]))])
    assert res.exit_code == 2 and missing in res.output.strip().splitlines()[-1]


@pytest.mark.parametrize("flow", ["ykp_os", "maeri", "kcp_ws", "rs", "xp_ws"])
@pytest.mark.parametrize("model", ["MobileNetV2_model", "Resnet50_model"])
def test_corrected_every_dataflow_file_runs_every_layer_with_sane_numbers(model, flow):
    """Corrected (the default), even the files MAESTRO crashes on run: finite, >= 0, utilisation <= 1, true MACs."""
    logging.disable(logging.WARNING)
    try:
        net = load_network(DATA / "maestro" / f"{model}.m")
    finally:
        logging.disable(logging.NOTSET)
    got = analyze_network(net, str(FLOWS / f"{flow}.m"), Hardware(num_pes=256, noc_bw=64, offchip_bw=70000),
                          technology="maestro")
    numeric = got.select_dtypes("number").to_numpy()
    assert np.isfinite(numeric).all() and (numeric >= 0).all()
    assert (got.utilization <= 1 + 1e-12).all()
    np.testing.assert_array_equal(got.macs.to_numpy(), [float(layer.macs) for layer in net.layers])


RANDOM_REF = pd.read_csv(DATA / "maestro_frontend_random.csv")
RANDOM_MODELS = DATA / "maestro" / "frontend_random"
RANDOM_CASES = sorted(RANDOM_REF.mapping_file.unique())


def test_the_random_frontend_reference_covers_batched_and_refused_files():
    status = RANDOM_REF.groupby(["mapping_file", "num_pes", "noc_bw"]).status.agg(lambda s: set(s) == {"ok"})
    assert len(RANDOM_CASES) == 120 and status.sum() >= 150 and (~status).sum() >= 150
    whole = {f for (f, _, _), ok in status.items() if ok}
    batched = [f for f in whole if "N:" in (RANDOM_MODELS / (f.split("__")[0] + ".m")).read_text()]
    assert len(batched) >= 20


@pytest.mark.parametrize("case", RANDOM_CASES)
def test_random_model_files_under_maestros_frontend_dataflows_give_its_numbers_or_are_refused(case, tmp_path):
    """24 random model files (two to five CONV, DSCONV, NGCONV, TRCONV and FC layers, each with or without a batch
    N) under each of MAESTRO's frontend dataflow files, against MAESTRO 4eb08d1 on the mapping its frontend writes of
    the two (``tests/data/maestro_frontend_random.csv``, provenance in ``tests/data/README.md``): ``dse eval MODEL.m
    --dataflow FLOW.m --maestro-compat`` gives MAESTRO's runtime, buffer requirements and access counts on every
    layer where MAESTRO runs the whole file, and refuses in one line (exit 2) where it does not."""
    model, flow = case.removesuffix(".m").split("__")
    runner = CliRunner()
    for (pes, bw), want in RANDOM_REF[RANDOM_REF.mapping_file == case].groupby(["num_pes", "noc_bw"]):
        out = tmp_path / f"{pes}_{bw}.csv"
        res = runner.invoke(app, ["eval", str(RANDOM_MODELS / f"{model}.m"), "--dataflow", str(FLOWS / f"{flow}.m"),
                                  "--num-pes", str(pes), "--noc-bw", str(bw), "--offchip-bw", "70000",
                                  "--technology", "maestro", "--maestro-compat", "-o", str(out)])
        if set(want.status) != {"ok"}:
            assert res.exit_code == 2 and len(res.output.strip().splitlines()) == 1, (case, pes, bw, res.output)
            continue
        assert res.exit_code == 0, (case, pes, bw, res.output)
        got = pd.read_csv(out)
        assert got.layer.tolist() == want.layer.tolist()
        for ours, theirs in EXACT.items():
            np.testing.assert_array_equal(got[ours].to_numpy(float), want[theirs].to_numpy(float),
                                          err_msg=f"{case} {pes} {bw} {ours}")
