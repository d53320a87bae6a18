"""dse CLI commands of the cost model: ``dse maestro`` (a MAESTRO mapping file) and ``dse eval`` (a network with a
built-in dataflow). Both print a per-layer table (or write CSV with ``-o``) whose first columns are
``layer,runtime_cycles,energy_pj,l1_req_bytes,l2_req_bytes,area_um2,power_mw,macs,utilization``, then
``feasible,dataflow,latency_ms,area_mm2`` and the energy breakdown, and can write the network summary
(:func:`network_summary`) as JSON with ``--summary-json``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import numpy as np
import pandas as pd
import typer
from rich.console import Console
from rich.table import Table

from npu_dse.cost_models import dataflow as dataflow_mod
from npu_dse.cost_models import technology as technology_mod
from npu_dse.cost_models.errors import DataflowError, HardwareError
from npu_dse.cost_models.evaluator import energy_by_component, network_metrics
from npu_dse.cost_models.hardware import L2_TENSOR_FIELDS, Hardware
from npu_dse.cost_models.maestro import analyze_mapping, analyze_network, batch_rule, file_refusal
from npu_dse.cli.app import app

_SHOWN = ["layer", "runtime_cycles", "latency_ms", "energy_pj", "power_mw", "area_mm2", "l1_req_bytes",
          "l2_req_bytes", "macs", "utilization", "feasible"]

SUMMARY_KEYS: tuple[str, ...] = ("latency_cycles", "latency_ms", "inferences_per_s", "energy_pj", "area_mm2",
                                 "power_mw", "macs", "tops_per_w", "edp", "sram_bytes")
"""Keys of :func:`network_summary` besides ``technology``, ``hardware`` and ``energy_pj_by_component``."""


def network_summary(frame: pd.DataFrame, hardware: Hardware, technology, include_dram: bool = False) -> dict:
    """One accelerator running the table's layers one after another (layer-sequential), in physical terms.

    Args:
        frame: a per-layer table of :func:`npu_dse.cost_models.maestro.analyze_network` (one hardware point).
        hardware: the point.
        technology: the technology the table was costed with.
        include_dram: under ``technology: maestro``, whether ``energy_pj`` includes the DRAM term.

    Returns:
        :data:`SUMMARY_KEYS` (latency = the layers' sum; energy with leakage over it; power = energy / time;
        area of the hardware sized for the largest layer), ``energy_pj_by_component`` (``mac``, ``l1``, ``l2``,
        ``noc``, ``dram``, ``leakage``), ``technology`` and ``hardware``; ``mapping_by_layer`` (layer -> mapping
        label) when the table has a ``mapping`` column (:func:`npu_dse.cost_models.mapper.map_network`).
    """
    col = {c: frame[c].to_numpy(np.float64) for c in (
        "runtime_cycles", "energy_pj", "area_mm2", "power_mw", "num_pes", "sram_bytes", "macs", "leakage_mw",
        "mac_energy_pj", "l1_energy_pj", "l2_energy_pj", "noc_energy_pj", "dram_energy_pj", "leakage_energy_pj")}
    col["buffer_bytes"] = frame["l1_bytes"].to_numpy(np.float64)
    tech = technology_mod.resolve(technology)
    physical = isinstance(tech, technology_mod.PhysicalTechnology)
    if not (physical or include_dram):
        col["dram_energy_pj"] = np.zeros(len(frame))
    m = network_metrics(col, "LS", hardware.clock_mhz, physical)
    out = {k: m[k] for k in SUMMARY_KEYS}
    out["energy_pj_by_component"] = energy_by_component(m)
    out["technology"] = technology_mod.name_of(tech)
    if isinstance(tech, technology_mod.PhysicalTechnology):
        out["dram"] = tech.dram
    out["hardware"] = hardware.to_dict()
    if "mapping" in frame.columns:
        out["mapping_by_layer"] = dict(zip(frame["layer"].astype(str), frame["mapping"].astype(str)))
    return out


def _hardware(hw_file: Optional[Path], num_pes, l1_size, l2_size, noc_bw, offchip_bw, noc_hops, noc_hop_latency,
              simd_lanes, word_bits=None, clock_mhz=None, pe_rows=None, l2_buffers=None,
              maestro_file: bool = False) -> Hardware:
    """Hardware from an optional MAESTRO HW file, overridden by the flags given. With ``maestro_file`` (MAESTRO's
    constants) a bandwidth neither the file nor a flag gives is MAESTRO's for a file that leaves it out
    (:data:`npu_dse.cost_models.formats.maestro_m.HW_FILE_DEFAULTS`), so the file runs as ``maestro --HW_file``
    runs it."""
    fields: dict = {}
    if l2_buffers is not None:
        fields.update(_l2_buffers(l2_buffers))
    if hw_file is not None:
        from npu_dse.cost_models.formats.maestro_m import HW_FILE_DEFAULTS, read_hardware

        if maestro_file:
            fields.update(HW_FILE_DEFAULTS)
        for key, value in read_hardware(hw_file).items():
            fields[{"l1_size": "l1_bytes", "l2_size": "l2_bytes"}.get(key, key)] = value
    if word_bits is not None and (word_bits <= 0 or word_bits % 8):
        raise HardwareError(f"--word-bits {word_bits}: expected a positive multiple of 8 (8, 16, 32)")
    flags = {"num_pes": num_pes, "l1_bytes": l1_size, "l2_bytes": l2_size, "noc_bw": noc_bw,
             "offchip_bw": offchip_bw, "noc_hops": noc_hops, "noc_hop_latency": noc_hop_latency,
             "simd_lanes": simd_lanes, "word_bytes": None if word_bits is None else word_bits // 8,
             "clock_mhz": clock_mhz, "pe_rows": pe_rows}
    fields.update({k: v for k, v in flags.items() if v is not None})
    if "num_pes" not in fields:
        raise HardwareError("hardware field 'num_pes' is required: give --num-pes N or --hw HW.m")
    return Hardware(**fields)


def _l2_buffers(text: str) -> dict[str, int]:
    """``--l2-buffers IN,FILTER,OUT`` as the :class:`Hardware` fields of the separate buffers (``-``: none)."""
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != 3 or not all(p == "-" or (p.isdigit() and int(p) > 0) for p in parts):
        raise HardwareError(f"--l2-buffers {text!r}: expected IN,FILTER,OUT, each a number of bytes > 0 or '-' (the "
                            "tensor shares the rest of the L2), e.g. 2048,32768,2048")
    return {name: int(p) for name, p in zip(L2_TENSOR_FIELDS, parts) if p != "-"}


def _emit(frame: pd.DataFrame, output: Optional[Path], title: str, summary: dict,
          summary_json: Optional[Path]) -> None:
    from npu_dse.results import atomic_write_text, write_json

    if summary_json is not None:
        write_json(summary_json, summary)
    if output is not None:
        atomic_write_text(output, frame.to_csv(index=False))
        typer.echo(f"wrote {len(frame)} rows to {output}")
        return
    mapped = "mapping" in frame.columns
    console = Console()
    if not console.is_terminal:
        console = Console(width=max(console.width, 200 if mapped else 170))
    table = Table(title=title)
    shown = _SHOWN + (["mapping"] if mapped else [])
    for col in shown:
        table.add_column(col, justify="left" if col in ("layer", "mapping") else "right", no_wrap=col == "mapping")
    for row in frame[shown].itertuples(index=False):
        cells = []
        for col, v in zip(shown, row):
            if col in ("layer", "mapping"):
                cells.append(str(v))
            elif col == "feasible":
                cells.append("yes" if v else "NO")
            elif col == "utilization":
                cells.append(f"{v:.4f}")
            elif col in ("latency_ms", "area_mm2"):
                cells.append(f"{v:.4g}")
            else:
                cells.append(f"{v:,.0f}" if abs(v) >= 100 else f"{v:.4g}")
        table.add_row(*cells)
    s = summary
    table.add_row("NETWORK", f"{s['latency_cycles']:,.0f}", f"{s['latency_ms']:.4g}", f"{s['energy_pj']:,.0f}",
                  f"{s['power_mw']:,.4g}", f"{s['area_mm2']:.4g}", "", "", f"{s['macs']:,.0f}", "",
                  "yes" if frame.feasible.all() else "NO", *([""] if mapped else []))
    console.print(table)
    parts = ", ".join(f"{k} {v / s['energy_pj']:.1%}" for k, v in s["energy_pj_by_component"].items()
                      if s["energy_pj"] > 0)
    per_mac = f"{s['energy_pj'] / s['macs']:.4g}" if s["macs"] > 0 else "-"
    console.print(f"{s['technology']}: {s['inferences_per_s']:,.4g} inferences/s, {s['tops_per_w']:.4g} TOPS/W, "
                  f"{per_mac} pJ/MAC all-in; energy: {parts}")


MAP_OBJECTIVES: dict[str, str] = {"latency": "latency_cycles", "energy": "energy_pj", "edp": "edp"}
"""``dse eval --map`` values -> the objective each layer's mapping minimises
(:data:`npu_dse.cost_models.mapper.SCORE_COLUMN`)."""

_HW_HELP = ("MAESTRO hardware file (num_pes, l1_size_cstr, ...); flags override it. Under --technology maestro a "
            "bandwidth it leaves out is MAESTRO's for such a file (INT_MAX).")


# Options shared by `dse maestro` and `dse eval`.
HwFile = Annotated[Optional[Path], typer.Option("--hw", help=_HW_HELP)]
NumPes = Annotated[Optional[int], typer.Option("--num-pes", help="Number of PEs (required unless --hw gives it).")]
L1Size = Annotated[Optional[int], typer.Option(
    "--l1-size", help="Provisioned L1 per PE, bytes (default: the layer's requirement, unconstrained).")]
L2Size = Annotated[Optional[int], typer.Option(
    "--l2-size", help="Provisioned L2, bytes (default: the layer's requirement, unconstrained).")]
NocBw = Annotated[Optional[float], typer.Option(
    "--noc-bw", help="NoC bandwidth, elements/cycle (default: 64, a 512-bit bus of 8-bit words).")]
OffchipBw = Annotated[Optional[float], typer.Option(
    "--offchip-bw", help="Off-chip bandwidth, elements/cycle (default: the DRAM preset's peak at the clock; "
                         "70000 under --technology maestro).")]
NocHops = Annotated[Optional[int], typer.Option("--noc-hops", help="NoC hops (default: 1).")]
NocHopLatency = Annotated[Optional[int], typer.Option("--noc-hop-latency", help="Cycles per NoC hop (default: 1).")]
SimdLanes = Annotated[Optional[int], typer.Option("--simd-lanes", help="SIMD lanes per PE (default: 1).")]
WordBits = Annotated[Optional[int], typer.Option("--word-bits", help="Operand width in bits, 8 or 16 (default: 8).")]
ClockMhz = Annotated[Optional[float], typer.Option("--clock-mhz", help="Clock, MHz (default: 1000).")]
PeRows = Annotated[Optional[int], typer.Option(
    "--pe-rows", help="Rows of the PE array, a divisor of --num-pes (systolic dataflows run on rows x num_pes/rows; "
                      "default: the squarest array).")]
Dram = Annotated[Optional[str], typer.Option(
    "--dram", help=f"Off-chip memory preset: {', '.join(technology_mod.DRAM_PRESETS)} (default: lpddr4).")]
L2Buffers = Annotated[Optional[str], typer.Option(
    "--l2-buffers", help="Separate input, filter and output buffers inside --l2-size, bytes, as IN,FILTER,OUT ('-': "
                         "the tensor shares the rest of the L2), e.g. 2048,32768,2048 (DianNao's NBin, SB, NBout); "
                         "under a process node each tensor's L2 accesses cost its own buffer's energy (default: one "
                         "global buffer).")]
MaestroCompat = Annotated[bool, typer.Option("--maestro-compat", help="Report MAESTRO's numbers bug for bug.")]
IncludeDram = Annotated[bool, typer.Option(
    "--include-dram", help="Under --technology maestro, add DRAM energy to energy_pj (a node always includes it).")]
OutputCsv = Annotated[Optional[Path], typer.Option("-o", "--output", help="Write the full table as CSV.")]
SummaryJson = Annotated[Optional[Path], typer.Option(
    "--summary-json", help="Write the network summary (latency_ms, inferences_per_s, energy_pj, area_mm2, "
                           "power_mw, macs, tops_per_w, energy_pj_by_component, ...) as JSON.")]
_TECH_HELP = f"Technology: {', '.join(technology_mod.NAMES)}"


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
    word_bits: WordBits = None,
    clock_mhz: ClockMhz = None,
    technology: str = typer.Option("maestro", "--technology", "-t", help=_TECH_HELP + "."),
    dram: Dram = None,
    maestro_compat: MaestroCompat = False,
    include_dram: IncludeDram = False,
    output: OutputCsv = None,
    summary_json: SummaryJson = None,
) -> None:
    """Run the cost model on a MAESTRO mapping file, as MAESTRO would, and print a per-layer table.

    ``MAPPING`` may also be a directory of ``<name>.m`` files each with its ``<name>_hw.m`` beside it (a
    layer-pipelined export): every file runs on its own hardware, in name order."""
    tech = technology_mod.resolve(technology, dram)
    physical = isinstance(tech, technology_mod.PhysicalTechnology)
    if mapping.is_dir():
        pairs = [(m, m.with_name(f"{m.stem}_hw.m")) for m in sorted(mapping.glob("*.m"))
                 if not m.stem.endswith("_hw")]
        missing = [str(h.name) for _, h in pairs if not h.is_file()]
        if not pairs or missing:
            raise HardwareError(f"{mapping}: a directory of mapping files needs each <name>.m with its "
                                f"<name>_hw.m; " + (f"missing {', '.join(missing[:5])}" if missing else "none found"))
        frames = []
        for m, h in pairs:
            hardware = _hardware(h, num_pes, l1_size, l2_size, noc_bw, offchip_bw, noc_hops, noc_hop_latency,
                                 simd_lanes, word_bits, clock_mhz, maestro_file=not physical)
            frames.append(analyze_mapping(m, hardware, compat=maestro_compat, technology=tech,
                                          include_dram=include_dram))
        frame = pd.concat(frames, ignore_index=True)
        _emit(frame, output, f"{mapping.name}: {len(pairs)} sub-accelerators",
              network_summary(frame, hardware, tech, include_dram), summary_json)
        return
    hardware = _hardware(hw, num_pes, l1_size, l2_size, noc_bw, offchip_bw, noc_hops, noc_hop_latency, simd_lanes,
                         word_bits, clock_mhz, maestro_file=not physical)
    frame = analyze_mapping(mapping, hardware, compat=maestro_compat, technology=tech, include_dram=include_dram)
    _emit(frame, output, f"{mapping.name} on {hardware.num_pes} PEs",
          network_summary(frame, hardware, tech, include_dram), summary_json)


def _maestro_file_rules(mapping, model: str, network, dataflow: str) -> set[str]:
    """For a MAESTRO model file (``mapping``, read from ``model``) under a MAESTRO dataflow file, run with
    ``--maestro-compat``: the layers of ``network`` (the file's, perhaps a ``--layers`` slice) that MAESTRO runs
    unbatched in the mapping file its frontend (``tools/frontend/modelfile_to_mapping.py``) writes from the two
    (:func:`npu_dse.cost_models.maestro.batch_rule`). A built-in template needs no such rule: it runs the batch as an
    outer loop, and its MAESTRO export is written to match.

    Raises:
        DataflowError: a file MAESTRO does not run (:func:`npu_dse.cost_models.maestro.file_refusal`).
    """
    names = [layer.name for layer in network.layers]
    flow_text = Path(dataflow).read_text(encoding="utf-8", errors="replace")  # DSCONVs run the frontend's dpt.m
    texts = {name: flow_text for name in names if mapping.layer_types[name] != "DSCONV"}
    refusal = file_refusal(f"{model} (under {dataflow})", names, mapping.layer_types, mapping.dimensions, texts)
    if refusal:
        raise DataflowError(refusal)
    rule = batch_rule(names, mapping.layer_types, mapping.dimensions)
    return {name for name, what in rule.items() if what == "unbatched"}


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
                                 help=f"Built-in dataflow: {', '.join(dataflow_mod.names())}; or a MAESTRO "
                                      "dataflow file (.m, a Dataflow block; depthwise layers run dpt)."),
    constant: list[str] = typer.Option([], "--constant", "-c", help="Template constant NAME=VALUE (repeatable)."),
    layers: Optional[str] = typer.Option(None, "--layers", help="Only these layers: a slice START:STOP, e.g. 0:8."),
    hw: HwFile = None,
    num_pes: NumPes = None,
    l1_size: L1Size = None,
    l2_size: L2Size = None,
    noc_bw: NocBw = None,
    offchip_bw: OffchipBw = None,
    noc_hops: NocHops = None,
    noc_hop_latency: NocHopLatency = None,
    simd_lanes: SimdLanes = None,
    word_bits: WordBits = None,
    clock_mhz: ClockMhz = None,
    pe_rows: PeRows = None,
    l2_buffers: L2Buffers = None,
    technology: str = typer.Option(technology_mod.DEFAULT.name, "--technology", "-t", help=_TECH_HELP + "."),
    dram: Dram = None,
    maestro_compat: MaestroCompat = False,
    include_dram: IncludeDram = False,
    output: OutputCsv = None,
    summary_json: SummaryJson = None,
    map_objective: Optional[str] = typer.Option(
        None, "--map", help="Run each layer at its best mapping (template constants not given by --constant, or a "
        f"systolic layer's stationary operand), chosen for: {', '.join(MAP_OBJECTIVES)}; the table shows it."),
) -> None:
    """Evaluate every layer of a network with a built-in dataflow (or a MAESTRO dataflow file) and print a per-layer
    table and its summary."""
    from npu_dse.cli.workload import resolve_network

    tech = technology_mod.resolve(technology, dram)
    mapping = None  # a MAESTRO model file's layer types and dimensions as written, for --maestro-compat
    if maestro_compat and Path(model).suffix.lower() == ".m" and dataflow_mod.get(dataflow).unmapped == "maestro":
        from npu_dse.cost_models.formats.maestro_m import read_mapping

        mapping = read_mapping(model)
        network = mapping.network
    else:
        network = resolve_network(model)
    if layers is not None:
        network = network.select(layers)
    hardware = _hardware(hw, num_pes, l1_size, l2_size, noc_bw, offchip_bw, noc_hops, noc_hop_latency, simd_lanes,
                         word_bits, clock_mhz, pe_rows, l2_buffers,
                         maestro_file=not isinstance(tech, technology_mod.PhysicalTechnology))
    constants = _constants(constant)
    known = dataflow_mod.get(dataflow).constants
    unknown = sorted(set(constants) - known)
    if unknown:
        raise DataflowError(f"--constant {', '.join(unknown)}: dataflow {dataflow!r} has no such constant; its "
                            f"constants: {', '.join(sorted(known)) or 'none'}")
    unbatched = _maestro_file_rules(mapping, model, network, dataflow) if mapping is not None else set()
    if map_objective is None:
        frame = analyze_network(network, dataflow, hardware, constants or None, compat=maestro_compat,
                                technology=tech, include_dram=include_dram, unbatched=unbatched)
    elif map_objective not in MAP_OBJECTIVES:
        raise DataflowError(f"--map {map_objective!r}: allowed: {', '.join(MAP_OBJECTIVES)}")
    elif unbatched:
        first = next(layer.name for layer in network.layers if layer.name in unbatched)
        raise DataflowError(f"{model}: layer {first!r} lists a batch N its type's first layer does "
                            "not, so MAESTRO runs it unbatched, which --map does not model under --maestro-compat; "
                            "run it without --map or without --maestro-compat")
    else:
        from npu_dse.cost_models.mapper import map_network

        frame = map_network(network, dataflow, hardware, MAP_OBJECTIVES[map_objective], constants,
                            technology=tech, compat=maestro_compat, include_dram=include_dram)
    _emit(frame, output, f"{network.name}, {dataflow} on {hardware.num_pes} PEs ({technology_mod.name_of(tech)})",
          network_summary(frame, hardware, tech, include_dram), summary_json)
