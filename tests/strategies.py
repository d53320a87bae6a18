"""Hypothesis strategies shared by the cost-model tests (imported as ``strategies``: pytest puts ``tests/`` on the
path of its test modules)."""

from __future__ import annotations

from hypothesis import strategies as st

from npu_dse.cost_models.workload import Layer, Op


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
