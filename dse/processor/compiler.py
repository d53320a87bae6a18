"""Lowering of RNN / GRU / LSTM layers to processor programs.

The cell equations are PyTorch's (``torch.nn.RNN``/``GRU``/``LSTM`` documentation, gate order GRU r, z, n and
LSTM i, f, g, o). Parameters are stored as one matrix ``W = [W_ih | W_hh]`` of shape (gates*H, I+H) per layer, so
one matrix-vector product over the concatenated vector ``xh = [x_t ; h_{t-1}]`` gives every gate's
pre-activation (the cost model's fused GEMM, :func:`npu_dse.cost_models.workload.recurrent_layers`). Matrix-vector
products are tiled over the lanes: one ``MVM`` per block of ``lanes`` rows (fewer when streamed weight tiles
must fit a small weight memory).

Fixed-point dataflow of one time step (``acc`` has ``f_w + f_a`` fraction bits; ``->S``, ``->A`` mean
requantised to the state / activation format; every arrow is one rounding then one overflow step):

* RNN: ``acc = b + W xh``; ``h' = tanh(acc ->S) ->A`` (``relu``: ``h' = max(acc, 0) ->A``).
* LSTM: ``acc = b + W xh``; ``p = acc ->S``; ``i, f, o = sigmoid(p_i, p_f, p_o)``, ``g = tanh(p_g)`` (->A);
  ``c' = (f*c ->S) + (i*g ->S) ->S``; ``h' = o * (tanh(c') ->A) ->A``.
* GRU: ``acc_rz = b_rz + W_rz xh``; ``acc_in = b_in + W_in x``; ``acc_hn = b_hn + W_hn h`` (the hidden-side
  bias stays inside the reset product, as in torch); ``p = acc ->S``; ``r, z = sigmoid(p_r, p_z) ->A``;
  ``n = tanh(p_in + (r*p_hn ->S) ->S) ->A``; ``h' = n + (z * (h - n ->A) ->A) ->A``
  (= ``(1-z) n + z h``).

Biases: ``b = b_ih + b_hh`` is added in float on the host before quantisation (RNN, LSTM, GRU r/z rows);
the GRU n row keeps ``b_in`` and ``b_hn`` apart. Host conversions (weights, biases, inputs, initial states) use
the configured rounding mode and always saturate.

Program shape: ``setup`` DMAs the resident weights once per call; ``sequence`` loads h0 (c0), then per time
step ``t`` issues the DMA of ``x_{t+1}`` into the other half of a double buffer, waits for ``x_t``, runs every
layer, DMAs ``h_t`` of the last layer out and ends with a ``BARRIER`` (fixed per-step overhead). If the weights do
not fit the weight memory (``weight_residency="auto"``/``"stream"``), each lane-high weight tile is DMA'd into one
of two tile buffers one tile ahead of its ``MVM`` (double buffering), every step.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from npu_dse.cost_models.errors import HardwareError
from npu_dse.processor.config import ProcessorConfig
from npu_dse.processor.fixed_point import Overflow, quantize
from npu_dse.processor.isa import Instruction, MatRef, OffchipRef, Opcode, Ref
from npu_dse.processor.machine import BufferSpec, Program

__all__ = ["CellParams", "GATES", "quantize_cell_params", "compile_recurrent", "weight_bytes"]

GATES = {"RNN_TANH": 1, "RNN_RELU": 1, "GRU": 3, "LSTM": 4}


@dataclass(frozen=True)
class CellParams:
    """Quantised parameters of one layer.

    Attributes:
        w: int64 (gates*H, I+H), ``[W_ih | W_hh]`` in the weight format.
        b: int64 (gates*H,) combined bias (GRU: ``[b_ir+b_hr, b_iz+b_hz, b_in]``), or None without bias.
        b_hn: GRU only: int64 (H,) ``b_hn``, or None.
    """

    w: np.ndarray
    b: np.ndarray | None = None
    b_hn: np.ndarray | None = None


def _mode(mode: str) -> str:
    if mode not in GATES:
        raise HardwareError(f"recurrent cell mode {mode!r}; allowed: {', '.join(GATES)}")
    return mode


def quantize_cell_params(
    mode: str,
    w_ih: np.ndarray,
    w_hh: np.ndarray,
    b_ih: np.ndarray | None,
    b_hh: np.ndarray | None,
    config: ProcessorConfig,
) -> CellParams:
    """Float torch-layout parameters of one layer -> :class:`CellParams` (weight format, saturating).

    Args:
        mode: ``RNN_TANH``, ``RNN_RELU``, ``GRU`` or ``LSTM``.
        w_ih: (gates*H, I); w_hh: (gates*H, H); b_ih, b_hh: (gates*H,) or None.
    """
    _mode(mode)
    fmt = config.weight
    q = lambda a: quantize(np.asarray(a, dtype=np.float64), fmt, config.rounding, Overflow.SATURATE)  # noqa: E731
    w = q(np.concatenate([np.asarray(w_ih, dtype=np.float64), np.asarray(w_hh, dtype=np.float64)], axis=1))
    if b_ih is None:
        return CellParams(w)
    b_ih = np.asarray(b_ih, dtype=np.float64)
    b_hh = np.asarray(b_hh, dtype=np.float64)
    if mode == "GRU":
        h = b_ih.shape[0] // 3
        b = np.concatenate([b_ih[: 2 * h] + b_hh[: 2 * h], b_ih[2 * h:]])
        return CellParams(w, q(b), q(b_hh[2 * h:]))
    return CellParams(w, q(b_ih + b_hh))


def weight_bytes(mode: str, input_size: int, hidden_size: int, num_layers: int, config: ProcessorConfig,
                 bias: bool = True) -> int:
    """Bytes of all weights and biases of the stack in the weight format."""
    g = GATES[_mode(mode)]
    total = 0
    for layer in range(num_layers):
        i = input_size if layer == 0 else hidden_size
        total += g * hidden_size * (i + hidden_size)
        if bias:
            total += g * hidden_size + (hidden_size if mode == "GRU" else 0)
    return total * config.weight.word_bytes


def compile_recurrent(
    mode: str,
    input_size: int,
    hidden_size: int,
    num_layers: int,
    seq_len: int,
    config: ProcessorConfig,
    bias: bool = True,
) -> Program:
    """Compile a (stacked, unidirectional) recurrent network for ``seq_len`` steps.

    Off-chip inputs: ``W{l}`` (gates*H, I_l+H), ``b{l}`` (gates*H,), ``bhn{l}`` (H,) (GRU), ``x`` (T, batch, I),
    ``h0`` (L, batch, H), ``c0`` (L, batch, H) (LSTM). Outputs written: ``y`` (T, batch, H), ``hn`` and ``cn``
    (L, batch, H).

    Raises:
        HardwareError: unknown mode, non-positive sizes, ``weight_residency="resident"`` with weights larger than
            the weight memory.
    """
    _mode(mode)
    for name, v in (("input_size", input_size), ("hidden_size", hidden_size), ("num_layers", num_layers),
                    ("seq_len", seq_len)):
        if not isinstance(v, int) or v < 1:
            raise HardwareError(f"recurrent program field {name!r} = {v!r}; allowed: a positive integer")
    return _Builder(mode, input_size, hidden_size, num_layers, seq_len, config, bias).build()


class _Builder:
    def __init__(self, mode, input_size, hidden_size, num_layers, seq_len, config: ProcessorConfig, bias):
        self.mode, self.I, self.H, self.L, self.T = mode, input_size, hidden_size, num_layers, seq_len
        self.cfg, self.bias = config, bias
        self.G = GATES[mode]
        need = weight_bytes(mode, input_size, hidden_size, num_layers, config, bias)
        res = config.weight_residency
        if res == "resident" and need > config.weight_mem_bytes:
            raise HardwareError(
                f"weight memory 'wmem' overflows: the {mode} weights need {need} bytes but the capacity is "
                f"{config.weight_mem_bytes} bytes (weight_residency='resident'; use 'auto' or 'stream' to stream "
                "weight tiles)"
            )
        self.stream = res == "stream" or (res == "auto" and need > config.weight_mem_bytes)
        # rows per MVM: the lanes, or fewer when two streamed weight tiles (plus the resident biases) must share a
        # weight memory too small for lane-high tiles
        self.block = min(config.lanes, self.G * hidden_size)
        if self.stream:
            max_cols = max((input_size if k == 0 else hidden_size) + hidden_size for k in range(num_layers))
            bias_bytes = need - weight_bytes(mode, input_size, hidden_size, num_layers, config, bias=False)
            fit_rows = (config.weight_mem_bytes - bias_bytes) // (2 * max_cols * config.weight.word_bytes)
            self.block = max(1, min(self.block, fit_rows))
        self.seq: list[Instruction] = []

    def in_size(self, layer: int) -> int:
        return self.I if layer == 0 else self.H

    def build(self) -> Program:
        cfg, H, G = self.cfg, self.H, self.G
        bufs: list[BufferSpec] = []
        setup: list[Instruction] = []
        fmt_w, fmt_a, fmt_s = cfg.weight, cfg.activation, cfg.state
        offchip = {"x": fmt_a, "h0": fmt_a, "c0": fmt_s}
        max_cols = max(self.in_size(layer) + H for layer in range(self.L))
        for layer in range(self.L):
            cols = self.in_size(layer) + H
            offchip[f"W{layer}"] = fmt_w
            if not self.stream:
                bufs.append(BufferSpec(f"W{layer}", "wmem", (G * H, cols), fmt_w, batched=False))
                setup.append(Instruction(Opcode.DMA_IN, MatRef(f"W{layer}", 0, G * H, 0, cols),
                                         OffchipRef(f"W{layer}", None, 0, G * H, 0, cols), tag="w"))
            if self.bias:
                offchip[f"b{layer}"] = fmt_w
                bufs.append(BufferSpec(f"b{layer}", "wmem", (G * H,), fmt_w, batched=False))
                setup.append(Instruction(Opcode.DMA_IN, Ref(f"b{layer}", 0, G * H),
                                         OffchipRef(f"b{layer}", None, 0, G * H), tag="w"))
                if self.mode == "GRU":
                    offchip[f"bhn{layer}"] = fmt_w
                    bufs.append(BufferSpec(f"bhn{layer}", "wmem", (H,), fmt_w, batched=False))
                    setup.append(Instruction(Opcode.DMA_IN, Ref(f"bhn{layer}", 0, H),
                                             OffchipRef(f"bhn{layer}", None, 0, H), tag="w"))
        if setup:
            setup.append(Instruction(Opcode.WAIT, tag="w"))
        if self.stream:
            tile_rows = self.block
            for k in range(2):
                bufs.append(BufferSpec(f"wtile{k}", "wmem", (tile_rows, max_cols), fmt_w, batched=False))
        for layer in range(self.L):
            n = self.in_size(layer) + H
            bufs.append(BufferSpec(f"xh{layer}_0", "amem", (n,), fmt_a))
            bufs.append(BufferSpec(f"xh{layer}_1", "amem", (n,), fmt_a))
            if self.mode == "LSTM":
                bufs.append(BufferSpec(f"c{layer}", "amem", (H,), fmt_s))
        acc_rows = 4 * H if self.mode == "GRU" else G * H
        bufs.append(BufferSpec("acc", "amem", (acc_rows,), cfg.acc_format))
        bufs.append(BufferSpec("pre", "amem", (acc_rows,), fmt_s))
        if self.mode != "RNN_RELU" and self.mode != "RNN_TANH":
            bufs.append(BufferSpec("gate", "amem", (G * H,), fmt_a))
            bufs.append(BufferSpec("tmp_s", "amem", (H,), fmt_s))
            bufs.append(BufferSpec("tmp_s2", "amem", (H,), fmt_s))
            bufs.append(BufferSpec("tmp_a", "amem", (H,), fmt_a))
            bufs.append(BufferSpec("tmp_a2", "amem", (H,), fmt_a))
        self._sequence()
        seq = self._stream_weights(self.seq) if self.stream else self.seq
        desc = (f"{self.mode} I={self.I} H={H} layers={self.L} T={self.T} lanes={cfg.lanes} "
                f"weights={'streamed' if self.stream else 'resident'}")
        return Program(tuple(bufs), tuple(setup), tuple(seq), offchip, desc)

    # ---------------------------------------------------------------- emitters
    def emit(self, opcode: Opcode, dst=None, a=None, b=None, **kw) -> None:
        self.seq.append(Instruction(opcode, dst, a, b, **kw))

    def mvm(self, acc_start: int, layer: int, row0: int, row1: int, col0: int, col1: int, vec: Ref,
            bias: str | None, bias_off: int) -> None:
        """Tiled MVM: acc[acc_start + r - row0] = bias + W[r, col0:col1] . vec for r in [row0, row1)."""
        block = self.block
        for r in range(row0, row1, block):
            r_end = min(r + block, row1)
            dst = Ref("acc", acc_start + r - row0, acc_start + r_end - row0)
            b = Ref(bias, bias_off + r - row0, bias_off + r_end - row0) if bias is not None else None
            self.emit(Opcode.MVM, dst, MatRef(f"W{layer}", r, r_end, col0, col1), vec, bias=b)

    def _sequence(self) -> None:
        H, T, L = self.H, self.T, self.L
        for layer in range(L):
            i = self.in_size(layer)
            self.emit(Opcode.DMA_IN, Ref(f"xh{layer}_0", i, i + H), OffchipRef("h0", layer, 0, H), tag="s")
            if self.mode == "LSTM":
                self.emit(Opcode.DMA_IN, Ref(f"c{layer}", 0, H), OffchipRef("c0", layer, 0, H), tag="s")
        self.emit(Opcode.DMA_IN, Ref("xh0_0", 0, self.I), OffchipRef("x", 0, 0, self.I), tag="x0")
        for t in range(T):
            p, q = t % 2, (t + 1) % 2
            if t + 1 < T:
                self.emit(Opcode.DMA_IN, Ref(f"xh0_{q}", 0, self.I), OffchipRef("x", t + 1, 0, self.I),
                          tag=f"x{t + 1}")
            if t == 0:
                self.emit(Opcode.WAIT, tag="s")
            self.emit(Opcode.WAIT, tag=f"x{t}")
            for layer in range(L):
                if layer > 0:
                    prev = self.in_size(layer - 1)
                    self.emit(Opcode.VMOV, Ref(f"xh{layer}_{p}", 0, H), Ref(f"xh{layer - 1}_{q}", prev, prev + H))
                getattr(self, "_cell_" + self.mode.split("_")[0].lower())(layer, p, q)
            last = self.in_size(L - 1)
            self.emit(Opcode.DMA_OUT, OffchipRef("y", t, 0, H), Ref(f"xh{L - 1}_{q}", last, last + H), tag=f"y{t}")
            self.emit(Opcode.BARRIER, cycles=self.cfg.costs.step_overhead_cycles)
        for layer in range(L):
            i = self.in_size(layer)
            self.emit(Opcode.DMA_OUT, OffchipRef("hn", layer, 0, H), Ref(f"xh{layer}_{T % 2}", i, i + H), tag="out")
            if self.mode == "LSTM":
                self.emit(Opcode.DMA_OUT, OffchipRef("cn", layer, 0, H), Ref(f"c{layer}", 0, H), tag="out")
        self.emit(Opcode.WAIT, tag="out")

    def _cell_rnn(self, layer: int, p: int, q: int) -> None:
        H, i = self.H, self.in_size(layer)
        xh_p, h_new = Ref(f"xh{layer}_{p}", 0, i + H), Ref(f"xh{layer}_{q}", i, i + H)
        self.mvm(0, layer, 0, H, 0, i + H, xh_p, f"b{layer}" if self.bias else None, 0)
        if self.mode == "RNN_RELU":
            self.emit(Opcode.RELU, h_new, Ref("acc", 0, H))
        else:
            self.emit(Opcode.REQ, Ref("pre", 0, H), Ref("acc", 0, H))
            self.emit(Opcode.TANH, h_new, Ref("pre", 0, H))

    def _cell_lstm(self, layer: int, p: int, q: int) -> None:
        H, i = self.H, self.in_size(layer)
        xh_p, h_new = Ref(f"xh{layer}_{p}", 0, i + H), Ref(f"xh{layer}_{q}", i, i + H)
        c = Ref(f"c{layer}", 0, H)
        self.mvm(0, layer, 0, 4 * H, 0, i + H, xh_p, f"b{layer}" if self.bias else None, 0)
        self.emit(Opcode.REQ, Ref("pre", 0, 4 * H), Ref("acc", 0, 4 * H))
        self.emit(Opcode.SIGMOID, Ref("gate", 0, 2 * H), Ref("pre", 0, 2 * H))  # i, f
        self.emit(Opcode.TANH, Ref("gate", 2 * H, 3 * H), Ref("pre", 2 * H, 3 * H))  # g
        self.emit(Opcode.SIGMOID, Ref("gate", 3 * H, 4 * H), Ref("pre", 3 * H, 4 * H))  # o
        self.emit(Opcode.VMUL, Ref("tmp_s", 0, H), Ref("gate", H, 2 * H), c)  # f * c
        self.emit(Opcode.VMUL, Ref("tmp_s2", 0, H), Ref("gate", 0, H), Ref("gate", 2 * H, 3 * H))  # i * g
        self.emit(Opcode.VADD, c, Ref("tmp_s", 0, H), Ref("tmp_s2", 0, H))
        self.emit(Opcode.TANH, Ref("tmp_a", 0, H), c)
        self.emit(Opcode.VMUL, h_new, Ref("gate", 3 * H, 4 * H), Ref("tmp_a", 0, H))

    def _cell_gru(self, layer: int, p: int, q: int) -> None:
        H, i = self.H, self.in_size(layer)
        xh_p, h_new = Ref(f"xh{layer}_{p}", 0, i + H), Ref(f"xh{layer}_{q}", i, i + H)
        b = f"b{layer}" if self.bias else None
        self.mvm(0, layer, 0, 2 * H, 0, i + H, xh_p, b, 0)  # r, z
        self.mvm(2 * H, layer, 2 * H, 3 * H, 0, i, Ref(f"xh{layer}_{p}", 0, i), b, 2 * H)  # W_in x + b_in
        self.mvm(3 * H, layer, 2 * H, 3 * H, i, i + H, Ref(f"xh{layer}_{p}", i, i + H),
                 f"bhn{layer}" if self.bias else None, 0)  # W_hn h + b_hn
        self.emit(Opcode.REQ, Ref("pre", 0, 4 * H), Ref("acc", 0, 4 * H))
        self.emit(Opcode.SIGMOID, Ref("gate", 0, 2 * H), Ref("pre", 0, 2 * H))  # r, z
        self.emit(Opcode.VMUL, Ref("tmp_s", 0, H), Ref("gate", 0, H), Ref("pre", 3 * H, 4 * H))  # r * hn
        self.emit(Opcode.VADD, Ref("tmp_s", 0, H), Ref("pre", 2 * H, 3 * H), Ref("tmp_s", 0, H))
        self.emit(Opcode.TANH, Ref("tmp_a", 0, H), Ref("tmp_s", 0, H))  # n
        self.emit(Opcode.VSUB, Ref("tmp_a2", 0, H), Ref(f"xh{layer}_{p}", i, i + H), Ref("tmp_a", 0, H))  # h - n
        self.emit(Opcode.VMUL, Ref("tmp_a2", 0, H), Ref("gate", H, 2 * H), Ref("tmp_a2", 0, H))  # z (h - n)
        self.emit(Opcode.VADD, h_new, Ref("tmp_a", 0, H), Ref("tmp_a2", 0, H))

    def _stream_weights(self, seq: list[Instruction]) -> list[Instruction]:
        """Replace resident weight operands by double-buffered tiles DMA'd one MVM ahead."""
        mvms = [k for k, ins in enumerate(seq) if ins.opcode is Opcode.MVM]
        out: list[Instruction] = []
        tile_of = {k: j for j, k in enumerate(mvms)}

        def dma(j: int) -> Instruction:
            w = seq[mvms[j]].a
            return Instruction(Opcode.DMA_IN, MatRef(f"wtile{j % 2}", 0, w.rows, 0, w.cols),
                               OffchipRef(w.buffer, None, w.row_start, w.row_stop, w.col_start, w.col_stop),
                               tag=f"w{j}")

        for k, ins in enumerate(seq):
            if k == 0 and mvms:
                out.append(dma(0))
            if k in tile_of:
                j = tile_of[k]
                if j + 1 < len(mvms):
                    out.append(dma(j + 1))
                out.append(Instruction(Opcode.WAIT, tag=f"w{j}"))
                w = ins.a
                out.append(Instruction(Opcode.MVM, ins.dst, MatRef(f"wtile{j % 2}", 0, w.rows, 0, w.cols), ins.b,
                                       bias=ins.bias, accumulate=ins.accumulate))
            else:
                out.append(ins)
        return out
