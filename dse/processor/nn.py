"""PyTorch-compatible recurrent modules that run in float or on the simulated fixed-point processor.

``npu_dse.processor.nn.RNN``, ``GRU`` and ``LSTM`` take ``torch.nn``'s constructor arguments, register the same
parameters (``weight_ih_l{k}``, ``weight_hh_l{k}``, ``bias_ih_l{k}``, ``bias_hh_l{k}``; gate order GRU r, z, n and
LSTM i, f, g, o), so ``load_state_dict`` from a trained ``torch.nn`` module works, and accept the same inputs and
return the same outputs and shapes (batched or unbatched, ``batch_first``, optional initial state). Two back-ends:

* ``backend="float"``: the float reference, written from torch's cell equations with torch ops (differentiable;
  matches ``torch.nn`` to about 1e-7).
* ``backend="sim"``: the fixed-point SIMD processor (:mod:`npu_dse.processor.compiler` +
  :mod:`npu_dse.processor.machine`) configured by ``config``; after each call ``last_cycles``, ``last_time_s`` and
  ``last_trace`` describe the run.

Options the processor does not have (``bidirectional``, ``dropout`` between layers, ``proj_size``, packed
sequences) raise :class:`~npu_dse.cost_models.errors.HardwareError` with the allowed value. Source: the seed's hardware
abstraction layer (Hong, Kim & Kim: the processor behind the PyTorch ``torch.nn`` API, §2.3).
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
import torch
from torch import Tensor, nn

from npu_dse.cost_models.errors import HardwareError, WorkloadError
from npu_dse.processor.compiler import GATES, compile_recurrent, quantize_cell_params
from npu_dse.processor.config import ProcessorConfig
from npu_dse.processor.fixed_point import Overflow, dequantize, quantize
from npu_dse.processor.machine import Machine, RunResult, TraceEntry

__all__ = ["RNN", "GRU", "LSTM", "BACKENDS"]

BACKENDS = ("float", "sim")


@lru_cache(maxsize=32)
def _program(mode: str, input_size: int, hidden_size: int, num_layers: int, seq_len: int,
             config: ProcessorConfig, bias: bool):
    return compile_recurrent(mode, input_size, hidden_size, num_layers, seq_len, config, bias)


class _RecurrentBase(nn.Module):
    """Shared implementation of :class:`RNN`, :class:`GRU` and :class:`LSTM`."""

    def __init__(
        self,
        mode: str,
        input_size: int,
        hidden_size: int,
        num_layers: int = 1,
        bias: bool = True,
        batch_first: bool = False,
        dropout: float = 0.0,
        bidirectional: bool = False,
        proj_size: int = 0,
        device=None,
        dtype=None,
        *,
        config: ProcessorConfig | None = None,
        backend: str = "float",
    ) -> None:
        super().__init__()
        name = type(self).__name__
        if bidirectional:
            raise HardwareError(f"{name}: bidirectional=True is not supported by the RNN processor; allowed: False")
        if dropout:
            raise HardwareError(
                f"{name}: dropout={dropout} between layers is not supported by the RNN processor; allowed: 0.0"
            )
        if proj_size:
            raise HardwareError(f"{name}: proj_size={proj_size} is not supported by the RNN processor; allowed: 0")
        for field, v in (("input_size", input_size), ("hidden_size", hidden_size), ("num_layers", num_layers)):
            if not isinstance(v, int) or isinstance(v, bool) or v < 1:
                raise WorkloadError(f"{name}: field {field!r} = {v!r}; allowed: a positive integer")
        self.mode = mode
        self.input_size, self.hidden_size, self.num_layers = input_size, hidden_size, num_layers
        self.bias, self.batch_first = bool(bias), bool(batch_first)
        self.dropout, self.bidirectional, self.proj_size = 0.0, False, 0
        self.config = config if config is not None else ProcessorConfig()
        self.backend = backend
        self.last_result: RunResult | None = None
        g = GATES[mode] * hidden_size
        kw = {"device": device, "dtype": dtype}
        for k in range(num_layers):
            in_k = input_size if k == 0 else hidden_size
            setattr(self, f"weight_ih_l{k}", nn.Parameter(torch.empty(g, in_k, **kw)))
            setattr(self, f"weight_hh_l{k}", nn.Parameter(torch.empty(g, hidden_size, **kw)))
            if self.bias:
                setattr(self, f"bias_ih_l{k}", nn.Parameter(torch.empty(g, **kw)))
                setattr(self, f"bias_hh_l{k}", nn.Parameter(torch.empty(g, **kw)))
        self.reset_parameters()

    @property
    def backend(self) -> str:
        """``"float"`` or ``"sim"``."""
        return self._backend

    @backend.setter
    def backend(self, value: str) -> None:
        if value not in BACKENDS:
            raise HardwareError(f"{type(self).__name__}: backend {value!r}; allowed: {', '.join(BACKENDS)}")
        self._backend = value

    def reset_parameters(self) -> None:
        """torch's initialisation: every parameter uniform in ``[-1/sqrt(H), 1/sqrt(H)]``."""
        k = 1.0 / math.sqrt(self.hidden_size)
        for p in self.parameters():
            nn.init.uniform_(p, -k, k)

    def extra_repr(self) -> str:
        s = f"{self.input_size}, {self.hidden_size}, num_layers={self.num_layers}, backend={self.backend!r}"
        if not self.bias:
            s += ", bias=False"
        if self.batch_first:
            s += ", batch_first=True"
        return s

    # ------------------------------------------------------------------ results of the last call
    @property
    def last_cycles(self) -> int | None:
        """Processor cycles of the last ``sim`` call (setup + batch x per-sequence), None after a float call."""
        return None if self.last_result is None else self.last_result.cycles

    @property
    def last_time_s(self) -> float | None:
        """``last_cycles`` in seconds at the configured clock."""
        return None if self.last_result is None else self.config.seconds(self.last_result.cycles)

    @property
    def last_trace(self) -> tuple[TraceEntry, ...] | None:
        """Instruction trace (setup + one sequence, with cycles) of the last ``sim`` call."""
        return None if self.last_result is None else self.last_result.trace

    # ------------------------------------------------------------------ forward
    def _layer_params(self, k: int):
        w_ih, w_hh = getattr(self, f"weight_ih_l{k}"), getattr(self, f"weight_hh_l{k}")
        if self.bias:
            return w_ih, w_hh, getattr(self, f"bias_ih_l{k}"), getattr(self, f"bias_hh_l{k}")
        return w_ih, w_hh, None, None

    def _check_input(self, x: Tensor, hx):
        name = type(self).__name__
        if isinstance(x, nn.utils.rnn.PackedSequence):
            raise HardwareError(f"{name}: PackedSequence input is not supported by the RNN processor; pass a padded "
                                "tensor")
        if x.dim() not in (2, 3):
            raise WorkloadError(f"{name}: input must be 2-D (L, H_in) or 3-D, got shape {tuple(x.shape)}")
        if x.size(-1) != self.input_size:
            raise WorkloadError(f"{name}: input.size(-1) must be {self.input_size}, got {x.size(-1)}")
        batched = x.dim() == 3
        if batched and self.batch_first:
            x = x.transpose(0, 1)
        if not batched:
            x = x.unsqueeze(1)
        if x.size(0) < 1:
            raise WorkloadError(f"{name}: sequence length must be >= 1")
        bsz = x.size(1)
        states = []
        n_states = 2 if self.mode == "LSTM" else 1
        if hx is None:
            states = [x.new_zeros(self.num_layers, bsz, self.hidden_size) for _ in range(n_states)]
        else:
            hs = tuple(hx) if self.mode == "LSTM" else (hx,)
            if len(hs) != n_states:
                raise WorkloadError(f"{name}: hx must be {'(h_0, c_0)' if n_states == 2 else 'h_0'}")
            for h in hs:
                h = h if batched else h.unsqueeze(1)
                if tuple(h.shape) != (self.num_layers, bsz, self.hidden_size):
                    raise WorkloadError(
                        f"{name}: initial state must have shape {(self.num_layers, bsz, self.hidden_size)}"
                        f"{'' if batched else ' (unbatched: without the batch dimension)'}, got {tuple(h.shape)}"
                    )
                states.append(h)
        return x, states, batched

    def forward(self, input: Tensor, hx=None):  # noqa: A002 - torch's argument name
        """Run the stack over a sequence.

        Args:
            input: (L, N, H_in), (N, L, H_in) with ``batch_first``, or unbatched (L, H_in).
            hx: initial hidden state (num_layers, N, H) (LSTM: a tuple ``(h_0, c_0)``); zeros if None.

        Returns:
            ``(output, h_n)`` (LSTM: ``(output, (h_n, c_n))``), output (L, N, H) (batch_first: (N, L, H)),
            h_n/c_n (num_layers, N, H); unbatched inputs drop the N dimension, as in torch.

        Raises:
            WorkloadError: wrong input or state shapes. HardwareError: packed sequences; with ``backend="sim"``,
                a program that does not fit the processor's memories.
        """
        x, states, batched = self._check_input(input, hx)
        if self.backend == "float":
            self.last_result = None
            y, finals = self._forward_float(x, states)
        else:
            y, finals = self._forward_sim(x, states)
        if self.batch_first and batched:
            y = y.transpose(0, 1)
        if not batched:
            y = y.squeeze(1)
            finals = [f.squeeze(1) for f in finals]
        if self.mode == "LSTM":
            return y, (finals[0], finals[1])
        return y, finals[0]

    def _forward_float(self, x: Tensor, states: list[Tensor]):
        h_all, c_all = [], []
        inp = x
        for k in range(self.num_layers):
            w_ih, w_hh, b_ih, b_hh = self._layer_params(k)
            gi_all = torch.nn.functional.linear(inp, w_ih, b_ih)  # (T, N, G*H)
            h = states[0][k]
            c = states[1][k] if self.mode == "LSTM" else None
            outs = []
            for t in range(inp.size(0)):
                gh = torch.nn.functional.linear(h, w_hh, b_hh)
                gi = gi_all[t]
                if self.mode == "LSTM":
                    i, f, g, o = (gi + gh).chunk(4, dim=-1)
                    c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
                    h = torch.sigmoid(o) * torch.tanh(c)
                elif self.mode == "GRU":
                    ir, iz, i_n = gi.chunk(3, dim=-1)
                    hr, hz, h_n = gh.chunk(3, dim=-1)
                    r = torch.sigmoid(ir + hr)
                    z = torch.sigmoid(iz + hz)
                    n = torch.tanh(i_n + r * h_n)
                    h = (1 - z) * n + z * h
                elif self.mode == "RNN_TANH":
                    h = torch.tanh(gi + gh)
                else:
                    h = torch.relu(gi + gh)
                outs.append(h)
            inp = torch.stack(outs, 0)
            h_all.append(h)
            if c is not None:
                c_all.append(c)
        finals = [torch.stack(h_all, 0)]
        if self.mode == "LSTM":
            finals.append(torch.stack(c_all, 0))
        return inp, finals

    def _forward_sim(self, x: Tensor, states: list[Tensor]):
        cfg = self.config
        seq_len, bsz = x.size(0), x.size(1)
        prog = _program(self.mode, self.input_size, self.hidden_size, self.num_layers, seq_len, cfg, self.bias)
        sat = Overflow.SATURATE

        def np_(t: Tensor | None):
            return None if t is None else t.detach().cpu().double().numpy()

        offchip: dict[str, np.ndarray] = {}
        for k in range(self.num_layers):
            p = quantize_cell_params(self.mode, *(np_(t) for t in self._layer_params(k)), cfg)
            offchip[f"W{k}"] = p.w
            if p.b is not None:
                offchip[f"b{k}"] = p.b
            if p.b_hn is not None:
                offchip[f"bhn{k}"] = p.b_hn
        offchip["x"] = quantize(np_(x), cfg.activation, cfg.rounding, sat)
        offchip["h0"] = quantize(np_(states[0]), cfg.activation, cfg.rounding, sat)
        if self.mode == "LSTM":
            offchip["c0"] = quantize(np_(states[1]), cfg.state, cfg.rounding, sat)
        result = Machine(cfg).run(prog, offchip, bsz)
        self.last_result = result
        like = dict(dtype=x.dtype, device=x.device)
        y = torch.as_tensor(dequantize(result.outputs["y"], cfg.activation), **like)
        finals = [torch.as_tensor(dequantize(result.outputs["hn"], cfg.activation), **like)]
        if self.mode == "LSTM":
            finals.append(torch.as_tensor(dequantize(result.outputs["cn"], cfg.state), **like))
        return y, finals


class RNN(_RecurrentBase):
    """Elman RNN, ``h' = tanh(W_ih x + b_ih + W_hh h + b_hh)`` (or relu), like ``torch.nn.RNN``.

    Args:
        input_size, hidden_size, num_layers, nonlinearity (``"tanh"``/``"relu"``), bias, batch_first, dropout,
            bidirectional, device, dtype: as ``torch.nn.RNN`` (dropout must be 0, bidirectional False).
        config: :class:`ProcessorConfig` for ``backend="sim"`` (default ``ProcessorConfig()``).
        backend: ``"float"`` or ``"sim"``.
    """

    def __init__(self, input_size: int, hidden_size: int, num_layers: int = 1, nonlinearity: str = "tanh",
                 bias: bool = True, batch_first: bool = False, dropout: float = 0.0, bidirectional: bool = False,
                 device=None, dtype=None, *, config: ProcessorConfig | None = None, backend: str = "float") -> None:
        if nonlinearity not in ("tanh", "relu"):
            raise WorkloadError(f"RNN: field 'nonlinearity' = {nonlinearity!r}; allowed: tanh, relu")
        self.nonlinearity = nonlinearity
        super().__init__("RNN_" + nonlinearity.upper(), input_size, hidden_size, num_layers, bias, batch_first,
                         dropout, bidirectional, 0, device, dtype, config=config, backend=backend)


class GRU(_RecurrentBase):
    """GRU with torch's equations and gate order r, z, n (``b_hn`` inside the reset product).

    Args: as :class:`RNN` without ``nonlinearity``.
    """

    def __init__(self, input_size: int, hidden_size: int, num_layers: int = 1, bias: bool = True,
                 batch_first: bool = False, dropout: float = 0.0, bidirectional: bool = False, device=None,
                 dtype=None, *, config: ProcessorConfig | None = None, backend: str = "float") -> None:
        super().__init__("GRU", input_size, hidden_size, num_layers, bias, batch_first, dropout, bidirectional, 0,
                         device, dtype, config=config, backend=backend)


class LSTM(_RecurrentBase):
    """LSTM with torch's equations and gate order i, f, g, o.

    Args: as :class:`RNN` without ``nonlinearity``, plus ``proj_size`` (must be 0).
    """

    def __init__(self, input_size: int, hidden_size: int, num_layers: int = 1, bias: bool = True,
                 batch_first: bool = False, dropout: float = 0.0, bidirectional: bool = False, proj_size: int = 0,
                 device=None, dtype=None, *, config: ProcessorConfig | None = None, backend: str = "float") -> None:
        super().__init__("LSTM", input_size, hidden_size, num_layers, bias, batch_first, dropout, bidirectional,
                         proj_size, device, dtype, config=config, backend=backend)
