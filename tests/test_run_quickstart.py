"""The quickstart (one edge accelerator for MobileNetV2 at 28 nm under mm2, mW and ms budgets) end to end through
the CLI on a small budget: its golden best design, the budgets in real units, the mapping per layer, the space
size, and an infeasible budget refused."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from npu_dse.cli import app
from npu_dse.config import load_experiment
from npu_dse.cost_models.evaluator import Evaluator
from npu_dse.run import RUN_FILES, build_problem

QUICKSTART = Path(__file__).resolve().parents[1] / "configs" / "quickstart.yaml"
# small budget, and the first eight layers of the network, so the test stays fast
SMALL = ["search.budget=60", "search.stages[0].budget=20", "workload.layers=0:8"]


def _args(run_dir: Path, extra: list[str] = ()) -> list[str]:
    args = ["run", str(QUICKSTART), "--out", str(run_dir), "--seed", "1"]
    for s in [*SMALL, *extra]:
        args += ["--set", s]
    return args


@pytest.fixture(scope="module")
def quickstart(tmp_path_factory) -> tuple[Path, str]:
    run_dir = tmp_path_factory.mktemp("runs") / "quickstart"
    res = CliRunner().invoke(app, _args(run_dir))
    assert res.exit_code == 0, res.output
    return run_dir, res.output


def test_every_output_file_is_present(quickstart) -> None:
    run_dir, _ = quickstart
    for name in RUN_FILES:
        assert (run_dir / name).stat().st_size > 0, name


def test_golden_best_design(quickstart) -> None:
    """Seed 1, 60 evaluations on the first 8 layers: the design this version finds (a change here is a change of
    the search or of the cost model, and must be explained)."""
    best = json.loads((quickstart[0] / "best.json").read_text())
    d = best["design"]
    assert (d["num_pes"], d["l1_bytes"], d["l2_bytes"], d["noc_bw"], d["dataflow"]) == \
        (64, 64, 16384, 8, "systolic_both")
    assert (d["technology"], d["dram"], d["word_bytes"], d["clock_mhz"]) == ("28nm", "lpddr4", 1, 800)
    assert best["metrics"]["latency_cycles"] == 5315248
    assert best["metrics"]["energy_pj"] == pytest.approx(490705167.76, rel=1e-9)


def test_budgets_hold_in_real_units(quickstart) -> None:
    m = json.loads((quickstart[0] / "best.json").read_text())["metrics"]
    assert m["area_mm2"] <= 4.0 and m["power_mw"] <= 500 and m["latency_ms"] <= 10.0
    assert m["power_mw"] * m["latency_ms"] * 1e6 == pytest.approx(m["energy_pj"], rel=1e-9)
    assert m["inferences_per_s"] == pytest.approx(1e3 / m["latency_ms"], rel=1e-12)


def test_mapping_per_layer_in_best_json_and_output(quickstart) -> None:
    run_dir, output = quickstart
    best = json.loads((run_dir / "best.json").read_text())
    mapping = best["design"]["mapping"]
    assert [m["layer"] for m in mapping] == [f"{n}" for n in (
        "conv1", "block1_dw", "block1_project", "block2_expand", "block2_dw", "block2_project", "block3_expand",
        "block3_dw")]
    assert sum(m["runtime_cycles"] for m in mapping) == best["metrics"]["latency_cycles"]
    macs = 0
    for m in mapping:
        if best["design"]["dataflow"].startswith("systolic"):
            assert m["stationary"] in ("weight", "output") and " x " in m["spatial"]
        else:  # a MAESTRO template (its depthwise variant on depthwise layers): the constants it ran with
            assert isinstance(m["constants"], dict) and "stationary" not in m
        assert 0 < m["utilization"] <= 1
        macs += m["utilization"] * m["runtime_cycles"] * best["design"]["num_pes"]
    assert macs == pytest.approx(best["metrics"]["macs"], rel=1e-5)
    assert "mapping per layer" in output
    for m in mapping:
        assert m["layer"] in output


def test_summary_reports_the_space_size(quickstart) -> None:
    summary = json.loads((quickstart[0] / "summary.json").read_text())
    # PEs 7 levels (64 fine values), L1 8 (256), L2 9 (256), NoC 8 (128), 4 dataflows
    assert summary["space_size"] == 7 * 8 * 9 * 8 * 4
    assert summary["space_size_fine"] == 64 * 256 * 256 * 128 * 4 >= 10**9
    assert "designs in space" in quickstart[1]


def test_history_has_both_stages_and_best_is_its_best_feasible_row(quickstart) -> None:
    run_dir, _ = quickstart
    hist = pd.read_parquet(run_dir / "history.parquet")
    assert list(dict.fromkeys(hist["stage"])) == ["ppo", "ga"] and (hist["stage"] == "ppo").sum() == 20
    best = json.loads((run_dir / "best.json").read_text())
    feas = hist[hist["feasible"]]
    assert best["metrics"]["energy_pj"] == pytest.approx(feas["energy_pj"].min(), rel=1e-12)


def test_the_budgets_are_the_configs(quickstart) -> None:
    cfg = load_experiment(QUICKSTART)
    limits = Evaluator(build_problem(cfg), check_budget=False).limits
    assert limits == {"area_mm2": 4.0, "power_mw": 500.0, "latency_ms": 10.0}


@pytest.mark.parametrize("override, metric", [("constraints.area_mm2=0.001", "area_mm2"),
                                              ("constraints.latency_ms=0.01", "latency_ms")])
def test_an_infeasible_budget_is_refused_in_one_line(tmp_path, override, metric) -> None:
    res = CliRunner().invoke(app, _args(tmp_path / "run", [override]))
    assert res.exit_code == 2
    lines = [ln for ln in res.output.splitlines() if ln.startswith("error:")]
    assert len(lines) == 1 and f"'{metric}'" in lines[0] and "quickstart.yaml" in lines[0]
    assert "cannot be met" in lines[0] and "needs" in lines[0]


def test_the_history_keeps_each_evaluations_mapping_per_layer(quickstart) -> None:
    run_dir, _ = quickstart
    hist = pd.read_parquet(run_dir / "history.parquet")
    best = json.loads((run_dir / "best.json").read_text())
    assert (hist["mapping"] != "").all()  # the RL stage's evaluations too
    feas = hist[hist["feasible"]]
    row = feas.loc[feas["objective"].idxmin()]
    labels = json.loads(row["mapping"])

    def label(m: dict) -> str:
        if "stationary" in m:
            return {"weight": "WS", "output": "OS"}[m["stationary"]]
        return " ".join(f"{k}={v}" for k, v in m["constants"].items()) or "-"

    assert labels == [label(m) for m in best["design"]["mapping"]]
    for labels in hist["mapping"].map(json.loads):
        assert len(labels) == 8 and set(labels) <= {"WS", "OS", "-"} | {x for x in labels if "=" in x}
