"""Plots: the sweep Pareto plot shows each multi-objective run's own front, axes carry units."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from npu_dse import plots


def test_sweep_pareto_plot_draws_each_runs_own_front(tmp_path: Path, monkeypatch) -> None:
    runs = []
    for i in range(2):
        run_dir = tmp_path / f"run{i}"
        run_dir.mkdir()
        pd.DataFrame({"latency_cycles": [1.0 + i, 2.0 + i, 3.0 + i], "energy_pj": [3.0, 2.0, 1.0]}).to_csv(
            run_dir / "pareto.csv", index=False)
        runs.append({"network": "n", "platform": "edge", "feasible": True, "latency_cycles": 1.0 + i,
                     "energy_pj": 1.0, "area_mm2": 1.0, "run_dir": str(run_dir)})
    captured = {}

    def keep(fig, path):
        captured["fig"] = fig
        return Path(path)

    monkeypatch.setattr(plots, "_save", keep)
    plots.plot_sweep_pareto(pd.DataFrame(runs), tmp_path / "p.png")
    ax = captured["fig"].axes[0]
    fronts = [line for line in ax.get_lines() if line.get_drawstyle() == "steps-post"]
    assert len(fronts) == 2 and sorted(tuple(f.get_xdata()) for f in fronts) == [(1.0, 2.0, 3.0), (2.0, 3.0, 4.0)]
    assert ax.get_xlabel() == "latency (cycles)" and ax.get_ylabel() == "energy per inference (pJ)"
