"""The batch compiler (:mod:`npu_dse.cost_models.maestro.batch_compile`) gives the scalar compiler's results bit for
bit (issue 18).

- :func:`compile_many` against :func:`compile_structure` (the reference, one structure at a time) on
  hypothesis-generated CONV, depthwise and GEMM layers, for every non-systolic built-in dataflow, PE counts and
  KTileSz/CTileSz/ClusterSz values, ``compat`` on and off: the same levels, nodes (in the same order), arrays and
  Python ints; None exactly where the batch leaves a structure to the scalar compiler, always where that raises.
- :func:`stack_many` against :func:`.batched.build_stack` of the scalar structures: every array of the stack.
- ``analyze_layer`` with ``BATCH_COMPILE`` on and off, through the batch-structure path (4 to 31 groups) and the
  direct stack path (32 or more): every :class:`LayerCost` field, or the same error.
- :meth:`Structure.nbytes` of a batch-built structure is the plain sum over its objects.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import npu_dse.cost_models.maestro as engine
from npu_dse.cost_models import dataflow as dataflow_mod
from npu_dse.cost_models.errors import DataflowError
from npu_dse.cost_models.hardware import HardwareBatch
from npu_dse.cost_models.maestro import COUNT_NAMES, problem_for
from npu_dse.cost_models.maestro import structure as structure_mod
from npu_dse.cost_models.maestro.batch_compile import compile_many, stack_many
from npu_dse.cost_models.maestro.batched import build_stack
from npu_dse.cost_models.workload import Layer, Op
from strategies import analyze_with, assert_same_cost, layers
from test_structure_speed import _plain_nbytes, _same_structure

FLOWS = [d for d in dataflow_mod.names() if d not in dataflow_mod.SYSTOLIC]
PES = [1, 2, 3, 7, 8, 12, 16, 48, 64, 100, 128, 256]


def _rows(draw_seed: int, n: int = 48) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """``n`` (PE count, KTileSz, CTileSz, ClusterSz) rows, ClusterSz mostly the PE count (the default)."""
    rng = np.random.default_rng(draw_seed)
    pes = rng.choice(PES, n)
    cluster = np.where(rng.random(n) < 0.7, pes, rng.choice([1, 2, 4, 7, 64], n))
    return pes, {"KTileSz": rng.integers(1, 13, n), "CTileSz": rng.choice([1, 1, 2, 5], n), "ClusterSz": cluster}


def _scalar(problem, df, consts: dict, P: int, compat: bool):
    try:
        return structure_mod.compile_structure(problem, df.resolve(problem.dim_map, consts, P, compat), P, compat)
    except DataflowError:
        return None


def _static(s) -> np.ndarray:
    top = s.top
    return np.array([top.macs, top.l1_req, sum(top.req_l2.values())] + [top.counts[c] for c in COUNT_NAMES],
                    dtype=np.float64)


def _same_stack(a, b) -> None:
    for name in ("node_group", "top_node", "req_in", "req_out", "peak_init", "static"):
        x, y = getattr(a, name), getattr(b, name)
        assert x.dtype == y.dtype and x.shape == y.shape and x.tobytes() == y.tobytes(), name
    assert a.nbytes == b.nbytes and len(a.rounds) == len(b.rounds)
    for ra, rb in zip(a.rounds, b.rounds):
        for name, x in vars(ra).items():
            y = getattr(rb, name)
            if isinstance(x, np.ndarray):
                assert x.dtype == y.dtype and x.shape == y.shape and x.tobytes() == y.tobytes(), name
            else:
                assert type(x) is type(y) and x == y, name


@settings(max_examples=12, suppress_health_check=[HealthCheck.too_slow])
@given(layer=layers(), seed=st.integers(0, 2 ** 16), compat=st.booleans())
def test_compile_many_equals_the_scalar_compiler(layer, seed, compat):
    """Every structure of a batch, for every dataflow: the scalar compiler's, object for object."""
    pes, consts = _rows(seed)
    built = unneeded = 0
    for name in FLOWS:
        df = dataflow_mod.get(name)
        df = df.for_depthwise() if layer.op is Op.DWCONV else df
        problem, _ = problem_for(layer, df, compat)
        used = {c: v for c, v in consts.items() if c in df.constants}
        got = compile_many(problem, df, used, pes, compat)
        assert len(got) == len(pes)
        for b, s in enumerate(got):
            ref = _scalar(problem, df, {c: int(v[b]) for c, v in used.items()}, int(pes[b]), compat)
            if s is None:
                unneeded += ref is not None  # left to the scalar compiler though it compiles
                continue
            assert ref is not None, (name, int(pes[b]))
            _same_structure(ref, s)
            assert s.nbytes() == _plain_nbytes(s)
            built += 1
    assert built > 0 and unneeded <= built // 4


@settings(max_examples=10, suppress_health_check=[HealthCheck.too_slow])
@given(layer=layers(), seed=st.integers(0, 2 ** 16), compat=st.booleans())
def test_stack_many_equals_build_stack_of_the_scalar_structures(layer, seed, compat):
    """The stack built straight from the batch's cases: build_stack's of the scalar structures, array for array;
    (False, None) only when some structure goes to the scalar compiler."""
    pes, consts = _rows(seed, 40)
    stacked = 0
    for name in FLOWS:
        df = dataflow_mod.get(name)
        df = df.for_depthwise() if layer.op is Op.DWCONV else df
        problem, _ = problem_for(layer, df, compat)
        used = {c: v for c, v in consts.items() if c in df.constants}
        done, stack = stack_many(problem, df, used, pes, compat)
        refs = [_scalar(problem, df, {c: int(v[b]) for c, v in used.items()}, int(P), compat)
                for b, P in enumerate(pes)]
        if not done:
            assert stack is None and None in compile_many(problem, df, used, pes, compat)
            continue
        assert None not in refs
        want = build_stack(refs, [_static(s) for s in refs])
        if want is None:
            assert stack is None
        else:
            _same_stack(want, stack)
        stacked += 1
    assert stacked >= 1


LAYERS = [
    Layer("conv3", Op.CONV, K=24, C=20, Y=14, X=14, R=3, S=3, padding=1),
    Layer("conv7s2", Op.CONV, K=16, C=3, Y=23, X=23, R=7, S=7, stride=2, padding=3),
    Layer("s3_rect", Op.CONV, K=3, C=70, Y=13, X=8, R=5, S=2, stride=3),
    Layer("batch", Op.CONV, K=9, C=6, Y=6, X=7, R=3, S=3, N=2),
    Layer("dw_s2", Op.DWCONV, K=24, C=24, Y=15, X=15, R=3, S=3, stride=2, padding=1, groups=24),
    Layer("gemm", Op.GEMM, K=33, C=17, N=5),
]


@pytest.mark.parametrize("groups", [6, 40])
@pytest.mark.parametrize("compat", [False, True])
@pytest.mark.parametrize("name", FLOWS)
def test_analyze_layer_with_and_without_the_batch_compiler(name, compat, groups):
    """analyze_layer from emptied caches with the batch compiler on (batch structures for 6 groups, the direct stack
    for 40) and off: every LayerCost field bit for bit, or the same error."""
    n = 4 * groups
    rng = np.random.default_rng(groups)
    pes = np.resize(PES, groups)
    k = np.arange(groups) // len(PES) + 1  # with pes: `groups` distinct (PE count, KTileSz) rows
    idx = rng.integers(0, groups, n)
    idx[:groups] = np.arange(groups)
    hw = HardwareBatch.from_arrays(num_pes=pes[idx], noc_bw=rng.integers(1, 4096, n),
                                   offchip_bw=rng.integers(1, 70000, n), noc_hops=rng.integers(1, 4, n),
                                   simd_lanes=rng.integers(1, 5, n))
    consts = {"KTileSz": k[idx], "CTileSz": (k[idx] % 3) + 1}
    technology = "maestro" if compat else None
    for layer in LAYERS:
        engine.clear_cache()
        on = analyze_with("BATCH_COMPILE", True, layer, name, hw, consts, compat=compat, technology=technology)
        engine.clear_cache()
        off = analyze_with("BATCH_COMPILE", False, layer, name, hw, consts, compat=compat, technology=technology)
        assert_same_cost(on, off)
    engine.clear_cache()


def test_stack_many_where_no_level_0_case_has_partial_sums():
    """A compat mapping whose level-0 cases all lack partial sums in some structures (a round of the stack without
    cases): the stack is build_stack's of the scalar structures."""
    layer = Layer("l", Op.CONV, K=24, C=42, Y=5, X=23, R=7, S=7, stride=4, padding=2, N=2)
    df = dataflow_mod.get("shi")
    problem, _ = problem_for(layer, df, True)
    pes = np.repeat([1, 2, 4, 8, 12, 16, 24, 32, 48, 64, 96, 128], 12)
    k = np.tile(np.arange(1, 13), 12)
    done, stack = stack_many(problem, df, {"KTileSz": k}, pes, True)
    refs = [_scalar(problem, df, {"KTileSz": int(k[b])}, int(P), True) for b, P in enumerate(pes)]
    assert done and None not in refs and any(r.size == 0 for r in [s.top.occ for s in refs])
    _same_stack(build_stack(refs, [_static(s) for s in refs]), stack)
