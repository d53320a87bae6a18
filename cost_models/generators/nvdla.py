"""NVDLA's configuration rules (nvdla/hw, branch ``nv_small`` 771f20c, ``spec/defs/projects.spec``) and the NVDLA
configuration of one of our designs.

An NVDLA build is a ``.spec`` file of presence macros (``#define MAC_ATOMIC_C_SIZE_64`` ...) that includes
``projects.spec``; that file turns each group of macros into the hardware's parameters and stops the build
(``#error``) when a group has none of its allowed values. The convolution core is a ``MAC_ATOMIC_C x MAC_ATOMIC_K``
array of MACs (C input channels by K output channels per cycle), weight-stationary in the way the ``kcp_ws``/``dla``
templates model; its convolution buffer (CBUF) is ``CBUF_BANK_NUMBER`` banks of ``CBUF_BANK_DEPTH`` entries of
``CBUF_BANK_WIDTH`` bytes; one CBUF entry feeds one atomic operation (``NVDLA_CBUF_ENTRY_WIDTH = MAC_ATOMIC_C *
BPE`` bits).

:data:`ALLOWED` is every group of ``projects.spec`` with the values it accepts. A design maps as: MAC array =
``num_pes`` as atomic C x K with C >= K (``NVDLA_CC_ATOMC_DIV_ATOMK = C / K`` is an integer); CBUF = the L2 global
buffer, its bank width = C x BPE / 8 bytes; data type INT8 for 1-byte words, INT16/FP16 for 2; primary memory
interface = the narrowest of NVDLA's widths (64, 512 bits) that carries the design's off-chip bandwidth in bits per
cycle (the bus never limits what the cost model charged; a design beyond 512 bits/cycle is refused); memory atomic
size = atomic K. The optional engines follow NVDLA's own ``nv_small`` project
(batch, Winograd, weight compression, BDMA and Rubik off; SDP BS/BN, PDP, CDP on at throughput 1).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from npu_dse.cost_models.errors import SpaceError
from npu_dse.cost_models.generators import refuse_broken

#: Each ``projects.spec`` group and the values it accepts (``x`` = the group's "not present" choice).
ALLOWED: dict[str, tuple[str, ...]] = {
    "FEATURE_DATA_TYPE": ("INT8", "INT16_FP16"),
    "WEIGHT_DATA_TYPE": ("INT8", "INT16_FP16"),
    "WEIGHT_COMPRESSION": ("ENABLE", "DISABLE"),
    "WINOGRAD": ("ENABLE", "DISABLE"),
    "BATCH": ("ENABLE", "DISABLE"),
    "SECONDARY_MEMIF": ("ENABLE", "DISABLE"),
    "SDP_LUT": ("ENABLE", "DISABLE"),
    "SDP_BS": ("ENABLE", "DISABLE"),
    "SDP_BN": ("ENABLE", "DISABLE"),
    "SDP_EW": ("ENABLE", "DISABLE"),
    "BDMA": ("ENABLE", "DISABLE"),
    "RUBIK": ("ENABLE", "DISABLE"),
    "RUBIK_CONTRACT": ("ENABLE", "DISABLE"),
    "RUBIK_RESHAPE": ("ENABLE", "DISABLE"),
    "PDP": ("ENABLE", "DISABLE"),
    "CDP": ("ENABLE", "DISABLE"),
    "RETIMING": ("ENABLE", "DISABLE"),
    "MAC_ATOMIC_C_SIZE": ("64", "32", "8"),
    "MAC_ATOMIC_K_SIZE": ("32", "8"),
    "MEMORY_ATOMIC_SIZE": ("32", "8"),
    "MAX_BATCH_SIZE": ("32", "x"),
    "CBUF_BANK_NUMBER": ("16", "32"),
    "CBUF_BANK_WIDTH": ("64", "32", "8"),
    "CBUF_BANK_DEPTH": ("512", "128"),
    "SDP_BS_THROUGHPUT": ("16", "1"),
    "SDP_BN_THROUGHPUT": ("16", "1"),
    "SDP_EW_THROUGHPUT": ("4", "x"),
    "PDP_THROUGHPUT": ("8", "1"),
    "CDP_THROUGHPUT": ("8", "1"),
    "PRIMARY_MEMIF_LATENCY": ("1200", "50"),
    "SECONDARY_MEMIF_LATENCY": ("128", "x"),
    "PRIMARY_MEMIF_MAX_BURST_LENGTH": ("1", "4"),
    "PRIMARY_MEMIF_WIDTH": ("512", "64"),
    "SECONDARY_MEMIF_MAX_BURST_LENGTH": ("4", "x"),
    "SECONDARY_MEMIF_WIDTH": ("512", "x"),
    "MEM_ADDRESS_WIDTH": ("64", "32"),
}
#: Our dataflows NVDLA's convolution core implements (weight-stationary over an atomic C x K array).
DATAFLOWS: tuple[str, ...] = ("kcp_ws", "dla")
#: The engines of NVDLA's ``nv_small`` project (``spec/defs/nv_small.spec``), kept for every export.
NV_SMALL_ENGINES: dict[str, str] = {
    "WEIGHT_COMPRESSION": "DISABLE", "WINOGRAD": "DISABLE", "BATCH": "DISABLE", "SECONDARY_MEMIF": "DISABLE",
    "SDP_LUT": "DISABLE", "SDP_BS": "ENABLE", "SDP_BN": "ENABLE", "SDP_EW": "DISABLE", "BDMA": "DISABLE",
    "RUBIK": "DISABLE", "RUBIK_CONTRACT": "DISABLE", "RUBIK_RESHAPE": "DISABLE", "PDP": "ENABLE", "CDP": "ENABLE",
    "RETIMING": "DISABLE", "MAX_BATCH_SIZE": "x", "SDP_BS_THROUGHPUT": "1", "SDP_BN_THROUGHPUT": "1",
    "SDP_EW_THROUGHPUT": "x", "PDP_THROUGHPUT": "1", "CDP_THROUGHPUT": "1", "PRIMARY_MEMIF_LATENCY": "50",
    "SECONDARY_MEMIF_LATENCY": "x", "PRIMARY_MEMIF_MAX_BURST_LENGTH": "1", "SECONDARY_MEMIF_MAX_BURST_LENGTH": "x",
    "SECONDARY_MEMIF_WIDTH": "512", "MEM_ADDRESS_WIDTH": "32",
}
#: DMA clients of the ``nv_small`` engine set (``NUM_DMA_READ_CLIENTS_7``, ``NUM_DMA_WRITE_CLIENTS_3``).
NV_SMALL_DMA_CLIENTS = (7, 3)


@dataclass(frozen=True)
class NvdlaConfig:
    """One value per ``projects.spec`` group (:data:`ALLOWED`)."""

    values: Mapping[str, str] = field(default_factory=dict)

    def violations(self) -> list[str]:
        """Every ``projects.spec`` rule this configuration breaks (empty: NVDLA's spec preprocessing accepts it).
        Each item quotes the ``#error`` message of the group, or names the consistency rule."""
        out = []
        for group, allowed in ALLOWED.items():
            v = self.values.get(group)
            if v not in allowed:
                shown = ",".join(a for a in allowed)
                out.append(f"one of NVDLA_{group}_{{{shown}}} must be set (got {v!r})")
        c, k = self.values.get("MAC_ATOMIC_C_SIZE"), self.values.get("MAC_ATOMIC_K_SIZE")
        if c in ALLOWED["MAC_ATOMIC_C_SIZE"] and k in ALLOWED["MAC_ATOMIC_K_SIZE"] and int(c) % int(k):
            out.append(f"NVDLA_CC_ATOMC_DIV_ATOMK = MAC_ATOMIC_C_SIZE / MAC_ATOMIC_K_SIZE must be an integer "
                       f"({c} / {k})")
        bpe = 8 if self.values.get("FEATURE_DATA_TYPE") == "INT8" else 16
        w = self.values.get("CBUF_BANK_WIDTH")
        if c in ALLOWED["MAC_ATOMIC_C_SIZE"] and w in ALLOWED["CBUF_BANK_WIDTH"] and int(w) * 8 != int(c) * bpe:
            out.append(f"a CBUF entry (CBUF_BANK_WIDTH {w} bytes) must be NVDLA_CBUF_ENTRY_WIDTH = "
                       f"MAC_ATOMIC_C_SIZE x BPE = {c} x {bpe} bits")
        return out

    def spec_lines(self) -> list[str]:
        """The ``#define`` lines of a project ``.spec`` (NVDLA's ``nv_small.spec`` form)."""
        lines = []
        for group in ALLOWED:
            v = self.values[group]
            lines.append(f"#define {group}_{v}")
        lines += [f"#define NUM_DMA_READ_CLIENTS_{NV_SMALL_DMA_CLIENTS[0]}",
                  f"#define NUM_DMA_WRITE_CLIENTS_{NV_SMALL_DMA_CLIENTS[1]}"]
        return lines

    @property
    def cbuf_bytes(self) -> int:
        v = self.values
        return int(v["CBUF_BANK_NUMBER"]) * int(v["CBUF_BANK_DEPTH"]) * int(v["CBUF_BANK_WIDTH"])


def from_design(design: Mapping[str, Any]) -> NvdlaConfig:
    """The NVDLA configuration of a design (``best.json``'s ``design``), field for field, never rounded.

    Raises:
        SpaceError: a design NVDLA cannot express this way, naming the rule: a dataflow other than
            :data:`DATAFLOWS`, a PE count that is no atomic C x K, a word width other than 1 or 2 bytes, an L2 that
            is no CBUF of the allowed banks, an off-chip bandwidth beyond 512 bits per cycle.
    """
    dataflow = str(design.get("dataflow", ""))
    if dataflow not in DATAFLOWS:
        raise SpaceError(f"nvdla: dataflow {dataflow!r} is not NVDLA's weight-stationary convolution core; "
                         f"allowed: {', '.join(DATAFLOWS)}")
    word = int(design.get("word_bytes", 1))
    if word not in (1, 2):
        raise SpaceError(f"nvdla: word_bytes {word}: NVDLA computes INT8 (1) or INT16/FP16 (2)")
    bpe = 8 * word
    pes = int(design["num_pes"])
    pairs = [(c, k) for c in (64, 32, 8) for k in (32, 8) if c * k == pes and c % k == 0]
    if not pairs:
        shapes = sorted({c * k for c in (64, 32, 8) for k in (32, 8) if c % k == 0})
        raise SpaceError(f"nvdla: {pes} PEs is no MAC_ATOMIC_C_SIZE x MAC_ATOMIC_K_SIZE array (C in 64/32/8, K in "
                         f"32/8, C/K an integer); allowed PE counts: {', '.join(map(str, shapes))}")
    c, k = pairs[0]
    width = c * bpe // 8
    l2 = design.get("l2_bytes")
    banks = [(n, d) for n in (16, 32) for d in (512, 128) if l2 is not None and n * d * width == int(l2)]
    if not banks:
        sizes = sorted({n * d * width for n in (16, 32) for d in (512, 128)})
        raise SpaceError(f"nvdla: L2 of {l2} bytes is no CBUF of 16/32 banks x 512/128 entries x {width} bytes "
                         f"(the atomic C {c} x {bpe} bits); allowed: {', '.join(map(str, sizes))} bytes")
    number, depth = banks[0]
    offchip = design.get("offchip_bw")
    bits = 512.0 if offchip is None else float(offchip) * bpe
    if bits > 512:
        raise SpaceError(f"nvdla: off-chip bandwidth {offchip} elements/cycle x {bpe} bits = {bits:g} bits/cycle is "
                         "more than NVDLA's widest NVDLA_PRIMARY_MEMIF_WIDTH (allowed: 64, 512)")
    memif = 64 if bits <= 64 else 512
    dtype = "INT8" if word == 1 else "INT16_FP16"
    values = dict(NV_SMALL_ENGINES, FEATURE_DATA_TYPE=dtype, WEIGHT_DATA_TYPE=dtype, MAC_ATOMIC_C_SIZE=str(c),
                  MAC_ATOMIC_K_SIZE=str(k), MEMORY_ATOMIC_SIZE=str(k), CBUF_BANK_NUMBER=str(number),
                  CBUF_BANK_WIDTH=str(width), CBUF_BANK_DEPTH=str(depth), PRIMARY_MEMIF_WIDTH=str(int(memif)))
    return NvdlaConfig(values)


def check(design: Mapping[str, Any]) -> NvdlaConfig:
    """:func:`from_design`, refusing a configuration that breaks a rule of ``projects.spec``.

    Raises:
        SpaceError: the first rule broken.
    """
    return refuse_broken("nvdla", from_design(design))
