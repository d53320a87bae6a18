"""The ``hetero_latency_ms`` objective (issue 17): a search sizes the NPU knowing that the network's parallel
branches also run on a CPU beside it; the metric equals ``dse hetero`` on the design the search returns."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest
from typer.testing import CliRunner

from npu_dse.cli import app
from npu_dse.config import load_experiment
from npu_dse.cost_models import zoo
from npu_dse.cost_models.errors import SpaceError
from npu_dse.cost_models.evaluator import Evaluator, Problem
from npu_dse.hetero.objective import HeteroLatency
from npu_dse.hetero.units import A53
from npu_dse.run import build_problem

CONFIG = """
name: het
seed: 0
workload: {model: squeezenet1_0}
platform: edge
space: {preset: global, dataflows: [kcp_ws]}
objectives: [hetero_latency_ms]
hetero: {cpu: a53, sync_us: 50}
search: {budget: 24, stages: [{method: random}]}
"""


def _write(tmp_path: Path, text: str = CONFIG) -> Path:
    path = tmp_path / "het.yaml"
    path.write_text(text)
    return path


@pytest.mark.parametrize("model, dataflows", [("squeezenet1_0", "[kcp_ws]"),
                                              ("mobilenet_v2", "[systolic_ws, kcp_ws]")])  # depthwise layers too
def test_the_searched_design_has_the_latency_dse_hetero_gives_it(tmp_path, model, dataflows):
    out = tmp_path / "run"
    text = CONFIG.replace("squeezenet1_0", model).replace("[kcp_ws]", dataflows)
    res = CliRunner().invoke(app, ["run", str(_write(tmp_path, text)), "--out", str(out), "-q"])
    assert res.exit_code == 0, res.output
    best = json.loads((out / "best.json").read_text())
    metric = best["metrics"]["hetero_latency_ms"]
    res = CliRunner().invoke(app, ["hetero", model, "--npu", str(out), "--cpu", "a53", "--sync-us", "50",
                                   "--json", str(tmp_path / "h.json")])
    assert res.exit_code == 0, res.output
    h = json.loads((tmp_path / "h.json").read_text())
    assert metric == pytest.approx(h["branch_parallel_ms"], rel=1e-9)
    assert metric <= h["sequential_ms"]
    # the search minimised it: no evaluated feasible design has a lower one
    import pandas as pd

    hist = pd.read_parquet(out / "history.parquet")
    assert metric == pytest.approx(hist.loc[hist["feasible"], "hetero_latency_ms"].min(), rel=1e-12)


def test_a_slower_handover_never_lowers_the_latency():
    net = zoo.load("squeezenet1_0")
    cfg = load_experiment(_write_tmp(CONFIG))
    problem = build_problem(cfg)
    point = {"num_pes": 256, "l1_bytes": 512, "l2_bytes": 1 << 20, "noc_bw": 64, "dataflow": "kcp_ws"}
    ev = Evaluator(problem, check_budget=False).evaluate(point)
    fast = HeteroLatency(net, A53, sync_us=0.0)
    slow = HeteroLatency(net, A53, sync_us=500.0)
    cols = {k: v for k, v in ev.layers.items()}
    assert fast(cols, 800.0)["hetero_latency_ms"] <= slow(cols, 800.0)["hetero_latency_ms"]
    assert ev.metrics["hetero_latency_ms"] == pytest.approx(
        HeteroLatency(net, A53, sync_us=50.0)(cols, 800.0)["hetero_latency_ms"], rel=1e-12)
    again = pickle.loads(pickle.dumps(problem.extra_metrics))  # sweep workers carry it
    assert again(cols, 800.0) == problem.extra_metrics(cols, 800.0)


def _write_tmp(text: str) -> Path:
    import tempfile

    path = Path(tempfile.mkdtemp()) / "het.yaml"
    path.write_text(text)
    return path


@pytest.mark.parametrize("change, message", [
    (("hetero: {cpu: a53, sync_us: 50}\n", ""), "objective 'hetero_latency_ms' needs a 'hetero' block"),
    (("cpu: a53", "cpu: z80"), "unknown CPU 'z80'; allowed: a53, host, or a profile .csv"),
    (("sync_us: 50", "sync_us: -1"), "hetero.sync_us"),
    (("space: {preset: global, dataflows: [kcp_ws]}", "space: {preset: confuciux}"),
     "a layer-pipelined (LP) space is many"),
])
def test_bad_hetero_config_is_one_line_exit_2(tmp_path, change, message):
    res = CliRunner().invoke(app, ["run", str(_write(tmp_path, CONFIG.replace(*change))), "--out",
                                   str(tmp_path / "r"), "-q"])
    assert res.exit_code == 2, res.output
    lines = [ln for ln in res.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and message in lines[0] and "het.yaml" in lines[0]


def test_the_objective_needs_its_metric_function():
    with pytest.raises(SpaceError, match="objective 'hetero_latency_ms' needs a CPU"):
        Problem.build("squeezenet1_0", space="global", objective="hetero_latency_ms")
