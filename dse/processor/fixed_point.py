"""Signed two's-complement fixed-point arithmetic on numpy integer arrays.

Every function works element-wise on ``int64`` arrays of any shape (lanes, batch, ...) and is the single
definition of the processor's number semantics; :mod:`npu_dse.processor.reference` re-implements the same rules on
Python integers, one scalar at a time, and the tests check that both agree bit for bit.

Semantics (the "documented semantics" the simulator is checked against):

* A format ``Q(w, f)`` (:class:`FixedFormat`) holds an integer ``q`` in ``[-2**(w-1), 2**(w-1) - 1]`` that stands
  for the real value ``q * 2**-f``.
* ``round_shift(x, s, rounding)`` divides by ``2**s`` (``s > 0``): ``TRUNCATE`` drops the low bits (an arithmetic
  right shift, i.e. rounds toward minus infinity, as a hardware shifter does); ``NEAREST_EVEN`` rounds to the
  nearest integer and breaks exact ties towards the even result (IEEE 754 default, unbiased). ``s <= 0`` is an
  exact left shift by ``-s``.
* ``fit(x, w, overflow)`` brings an exact integer into ``w`` bits: ``SATURATE`` clips to the two limits,
  ``WRAP`` keeps the low ``w`` bits and reinterprets them as signed (modulo ``2**w``, like a plain adder).
* ``requantize(x, f_in, fmt)`` = ``fit(round_shift(x, f_in - fmt.frac_bits), fmt.word_bits)``: one rounding, then
  one overflow step, always in that order.
* ``add``/``sub``: operands are aligned exactly to the larger fraction width, added exactly, then requantised to
  the output format. ``multiply``: the exact product (``fa + fb`` fraction bits) is requantised to the output
  format. ``accumulate``: exact sum, then ``fit`` to the accumulator width.
* ``matvec``: each output is the exact integer dot product (no intermediate rounding or overflow inside the
  reduction; the accumulator has guard bits), which the caller then ``fit``s to the accumulator width. For
  ``WRAP`` this equals sequential wrapping accumulation; for ``SATURATE`` it is saturation at write-back.
* ``quantize`` (host side, float -> integer): ``x * 2**f`` rounded by the rounding mode (``TRUNCATE`` = floor),
  then ``fit``. Values beyond +-2**62 quanta are clipped first (int64 range).

Source: standard fixed-point practice (e.g. Xilinx/AMD ``ap_fixed`` modes ``AP_RND_CONV``/``AP_TRN`` and
``AP_SAT``/``AP_WRAP``); the seed (Hong, Kim & Kim, "An Integrated Verification System for an RNN Inference
Processor") converts float data to fixed point on the host and back after the processor.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

import numpy as np

from npu_dse.cost_models.errors import HardwareError

__all__ = [
    "FixedFormat",
    "Rounding",
    "Overflow",
    "quantize",
    "dequantize",
    "round_shift",
    "fit",
    "saturate",
    "wrap",
    "requantize",
    "add",
    "sub",
    "multiply",
    "accumulate",
    "matvec",
]

_MAX_WORD_BITS = 63
_FLOAT64_EXACT = 2**53


class Rounding(str, enum.Enum):
    """How discarded low bits are rounded: ``nearest_even`` (ties to even) or ``truncate`` (floor)."""

    NEAREST_EVEN = "nearest_even"
    TRUNCATE = "truncate"


class Overflow(str, enum.Enum):
    """What happens to a value outside the word: ``saturate`` (clip) or ``wrap`` (two's-complement modulo)."""

    SATURATE = "saturate"
    WRAP = "wrap"


@dataclass(frozen=True)
class FixedFormat:
    """Signed fixed-point format ``Q(word_bits, frac_bits)``: value = integer * 2**-frac_bits.

    Args:
        word_bits: total bits including the sign bit, 2..63.
        frac_bits: fraction bits, 0..word_bits+31 (may exceed ``word_bits`` for small-magnitude data).

    Raises:
        HardwareError: a width outside the allowed range (message names the field and the range).
    """

    word_bits: int
    frac_bits: int

    def __post_init__(self) -> None:
        if not isinstance(self.word_bits, int) or not 2 <= self.word_bits <= _MAX_WORD_BITS:
            raise HardwareError(f"fixed-point field 'word_bits' = {self.word_bits!r}; allowed: 2..{_MAX_WORD_BITS}")
        if not isinstance(self.frac_bits, int) or not 0 <= self.frac_bits <= self.word_bits + 31:
            raise HardwareError(
                f"fixed-point field 'frac_bits' = {self.frac_bits!r}; allowed: 0..{self.word_bits + 31}"
            )

    @property
    def min_int(self) -> int:
        """Smallest integer code, ``-2**(word_bits-1)``."""
        return -(1 << (self.word_bits - 1))

    @property
    def max_int(self) -> int:
        """Largest integer code, ``2**(word_bits-1) - 1``."""
        return (1 << (self.word_bits - 1)) - 1

    @property
    def lsb(self) -> float:
        """Value of one quantum, ``2**-frac_bits``."""
        return 2.0**-self.frac_bits

    @property
    def max_value(self) -> float:
        """Largest representable real value."""
        return self.max_int * self.lsb

    @property
    def min_value(self) -> float:
        """Smallest (most negative) representable real value."""
        return self.min_int * self.lsb

    @property
    def word_bytes(self) -> int:
        """Bytes one word occupies in memory, ``ceil(word_bits / 8)``."""
        return (self.word_bits + 7) // 8

    def __str__(self) -> str:
        return f"Q({self.word_bits},{self.frac_bits})"


def _as_int(x: np.ndarray | int) -> np.ndarray:
    return np.asarray(x, dtype=np.int64)


def round_shift(x: np.ndarray, shift: int, rounding: Rounding | str) -> np.ndarray:
    """Divide by ``2**shift`` with the given rounding (``shift <= 0``: exact left shift by ``-shift``).

    Args:
        x: int64 array, any shape.
        shift: number of low bits to discard (may be negative).
        rounding: ``TRUNCATE`` (floor, arithmetic shift) or ``NEAREST_EVEN`` (ties to even).

    Returns:
        int64 array of ``x``'s shape.
    """
    x = _as_int(x)
    rounding = Rounding(rounding)
    if shift <= 0:
        return x << (-shift)
    if rounding is Rounding.TRUNCATE:
        return x >> shift
    # floor((x + half - 1 + lsb(floor(x / 2**shift))) / 2**shift): rounds up when the remainder exceeds half, and
    # on an exact tie only when the truncated quotient is odd (ties to even)
    half = np.int64(1) << (shift - 1)
    return (x + (half - 1) + ((x >> shift) & 1)) >> shift


def saturate(x: np.ndarray, word_bits: int) -> np.ndarray:
    """Clip to ``[-2**(word_bits-1), 2**(word_bits-1) - 1]``."""
    lo, hi = -(1 << (word_bits - 1)), (1 << (word_bits - 1)) - 1
    return np.clip(_as_int(x), lo, hi)


def wrap(x: np.ndarray, word_bits: int) -> np.ndarray:
    """Keep the low ``word_bits`` bits and reinterpret them as a signed integer (modulo ``2**word_bits``)."""
    x = _as_int(x)
    if word_bits >= 64:
        return x
    mask = (np.int64(1) << word_bits) - 1
    half = np.int64(1) << (word_bits - 1)
    return ((x + half) & mask) - half


def fit(x: np.ndarray, word_bits: int, overflow: Overflow | str) -> np.ndarray:
    """Bring exact integers into ``word_bits`` bits by saturation or wrap-around (see :class:`Overflow`)."""
    return saturate(x, word_bits) if Overflow(overflow) is Overflow.SATURATE else wrap(x, word_bits)


def quantize(
    x: np.ndarray,
    fmt: FixedFormat,
    rounding: Rounding | str = Rounding.NEAREST_EVEN,
    overflow: Overflow | str = Overflow.SATURATE,
) -> np.ndarray:
    """Float -> integer codes of ``fmt`` (host-side conversion).

    ``x * 2**frac_bits`` (exact in float64), rounded (``TRUNCATE`` = floor, ``NEAREST_EVEN`` = ``np.rint``),
    clipped to +-2**62 (int64 range), then :func:`fit` to the word.

    Args:
        x: real values, any shape (numpy array, scalar or torch tensor converted by ``np.asarray``).
        fmt: target format.

    Returns:
        int64 array of ``x``'s shape.

    Raises:
        HardwareError: ``x`` contains NaN.
    """
    xf = np.asarray(x, dtype=np.float64)
    if np.isnan(xf).any():
        raise HardwareError("cannot quantise NaN to fixed point (input contains NaN)")
    scaled = np.ldexp(xf, fmt.frac_bits)
    scaled = np.floor(scaled) if Rounding(rounding) is Rounding.TRUNCATE else np.rint(scaled)
    scaled = np.clip(scaled, -(2.0**62), 2.0**62)
    return fit(scaled.astype(np.int64), fmt.word_bits, overflow)


def dequantize(q: np.ndarray, fmt: FixedFormat) -> np.ndarray:
    """Integer codes -> float64 values ``q * 2**-frac_bits`` (exact for word_bits <= 53)."""
    return np.ldexp(_as_int(q).astype(np.float64), -fmt.frac_bits)


def requantize(
    x: np.ndarray, frac_bits_in: int, fmt: FixedFormat, rounding: Rounding | str, overflow: Overflow | str
) -> np.ndarray:
    """Exact integer with ``frac_bits_in`` fraction bits -> ``fmt``: one :func:`round_shift`, then one :func:`fit`."""
    return fit(round_shift(x, frac_bits_in - fmt.frac_bits, rounding), fmt.word_bits, overflow)


def add(
    a: np.ndarray,
    frac_a: int,
    b: np.ndarray,
    frac_b: int,
    fmt: FixedFormat,
    rounding: Rounding | str,
    overflow: Overflow | str,
) -> np.ndarray:
    """``a + b`` aligned exactly at ``max(frac_a, frac_b)`` fraction bits, then requantised to ``fmt``."""
    return _aligned_sum(a, frac_a, b, frac_b, 1, fmt, rounding, overflow)


def sub(
    a: np.ndarray,
    frac_a: int,
    b: np.ndarray,
    frac_b: int,
    fmt: FixedFormat,
    rounding: Rounding | str,
    overflow: Overflow | str,
) -> np.ndarray:
    """``a - b`` aligned exactly at ``max(frac_a, frac_b)`` fraction bits, then requantised to ``fmt``."""
    return _aligned_sum(a, frac_a, b, frac_b, -1, fmt, rounding, overflow)


def _aligned_sum(a: np.ndarray, frac_a: int, b: np.ndarray, frac_b: int, sign: int, fmt: FixedFormat,
                 rounding: Rounding | str, overflow: Overflow | str) -> np.ndarray:
    """``a + sign * b`` exactly at ``max(frac_a, frac_b)`` fraction bits, then one :func:`requantize`."""
    f = max(frac_a, frac_b)
    aligned_b = _as_int(b) << (f - frac_b)
    exact = (_as_int(a) << (f - frac_a)) + (aligned_b if sign > 0 else -aligned_b)
    return requantize(exact, f, fmt, rounding, overflow)


def multiply(
    a: np.ndarray,
    frac_a: int,
    b: np.ndarray,
    frac_b: int,
    fmt: FixedFormat,
    rounding: Rounding | str,
    overflow: Overflow | str,
) -> np.ndarray:
    """Element-wise ``a * b``: the exact product (``frac_a + frac_b`` fraction bits) requantised to ``fmt``."""
    return requantize(_as_int(a) * _as_int(b), frac_a + frac_b, fmt, rounding, overflow)


def accumulate(acc: np.ndarray, x: np.ndarray, acc_bits: int, overflow: Overflow | str) -> np.ndarray:
    """``fit(acc + x, acc_bits)``: one accumulator update (both operands already at the accumulator's scale)."""
    return fit(_as_int(acc) + _as_int(x), acc_bits, overflow)


def matvec(
    w: np.ndarray, v: np.ndarray, w_bits: int, v_bits: int, w_f64: np.ndarray | None = None
) -> np.ndarray:
    """Exact integer products ``v @ w.T`` (no rounding, no overflow inside the reduction).

    Args:
        w: int64 weight codes, shape (rows, cols), each within ``w_bits`` signed bits.
        v: int64 vector codes, shape (batch, cols), each within ``v_bits`` signed bits.
        w_bits, v_bits: word widths, used to prove exactness of the fast path.
        w_f64: optional cached ``w.astype(float64)`` (saves the conversion when the same weights are reused).

    Returns:
        int64 array (batch, rows).

    Uses float64 BLAS when ``2**(w_bits-1) * 2**(v_bits-1) * cols < 2**53`` (every partial sum is then an exactly
    representable integer, so the result is bit-exact), otherwise numpy's int64 matmul.

    Raises:
        HardwareError: the exact sum could exceed int64.
    """
    cols = w.shape[1]
    bound = (1 << (w_bits - 1)) * (1 << (v_bits - 1)) * max(cols, 1)
    if bound < _FLOAT64_EXACT:
        wf = w.astype(np.float64) if w_f64 is None else w_f64
        return (v.astype(np.float64) @ wf.T).astype(np.int64)
    if bound >= 2**63:
        raise HardwareError(
            f"matrix-vector product of {w_bits}-bit by {v_bits}-bit words over {cols} columns may exceed 64 bits; "
            "use narrower words"
        )
    return _as_int(v) @ _as_int(w).T
