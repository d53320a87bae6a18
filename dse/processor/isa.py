"""The processor's vector instruction set: operands, instructions and their cycle costs.

Operands name on-chip buffers allocated by the compiler in one of two memories, ``wmem`` (weights, biases) and
``amem`` (inputs, hidden/cell state, accumulators, gates); every buffer has one fixed-point format, so an
instruction's rescaling follows from its operands' formats. Vector instructions work memory to memory on any
length ``n``; the hardware strip-mines them over the lanes. Off-chip memory is reached only by DMA.

==========  =======================================  =====================================================
opcode      effect (``f`` = fraction bits)            cycles
==========  =======================================  =====================================================
DMA_IN      on-chip ``dst`` <- off-chip ``src``       ``dma_setup + ceil(bytes / offchip_bytes_per_cycle)``
DMA_OUT     off-chip ``dst`` <- on-chip ``src``       (runs on the DMA engine, overlapping compute)
WAIT        stall compute until DMA ``tag`` is done   0 (plus the stall)
MVM         ``acc = fit(init + W @ v, acc_bits)``,    ``ceil(rows / lanes) * cols + mvm_latency``
            ``init`` = 0, ``acc`` (accumulate) or
            ``bias << (f_acc - f_bias)``
REQ         shift/requantise ``dst <- src``           ``ceil(n / lanes) + vector_latency``
VMOV        move with requantise ``dst <- src``       ``ceil(n / lanes) + vector_latency``
VADD/VSUB   ``dst <- a +- b`` (aligned, exact)        ``ceil(n / lanes) + vector_latency``
VMUL        ``dst <- a * b`` (exact product)          ``ceil(n / lanes) + vector_latency``
SIGMOID     activation unit ``dst <- f(src)``         ``ceil(n / lanes) + activation_latency``
TANH        (LUT or PWL, :mod:`.activation`)
RELU        ``dst <- max(src, 0)``                    ``ceil(n / lanes) + vector_latency``
BARRIER     per-step handshake / interrupt            ``step_overhead``
==========  =======================================  =====================================================

Every result is requantised to ``dst``'s format with the processor's rounding and overflow modes
(:mod:`.fixed_point`). Vector loads and stores are folded into the memory operands of each instruction (the
datapath reads ``amem`` and writes it back in the same pipeline), so there is no separate register file.

Timing: instructions issue in program order. Compute instructions block the sequencer; DMA instructions start
when both the sequencer reaches them and the (single, in-order) DMA engine is free, and do not block — that is
what lets the next time step's input arrive while the current step computes (seed §III, double buffering).
``WAIT tag`` stalls until the DMA with that tag has finished.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass

from npu_dse.processor.config import CycleCosts

__all__ = ["Opcode", "Ref", "MatRef", "OffchipRef", "Instruction", "compute_cycles", "dma_cycles"]


class Opcode(str, enum.Enum):
    """Instruction opcodes (see the module docstring)."""

    DMA_IN = "DMA_IN"
    DMA_OUT = "DMA_OUT"
    WAIT = "WAIT"
    MVM = "MVM"
    REQ = "REQ"
    VMOV = "VMOV"
    VADD = "VADD"
    VSUB = "VSUB"
    VMUL = "VMUL"
    SIGMOID = "SIGMOID"
    TANH = "TANH"
    RELU = "RELU"
    BARRIER = "BARRIER"


@dataclass(frozen=True)
class Ref:
    """Elements ``[start, stop)`` of an on-chip vector buffer."""

    buffer: str
    start: int
    stop: int

    @property
    def length(self) -> int:
        """Number of elements."""
        return self.stop - self.start

    def __str__(self) -> str:
        return f"{self.buffer}[{self.start}:{self.stop}]"


@dataclass(frozen=True)
class MatRef:
    """Rows ``[row_start, row_stop)`` and columns ``[col_start, col_stop)`` of an on-chip matrix buffer."""

    buffer: str
    row_start: int
    row_stop: int
    col_start: int
    col_stop: int

    @property
    def rows(self) -> int:
        """Number of rows."""
        return self.row_stop - self.row_start

    @property
    def cols(self) -> int:
        """Number of columns."""
        return self.col_stop - self.col_start

    @property
    def length(self) -> int:
        """Number of elements."""
        return self.rows * self.cols

    def __str__(self) -> str:
        return f"{self.buffer}[{self.row_start}:{self.row_stop},{self.col_start}:{self.col_stop}]"


@dataclass(frozen=True)
class OffchipRef:
    """A block of an off-chip array.

    For a per-sequence array of shape (index, batch, n) (inputs, outputs, initial states), ``index`` selects the
    time step or layer and ``[start, stop)`` the elements. For a matrix (rows, cols) (weights), ``index`` is None,
    ``[start, stop)`` selects rows and ``[col_start, col_stop)`` columns; for a plain vector (biases) ``index`` is
    None and ``col_stop == col_start == 0``.
    """

    name: str
    index: int | None
    start: int
    stop: int
    col_start: int = 0
    col_stop: int = 0

    @property
    def length(self) -> int:
        """Number of elements (per sequence for per-sequence arrays)."""
        if self.index is None and self.col_stop > self.col_start:
            return (self.stop - self.start) * (self.col_stop - self.col_start)
        return self.stop - self.start

    def __str__(self) -> str:
        if self.index is None and self.col_stop > self.col_start:
            return f"@{self.name}[{self.start}:{self.stop},{self.col_start}:{self.col_stop}]"
        if self.index is None:
            return f"@{self.name}[{self.start}:{self.stop}]"
        return f"@{self.name}[{self.index}][{self.start}:{self.stop}]"


Operand = Ref | MatRef | OffchipRef


@dataclass(frozen=True)
class Instruction:
    """One instruction.

    Attributes:
        opcode: the operation.
        dst: destination (on-chip :class:`Ref`/:class:`MatRef`, or :class:`OffchipRef` for ``DMA_OUT``).
        a: first source (the weight :class:`MatRef` of ``MVM``, the off-chip block of ``DMA_IN``).
        b: second source (the vector of ``MVM``, the right operand of ``VADD``/``VSUB``/``VMUL``).
        bias: ``MVM`` only: bias vector initialising the accumulator.
        accumulate: ``MVM`` only: add to the accumulator's current value instead of starting from 0/bias.
        tag: DMA tag (``DMA_IN``/``DMA_OUT``/``WAIT``).
        cycles: ``BARRIER`` only: its fixed cost in cycles.
    """

    opcode: Opcode
    dst: Operand | None = None
    a: Operand | None = None
    b: Ref | None = None
    bias: Ref | None = None
    accumulate: bool = False
    tag: str | None = None
    cycles: int = 0

    def __str__(self) -> str:
        parts = [self.opcode.value]
        if self.dst is not None:
            parts.append(str(self.dst))
        for x in (self.a, self.b):
            if x is not None:
                parts.append(str(x))
        if self.bias is not None:
            parts.append(f"bias={self.bias}")
        if self.accumulate:
            parts.append("acc")
        if self.tag is not None:
            parts.append(f"tag={self.tag}")
        if self.opcode is Opcode.BARRIER:
            parts.append(str(self.cycles))
        return " ".join(parts)


def compute_cycles(instr: Instruction, lanes: int, costs: CycleCosts) -> int:
    """Cycles a compute instruction occupies the datapath (formulas in the module docstring).

    Raises:
        ValueError: ``instr`` is a DMA instruction (use :func:`dma_cycles`).
    """
    op = instr.opcode
    if op is Opcode.MVM:
        w = instr.a
        assert isinstance(w, MatRef)
        return math.ceil(w.rows / lanes) * w.cols + costs.mvm_latency_cycles
    if op is Opcode.BARRIER:
        return instr.cycles
    if op is Opcode.WAIT:
        return 0
    if op in (Opcode.SIGMOID, Opcode.TANH):
        return math.ceil(instr.dst.length / lanes) + costs.activation_latency_cycles
    if op in (Opcode.REQ, Opcode.VMOV, Opcode.VADD, Opcode.VSUB, Opcode.VMUL, Opcode.RELU):
        return math.ceil(instr.dst.length / lanes) + costs.vector_latency_cycles
    raise ValueError(f"{op.value} is not a compute instruction")


def dma_cycles(n_bytes: int, bytes_per_cycle: float, costs: CycleCosts) -> int:
    """Cycles of one DMA transfer: ``dma_setup + ceil(n_bytes / bytes_per_cycle)``."""
    return costs.dma_setup_cycles + math.ceil(n_bytes / bytes_per_cycle)
