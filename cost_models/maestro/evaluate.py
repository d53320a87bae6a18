"""Evaluate a compiled mapping (:class:`~npu_dse.cost_models.maestro.structure.Structure`) for many hardware points.

This is the hardware-dependent half of MAESTRO's analysis, as numpy arithmetic over ``n`` points at once
(ALGORITHM.md §8, §11, §12):

- NoC delay ``noc(x) = Lat + ceil(x / noc_bw) - 1`` with ``Lat = noc_hops * noc_hop_latency`` (§8.1);
- innermost compute delay ``ceil(psums / simd_lanes)``; above it, the max runtime of the sub-cluster analyses (§8.2);
- double buffering: the all-Init case costs ``compute + ingress``, every other case
  ``max(ingress, compute, egress)``; at level 0 the off-chip floor ``max(offchip_in, ., offchip_out)`` (§8.3);
- runtime = sum of occurrences x case cost (§8.4);
- energy from access counts, area and power of MAESTRO's cost database (§12).
"""

from __future__ import annotations

import numpy as np

from npu_dse.cost_models.maestro.structure import Structure
from npu_dse.cost_models.technology import MAESTRO, Technology


def runtime_cycles(st: Structure, noc_bw: np.ndarray, offchip_bw: np.ndarray, latency: np.ndarray,
                   simd: np.ndarray, compat: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """MAESTRO runtime of one pass of the layer, and the peak NoC bandwidth requirement, for ``n`` points.

    Args:
        st: compiled mapping.
        noc_bw, offchip_bw: elements/cycle, shape (n,).
        latency: NoC head latency in cycles, shape (n,).
        simd: SIMD lanes, shape (n,).
        compat: ``True`` reproduces MAESTRO's ``noc(0) = Lat - 1``; ``False`` uses ``noc(0) = 0`` (§14.13).

    Returns:
        (runtime in cycles, peak NoC BW requirement of level 0 in elements/cycle), float64 arrays of shape (n,).
    """
    bw = noc_bw[None, :]
    lat = latency[None, :]
    rts: list[np.ndarray] = []
    peak = None
    last = len(st.nodes) - 1
    for i, node in enumerate(st.nodes):
        if node.occ.size == 0:
            rts.append(np.zeros_like(noc_bw))
            if i == last:
                peak = np.zeros_like(noc_bw)
            continue
        ing = node.ingress[:, None]
        eg = node.egress[:, None]
        zero_cost = lat - 1 if compat else 0.0
        with np.errstate(over="ignore"):  # a vanishing bandwidth overflows; analyze_layer refuses it by name
            d_in = np.where(ing > 0, lat + np.ceil(ing / bw) - 1, zero_cost)
            d_out = np.where(eg > 0, lat + np.ceil(eg / bw) - 1, zero_cost)
        if node.innermost:
            comp = np.ceil(node.psums[:, None] / simd[None, :])
        else:
            sub = np.stack([rts[j] for j in range(i)]) if i else None
            comp = np.maximum(sub[node.sub_a], sub[node.sub_b])
        out_d = np.where(node.all_init[:, None], comp + d_in, np.maximum(np.maximum(d_in, comp), d_out))
        if i == last:
            req = node.req_l2
            off_in = np.floor(np.floor((req["input"] + req["filter"]) / offchip_bw) / 2)
            off_out = np.floor(np.floor(req["output"] / offchip_bw) / 2)
            out_d = np.maximum(np.maximum(off_in[None, :], out_d), off_out[None, :])
            with np.errstate(divide="ignore", invalid="ignore"):
                ratio = np.floor(np.maximum(ing, eg) / comp)
            peak = np.max(np.where(comp > 0, ratio, 0.0), axis=0)
        with np.errstate(over="ignore"):
            rts.append(node.occ @ out_d)
    return rts[-1], peak


def energy_units(counts: dict[str, float], macs: float) -> float:
    """Total energy in units of one MAC's energy: ``18.61 sum(L2) + 1.68 sum(L1) + MACs`` (ALGORITHM.md §12)."""
    l2 = sum(v for k, v in counts.items() if "_l2_" in k)
    l1 = sum(v for k, v in counts.items() if "_l1_" in k)
    return MAESTRO.l2_energy_per_mac * l2 + MAESTRO.l1_energy_per_mac * l1 + macs


def energy_pj(counts: dict[str, float], macs: float, tech: Technology = MAESTRO) -> tuple[float, float, float, float]:
    """(MAC, L1, L2) energies and their total in pJ from access counts (elements) and MACs (ALGORITHM.md §12)."""
    l2 = sum(v for k, v in counts.items() if "_l2_" in k)
    l1 = sum(v for k, v in counts.items() if "_l1_" in k)
    mac_e = macs * tech.mac_energy_pj
    l1_e = l1 * tech.l1_energy_pj
    l2_e = l2 * tech.l2_energy_pj
    return mac_e, l1_e, l2_e, mac_e + l1_e + l2_e


def area_power(num_pes: np.ndarray, simd: np.ndarray, noc_bw: np.ndarray, l1_bytes: np.ndarray,
               l2_bytes: np.ndarray, tech: Technology = MAESTRO) -> dict[str, np.ndarray]:
    """Area (um^2) and power (mW) of MAESTRO's accelerator model (``DSE_cost-database.hpp``; ALGORITHM.md §12).

    ``l1_bytes`` (per PE) and ``l2_bytes`` are the buffer sizes to cost (provisioned, or required when the design
    point does not provision them); each counts as at least one byte.

    Returns:
        ``area_um2``, ``power_mw``, ``pe_power_mw``, ``l1_power_mw``, ``l2_power_mw``, ``noc_power_mw`` arrays.
    """
    P = num_pes.astype(np.float64)
    l1 = np.maximum(l1_bytes, 1.0)
    l2 = np.maximum(l2_bytes, 1.0)
    b = 14.662 * P + 28.895
    q = 1.2886 * P * P + 5.5814 * P - 23.711
    area = (P * (tech.mac_area_um2 * simd + tech.sram_area_um2_per_byte * l1) + tech.sram_area_um2_per_byte * l2
            + tech.bus_area_um2_unit * b * noc_bw + np.maximum(tech.arbiter_area_um2_unit * q, tech.arbiter_area_um2_unit))
    pe_p = P * tech.mac_power_mw * simd
    l1_p = tech.sram_power_mw_per_byte * P * l1
    l2_p = tech.sram_power_mw_per_byte * l2
    noc_p = tech.bus_power_mw_unit * b / 1000.0 * noc_bw + np.maximum(tech.arbiter_power_mw_unit * q / 1000.0,
                                                                     tech.arbiter_power_mw_unit)
    return {"area_um2": area, "power_mw": pe_p + l1_p + l2_p + noc_p, "pe_power_mw": pe_p, "l1_power_mw": l1_p,
            "l2_power_mw": l2_p, "noc_power_mw": noc_p}
