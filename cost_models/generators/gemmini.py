"""Gemmini's configuration rules (ucb-bar/gemmini, ``src/main/scala/gemmini/GemminiConfigs.scala``, the
``require``/``assert`` checks of ``GemminiArrayConfig``), and the Gemmini configuration of one of our designs.

Gemmini builds a square systolic array of ``DIM = meshRows x tileRows`` PEs a side, a scratchpad of ``sp_banks``
banks (``sp_capacity`` KiB; each row ``DIM x inputType`` bits wide) and a separate accumulator SRAM of
``acc_banks`` banks (``acc_capacity`` KiB; rows of ``DIM x accType`` bits), with a weight- or output-stationary
dataflow (``Dataflow.WS``/``OS``/``BOTH``). Its defaults (``Configs.scala`` ``defaultConfig``): 16 x 16 mesh of
1 x 1 tiles, int8 inputs, int32 accumulator, 256 KiB scratchpad in 4 banks, 64 KiB accumulator in 2 banks,
``Dataflow.BOTH``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Mapping

from npu_dse.cost_models.errors import SpaceError
from npu_dse.cost_models.generators import pow2, refuse_broken
from npu_dse.cost_models.systolic import accumulator_bytes

DATAFLOWS: dict[str, str] = {"systolic_ws": "WS", "systolic_os": "OS", "systolic_both": "BOTH", "kcp_ws": "WS", "xp_ws": "WS", "dla": "WS",
                             "dpt": "WS", "yxp_os": "OS", "shi": "OS"}
"""Our dataflows Gemmini implements, and as what: the systolic ones exactly (Gemmini's mesh is the array
:mod:`npu_dse.cost_models.systolic` models; ``systolic_both`` is ``BOTH``, each layer in the faster of the two),
the weight-stationary templates as ``WS``, output-stationary as ``OS``. Row-stationary (``rs``, ``eye``) and
input-stationary (``systolic_is``) have no Gemmini equivalent."""

TYPE_WIDTHS: tuple[int, ...] = (8, 16, 32, 64)
"""Widths Gemmini's header generator accepts for ``inputType`` and ``accType`` (``GemminiConfigs.scala``)."""


@dataclass(frozen=True)
class GemminiConfig:
    """The ``GemminiArrayConfig`` fields npu-dse sets (the others stay at Gemmini's defaults)."""

    mesh_rows: int = 16
    mesh_columns: int = 16
    tile_rows: int = 1
    tile_columns: int = 1
    dataflow: str = "BOTH"
    sp_capacity_kib: int = 256
    acc_capacity_kib: int = 64
    sp_banks: int = 4
    acc_banks: int = 2
    input_bits: int = 8
    acc_bits: int = 32

    @property
    def dim(self) -> int:
        """The array's side, ``meshRows x tileRows`` (``DIM``)."""
        return self.mesh_rows * self.tile_rows

    def violations(self) -> list[str]:
        """Every rule of ``GemminiConfigs.scala`` this configuration breaks, in the file's order (empty: it
        elaborates). Each item quotes Gemmini's own message where it has one."""
        out: list[str] = []
        rows, cols = self.mesh_rows * self.tile_rows, self.mesh_columns * self.tile_columns
        if rows != cols:
            out.append(f"BLOCK_ROWS != BLOCK_COLS! ({rows} x {cols}; the systolic array must be square)")
        dim = rows
        if dim < 2:
            out.append(f"the systolic array must have DIM of at least 2 (DIM {dim})")
        if self.dataflow not in ("WS", "OS", "BOTH"):
            out.append(f"dataflow {self.dataflow!r}: Gemmini's Dataflow is WS, OS or BOTH")
        for name, bits in (("inputType", self.input_bits), ("accType", self.acc_bits)):
            if bits not in TYPE_WIDTHS:
                out.append(f"{name} width {bits}: must be one of {', '.join(map(str, TYPE_WIDTHS))}")
        if self.sp_banks < 1 or self.acc_banks < 1 or dim < 1:
            out.append("sp_banks and acc_banks must be at least 1")
            return out
        sp_width = cols * self.input_bits
        sp_bank_entries = self.sp_capacity_kib * 1024 * 8 // (self.sp_banks * sp_width)
        acc_bank_entries = self.acc_capacity_kib * 1024 * 8 // (self.acc_banks * cols * self.acc_bits)
        cisc_dim = dim // 2
        if cisc_dim >= 1:
            for name, bits in (("I_TILE_BYTE_WIDTH", self.input_bits), ("O_TILE_BYTE_WIDTH", self.acc_bits)):
                width = dim * ((bits + cisc_dim - 1) // cisc_dim)
                if not pow2(width):
                    out.append(f"{name} is not power of 2: {width}")
        sp_rows, acc_rows = self.sp_banks * sp_bank_entries, self.acc_banks * acc_bank_entries
        if sp_rows // dim - 2 < acc_rows // dim:
            out.append(f"SP_TILES({sp_rows // dim - 2}) + 2 < ACC_TILES({acc_rows // dim}) (the scratchpad must hold "
                       "at least two more DIM-row tiles than the accumulator)")
        if not pow2(sp_bank_entries):
            out.append(f"each SRAM bank must have a power-of-2 rows, to simplify address calculations "
                       f"({sp_bank_entries} rows of {sp_width} bits per bank)")
        if sp_bank_entries % rows:
            out.append(f"the number of rows in a bank must be a multiple of the dimensions of the systolic array "
                       f"({sp_bank_entries} rows, DIM {rows})")
        if cols < 2:
            out.append("the systolic array must have a dimension of at least 2")
        if not pow2(cols):
            out.append(f"the systolic array's dimensions must be powers of 2 ({cols})")
        if acc_bank_entries % rows:
            out.append(f"the number of rows in an accumulator bank must be a multiple of the dimensions of the "
                       f"systolic array ({acc_bank_entries} rows, DIM {rows})")
        return out


def from_design(design: Mapping[str, Any]) -> GemminiConfig:
    """The Gemmini configuration of a design (``best.json``'s ``design``), field for field, never rounded.

    ``num_pes`` must be a square (``DIM x DIM`` as 1 x 1 tiles); the scratchpad is the L2 global buffer in whole
    KiB; the accumulator is the design's ``acc_bytes`` when it has one, else the one the cost model charges for
    (:func:`npu_dse.cost_models.systolic.accumulator_bytes`: a quarter of the scratchpad, as in Gemmini's default,
    in whole tiles of its banks); ``inputType`` is the word width; the dataflow is :data:`DATAFLOWS`'s.

    Raises:
        SpaceError: a design Gemmini cannot express this way (names the rule: a PE count that is not a square,
            an L2 that is not whole KiB, a dataflow Gemmini lacks).
    """
    pes = int(design["num_pes"])
    dim = math.isqrt(pes)
    rows = int(design.get("pe_rows") or 0)
    if rows and rows * rows != pes:
        raise SpaceError(f"gemmini: a {rows} x {pes // rows} array is not square (the systolic array must be "
                         f"square: DIM x DIM PEs, meshRows * tileRows == meshColumns * tileColumns)")
    if dim * dim != pes:
        raise SpaceError(f"gemmini: {pes} PEs are not a square array (the systolic array must be square: "
                         f"DIM x DIM PEs, e.g. {dim * dim} or {(dim + 1) ** 2})")
    df = str(design["dataflow"])
    if df not in DATAFLOWS:
        raise SpaceError(f"gemmini: dataflow {df!r} has no Gemmini equivalent; Gemmini runs weight- or "
                         f"output-stationary: {', '.join(sorted(DATAFLOWS))}")
    l2 = int(design["l2_bytes"])
    if l2 % 1024:
        raise SpaceError(f"gemmini: sp_capacity is CapacityInKilobytes; the L2 of {l2} bytes is not whole KiB")
    acc = int(design.get("acc_bytes") or accumulator_bytes(l2, pes, rows))
    if acc % 1024:
        raise SpaceError(f"gemmini: acc_capacity is CapacityInKilobytes; {acc} bytes is not whole KiB")
    return GemminiConfig(mesh_rows=dim, mesh_columns=dim, dataflow=DATAFLOWS[df], sp_capacity_kib=l2 // 1024,
                         acc_capacity_kib=acc // 1024, input_bits=8 * int(design.get("word_bytes", 1)))


def check(design: Mapping[str, Any]) -> GemminiConfig:
    """:func:`from_design`, refusing a configuration that breaks a rule of ``GemminiConfigs.scala``.

    Raises:
        SpaceError: the first rule broken, named as Gemmini names it.
    """
    return refuse_broken("gemmini", from_design(design))


__all__ = ["DATAFLOWS", "GemminiConfig", "TYPE_WIDTHS", "check", "from_design"]
