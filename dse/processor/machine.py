"""The processor: on-chip memories with capacities, a functional executor and a cycle-accurate schedule.

A :class:`Program` (built by :mod:`npu_dse.processor.compiler`) declares its buffers and two instruction lists:
``setup`` runs once per call (loading resident weights) and ``sequence`` once per input sequence. The
:class:`Machine` checks that the buffers fit the memories (:class:`~npu_dse.cost_models.errors.HardwareError` naming the
memory, the buffer and the sizes otherwise), then executes the sequence program on a whole batch of sequences
at once — functionally vectorised over the batch, which is a simulator device only: the modelled hardware runs
the sequences one after another, so a call costs ``setup_cycles + batch * sequence_cycles``. Timing does not
depend on data, so the schedule (and the instruction trace) is computed once per program.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import numpy as np

from npu_dse.cost_models.errors import HardwareError
from npu_dse.processor import fixed_point as fx
from npu_dse.processor.config import ProcessorConfig
from npu_dse.processor.fixed_point import FixedFormat
from npu_dse.processor.isa import Instruction, MatRef, OffchipRef, Opcode, Ref, compute_cycles, dma_cycles

__all__ = ["BufferSpec", "Program", "Machine", "RunResult", "TraceEntry", "Schedule", "MEMORIES"]

log = logging.getLogger(__name__)

MEMORIES = ("wmem", "amem")


@dataclass(frozen=True)
class BufferSpec:
    """One on-chip buffer.

    Attributes:
        name: unique name used by instruction operands.
        memory: ``"wmem"`` (weights, biases) or ``"amem"`` (activations, state, accumulators).
        shape: ``(rows, cols)`` for a matrix, ``(n,)`` for a vector.
        fmt: its fixed-point format; a word occupies ``fmt.word_bytes`` bytes.
        batched: True for per-sequence data (one copy per sequence), False for parameters.
    """

    name: str
    memory: str
    shape: tuple[int, ...]
    fmt: FixedFormat
    batched: bool = True

    @property
    def elems(self) -> int:
        """Number of elements."""
        return int(np.prod(self.shape))

    @property
    def size_bytes(self) -> int:
        """Bytes it occupies: elements * word bytes."""
        return self.elems * self.fmt.word_bytes


@dataclass(frozen=True)
class Program:
    """A compiled program: buffers, off-chip formats and the two instruction lists."""

    buffers: tuple[BufferSpec, ...]
    setup: tuple[Instruction, ...]
    sequence: tuple[Instruction, ...]
    offchip_formats: dict[str, FixedFormat] = field(default_factory=dict)
    description: str = ""

    def buffer(self, name: str) -> BufferSpec:
        """The buffer called ``name``."""
        for b in self.buffers:
            if b.name == name:
                return b
        raise KeyError(name)


@dataclass(frozen=True)
class TraceEntry:
    """One executed instruction with its timing.

    Attributes:
        phase: ``"setup"`` or ``"sequence"``.
        index: position in its phase's instruction list.
        instruction: the instruction.
        unit: ``"compute"`` or ``"dma"``.
        start_cycle, end_cycle: occupation of its unit, in cycles from the start of the phase.
    """

    phase: str
    index: int
    instruction: Instruction
    unit: str
    start_cycle: int
    end_cycle: int

    def __str__(self) -> str:
        return f"{self.phase}:{self.index:5d} {self.unit:7s} {self.start_cycle:9d}-{self.end_cycle:9d} {self.instruction}"


@dataclass(frozen=True)
class Schedule:
    """Cycle totals of one phase.

    Attributes:
        cycles: makespan of the phase (compute and DMA finished).
        busy_cycles: per opcode, cycles its unit was occupied.
        stall_cycles: cycles compute waited for DMA.
        entries: the trace.
    """

    cycles: int
    busy_cycles: dict[str, int]
    stall_cycles: int
    entries: tuple[TraceEntry, ...]


@dataclass(frozen=True)
class RunResult:
    """Result of :meth:`Machine.run`.

    Attributes:
        outputs: off-chip arrays written by ``DMA_OUT`` (name -> int64 array (index, batch, n)).
        batch: number of sequences run.
        setup: schedule of the setup phase (once per call).
        sequence: schedule of one sequence.
    """

    outputs: dict[str, np.ndarray]
    batch: int
    setup: Schedule
    sequence: Schedule

    @property
    def cycles(self) -> int:
        """Total cycles of the call: ``setup + batch * sequence``."""
        return self.setup.cycles + self.batch * self.sequence.cycles

    @property
    def trace(self) -> tuple[TraceEntry, ...]:
        """Setup trace followed by the trace of one sequence (every sequence has the same)."""
        return self.setup.entries + self.sequence.entries


class Machine:
    """The simulated processor for one :class:`ProcessorConfig`.

    Args:
        config: lanes, memory capacities, formats, modes, cycle costs.
    """

    def __init__(self, config: ProcessorConfig) -> None:
        self.config = config
        self.capacity_bytes = {"wmem": config.weight_mem_bytes, "amem": config.act_mem_bytes}

    # ------------------------------------------------------------------ memory
    def allocate(self, program: Program) -> dict[str, int]:
        """Check that every buffer fits its memory; return each buffer's byte offset.

        Raises:
            HardwareError: a buffer does not fit (the message names the memory, the buffer, the bytes the
                program needs and the capacity).
        """
        offsets: dict[str, int] = {}
        used = dict.fromkeys(MEMORIES, 0)
        need = dict.fromkeys(MEMORIES, 0)
        for b in program.buffers:
            if b.memory not in MEMORIES:
                raise HardwareError(f"buffer {b.name!r}: memory {b.memory!r}; allowed: {', '.join(MEMORIES)}")
            need[b.memory] += b.size_bytes
        for b in program.buffers:
            offsets[b.name] = used[b.memory]
            used[b.memory] += b.size_bytes
            cap = self.capacity_bytes[b.memory]
            if used[b.memory] > cap:
                what = "weight memory" if b.memory == "wmem" else "activation memory"
                raise HardwareError(
                    f"{what} '{b.memory}' overflows: buffer {b.name!r} ({b.size_bytes} bytes, {b.shape} x "
                    f"{b.fmt.word_bytes} B) ends at byte {used[b.memory]} but the capacity is {cap} bytes; the "
                    f"program needs {need[b.memory]} bytes of '{b.memory}'"
                )
        return offsets

    # ---------------------------------------------------------------- timing
    def schedule(self, instructions: tuple[Instruction, ...], program: Program, phase: str) -> Schedule:
        """Cycle-level schedule of an instruction list (timing rules in :mod:`npu_dse.processor.isa`)."""
        cfg = self.config
        t_compute = 0
        t_dma = 0
        done: dict[str, int] = {}
        busy: dict[str, int] = {}
        stall = 0
        entries = []
        for i, ins in enumerate(instructions):
            op = ins.opcode
            if op in (Opcode.DMA_IN, Opcode.DMA_OUT):
                onchip = ins.dst if op is Opcode.DMA_IN else ins.a
                n_bytes = onchip.length * program.buffer(onchip.buffer).fmt.word_bytes
                cost = dma_cycles(n_bytes, cfg.offchip_bytes_per_cycle, cfg.costs)
                start = max(t_compute, t_dma)
                t_dma = start + cost
                if ins.tag is not None:
                    done[ins.tag] = t_dma
                entries.append(TraceEntry(phase, i, ins, "dma", start, t_dma))
            elif op is Opcode.WAIT:
                ready = done.get(ins.tag, 0) if ins.tag is not None else t_dma
                start = t_compute
                if ready > t_compute:
                    stall += ready - t_compute
                    t_compute = ready
                cost = 0
                entries.append(TraceEntry(phase, i, ins, "compute", start, t_compute))
            else:
                cost = compute_cycles(ins, cfg.lanes, cfg.costs)
                entries.append(TraceEntry(phase, i, ins, "compute", t_compute, t_compute + cost))
                t_compute += cost
            busy[op.value] = busy.get(op.value, 0) + cost
        return Schedule(max(t_compute, t_dma), busy, stall, tuple(entries))

    # ------------------------------------------------------------- execution
    def run(self, program: Program, offchip: dict[str, np.ndarray], batch: int) -> RunResult:
        """Execute ``program`` on ``batch`` sequences.

        Args:
            program: from the compiler.
            offchip: int64 input arrays by name: parameters as (rows, cols) or (n,), per-sequence data as
                (index, batch, n), already quantised to the formats in ``program.offchip_formats``.
            batch: number of sequences.

        Returns:
            :class:`RunResult` with the arrays written by ``DMA_OUT``.

        Raises:
            HardwareError: a buffer does not fit its memory.
        """
        self.allocate(program)
        setup = self.schedule(program.setup, program, "setup")
        seq = self.schedule(program.sequence, program, "sequence")
        state = _State(self.config, program, offchip, batch)
        for ins in program.setup:
            state.execute(ins)
        for ins in program.sequence:
            state.execute(ins)
        log.debug("ran %d+%d instructions on %d sequences: %d cycles", len(program.setup), len(program.sequence),
                  batch, setup.cycles + batch * seq.cycles)
        return RunResult(state.outputs, batch, setup, seq)


class _State:
    """Memory contents during one run (int64 arrays per buffer)."""

    def __init__(self, config: ProcessorConfig, program: Program, offchip: dict[str, np.ndarray], batch: int):
        self.cfg = config
        self.specs = {b.name: b for b in program.buffers}
        self.offchip = offchip
        self.outputs: dict[str, np.ndarray] = {}
        self.data: dict[str, np.ndarray] = {}
        for b in program.buffers:
            shape = (batch, *b.shape) if b.batched else b.shape
            self.data[b.name] = np.zeros(shape, dtype=np.int64)
        self.batch = batch
        sizes: dict[str, tuple[int, int]] = {}
        for ins in (*program.setup, *program.sequence):
            if ins.opcode is Opcode.DMA_OUT:
                n, m = sizes.get(ins.dst.name, (0, 0))
                sizes[ins.dst.name] = (max(n, ins.dst.index + 1), max(m, ins.dst.stop))
        for name, (n, m) in sizes.items():
            self.outputs[name] = np.zeros((n, batch, m), dtype=np.int64)
        self.f64: dict[tuple, np.ndarray] = {}
        self.units = {Opcode.SIGMOID: config.activation_unit("sigmoid"), Opcode.TANH: config.activation_unit("tanh")}

    # operand access
    def read(self, ref: Ref | MatRef) -> np.ndarray:
        arr = self.data[ref.buffer]
        if isinstance(ref, MatRef):
            return arr[ref.row_start:ref.row_stop, ref.col_start:ref.col_stop]
        return arr[..., ref.start:ref.stop]

    def write(self, ref: Ref | MatRef, value: np.ndarray) -> None:
        arr = self.data[ref.buffer]
        if isinstance(ref, MatRef):
            arr[ref.row_start:ref.row_stop, ref.col_start:ref.col_stop] = value
            self.f64 = {k: v for k, v in self.f64.items() if k[0] != ref.buffer}
        else:
            arr[..., ref.start:ref.stop] = value

    def fmt(self, ref: Ref | MatRef) -> FixedFormat:
        return self.specs[ref.buffer].fmt

    def read_offchip(self, ref: OffchipRef) -> np.ndarray:
        arr = self.offchip[ref.name]
        if ref.index is not None:
            return arr[ref.index][:, ref.start:ref.stop]
        if arr.ndim == 2:
            return arr[ref.start:ref.stop, ref.col_start:ref.col_stop]
        return arr[ref.start:ref.stop]

    def write_offchip(self, ref: OffchipRef, value: np.ndarray) -> None:
        self.outputs[ref.name][ref.index][:, ref.start:ref.stop] = value

    def execute(self, ins: Instruction) -> None:
        cfg = self.cfg
        op = ins.opcode
        rnd, ovf = cfg.rounding, cfg.overflow
        if op is Opcode.DMA_IN:
            self.write(ins.dst, self.read_offchip(ins.a))
        elif op is Opcode.DMA_OUT:
            self.write_offchip(ins.dst, self.read(ins.a))
        elif op in (Opcode.WAIT, Opcode.BARRIER):
            return
        elif op is Opcode.MVM:
            w_ref, v_ref = ins.a, ins.b
            key = (w_ref.buffer, w_ref.row_start, w_ref.row_stop, w_ref.col_start, w_ref.col_stop)
            w = self.read(w_ref)
            wf = self.f64.get(key)
            if wf is None:
                wf = w.astype(np.float64)
                self.f64[key] = wf
            dot = fx.matvec(w, self.read(v_ref), self.fmt(w_ref).word_bits, self.fmt(v_ref).word_bits, w_f64=wf)
            acc_fmt = self.fmt(ins.dst)
            if ins.accumulate:
                dot = dot + self.read(ins.dst)
            elif ins.bias is not None:
                dot = dot + (self.read(ins.bias) << (acc_fmt.frac_bits - self.fmt(ins.bias).frac_bits))
            self.write(ins.dst, fx.fit(dot, acc_fmt.word_bits, ovf))
        elif op in (Opcode.REQ, Opcode.VMOV):
            self.write(ins.dst, fx.requantize(self.read(ins.a), self.fmt(ins.a).frac_bits, self.fmt(ins.dst), rnd, ovf))
        elif op is Opcode.RELU:
            x = np.maximum(self.read(ins.a), 0)
            self.write(ins.dst, fx.requantize(x, self.fmt(ins.a).frac_bits, self.fmt(ins.dst), rnd, ovf))
        elif op in (Opcode.VADD, Opcode.VSUB, Opcode.VMUL):
            fn = {Opcode.VADD: fx.add, Opcode.VSUB: fx.sub, Opcode.VMUL: fx.multiply}[op]
            a, b = ins.a, ins.b
            self.write(ins.dst, fn(self.read(a), self.fmt(a).frac_bits, self.read(b), self.fmt(b).frac_bits,
                                   self.fmt(ins.dst), rnd, ovf))
        elif op in (Opcode.SIGMOID, Opcode.TANH):
            unit = self.units[op]
            if self.fmt(ins.a) != unit.in_fmt or self.fmt(ins.dst) != unit.out_fmt:
                raise HardwareError(f"{op.value}: operands must be {unit.in_fmt} -> {unit.out_fmt}")
            self.write(ins.dst, unit(self.read(ins.a)))
        else:  # pragma: no cover - every opcode is handled above
            raise HardwareError(f"unknown opcode {op!r}")
