"""Sigmoid / tanh units of the processor: lookup table (LUT) or piecewise-linear (PWL) approximation.

Both methods cover the input interval ``[-range, +range)`` (``range`` a power of two) with ``N`` uniform
segments (``N`` a power of two), entirely in integer arithmetic (shifts and one multiply), as a hardware unit
would. With input format ``Q(wi, fi)`` the interval spans ``span = 2 * range * 2**fi`` input quanta; each segment
is ``2**k = span / N`` quanta wide (if the format is so coarse that ``span < N``, ``N`` is reduced to ``span``
so that ``k = 0``). For an input code ``q``:

* ``qc = clip(q, lo, lo + span)`` with ``lo = -range * 2**fi``; ``i = min((qc - lo) >> k, N - 1)``;
  ``d = qc - lo - i * 2**k`` (``0 <= d <= 2**k``).
* **LUT** (``N`` entries): ``y = T[i]`` with ``T[i] = round_nearest(f(x_i + step/2) * 2**fo)``, the function at
  the centre of the segment (``x_i = -range + i * step``).
* **PWL** (``N`` segments, ``N + 1`` knots): ``y = fit(K[i] + round_shift((K[i+1] - K[i]) * d, k))`` with
  ``K[j] = round_nearest(f(x_j) * 2**fo)``, rounding by the processor's rounding mode and ``fit`` by its
  overflow mode to the output word.

Inputs at or beyond ``+range`` give the last knot/entry, below ``-range`` the first. Table values are computed
once, offline (round to nearest, saturated to the output word).

Error bounds (proved by the usual interpolation estimates; checked by the tests), with ``h`` = segment width,
``u = 2**-fo`` the output quantum and ``tail = |f(inf) - f(range)|``:
``|y - f(x)| <= max|f'| * h / 2 + u / 2 + tail`` (LUT) and ``<= max|f''| * h**2 / 8 + 3u/2 + tail`` (PWL, with
``TRUNCATE`` rounding; ``u`` instead of ``3u/2`` with ``NEAREST_EVEN``). ``max|f'|`` is 1/4 (sigmoid), 1 (tanh);
``max|f''|`` is ``1/(6*sqrt(3))`` (sigmoid), ``4/(3*sqrt(3))`` (tanh).

Source: piecewise-linear activation units are the common choice of RNN accelerators (e.g. Chang & Culurciello,
ISCAS 2017, reference [3] of the seed); the seed processor itself does not document its method.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from npu_dse.cost_models.errors import HardwareError
from npu_dse.processor.fixed_point import FixedFormat, Overflow, Rounding, fit, round_shift

__all__ = ["ActivationUnit", "activation_error_bound", "FUNCTIONS"]


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(x, dtype=np.float64)))


FUNCTIONS = {"sigmoid": _sigmoid, "tanh": np.tanh}
_MAX_D1 = {"sigmoid": 0.25, "tanh": 1.0}
_MAX_D2 = {"sigmoid": 1.0 / (6.0 * math.sqrt(3.0)), "tanh": 4.0 / (3.0 * math.sqrt(3.0))}
_LIMIT = {"sigmoid": (0.0, 1.0), "tanh": (-1.0, 1.0)}


def _log2_exact(value: float, what: str) -> int:
    m, e = math.frexp(value)
    if value <= 0 or m != 0.5:
        raise HardwareError(f"activation field {what!r} = {value!r} must be a positive power of two")
    return e - 1


@dataclass(frozen=True)
class ActivationUnit:
    """One activation unit: ``func`` approximated by ``method`` from ``in_fmt`` codes to ``out_fmt`` codes.

    Args:
        func: ``"sigmoid"`` or ``"tanh"``.
        method: ``"lut"`` (``entries`` table entries) or ``"pwl"`` (``entries`` linear segments).
        entries: N, a power of two (2..65536).
        input_range: the covered interval is ``[-input_range, +input_range)``; a power of two.
        in_fmt, out_fmt: input and output formats.
        rounding, overflow: the processor's modes, used by the PWL interpolation.

    Raises:
        HardwareError: unknown function/method, N or range not a power of two (message names the field).
    """

    func: str
    method: str
    entries: int
    input_range: float
    in_fmt: FixedFormat
    out_fmt: FixedFormat
    rounding: Rounding = Rounding.NEAREST_EVEN
    overflow: Overflow = Overflow.SATURATE
    table: np.ndarray = field(init=False, repr=False, compare=False)
    shift: int = field(init=False)
    lo_int: int = field(init=False)
    span_int: int = field(init=False)

    def __post_init__(self) -> None:
        if self.func not in FUNCTIONS:
            raise HardwareError(f"activation field 'func' = {self.func!r}; allowed: {', '.join(FUNCTIONS)}")
        if self.method not in ("lut", "pwl"):
            raise HardwareError(f"activation field 'method' = {self.method!r}; allowed: lut, pwl")
        if not isinstance(self.entries, int) or not 2 <= self.entries <= 65536:
            raise HardwareError(f"activation field 'entries' = {self.entries!r}; allowed: a power of two in 2..65536")
        log_n = _log2_exact(self.entries, "entries")
        log_r = _log2_exact(float(self.input_range), "input_range")
        log_span = log_r + 1 + self.in_fmt.frac_bits
        if log_span < 1:
            raise HardwareError(
                f"activation field 'input_range' = {self.input_range} is below one input quantum of {self.in_fmt}"
            )
        log_n = min(log_n, log_span)
        n = 1 << log_n
        object.__setattr__(self, "shift", log_span - log_n)
        object.__setattr__(self, "lo_int", -(1 << (log_span - 1)))
        object.__setattr__(self, "span_int", 1 << log_span)
        object.__setattr__(self, "rounding", Rounding(self.rounding))
        object.__setattr__(self, "overflow", Overflow(self.overflow))
        step = 2.0 * self.input_range / n
        if self.method == "lut":
            xs = -self.input_range + (np.arange(n) + 0.5) * step
        else:
            xs = -self.input_range + np.arange(n + 1) * step
        ys = np.rint(np.ldexp(FUNCTIONS[self.func](xs), self.out_fmt.frac_bits))
        table = np.clip(ys, self.out_fmt.min_int, self.out_fmt.max_int).astype(np.int64)
        table.setflags(write=False)
        object.__setattr__(self, "table", table)

    @property
    def segments(self) -> int:
        """Effective number of entries/segments N (after the coarse-format reduction)."""
        return self.span_int >> self.shift

    @property
    def segment_width(self) -> float:
        """Segment width h in input units."""
        return 2.0 * self.input_range / self.segments

    def __call__(self, q: np.ndarray) -> np.ndarray:
        """Apply the unit to int64 input codes (any shape); returns int64 output codes."""
        q = np.asarray(q, dtype=np.int64)
        qc = np.clip(q, self.lo_int, self.lo_int + self.span_int) - self.lo_int
        n = self.segments
        idx = np.minimum(qc >> self.shift, n - 1)
        if self.method == "lut":
            return self.table[idx]
        d = qc - (idx << self.shift)
        k0 = self.table[idx]
        k1 = self.table[idx + 1]
        y = k0 + round_shift((k1 - k0) * d, self.shift, self.rounding)
        return fit(y, self.out_fmt.word_bits, self.overflow)


def activation_error_bound(unit: ActivationUnit) -> float:
    """Worst-case ``|unit(q) - f(x)|`` over all inputs ``x = q * 2**-fi`` (see the module docstring), in output units."""
    h = unit.segment_width
    u = unit.out_fmt.lsb
    lo_lim, hi_lim = _LIMIT[unit.func]
    f = FUNCTIONS[unit.func]
    tail = max(abs(hi_lim - float(f(unit.input_range))), abs(float(f(-unit.input_range)) - lo_lim))
    # output saturation: the function's limits may exceed the output format
    clip_err = max(0.0, hi_lim - unit.out_fmt.max_value, unit.out_fmt.min_value - lo_lim)
    if unit.method == "lut":
        interp = _MAX_D1[unit.func] * h / 2.0 + u / 2.0
    else:
        interp = _MAX_D2[unit.func] * h * h / 8.0 + (1.5 * u if unit.rounding is Rounding.TRUNCATE else u)
    return interp + tail + clip_err
