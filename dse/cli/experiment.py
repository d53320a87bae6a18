"""dse CLI commands for experiments: ``run``, ``sweep``, ``validate``, ``plot``, ``export``."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import List, Optional

import typer

from npu_dse.cli.app import app


def _print_summary(summary: dict, run_dir: Path) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{summary['name']}: {summary['network']} on {summary['platform'] or 'no platform'}")
    table.add_column("quantity")
    table.add_column("value", justify="right")
    metrics = summary.get("best_metrics") or {}
    for key in ("latency_cycles", "latency_ms", "hetero_latency_ms", "inferences_per_s", "energy_pj", "edp",
                "throughput", "tops_per_w", "area_mm2", "power_mw", "total_pes", "buffer_bytes", "sram_bytes"):
        if key in metrics:
            table.add_row(key, f"{metrics[key]:.6g}")
    parts = metrics.get("energy_pj_by_component") or {}
    if parts and metrics.get("energy_pj"):
        table.add_row("energy split", ", ".join(f"{k} {v / metrics['energy_pj']:.0%}" for k, v in parts.items()))
    design = summary.get("best_design") or {}
    for key in ("num_pes", "l1_bytes", "l2_bytes", "noc_bw", "word_bytes", "clock_mhz", "dataflow"):
        if key in design:
            table.add_row(f"design.{key}", str(design[key]))
        if key == "num_pes" and design.get("pe_rows"):
            table.add_row("design.array", f"{design['pe_rows']} x {design['pe_cols']}")
    if summary.get("space_size"):
        table.add_row("designs in space", f"{summary['space_size']:.3g} coarse, {summary['space_size_fine']:.3g} fine")
    table.add_row("feasible", str(summary["feasible"]))
    table.add_row("evaluations", str(summary["evaluations"]))
    table.add_row("wall_s", f"{summary['wall_s']:.1f}")
    if summary.get("exact_optimum") is not None:
        label = "exact lower bound" if summary.get("exact_is_bound") else "exact optimum"
        table.add_row(label, f"{summary['exact_optimum']:.6g}")
        if summary.get("gap_to_exact") is not None:
            table.add_row("gap_to_exact", f"{100 * summary['gap_to_exact']:.2f} %")
    if summary.get("hypervolume") is not None:
        table.add_row("hypervolume", f"{summary['hypervolume']:.6g}")
    console = Console()
    console.print(table)
    if design.get("mapping"):
        console.print(_mapping_table(design["mapping"], design.get("dataflow")))
    console.print(f"run directory: {run_dir}")


def _mapping_table(mapping: list[dict], dataflow: str | None = None):
    """The best design's mapping per layer (``design["mapping"]`` of best.json) as a rich table; the dataflow
    column only when layers differ in it or from the design's ``dataflow`` (a template variant the mapper chose)."""
    from rich.table import Table

    from npu_dse.cost_models.mapper import STATIONARY_BY_OPERAND

    table = Table(title="mapping per layer")
    cols = ["layer", "mapping", "cycles", "utilisation"]
    several = len({m["dataflow"] for m in mapping} | ({dataflow} if dataflow else set())) > 1
    if several:
        cols.insert(1, "dataflow")
    for col in cols:
        table.add_column(col, justify="right" if col in ("cycles", "utilisation") else "left")
    for m in mapping:
        parts = [f"{STATIONARY_BY_OPERAND[m['stationary']].upper()} {m['spatial']}"] if m.get("stationary") else []
        parts += [f"{k}={v}" for k, v in m.get("constants", {}).items()]
        util = m.get("utilization")
        row = [m["layer"], ", ".join(parts) or "-", f"{m.get('runtime_cycles', 0):,}",
               "-" if util is None else f"{util:.1%}"]
        if several:
            row.insert(1, m["dataflow"])
        table.add_row(*row)
    return table


@app.command("run")
def run(
    config: Path = typer.Argument(..., help="Experiment YAML file."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Run directory (default <output.root>/<name>-<time>)."),
    seed: Optional[int] = typer.Option(None, "--seed", help="Override the config's seed."),
    set_: List[str] = typer.Option([], "--set", help="Override a field: dotted.path=value (repeatable)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Run one experiment: search, then write config.yaml, history, best.json, summary.json and plots."""
    from npu_dse.config import load_experiment, parse_overrides
    from npu_dse.run import INTERRUPTED

    overrides = parse_overrides(set_)
    if seed is not None:
        overrides["seed"] = seed
    cfg = load_experiment(config, overrides)
    try:
        outcome = _run_with_progress(cfg, out, config, quiet)
    except KeyboardInterrupt:
        typer.echo(f"interrupted: the run was stopped before it finished; its directory is marked {INTERRUPTED} "
                   f"(no result); run it again with: dse run {shlex.quote(str(config))}", err=True)
        raise typer.Exit(code=130) from None
    _print_summary(outcome.summary, outcome.run_dir)
    if not outcome.summary["feasible"]:
        typer.echo("warning: no feasible design found; best.json not written", err=True)


def _run_with_progress(cfg, out, config, quiet: bool):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from npu_dse.run import run_experiment

    if quiet:
        return run_experiment(cfg, out, source=str(config))
    bar = Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   transient=False)
    tasks: list = []

    def progress(done: int, total: int) -> None:
        if not tasks:  # shown once the search runs: a config refused before it prints its one error line alone
            bar.start()
            tasks.append(bar.add_task(f"{cfg.name}", total=total))
        if done % 25 == 0 or done >= total:
            bar.update(tasks[0], completed=done, total=total)

    try:
        outcome = run_experiment(cfg, out, progress=progress, source=str(config))
        if tasks:
            done = outcome.summary["evaluations"]  # stages may stop short of the budget (whole GA generations)
            bar.update(tasks[0], completed=done, total=done)
    finally:
        if tasks:
            bar.stop()
    return outcome


@app.command("sweep")
def sweep(
    config: Path = typer.Argument(..., help="Sweep YAML file (base, grid, seeds)."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Parallel workers (one torch thread each)."),
    backend: str = typer.Option("local", "--backend", help="local (process pool) or ray."),
    address: Optional[str] = typer.Option(None, "--address", help="Ray cluster address (ray backend)."),
    resume: bool = typer.Option(False, "--resume", help="Skip runs already in results.parquet."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Sweep directory (default <output.root>/<name>)."),
    set_: List[str] = typer.Option([], "--set", help="KEY=VALUE for every run (e.g. search.budget=500); repeatable."),
) -> None:
    """Run every run of a sweep grid in parallel; append each finished run to results.parquet."""
    from npu_dse.sweep import run_sweep

    def report(row: dict) -> None:
        status = "ok" if row.get("feasible") else "no feasible design"
        typer.echo(f"finished {row['run_id']} ({status}, {row.get('wall_s', 0):.1f} s)")

    from npu_dse.sweep import SweepInterrupted

    try:
        outcome = run_sweep(config, jobs=jobs, backend=backend, address=address, resume=resume, out_dir=out,
                            on_result=report, overrides=set_)
    except SweepInterrupted as exc:
        again = ["dse", "sweep", str(config), "--resume", "--out", str(exc.sweep_dir), "--jobs", str(jobs),
                 *(["--backend", backend] if backend != "local" else []),
                 *(["--address", address] if address else []), *(a for s in set_ for a in ("--set", s))]
        typer.echo(f"interrupted: {exc.ran + exc.skipped} of {exc.total} runs finished; resume with: "
                   f"{' '.join(shlex.quote(a) for a in again)}", err=True)
        raise typer.Exit(code=130) from None
    typer.echo(f"sweep {outcome.name}: {outcome.ran} run(s) done, {outcome.skipped} skipped (already finished), "
               f"{outcome.total} in the grid; results: {outcome.results_path}")


@app.command("validate")
def validate(config: Path = typer.Argument(..., help="Experiment or sweep YAML file.")) -> None:
    """Check an experiment or sweep file without running it."""
    from npu_dse.config import validate_file

    typer.echo(validate_file(config))


@app.command("plot")
def plot(path: Path = typer.Argument(..., help="A run directory or a sweep directory.")) -> None:
    """Make the convergence and Pareto plots of a run or sweep directory again."""
    from npu_dse.plots import replot

    for p in replot(path):
        typer.echo(str(p))


@app.command("export")
def export(
    source: Path = typer.Argument(..., help="A run directory or a best.json."),
    fmt: str = typer.Option("json", "--format", "-f", help="json, yaml, verilog, gemmini, nvdla, vta, maestro or scalesim."),
    output: Optional[Path] = typer.Option(None, "-o", "--output",
                                          help="Output file (maestro: the .m mapping, the hardware file is "
                                               "<stem>_hw.m; a layer-pipelined design is a directory <stem>/ of "
                                               "one pair per layer; scalesim: the .cfg, with <stem>_topology.csv "
                                               "and <stem>_layout.csv). Default: standard output."),
) -> None:
    """Turn the chosen design into inputs for hardware generators."""
    from npu_dse import export as export_mod
    from npu_dse.config import load_experiment
    from npu_dse.run import build_network
    from npu_dse.design import design_path, load_design

    doc = load_design(source)
    network = None
    if fmt in ("maestro", "scalesim"):
        cfg_path = design_path(source).parent / "config.yaml"
        if cfg_path.exists():
            network = build_network(load_experiment(cfg_path).workload)
    if output is None:
        texts = export_mod.render(doc, fmt, network)
        for role, text in texts.items():
            if len(texts) > 1:
                typer.echo(f"// ---- {role} file ----")
            typer.echo(text, nl=False)
        return
    for p in export_mod.write(doc, fmt, output, network):
        typer.echo(str(p))
