"""CLI commands run, sweep, validate, plot and export through typer's CliRunner: outputs and one-line errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
import yaml
from typer.testing import CliRunner

from npu_dse.cli import app

BASE = {
    "name": "cli",
    "seed": 0,
    "workload": {"model": "lenet5"},
    "platform": "edge",
    "space": {"preset": "confuciux"},
    "objectives": ["latency_cycles", "energy_pj"],
    "search": {"budget": 30, "stages": [{"method": "random", "budget": 0.5}, {"method": "ga"}], "exact": False},
}
runner = CliRunner()


def one_error_line(output: str) -> str:
    lines = [l for l in output.splitlines() if l.strip()]
    assert len(lines) == 1, output
    assert lines[0].startswith("error: ")
    return lines[0]


@pytest.fixture(scope="module")
def pareto_run(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("cli")
    (tmp / "exp.yaml").write_text(yaml.safe_dump(BASE))
    res = runner.invoke(app, ["run", str(tmp / "exp.yaml"), "--out", str(tmp / "run"), "--quiet"])
    assert res.exit_code == 0, res.output
    return tmp / "run"


def test_multi_objective_run_writes_pareto_files(pareto_run: Path) -> None:
    for name in ("pareto.csv", "pareto.png", "convergence.png", "best.json", "summary.json"):
        assert (pareto_run / name).stat().st_size > 0
    front = pd.read_csv(pareto_run / "pareto.csv")
    hist = pd.read_parquet(pareto_run / "history.parquet")
    feas = hist[hist["feasible"]]
    assert len(front) >= 1 and list(front.columns[:2]) == ["latency_cycles", "energy_pj"]
    lat, en = front["latency_cycles"].to_numpy(), front["energy_pj"].to_numpy()
    for _, row in feas.iterrows():  # no feasible evaluation dominates a front member
        dominated = (row["latency_cycles"] <= lat) & (row["energy_pj"] <= en) & (
            (row["latency_cycles"] < lat) | (row["energy_pj"] < en))
        assert not dominated.any()
    for _, f in front.iterrows():  # every front member was evaluated
        assert ((feas["latency_cycles"] == f["latency_cycles"]) & (feas["energy_pj"] == f["energy_pj"])).any()
    summary = json.loads((pareto_run / "summary.json").read_text())
    assert summary["pareto_size"] == len(front) and summary["objectives"] == ["latency_cycles", "energy_pj"]


def test_plot_remakes_the_plots(pareto_run: Path) -> None:
    for name in ("convergence.png", "pareto.png"):
        (pareto_run / name).unlink()
    res = runner.invoke(app, ["plot", str(pareto_run)])
    assert res.exit_code == 0, res.output
    for name in ("convergence.png", "pareto.png"):
        assert (pareto_run / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("fmt", ["json", "yaml", "verilog", "gemmini", "maestro"])
def test_export_every_format_from_run_dir(pareto_run: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"design.{fmt}"
    res = runner.invoke(app, ["export", str(pareto_run), "--format", fmt, "-o", str(out)])
    best = json.loads((pareto_run / "best.json").read_text())
    if fmt == "gemmini" and best["mode"] == "LP":  # many sub-accelerators are not one Gemmini mesh: refused
        assert res.exit_code == 2 and "not one Gemmini mesh" in res.output and not out.exists()
        return
    assert res.exit_code == 0, res.output
    if fmt == "maestro":
        from npu_dse.cost_models.formats.maestro_m import read_hardware, read_mapping

        if best["mode"] == "LP":  # one mapping and hardware file per layer, in a directory
            folder = tmp_path / "design"
            for i, e in enumerate(best["per_layer"]):
                assert read_hardware(folder / f"{i}_{e['layer']}_hw.m")["num_pes"] == e["num_pes"]
                assert [la.name for la in read_mapping(folder / f"{i}_{e['layer']}.m").network.layers] == [e["layer"]]
        else:
            assert read_hardware(tmp_path / "design_hw.m")["num_pes"] == best["design"]["num_pes"]
        return
    text = out.read_text()
    if fmt == "json":
        assert json.loads(text) == best
    elif fmt == "yaml":
        assert yaml.safe_load(text) == best
    elif fmt == "verilog":
        assert f"localparam int NUM_PES = {best['design']['num_pes']};" in text
    else:
        assert "GemminiConfigs.defaultConfig.copy(" in text


def test_export_to_stdout_from_best_json(pareto_run: Path) -> None:
    res = runner.invoke(app, ["export", str(pareto_run / "best.json"), "--format", "verilog"])
    assert res.exit_code == 0 and re.search(r"^package npu_dse_lenet5_pkg;", res.output, re.M)
    res = runner.invoke(app, ["export", str(pareto_run / "best.json"), "--format", "maestro"])
    assert res.exit_code == 0 and "_hw.m file ----" in res.output and "Network lenet5" in res.output


def test_export_errors_are_one_line(pareto_run: Path, tmp_path: Path) -> None:
    res = runner.invoke(app, ["export", str(pareto_run), "--format", "vhdl"])
    assert res.exit_code == 2 and "allowed: json, yaml, verilog, gemmini, nvdla, vta, maestro, scalesim" in one_error_line(res.output)
    res = runner.invoke(app, ["export", str(tmp_path / "missing"), "--format", "json"])
    assert res.exit_code == 2 and "no such file" in one_error_line(res.output)


@pytest.mark.parametrize("change,needle", [
    ({"search": {"budget": 10, "stages": [{"method": "random"}, {"method": "dream"}]}},
     "search.stages[1].method: unknown method 'dream'; allowed: ppo"),
    ({"workload": {"model": "nonet"}}, "workload.model: unknown model 'nonet'; allowed: lenet5"),
    ({"objectives": ["latency"]}, "objectives: unknown objective 'latency'; allowed: latency_cycles"),
    ({"constraints": {"total_pes": 1}}, "infeasible budget"),
    ({"search": {"budget": 10, "stages": [{"method": "ga", "options": {"popsize": 4}}]}},
     "bad.yaml: search.stages[0]: stage 'ga': unknown option 'popsize'; allowed: cxpb, freeing, max_step"),
    ({"search": {"budget": 10, "stages": [{"method": "ppo", "options": {"n_steps": -1}}]}},
     "bad.yaml: search.stages[0]: stage 'ppo': PPO rejects n_steps=-1"),
    ({"search": {"budget": 10, "stages": [{"method": "ga", "options": {"more_moves": 1}}]}},
     "bad.yaml: search.stages[0]: stage 'ga': option 'more_moves' = 1: Input should be less than 1"),
    *(({"space": {"mode": "LP", "dataflow": "dla", "parameters": [
        {"name": "num_pes", "values": [1, 4], "scope": "per_layer"}, {"name": "l1_bytes", "values": [64, 512]}]},
        "search": {"budget": 10, "stages": [{"method": "ga", "budget": 0.5}, {"method": method}]}},
       "bad.yaml: search.stages[1]: a space with per-layer parameters is searched layer by layer "
       "(LayerwiseAssignment), which leaves global parameters at one value; space.parameters ['l1_bytes'] have "
       "several") for method in ("ppo", "reinforce")),
])
def test_run_errors_are_one_line_exit_2(tmp_path: Path, change, needle) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump({**BASE, **change}))
    res = runner.invoke(app, ["run", str(path), "--out", str(tmp_path / "r"), "--quiet"])
    assert res.exit_code == 2
    assert needle in one_error_line(res.output)


def test_run_set_error_names_the_override(tmp_path: Path) -> None:
    path = tmp_path / "exp.yaml"
    path.write_text(yaml.safe_dump(BASE))
    res = runner.invoke(app, ["run", str(path), "--set", "search.stages[0].method=nope", "--quiet"])
    assert res.exit_code == 2 and "search.stages[0].method" in one_error_line(res.output)
    res = runner.invoke(app, ["run", str(path), "--set", "search.budget", "--quiet"])
    assert res.exit_code == 2 and "key=value" in one_error_line(res.output)


def test_sweep_and_resume_through_cli(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text(yaml.safe_dump({**BASE, "objectives": ["latency_cycles"],
                                                        "search": {**BASE["search"], "budget": 16}}))
    (tmp_path / "sweep.yaml").write_text(yaml.safe_dump({"name": "s", "base": "base.yaml", "seeds": [0, 1]}))
    out = tmp_path / "sw"
    res = runner.invoke(app, ["sweep", str(tmp_path / "sweep.yaml"), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert "2 run(s) done, 0 skipped" in res.output
    res = runner.invoke(app, ["sweep", str(tmp_path / "sweep.yaml"), "--out", str(out)])
    assert res.exit_code == 2 and "--resume" in one_error_line(res.output)
    res = runner.invoke(app, ["sweep", str(tmp_path / "sweep.yaml"), "--out", str(out), "--resume"])
    assert res.exit_code == 0 and "0 run(s) done, 2 skipped" in res.output
    res = runner.invoke(app, ["plot", str(out)])
    assert res.exit_code == 0 and (out / "pareto_fronts.png").exists()
    res = runner.invoke(app, ["sweep", str(tmp_path / "sweep.yaml"), "--backend", "mpi"])
    assert res.exit_code == 2 and "allowed: local, ray" in one_error_line(res.output)


def test_plot_of_unknown_directory_fails(tmp_path: Path) -> None:
    res = runner.invoke(app, ["plot", str(tmp_path)])
    assert res.exit_code == 2 and "neither a run directory" in one_error_line(res.output)


def test_run_without_feasible_design_writes_no_best_json(tmp_path: Path) -> None:
    # LeNet-5 (5 layers, LP) with at most 5 PEs in all: only the all-ones PE assignment is feasible, which a
    # 6-sample random search is all but certain to miss (probability about 6 / 12**5)
    cfg = {**BASE, "objectives": ["latency_cycles"], "constraints": {"total_pes": 5},
           "search": {"budget": 6, "stages": [{"method": "random"}], "exact": False}}
    (tmp_path / "exp.yaml").write_text(yaml.safe_dump(cfg))
    res = runner.invoke(app, ["run", str(tmp_path / "exp.yaml"), "--out", str(tmp_path / "run"), "--quiet"])
    assert res.exit_code == 0, res.output
    assert "no feasible design found" in res.output
    summary = json.loads((tmp_path / "run" / "summary.json").read_text())
    assert summary["feasible"] is False and summary["best_design"] is None and summary["best_metrics"] is None
    assert summary["evaluations"] == 6
    assert not (tmp_path / "run" / "best.json").exists()
    hist = pd.read_parquet(tmp_path / "run" / "history.parquet")
    assert len(hist) == 6 and not hist["feasible"].any()
    res = runner.invoke(app, ["export", str(tmp_path / "run"), "--format", "json"])
    assert res.exit_code == 2 and "no best.json" in one_error_line(res.output)


def test_a_space_with_arrays_too_small_for_a_dataflow_runs_and_avoids_them(tmp_path: Path) -> None:
    """kcp_ws clusters 64 PEs: the 16- and 32-PE designs are infeasible (violation ``mapping``), not the space."""
    cfg = {**BASE, "workload": {"model": "mobilenet_v2", "layers": "0:4"}, "objectives": ["energy_pj"],
           "space": {"preset": "global", "dataflows": ["kcp_ws", "rs"],
                     "parameters": [{"name": "num_pes", "values": [16, 32, 64, 128]}]},
           "constraints": {"area_mm2": 4.0}, "search": {"budget": 60, "stages": [{"method": "ga"}], "exact": False}}
    (tmp_path / "exp.yaml").write_text(yaml.safe_dump(cfg))
    res = runner.invoke(app, ["run", str(tmp_path / "exp.yaml"), "--out", str(tmp_path / "run"), "--quiet"])
    assert res.exit_code == 0, res.output
    hist = pd.read_parquet(tmp_path / "run" / "history.parquet")
    designs = hist.design.map(json.loads)
    small = designs.map(lambda d: d["dataflow"] == "kcp_ws" and d["num_pes"] < 64)
    assert small.any() and not hist.feasible[small].any()
    assert hist.violations[small].str.contains("mapping").all()
    assert not hist.violations[~small].fillna("").str.contains("mapping").any()
    best = json.loads((tmp_path / "run" / "best.json").read_text())["design"]
    assert best["dataflow"] == "rs" or best["num_pes"] >= 64
    cfg["space"]["dataflows"] = ["kcp_ws"]
    cfg["space"]["parameters"] = [{"name": "num_pes", "values": [16, 32]}]
    (tmp_path / "exp.yaml").write_text(yaml.safe_dump(cfg))
    res = runner.invoke(app, ["run", str(tmp_path / "exp.yaml"), "--out", str(tmp_path / "run2"), "--quiet"])
    assert res.exit_code == 2
    line = one_error_line(res.output)
    assert "exp.yaml" in line and "'kcp_ws' needs 64 PEs" in line and "at most 32" in line


def test_plot_of_a_moved_sweep_directory(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text(yaml.safe_dump({**BASE, "search": {**BASE["search"], "budget": 12}}))
    (tmp_path / "sweep.yaml").write_text(yaml.safe_dump({"name": "s", "base": "base.yaml", "seeds": [0]}))
    assert runner.invoke(app, ["sweep", str(tmp_path / "sweep.yaml"), "--out", str(tmp_path / "a")]).exit_code == 0
    (tmp_path / "a").rename(tmp_path / "b")
    res = runner.invoke(app, ["plot", str(tmp_path / "b")])
    assert res.exit_code == 0, res.output
    run_dir = next((tmp_path / "b" / "runs").iterdir())
    assert str(run_dir / "pareto.png") in res.output and (tmp_path / "b" / "pareto_fronts.png").exists()


@pytest.mark.parametrize("args, message", [
    (["run", "--bogus"], "error: No such option: --bogus"),
    (["frobnicate"], "error: No such command 'frobnicate'."),
    (["run"], "error: Missing argument 'config'."),
    (["eval", "resnet50", "--num-pes", "abc"], "error: Invalid value for '--num-pes'"),
])
def test_usage_errors_are_one_line_and_exit_2(args, message) -> None:
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 2
    lines = [ln for ln in res.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith(message) and lines[0].endswith("--help)"), res.output


def test_the_cli_logs_to_the_stderr_of_each_in_process_run(tmp_path: Path, monkeypatch) -> None:
    """Run twice in one process (as a notebook or test runner does, each run with its own stderr): both runs' warnings
    reach their own stderr, where the second used to hit the first run's closed stream ("--- Logging error ---"
    and a traceback). Outside pytest the root logger has no handler, as here."""
    import logging

    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", [])
    monkeypatch.setattr(root, "level", root.level)
    path = tmp_path / "u.yaml"  # uniform search over more designs than its budget: it says so as a warning
    path.write_text(yaml.safe_dump({**BASE, "space": {"preset": "global"}, "objectives": ["latency_cycles"],
                                    "search": {"budget": 4, "stages": [{"method": "uniform"}], "exact": False}}))
    for k in range(2):
        res = runner.invoke(app, ["run", str(path), "--out", str(tmp_path / f"r{k}"), "-q"])
        assert res.exit_code == 0, res.output
        assert "WARNING npu_dse.search.baselines: uniform_split" in res.output
        assert "Logging error" not in res.output and "Traceback" not in res.output
