"""VTA's configuration rules (apache/tvm-vta: ``config/pkg_config.py``, ``config/vta_config.json``,
``hardware/chisel/src/main/scala/core/TensorGemm.scala``) and the VTA configuration of one of our designs.

VTA's GEMM core multiplies a ``BATCH x BLOCK_IN`` input tile by a ``BLOCK_IN x BLOCK_OUT`` weight tile each cycle
(``BLOCK_IN = BLOCK_OUT = BLOCK``, ``pkg_config.py``): ``BATCH x BLOCK x BLOCK`` MACs, K and C parallel, as the
``kcp_ws``/``dla`` templates model. Every size is a power of two given by its log2 in ``vta_config.json``. Its
on-chip memories are an input buffer, a weight buffer, an accumulator (whose output view is the output buffer) and
a micro-op buffer; ``pkg_config.py`` derives each memory's depth as ``size x 8 / row width`` (rows of
``BATCH x BLOCK`` inputs, ``BLOCK x BLOCK`` weights, ``BATCH x BLOCK`` outputs), so a buffer must hold at least one row.
The dot product needs ``BLOCK >= 2`` (``TensorGemm.scala``: "size must be greater than 4 and a power of 2").

A design maps as: ``num_pes = 2^(LOG_BATCH + 2 LOG_BLOCK)`` with batch 1 when the PE count is a power of 4, else
batch 2; input and weight width = the word width, accumulator 32 bits (VTA's default); the L2 global buffer split as
VTA's default configuration splits its 416 KiB (input 32 : weight 256 : accumulator 128, i.e. 1 : 8 : 4), so the
L2 must be ``13 x 2^n`` bytes; the micro-op buffer stays at VTA's default 32 KiB.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Mapping

from npu_dse.cost_models.errors import SpaceError
from npu_dse.cost_models.generators import pow2, refuse_broken

#: Our dataflows VTA's GEMM core implements.
DATAFLOWS: tuple[str, ...] = ("kcp_ws", "dla")
#: ``vta_config.json``'s keys, in its order, and VTA's default values (apache/tvm-vta ``config/vta_config.json``).
DEFAULTS: dict[str, Any] = {"TARGET": "sim", "HW_VER": "0.0.2", "LOG_INP_WIDTH": 3, "LOG_WGT_WIDTH": 3,
                            "LOG_ACC_WIDTH": 5, "LOG_BATCH": 0, "LOG_BLOCK": 4, "LOG_UOP_BUFF_SIZE": 15,
                            "LOG_INP_BUFF_SIZE": 15, "LOG_WGT_BUFF_SIZE": 18, "LOG_ACC_BUFF_SIZE": 17}
#: Input : weight : accumulator buffer bytes of VTA's default configuration (32 KiB : 256 KiB : 128 KiB).
SPLIT = (1, 8, 4)


@dataclass(frozen=True)
class VtaConfig:
    """The ``vta_config.json`` fields."""

    values: Mapping[str, Any]

    def violations(self) -> list[str]:
        """Every VTA rule this configuration breaks (empty: ``pkg_config.py`` derives valid memories)."""
        v, out = self.values, []
        for key in DEFAULTS:
            if key not in v:
                out.append(f"{key} is missing")
        if out:
            return out
        for key in DEFAULTS:
            if key.startswith("LOG_") and (not isinstance(v[key], int) or v[key] < 0):
                out.append(f"{key} must be an integer >= 0, got {v[key]!r}")
        if out:
            return out
        if v["LOG_BLOCK"] < 1:
            out.append(f"[VTA] [DotProduct] size must be greater than 4 and a power of 2 (BLOCK {1 << v['LOG_BLOCK']})")
        out_width = v["LOG_INP_WIDTH"]                      # LOG_OUT_WIDTH = LOG_INP_WIDTH
        out_buff = v["LOG_ACC_BUFF_SIZE"] + out_width - v["LOG_ACC_WIDTH"]
        rows = {"input": (v["LOG_INP_BUFF_SIZE"], v["LOG_INP_WIDTH"] + v["LOG_BATCH"] + v["LOG_BLOCK"]),
                "weight": (v["LOG_WGT_BUFF_SIZE"], v["LOG_WGT_WIDTH"] + 2 * v["LOG_BLOCK"]),
                "accumulator": (v["LOG_ACC_BUFF_SIZE"], v["LOG_ACC_WIDTH"] + v["LOG_BATCH"] + v["LOG_BLOCK"]),
                "output": (out_buff, out_width + v["LOG_BATCH"] + v["LOG_BLOCK"])}
        for name, (log_bytes, log_row_bits) in rows.items():
            if log_bytes + 3 < log_row_bits:
                out.append(f"the {name} memory's depth (size x 8 / row width = 2^{log_bytes + 3} / 2^{log_row_bits} "
                           "bits) is below one row")
        if v["LOG_UOP_BUFF_SIZE"] < 2:
            out.append("the micro-op buffer must hold at least one 32-bit micro-op")
        return out


def from_design(design: Mapping[str, Any]) -> VtaConfig:
    """The VTA configuration of a design (``best.json``'s ``design``), field for field, never rounded.

    Raises:
        SpaceError: a design VTA cannot express this way, naming the rule: a dataflow other than :data:`DATAFLOWS`,
            a PE count that is no ``BATCH x BLOCK x BLOCK`` of powers of two, a word width other than 1 or 2 bytes,
            an L2 that is not ``13 x 2^n`` bytes (VTA's 1 : 8 : 4 buffer split).
    """
    dataflow = str(design.get("dataflow", ""))
    if dataflow not in DATAFLOWS:
        raise SpaceError(f"vta: dataflow {dataflow!r} is not VTA's GEMM core; allowed: {', '.join(DATAFLOWS)}")
    pes = int(design["num_pes"])
    if pes < 4 or not pow2(pes):
        raise SpaceError(f"vta: {pes} PEs is no BATCH x BLOCK x BLOCK GEMM core (powers of two, BLOCK >= 2); "
                         "allowed: 4, 8, 16, 32, ... (powers of two from 4)")
    log_pes = pes.bit_length() - 1
    log_batch = log_pes % 2
    log_block = (log_pes - log_batch) // 2
    word = int(design.get("word_bytes", 1))
    if word not in (1, 2):
        raise SpaceError(f"vta: word_bytes {word}: VTA's inputs and weights are 2^LOG_INP_WIDTH bits; the cost model "
                         "prices 8 and 16")
    l2 = design.get("l2_bytes")
    unit = int(l2) // sum(SPLIT) if l2 else 0
    if not l2 or unit * sum(SPLIT) != int(l2) or not pow2(unit):
        near = ", ".join(str(sum(SPLIT) << n) for n in range(10, 16))
        raise SpaceError(f"vta: L2 of {l2} bytes does not split into VTA's input : weight : accumulator buffers of "
                         f"1 : 8 : 4 powers of two; allowed: 13 x 2^n bytes ({near}, ...)")
    log_unit = unit.bit_length() - 1
    values = dict(DEFAULTS, LOG_INP_WIDTH=3 + (word - 1), LOG_WGT_WIDTH=3 + (word - 1), LOG_BATCH=log_batch,
                  LOG_BLOCK=log_block, LOG_INP_BUFF_SIZE=log_unit + int(math.log2(SPLIT[0])),
                  LOG_WGT_BUFF_SIZE=log_unit + int(math.log2(SPLIT[1])),
                  LOG_ACC_BUFF_SIZE=log_unit + int(math.log2(SPLIT[2])))
    return VtaConfig(values)


def check(design: Mapping[str, Any]) -> VtaConfig:
    """:func:`from_design`, refusing a configuration that breaks a VTA rule.

    Raises:
        SpaceError: the first rule broken.
    """
    return refuse_broken("vta", from_design(design))
