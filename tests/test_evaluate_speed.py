"""The batched evaluation of ``analyze_layer`` gives the group-by-group evaluation's results bit for bit (issue 18).

A batch of hardware points is split into groups sharing a compiled structure (PE count and template constants).
``maestro.BATCHED`` evaluates all groups in one pass (:mod:`npu_dse.cost_models.maestro.batched`); turned off, every
group goes through :func:`npu_dse.cost_models.maestro.evaluate.runtime_cycles` on its own, the reference. Every
field of :class:`LayerCost` must have the same float64 bits (or both must raise the same error), for every MAESTRO-
engine dataflow, CONV/DWCONV/GEMM layers with strides, paddings and batches, mixed PE counts, per-point constants,
``compat`` on and off, MAESTRO's and a physical technology, bandwidths from 1 element/cycle to huge; where the
batched sums could round (2**53 and above) it must fall back to the reference itself. No timing here.
"""

from __future__ import annotations

import functools
from dataclasses import fields, replace

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import npu_dse.cost_models.maestro as maestro
import npu_dse.cost_models.maestro.batched as batched
from npu_dse.cost_models import dataflow as dataflow_mod
from npu_dse.cost_models.errors import DataflowError, HardwareError
from npu_dse.cost_models.hardware import HardwareBatch
from npu_dse.cost_models.maestro import LayerCost, analyze_layer
from npu_dse.cost_models.maestro.evaluate import runtime_cycles
from npu_dse.cost_models.maestro.structure import Structure
from npu_dse.cost_models.workload import Layer, Op
from strategies import analyze_with, assert_same_cost, layers

ENGINE_FLOWS = [n for n in dataflow_mod.names() if dataflow_mod.get(n).systolic is None]
PES = [1, 2, 3, 4, 8, 12, 16, 24, 32, 48, 64, 65, 96, 128, 256, 1024]
LAYERS = [
    Layer("conv_s2_pad", Op.CONV, K=24, C=5, Y=23, X=19, R=7, S=7, stride=2, padding=3),
    Layer("conv_batch", Op.CONV, K=16, C=12, Y=9, X=11, R=3, S=3, padding=1, N=2),
    Layer("conv_s3", Op.CONV, K=9, C=7, Y=14, X=14, R=3, S=3, stride=3),
    Layer("dw_s2", Op.DWCONV, K=32, C=32, Y=15, X=15, R=3, S=3, stride=2, padding=1, groups=32),
    Layer("gemm", Op.GEMM, K=70, C=33, Y=5, N=3),
    Layer("pointwise_repeat", Op.CONV, K=40, C=24, Y=7, X=7, repeat=3),
]


@functools.lru_cache(maxsize=None)
def _pes(name: str) -> tuple[int, ...]:
    """The PE counts of :data:`PES` the dataflow maps :data:`LAYERS` on (kcp_ws needs 64, rs and yxp_os 8)."""
    ok = []
    for p in PES:
        try:
            for layer in LAYERS:
                analyze_layer(layer, name, HardwareBatch.from_arrays(num_pes=[p, p]))
        except DataflowError:
            continue
        ok.append(p)
    return tuple(ok)


def _both(*args, refused: bool = False, **kwargs) -> "LayerCost | type":
    """The batched and the group-by-group result, asserted the same (and, unless ``refused``, not an error); the
    batched one."""
    fast = analyze_with("BATCHED", True, *args, **kwargs)
    assert_same_cost(fast, analyze_with("BATCHED", False, *args, **kwargs))
    assert refused or isinstance(fast, LayerCost), fast
    return fast


def _batch(rng: np.random.Generator, n: int, pes=PES, noc_bw=None, offchip_bw=None, hops=None) -> HardwareBatch:
    return HardwareBatch.from_arrays(
        num_pes=rng.choice(pes, n),
        noc_bw=rng.choice([1, 2, 3, 16, 64, 1000, 4095, 81_920_000], n) if noc_bw is None else noc_bw,
        offchip_bw=rng.choice([np.nan, 1, 7, 64, 70_000, 1e9], n) if offchip_bw is None else offchip_bw,
        noc_hops=rng.integers(0, 4, n) if hops is None else hops, noc_hop_latency=rng.integers(0, 3, n),
        simd_lanes=rng.integers(1, 5, n), l1_bytes=rng.choice([np.inf, 1, 64, 4096, 65536], n),
        l2_bytes=rng.choice([np.inf, 1, 4096, 1 << 20], n))


def _constants(rng: np.random.Generator, name: str, n: int, pes: np.ndarray) -> "dict | None":
    """Per-point KTileSz/CTileSz for the templates that have them (and ClusterSz dividing the PE count)."""
    used = dataflow_mod.get(name).constants
    out = {}
    if "KTileSz" in used:
        out["KTileSz"] = rng.integers(1, 13, n)
    if "CTileSz" in used:
        out["CTileSz"] = rng.integers(1, 9, n)
    if "ClusterSz" in used and rng.random() < 0.5:
        out["ClusterSz"] = np.array([rng.choice([d for d in (1, 2, 4, 8, 16) if p % d == 0]) for p in pes])
    return out or None


# ---------------------------------------------------------------------------------------------------------------
# every engine dataflow, layer type and technology, compat on and off
# ---------------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("technology", ["maestro", "28nm"])
@pytest.mark.parametrize("compat", [False, True])
@pytest.mark.parametrize("name", ENGINE_FLOWS)
def test_batched_equals_group_by_group(name, compat, technology):
    rng = np.random.default_rng(ENGINE_FLOWS.index(name) + 100 * compat)
    n = 300
    hw = _batch(rng, n, pes=_pes(name))
    consts = _constants(rng, name, n, hw.num_pes)
    for layer in LAYERS:
        _both(layer, name, hw, consts, compat=compat, technology=technology, include_dram=compat)


@pytest.mark.parametrize("noc_bw", [1.0, 81_920_000.0, 1e15])
@pytest.mark.parametrize("name", ["dla", "kcp_ws", "eye", "shi", "rs"])
def test_tiny_and_huge_bandwidths(name, noc_bw):
    rng = np.random.default_rng(7)
    n = 120
    for offchip in (1.0, 1e15):
        hw = _batch(rng, n, pes=_pes(name), noc_bw=np.full(n, noc_bw), offchip_bw=np.full(n, offchip))
        consts = _constants(rng, name, n, hw.num_pes)
        for layer in LAYERS[:4]:
            for compat in (False, True):
                _both(layer, name, hw, consts, compat=compat, technology="maestro")


@pytest.mark.parametrize("name", ["dla", "eye"])
def test_scalar_and_single_group_batches(name):
    """One PE count and scalar constants (one group), and a batch of one."""
    rng = np.random.default_rng(3)
    for n, pes in ((50, [64]), (1, [32]), (2, [16, 64]), (40, [1])):
        hw = _batch(rng, n, pes=pes)
        for consts in (None, {"KTileSz": 4}, {"KTileSz": np.full(n, 7), "CTileSz": 2}):
            for layer in LAYERS:
                _both(layer, name, hw, consts, technology="28nm")


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(layer=layers(), name=st.sampled_from(ENGINE_FLOWS), n=st.integers(1, 40), seed=st.integers(0, 2 ** 32 - 1),
       pes=st.lists(st.sampled_from(PES), min_size=1, max_size=5), technology=st.sampled_from(["maestro", "28nm"]),
       compat=st.booleans(), include_dram=st.booleans(), word_bytes=st.sampled_from([1, 2]))
def test_batched_equals_group_by_group_on_random_layers(layer, name, n, seed, pes, technology, compat, include_dram,
                                                          word_bytes):
    rng = np.random.default_rng(seed)
    hw = _batch(rng, n, pes=pes if rng.random() < 0.3 else [p for p in pes if p in _pes(name)] or [64])
    hw = HardwareBatch(**{**{f.name: getattr(hw, f.name) for f in fields(HardwareBatch)},
                          "word_bytes": np.full(n, word_bytes, dtype=np.int64)})
    consts = _constants(rng, name, n, hw.num_pes)
    _both(layer, name, hw, consts, compat=compat, technology=technology, include_dram=include_dram, refused=True)


# ---------------------------------------------------------------------------------------------------------------
# the stacked evaluation itself, on structures of different layers and depths stacked together
# ---------------------------------------------------------------------------------------------------------------

def _pool_structure(rng: np.random.Generator, compat: bool):
    """A compiled structure and static vector of a random engine dataflow, layer, PE count and constants."""
    name = ENGINE_FLOWS[rng.integers(len(ENGINE_FLOWS))]
    layer = LAYERS[rng.integers(len(LAYERS))]
    df = maestro._select(layer, name)
    problem, _ = maestro.problem_for(layer, df, compat)
    pes = _pes(name)
    P = int(pes[rng.integers(len(pes))])
    consts = {c: int(rng.integers(1, 13)) for c in ("KTileSz", "CTileSz") if c in df.constants}
    return maestro._structure(problem, df, consts, P, compat)


def _zero_some_volumes(st: Structure, rng: np.random.Generator) -> Structure:
    """A copy of ``st`` with some cases' ingress and egress set to 0 (no engine dataflow has such cases, but the
    NoC delay formula has a branch for them)."""
    nodes = [replace(nd, ingress=np.where(rng.random(nd.occ.size) < 0.3, 0.0, nd.ingress),
                     egress=np.where(rng.random(nd.occ.size) < 0.3, 0.0, nd.egress)) for nd in st.nodes]
    return Structure(nodes=nodes, num_pes=st.num_pes, levels=st.levels)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2 ** 32 - 1), groups=st.integers(1, 6), compat=st.booleans(), zeros=st.booleans(),
       min_latency=st.sampled_from([0, 1]))
def test_stacked_runtime_equals_runtime_cycles_per_structure(seed, groups, compat, zeros, min_latency):
    rng = np.random.default_rng(seed)
    pairs = [_pool_structure(rng, compat) for _ in range(groups)]
    structures = [_zero_some_volumes(st_, rng) if zeros else st_ for st_, _ in pairs]
    stack = batched.build_stack(structures, [sv for _, sv in pairs])
    assert stack is not None
    counts = rng.integers(1, 30, groups)
    n = int(counts.sum())
    noc_bw = rng.choice([1.0, 3.0, 64.0, 1e6], n)
    offchip_bw = rng.choice([1.0, 7.0, 7e4, 1e12], n)
    latency = rng.integers(min_latency, 7, n).astype(np.float64)
    simd = rng.integers(1, 5, n).astype(np.float64)
    got = batched.runtime_cycles_stacked(stack, counts, noc_bw, offchip_bw, latency, simd, compat)
    ends = np.cumsum(counts)
    want = [runtime_cycles(st_, *(a[e - c:e] for a in (noc_bw, offchip_bw, latency, simd)), compat=compat)
            for st_, c, e in zip(structures, counts, ends)]
    if got is None:  # a negative term: only a zero NoC latency under compat makes one (lat - 1 = -1)
        assert compat and min_latency == 0
        return
    for i in range(2):
        w = np.concatenate([x[i] for x in want])
        assert got[i].dtype == w.dtype and got[i].tobytes() == w.tobytes(), (i, got[i], w)


# ---------------------------------------------------------------------------------------------------------------
# the batched path is taken, and falls back where its sums could round
# ---------------------------------------------------------------------------------------------------------------

def _count_fallbacks(monkeypatch) -> list:
    calls: list = []
    reference = maestro._engine_per_group

    def spy(*args, **kwargs):
        calls.append(1)
        return reference(*args, **kwargs)

    monkeypatch.setattr(maestro, "_engine_per_group", spy)
    return calls


def test_ordinary_batches_take_the_batched_path(monkeypatch):
    calls = _count_fallbacks(monkeypatch)
    rng = np.random.default_rng(11)
    for name in ENGINE_FLOWS:
        hw = _batch(rng, 500, pes=_pes(name), hops=np.ones(500, dtype=np.int64))
        consts = _constants(rng, name, 500, hw.num_pes)
        for layer in LAYERS:
            analyze_layer(layer, name, hw, consts, technology="maestro")
    assert not calls


def test_sums_that_could_round_fall_back(monkeypatch):
    """A NoC latency near 2**62 cycles makes runtimes above 2**53: the batched sums could round, so the batched
    path must hand the call to the group-by-group one (whose result it would not match bit for bit otherwise)."""
    calls = _count_fallbacks(monkeypatch)
    rng = np.random.default_rng(5)
    n = 60
    hw = _batch(rng, n, hops=np.full(n, 1 << 31))
    hw = HardwareBatch(**{**{f.name: getattr(hw, f.name) for f in fields(HardwareBatch)},
                          "noc_hop_latency": np.full(n, 1 << 30, dtype=np.int64)})
    for layer in LAYERS[:3]:
        _both(layer, "dla", hw, {"KTileSz": rng.integers(1, 13, n)}, technology="maestro")
    assert calls
    calls.clear()
    monkeypatch.setattr(batched, "_EXACT", 1.0)  # nothing is below it: every call falls back
    hw = _batch(rng, n, pes=_pes("kcp_ws"))
    for layer in LAYERS:
        _both(layer, "kcp_ws", hw, technology="28nm")
    assert len(calls) == 2 * len(LAYERS)


def test_vanishing_bandwidth_is_refused_by_name_either_way():
    hw = HardwareBatch.from_arrays(num_pes=np.array([64, 128]), noc_bw=np.array([1e-310, 4.0]))
    layer = LAYERS[0]
    batched_result = analyze_with("BATCHED", True, layer, "kcp_ws", hw)
    assert batched_result is analyze_with("BATCHED", False, layer, "kcp_ws", hw) is HardwareError


def test_an_impossible_mapping_raises_the_same_error():
    """ClusterSz above a group's PE count: MAESTRO divides by zero; both paths refuse it by name."""
    hw = HardwareBatch.from_arrays(num_pes=np.array([4, 64, 64]))
    consts = {"ClusterSz": np.array([8, 8, 16])}
    with pytest.raises(DataflowError) as fast:
        _run_raising(True, LAYERS[1], "eye", hw, consts)
    with pytest.raises(DataflowError) as slow:
        _run_raising(False, LAYERS[1], "eye", hw, consts)
    assert str(fast.value) == str(slow.value)


def _run_raising(batch: bool, *args):
    old = maestro.BATCHED
    maestro.BATCHED = batch
    try:
        return analyze_layer(*args)
    finally:
        maestro.BATCHED = old


# ---------------------------------------------------------------------------------------------------------------
# the stack cache: results never depend on it, and it stays within its bound
# ---------------------------------------------------------------------------------------------------------------

def test_results_do_not_depend_on_the_stack_cache(monkeypatch):
    rng = np.random.default_rng(2)
    hw = _batch(rng, 200)
    consts = {"KTileSz": rng.integers(1, 13, 200)}
    maestro.clear_cache()
    cold = [analyze_layer(layer, "dla", hw, consts) for layer in LAYERS]
    warm = [analyze_layer(layer, "dla", hw, consts) for layer in LAYERS]
    assert batched._STACKS and maestro.cache_info()["hits"] > 0
    monkeypatch.setattr(batched, "_STACKS_MAX_BYTES", 1)  # nothing fits
    maestro.clear_cache()
    uncached = [analyze_layer(layer, "dla", hw, consts) for layer in LAYERS]
    assert not batched._STACKS
    monkeypatch.setattr(batched, "_STACKS_MAX_BYTES", 250_000)  # a few stacks: random eviction
    maestro.clear_cache()
    evicting = [analyze_layer(layer, "dla", hw, consts) for layer in LAYERS * 2]
    assert 0 < batched._STACKS_BYTES[0] <= 250_000
    assert batched._STACKS_BYTES[0] == sum(batched._STACK_NBYTES.values())
    maestro.clear_cache()
    assert not batched._STACKS and batched._STACKS_BYTES[0] == 0
    for other in (warm, uncached, evicting[:len(LAYERS)], evicting[len(LAYERS):]):
        for a, b in zip(cold, other):
            assert_same_cost(a, b)


# ---------------------------------------------------------------------------------------------------------------
# grouping
# ---------------------------------------------------------------------------------------------------------------

def _reference_groups(keys):
    """The grouping as it was: np.unique per key, a stable argsort, split."""
    n = keys[0].shape[0]
    if n == 1 or all(k.min() == k.max() for k in keys):
        return [(np.array([k[0] for k in keys]), None)]
    code = np.zeros(n, dtype=np.int64)
    for k in keys:
        u, inv = np.unique(k, return_inverse=True)
        code = code * len(u) + inv.reshape(-1)
    order = np.argsort(code, kind="stable")
    cuts = np.nonzero(np.diff(code[order]))[0] + 1
    return [(np.array([k[idx[0]] for k in keys]), idx) for idx in np.split(order, cuts)]


@settings(max_examples=200, deadline=None)
@given(n=st.integers(1, 300), spans=st.lists(st.sampled_from([1, 3, 12, 1 << 16, 1 << 40]), min_size=1, max_size=3),
       seed=st.integers(0, 2 ** 32 - 1))
def test_groups_are_the_same_as_before(n, spans, seed):
    rng = np.random.default_rng(seed)
    keys = [rng.integers(-span // 2, span, n, dtype=np.int64) for span in spans]
    got, want = maestro._groups(keys), _reference_groups(keys)
    assert len(got) == len(want)
    for (gk, gi), (wk, wi) in zip(got, want):
        assert gk.tolist() == wk.tolist()
        assert (gi is None and wi is None) or gi.tolist() == wi.tolist()
