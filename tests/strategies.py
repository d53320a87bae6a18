"""Hypothesis strategies and comparisons shared by the cost-model tests (imported as ``strategies``: pytest puts
``tests/`` on the path of its test modules)."""

from __future__ import annotations

from dataclasses import fields

import numpy as np
from hypothesis import strategies as st

import npu_dse.cost_models.maestro as maestro
from npu_dse.cost_models.errors import NpuDseError
from npu_dse.cost_models.maestro import LayerCost, analyze_layer
from npu_dse.cost_models.workload import Layer, Op


def analyze_with(flag: str, value: bool, *args, **kwargs) -> "LayerCost | type":
    """``analyze_layer(*args, **kwargs)`` with the module switch ``maestro.<flag>`` (``FAST_ONE_POINT``,
    ``BATCHED``) set to ``value``: its result, or the type of the error it raised."""
    old = getattr(maestro, flag)
    setattr(maestro, flag, value)
    try:
        return analyze_layer(*args, **kwargs)
    except NpuDseError as exc:
        return type(exc)
    finally:
        setattr(maestro, flag, old)


def assert_same_cost(a: "LayerCost | type", b: "LayerCost | type") -> None:
    """Two results of :func:`analyze_with` are the same: the same error type, or every field of the
    :class:`LayerCost` the same (arrays: shape, dtype and float64 bits, so 0.0 and -0.0 differ)."""
    if isinstance(a, type) or isinstance(b, type):
        assert a == b
        return
    for f in fields(LayerCost):
        x, y = getattr(a, f.name), getattr(b, f.name)
        if isinstance(x, np.ndarray):
            assert x.shape == y.shape and x.dtype == y.dtype, f.name
            assert x.tobytes() == y.tobytes(), (f.name, x, y)
        else:
            assert x == y, f.name


@st.composite
def layers(draw):
    """A CONV, depthwise or GEMM layer with kernels, paddings and strides up to the edge of fitting."""
    op = draw(st.sampled_from([Op.CONV, Op.CONV, Op.DWCONV, Op.GEMM]))
    if op is Op.GEMM:
        return Layer("g", op, K=draw(st.integers(1, 300)), C=draw(st.integers(1, 300)), Y=draw(st.integers(1, 40)),
                     N=draw(st.integers(1, 3)), repeat=draw(st.integers(1, 3)))
    R = draw(st.sampled_from([1, 3, 5, 7]))
    pad = draw(st.integers(0, R // 2))
    Y = draw(st.integers(max(1, R - 2 * pad), 40))
    C = draw(st.integers(1, 96))
    K = C if op is Op.DWCONV else draw(st.integers(1, 96))
    return Layer("l", op, K=K, C=C, Y=Y, X=draw(st.integers(max(1, R - 2 * pad), 40)), R=R, S=R,
                 stride=draw(st.sampled_from([1, 1, 2, 3, 4])), padding=pad, groups=C if op is Op.DWCONV else 1,
                 N=draw(st.integers(1, 2)))
