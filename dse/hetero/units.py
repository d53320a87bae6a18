"""Processing units and what every node of a graph costs on each: a CPU and an NPU, in milliseconds.

- **CPU** (:class:`CpuRoofline`): a roofline of peak MAC rate and memory bandwidth plus a fixed per-op overhead;
  ``a53`` is one Cortex-A53 core of the ZCU102 (1.2 GHz; NEON: four 32-bit MACs per cycle, ARM Cortex-A53 TRM;
  DDR4-2400 on a 64-bit bus, 19.2 GB/s peak, ZCU102 user guide UG1182) at an efficiency that is **calibrated** on
  the seed's sequential SqueezeNet time (202.72 ms; ``seed_tables.md``), not predicted. A profile CSV
  (:func:`read_profile`: ``node,time_us`` per node, as a profiler records them) replaces the roofline.
- **NPU** (:class:`Npu`): a design of our cost model at its clock. ``evta`` is the seed's EVTA: a VTA-style
  ``1 x 16 x 16`` int8 GEMM core (256 MACs/cycle as 16 clusters of 16 PEs, ``dla`` with ``ClusterSz`` 16) with
  VTA's default buffers (32 KiB input, 256 KiB weight, 128 KiB accumulator; VTA ``vta_config.json``) at 300 MHz
  (assumed); it runs only convolutions whose input and output channel counts divide by 16 (``seed_tables.md``).
  Other nodes fall back to the CPU. Its per-layer launch overhead is calibrated with the CPU's efficiency.
- **Transfers** between units: bytes over :data:`TRANSFER_GB_S` plus a synchronisation latency (``sync_us``).
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from npu_dse.cost_models.errors import FormatError, HardwareError
from npu_dse.cost_models.hardware import Hardware
from npu_dse.cost_models.workload import Layer, Network, Op

TRANSFER_GB_S = 4.0
"""Bandwidth of a CPU <-> NPU transfer through shared DDR (GB/s): a fifth of the ZCU102's 19.2 GB/s peak."""
SYNC_US = 50.0
"""Default synchronisation latency of one CPU <-> NPU hand-over (microseconds): a driver call and an interrupt."""


@dataclass(frozen=True)
class CpuRoofline:
    """A CPU as a roofline: ``time = max(MACs / (peak x efficiency), bytes / bandwidth) + overhead``.

    Attributes:
        name: preset name.
        peak_macs_per_s: peak MAC rate.
        mem_gb_s: memory bandwidth, GB/s.
        overhead_us: fixed cost of one op (dispatch), microseconds.
        efficiency: fraction of the peak MAC rate reached.
        source: where the numbers come from.
    """

    name: str
    peak_macs_per_s: float
    mem_gb_s: float
    overhead_us: float
    efficiency: float
    source: str
    profile: Mapping[str, float] = field(default_factory=dict)

    def layer_ms(self, layer: Layer, word_bytes: int = 4) -> float:
        """Milliseconds of one layer (a profiled time if the profile has the layer)."""
        if layer.name in self.profile:
            return self.profile[layer.name] / 1e3
        if self.profile:
            raise FormatError(f"CPU profile has no time for layer {layer.name!r}")
        compute = layer.macs / (self.peak_macs_per_s * self.efficiency)
        out = layer.N * layer.K * layer.Y_out * layer.X_out * layer.repeat
        inp = layer.N * layer.C * layer.Y * layer.X
        traffic = (out + inp + layer.weights) * word_bytes / (self.mem_gb_s * 1e9)
        return (max(compute, traffic) + self.overhead_us * 1e-6) * 1e3

    def node_ms(self, name: str) -> float:
        """Milliseconds of a non-layer node (pooling, concatenation, addition): its profiled time or the overhead."""
        if self.profile:
            return self.profile.get(name, 0.0) / 1e3
        return self.overhead_us / 1e3


CALIBRATED_CPU_EFFICIENCY = 0.5
"""The ``a53`` efficiency: calibrated together with :data:`CALIBRATED_NPU_OVERHEAD_US` on the seed's
SqueezeNet (sequential 202.72 ms, 11.12 % gain) by ``benchmarks/hetero_calibration.py``: a calibration, not a
prediction."""
CALIBRATED_NPU_OVERHEAD_US = 4000.0
"""The ``evta`` per-layer launch overhead (microseconds), calibrated with :data:`CALIBRATED_CPU_EFFICIENCY`."""

A53 = CpuRoofline("a53", 1.2e9 * 4, 19.2, 20.0, CALIBRATED_CPU_EFFICIENCY,
                  "Cortex-A53 at 1.2 GHz, NEON 4 x 32-bit MACs/cycle (ARM Cortex-A53 TRM); ZCU102 DDR4-2400 x64 "
                  "19.2 GB/s (UG1182); efficiency calibrated on the seed's SqueezeNet")
CPU_PRESETS: dict[str, CpuRoofline] = {"a53": A53}


@dataclass(frozen=True)
class Npu:
    """An NPU: a hardware point of our cost model, its dataflow and constants, and what it can run.

    Attributes:
        name: preset or design name.
        hardware: the design (clock included).
        dataflow: the dataflow it runs.
        constants: template constants.
        technology: technology name for the cost model.
        channel_block: convolutions (and GEMMs) run here only when input and output channels divide by this (0:
            any layer).
        overhead_us: fixed cost of launching one layer (runtime, instruction stream, cache flush), microseconds.
        times_ms: per-layer milliseconds of a design already costed (a search's evaluation); when given, the NPU
            runs exactly the layers it holds, at these times (plus ``overhead_us``).
        ops: the layer types it runs (EVTA, a GEMM core: convolutions and GEMMs; a design of ``dse run``: every
            type the cost model costs).
    """

    name: str
    hardware: Hardware
    dataflow: str
    constants: Mapping[str, int] = field(default_factory=dict)
    technology: str = "28nm"
    channel_block: int = 0
    overhead_us: float = 0.0
    times_ms: Mapping[str, float] = field(default_factory=dict)
    ops: tuple[Op, ...] = (Op.CONV, Op.GEMM)

    def supports(self, layer: Layer) -> bool:
        if self.times_ms:
            return layer.name in self.times_ms
        if self.channel_block and (layer.K % self.channel_block or (layer.C // layer.groups) % self.channel_block):
            return False
        return layer.op in self.ops

    def layer_ms(self, layer: Layer) -> float:
        """Milliseconds of ``layer`` on the NPU (``inf`` when it cannot run it)."""
        from npu_dse.cost_models.maestro import analyze_layer

        if not self.supports(layer):
            return math.inf
        if self.times_ms:
            return float(self.times_ms[layer.name]) + self.overhead_us / 1e3
        cost = analyze_layer(layer, self.dataflow, self.hardware, dict(self.constants) or None,
                             technology=self.technology)
        return float(cost.latency_ms[0]) + self.overhead_us / 1e3


EVTA = Npu("evta", Hardware(num_pes=256, l1_bytes=None, l2_bytes=(32 + 256 + 128) * 1024, noc_bw=16,
                            word_bytes=1, clock_mhz=300.0),
           "dla", {"ClusterSz": 16, "KTileSz": 1}, "28nm", channel_block=16,
           overhead_us=CALIBRATED_NPU_OVERHEAD_US)
NPU_PRESETS: dict[str, Npu] = {"evta": EVTA}


def npu_from_design(path: str | Path) -> Npu:
    """An NPU from a run directory or a design JSON of ``dse run`` (global or layer-sequential designs).

    Raises:
        FormatError: not a design, or a layer-pipelined one (many sub-accelerators are not one NPU).
    """
    from npu_dse.design import load_design

    doc = load_design(path)
    if doc["mode"] == "LP" and doc.get("per_layer"):
        raise FormatError(f"{path}: a layer-pipelined design is many sub-accelerators, not one NPU")
    d = doc["design"]
    hw = Hardware(num_pes=int(d["num_pes"]), l1_bytes=d.get("l1_bytes"), l2_bytes=d.get("l2_bytes"),
                  noc_bw=d["noc_bw"], offchip_bw=d.get("offchip_bw"), simd_lanes=int(d.get("simd_lanes", 1)),
                  word_bytes=int(d.get("word_bytes", 1)), clock_mhz=float(d["clock_mhz"]),
                  pe_rows=int(d.get("pe_rows") or 0))
    return Npu(Path(path).name, hw, str(d["dataflow"]), dict(d.get("constants") or {}),
               str(d.get("technology", "28nm")), ops=tuple(Op))


def read_profile(path: str | Path, network: Network, nodes: list[str]) -> CpuRoofline:
    """A CPU from a profile CSV with columns ``node`` and ``time_us`` (one row per graph node).

    Raises:
        FormatError: unreadable file, missing columns, a bad number, or nodes of the graph the profile lacks
            (named).
    """
    path = Path(path)
    try:
        with path.open(newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
    except (OSError, UnicodeDecodeError) as exc:
        raise FormatError(f"{path}: cannot read the CPU profile: {exc}") from None
    if not rows or not {"node", "time_us"} <= set(rows[0]):
        raise FormatError(f"{path}: a CPU profile needs the columns node, time_us")
    times: dict[str, float] = {}
    for i, row in enumerate(rows, start=2):
        try:
            t = float(row["time_us"])
        except (TypeError, ValueError):
            raise FormatError(f"{path}:{i}: time_us {row['time_us']!r} is not a number") from None
        if not t >= 0 or not math.isfinite(t):
            raise FormatError(f"{path}:{i}: time_us must be a finite number >= 0, got {t}")
        times[row["node"]] = t
    layers = {layer.name for layer in network.layers}
    missing = [n for n in nodes if n in layers and n not in times]
    if missing:
        shown = missing if len(missing) <= 8 else missing[:8] + ["..."]
        raise FormatError(f"{path}: the CPU profile lacks {len(missing)} layer(s) of {network.name!r}: "
                          f"{', '.join(shown)}")
    return CpuRoofline(path.stem, 1.0, 1.0, 0.0, 1.0, f"profile {path}", times)


def resolve_cpu(spec: str) -> CpuRoofline:
    """A CPU preset by name (the profile CSV case is :func:`read_profile`, ``host`` is
    :func:`npu_dse.hetero.host.host_profile`).

    Raises:
        HardwareError: an unknown preset (names the presets and the CSV form).
    """
    if spec in CPU_PRESETS:
        return CPU_PRESETS[spec]
    raise HardwareError(f"unknown CPU {spec!r}; allowed: {', '.join(CPU_PRESETS)}, host (this machine, measured), "
                        "or a profile .csv")


def cpu_for(spec: str, network: Network, *, model: str | None = None, seed: int = 0,
            refresh: bool = False) -> tuple[CpuRoofline, dict | None]:
    """The CPU ``spec`` names, for ``network``: a preset (:data:`CPU_PRESETS`), ``host`` (this machine, measured
    by :func:`npu_dse.hetero.host.host_profile`; when ``model``, the name the network was loaded from, is an ONNX
    file, that file is measured instead of the rebuilt network) or a profile CSV (:func:`read_profile`). Returns
    the CPU and, for ``host``, its whole-graph check.

    Raises:
        WorkloadError: the graph has a cycle. HardwareError: an unknown preset. FormatError: a bad profile.
    """
    from npu_dse.hetero.graph import build_graph

    if spec == "host":
        from npu_dse.hetero.host import host_profile

        build_graph(network)  # a cycle is refused before anything is measured
        onnx = model if model is not None and model.lower().endswith(".onnx") else None
        prof = host_profile(network, onnx, seed=seed, refresh=refresh)
        return prof.cpu(), {**prof.check, "cached": prof.cached, "machine": prof.machine, "repeats": prof.repeats,
                            "overhead_us": prof.overhead_us}
    if spec.endswith(".csv"):
        return read_profile(spec, network, list(build_graph(network).nodes)), None
    return resolve_cpu(spec), None


def resolve_npu(spec: str) -> Npu:
    """An NPU preset by name, or a run directory / design JSON.

    Raises:
        HardwareError: neither (names the presets).
    """
    if spec in NPU_PRESETS:
        return NPU_PRESETS[spec]
    if Path(spec).exists():
        return npu_from_design(spec)
    raise HardwareError(f"unknown NPU {spec!r}; allowed: {', '.join(NPU_PRESETS)}, a run directory or a design "
                        "JSON")


__all__ = ["A53", "CPU_PRESETS", "CpuRoofline", "EVTA", "NPU_PRESETS", "Npu", "SYNC_US", "TRANSFER_GB_S", "cpu_for",
           "npu_from_design", "read_profile", "resolve_cpu", "resolve_npu"]
