"""dse CLI commands: workloads (``dse models``, ``dse show``)."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from npu_dse.cost_models import zoo
from npu_dse.cost_models.errors import WorkloadError
from npu_dse.cost_models.formats import EXTENSIONS, load_network
from npu_dse.cost_models.workload import Network
from npu_dse.cli.app import app

_MIN_WIDTH = 160  # the per-layer table has 14 columns: never squeeze it below this when not on a terminal


def wide_console() -> Console:
    """A rich console that, when not on a terminal (a pipe, a file, a test), is at least :data:`_MIN_WIDTH` columns
    wide, so wide tables are not squeezed to 80 columns."""
    console = Console()
    return console if console.is_terminal else Console(width=max(console.width, _MIN_WIDTH))


def resolve_network(name_or_path: str) -> Network:
    """A built-in network by name, or a model file (``.onnx``, MAESTRO ``.m``, ConfuciuX ``.csv``) by path.

    Raises:
        WorkloadError: neither a known network nor a model file (the message lists both).
        FormatError: the file is malformed.
    """
    if name_or_path in zoo.names():
        return zoo.load(name_or_path)
    path = Path(name_or_path)
    if path.suffix.lower() in EXTENSIONS or path.exists():
        return load_network(path)
    raise WorkloadError(
        f"{name_or_path!r} is neither a built-in network nor a model file; known networks: "
        f"{', '.join(zoo.names())}; model files: {', '.join(EXTENSIONS)}"
    )


@app.command("models")
def models() -> None:
    """List the built-in networks with layer count, MACs and weights (no bias)."""
    table = Table(title="built-in networks (dse show NAME for the layers)")
    for col in ("name", "layers", "MACs", "weights"):
        table.add_column(col, justify="left" if col == "name" else "right")
    for name in zoo.names():
        net = zoo.load(name)
        table.add_row(name, str(len(net)), f"{net.macs:,}", f"{net.weights:,}")
    wide_console().print(table)


@app.command("show")
def show(
    name_or_path: str = typer.Argument(..., metavar="NAME_OR_PATH",
                                       help="A built-in network (see `dse models`) or an .onnx/.m/.csv file."),
) -> None:
    """Print the per-layer table of a network: shapes, output size, MACs and weights, with totals."""
    net = resolve_network(name_or_path)
    extra = [c for c in ("N", "repeat") if any(getattr(l, c) != 1 for l in net.layers)]
    columns = ["name", "op", "K", "C", "Y", "X", "R", "S", "stride", "padding", "groups", *extra, "output",
               "MACs", "weights"]
    table = Table(title=f"{net.name}: {len(net)} layers", show_footer=True)
    for col in columns:
        footer = {"name": "total", "MACs": f"{net.macs:,}", "weights": f"{net.weights:,}"}.get(col, "")
        table.add_column(col, footer=footer, justify="left" if col in ("name", "op") else "right")
    for l in net.layers:
        values = {"op": l.op.value, "output": "x".join(map(str, l.output_size)), "MACs": f"{l.macs:,}",
                  "weights": f"{l.weights:,}"}
        table.add_row(*(values.get(c, str(getattr(l, c, ""))) for c in columns))
    wide_console().print(table)
    if net.ops:
        kinds: dict[str, list[int]] = {}
        for op in net.ops:
            kinds.setdefault(op.kind, []).append(op.elements)
        parts = [f"{k} x{len(v)} ({sum(v):,} elements)" for k, v in kinds.items()]
        wide_console().print(f"non-MAC ops (not costed yet): {', '.join(parts)}")
    if net.edges:
        fan_out: dict[str, int] = {}
        for src, _ in net.edges:
            fan_out[src] = fan_out.get(src, 0) + 1
        forks = sum(1 for n in fan_out.values() if n > 1)
        wide_console().print(f"graph: {len(net.edges)} edges, {forks} nodes feeding parallel branches")
