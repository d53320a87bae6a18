"""ConfuciuX's MobileNetV2 edge problem (per-layer, LP; the seed's reproduction) end to end through the CLI on a
small budget: every output file present and consistent."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
import yaml
from typer.testing import CliRunner

from npu_dse.cost_models.evaluator import EXTRA_METRIC_OBJECTIVES, OBJECTIVES
from npu_dse.cli import app
from npu_dse.config import load_experiment
from npu_dse.run import RUN_FILES

CONFIG = Path(__file__).resolve().parents[1] / "configs" / "confuciux_mobilenet_v2_edge.yaml"
# small budget, and the first eight layers of the network, so the test stays fast
SMALL = ["search.budget=60", "search.stages[0].budget=10", "search.stages[1].budget=20", "workload.layers=0:8",
         "search.exact=true"]


@pytest.fixture(scope="module")
def confuciux_run(tmp_path_factory) -> Path:
    run_dir = tmp_path_factory.mktemp("runs") / "confuciux"
    args = ["run", str(CONFIG), "--out", str(run_dir), "--seed", "1"]
    for s in SMALL:
        args += ["--set", s]
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 0, res.output
    assert "latency_cycles" in res.output and "evaluations" in res.output  # the final summary table
    return run_dir


def test_every_output_file_is_present(confuciux_run: Path) -> None:
    for name in RUN_FILES:
        assert (confuciux_run / name).stat().st_size > 0, name
    assert not list(confuciux_run.glob(".*.tmp"))  # atomic writes leave no temporary file


def test_config_yaml_is_fully_resolved(confuciux_run: Path) -> None:
    resolved = yaml.safe_load((confuciux_run / "config.yaml").read_text())
    assert resolved["seed"] == 1 and resolved["search"]["budget"] == 60
    assert resolved["workload"] == {"model": "confuciux/mobilenet_v2", "layers": "0:8"}
    assert resolved["output"] == {"root": "experiments/runs"} and resolved["search"]["exact"] is True
    again = load_experiment(confuciux_run / "config.yaml")  # a resolved config is itself a valid experiment
    assert again.model_dump() == load_experiment(CONFIG, {**{k: yaml.safe_load(v) for k, v in
                                                                 (s.split("=", 1) for s in SMALL)},
                                                              "seed": 1}).model_dump()


def test_history_tables_agree(confuciux_run: Path) -> None:
    pq = pd.read_parquet(confuciux_run / "history.parquet")
    csv = pd.read_csv(confuciux_run / "history.csv")
    assert len(pq) == len(csv) == 60
    assert list(pq.columns) == list(csv.columns)
    for col in ("latency_cycles", "energy_pj", "area_mm2", "power_mw", "objective"):
        assert pq[col].to_numpy() == pytest.approx(csv[col].to_numpy(), nan_ok=True)
    assert set(pq["stage"]) == {"uniform", "reinforce", "ga"}
    assert (pq["stage"] == "reinforce").sum() == 20
    best = pq["best_so_far"].to_numpy()
    finite = best[pd.notna(best) & (best < float("inf"))]
    assert (finite[1:] <= finite[:-1]).all()  # best so far never gets worse


def test_best_json_equals_best_feasible_history_row(confuciux_run: Path) -> None:
    best = json.loads((confuciux_run / "best.json").read_text())
    hist = pd.read_parquet(confuciux_run / "history.parquet")
    feas = hist[hist["feasible"]]
    row = feas.loc[feas["objective"].idxmin()]
    for metric in (m for m in OBJECTIVES if m not in EXTRA_METRIC_OBJECTIVES):  # hetero_latency_ms: not asked for
        assert best["metrics"][metric] == pytest.approx(row[metric], rel=1e-12)
    assert best["point"] == json.loads(row["design"])
    assert best["schema"] == "npu-dse/design" and best["network"] == "confuciux/mobilenet_v2" and best["mode"] == "LP"
    assert len(best["per_layer"]) == 8
    assert best["design"]["num_pes"] == sum(e["num_pes"] for e in best["per_layer"]) <= 256  # edge budget
    assert best["metrics"]["buffer_bytes"] <= 4096


def test_summary_json_keys_and_values(confuciux_run: Path) -> None:
    summary = json.loads((confuciux_run / "summary.json").read_text())
    best = json.loads((confuciux_run / "best.json").read_text())
    for key in ("best_design", "best_metrics", "feasible", "evaluations", "wall_s", "versions"):
        assert key in summary
    for metric in ("latency_cycles", "energy_pj", "area_mm2", "power_mw"):
        assert summary["best_metrics"][metric] == best["metrics"][metric]
    assert summary["best_design"] == best["design"]
    assert summary["feasible"] is True and summary["evaluations"] == 60 and summary["wall_s"] > 0
    assert summary["versions"]["npu-dse"] and summary["versions"]["python"]
    assert list(summary["stage_best"]) == ["uniform", "reinforce", "ga"]
    found = [v for v in summary["stage_best"].values() if v is not None]
    assert min(found) == best["metrics"]["latency_cycles"]  # the best design came from one of the stages
    if summary["exact_optimum"] is not None:  # the exact optimum bounds the search from below
        assert summary["exact_optimum"] <= best["metrics"]["latency_cycles"] * (1 + 1e-9)
        assert summary["gap_to_exact"] == pytest.approx(
            best["metrics"]["latency_cycles"] / summary["exact_optimum"] - 1)


def test_stage_best_tells_repeated_stages_apart() -> None:
    from npu_dse.results import stage_best

    hist = pd.DataFrame({"stage": ["ga", "ga", "ppo", "ga", "ga"], "feasible": [True, False, False, True, True],
                         "objective": [5.0, 1.0, 2.0, 7.0, 6.0]})
    assert stage_best(hist) == {"ga": 5.0, "ppo": None, "ga#2": 6.0}
