"""A physical technology model: per-access energies, areas and leakage at a real process node, in real units.

:class:`PhysicalTechnology` prices what the MAESTRO-style engine counts (MACs, L1/L2 accesses per tensor, off-chip
traffic, runtime) and what a design provisions (PEs, L1 per PE, L2, NoC width):

==========  ===================================================================================================
MAC         an array multiplier of ``word_bits - 1`` ripple-carry adders of ``word_bits`` bits (its rows of
            partial products) and an accumulator adder of :data:`ACCUMULATOR_BITS` ``[word_bits]`` bits, each
            adder NeuroSim's (``logic.csv``, :data:`MAC_ADDER`), at the node's own supply (:meth:`mac`).
L1          per-PE scratchpad: a flip-flop register file (``regfile_ff_aladdin``) up to
            :data:`REGFILE_MAX_BYTES`, a CACTI SRAM above; one access moves one ``word_bits`` element, priced as
            the table's narrowest port (32 bits) pro rata. Costs never fall as capacity grows: above the register
            file's largest size, each quantity is at least the register file's value there.
L2          global buffer: a CACTI SRAM whose port is ``noc_bw x word_bits`` wide, clipped to the table's widths
            (32-256 bits); an element access costs the port access pro rata. Above the table's largest macro
            (8 MiB), equal banks.
NoC         wires: every L2 read or write crosses the array once, ``noc_hops x`` the side of the PE array, at
            :data:`WIRE_ENERGY_PJ_PER_BIT_MM`; the wiring area is a spine and row buses of ``noc_bw x word_bits``
            wires at the node's :data:`WIRE_PITCH_UM`, twice the array side long.
DRAM        ``dram.csv`` energy per bit (LPDDR4, HBM2 from hwcomponents; DDR4 from Horowitz, ISSCC 2014) on the
            off-chip traffic the cost model counts (a tensor the L2 keeps once, one it cannot once per use:
            :func:`npu_dse.cost_models.systolic.capacity_schedule`, :mod:`npu_dse.cost_models.maestro.offchip`);
            the preset's peak bandwidth sets the default off-chip bandwidth.
leakage     of every provisioned MAC and memory, over the run's time.
area        (MACs + L1s + L2 + NoC wiring) x (1 + :data:`AREA_OVERHEAD`) for control, clock tree, placement
            density; the overhead is calibrated on Eyeriss (``benchmarks/silicon.py``).
==========  ===================================================================================================

Energy is dynamic + leakage; power is energy over time, so ``power_mw * latency_ms * 1e6 == energy_pj``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from npu_dse.cost_models.errors import HardwareError
import npu_dse.cost_models.technology.tables as tables

NODES_NM: tuple[int, ...] = (65, 45, 40, 32, 28, 22, 16, 14, 12, 10, 7)
"""Process nodes of the generated tables: CACTI's own 65, 45, 32 and 22 nm; 40 and 28 nm, hwcomponents'
interpolation of the CACTI nodes around them; 16 to 7 nm (FinFET), hwcomponents' scaling of CACTI's 22 nm SRAM
(``memory.csv``'s header) with NeuroSim's FinFET logic (14, 10 and 7 nm native, 16 and 12 nm interpolated)."""

ACCUMULATOR_BITS: dict[int, int] = {8: 32, 16: 48, 32: 64}
"""Accumulator width of the MAC for each operand width (int8 MACs accumulate in 32 bits, as Gemmini and the TPU)."""

MAC_ADDER = "NeuroSimAdder (hwcomponents_neurosim.Adder)"
"""The ``logic.csv`` component every adder of a MAC is priced as (:meth:`PhysicalTechnology.mac`): NeuroSim's
ripple-carry adder (Peng et al., IEDM 2019; 9 NAND2 per bit, PTM low-power devices at each node's supply)."""

REGFILE_MAX_BYTES = 1024
"""L1 capacities up to this are flip-flop register files; larger ones are SRAM macros."""

SUPPLY_V: dict[int, float] = {65: 1.0, 45: 0.9, 40: 0.9, 32: 0.9, 28: 0.9, 22: 0.8, 16: 0.8, 14: 0.8,
                               12: 0.775, 10: 0.75, 7: 0.7}
"""Nominal core supply (V) per node, for wire energy (Eyeriss: 1.0 V at 65 nm; foundry nominal elsewhere; 16 to 7 nm:
the supplies of NeuroSim's FinFET devices the logic table is priced at, ``hwcomponents_neurosim``
``drop_in/Technology.cpp``: 0.8 V at 14 nm, 0.75 V at 10 nm, 0.7 V at 7 nm; 12 nm between 10 and
14)."""

WIRE_CAP_PF_PER_MM = 0.2
"""On-chip wire capacitance, about 0.2 pF/mm at every node (Ho, Mai & Horowitz, Proc. IEEE 89(4), 2001)."""

WIRE_ENERGY_PJ_PER_BIT_MM: dict[int, float] = {n: 0.5 * WIRE_CAP_PF_PER_MM * v * v for n, v in SUPPLY_V.items()}
"""Energy to move one bit 1 mm: activity 0.5 x C x V^2 (0.1 pJ/bit/mm at 1.0 V; Keckler et al., IEEE Micro 31(5),
2011, Table 1: a 256-bit 10 mm bus costs 310 pJ at 40 nm, 0.12 pJ/bit/mm)."""

WIRE_PITCH_UM: dict[int, float] = {65: 0.28, 45: 0.20, 40: 0.173, 32: 0.13, 28: 0.12, 22: 0.10, 16: 0.072,
                                    14: 0.0625, 12: 0.054, 10: 0.045, 7: 0.045}
"""Intermediate-metal wire pitch (um) per node (ITRS 2011 interconnect tables, intermediate wiring). 40 nm: linear
between 45 and 32 nm, as the tables interpolate; 16 to 7 nm: 22 nm's scaled by NeuroSim's wire width per node
(``drop_in/Param.cpp``: 40 nm wide at 22 nm, 25 at 14, 18 at 10 and 7; 16 and 12 nm interpolated)."""

MAX_L2_BYTES = 1 << 30
"""The largest global buffer (bytes) the model prices: 1 GiB, in banks of the SRAM table's largest macro."""

AREA_OVERHEAD = 0.154260514409
"""Fraction added to the summed component areas for control, clock tree and placement density: calibrated so that
Eyeriss (65 nm, 168 PEs; JSSC 2017) comes out at its 12.25 mm² core
(:func:`npu_dse.cost_models.technology.silicon.calibrated_area_overhead`; ``tests/test_technology.py`` checks
that the two agree). The only fitted number of the model."""


@dataclass(frozen=True)
class DramPreset:
    """An off-chip memory interface: energy per bit moved and peak bandwidth.

    Attributes:
        name: preset name.
        energy_pj_per_bit: energy per bit read or written (interface and array).
        bandwidth_gb_s: peak bandwidth of the preset's configuration, GB/s (1e9 bytes/s).
        source: where the numbers come from.
    """

    name: str
    energy_pj_per_bit: float
    bandwidth_gb_s: float
    source: str


def _dram_energy(dram_type: str) -> float:
    t = tables.table("dram.csv")
    return float(t.loc[t.dram_type == dram_type, "energy_pj_per_bit"].iloc[0])


DRAM_PRESETS: dict[str, DramPreset] = {
    "lpddr4": DramPreset("lpddr4", _dram_energy("LPDDR4"), 12.8,
                         "energy: dram.csv (hwcomponents LPDDR4); bandwidth: LPDDR4-3200, 32-bit bus (JESD209-4)"),
    "ddr4": DramPreset("ddr4", 1300.0 / 64, 25.6,
                       "energy: Horowitz, ISSCC 2014 (a 64-bit DRAM read 1.3-2.6 nJ; the low end); "
                       "bandwidth: DDR4-3200, 64-bit channel (JESD79-4)"),
    "hbm2": DramPreset("hbm2", _dram_energy("HBM2"), 256.0,
                       "energy: dram.csv (hwcomponents HBM2); bandwidth: one HBM2 stack, 1024 bits at 2 Gb/s "
                       "(JESD235)"),
}
"""Off-chip memory presets by name."""


def parse_node(node: "str | int") -> int:
    """A node in nm from ``28``, ``"28"`` or ``"28nm"``.

    Raises:
        HardwareError: anything else, or a node the tables lack (names the allowed ones).
    """
    allowed = ", ".join(f"{n}nm" for n in NODES_NM)
    text = str(node).strip().lower()
    if text.endswith("nm"):
        text = text[:-2].strip()
    if not text.isdigit() or int(text) not in NODES_NM:
        raise HardwareError(f"unknown technology node {node!r}; allowed: {allowed}, maestro")
    return int(text)


@dataclass(frozen=True)
class PhysicalTechnology:
    """Energy, area and leakage at a process node from the generated tables (module docstring).

    Args:
        node_nm: process node in nm, one of :data:`NODES_NM` (``"28nm"`` accepted).
        dram: off-chip memory preset, a key of :data:`DRAM_PRESETS`.

    Raises:
        HardwareError: an unknown node or DRAM preset (the message names the allowed values).
    """

    node_nm: int = 28
    dram: str = "lpddr4"

    def __post_init__(self) -> None:
        object.__setattr__(self, "node_nm", parse_node(self.node_nm))
        if self.dram not in DRAM_PRESETS:
            raise HardwareError(f"unknown DRAM preset {self.dram!r}; allowed: {', '.join(DRAM_PRESETS)}")

    @property
    def name(self) -> str:
        """``"<node>nm"``."""
        return f"{self.node_nm}nm"

    @property
    def dram_preset(self) -> DramPreset:
        return DRAM_PRESETS[self.dram]

    def to_dict(self) -> dict:
        return {"node": self.name, "dram": self.dram}

    # ------------------------------------------------------------------ components
    def mac(self, word_bits: int) -> dict[str, float]:
        """One MAC unit for ``word_bits`` operands: ``energy_pj`` per MAC, ``area_um2``, ``leakage_mw``.

        An array multiplier is ``n - 1`` rows of ``n``-bit adders summing the ``n`` partial products (N. Weste,
        D. Harris, *CMOS VLSI Design*, 4th ed., 2011, §11.9); with the accumulator, a MAC is
        ``n (n - 1) + ACCUMULATOR_BITS[n]`` full-adder bits. Each bit is priced as NeuroSim's ripple-carry adder
        (:data:`MAC_ADDER` rows of ``logic.csv``: generated, linear in width within 1 %), per bit of its widest
        row. The AND gates that form the partial products are not counted (NeuroSim has no gate model). Checked
        against M. Horowitz, ISSCC 2014, at 45 nm: 0.23 pJ for an 8-bit multiply (Horowitz 0.2) and 4.0 pJ for a
        32-bit one (3.1); the table's Aladdin multiplier (``AladdinMultiplier``, 40 nm synthesis data scaled at a
        fixed 0.8 V) is 4-5x Horowitz's and is not used (``benchmarks/results/silicon.md``).

        Raises:
            HardwareError: a width the table lacks (names the widths it has).
        """
        have = tables.logic_widths(MAC_ADDER, self.node_nm)
        acc_bits = ACCUMULATOR_BITS.get(int(word_bits))
        if int(word_bits) not in have or acc_bits is None:
            widths = sorted(set(have) & set(ACCUMULATOR_BITS))
            raise HardwareError(f"the technology table has no {word_bits}-bit MAC at {self.name}; word widths it "
                                f"has: {', '.join(map(str, widths))} bits")
        widest = tables.logic(MAC_ADDER, self.node_nm, have[-1], None)
        adder_bits = int(word_bits) * (int(word_bits) - 1) + acc_bits
        return {"energy_pj": widest["energy_pj_per_op"] / have[-1] * adder_bits,
                "area_um2": widest["area_um2"] / have[-1] * adder_bits,
                "leakage_mw": widest["leakage_mw"] / have[-1] * adder_bits}

    def l1(self, capacity_bytes: np.ndarray, word_bits: int) -> dict[str, np.ndarray]:
        """Per-PE L1 of ``capacity_bytes`` (array): energy per element read/written (pJ), area (um^2), leakage (mW).

        Raises:
            HardwareError: a capacity above the SRAM table's largest (names the range).
        """
        cap = np.asarray(capacity_bytes, dtype=np.float64)
        rf_lo, _ = tables.capacity_range("regfile_ff_aladdin", self.node_nm, 32)
        rf_hi = REGFILE_MAX_BYTES
        rf = tables.memory("regfile_ff_aladdin", self.node_nm, 32, np.clip(cap, rf_lo, rf_hi))
        big = cap > rf_hi
        out = rf
        if np.any(big):
            lo, hi = tables.capacity_range("sram", self.node_nm, 32)
            if np.any(cap > hi):
                raise HardwareError(f"L1 of {cap.max():g} bytes per PE is outside the technology table's range "
                                    f"1..{hi} bytes ({self.name})")
            sram = tables.memory("sram", self.node_nm, 32, np.clip(cap, lo, hi))
            top = tables.memory("regfile_ff_aladdin", self.node_nm, 32, np.array(float(rf_hi)))
            out = {q: np.where(big, np.maximum(sram[q], top[q]), rf[q]) for q in tables.MEMORY_QUANTITIES}
        scale = word_bits / 32.0
        return {"read_pj": out["read_energy_pj"] * scale, "write_pj": out["write_energy_pj"] * scale,
                "area_um2": out["area_um2"], "leakage_mw": out["leakage_mw"]}

    def l2(self, capacity_bytes: np.ndarray, port_bits: np.ndarray, word_bits: int) -> dict[str, np.ndarray]:
        """Global buffer (L2) SRAM of ``capacity_bytes`` with ports ``port_bits`` wide (arrays of one shape).

        The port is clipped to the table's widths (rounded down to a power of two). A buffer larger than the
        table's largest macro is built of equal banks no larger than it: an access costs one bank's, area and
        leakage add up. Capacities below the table's smallest cost as the smallest. Returns energy per element
        read/written (pJ), area (um^2), leakage (mW).

        Raises:
            HardwareError: a capacity above :data:`MAX_L2_BYTES`.
        """
        cap = np.asarray(capacity_bytes, dtype=np.float64)
        if np.any(cap > MAX_L2_BYTES):
            raise HardwareError(f"L2 of {cap.max():g} bytes is above the largest on-chip buffer the technology "
                                f"model builds ({MAX_L2_BYTES} bytes, banks of the SRAM table's largest macro)")
        ws = tables.widths("sram", self.node_nm)
        lo, hi = tables.capacity_range("sram", self.node_nm, ws[0])
        banks = np.ceil(cap / hi)
        bank = np.clip(cap / np.maximum(banks, 1.0), lo, hi)
        port = np.clip(np.asarray(port_bits, dtype=np.float64), ws[0], ws[-1])
        port = np.broadcast_to(port, cap.shape)
        out = {k: np.empty(cap.shape) for k in ("read_pj", "write_pj", "area_um2", "leakage_mw")}
        for w in ws:
            sel = (port >= w) & (port < 2 * w) if w != ws[-1] else port >= w
            if not np.any(sel):
                continue
            m = tables.memory("sram", self.node_nm, w, bank[sel])
            n = np.maximum(banks[sel], 1.0)
            out["read_pj"][sel] = m["read_energy_pj"] * word_bits / w
            out["write_pj"][sel] = m["write_energy_pj"] * word_bits / w
            out["area_um2"][sel] = m["area_um2"] * n
            out["leakage_mw"][sel] = m["leakage_mw"] * n
        return out

    def _l2_per_tensor(self, l2_bytes: np.ndarray, tensor_bytes: np.ndarray, port_bits: np.ndarray, word_bits: int,
                       counts: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        """:meth:`layer_cost`'s L2 built of separate input, filter and output buffers (``tensor_bytes``, shape
        ``(3, n)``, 0 = the tensor shares the rest of ``l2_bytes``): the energy of every tensor's L2 accesses at its
        own buffer (``energy_pj``), and the area (um^2) and leakage (mW) summed over the buffers; ``read_pj`` and
        ``write_pj`` are 0 (the energy is per tensor)."""
        shared_bytes = l2_bytes - tensor_bytes.sum(axis=0)
        shared = self.l2(np.maximum(shared_bytes, 1.0), port_bits, word_bits)
        has_shared = shared_bytes >= 1.0
        energy = np.zeros(l2_bytes.shape)
        area = np.where(has_shared, shared["area_um2"], 0.0)
        leak = np.where(has_shared, shared["leakage_mw"], 0.0)
        for t, own_bytes in zip(("input", "filter", "output"), tensor_bytes):
            own = self.l2(np.maximum(own_bytes, 1.0), port_bits, word_bits)
            sep = own_bytes >= 1.0
            energy = energy + counts[f"{t}_l2_read"] * np.where(sep, own["read_pj"], shared["read_pj"]) \
                + counts[f"{t}_l2_write"] * np.where(sep, own["write_pj"], shared["write_pj"])
            area = area + np.where(sep, own["area_um2"], 0.0)
            leak = leak + np.where(sep, own["leakage_mw"], 0.0)
        zero = np.zeros(l2_bytes.shape)
        return {"read_pj": zero, "write_pj": zero, "area_um2": area, "leakage_mw": leak, "energy_pj": energy}

    @property
    def wire_energy_pj_per_bit_mm(self) -> float:
        return WIRE_ENERGY_PJ_PER_BIT_MM[self.node_nm]

    @property
    def wire_pitch_um(self) -> float:
        return WIRE_PITCH_UM[self.node_nm]

    @property
    def dram_energy_pj_per_byte(self) -> float:
        return 8.0 * self.dram_preset.energy_pj_per_bit

    def offchip_bw_elems(self, clock_mhz: np.ndarray, word_bytes: np.ndarray) -> np.ndarray:
        """The DRAM preset's peak bandwidth in elements per cycle at ``clock_mhz`` (arrays)."""
        bytes_per_cycle = self.dram_preset.bandwidth_gb_s * 1e3 / np.asarray(clock_mhz, dtype=np.float64)
        return bytes_per_cycle / np.asarray(word_bytes, dtype=np.float64)

    # ------------------------------------------------------------------ a layer
    def layer_cost(self, *, macs: np.ndarray, runtime_cycles: np.ndarray, counts: dict[str, np.ndarray],
                   num_pes: np.ndarray, simd_lanes: np.ndarray, l1_bytes: np.ndarray, l2_bytes: np.ndarray,
                   noc_bw: np.ndarray, noc_hops: np.ndarray, word_bytes: np.ndarray, clock_mhz: np.ndarray,
                   dram_elems: np.ndarray, acc_bytes: np.ndarray | None = None,
                   acc_bits: int = 32, l2_tensor_bytes: np.ndarray | None = None) -> dict[str, np.ndarray]:
        """Energy (pJ), area (um^2) and power (mW) of one layer at ``n`` hardware points (arrays of shape (n,)).

        ``counts`` are the engine's per-tensor access counts in elements (``input_l1_read``, ...); ``dram_elems``
        the off-chip traffic in elements; ``l1_bytes`` and ``l2_bytes`` the sizes provisioned (or required, when the
        design does not provision them). ``acc_bytes``, when given, is a separate accumulator SRAM of
        ``acc_bits``-bit entries (a systolic array's, :func:`npu_dse.cost_models.systolic.accumulator_bytes`): the
        ``output_l2_*`` counts are its accesses, and its energy, area and leakage count in the L2's (the global
        buffer is the scratchpad and the accumulator). ``l2_tensor_bytes``, when given (shape ``(3, n)``, bytes, 0 =
        none), are separate input, filter and output buffers inside ``l2_bytes`` (DianNao's NBin, SB, NBout): each
        tensor's ``*_l2_*`` accesses cost its own buffer's energy per access, the tensors without one share the rest
        of ``l2_bytes``, and area and leakage add up over the buffers (not with ``acc_bytes``).

        Returns:
            ``energy_pj`` (all-in), its parts ``mac_energy_pj``, ``l1_energy_pj``, ``l2_energy_pj``,
            ``noc_energy_pj``, ``dram_energy_pj``, ``leakage_energy_pj``; ``area_um2``; ``power_mw`` (energy over
            the layer's time); ``leakage_mw``; ``latency_ms``; per-component power ``pe_power_mw``,
            ``l1_power_mw``, ``l2_power_mw``, ``noc_power_mw``.

        Points of different word widths (a space that searches ``word_bytes``) are priced width by width.

        Raises:
            HardwareError: a word width or buffer size outside the tables; ``l2_tensor_bytes`` with ``acc_bytes``.
        """
        args = dict(macs=macs, runtime_cycles=runtime_cycles, counts=counts, num_pes=num_pes, simd_lanes=simd_lanes,
                    l1_bytes=l1_bytes, l2_bytes=l2_bytes, noc_bw=noc_bw, noc_hops=noc_hops, clock_mhz=clock_mhz,
                    dram_elems=dram_elems, acc_bytes=acc_bytes, acc_bits=acc_bits,
                    l2_tensor_bytes=l2_tensor_bytes)
        widths = np.asarray(word_bytes)
        distinct = np.unique(widths)
        if distinct.size == 1:
            return self._layer_cost(word_bits=int(distinct[0]) * 8, **args)
        out: dict[str, np.ndarray] = {}
        for w in distinct:
            mask = widths == w
            part = self._layer_cost(word_bits=int(w) * 8, **_points(args, mask))
            for key, value in part.items():
                out.setdefault(key, np.zeros(widths.size))[mask] = value
        return out

    def _layer_cost(self, *, macs, runtime_cycles, counts, num_pes, simd_lanes, l1_bytes, l2_bytes, noc_bw, noc_hops,
                    clock_mhz, dram_elems, acc_bytes, acc_bits, l2_tensor_bytes, word_bits: int
                    ) -> dict[str, np.ndarray]:
        """:meth:`layer_cost` at one word width, ``word_bits``."""
        mac = self.mac(word_bits)
        P = np.asarray(num_pes, dtype=np.float64)
        lanes = P * np.asarray(simd_lanes, dtype=np.float64)
        l1 = self.l1(np.maximum(l1_bytes, 1.0), word_bits)
        port_bits = np.asarray(noc_bw, dtype=np.float64) * word_bits
        tensors = ("input", "filter", "output")
        l1_reads = sum(counts[f"{t}_l1_read"] for t in tensors)
        l1_writes = sum(counts[f"{t}_l1_write"] for t in tensors)
        l2_reads = sum(counts[f"{t}_l2_read"] for t in tensors)
        l2_writes = sum(counts[f"{t}_l2_write"] for t in tensors)
        l2_bits = (l2_reads + l2_writes) * word_bits
        if l2_tensor_bytes is None:
            l2 = self.l2(np.maximum(l2_bytes, 1.0), port_bits, word_bits)
        else:
            if acc_bytes is not None:
                raise HardwareError("separate L2 buffers per tensor are not modelled beside an accumulator SRAM")
            l2 = self._l2_per_tensor(np.asarray(l2_bytes, dtype=np.float64),
                                     np.asarray(l2_tensor_bytes, dtype=np.float64), port_bits, word_bits, counts)
            l2_reads = l2_writes = 0.0  # their energy is l2["energy_pj"]
        if acc_bytes is not None:
            acc = self.l2(np.maximum(acc_bytes, 1.0), np.asarray(noc_bw, dtype=np.float64) * acc_bits, acc_bits)
            acc_reads, acc_writes = counts["output_l2_read"], counts["output_l2_write"]
            l2_reads, l2_writes = l2_reads - acc_reads, l2_writes - acc_writes
            l2_bits = (l2_reads + l2_writes) * word_bits + (acc_reads + acc_writes) * acc_bits
            acc_e = acc_reads * acc["read_pj"] + acc_writes * acc["write_pj"]
            acc_area, acc_leak = acc["area_um2"], acc["leakage_mw"]
        else:
            acc_e = acc_area = acc_leak = 0.0

        array_um2 = lanes * mac["area_um2"] + P * l1["area_um2"]
        side_mm = np.sqrt(array_um2) / 1e3
        noc_bits = np.asarray(noc_bw, dtype=np.float64) * word_bits
        noc_area = 2.0 * noc_bits * self.wire_pitch_um * side_mm * 1e3
        area = (array_um2 + l2["area_um2"] + acc_area + noc_area) * (1.0 + AREA_OVERHEAD)

        mac_e = macs * mac["energy_pj"]
        l1_e = l1_reads * l1["read_pj"] + l1_writes * l1["write_pj"]
        l2_e = l2_reads * l2["read_pj"] + l2_writes * l2["write_pj"] + acc_e + l2.get("energy_pj", 0.0)
        noc_e = l2_bits * self.wire_energy_pj_per_bit_mm * side_mm * noc_hops
        dram_e = dram_elems * (word_bits / 8.0) * self.dram_energy_pj_per_byte
        l2_leak = l2["leakage_mw"] + acc_leak
        leak_mw = lanes * mac["leakage_mw"] + P * l1["leakage_mw"] + l2_leak
        latency_ms = runtime_cycles / (np.asarray(clock_mhz, dtype=np.float64) * 1e3)
        # a runtime that overflows is refused by name by the caller (analyze_layer)
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            leak_e = leak_mw * latency_ms * 1e6
            energy = mac_e + l1_e + l2_e + noc_e + dram_e + leak_e
            to_mw = np.where(latency_ms > 0, 1.0 / (latency_ms * 1e6), 0.0)
            return {
                "energy_pj": energy, "mac_energy_pj": mac_e, "l1_energy_pj": l1_e, "l2_energy_pj": l2_e,
                "noc_energy_pj": noc_e, "dram_energy_pj": dram_e, "leakage_energy_pj": leak_e, "area_um2": area,
                "power_mw": energy * to_mw, "leakage_mw": leak_mw, "latency_ms": latency_ms,
                "pe_power_mw": (mac_e + lanes * mac["leakage_mw"] * latency_ms * 1e6) * to_mw,
                "l1_power_mw": (l1_e + P * l1["leakage_mw"] * latency_ms * 1e6) * to_mw,
                "l2_power_mw": (l2_e + l2_leak * latency_ms * 1e6) * to_mw,
                "noc_power_mw": noc_e * to_mw,
            }


def _points(args: dict[str, Any], mask: np.ndarray) -> dict[str, Any]:
    """``args`` at the points ``mask`` selects: arrays (and dicts of arrays) whose last axis has one entry per point
    are indexed on it; scalars and broadcast (length-1) arrays are kept."""
    n = mask.size

    def take(v: Any) -> Any:
        if isinstance(v, dict):
            return {k: take(x) for k, x in v.items()}
        if np.ndim(v) >= 1 and np.shape(v)[-1] == n:
            return np.asarray(v)[..., mask]
        return v

    return {k: take(v) for k, v in args.items()}


__all__ = ["ACCUMULATOR_BITS", "AREA_OVERHEAD", "DRAM_PRESETS", "DramPreset", "MAC_ADDER", "NODES_NM",
           "PhysicalTechnology", "MAX_L2_BYTES", "REGFILE_MAX_BYTES", "parse_node"]
