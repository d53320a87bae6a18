"""One experiment end to end (``dse run``): config -> problem -> search pipeline -> run directory.

:func:`build_problem` turns an :class:`~npu_dse.config.ExperimentConfig` into a
:class:`~npu_dse.cost_models.evaluator.Problem` (network, optionally a subset of its layers; design space; objectives;
constraints) and :func:`stage_specs` its search section into pipeline stages.

:func:`run_experiment` builds the :class:`~npu_dse.cost_models.evaluator.Problem` of an
:class:`~npu_dse.config.ExperimentConfig`, runs :func:`npu_dse.search.pipeline.run_pipeline` with the config's stages,
budget and seed, and writes the run directory (:mod:`npu_dse.results` lists its files; every file is written
atomically and ``summary.json`` last, so a directory with ``summary.json`` holds a finished run).
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import pandas as pd

from npu_dse.cost_models.errors import NpuDseError
from npu_dse.config import ConfigError, ExperimentConfig, SpaceConfig, TechnologyConfig, WorkloadConfig, dump_config

log = logging.getLogger(__name__)

RUN_FILES: tuple[str, ...] = ("config.yaml", "history.parquet", "history.csv", "best.json", "summary.json",
                              "convergence.png")
"""Files of every run directory with a feasible result (multi-objective runs add ``pareto.png``, ``pareto.csv``)."""


def build_network(cfg: WorkloadConfig):
    """The :class:`~npu_dse.cost_models.workload.Network` of a workload, restricted to ``layers`` when given.

    Raises:
        ConfigError: a layer name not in the network (lists the names) or an empty slice.
    """
    from npu_dse.cost_models import zoo
    from npu_dse.cost_models.formats import load_network

    net = load_network(cfg.model) if Path(cfg.model).suffix and Path(cfg.model).exists() else zoo.load(cfg.model)
    if cfg.layers is None:
        return net
    try:
        return net.select(cfg.layers)
    except NpuDseError as exc:
        raise ConfigError(f"workload.layers: {exc}") from None


def build_space(cfg: SpaceConfig):
    """The :class:`~npu_dse.cost_models.space.DesignSpace` of a space section."""
    from npu_dse.cost_models.space import DesignSpace, Parameter, preset

    from npu_dse.cost_models.mapper import DEFAULT_CANDIDATES

    mapper = DEFAULT_CANDIDATES if cfg.mapper is True else (cfg.mapper or {})
    params = [Parameter(p.name, tuple(p.values), tuple(p.range) if p.range else None, p.scope)
              for p in cfg.parameters or ()]
    if cfg.parameters is not None and not cfg.extends_preset:
        space = DesignSpace(tuple(params), mode=cfg.mode or "LP", dataflow=cfg.dataflow or "dla", fixed=cfg.fixed,
                            mapper=mapper)
        return _held_to_generator(space, cfg.generator)
    kwargs: dict[str, Any] = {}
    if cfg.preset == "confuciux":
        kwargs = {k: v for k, v in (("dataflow", cfg.dataflow), ("mode", cfg.mode), ("fine", cfg.fine))
                  if v is not None}
    else:
        kwargs = {k: v for k, v in (("dataflows", None if cfg.dataflows is None else tuple(cfg.dataflows)),
                                    ("pe_array", cfg.pe_array)) if v is not None}
    space = preset(cfg.preset, **kwargs)
    changes: dict[str, Any] = {}
    if cfg.mode is not None and cfg.mode != space.mode:
        changes["mode"] = cfg.mode
    if cfg.fixed:
        changes["fixed"] = {**space.fixed, **cfg.fixed}
    if mapper:
        changes["mapper"] = mapper
    if params:  # added to the preset's, or in place of its parameter of the same name
        named = {p.name: p for p in params}
        kept = tuple(named.pop(p.name, p) for p in space.parameters)
        changes["parameters"] = kept + tuple(named.values())
    space = dataclasses.replace(space, **changes) if changes else space
    return _held_to_generator(space, cfg.generator)


def _held_to_generator(space, generator: str | None):
    """``space`` restricted to what ``generator`` builds (:func:`npu_dse.cost_models.generators.restrict`)."""
    if generator is None:
        return space
    from npu_dse.cost_models.generators import restrict

    return restrict(space, generator)


def build_problem(cfg: ExperimentConfig, source: str | None = None):
    """The :class:`~npu_dse.cost_models.evaluator.Problem` an experiment describes.

    Args:
        cfg: the experiment.
        source: what to name in error messages (the config file); default ``experiment '<name>'``.

    Raises:
        ConfigError: a bad layer subset (``workload.layers``), a space the cost model rejects (``space``), or
            another problem error, as one line starting with ``source``.
    """
    from npu_dse.cost_models.evaluator import Problem

    where = source or f"experiment {cfg.name!r}"
    try:
        network = build_network(cfg.workload)
    except NpuDseError as exc:
        raise ConfigError(f"{where}: {exc}") from None
    try:
        space = build_space(cfg.space)
    except NpuDseError as exc:
        raise ConfigError(f"{where}: space: {exc}") from None
    technology = None
    t = cfg.technology
    own_maestro = t is not None and t.node.strip().lower() == "maestro"
    if cfg.platform is not None and space.technology != "maestro" and not own_maestro:
        # priced at the platform's node, word width, clock and DRAM; a technology block overrides what it sets
        from npu_dse.cost_models.evaluator import PLATFORMS

        p = PLATFORMS[cfg.platform]
        searched = {q.name for q in space.parameters}
        base = {"node": p.node, "dram": p.dram,
                "word_bits": None if "word_bytes" in searched else p.word_bits,
                "clock_mhz": None if "clock_mhz" in searched else p.clock_mhz}
        t = TechnologyConfig(**{**base, **({} if t is None else t.model_dump(exclude_unset=True))})
    if t is not None:
        technology = {"node": t.node, **({"dram": t.dram} if t.dram else {})}
        hw = {k: v for k, v in (("word_bytes", None if t.word_bits is None else t.word_bits // 8),
                                ("clock_mhz", t.clock_mhz)) if v is not None}
        searched = sorted(set(hw) & {p.name for p in space.parameters})
        if searched:
            raise ConfigError(f"{where}: technology: {searched} are searched by the space; drop them here")
        if hw:
            space = dataclasses.replace(space, fixed={**space.fixed, **hw})
    extra = None
    if cfg.hetero is not None and space.mode == "LP":
        raise ConfigError(f"{where}: hetero: a CPU runs beside one NPU, and a layer-pipelined (LP) space is many; "
                          "use the global preset or mode LS")
    if cfg.hetero is not None:  # the CPU beside the NPU: hetero_latency_ms (npu_dse.hetero.objective)
        from npu_dse.hetero.objective import HeteroLatency
        from npu_dse.hetero.units import cpu_for

        try:
            cpu, _ = cpu_for(cfg.hetero.cpu, network, model=str(cfg.workload.model), seed=cfg.seed)
            extra = HeteroLatency(network, cpu, cfg.hetero.sync_us, int(space.fixed.get("word_bytes", 1)))
        except NpuDseError as exc:
            raise ConfigError(f"{where}: hetero: {exc}") from None
    try:
        constraints = {k: (dict(v) if isinstance(v, dict) else v) for k, v in cfg.constraints.items()}
        return Problem.build(network, platform=cfg.platform, space=space, objective=list(cfg.objectives),
                             constraints=constraints, technology=technology, extra_metrics=extra)
    except NpuDseError as exc:
        raise ConfigError(f"{where}: {exc}") from None


def build_evaluator(problem, source: str):
    """The problem's :class:`~npu_dse.cost_models.evaluator.Evaluator`, its budgets checked against the best any
    design reaches and its smallest and largest designs run through the cost model (so an infeasible budget or a
    value the cost model refuses is refused before anything runs or is written).

    Raises:
        ConfigError: an infeasible budget, or a fixed hardware value the cost model refuses, as one line starting
            with ``source``.
    """
    from npu_dse.cost_models.evaluator import Evaluator

    try:
        evaluator = Evaluator(problem)
        for corner in ("min", "max"):  # the extreme designs through the cost model: values it refuses fail here
            evaluator.corner_metrics(corner)
        return evaluator
    except NpuDseError as exc:
        raise ConfigError(f"{source}: {exc}") from None


def stage_specs(cfg: ExperimentConfig, problem=None, source: str | None = None) -> list:
    """The search stages as ``npu_dse.search.pipeline.StageSpec`` objects.

    Args:
        cfg: the experiment.
        problem: if given, every stage is checked against it (:func:`npu_dse.search.pipeline.check_stage`: its
            options and whether its method can search the space) before anything is evaluated.
        source: what to name in error messages (the config file); default ``experiment '<name>'``.

    Raises:
        ConfigError: a stage that does not apply, as one line naming ``source`` and ``search.stages[k]``.
    """
    from npu_dse.search.pipeline import StageSpec, check_stage

    stages = [StageSpec(method=s.method, budget=s.budget, options=dict(s.options)) for s in cfg.search.stages]
    if problem is not None:
        for k, stage in enumerate(stages):
            try:
                check_stage(problem, stage)
            except NpuDseError as exc:
                raise ConfigError(f"{source or f'experiment {cfg.name!r}'}: search.stages[{k}]: {exc}") from None
    return stages


@dataclass
class RunOutcome:
    """What :func:`run_experiment` produced.

    Attributes:
        run_dir: the run directory.
        summary: the ``summary.json`` document.
        best_document: the ``best.json`` document, or None when no feasible design was found.
        result: the :class:`npu_dse.search.pipeline.SearchResult`.
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
                   progress: Callable[[int, int], None] | None = None, plots: bool = True,
                   source: str | None = None) -> RunOutcome:
    """Run one experiment and write its run directory.

    Args:
        cfg: the validated experiment.
        out_dir: the run directory (created); default :func:`default_run_dir`.
        progress: called as ``progress(evaluations_done, budget)`` during the search.
        plots: write ``convergence.png`` (and ``pareto.png`` for several objectives).
        source: the config file, for error messages.

    Returns:
        The :class:`RunOutcome`.

    Raises:
        ConfigError: a config the problem builder rejects, or a search stage that does not apply to the problem.
        InfeasibleError: a budget no design can meet.
    """
    from npu_dse.design import design_document
    from npu_dse.results import atomic_write_text, pareto_table, summary_document, write_json, write_table
    from npu_dse.search.pipeline import run_pipeline

    problem = build_problem(cfg, source)
    stages = stage_specs(cfg, problem, source)
    evaluator = build_evaluator(problem, source or f"experiment {cfg.name!r}")
    run_dir = Path(out_dir) if out_dir is not None else default_run_dir(cfg)
    make_output_dir(run_dir)
    atomic_write_text(run_dir / "config.yaml", dump_config(cfg))
    log.info("run %s: %s, %d layers, budget %d, stages %s", cfg.name, problem.network.name, problem.num_layers,
             cfg.search.budget, [s.method for s in cfg.search.stages])
    try:
        result = run_pipeline(problem, stages, cfg.search.budget, seed=cfg.seed, evaluator=evaluator,
                              progress=progress, exact=cfg.search.exact, check=False)  # stage_specs checked them
    except KeyboardInterrupt:
        atomic_write_text(run_dir / INTERRUPTED, "this run was interrupted before it finished; it holds no result\n")
        raise
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
        from npu_dse.plots import plot_convergence, plot_pareto

        plot_convergence(history, run_dir / "convergence.png", objectives[0], title=f"{cfg.name}: convergence")
        if len(objectives) > 1:
            front = pd.read_csv(run_dir / "pareto.csv") if result.pareto else None
            plot_pareto(history, objectives, run_dir / "pareto.png", front, title=f"{cfg.name}: Pareto front")
    n_layers = len(problem.network.layers)
    summary = summary_document(result, best_doc, name=cfg.name, network=problem.network.name,
                               platform=problem.platform, objectives=objectives, seed=cfg.seed,
                               space_size=(problem.space.size(n_layers), problem.space.fine_size(n_layers)))
    write_json(run_dir / "summary.json", summary)
    return RunOutcome(run_dir, summary, best_doc, result)


def make_output_dir(path: Path) -> Path:
    """Create an output directory (and its parents).

    Raises:
        OutputError: it cannot be made (a file in the way, a read-only or virtual file system), naming the path.
    """
    from npu_dse.cost_models.errors import OutputError

    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{path}: cannot make the output directory: {exc.strerror or exc}") from None
    return path


INTERRUPTED = "INTERRUPTED"
"""The file an interrupted run leaves in its directory, so no tool mistakes the directory for a result."""


def is_finished(run_dir: str | Path) -> bool:
    """True when ``run_dir`` holds a finished run (``summary.json`` is written last; no :data:`INTERRUPTED`)."""
    return (Path(run_dir) / "summary.json").exists() and not (Path(run_dir) / INTERRUPTED).exists()


__all__ = ["run_experiment", "default_run_dir", "is_finished", "INTERRUPTED", "RunOutcome", "RUN_FILES", "build_network",
           "build_space", "build_problem", "stage_specs"]
