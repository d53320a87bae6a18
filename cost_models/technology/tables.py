"""The generated technology tables shipped with the package, and interpolation in them.

Three CSV files in ``cost_models/technology/data/``, each opening with ``#`` lines of provenance (tool and
versions, cells, date, the command that regenerates it), written by ``cost_models/technology/generate/`` with
Accelergy's ``hwcomponents`` (CACTI 7 for SRAM, the Aladdin library for logic) under Python 3.12:

- ``memory.csv`` — SRAM macros (``kind = sram``: CACTI, ITRS low-standby-power cells) and flip-flop register
  files (``regfile_ff_aladdin``) per ``node_nm``, ``capacity_bytes`` and port ``width_bits``: ``read_energy_pj``
  and ``write_energy_pj`` (one access of ``width_bits`` bits), ``area_um2``, ``leakage_mw``;
- ``logic.csv`` — arithmetic per ``node_nm`` and operand ``width_bits``: ``energy_pj_per_op``, ``area_um2``,
  ``leakage_mw`` (``AladdinIntMAC`` is a multiplier plus an ``acc_width_bits`` adder);
- ``dram.csv`` — energy per bit of DRAM interfaces (hwcomponents' fixed per-type figures, with their sources).

At run time nothing calls the tool: :func:`memory` interpolates linearly in log(capacity) of log(value) between
the table's capacities (log(capacity) of the value itself for a column holding zeros, such as the register
file's leakage; exact at table points, monotone where the table is, and the table is monotone in
capacity: ``tests/test_technology.py`` checks it).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

import numpy as np
import pandas as pd

from npu_dse.cost_models.errors import HardwareError

MEMORY_QUANTITIES: tuple[str, ...] = ("read_energy_pj", "write_energy_pj", "area_um2", "leakage_mw")
"""Columns :func:`memory` interpolates."""


def _path(name: str):
    return resources.files("npu_dse.cost_models.technology") / "data" / name


@functools.cache
def provenance(name: str) -> tuple[str, ...]:
    """The ``#`` provenance lines at the top of table ``name`` (``memory.csv``, ``logic.csv``, ``dram.csv``)."""
    lines = []
    with _path(name).open() as f:
        for line in f:
            if not line.startswith("#"):
                break
            lines.append(line[1:].strip())
    return tuple(lines)


@functools.cache
def table(name: str) -> pd.DataFrame:
    """Table ``name`` as a DataFrame (the provenance lines skipped)."""
    with _path(name).open() as f:
        return pd.read_csv(f, comment="#")


@dataclass(frozen=True)
class _Curve:
    log_cap: np.ndarray  # (m,) log of capacity_bytes, increasing
    log_val: np.ndarray  # (m, 4) log of MEMORY_QUANTITIES; a column holding a zero is kept linear (see log_cols)
    log_cols: np.ndarray  # (4,) bool: column interpolated in log(value)
    lo: int
    hi: int


@functools.cache
def _curve(kind: str, node_nm: int, width_bits: int) -> _Curve:
    t = table("memory.csv")
    g = t[(t.kind == kind) & (t.node_nm == node_nm) & (t.width_bits == width_bits)].sort_values("capacity_bytes")
    if g.empty:
        raise HardwareError(f"technology table memory.csv has no {kind} rows at {node_nm} nm and {width_bits}-bit "
                            f"width; widths there: {widths(kind, node_nm)}")
    vals = g[list(MEMORY_QUANTITIES)].to_numpy(np.float64)
    log_cols = np.all(vals > 0, axis=0)
    vals = np.where(log_cols, np.log(np.where(vals > 0, vals, 1.0)), vals)
    cap = g.capacity_bytes.to_numpy(np.float64)
    return _Curve(np.log(cap), vals, log_cols, int(cap[0]), int(cap[-1]))


@functools.cache
def widths(kind: str, node_nm: int) -> tuple[int, ...]:
    """Port widths (bits) table ``memory.csv`` holds for ``kind`` at ``node_nm``, increasing."""
    t = table("memory.csv")
    return tuple(sorted(int(w) for w in t[(t.kind == kind) & (t.node_nm == node_nm)].width_bits.unique()))


def capacity_range(kind: str, node_nm: int, width_bits: int) -> tuple[int, int]:
    """(smallest, largest) ``capacity_bytes`` of the table for ``kind`` at ``node_nm`` and ``width_bits``."""
    c = _curve(kind, node_nm, width_bits)
    return c.lo, c.hi


@functools.cache
def logic(component: str, node_nm: int, width_bits: int, acc_width_bits: int | None) -> dict[str, float] | None:
    """The ``logic.csv`` row of ``component`` at ``node_nm``, ``width_bits`` (and ``acc_width_bits``), or None.

    Returns ``energy_pj_per_op``, ``area_um2`` and ``leakage_mw`` as floats.
    """
    t = table("logic.csv")
    sel = (t.component == component) & (t.node_nm == node_nm) & (t.width_bits == width_bits)
    if acc_width_bits is not None:
        sel &= t.acc_width_bits == acc_width_bits
    row = t[sel]
    if row.empty:
        return None
    r = row.iloc[0]
    return {q: float(r[q]) for q in ("energy_pj_per_op", "area_um2", "leakage_mw")}


@functools.cache
def logic_widths(component: str, node_nm: int) -> tuple[int, ...]:
    """Operand widths (bits) table ``logic.csv`` holds for ``component`` at ``node_nm``, increasing."""
    t = table("logic.csv")
    return tuple(sorted(int(w) for w in t[(t.component == component) & (t.node_nm == node_nm)].width_bits.unique()))


def memory(kind: str, node_nm: int, width_bits: int, capacity_bytes: np.ndarray) -> dict[str, np.ndarray]:
    """Per-access energies, area and leakage of memories of ``capacity_bytes`` (log-log interpolation).

    Args:
        kind: ``sram`` or ``regfile_ff_aladdin``.
        node_nm: a node of the table.
        width_bits: a port width of the table (one access moves this many bits).
        capacity_bytes: array (any shape) of capacities within the table's range.

    Returns:
        :data:`MEMORY_QUANTITIES` -> arrays of the shape of ``capacity_bytes``: pJ per access, um^2, mW.

    Raises:
        HardwareError: no rows for (kind, node, width), or a capacity outside the table's range (named with it).
    """
    c = _curve(kind, node_nm, width_bits)
    cap = np.asarray(capacity_bytes, dtype=np.float64)
    bad = (cap < c.lo) | (cap > c.hi) | ~np.isfinite(cap)
    if np.any(bad):
        v = cap[bad].flat[0]
        raise HardwareError(f"{kind} capacity {v:g} bytes is outside the technology table's range {c.lo}..{c.hi} "
                            f"bytes ({node_nm} nm, {width_bits}-bit port)")
    x = np.log(cap).reshape(-1)
    out = {}
    for j, q in enumerate(MEMORY_QUANTITIES):
        y = np.interp(x, c.log_cap, c.log_val[:, j])
        out[q] = (np.exp(y) if c.log_cols[j] else y).reshape(cap.shape)
    return out
