"""Scalar reference of the processor's arithmetic, written from the documented semantics alone.

Pure Python integers, one element at a time, no numpy and no imports from the vectorised simulator: the rules
of :mod:`npu_dse.processor.fixed_point` (rounding, overflow, requantisation), of :mod:`npu_dse.processor.activation`
(LUT/PWL units) and the per-step dataflow of :mod:`npu_dse.processor.compiler` are re-implemented here so that
the tests can check the simulator bit for bit. Slow by design; use it on small cells only.
"""

from __future__ import annotations

import math
from typing import Sequence

__all__ = ["round_shift", "fit", "requant", "activation", "run_sequence"]


def round_shift(x: int, s: int, rounding: str) -> int:
    """``x / 2**s`` rounded (``truncate`` = floor, ``nearest_even`` = ties to even); ``s <= 0``: ``x * 2**-s``."""
    if s <= 0:
        return x * (1 << -s)
    q = x // (1 << s)
    if rounding == "truncate":
        return q
    rem = x - q * (1 << s)
    half = 1 << (s - 1)
    if rem > half or (rem == half and q % 2 == 1):
        q += 1
    return q


def fit(x: int, bits: int, overflow: str) -> int:
    """Saturate to or wrap into ``bits`` signed bits."""
    lo, hi = -(1 << (bits - 1)), (1 << (bits - 1)) - 1
    if overflow == "saturate":
        return min(max(x, lo), hi)
    return (x - lo) % (1 << bits) + lo


def requant(x: int, frac_in: int, fmt: tuple[int, int], rounding: str, overflow: str) -> int:
    """Round ``x`` (``frac_in`` fraction bits) to ``fmt = (word_bits, frac_bits)``, then fit the word."""
    return fit(round_shift(x, frac_in - fmt[1], rounding), fmt[0], overflow)


def _f(func: str, x: float) -> float:
    return 0.5 * (1.0 + math.tanh(0.5 * x)) if func == "sigmoid" else math.tanh(x)


def activation(func: str, method: str, entries: int, rng: float, q: int, fin: tuple[int, int],
               fout: tuple[int, int], rounding: str, overflow: str) -> int:
    """The LUT/PWL unit of :mod:`npu_dse.processor.activation`, recomputed from its docstring for one input code."""
    span = int(2 * rng * (1 << fin[1]))
    n = min(entries, span)
    width = span // n
    k = width.bit_length() - 1
    lo = -span // 2
    qc = min(max(q, lo), lo + span) - lo
    i = min(qc >> k, n - 1)
    step = 2.0 * rng / n
    omin, omax = -(1 << (fout[0] - 1)), (1 << (fout[0] - 1)) - 1

    def table(x: float) -> int:
        return min(max(round(_f(func, x) * (1 << fout[1])), omin), omax)

    if method == "lut":
        return table(-rng + (i + 0.5) * step)
    d = qc - i * width
    k0, k1 = table(-rng + i * step), table(-rng + (i + 1) * step)
    return fit(k0 + round_shift((k1 - k0) * d, k, rounding), fout[0], overflow)


def run_sequence(
    mode: str,
    layers: Sequence[dict],
    xs: Sequence[Sequence[int]],
    h0: Sequence[Sequence[int]],
    c0: Sequence[Sequence[int]] | None,
    cfg: dict,
) -> tuple[list[list[int]], list[list[int]], list[list[int]]]:
    """One sequence through a stack of cells, scalar.

    Args:
        mode: ``RNN_TANH``, ``RNN_RELU``, ``GRU`` or ``LSTM``.
        layers: per layer ``{"w": rows x cols ints, "b": list or None, "b_hn": list or None}`` (compiler layout).
        xs: T input vectors (activation codes). h0, c0: per layer initial codes (c0 for LSTM only).
        cfg: ``weight``, ``activation``, ``state`` as ``(word_bits, frac_bits)``, ``acc_bits``, ``rounding``,
            ``overflow``, ``method``, ``entries``, ``sigmoid_range``, ``tanh_range``.

    Returns:
        (outputs per step of the last layer, final h per layer, final c per layer).
    """
    W, A, S = cfg["weight"], cfg["activation"], cfg["state"]
    rnd, ovf, accb = cfg["rounding"], cfg["overflow"], cfg["acc_bits"]
    facc = W[1] + A[1]

    def act(func: str, q: int) -> int:
        rng = cfg["sigmoid_range"] if func == "sigmoid" else cfg["tanh_range"]
        return activation(func, cfg["method"], cfg["entries"], rng, q, S, A, rnd, ovf)

    def dot(row: Sequence[int], vec: Sequence[int], bias: int | None) -> int:
        total = 0 if bias is None else bias * (1 << (facc - W[1]))
        for wv, xv in zip(row, vec):
            total += wv * xv
        return fit(total, accb, ovf)

    def mul(a: int, fa: int, b: int, fb: int, out: tuple[int, int]) -> int:
        return requant(a * b, fa + fb, out, rnd, ovf)

    def add(a: int, fa: int, b: int, fb: int, out: tuple[int, int], sign: int = 1) -> int:
        f = max(fa, fb)
        return requant(a * (1 << (f - fa)) + sign * b * (1 << (f - fb)), f, out, rnd, ovf)

    h = [list(v) for v in h0]
    c = [list(v) for v in c0] if c0 is not None else None
    ys = []
    for x in xs:
        inp = list(x)
        for li, p in enumerate(layers):
            hid = len(h[li])
            w, b, bhn = p["w"], p.get("b"), p.get("b_hn")
            xh = inp + h[li]
            bias = (lambda r: None) if b is None else (lambda r: b[r])
            if mode in ("RNN_TANH", "RNN_RELU"):
                acc = [dot(w[r], xh, bias(r)) for r in range(hid)]
                if mode == "RNN_RELU":
                    new = [requant(max(a, 0), facc, A, rnd, ovf) for a in acc]
                else:
                    new = [act("tanh", requant(a, facc, S, rnd, ovf)) for a in acc]
            elif mode == "LSTM":
                pre = [requant(dot(w[r], xh, bias(r)), facc, S, rnd, ovf) for r in range(4 * hid)]
                new, cn = [], []
                for j in range(hid):
                    gi, gf = act("sigmoid", pre[j]), act("sigmoid", pre[hid + j])
                    gg, go = act("tanh", pre[2 * hid + j]), act("sigmoid", pre[3 * hid + j])
                    fc = mul(gf, A[1], c[li][j], S[1], S)
                    ig = mul(gi, A[1], gg, A[1], S)
                    cj = add(fc, S[1], ig, S[1], S)
                    cn.append(cj)
                    new.append(mul(go, A[1], act("tanh", cj), A[1], A))
                c[li] = cn
            else:  # GRU
                n_in = len(inp)
                pre_rz = [requant(dot(w[r], xh, bias(r)), facc, S, rnd, ovf) for r in range(2 * hid)]
                pre_in = [requant(dot(w[2 * hid + j][:n_in], inp, bias(2 * hid + j)), facc, S, rnd, ovf)
                          for j in range(hid)]
                pre_hn = [requant(dot(w[2 * hid + j][n_in:], h[li], None if bhn is None else bhn[j]), facc, S,
                                  rnd, ovf) for j in range(hid)]
                new = []
                for j in range(hid):
                    r, z = act("sigmoid", pre_rz[j]), act("sigmoid", pre_rz[hid + j])
                    t = mul(r, A[1], pre_hn[j], S[1], S)
                    t = add(pre_in[j], S[1], t, S[1], S)
                    n = act("tanh", t)
                    d = add(h[li][j], A[1], n, A[1], A, sign=-1)
                    zd = mul(z, A[1], d, A[1], A)
                    new.append(add(n, A[1], zd, A[1], A))
            h[li] = new
            inp = new
        ys.append(list(h[-1]))
    return ys, h, (c if c is not None else [])
