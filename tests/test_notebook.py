"""experiments/pareto_fronts.ipynb runs headless (nbclient) on a small sweep and plots its fronts."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml

from npu_dse.sweep import run_sweep

NOTEBOOK = Path(__file__).resolve().parents[1] / "experiments" / "pareto_fronts.ipynb"


@pytest.mark.slow
def test_pareto_notebook_executes_on_a_small_sweep(tmp_path: Path, monkeypatch) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    base = {"name": "nb", "workload": {"model": "lenet5"}, "platform": "edge", "space": {"preset": "confuciux"},
            "objectives": ["latency_cycles", "energy_pj"],
            "search": {"budget": 16, "stages": [{"method": "random"}], "exact": False}}
    (tmp_path / "base.yaml").write_text(yaml.safe_dump(base))
    (tmp_path / "sweep.yaml").write_text(yaml.safe_dump({
        "name": "nbsweep", "base": "base.yaml", "grid": {"platform": ["edge", "cloud"]}, "seeds": [0, 1]}))
    sweep_dir = tmp_path / "sweep"
    run_sweep(tmp_path / "sweep.yaml", out_dir=sweep_dir)

    nb = nbformat.read(NOTEBOOK, as_version=4)
    monkeypatch.setenv("NPU_DSE_SWEEP_DIR", str(sweep_dir))
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    client = nbclient.NotebookClient(nb, timeout=120, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()

    assert (sweep_dir / "pareto_fronts_notebook.png").read_bytes()[:4] == b"\x89PNG"
    outputs = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))
    assert "4 runs, 4 with a feasible design" in outputs
    stage_table = nb.cells[-1]["outputs"][0]["data"]["text/plain"]
    assert "random" in stage_table and "lenet5" in stage_table  # the per-stage table of the sweep's runs
    summary = pd.read_csv(sweep_dir / "pareto_summary.csv")
    results = pd.read_parquet(sweep_dir / "results.parquet")
    assert sorted(summary["platform"]) == ["cloud", "edge"]
    for _, row in summary.iterrows():
        runs = results[(results["network"] == row["network"]) & (results["platform"] == row["platform"])]
        assert row["runs"] == 2 and 1 <= row["front_size"] <= 2
        assert row["best_latency_cycles"] == pytest.approx(runs["latency_cycles"].min())
        assert row["best_area_mm2"] == pytest.approx(runs["area_mm2"].min())


@pytest.mark.slow
def test_pareto_notebook_runs_as_shipped_from_a_fresh_clone(tmp_path: Path, monkeypatch) -> None:
    """No sweep directory and no NPU_DSE_SWEEP_DIR: the notebook runs its own small sweep and plots it."""
    import shutil

    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    root = NOTEBOOK.parents[1]
    (tmp_path / "experiments").mkdir()
    shutil.copytree(root / "configs", tmp_path / "configs")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    monkeypatch.delenv("NPU_DSE_SWEEP_DIR", raising=False)
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(tmp_path / "experiments")}})
    client.execute()
    sweep_dir = tmp_path / "experiments" / "runs" / "confuciux_table_small"
    assert len(pd.read_parquet(sweep_dir / "results.parquet")) == 12  # 2 networks x 2 platforms x 3 seeds
    assert (sweep_dir / "pareto_fronts_notebook.png").read_bytes()[:4] == b"\x89PNG"
