"""One experiment end to end (``dse run``): config -> problem -> search pipeline -> run directory.

:func:`run_experiment` builds the :class:`~cost_models.evaluator.Problem` of an
:class:`~dse.config.ExperimentConfig`, runs :func:`dse.search.pipeline.run_pipeline` with the config's stages,
budget and seed, and writes the run directory (:mod:`dse.results` lists its files; every file is written
atomically and ``summary.json`` last, so a directory with ``summary.json`` holds a finished run).
"""

from __future__ import annotations

import datetime as _dt
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import pandas as pd

from dse.config import ExperimentConfig, build_problem, dump_config, stage_specs

log = logging.getLogger(__name__)

RUN_FILES: tuple[str, ...] = ("config.yaml", "history.parquet", "history.csv", "best.json", "summary.json",
                              "convergence.png")
"""Files of every run directory with a feasible result (multi-objective runs add ``pareto.png``, ``pareto.csv``)."""


@dataclass
class RunOutcome:
    """What :func:`run_experiment` produced.

    Attributes:
        run_dir: the run directory.
        summary: the ``summary.json`` document.
        best_document: the ``best.json`` document, or None when no feasible design was found.
        result: the :class:`dse.search.pipeline.SearchResult`.
    """

    run_dir: Path
    summary: dict[str, Any]
    best_document: dict[str, Any] | None
    result: Any


def default_run_dir(cfg: ExperimentConfig, root: str | Path | None = None) -> Path:
    """``<root>/<name>-<YYYYmmdd-HHMMSS>`` (``root`` defaults to ``cfg.output.root``), made unique with a suffix."""
    root = Path(root if root is not None else cfg.output.root)
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = root / f"{cfg.name}-{stamp}"
    k = 1
    while path.exists():
        k += 1
        path = root / f"{cfg.name}-{stamp}-{k}"
    return path


def run_experiment(cfg: ExperimentConfig, out_dir: str | Path | None = None,
                   progress: Callable[[int, int], None] | None = None, plots: bool = True) -> RunOutcome:
    """Run one experiment and write its run directory.

    Args:
        cfg: the validated experiment.
        out_dir: the run directory (created); default :func:`default_run_dir`.
        progress: called as ``progress(evaluations_done, budget)`` during the search.
        plots: write ``convergence.png`` (and ``pareto.png`` for several objectives).

    Returns:
        The :class:`RunOutcome`.

    Raises:
        ConfigError: a config the problem builder rejects. InfeasibleError: a budget no design can meet.
        SpaceError: a search stage that does not apply to the problem.
    """
    from cost_models.evaluator import Evaluator
    from dse.design import design_document
    from dse.results import atomic_write_text, pareto_table, summary_document, write_json, write_table
    from dse.search.pipeline import run_pipeline

    problem = build_problem(cfg)
    run_dir = Path(out_dir) if out_dir is not None else default_run_dir(cfg)
    run_dir.mkdir(parents=True, exist_ok=True)
    atomic_write_text(run_dir / "config.yaml", dump_config(cfg))
    evaluator = Evaluator(problem)
    log.info("run %s: %s, %d layers, budget %d, stages %s", cfg.name, problem.network.name, problem.num_layers,
             cfg.search.budget, [s.method for s in cfg.search.stages])
    result = run_pipeline(problem, stage_specs(cfg), cfg.search.budget, seed=cfg.seed, evaluator=evaluator,
                          progress=progress, exact=cfg.search.exact)
    history: pd.DataFrame = result.history
    write_table(history, run_dir / "history.parquet")
    write_table(history, run_dir / "history.csv")
    best_doc = None
    if result.best is not None:
        best = result.best
        if not best.layers:  # the per-layer arrays are needed for the design's buffer sizes
            best = evaluator.evaluate(best.point)
        best_doc = design_document(problem, best)
        write_json(run_dir / "best.json", best_doc)
    else:
        log.warning("run %s: no feasible design in %d evaluations; no best.json written", cfg.name,
                    result.evaluations)
    objectives = list(problem.objectives)
    if len(objectives) > 1:
        write_table(pareto_table(result.pareto, objectives), run_dir / "pareto.csv")
    if plots:
        from dse.plots import plot_convergence, plot_pareto

        plot_convergence(history, run_dir / "convergence.png", objectives[0], title=f"{cfg.name}: convergence")
        if len(objectives) > 1:
            front = pd.read_csv(run_dir / "pareto.csv") if result.pareto else None
            plot_pareto(history, objectives, run_dir / "pareto.png", front, title=f"{cfg.name}: Pareto front")
    summary = summary_document(result, best_doc, name=cfg.name, network=problem.network.name,
                               platform=problem.platform, objectives=objectives, seed=cfg.seed)
    write_json(run_dir / "summary.json", summary)
    return RunOutcome(run_dir, summary, best_doc, result)


def is_finished(run_dir: str | Path) -> bool:
    """True when ``run_dir`` holds a finished run (``summary.json`` is written last)."""
    return (Path(run_dir) / "summary.json").exists()


__all__ = ["run_experiment", "default_run_dir", "is_finished", "RunOutcome", "RUN_FILES"]
