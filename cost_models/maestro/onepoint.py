"""The one-hardware-point fast path of :func:`npu_dse.cost_models.maestro.analyze_layer`, in Python floats.

A search evaluates one design at a time; on arrays of length 1 the vectorised engine (:mod:`.evaluate`) spends its
time in numpy's per-call overhead. These functions run the same arithmetic on Python floats, operation for
operation, so their results are bit-for-bit those of the vectorised path (IEEE-754 double in both; ``math.ceil``,
``math.floor`` and ``math.sqrt`` are exact like numpy's). Where the two could part, the functions give up and return
``None`` and the caller runs the vectorised path:

- a value that is not finite, or a runtime sum of ``2**53`` cycles or more (below that every partial sum of the
  integer-valued case costs is exact, so the order of summation, sequential here and BLAS's in ``occ @ out_d``,
  cannot matter);
- a structure with a negative ingress or egress count (a ``compat=True`` mapping of MAESTRO's negative counts,
  where ``ceil`` of a negative fraction gives ``-0.0`` in numpy and ``0`` in ``math``).

The physical technology's per-capacity SRAM figures (:meth:`PhysicalTechnology.l1`, ``l2``) come from the
technology's own vectorised code at length 1, cached per capacity (:func:`_l1_figures`, :func:`_l2_figures`).
"""

from __future__ import annotations

import functools
import math

import numpy as np

from npu_dse.cost_models.maestro.structure import Structure

_EXACT = float(2 ** 53)
"""Below this every integer-valued float sum is exact in any order (cycles, elements)."""


class GiveUp(Exception):
    """The fast path cannot promise the vectorised path's bits; the caller runs the vectorised path."""


def _flat(st: Structure) -> "list[tuple] | None":
    """Per node ``(innermost, cases, req_offchip)`` with cases as tuples of Python numbers (cached on ``st``);
    ``None`` when some ingress or egress count is negative (see the module docstring)."""
    flat = st.__dict__.get("_onepoint")
    if flat is None:
        flat = []
        for node in st.nodes:
            if node.occ.size and (node.ingress.min() < 0 or node.egress.min() < 0):
                flat = False
                break
            cases = list(zip(node.occ.tolist(), node.ingress.tolist(), node.egress.tolist(), node.all_init.tolist(),
                             node.psums.tolist(), node.sub_a.tolist(), node.sub_b.tolist()))
            req = node.req_l2
            flat.append((node.innermost, cases, req["input"] + req["filter"], req["output"]))
        st.__dict__["_onepoint"] = flat
    return flat or None


def runtime_cycles_one(st: Structure, noc_bw: float, offchip_bw: float, latency: float, simd: float,
                       compat: bool) -> tuple[float, float]:
    """:func:`npu_dse.cost_models.maestro.evaluate.runtime_cycles` at one hardware point: (runtime of one pass in
    cycles, peak NoC bandwidth requirement in elements/cycle), both as the vectorised path gives them.

    Args: as ``runtime_cycles``, scalars (elements/cycle, cycles, lanes).

    Raises:
        GiveUp: the result could differ from the vectorised path's (module docstring).
    """
    flat = _flat(st)
    if flat is None:
        raise GiveUp
    ceil, floor = math.ceil, math.floor
    zero_cost = latency - 1 if compat else 0.0
    rts: list[float] = []
    peak = 0.0
    last = len(flat) - 1
    try:
        for i, (innermost, cases, req_in, req_out) in enumerate(flat):
            if not cases:
                rts.append(0.0)
                if i == last:
                    peak = 0.0
                continue
            top = i == last
            if top:
                off_in = float(floor(float(floor(req_in / offchip_bw)) / 2))
                off_out = float(floor(float(floor(req_out / offchip_bw)) / 2))
                peak = 0.0
            total = magnitude = 0.0
            for occ, ing, eg, init, ps, a, b in cases:
                d_in = latency + ceil(ing / noc_bw) - 1 if ing > 0 else zero_cost
                d_out = latency + ceil(eg / noc_bw) - 1 if eg > 0 else zero_cost
                if innermost:
                    comp = float(ceil(ps / simd))
                else:
                    ra, rb = rts[a], rts[b]
                    comp = ra if ra >= rb else rb
                if init:
                    out_d = comp + d_in
                else:
                    out_d = d_in if d_in >= comp else comp
                    if d_out > out_d:
                        out_d = d_out
                if top:
                    if off_in > out_d:
                        out_d = off_in
                    if off_out > out_d:
                        out_d = off_out
                    if comp > 0:
                        ratio = float(floor((ing if ing >= eg else eg) / comp))
                        if ratio > peak:
                            peak = ratio
                term = occ * out_d
                total += term
                magnitude += term if term >= 0 else -term
            if not magnitude < _EXACT:  # every partial sum exact, in any order; also catches inf and nan
                raise GiveUp
            rts.append(total)
    except (OverflowError, ValueError, ZeroDivisionError):
        raise GiveUp from None
    return rts[-1], peak


@functools.lru_cache(maxsize=65536)
def _l1_figures(tech, capacity_bytes: float, word_bits: int) -> tuple[float, float, float, float]:
    """(read pJ, write pJ, area um^2, leakage mW) of :meth:`PhysicalTechnology.l1` at one capacity (bytes)."""
    r = tech.l1(np.array([capacity_bytes]), word_bits)
    return float(r["read_pj"][0]), float(r["write_pj"][0]), float(r["area_um2"][0]), float(r["leakage_mw"][0])


@functools.lru_cache(maxsize=65536)
def _l2_figures(tech, capacity_bytes: float, port_bits: float, word_bits: int) -> tuple[float, float, float, float]:
    """(read pJ, write pJ, area um^2, leakage mW) of :meth:`PhysicalTechnology.l2` at one capacity (bytes) and port
    width (bits)."""
    r = tech.l2(np.array([capacity_bytes]), np.array([port_bits]), word_bits)
    return float(r["read_pj"][0]), float(r["write_pj"][0]), float(r["area_um2"][0]), float(r["leakage_mw"][0])


_HW_PARTS: dict[tuple, tuple] = {}  # the hardware-only parts of a point's cost, per point (below)


def _hw_parts_physical(tech, P: float, simd: float, l1_bytes: float, l2_bytes: float, noc_bw: float,
                       word_bytes: int, acc_bytes: float | None = None, acc_bits: int = 32) -> tuple:
    """The parts of :meth:`PhysicalTechnology.layer_cost` that depend on the hardware point only (every layer of
    a network at the point shares them), each computed as ``layer_cost`` computes it; with ``acc_bytes``, a
    systolic array's accumulator SRAM of ``acc_bits``-bit entries beside the L2."""
    key = (id(tech), P, simd, l1_bytes, l2_bytes, noc_bw, word_bytes, acc_bytes, acc_bits)
    hit = _HW_PARTS.get(key)
    if hit is not None:
        return hit
    from npu_dse.cost_models.technology.physical import AREA_OVERHEAD

    word_bits = word_bytes * 8
    mac = tech.mac(word_bits)
    lanes = P * simd
    l1_read, l1_write, l1_area, l1_leak = _l1_figures(tech, l1_bytes if l1_bytes >= 1.0 else 1.0, word_bits)
    l2_read, l2_write, l2_area, l2_leak = _l2_figures(tech, l2_bytes if l2_bytes >= 1.0 else 1.0,
                                                      noc_bw * word_bits, word_bits)
    acc_area = acc_leak = acc_read = acc_write = 0.0
    if acc_bytes is not None:
        acc_read, acc_write, acc_area, acc_leak = _l2_figures(tech, acc_bytes if acc_bytes >= 1.0 else 1.0,
                                                              noc_bw * acc_bits, acc_bits)
    array_um2 = lanes * mac["area_um2"] + P * l1_area
    side_mm = math.sqrt(array_um2) / 1e3
    noc_bits = noc_bw * word_bits
    noc_area = 2.0 * noc_bits * tech.wire_pitch_um * side_mm * 1e3
    area = (array_um2 + l2_area + acc_area + noc_area) * (1.0 + AREA_OVERHEAD)
    l2_leak = l2_leak + acc_leak
    leak_mw = lanes * mac["leakage_mw"] + P * l1_leak + l2_leak
    hit = (tech, word_bits, mac["energy_pj"], l1_read, l1_write, l2_read, l2_write, side_mm, area, l2_leak, leak_mw,
           lanes * mac["leakage_mw"], P * l1_leak, tech.wire_energy_pj_per_bit_mm, tech.dram_energy_pj_per_byte,
           acc_read, acc_write)
    if len(_HW_PARTS) >= 4096:
        _HW_PARTS.clear()
    _HW_PARTS[key] = hit  # hit[0] holds tech, so id(tech) is not reused while the entry lives
    return hit


def physical_cost_one(tech, macs: float, runtime: float, sums: tuple, num_pes: float, simd: float,
                      l1_bytes: float, l2_bytes: float, noc_bw: float, noc_hops: int, word_bytes: int,
                      clock_mhz: float, dram_elems: float, acc: tuple | None = None,
                      acc_bits: int = 32) -> dict[str, float]:
    """:meth:`PhysicalTechnology.layer_cost` at one point, in Python floats (same keys and units: pJ, um^2, mW).

    Args:
        sums: (L1 reads, L1 writes, L2 reads, L2 writes) in elements, each summed over input, filter, output.
        acc: for a systolic array's accumulator SRAM, (its bytes, its reads, its writes: the ``output_l2_*``
            counts), entries of ``acc_bits`` bits; None without one.
        others: as ``layer_cost``, scalars (cycles, PEs, lanes, bytes, elements/cycle, hops, bytes, MHz, elements).

    Raises:
        HardwareError: as ``layer_cost`` (a buffer size or word width outside the tables).
    """
    (_, word_bits, mac_pj, l1_read, l1_write, l2_read, l2_write, side_mm, area, l2_leak, leak_mw, lanes_leak,
     l1_leak_all, wire_pj, dram_pj, acc_read, acc_write) = _hw_parts_physical(
        tech, num_pes, simd, l1_bytes, l2_bytes, noc_bw, word_bytes, None if acc is None else acc[0], acc_bits)
    l1_reads, l1_writes, l2_reads, l2_writes = sums
    l2_bits = (l2_reads + l2_writes) * word_bits
    acc_e = 0.0
    if acc is not None:
        _, acc_reads, acc_writes = acc
        l2_reads, l2_writes = l2_reads - acc_reads, l2_writes - acc_writes
        l2_bits = (l2_reads + l2_writes) * word_bits + (acc_reads + acc_writes) * acc_bits
        acc_e = acc_reads * acc_read + acc_writes * acc_write
    mac_e = macs * mac_pj
    l1_e = l1_reads * l1_read + l1_writes * l1_write
    l2_e = l2_reads * l2_read + l2_writes * l2_write + acc_e
    noc_e = l2_bits * wire_pj * side_mm * noc_hops
    dram_e = dram_elems * (word_bits / 8.0) * dram_pj
    latency_ms = runtime / (clock_mhz * 1e3)
    leak_e = leak_mw * latency_ms * 1e6
    energy = mac_e + l1_e + l2_e + noc_e + dram_e + leak_e
    to_mw = 1.0 / (latency_ms * 1e6) if latency_ms > 0 else 0.0
    return {
        "energy_pj": energy, "mac_energy_pj": mac_e, "l1_energy_pj": l1_e, "l2_energy_pj": l2_e,
        "noc_energy_pj": noc_e, "dram_energy_pj": dram_e, "leakage_energy_pj": leak_e, "area_um2": area,
        "power_mw": energy * to_mw, "leakage_mw": leak_mw,
        "pe_power_mw": (mac_e + lanes_leak * latency_ms * 1e6) * to_mw,
        "l1_power_mw": (l1_e + l1_leak_all * latency_ms * 1e6) * to_mw,
        "l2_power_mw": (l2_e + l2_leak * latency_ms * 1e6) * to_mw,
        "noc_power_mw": noc_e * to_mw,
    }


def maestro_area_power_one(tech, num_pes: float, simd: float, noc_bw: float, l1_bytes: float,
                           l2_bytes: float) -> dict[str, float]:
    """:func:`npu_dse.cost_models.maestro.evaluate.area_power` at one point, in Python floats (um^2, mW)."""
    key = (id(tech), num_pes, simd, noc_bw, l1_bytes, l2_bytes)
    hit = _HW_PARTS.get(key)
    if hit is not None:
        return hit[1]
    P = num_pes
    l1 = l1_bytes if l1_bytes >= 1.0 else 1.0
    l2 = l2_bytes if l2_bytes >= 1.0 else 1.0
    b = 14.662 * P + 28.895
    q = 1.2886 * P * P + 5.5814 * P - 23.711
    arb_a = tech.arbiter_area_um2_unit * q
    arb_p = tech.arbiter_power_mw_unit * q / 1000.0
    area = (P * (tech.mac_area_um2 * simd + tech.sram_area_um2_per_byte * l1) + tech.sram_area_um2_per_byte * l2
            + tech.bus_area_um2_unit * b * noc_bw
            + (arb_a if arb_a >= tech.arbiter_area_um2_unit else tech.arbiter_area_um2_unit))
    pe_p = P * tech.mac_power_mw * simd
    l1_p = tech.sram_power_mw_per_byte * P * l1
    l2_p = tech.sram_power_mw_per_byte * l2
    noc_p = tech.bus_power_mw_unit * b / 1000.0 * noc_bw + (arb_p if arb_p >= tech.arbiter_power_mw_unit
                                                            else tech.arbiter_power_mw_unit)
    out = {"area_um2": area, "power_mw": pe_p + l1_p + l2_p + noc_p, "pe_power_mw": pe_p, "l1_power_mw": l1_p,
           "l2_power_mw": l2_p, "noc_power_mw": noc_p}
    if len(_HW_PARTS) >= 4096:
        _HW_PARTS.clear()
    _HW_PARTS[key] = (tech, out)  # holding tech keeps id(tech) from being reused while the entry lives
    return out
