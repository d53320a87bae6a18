"""Sweeps: grid x seeds run into results.parquet; an interrupted sweep resumed loses nothing and repeats nothing;
the process-pool and Ray backends give the same rows as the in-process run."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
import yaml

from npu_dse.config import ConfigError, load_sweep
from npu_dse.sweep import run_sweep

BASE = {
    "name": "tiny",
    "workload": {"model": "lenet5"},
    "platform": "edge",
    "space": {"preset": "confuciux"},
    "objectives": ["latency_cycles"],
    "search": {"budget": 24, "stages": [{"method": "random", "budget": 0.5}, {"method": "ga"}], "exact": False},
}


def make_sweep(tmp_path: Path, seeds=(0, 1), platforms=("edge", "cloud")) -> Path:
    (tmp_path / "base.yaml").write_text(yaml.safe_dump(BASE))
    path = tmp_path / "sweep.yaml"
    path.write_text(yaml.safe_dump({"name": "tinysweep", "base": "base.yaml", "grid": {"platform": list(platforms)},
                                    "seeds": list(seeds)}))
    return path


class Interrupt(Exception):
    pass


def test_sweep_runs_every_grid_point_once(tmp_path: Path) -> None:
    path = make_sweep(tmp_path)
    out = run_sweep(path, out_dir=tmp_path / "out")
    _, runs = load_sweep(path)
    res = pd.read_parquet(tmp_path / "out" / "results.parquet")
    assert out.total == 4 and out.ran == 4 and out.skipped == 0
    assert sorted(res["run_id"]) == sorted(r.run_id for r in runs)
    assert set(zip(res["platform"], res["seed"])) == {(p, s) for p in ("edge", "cloud") for s in (0, 1)}
    for _, row in res.iterrows():
        summary = json.loads((Path(row["run_dir"]) / "summary.json").read_text())
        assert row["latency_cycles"] == summary["best_metrics"]["latency_cycles"]
        assert row["stage_best.random"] == summary["stage_best"]["random"]
        assert min(row["stage_best.random"], row["stage_best.ga"]) == row["latency_cycles"]
        assert json.loads(row["params"]) == {"platform": row["platform"]}
        assert row["total_pes"] <= {"edge": 256, "cloud": 4096}[row["platform"]]
    assert (tmp_path / "out" / "sweep.yaml").read_text() == path.read_text()


def test_interrupted_sweep_resumes_without_loss_or_repeat(tmp_path: Path) -> None:
    path = make_sweep(tmp_path)
    out_dir = tmp_path / "out"
    seen: list[str] = []

    def stop_after_two(row: dict) -> None:
        seen.append(row["run_id"])
        if len(seen) == 2:
            raise Interrupt

    with pytest.raises(Interrupt):
        run_sweep(path, out_dir=out_dir, on_result=stop_after_two)
    first = pd.read_parquet(out_dir / "results.parquet")
    assert list(first["run_id"]) == seen  # both finished runs were saved before the interruption
    stamps = {rid: (out_dir / "runs" / rid / "summary.json").stat().st_mtime_ns for rid in seen}

    with pytest.raises(ConfigError, match="use --resume"):
        run_sweep(path, out_dir=out_dir)

    resumed: list[str] = []
    out = run_sweep(path, out_dir=out_dir, resume=True, on_result=lambda r: resumed.append(r["run_id"]))
    assert out.skipped == 2 and out.ran == 2 and not set(resumed) & set(seen)
    res = pd.read_parquet(out_dir / "results.parquet")
    assert len(res) == 4 and res["run_id"].is_unique
    assert res.iloc[:2].equals(first)  # rows written before the interruption are unchanged
    for rid in seen:  # finished runs were not run again
        assert (out_dir / "runs" / rid / "summary.json").stat().st_mtime_ns == stamps[rid]

    again = run_sweep(path, out_dir=out_dir, resume=True)
    assert again.ran == 0 and again.skipped == 4 and len(again.results) == 4


def test_run_finished_but_not_appended_is_appended_not_rerun(tmp_path: Path) -> None:
    path = make_sweep(tmp_path, seeds=(0,), platforms=("edge",))
    out_dir = tmp_path / "out"
    run_sweep(path, out_dir=out_dir)
    # as if stopped between the run's summary.json and the storing of its row
    (out_dir / "results.parquet").unlink()
    for f in (out_dir / "results").glob("*.parquet"):
        f.unlink()
    rid = next(iter((out_dir / "runs").iterdir())).name
    stamp = (out_dir / "runs" / rid / "summary.json").stat().st_mtime_ns
    out = run_sweep(path, out_dir=out_dir, resume=True)
    assert out.ran == 0 and out.skipped == 1 and list(out.results["run_id"]) == [rid]
    assert (out_dir / "runs" / rid / "summary.json").stat().st_mtime_ns == stamp


def test_a_grid_point_with_an_infeasible_budget_is_refused_before_any_run_or_file(tmp_path: Path) -> None:
    """A constraint no design meets (one PE in all, where each of LeNet-5's layers needs its own in LP): the whole
    sweep is refused before anything runs or is written, naming the sweep file and the first grid run."""
    path = make_sweep(tmp_path)
    base = yaml.safe_load((tmp_path / "base.yaml").read_text())
    (tmp_path / "base.yaml").write_text(yaml.safe_dump({**base, "constraints": {"total_pes": 1}}))
    with pytest.raises(ConfigError, match=r"sweep\.yaml: grid run platform=edge_seed=0_\w+: infeasible budget: "
                                          r"constraint 'total_pes' = 1 cannot be met"):
        run_sweep(path, out_dir=tmp_path / "out")
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_process_pool_matches_in_process_results(tmp_path: Path) -> None:
    path = make_sweep(tmp_path, seeds=(0,))
    a = run_sweep(path, out_dir=tmp_path / "a").results.sort_values("run_id", ignore_index=True)
    b = run_sweep(path, jobs=2, out_dir=tmp_path / "b").results.sort_values("run_id", ignore_index=True)
    cols = ["run_id", "seed", "platform", "latency_cycles", "energy_pj", "total_pes", "buffer_bytes"]
    assert a[cols].equals(b[cols])  # same seeds, same results, whichever worker ran them


def test_bad_backend_and_jobs(tmp_path: Path) -> None:
    path = make_sweep(tmp_path)
    with pytest.raises(ConfigError, match="allowed: local, ray"):
        run_sweep(path, backend="slurm", out_dir=tmp_path / "x")
    with pytest.raises(ConfigError, match="must be >= 1"):
        run_sweep(path, jobs=0, out_dir=tmp_path / "x")


@pytest.mark.slow
def test_ray_backend_on_a_local_instance(tmp_path: Path) -> None:
    pytest.importorskip("ray", reason="ray is not installed (the 'distributed' extra)")
    path = make_sweep(tmp_path, seeds=(0,))
    local = run_sweep(path, out_dir=tmp_path / "local").results.sort_values("run_id", ignore_index=True)
    ray_res = run_sweep(path, backend="ray", jobs=2, out_dir=tmp_path / "ray").results
    ray_res = ray_res.sort_values("run_id", ignore_index=True)
    cols = ["run_id", "seed", "platform", "latency_cycles", "energy_pj", "total_pes"]
    assert ray_res[cols].equals(local[cols])


def test_sweep_cli_set_applies_to_every_run_and_files_honour_the_umask(tmp_path: Path) -> None:
    import os
    import stat

    from typer.testing import CliRunner

    from npu_dse.cli import app

    path = make_sweep(tmp_path, seeds=(0,), platforms=("edge",))
    old = os.umask(0o022)
    try:
        res = CliRunner().invoke(app, ["sweep", str(path), "--out", str(tmp_path / "out"),
                                       "--set", "search.budget=12", "--set", "workload.layers=0:2"])
    finally:
        os.umask(old)
    assert res.exit_code == 0, res.output
    row = pd.read_parquet(tmp_path / "out" / "results.parquet").iloc[0]
    assert row["evaluations"] <= 12
    run_dir = Path(row["run_dir"])
    assert len(json.loads((run_dir / "best.json").read_text())["per_layer"]) == 2
    for f in [tmp_path / "out" / "results.parquet", *run_dir.iterdir()]:
        if f.is_file():
            assert stat.S_IMODE(f.stat().st_mode) == 0o644, f
    _, runs = load_sweep(path, ["search.budget=7"])
    assert all(r.config.search.budget == 7 for r in runs)


def test_each_finished_run_writes_only_its_own_row_file(tmp_path: Path) -> None:
    path = make_sweep(tmp_path)
    out_dir = tmp_path / "out"
    during: list[tuple[bool, int]] = []

    def look(row: dict) -> None:
        rows = sorted(p.name for p in (out_dir / "results").glob("*.parquet"))
        during.append(((out_dir / "results.parquet").exists(), len(rows)))
        assert f"{row['run_id']}.parquet" in rows

    out = run_sweep(path, out_dir=out_dir, on_result=look)
    assert during == [(False, 1), (False, 2), (False, 3), (False, 4)]  # one new file per run, no table rewrite
    from npu_dse.results import read_results

    assert sorted(read_results(out_dir)["run_id"]) == sorted(out.results["run_id"])
    assert len(pd.read_parquet(out_dir / "results.parquet")) == 4  # the whole table, once, at the end
