"""Sweeps (``dse sweep``): a grid of experiments run in parallel, each finished run's row stored as it finishes.

A sweep directory (default ``<output.root of the base>/<sweep name>``) holds::

    sweep.yaml              the sweep file as given
    results/<run_id>.parquet  one row per finished run (npu_dse.results.sweep_row), written atomically when the run
                            finishes; no other file is rewritten
    results.parquet         all rows in one table, written once when the sweep stops (finished or interrupted);
                            read both with npu_dse.results.read_results
    runs/<run_id>/          each run's directory (npu_dse.run)

Backends:

- ``local``: runs in this process when ``jobs == 1``, else a ``multiprocessing`` pool (spawn context) of ``jobs``
  workers; every worker uses one torch thread (``torch.set_num_threads(1)``) and leaves Ctrl-C to the parent,
  which stops and waits for them all.
- ``ray``: one Ray task per run (``num_cpus=1``) on ``ray.init(address=...)``; without an address a local Ray
  instance with ``jobs`` CPUs is started and stopped. Workers write run directories at the same absolute paths,
  so on a multi-machine cluster the sweep directory must be on a shared file system. Needs the ``distributed``
  extra (``pip install -e ".[distributed]"``).

Resuming (``resume=True``) skips runs whose row is already stored; a run that finished (its
``summary.json`` exists) but was not yet appended is appended without running again. So an interrupted sweep
that is resumed loses nothing and repeats nothing. Without ``resume``, a directory that already has results is
refused.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

import pandas as pd

from npu_dse.config import ConfigError, SweepConfig, SweepRun, check_runs, load_sweep

log = logging.getLogger(__name__)

BACKENDS: tuple[str, ...] = ("local", "ray")


@dataclass
class SweepOutcome:
    """What :func:`run_sweep` did.

    Attributes:
        name: the sweep's name. sweep_dir: its directory. results_path: ``results.parquet``.
        total: runs in the grid. ran: runs executed now. skipped: runs already finished before.
        results: the whole results table after the sweep.
    """

    name: str
    sweep_dir: Path
    results_path: Path
    total: int
    ran: int
    skipped: int
    results: pd.DataFrame


def _run_one(run_id: str, params: dict[str, Any], seed: int, cfg_data: dict[str, Any], run_dir: str) -> dict[str, Any]:
    """Worker: run one experiment with one torch thread and return its results row."""
    import torch

    from npu_dse.config import ExperimentConfig
    from npu_dse.results import sweep_row
    from npu_dse.run import run_experiment

    previous = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        cfg = ExperimentConfig.model_validate(cfg_data)
        outcome = run_experiment(cfg, run_dir)
        return sweep_row(run_id, params, seed, run_dir, outcome.summary)
    finally:
        torch.set_num_threads(previous)


def _init_worker() -> None:
    import signal

    import torch

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops the workers (see _run_pool)
    torch.set_num_threads(1)


class SweepInterrupted(Exception):
    """A sweep stopped by Ctrl-C after its workers were stopped: how many runs finished, where, and how to resume."""

    def __init__(self, name: str, sweep_dir: Path, total: int, ran: int, skipped: int) -> None:
        self.name, self.sweep_dir, self.total, self.ran, self.skipped = name, sweep_dir, total, ran, skipped
        super().__init__(f"sweep {name}: interrupted; {ran + skipped} of {total} runs finished in {sweep_dir}")


def sweep_dir_for(sweep: SweepConfig, runs: list[SweepRun], out_dir: str | Path | None = None) -> Path:
    """The sweep directory: ``out_dir``, else ``<output.root of the first run>/<sweep name>``."""
    if out_dir is not None:
        return Path(out_dir)
    root = runs[0].config.output.root if runs else "experiments/runs"
    return Path(root) / sweep.name


def run_sweep(sweep_path: str | Path, jobs: int = 1, backend: str = "local", address: str | None = None,
              resume: bool = False, out_dir: str | Path | None = None,
              on_result: Callable[[dict[str, Any]], None] | None = None,
              overrides: Sequence[str] | None = None) -> SweepOutcome:
    """Run a sweep file's grid.

    Args:
        sweep_path: the sweep YAML (:func:`npu_dse.config.load_sweep`).
        jobs: parallel workers (local) or CPUs of a local Ray instance.
        backend: ``local`` or ``ray``.
        address: Ray cluster address (``ray`` only; None starts a local instance).
        overrides: ``KEY=VALUE`` settings for every run (``dse sweep --set``).
        resume: skip runs already in ``results.parquet``.
        out_dir: the sweep directory (see :func:`sweep_dir_for`).
        on_result: called with each new results row after it is appended.

    Returns:
        The :class:`SweepOutcome`.

    Raises:
        ConfigError: a bad sweep file, an unknown backend, ``jobs < 1``, existing results without ``resume``,
            ``ray`` not installed.
    """
    from npu_dse.results import atomic_write_text, read_results, read_summary, sweep_row, write_run_row
    from npu_dse.run import is_finished, make_output_dir

    if backend not in BACKENDS:
        raise ConfigError(f"--backend {backend!r}: allowed: {', '.join(BACKENDS)}")
    if jobs < 1:
        raise ConfigError(f"--jobs {jobs}: must be >= 1")
    sweep_path = Path(sweep_path)
    sweep, runs = load_sweep(sweep_path, overrides)
    sweep_dir = sweep_dir_for(sweep, runs, out_dir).resolve()
    results_path = sweep_dir / "results.parquet"
    done: set[str] = set()
    existing = read_results(sweep_dir)
    if len(existing) and not resume:
        raise ConfigError(f"{sweep_dir}: the sweep already has {len(existing)} finished run(s); "
                          "use --resume to continue it or --out for a new directory")
    if "run_id" in existing:
        done = set(existing["run_id"])
    check_runs(sweep_path, [r for r in runs if r.run_id not in done])  # refused before anything is written
    make_output_dir(sweep_dir)
    atomic_write_text(sweep_dir / "sweep.yaml", sweep_path.read_text())

    skipped = sum(1 for r in runs if r.run_id in done)
    todo: list[SweepRun] = []
    for r in runs:
        if r.run_id in done:
            continue
        run_dir = sweep_dir / "runs" / r.run_id
        if resume and is_finished(run_dir):  # finished but not yet appended: append, do not repeat
            row = sweep_row(r.run_id, r.params, r.seed, run_dir, read_summary(run_dir))
            write_run_row(sweep_dir, row)
            done.add(r.run_id)
            skipped += 1
            if on_result is not None:
                on_result(row)
            continue
        todo.append(r)
    log.info("sweep %s: %d runs, %d already finished, %d to run (%s, %d jobs)", sweep.name, len(runs), skipped,
             len(todo), backend, jobs)

    ran = 0

    def accept(row: dict[str, Any]) -> None:
        nonlocal ran
        write_run_row(sweep_dir, row)
        ran += 1
        if on_result is not None:
            on_result(row)

    tasks = [(r.run_id, r.params, r.seed, r.config.model_dump(mode="json"), str(sweep_dir / "runs" / r.run_id))
             for r in todo]
    try:
        if backend == "ray":
            _run_ray(tasks, jobs, address, accept)
        elif jobs == 1 or len(tasks) <= 1:
            for task in tasks:
                accept(_run_one(*task))
        else:
            _run_pool(tasks, jobs, accept)
    except KeyboardInterrupt:
        _consolidate(sweep_dir, results_path)
        raise SweepInterrupted(sweep.name, sweep_dir, len(runs), ran, skipped) from None
    except BaseException:
        _consolidate(sweep_dir, results_path)  # whatever stopped the sweep, every finished row is in the table
        raise
    results = _consolidate(sweep_dir, results_path)
    return SweepOutcome(sweep.name, sweep_dir, results_path, len(runs), ran, skipped, results)


def _consolidate(sweep_dir: Path, results_path: Path) -> pd.DataFrame:
    """All rows in ``results.parquet`` (written once, atomically)."""
    from npu_dse.results import read_results, write_table

    results = read_results(sweep_dir)
    if len(results):
        write_table(results, results_path)
    return results


def _run_task(task: tuple) -> dict[str, Any]:
    return _run_one(*task)


def _run_pool(tasks: list[tuple], jobs: int, accept: Callable[[dict[str, Any]], None]) -> None:
    """Run ``tasks`` on a pool of spawned workers. Workers ignore SIGINT: on Ctrl-C (or any error) the parent
    terminates every worker and waits for them before it raises, so no run finishes after the command returns."""
    import multiprocessing as mp

    ctx = mp.get_context("spawn")
    pool = ctx.Pool(processes=min(jobs, len(tasks)), initializer=_init_worker)
    try:
        for row in pool.imap_unordered(_run_task, tasks):
            accept(row)
    except BaseException:
        pool.terminate()
        pool.join()
        raise
    pool.close()
    pool.join()


def _run_ray(tasks: list[tuple], jobs: int, address: str | None, accept: Callable[[dict[str, Any]], None]) -> None:
    try:
        import ray
    except ImportError:
        raise ConfigError("--backend ray needs Ray: pip install -e \".[distributed]\"") from None
    started = False
    if not ray.is_initialized():
        if address is None:
            ray.init(num_cpus=jobs, include_dashboard=False, log_to_driver=False)
        else:
            try:
                ray.init(address=address, log_to_driver=False)
            except (ConnectionError, RuntimeError, ValueError) as exc:
                raise ConfigError(f"--address {address}: no Ray cluster to connect to ({type(exc).__name__}: "
                                  f"{str(exc).splitlines()[0] if str(exc) else 'no detail'}); start one with "
                                  "'ray start --head' or drop --address for a local instance") from None
        started = True
    pending: list = []
    try:
        remote = ray.remote(num_cpus=1)(_run_one)
        pending = [remote.remote(*t) for t in tasks]
        while pending:
            finished, pending = ray.wait(pending, num_returns=1)
            accept(ray.get(finished[0]))
    except BaseException:
        # When this call connected to Ray, ray.shutdown() below ends the job and Ray kills its tasks. Cancelling
        # them first races their replies: Ray 2.x aborts the driver ("Tried to complete task that was not
        # pending") when a force-cancelled task completes at that moment. Only a Ray session the caller opened,
        # which outlives this call, needs its tasks cancelled.
        if not started:
            for ref in pending:
                ray.cancel(ref, force=True)
        raise
    finally:
        if started:
            ray.shutdown()


__all__ = ["run_sweep", "sweep_dir_for", "SweepInterrupted", "SweepOutcome", "BACKENDS"]
