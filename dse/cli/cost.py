"""dse CLI commands of the cost model: ``dse maestro`` (a MAESTRO mapping file) and ``dse eval`` (a network with a
built-in dataflow). Both print a per-layer table (or write CSV with ``-o``) whose first columns are
``layer,runtime_cycles,energy_pj,l1_req_bytes,l2_req_bytes,area_um2,power_mw,macs,utilization``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import pandas as pd
import typer
from rich.console import Console
from rich.table import Table

from npu_dse.cost_models import dataflow as dataflow_mod
from npu_dse.cost_models.errors import DataflowError, HardwareError
from npu_dse.cost_models.hardware import Hardware
from npu_dse.cost_models.maestro import COLUMNS, analyze_mapping, analyze_network
from npu_dse.cli.app import app

_SHOWN = list(COLUMNS) + ["feasible"]


def _hardware(hw_file: Optional[Path], num_pes, l1_size, l2_size, noc_bw, offchip_bw, noc_hops, noc_hop_latency,
              simd_lanes) -> Hardware:
    """Hardware from an optional MAESTRO HW file, overridden by the flags given."""
    fields: dict = {}
    if hw_file is not None:
        from npu_dse.cost_models.formats.maestro_m import read_hardware

        for key, value in read_hardware(hw_file).items():
            fields[{"l1_size": "l1_bytes", "l2_size": "l2_bytes"}.get(key, key)] = value
    flags = {"num_pes": num_pes, "l1_bytes": l1_size, "l2_bytes": l2_size, "noc_bw": noc_bw,
             "offchip_bw": offchip_bw, "noc_hops": noc_hops, "noc_hop_latency": noc_hop_latency,
             "simd_lanes": simd_lanes}
    fields.update({k: v for k, v in flags.items() if v is not None})
    if "num_pes" not in fields:
        raise HardwareError("hardware field 'num_pes' is required: give --num-pes N or --hw HW.m")
    return Hardware(**fields)


def _emit(frame: pd.DataFrame, output: Optional[Path], title: str) -> None:
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        tmp = output.with_name(output.name + ".tmp")
        frame.to_csv(tmp, index=False)
        tmp.replace(output)
        typer.echo(f"wrote {len(frame)} rows to {output}")
        return
    console = Console()
    if not console.is_terminal:
        console = Console(width=max(console.width, 170))
    table = Table(title=title)
    for col in _SHOWN:
        table.add_column(col, justify="left" if col == "layer" else "right")
    for row in frame[_SHOWN].itertuples(index=False):
        cells = []
        for col, v in zip(_SHOWN, row):
            if col == "layer":
                cells.append(str(v))
            elif col == "feasible":
                cells.append("yes" if v else "NO")
            elif col == "utilization":
                cells.append(f"{v:.4f}")
            else:
                cells.append(f"{v:,.0f}" if abs(v) >= 100 else f"{v:.4g}")
        table.add_row(*cells)
    tot = frame[["runtime_cycles", "energy_pj", "macs"]].sum()
    table.add_row("TOTAL", f"{tot.runtime_cycles:,.0f}", f"{tot.energy_pj:,.0f}", "", "", "", "", f"{tot.macs:,.0f}",
                  "", "yes" if frame.feasible.all() else "NO")
    console.print(table)


_HW_HELP = "MAESTRO hardware file (num_pes, l1_size_cstr, ...); flags override it."


# Options shared by `dse maestro` and `dse eval`.
HwFile = Annotated[Optional[Path], typer.Option("--hw", help=_HW_HELP)]
NumPes = Annotated[Optional[int], typer.Option("--num-pes", help="Number of PEs.")]
L1Size = Annotated[Optional[int], typer.Option("--l1-size", help="Provisioned L1 per PE, bytes.")]
L2Size = Annotated[Optional[int], typer.Option("--l2-size", help="Provisioned L2, bytes.")]
NocBw = Annotated[Optional[float], typer.Option("--noc-bw", help="NoC bandwidth, elements/cycle.")]
OffchipBw = Annotated[Optional[float], typer.Option("--offchip-bw", help="Off-chip bandwidth, elements/cycle.")]
NocHops = Annotated[Optional[int], typer.Option("--noc-hops", help="NoC hops.")]
NocHopLatency = Annotated[Optional[int], typer.Option("--noc-hop-latency", help="Cycles per NoC hop.")]
SimdLanes = Annotated[Optional[int], typer.Option("--simd-lanes", help="SIMD lanes per PE.")]
MaestroCompat = Annotated[bool, typer.Option("--maestro-compat", help="Report MAESTRO's numbers bug for bug.")]
IncludeDram = Annotated[bool, typer.Option("--include-dram", help="Add DRAM energy to energy_pj.")]
OutputCsv = Annotated[Optional[Path], typer.Option("-o", "--output", help="Write the full table as CSV.")]


@app.command("maestro")
def maestro(
    mapping: Path = typer.Argument(..., help="MAESTRO mapping file (.m) with a Dataflow block per layer."),
    hw: HwFile = None,
    num_pes: NumPes = None,
    l1_size: L1Size = None,
    l2_size: L2Size = None,
    noc_bw: NocBw = None,
    offchip_bw: OffchipBw = None,
    noc_hops: NocHops = None,
    noc_hop_latency: NocHopLatency = None,
    simd_lanes: SimdLanes = None,
    maestro_compat: MaestroCompat = False,
    include_dram: IncludeDram = False,
    output: OutputCsv = None,
) -> None:
    """Run the cost model on a MAESTRO mapping file, as MAESTRO would, and print a per-layer table."""
    hardware = _hardware(hw, num_pes, l1_size, l2_size, noc_bw, offchip_bw, noc_hops, noc_hop_latency, simd_lanes)
    frame = analyze_mapping(mapping, hardware, compat=maestro_compat, include_dram=include_dram)
    _emit(frame, output, f"{mapping.name} on {hardware.num_pes} PEs")


def _constants(values: list[str]) -> dict[str, int]:
    out = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name or not value.strip().lstrip("-").isdigit():
            raise DataflowError(f"--constant {item!r}: expected NAME=INTEGER, e.g. KTileSz=8")
        out[name.strip()] = int(value)
    return out


@app.command("eval")
def evaluate(
    model: str = typer.Argument(..., help="A built-in network (dse models) or a model file (.onnx, .m, .csv)."),
    dataflow: str = typer.Option("kcp_ws", "--dataflow", "-d",
                                 help=f"Built-in dataflow: {', '.join(dataflow_mod.names())}."),
    constant: list[str] = typer.Option([], "--constant", "-c", help="Template constant NAME=VALUE (repeatable)."),
    hw: HwFile = None,
    num_pes: NumPes = None,
    l1_size: L1Size = None,
    l2_size: L2Size = None,
    noc_bw: NocBw = None,
    offchip_bw: OffchipBw = None,
    noc_hops: NocHops = None,
    noc_hop_latency: NocHopLatency = None,
    simd_lanes: SimdLanes = None,
    maestro_compat: MaestroCompat = False,
    include_dram: IncludeDram = False,
    output: OutputCsv = None,
) -> None:
    """Evaluate every layer of a network with a built-in dataflow and print a per-layer table."""
    from npu_dse.cli.workload import resolve_network

    network = resolve_network(model)
    hardware = _hardware(hw, num_pes, l1_size, l2_size, noc_bw, offchip_bw, noc_hops, noc_hop_latency, simd_lanes)
    frame = analyze_network(network, dataflow, hardware, _constants(constant) or None, compat=maestro_compat,
                            include_dram=include_dram)
    _emit(frame, output, f"{network.name}, {dataflow} on {hardware.num_pes} PEs")
