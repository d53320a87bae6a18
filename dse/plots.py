"""Plots of runs and sweeps (matplotlib, Agg backend): convergence curves and Pareto fronts.

- :func:`plot_convergence`: best feasible objective so far against evaluations, one colour per search stage.
- :func:`plot_pareto`: evaluated designs in objective space (pairs of objectives), feasible and infeasible, with
  the Pareto front highlighted.
- :func:`plot_sweep_pareto`: one panel per (network, platform) of a sweep's ``results.parquet``: every run's best
  design, latency vs energy coloured by area, with the non-dominated runs joined.
- :func:`replot`: redo a run directory's or a sweep directory's plots from the files it holds (``dse plot``).
"""

from __future__ import annotations

import itertools
import json
import logging
from pathlib import Path
from typing import Sequence

import numpy as np
import pandas as pd

from npu_dse.cost_models.errors import FormatError
from npu_dse.search.pareto import non_dominated_mask as non_dominated

log = logging.getLogger(__name__)


def _pyplot():
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return plt


def _save(fig, path: str | Path) -> Path:
    from npu_dse.results import _atomic_via

    path = Path(path)
    _atomic_via(path, lambda tmp: fig.savefig(tmp, format=path.suffix.lstrip(".") or "png", dpi=110,
                                              bbox_inches="tight"))
    _pyplot().close(fig)
    return path


def plot_convergence(history: pd.DataFrame, path: str | Path, objective: str | None = None,
                     title: str | None = None) -> Path:
    """Best feasible objective so far vs evaluation index (``best_so_far`` column), coloured by stage.

    Args:
        history: the run history (columns ``index`` or row order, ``stage``, ``best_so_far``, ``objective``).
        path: the image file to write.
        objective: the objective's name for the y label.
    """
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6.4, 4.0))
    x = history["index"].to_numpy() if "index" in history else np.arange(len(history))
    if "best_so_far" in history and len(history):
        best = history["best_so_far"].to_numpy(dtype=np.float64)
        stages = history["stage"].astype(str).to_numpy() if "stage" in history else np.array(["search"] * len(x))
        for stage in dict.fromkeys(stages):
            sel = stages == stage
            ax.plot(x[sel], best[sel], drawstyle="steps-post", label=str(stage))
        if "objective" in history and "feasible" in history:
            feas = history["feasible"].to_numpy(dtype=bool)
            ax.scatter(x[feas], history["objective"].to_numpy(dtype=np.float64)[feas], s=3, alpha=0.25,
                       color="grey", label="feasible evaluations")
        finite = best[np.isfinite(best)]
        if len(finite) and finite.min() > 0 and finite.max() / finite.min() > 50:
            ax.set_yscale("log")
        ax.legend(fontsize=8)
    else:
        ax.text(0.5, 0.5, "no evaluations", ha="center", va="center", transform=ax.transAxes)
    ax.set_xlabel("evaluations")
    ax.set_ylabel(f"best feasible {metric_label(objective) if objective else 'objective'}")
    ax.set_title(title or "convergence")
    ax.grid(alpha=0.3)
    return _save(fig, path)


def plot_pareto(history: pd.DataFrame, objectives: Sequence[str], path: str | Path,
                front: pd.DataFrame | None = None, title: str | None = None) -> Path:
    """Evaluated designs in objective space, one panel per pair of objectives, with the Pareto front.

    Args:
        history: rows with a column per objective and ``feasible``.
        objectives: at least two objective names (metric columns).
        front: the Pareto front rows (``pareto.csv``); computed from the feasible history when None.
    """
    plt = _pyplot()
    objectives = list(objectives)
    pairs = list(itertools.combinations(objectives, 2)) or [(objectives[0], objectives[0])]
    fig, axes = plt.subplots(1, len(pairs), figsize=(5.0 * len(pairs), 4.2), squeeze=False)
    feas = history["feasible"].to_numpy(dtype=bool) if "feasible" in history else np.ones(len(history), bool)
    if front is None and feas.any():
        sub = history[feas]
        cost = np.stack([_as_cost(sub[o].to_numpy(dtype=np.float64), o) for o in objectives], axis=1)
        front = sub[non_dominated(cost)]
    for ax, (a, b) in zip(axes[0], pairs):
        ax.scatter(history.loc[~feas, a], history.loc[~feas, b], s=4, alpha=0.2, color="lightgrey",
                   label="infeasible")
        ax.scatter(history.loc[feas, a], history.loc[feas, b], s=5, alpha=0.35, color="tab:blue", label="feasible")
        if front is not None and len(front):
            ax.scatter(front[a], front[b], s=18, color="tab:red", zorder=3,
                       label="Pareto front" if len(objectives) == 2 else "Pareto front (all objectives)")
            if a != b:  # the front of this pair alone, as a staircase
                pair = front[[a, b]].to_numpy(dtype=np.float64)
                cost = np.stack([_as_cost(pair[:, 0], a), _as_cost(pair[:, 1], b)], axis=1)
                f = front[non_dominated(cost)].sort_values(a)
                ax.plot(f[a], f[b], "-", color="tab:red", drawstyle="steps-post", alpha=0.8)
        for axis, name in ((ax.set_xscale, a), (ax.set_yscale, b)):
            vals = history[name].to_numpy(dtype=np.float64)
            vals = vals[np.isfinite(vals) & (vals > 0)]
            if len(vals) and vals.max() / vals.min() > 50:
                axis("log")
        ax.set_xlabel(metric_label(a))
        ax.set_ylabel(metric_label(b))
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
    fig.suptitle(title or "Pareto front")
    return _save(fig, path)


METRIC_LABELS: dict[str, str] = {
    "latency_cycles": "latency (cycles)", "latency_ms": "latency (ms)", "energy_pj": "energy per inference (pJ)",
    "edp": "energy-delay product (pJ x cycles)", "throughput": "throughput (inferences/s)",
    "inferences_per_s": "throughput (inferences/s)", "tops_per_w": "efficiency (TOPS/W)", "area_mm2": "area (mm²)",
    "power_mw": "power (mW)", "total_pes": "PEs", "buffer_bytes": "L1 per PE (bytes)",
    "sram_bytes": "on-chip SRAM (bytes)",
}
"""Axis labels with units for the metrics of :data:`npu_dse.cost_models.evaluator.OBJECTIVES` and constraints."""


def metric_label(name: str) -> str:
    """``name`` as an axis label with its unit (the name itself when unknown)."""
    return METRIC_LABELS.get(name, name)


def _as_cost(values: np.ndarray, objective: str) -> np.ndarray:
    from npu_dse.cost_models.evaluator import OBJECTIVES

    return -values if OBJECTIVES.get(objective) == "max" else values


def plot_sweep_pareto(results: pd.DataFrame, path: str | Path, x: str = "latency_cycles", y: str = "energy_pj",
                      color: str = "area_mm2") -> Path:
    """One panel per (network, platform) of a sweep table: each run's best design (x vs y, coloured by ``color``),
    with the runs that are non-dominated in (x, y, color) joined by a line, and each multi-objective run's own
    Pareto front (its ``pareto.csv``, through ``run_dir``) as a grey staircase."""
    plt = _pyplot()
    res = results[results.get("feasible", True) == True] if "feasible" in results else results  # noqa: E712
    groups = list(res.groupby(["network", "platform"], dropna=False)) if len(res) else []
    n = max(1, len(groups))
    fig, axes = plt.subplots(1, n, figsize=(5.0 * n, 4.2), squeeze=False)
    for ax, ((network, plat), g) in zip(axes[0], groups):
        cols = [c for c in (x, y, color) if c in g]
        for run_dir in g.get("run_dir", pd.Series(dtype=str)):
            front_path = Path(str(run_dir)) / "pareto.csv"
            if front_path.exists():
                front = pd.read_csv(front_path)
                if {x, y} <= set(front.columns) and len(front):
                    front = front.sort_values(x)
                    ax.plot(front[x], front[y], drawstyle="steps-post", color="grey", alpha=0.5, linewidth=0.8)
        sc = ax.scatter(g[x], g[y], c=g[color] if color in g else None, cmap="viridis", s=25)
        if color in g:
            fig.colorbar(sc, ax=ax, label=metric_label(color))
        mask = non_dominated(g[cols].to_numpy(dtype=np.float64))
        f = g[mask].sort_values(x)
        ax.plot(f[x], f[y], "-", color="tab:red", alpha=0.6)
        ax.set_xlabel(metric_label(x))
        ax.set_ylabel(metric_label(y))
        ax.set_title(f"{network} / {plat or 'no platform'}")
        ax.grid(alpha=0.3)
    if not groups:
        axes[0][0].text(0.5, 0.5, "no feasible runs", ha="center", va="center", transform=axes[0][0].transAxes)
    return _save(fig, path)


def plot_run(run_dir: str | Path) -> list[Path]:
    """(Re)make ``convergence.png`` and, for multi-objective runs, ``pareto.png`` of a run directory.

    Raises:
        FormatError: no ``history.parquet``/``history.csv`` or ``config.yaml`` in the directory.
    """
    import yaml

    run_dir = Path(run_dir)
    hist_path = run_dir / "history.parquet"
    if hist_path.exists():
        history = pd.read_parquet(hist_path)
    elif (run_dir / "history.csv").exists():
        history = pd.read_csv(run_dir / "history.csv")
    else:
        raise FormatError(f"{run_dir}: not a run directory (no history.parquet or history.csv)")
    cfg_path = run_dir / "config.yaml"
    objectives = ["latency_cycles"]
    name = run_dir.name
    if cfg_path.exists():
        cfg = yaml.safe_load(cfg_path.read_text()) or {}
        objectives = list(cfg.get("objectives") or objectives)
        name = cfg.get("name", name)
    out = [plot_convergence(history, run_dir / "convergence.png", objectives[0], title=f"{name}: convergence")]
    if len(objectives) > 1:
        front = pd.read_csv(run_dir / "pareto.csv") if (run_dir / "pareto.csv").exists() else None
        out.append(plot_pareto(history, objectives, run_dir / "pareto.png", front, title=f"{name}: Pareto front"))
    return out


def replot(path: str | Path) -> list[Path]:
    """``dse plot``: a run directory's plots, or for a sweep directory (``results.parquet``) the sweep's Pareto
    plot ``pareto_fronts.png`` and every finished run's plots.

    Raises:
        FormatError: neither a run nor a sweep directory.
    """
    path = Path(path)
    if (path / "results.parquet").exists():
        results = pd.read_parquet(path / "results.parquet")
        out = [plot_sweep_pareto(results, path / "pareto_fronts.png")]
        for run_dir, run_id in zip(results.get("run_dir", []), results.get("run_id", [])):
            rd = Path(run_dir)
            if not rd.exists():  # the sweep directory was moved: its runs are in runs/<run_id>
                rd = path / "runs" / str(run_id)
            if (rd / "history.parquet").exists() or (rd / "history.csv").exists():
                out.extend(plot_run(rd))
        return out
    if (path / "history.parquet").exists() or (path / "history.csv").exists():
        return plot_run(path)
    raise FormatError(f"{path}: neither a run directory (history.parquet) nor a sweep directory (results.parquet)")


def designs_from_history(history: pd.DataFrame) -> list[dict]:
    """The design points of a history table (its ``design`` JSON column)."""
    return [json.loads(d) for d in history["design"]]


__all__ = ["plot_convergence", "plot_pareto", "plot_sweep_pareto", "plot_run", "replot", "non_dominated",
           "designs_from_history"]
