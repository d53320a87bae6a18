"""Run outputs, written atomically: history tables, ``best.json``, ``summary.json``, ``pareto.csv``, sweep tables.

Every file is written to a temporary file in the same directory and then renamed over the target
(:func:`os.replace`, atomic on POSIX), so an interrupted run never leaves a half-written file (DESIGN.md §6).

A run directory holds::

    config.yaml        the fully resolved experiment config
    history.parquet    one row per evaluation (npu_dse.search.pipeline.SearchResult.history)
    history.csv        the same, as CSV
    best.json          the chosen design (npu_dse.design, schema npu-dse/design v1); absent when nothing was feasible
    summary.json       best_design, best_metrics, feasible, evaluations, wall_s, exact_optimum, gap_to_exact, ...
    pareto.csv         the Pareto front (multi-objective runs)
"""

from __future__ import annotations

import json
import os
import platform as platform_mod
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Any, Iterable, Mapping

import pandas as pd

from npu_dse.design import plain

SUMMARY_METRICS: tuple[str, ...] = ("latency_cycles", "latency_ms", "inferences_per_s", "energy_pj", "tops_per_w",
                                     "area_mm2", "power_mw")
"""Metrics ``summary.json``'s ``best_metrics`` always holds (plus every other metric of the evaluation, and
``energy_pj_by_component``: ``mac``, ``l1``, ``l2``, ``noc``, ``dram``, ``leakage``)."""


def _with_breakdown(metrics: dict) -> dict:
    from npu_dse.cost_models.evaluator import ENERGY_COMPONENTS, energy_by_component

    out = dict(metrics)
    if all(c in metrics for c in ENERGY_COMPONENTS):
        out["energy_pj_by_component"] = energy_by_component(metrics)
    return out
VERSIONED_PACKAGES: tuple[str, ...] = ("npu-dse", "numpy", "pandas", "torch", "gymnasium", "stable-baselines3",
                                      "sb3-contrib", "deap", "pydantic")


# ---------------------------------------------------------------------------------------------------- atomic
def atomic_write_bytes(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` via a temporary file in the same directory and a rename."""

    def write(tmp: str) -> None:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())

    return _atomic_via(Path(path), write)


def atomic_write_text(path: str | Path, text: str) -> Path:
    """Atomically write UTF-8 text (see :func:`atomic_write_bytes`)."""
    return atomic_write_bytes(path, text.encode("utf-8"))


def write_json(path: str | Path, obj: Any) -> Path:
    """Atomically write ``obj`` as indented JSON (numpy values converted)."""
    return atomic_write_text(path, json.dumps(plain(obj), indent=2, allow_nan=True) + "\n")


def _umask() -> int:
    """The process umask (read by setting it and putting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _atomic_via(path: Path, writer) -> Path:
    from npu_dse.cost_models.errors import OutputError

    if path.is_dir():
        raise OutputError(f"{path}: is a directory; give a file name")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write here: {exc.strerror or exc}") from None
    os.close(fd)
    try:
        writer(tmp)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; the file is shared like any other output
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return path


def write_table(df: pd.DataFrame, path: str | Path) -> Path:
    """Atomically write a DataFrame as parquet (``.parquet``) or CSV (anything else), without the index."""
    path = Path(path)
    if path.suffix == ".parquet":
        return _atomic_via(path, lambda tmp: df.to_parquet(tmp, index=False))
    return _atomic_via(path, lambda tmp: df.to_csv(tmp, index=False))


ROWS_DIR = "results"
"""Folder of a sweep directory holding one ``<run_id>.parquet`` row file per finished run."""


def write_run_row(sweep_dir: str | Path, row: Mapping[str, Any]) -> Path:
    """Store one finished run's results row as its own file (atomically; no other file is rewritten)."""
    return write_table(pd.DataFrame([dict(row)]), Path(sweep_dir) / ROWS_DIR / f"{row['run_id']}.parquet")


def read_results(sweep_dir: str | Path) -> pd.DataFrame:
    """Every finished run's row of a sweep directory: the per-run files (in the order they finished) and, for
    rows of sweeps written before them, ``results.parquet``; one row per ``run_id``. Columns are the union."""
    sweep_dir = Path(sweep_dir)
    frames = []
    consolidated = sweep_dir / "results.parquet"
    if consolidated.is_file():
        frames.append(pd.read_parquet(consolidated))
    files = sorted((sweep_dir / ROWS_DIR).glob("*.parquet"), key=lambda p: (p.stat().st_mtime_ns, p.name))
    frames += [pd.read_parquet(f) for f in files]
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame()
    table = pd.concat(frames, ignore_index=True)
    return table.drop_duplicates("run_id", keep="last", ignore_index=True) if "run_id" in table else table


# ---------------------------------------------------------------------------------------------------- runs
def versions() -> dict[str, str]:
    """Python and package versions for ``summary.json``."""
    out = {"python": platform_mod.python_version()}
    for pkg in VERSIONED_PACKAGES:
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            continue
    return out


def pareto_table(evaluations: Iterable[Any], objectives: Iterable[str]) -> pd.DataFrame:
    """The Pareto front as a table: one row per design, objective columns first, then metrics and the design JSON."""
    objectives = list(objectives)
    rows = []
    for ev in evaluations:
        row = {o: float(ev.metrics[o]) for o in objectives}
        row.update({k: float(v) for k, v in ev.metrics.items() if k not in row})
        row["design"] = json.dumps(plain(ev.point), sort_keys=True)
        rows.append(row)
    df = pd.DataFrame(rows)
    return df.sort_values(objectives[0], ignore_index=True) if not df.empty else df


def summary_document(result: Any, best_doc: Mapping[str, Any] | None, *, name: str, network: str,
                     platform: str | None, objectives: Iterable[str], seed: int,
                     space_size: tuple[int, int] | None = None) -> dict[str, Any]:
    """``summary.json`` of a run.

    Args:
        result: the :class:`npu_dse.search.pipeline.SearchResult`.
        best_doc: the design document of the best feasible design, or None.
        space_size: (coarse, fine) numbers of design points of the space searched
            (:meth:`npu_dse.cost_models.space.DesignSpace.size` and ``fine_size``).

    Returns:
        Keys ``name``, ``network``, ``platform``, ``objectives``, ``seed``, ``best_design`` (the document's
        ``design`` or None), ``best_metrics`` (with at least :data:`SUMMARY_METRICS`, or None), ``feasible``,
        ``evaluations``, ``cost_model_calls``, ``wall_s``, ``exact_optimum``, ``exact_is_bound``, ``gap_to_exact``,
        ``hypervolume``, ``pareto_size``, ``space_size`` and ``space_size_fine`` (None when not given), ``stage_best`` (stage -> the best feasible first-objective cost the stage
        itself evaluated, None if none: ConfuciuX's table columns baseline / RL / RL + GA), ``versions``.
    """
    return plain({
        "name": name,
        "network": network,
        "platform": platform,
        "objectives": list(objectives),
        "seed": seed,
        "best_design": None if best_doc is None else best_doc["design"],
        "best_metrics": None if best_doc is None else _with_breakdown(best_doc["metrics"]),
        "feasible": best_doc is not None,
        "evaluations": int(result.evaluations),
        "cost_model_calls": int(getattr(result, "cost_model_calls", 0) or 0),
        "wall_s": float(result.wall_s),
        "exact_optimum": result.exact_optimum,
        "exact_is_bound": bool(getattr(result, "exact_is_bound", False)),
        "gap_to_exact": result.gap_to_exact,
        "hypervolume": result.hypervolume,
        "pareto_size": len(result.pareto or []),
        "space_size": None if space_size is None else int(space_size[0]),
        "space_size_fine": None if space_size is None else int(space_size[1]),
        "stage_best": stage_best(result.history),
        "versions": versions(),
    })


def stage_best(history: pd.DataFrame) -> dict[str, float | None]:
    """Stage name -> the lowest ``objective`` among that stage's feasible rows (None if it found none), in stage
    order. Stages that run twice are told apart by their order (``ga``, ``ga#2``)."""
    out: dict[str, float | None] = {}
    if history is None or not len(history) or "stage" not in history:
        return out
    stages = history["stage"].astype(str)
    run_id = (stages != stages.shift()).cumsum()
    for _, block in history.groupby(run_id, sort=True):
        name = str(block["stage"].iloc[0])
        key, k = name, 1
        while key in out:
            k += 1
            key = f"{name}#{k}"
        feas = block[block["feasible"].astype(bool)]["objective"].dropna()
        out[key] = float(feas.min()) if len(feas) else None
    return out


def read_summary(run_dir: str | Path) -> dict[str, Any]:
    """``summary.json`` of a run directory."""
    return json.loads((Path(run_dir) / "summary.json").read_text())


def sweep_row(run_id: str, params: Mapping[str, Any], seed: int, run_dir: str | Path,
              summary: Mapping[str, Any]) -> dict[str, Any]:
    """One row of a sweep's ``results.parquet``: run id, grid values (JSON), seed, network, platform, best metrics."""
    row: dict[str, Any] = {
        "run_id": run_id,
        "params": json.dumps(plain(dict(params)), sort_keys=True),
        "seed": int(seed),
        "network": summary.get("network"),
        "platform": summary.get("platform") or "",
        "objectives": ",".join(summary.get("objectives") or []),
        "feasible": bool(summary.get("feasible")),
        "evaluations": int(summary.get("evaluations") or 0),
        "wall_s": float(summary.get("wall_s") or 0.0),
        "exact_optimum": summary.get("exact_optimum"),
        "gap_to_exact": summary.get("gap_to_exact"),
        "run_dir": str(run_dir),
    }
    for key, value in plain(dict(params)).items():
        row[f"param.{key}"] = value if isinstance(value, str) else json.dumps(value)
    for metric, value in (summary.get("best_metrics") or {}).items():
        if not isinstance(value, dict):  # energy_pj_by_component repeats the *_energy_pj metrics
            row[metric] = float(value)
    design = summary.get("best_design") or {}
    for key in ("num_pes", "l1_bytes", "l2_bytes", "dataflow"):
        if key in design:
            row[f"design.{key}"] = design[key]
    for stage, value in (summary.get("stage_best") or {}).items():
        row[f"stage_best.{stage}"] = value
    return row


__all__ = ["atomic_write_bytes", "atomic_write_text", "write_json", "write_table", "versions",
           "pareto_table", "summary_document", "read_summary", "sweep_row", "stage_best", "SUMMARY_METRICS", "ROWS_DIR",
           "read_results", "write_run_row"]
