"""``dse hetero``: branch-parallel execution of a network on a CPU and an NPU (:mod:`npu_dse.hetero`)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from npu_dse.cli.app import app


@app.command("hetero")
def hetero(
    model: str = typer.Argument(..., help="A built-in network (dse models) or a model file (.onnx, .m, .csv)."),
    npu: str = typer.Option("evta", "--npu", help="NPU: evta, a run directory or a design JSON of dse run."),
    cpu: str = typer.Option("a53", "--cpu", help="CPU: a53, host (this machine, measured with onnxruntime on one "
                            "thread; cached), or a profile CSV (columns node, time_us)."),
    sync_us: float = typer.Option(50.0, "--sync-us", help="Synchronisation latency per CPU/NPU hand-over, us."),
    json_out: Optional[Path] = typer.Option(None, "--json", help="Write the result as JSON."),
    gantt: Optional[Path] = typer.Option(None, "--gantt", help="Write a Gantt chart of both units (PNG)."),
    remeasure: bool = typer.Option(False, "--remeasure", help="With --cpu host: measure again, ignoring the cache."),
    assign: str = typer.Option("auto", "--assign", help="Per-group assignment: auto (enumeration when small, else "
                               "CP-SAT), enumerate or cpsat."),
    seed: int = typer.Option(0, "--seed", help="Seed of CP-SAT and of the host measurement's weights and inputs."),
) -> None:
    """Find the parallel-branch groups, place every node on the CPU or the NPU, and run a group's branches in
    parallel where that beats running them one after the other."""
    from rich.table import Table

    from npu_dse.cli.workload import resolve_network, wide_console
    from npu_dse.hetero.schedule import schedule
    from npu_dse.hetero.units import cpu_for, resolve_npu
    from npu_dse.results import write_json

    network = resolve_network(model)
    unit = resolve_npu(npu)
    proc, check = cpu_for(cpu, network, model=model, seed=seed, refresh=remeasure)
    result = schedule(network, proc, unit, sync_us=sync_us, method=assign, seed=seed)
    result.cpu_check = check
    table = Table(title=f"{network.name}: {result.groups_found} parallel-branch groups on {proc.name} + {unit.name}")
    for col in ("fork -> join", "branches (ms on cpu / npu)", "assignment", "sequential ms", "parallel ms", "run"):
        table.add_column(col, justify="left" if col[0] in "fba" else "right")
    for g in result.groups:
        branches = "; ".join(f"{'+'.join(b)} ({t['cpu']:.2f} / {t['npu']:.2f})" for b, t in zip(g.branches,
                                                                                                g.branch_ms))
        table.add_row(f"{g.fork} -> {g.join}", branches, ", ".join(g.assignment), f"{g.sequential_ms:.3f}",
                      f"{g.parallel_ms:.3f}", "parallel" if g.parallel else "sequential")
    console = wide_console()
    console.print(table)
    gain = 1 - result.branch_parallel_ms / result.sequential_ms if result.sequential_ms else 0.0
    console.print(f"sequential {result.sequential_ms:.2f} ms, branch-parallel {result.branch_parallel_ms:.2f} ms "
                  f"({gain:.2%} less); {result.groups_parallel} of {result.groups_found} groups run in parallel")
    if result.baselines:
        console.print(f"the seed's NEST-C rule (each node on its unit of the sequential placement) runs "
                      f"{result.nestc_groups_parallel} of them in parallel: {result.baselines['nestc_rule']:.2f} ms")
    console.print("baselines (ms): " + ", ".join(f"{k} {v:.2f}" for k, v in result.baselines.items()))
    if check is not None:
        console.print(f"host CPU ({check['machine']['cpu']}, onnxruntime {check['machine']['onnxruntime']}, one "
                      f"thread{', cached' if check['cached'] else ''}): whole graph {check['whole_us'] / 1e3:.2f} ms, "
                      f"sum of nodes {check['sum_us'] / 1e3:.2f} ms ({check['rel_diff']:+.1%}; "
                      f"{'within' if check['ok'] else 'NOT within'} {check['tolerance']:.0%})")
    if json_out is not None:
        write_json(json_out, result.to_dict())
    if gantt is not None:
        from npu_dse.hetero.gantt import plot_gantt

        plot_gantt(result, gantt)
