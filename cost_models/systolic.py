"""Systolic-array cost model: a rows x cols array of MACs in weight-, output- or input-stationary dataflow.

This is how Gemmini's mesh and SCALE-Sim's array compute (Samajdar et al., "A Systematic Methodology for
Characterizing Scalability of DNN Accelerators using SCALE-Sim", ISPASS 2020, §III). A layer is the matrix
product of its operand matrices: ``Sr`` output pixels (``N * Y_out * X_out``) by ``T = R * S * C/groups`` window
elements by ``K`` filters (per group). The dataflow decides which two of them the array's rows and columns hold;
the third streams through in time. Each fold (one tile of the two spatial operands) costs:

=============  ==========================  ====================================  ===========================
dataflow        rows x cols hold            folds                                 cycles per fold
=============  ==========================  ====================================  ===========================
``ws``          T x K (weights stay)        ceil(T/rows) * ceil(K/cols)           2*rows + cols + Sr - 2
``os``          Sr x K (outputs stay)       ceil(Sr/rows) * ceil(K/cols)          rows + cols + T - 2
``is``          T x Sr (inputs stay)        ceil(T/rows) * ceil(Sr/cols)          2*rows + cols + K - 2
=============  ==========================  ====================================  ===========================

In WS and IS the stationary operand takes ``rows`` cycles to load; the streamed operand enters skewed, one row a
cycle, so the first result leaves after ``rows + cols - 2`` more cycles and the stream takes one cycle per element.
OS keeps the sums in place and streams both operands along the ``T`` reduction. The layer's compute cycles are the
folds' sum minus one (the last fold's final cycle overlaps the next layer). This is SCALE-Sim 3.0.0's compute model
exactly when its memories never stall (checked layer by layer against SCALE-Sim in ``tests/test_systolic.py`` and
``benchmarks/scalesim_crosscheck.py``), with one difference: output sizes are the layer's true
``(Y + 2p - R) // stride + 1``, where SCALE-Sim's topology reader computes ``ceil((Y - R + stride) / stride)``,
one more row whenever the stride does not divide ``Y - R`` (:mod:`npu_dse.export.scalesim` writes the input rows
the layer reads, so both agree).

A depthwise layer runs as ``C`` single-channel convolutions (SCALE-Sim's ``DP`` layers), a grouped one as its
groups, a GEMM as a 1 x 1 convolution over ``N * Y`` rows, a TRCONV as its stride x stride sub-pixel phases
(:func:`npu_dse.cost_models.maestro.problem_for`), each back to back.

SRAM traffic (elements, per layer) follows the same folds: the stationary operand is read once per fold it
occupies, the streamed operand once per fold it passes, and every fold writes its ``Sr x cols`` (WS), ``rows x
cols`` (OS) or ``cols x K`` (IS) partial sums; partial sums of a reduction split over several folds are read back.
The reads and writes equal the addresses of SCALE-Sim's demand matrices on every golden layer
(``tests/data/scalesim_sram.csv``). The partial sums live in a separate accumulator SRAM (:func:`accumulator_bytes`),
as Gemmini's do; the scratchpad (L2) holds inputs and weights.

With finite buffers (under a physical technology, :func:`npu_dse.cost_models.maestro.analyze_layer`) the schedule
is :func:`capacity_schedule`'s: partial sums that overflow the accumulator cut the stream into blocks (each refills
the array), and an operand the scratchpad cannot keep between its uses comes from DRAM again for each use, so a
small L2 pays in DRAM traffic and a large one in SRAM energy and area.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from npu_dse.cost_models.errors import HardwareError
from npu_dse.cost_models.workload import Layer, Network, Op

#: Systolic dataflows: weight-, output- and input-stationary.
DATAFLOWS = ("ws", "os", "is")

#: Width of an accumulator entry, bits: Gemmini's ``accType`` (``SInt(32.W)``, ``Configs.scala`` defaultConfig).
ACC_BITS = 32

#: The accumulator's share of the scratchpad, in bytes: Gemmini's default configuration pairs a 256 KiB scratchpad
#: with a 64 KiB accumulator (``Configs.scala`` defaultConfig: ``sp_capacity``, ``acc_capacity``).
ACC_SHARE = 0.25

#: Banks of the accumulator (Gemmini's default ``acc_banks``).
ACC_BANKS = 2


def array_shape(num_pes: int) -> tuple[int, int]:
    """(rows, cols) of the squarest array of ``num_pes`` PEs: rows the largest divisor not above the square root."""
    rows = max(d for d in range(1, math.isqrt(num_pes) + 1) if num_pes % d == 0)
    return rows, num_pes // rows


def array_dims(num_pes: int, pe_rows: int = 0) -> tuple[int, int]:
    """(rows, cols) of a design's array: ``pe_rows`` x ``num_pes / pe_rows`` when the design sets its rows
    (:class:`npu_dse.cost_models.hardware.Hardware` ``pe_rows``), else the squarest (:func:`array_shape`).

    Raises:
        HardwareError: ``pe_rows`` does not divide ``num_pes``.
    """
    if pe_rows and int(num_pes) % int(pe_rows):
        raise HardwareError(f"pe_rows ({pe_rows}) must divide num_pes ({num_pes}): the array is pe_rows x "
                            "(num_pes / pe_rows) PEs")
    return (int(pe_rows), int(num_pes) // int(pe_rows)) if pe_rows else array_shape(int(num_pes))


def accumulator_bytes(l2_bytes, num_pes, pe_rows=0):
    """Bytes of the accumulator SRAM beside an L2 (scratchpad) of ``l2_bytes`` on ``num_pes`` PEs.

    The partial sums of a systolic array accumulate in a separate SRAM of :data:`ACC_BITS`-bit entries (Gemmini's
    accumulator; SCALE-Sim's ofmap SRAM). Its size is the largest not above :data:`ACC_SHARE` of the scratchpad
    (Gemmini's default proportion) that Gemmini's bank rules accept: whole KiB, and each of :data:`ACC_BANKS` banks
    a whole number of ``cols``-row tiles of ``cols`` entries (``GemminiConfigs.scala``: "the number of rows in an
    accumulator bank must be a multiple of the dimensions of the systolic array"); at least one such unit.

    Args:
        l2_bytes: scalar or array of scratchpad sizes, bytes.
        num_pes: scalar or array (same shape) of PE counts.
        pe_rows: scalar or array of the arrays' rows (0: the squarest array); ``cols`` is :func:`array_dims`'s.

    Returns:
        float array (or scalar) of bytes.
    """
    l2 = np.asarray(l2_bytes, dtype=np.float64)
    pes = np.asarray(num_pes, dtype=np.int64)
    rows = np.asarray(pe_rows, dtype=np.int64)
    out = np.empty(np.broadcast(l2, pes, rows).shape)
    l2b, pb, rb = np.broadcast_arrays(l2, pes, rows)
    for p, r in {(int(a), int(b)) for a, b in zip(pb.ravel(), rb.ravel())}:
        cols = array_dims(p, r)[1]
        unit = math.lcm(ACC_BANKS * cols * cols * ACC_BITS // 8, 1024)
        sel = (pb == p) & (rb == r)
        out[sel] = np.maximum(np.floor(l2b[sel] * ACC_SHARE / unit), 1.0) * unit
    return out if out.ndim else float(out)


@dataclass(frozen=True)
class SystolicArray:
    """A ``rows x cols`` array of MAC units in one dataflow.

    Raises:
        HardwareError: a non-positive dimension or an unknown dataflow (names the allowed ones).
    """

    rows: int
    cols: int
    dataflow: str = "ws"

    def __post_init__(self) -> None:
        for f in ("rows", "cols"):
            v = getattr(self, f)
            if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < 1:
                raise HardwareError(f"systolic array field {f!r} must be an integer >= 1, got {v!r}")
        if self.dataflow not in DATAFLOWS:
            raise HardwareError(f"systolic dataflow {self.dataflow!r} is unknown; allowed: {', '.join(DATAFLOWS)}")

    @property
    def num_pes(self) -> int:
        return self.rows * self.cols


@dataclass(frozen=True)
class Operands:
    """One matrix product of a layer: ``Sr`` output pixels x ``T`` window elements x ``K`` filters, run ``times``."""

    Sr: int
    T: int
    K: int
    times: int


def operands(layer: Layer) -> Operands:
    """The operand-matrix sizes of ``layer`` (module docstring) and how many times the product runs.

    Raises:
        WorkloadError: never for a valid :class:`Layer`.
    """
    if layer.op is Op.GEMM:
        return Operands(Sr=layer.N * layer.Y * layer.X, T=layer.C, K=layer.K, times=layer.repeat)
    if layer.op is Op.TRCONV:
        s = layer.stride
        r, q = -(-layer.R // s), -(-layer.S // s)
        sr = layer.N * -(-layer.Y_out // s) * -(-layer.X_out // s)
        g = layer.groups
        return Operands(Sr=sr, T=r * q * (layer.C // g), K=layer.K // g, times=layer.repeat * g * s * s)
    sr = layer.N * layer.Y_out * layer.X_out
    if layer.op is Op.DWCONV:
        return Operands(Sr=sr, T=layer.R * layer.S, K=layer.K // layer.C, times=layer.repeat * layer.C)
    g = layer.groups
    return Operands(Sr=sr, T=layer.R * layer.S * (layer.C // g), K=layer.K // g, times=layer.repeat * g)


def _folds(o: Operands, a: SystolicArray) -> tuple[int, int, int, int]:
    """(row folds, column folds, cycles per fold, streamed length) of one product on ``a``."""
    if a.dataflow == "ws":
        return math.ceil(o.T / a.rows), math.ceil(o.K / a.cols), 2 * a.rows + a.cols + o.Sr - 2, o.Sr
    if a.dataflow == "os":
        return math.ceil(o.Sr / a.rows), math.ceil(o.K / a.cols), a.rows + a.cols + o.T - 2, o.T
    return math.ceil(o.T / a.rows), math.ceil(o.Sr / a.cols), 2 * a.rows + a.cols + o.K - 2, o.K


def compute_cycles(layer: Layer, array: SystolicArray) -> int:
    """Compute cycles of ``layer`` on ``array`` with memories that never stall (module docstring).

    Returns:
        cycles (int, > 0): ``times * (folds * cycles_per_fold - 1)``, at least one cycle per streamed element (which
        only a 1 x 1 array reaches: there SCALE-Sim's count is one cycle below its MACs).
    """
    o = operands(layer)
    return _compute_cycles(o, _folds(o, array))


def _compute_cycles(o: Operands, folds: tuple[int, int, int, int]) -> int:
    fr, fc, per_fold, stream = folds
    return o.times * max(fr * fc * per_fold - 1, fr * fc * stream)


def sram_accesses(layer: Layer, array: SystolicArray) -> dict[str, int]:
    """SRAM reads and writes (elements) of ``layer`` on ``array``: ``ifmap_reads``, ``filter_reads``,
    ``ofmap_writes`` and ``ofmap_reads`` (partial sums read back), following the folds (module docstring)."""
    o = operands(layer)
    return _sram_accesses(o, _folds(o, array), array.dataflow)


def _sram_accesses(o: Operands, folds: tuple[int, int, int, int], dataflow: str) -> dict[str, int]:
    fr, fc, _, _ = folds
    if dataflow == "ws":       # weights once; inputs once per column fold; psums per row fold
        f, i, w = o.T * o.K, o.Sr * o.T * fc, o.Sr * o.K * fr
    elif dataflow == "os":     # inputs once per column fold, weights once per row fold, outputs once
        f, i, w = o.T * o.K * fr, o.Sr * o.T * fc, o.Sr * o.K
    else:                            # inputs once; weights once per column fold; psums per row fold
        f, i, w = o.T * o.K * fc, o.Sr * o.T, o.Sr * o.K * fr
    out = o.Sr * o.K
    return {"ifmap_reads": o.times * i, "filter_reads": o.times * f, "ofmap_writes": o.times * w,
            "ofmap_reads": o.times * (w - out)}


@dataclass(frozen=True)
class Schedule:
    """How a layer's product is ordered on an array whose buffers are finite (:func:`capacity_schedule`).

    ``blocks``: the stream is cut into this many blocks (so their partial sums fit the accumulator); the
    stationary operand is loaded into the array once per block. ``input_fetches`` / ``filter_fetches``: how many
    times the input / the weights come from DRAM (1 = once, the compulsory traffic)."""

    blocks: int
    input_fetches: int
    filter_fetches: int


def capacity_schedule(layer: Layer, array: SystolicArray, scratch_elems: float, acc_entries: float) -> Schedule:
    """The least-traffic order of ``layer``'s folds on ``array`` with a scratchpad of ``scratch_elems`` elements
    (the L2) and an accumulator of ``acc_entries`` partial sums (:func:`accumulator_bytes` / 4 bytes).

    The folds are those of the module docstring. Two things depend on the buffers:

    - **accumulator** (weight- and input-stationary): the partial sums of one column fold over the whole stream
      (``Sr x cols`` in WS, ``K x cols`` in IS) stay in the accumulator while the row folds add into them. When
      they do not fit, the stream is cut into blocks whose partial sums fit (Gemmini's software tiling over rows),
      and each block reloads the stationary operand (``2*rows + cols - 2`` fill cycles and the tile's reads, per
      block). Output-stationary keeps its sums in the PEs.
    - **scratchpad** (every dataflow): an operand comes from DRAM once only if the scratchpad keeps it between
      its uses; otherwise it is fetched again for each use. Per dataflow the candidate orders are (``A`` = the
      input, ``W`` = the weights, ``t`` = a double-buffered array-sized tile ``2*rows*cols``):

      ======  ===================================================  ==========================================
      WS      block outer, column fold, row fold inner             A once if its block (``A*bs/Sr``) stays,
                                                                   else once per column fold; W once if it
                                                                   stays beside that, else once per block
      OS      row fold outer (``rows x T`` of A stays) or          the other operand once if it stays whole,
              column fold outer (``T x cols`` of W stays)          else once per fold of the outer loop
      IS      WS with A and W, Sr and K exchanged
      ======  ===================================================  ==========================================

      and the schedule is the one with the least DRAM traffic (ties: the first listed). An operand that stays is
      counted at its whole size; the resident block at its share of the operand. Reuse through partial fits (an
      LRU keeping part of a cyclically read operand) is not counted: a cyclic stream larger than the buffer
      misses every time.

    This is SCALE-Sim's fold schedule with its SRAM sizes taken into account for the DRAM traffic (ISPASS 2020,
    §III-C: an operand that does not fit its SRAM is read from DRAM again each time it is reused) and Gemmini's
    tiling for the accumulator. ``scratch_elems = acc_entries = inf`` gives the compulsory traffic of
    :func:`engine_counts` without buffers.

    Raises:
        nothing: a scratchpad too small for even the least schedule still gets the most refetching one (the cost
        model marks such a point infeasible through ``l2_req``).
    """
    o = operands(layer)
    return _capacity_schedule(layer, array, o, _folds(o, array), scratch_elems, acc_entries)


def _capacity_schedule(layer: Layer, array: SystolicArray, o: Operands, folds: tuple[int, int, int, int],
                       scratch_elems: float, acc_entries: float) -> Schedule:
    fr, fc, _, _ = folds
    r, c = array.rows, array.cols
    e_in, e_w = _fills(layer, o)
    A, W = e_in / o.times, e_w / o.times  # one product's input and weights (elements)
    tile = 2.0 * r * c
    if array.dataflow == "os":
        options = [(1, 1, 1)] if A + W <= scratch_elems else []
        options.append((1, 1, 1 if W + 2.0 * r * o.T <= scratch_elems else fr))  # a row fold of A stays
        options.append((1, 1 if A + 2.0 * o.T * c <= scratch_elems else fc, 1))  # a column fold of W stays
    else:  # ws, or is with the operands exchanged
        ws = array.dataflow == "ws"
        stream, other = (o.Sr if ws else o.K), fc  # the blocked dimension; the streamed operand's reuses
        S_op, T_op = (A, W) if ws else (W, A)  # the streamed operand (blocked) and the stationary one
        fold_sums = fr > 1  # partial sums carried across row folds; with one row fold they drain as they come
        bs = stream if not fold_sums or acc_entries >= stream * c else max(1, int(acc_entries // c))
        blocks = -(-stream // bs)
        blk = S_op * bs / stream
        cand = []  # (streamed fetches, stationary fetches)
        if blk + T_op <= scratch_elems:
            cand.append((1, 1))
        if blk + tile <= scratch_elems:
            cand.append((1, blocks))
        if T_op + 2.0 * bs * r <= scratch_elems:
            cand.append((other, 1))
        cand.append((other, blocks))
        options = [(blocks, a, b) if ws else (blocks, b, a) for a, b in cand]
    return Schedule(*min(options, key=lambda s: A * s[1] + W * s[2]))


def _fills(layer: Layer, o: Operands) -> tuple[float, float]:
    """(input, weight) elements of ``layer`` filled into the L2 from DRAM once (all its products)."""
    if layer.op is Op.GEMM or layer.op is Op.TRCONV:
        inputs = o.Sr * o.T  # the streamed rows (a GEMM's activations; a TRCONV phase's windows)
    else:
        inputs = layer.N * layer.C * (layer.Y + 2 * layer.padding) * (layer.X + 2 * layer.padding)
    return float(inputs * layer.repeat), float(layer.weights)


def engine_counts(layer: Layer, array: SystolicArray, scratch_elems: float = math.inf,
                  acc_entries: float = math.inf) -> dict[str, float]:
    """The quantities :func:`npu_dse.cost_models.maestro.analyze_layer` needs, for a systolic dataflow.

    Args:
        layer, array: the layer and the array.
        scratch_elems: the scratchpad (L2) in elements; ``inf`` (the default): unbounded.
        acc_entries: the accumulator in partial sums (:data:`ACC_BITS` bits each); ``inf``: unbounded.

    Returns:
        ``compute_cycles``; ``l1_req`` (elements per PE: an input, a weight and a partial-sum register);
        ``l2_req`` (elements: one fold's input and weight operands, double-buffered, at most the layer's whole
        input and weight matrices; a blocked stream's fold holds one block); ``peak``
        (elements/cycle into the array: a row and a column vector); and the 12 counters of
        :data:`npu_dse.cost_models.maestro.COUNT_NAMES` in elements. L2 reads and writes are :func:`sram_accesses`,
        the stationary operand's times the blocks of :func:`capacity_schedule`; the L2 is filled from DRAM with
        the layer's inputs and weights (``*_l2_write``) as often as that schedule fetches them (once each with
        unbounded buffers), its final outputs and the partial sums read back are ``output_l2_read``; the L1
        registers are read and written once per MAC. The ``output_l2_*`` counts are accumulator accesses
        (:func:`accumulator_bytes`): a physical technology charges them to the accumulator SRAM, in
        :data:`ACC_BITS`-bit entries. ``compute_cycles`` is :func:`compute_cycles` plus ``2*rows + cols - 2``
        fill cycles per fold for every block after the first.
        ``dram``: the off-chip traffic, the fills plus the final outputs out once (partial sums stay in the
        on-chip accumulator, as in Gemmini and SCALE-Sim's ofmap SRAM).
    """
    o = operands(layer)
    folds = _folds(o, array)
    acc = _sram_accesses(o, folds, array.dataflow)
    macs = float(layer.macs)
    r, c = array.rows, array.cols
    sched = _capacity_schedule(layer, array, o, folds, scratch_elems, acc_entries)
    nb = sched.blocks
    fr, fc, _, stream = folds
    cycles = _compute_cycles(o, folds)
    filter_reads, ifmap_reads = acc["filter_reads"], acc["ifmap_reads"]
    if nb > 1:  # only ws / is block their stream (output-stationary has no accumulator to fill)
        cycles = o.times * max(fr * fc * (nb * (2 * r + c - 2) + stream) - 1, fr * fc * stream)
        if array.dataflow == "ws":
            filter_reads *= nb
        else:
            ifmap_reads *= nb
    bs = -(-stream // nb)
    # the scratchpad holds one fold's stationary and streamed operands (the partial sums are in the accumulator)
    tile = {"ws": r * c + bs * r, "os": r * o.T + o.T * c, "is": r * c + r * bs}[array.dataflow]
    whole = o.Sr * o.T + o.T * o.K
    in_fill, w_fill = _fills(layer, o)
    in_fill, w_fill = in_fill * sched.input_fetches, w_fill * sched.filter_fetches
    outputs = o.times * o.Sr * o.K
    return {
        "compute_cycles": float(cycles), "l1_req": 3.0,
        "l2_req": float(2 * min(tile, whole)), "peak": float(r + c),
        "input_l1_read": macs, "input_l1_write": float(ifmap_reads),
        "input_l2_read": float(ifmap_reads), "input_l2_write": in_fill,
        "filter_l1_read": macs, "filter_l1_write": float(filter_reads),
        "filter_l2_read": float(filter_reads), "filter_l2_write": w_fill,
        "output_l1_read": macs, "output_l1_write": macs,
        "output_l2_read": float(outputs + acc["ofmap_reads"]), "output_l2_write": float(acc["ofmap_writes"]),
        "dram": in_fill + w_fill + float(outputs),
    }


def analyze_network(network: Network, array: SystolicArray, clock_mhz: float = 1000.0) -> pd.DataFrame:
    """Per-layer compute cycles, latency, MACs, utilisation and SRAM accesses of ``network`` on ``array``.

    Returns:
        DataFrame with a row per layer: ``layer``, ``compute_cycles``, ``latency_ms``, ``macs``, ``utilization``
        (``macs / (cycles * rows * cols)``, <= 1) and the :func:`sram_accesses` columns.

    Raises:
        HardwareError: a non-positive clock.
    """
    if not clock_mhz > 0:
        raise HardwareError(f"clock_mhz must be > 0, got {clock_mhz!r}")
    rows = []
    for layer in network.layers:
        cycles = compute_cycles(layer, array)
        rows.append({"layer": layer.name, "compute_cycles": cycles, "latency_ms": cycles / (clock_mhz * 1e3),
                     "macs": layer.macs, "utilization": layer.macs / (cycles * array.num_pes),
                     **sram_accesses(layer, array)})
    return pd.DataFrame(rows)
