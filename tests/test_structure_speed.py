"""The fast structure compiler gives the plain formulas' results bit for bit, whatever the caches hold (issue 18).

- Per iteration case, :class:`npu_dse.cost_models.maestro.traffic.LevelCtx` (factor tables, per-case lists) against
  a deliberately plain per-case evaluation of ALGORITHM.md §7 (:class:`_PlainCase`, the formulas as written, one
  loop over the directives per call), on every level and tile a compilation analyses; cases the compiler treats as
  having the same sub-cluster nodes (:meth:`LevelCtx.sub_keys`) hand down the same tiles.
- :meth:`Dataflow.resolve` (directive texts formed once per dataflow): the same texts and messages.
- ``analyze_layer`` (every :class:`LayerCost` field) with every cache emptied, warm, and with a structure cache too
  small to keep anything or forced to evict, for every non-systolic built-in dataflow on CONV, DWCONV and GEMM
  layers (strided, padded, odd sizes, batch), PE counts and the KTileSz/CTileSz constants, ``compat`` on and off.
- MAESTRO's own outputs (``tests/data/maestro_sweep_calibration.csv``, the golden values of
  ``tests/test_maestro_calibration.py``) reproduced exactly with ``compat=True`` from cold, warm and evicting caches.
- The structure cache stays within its memory bound.
"""

from __future__ import annotations

import math
import sys
from dataclasses import fields

import numpy as np
import pandas as pd
import pytest

import npu_dse.cost_models.maestro as engine
from npu_dse.cost_models import dataflow as dataflow_mod
from npu_dse.cost_models.errors import DataflowError
from npu_dse.cost_models.hardware import HardwareBatch
from npu_dse.cost_models.maestro import LayerCost, analyze_layer, problem_for
from npu_dse.cost_models.maestro import structure as structure_mod
from npu_dse.cost_models.maestro.traffic import EDGE, INIT, STEADY, LevelCtx
from npu_dse.cost_models.workload import Layer, Op
from test_maestro_calibration import DATA, EXACT_FIELDS, _run

FLOWS = [d for d in dataflow_mod.names() if d not in dataflow_mod.SYSTOLIC]
LAYERS = [
    Layer("conv3", Op.CONV, K=24, C=20, Y=14, X=14, R=3, S=3, padding=1),
    Layer("conv7s2", Op.CONV, K=16, C=3, Y=23, X=23, R=7, S=7, stride=2, padding=3),
    Layer("odd_s2", Op.CONV, K=7, C=5, Y=9, X=11, R=3, S=3, stride=2, padding=1),
    Layer("s3_rect", Op.CONV, K=3, C=70, Y=13, X=8, R=5, S=2, stride=3),
    Layer("pw_s2", Op.CONV, K=40, C=33, Y=8, X=8, stride=2),
    Layer("batch", Op.CONV, K=9, C=6, Y=6, X=7, R=3, S=3, N=2),
    Layer("dw_s2", Op.DWCONV, K=24, C=24, Y=15, X=15, R=3, S=3, stride=2, padding=1, groups=24),
    Layer("dw5", Op.DWCONV, K=10, C=10, Y=9, X=9, R=5, S=5, padding=2, groups=10),
    Layer("gemm", Op.GEMM, K=33, C=17, N=5),
]
PES = [1, 3, 8, 16, 64, 100, 256]
CONSTANTS = [{"KTileSz": k, "CTileSz": c} for k in (1, 3, 8) for c in (1, 5)]


# ---------------------------------------------------------------------------------------------------------------
# The plain per-case formulas (ALGORITHM.md §7), one case at a time
# ---------------------------------------------------------------------------------------------------------------

class _PlainCase:
    """§7.2-§7.7 for one case (``case``: the directives' states), each volume a loop over the directives."""

    def __init__(self, lv, overlap, tin, tw, tout, compat, case):
        self.lv, self.overlap, self.tout, self.compat, self.case = lv, overlap, tout, compat, case
        self.var_idx = {d[3]: j for j, d in enumerate(lv.dirs)}
        self.all_spatial = [j for j, d in enumerate(lv.dirs) if d[0]]
        js = [j for j, s in enumerate(case) if s[0] != INIT]
        self.jstar = js[-1] if js else -1

    @staticmethod
    def is_edge(st):
        return st[0] == EDGE or st[3]

    def pe_tile(self, V, first, eep):
        lv, vol = self.lv, 1
        for j, (sp, m, o, v) in enumerate(lv.dirs):
            if v not in V:
                continue
            st = self.case[j]
            if not sp:
                vol *= lv.Me[v] if self.is_edge(st) else lv.M[v]
            elif not self.is_edge(st):
                vol *= lv.M[v]
            elif lv.ne == 1:
                vol *= lv.Me[v] if (first or eep) else 1
            else:
                vol *= lv.Me[v] if eep else lv.M[v]
        return vol

    def pe_ingress(self, V, first, eep):
        js, lv = self.jstar, self.lv
        if js == -1:
            return self.pe_tile(V, first, eep)
        if lv.dirs[js][3] not in V:
            return 0
        reinit = any(j > js and d[3] in V and self.case[j][0] == INIT and not self.case[j][2]
                     for j, d in enumerate(lv.dirs))
        Mx, Ux = (lv.Me, lv.Ue) if eep else (lv.M, lv.U)
        vol = 1
        for j, (sp, m, o, v) in enumerate(lv.dirs):
            if v not in V:
                continue
            st = self.case[j]
            if not sp:
                if st[0] == INIT:
                    f = lv.Me[v] if self.is_edge(st) else lv.M[v]
                elif j == js and not reinit:
                    f = lv.U[v]
                    if f == 0 and not self.compat:
                        f = lv.M[v]
                    elif f == 0:
                        raise DataflowError(f"unrolled TemporalMap({m},{o}) {v} would iterate")
                else:
                    f = lv.M[v]
            elif first:
                f = Mx[v]
            elif st[0] == INIT:
                f = Mx[v] if j < js else Ux[v]
            elif j == js and not reinit:
                f = Ux[v]
            else:
                f = Mx[v]
            vol *= f
        return vol

    def pe_out(self, psum, first, eep, reuse=True):
        lv, O, vol, ne = self.lv, self.tout, 1, self.lv.ne
        ustar = lambda x: lv.U.get(x, 0) or 1  # noqa: E731
        if psum:
            for j, (sp, m, o, v) in enumerate(lv.dirs):
                if v in O:
                    continue
                st = self.case[j]
                if not sp:
                    vol *= lv.Me[v] if self.is_edge(st) else lv.M[v]
                elif st[0] == INIT and self.is_edge(st) and eep:
                    vol *= lv.Me[v]
                elif st[0] in (INIT, STEADY):
                    vol *= lv.M[v] if first else ustar(v)
                elif ne == 1:
                    vol *= lv.Me[v] if (first or eep) else 1
                else:
                    vol *= lv.Ue[v] if eep else (lv.M[v] if first else ustar(v))
        for v in O:
            j = self.var_idx.get(v)
            if j is None:
                continue
            sp, st = lv.dirs[j][0], self.case[j]
            a = v + "'" if v in self.overlap else v
            if not sp:
                vol *= lv.Me.get(a, 0) if self.is_edge(st) else lv.M.get(a, 0)
            elif st[0] == INIT and self.is_edge(st) and eep:
                vol *= lv.Me.get(a, 0) if ne == 1 else (lv.Ue.get(a, 0) if reuse else lv.Me.get(a, 0))
            elif st[0] in (INIT, STEADY):
                vol *= lv.M.get(a, 0) if first else ustar(a)
            elif ne == 1:
                vol *= lv.Me.get(v, 0) if (first or eep) else 1
            else:
                vol *= lv.Ue.get(a, 0) if eep else (lv.M.get(a, 0) if first else ustar(a))
        return vol

    def total(self, V, f):
        lv = self.lv
        sps = [v for v in V if v in self.var_idx and lv.dirs[self.var_idx[v]][0]]
        if not sps:
            return f(V, True, False)
        sp = self.case[self.var_idx[sps[-1]]]
        if not any(self.is_edge(self.case[self.var_idx[v]]) for v in sps):
            return f(V, True, False) + (lv.nc - 1) * f(V, False, False)
        e = 1 if sp[4] else 0
        tot = f(V, True, lv.ne == 1 and bool(e))
        if lv.ne > 1:
            tot += max(lv.ne - e - 1, 0) * f(V, False, False) + e * f(V, False, True)
        return tot

    def egress(self):
        return self.total(self.tout, lambda V, first, eep: self.pe_out(False, first, eep))

    def mac_map(self):
        lv = self.lv
        sp = self.case[self.all_spatial[-1]]
        if not any(self.is_edge(self.case[j]) for j in self.all_spatial):
            return lv.nc * self.pe_out(True, True, False)
        e = 1 if sp[4] else 0
        tot = self.pe_out(True, True, lv.ne == 1 and bool(e))
        if lv.ne > 1:
            tot += max(lv.ne - e - 1, 0) * self.pe_out(True, True, False) + e * self.pe_out(True, False, True, False)
        return tot

    def critical_psums(self):
        lv = self.lv
        sps = [v for v in self.tout if v in self.var_idx and lv.dirs[self.var_idx[v]][0]]
        if not sps or not any(self.is_edge(self.case[self.var_idx[v]]) for v in sps):
            return self.pe_out(True, True, False)
        sp = self.case[self.var_idx[sps[-1]]]
        return self.pe_out(True, True, lv.ne == 1 and bool(sp[4]))

    def tile(self, eep):
        lv, t = self.lv, {}
        for j, (sp, m, o, v) in enumerate(lv.dirs):
            st = self.case[j]
            if not sp:
                t[v] = lv.Me[v] if self.is_edge(st) else lv.M[v]
            elif not self.is_edge(st):
                t[v] = lv.M[v]
            else:
                t[v] = lv.Me[v] if (lv.ne == 1 or eep) else lv.M[v]
        return tuple(sorted(t.items()))


def _plain_case_order(lens):
    """MAESTRO's case order as written (ALGORITHM.md §6.3)."""
    n, total = len(lens), math.prod(lens)
    freq = [math.prod(lens[j + 1:]) for j in range(n)]
    ctr = [0] * n
    for c in range(total):
        yield tuple(ctr)
        for j in range(n):
            if c % freq[j] == 0:
                ctr[j] = (ctr[j] + 1) % lens[j]


def _ingress_or_error(f):
    try:
        return f()
    except DataflowError:
        return "error"


def _check_level_cases(comp, li, D):
    lv = comp.levels[li]
    states = [comp._states(sp, m, o, D[v], lv.nc) for sp, m, o, v in lv.dirs]
    ctx = LevelCtx(lv, comp.overlap, comp.tin, comp.tw, comp.tout, comp.compat, states)
    order = structure_mod._case_order(tuple(len(s) for s in states))
    assert [c[0] for c in order] == list(_plain_case_order([len(s) for s in states]))
    by_key: dict = {}
    for idx, js, lex in order:
        case = [states[j][i] for j, i in enumerate(idx)]
        plain = _PlainCase(lv, comp.overlap, comp.tin, comp.tw, comp.tout, comp.compat, case)
        assert js == plain.jstar
        assert (ctx.egress[lex], ctx.mac_map[lex], ctx.critical_psums[lex]) == \
            (plain.egress(), plain.mac_map(), plain.critical_psums()), (li, D, idx)
        for k, V in enumerate((comp.tin, comp.tw)):
            want = _ingress_or_error(lambda: plain.total(V, plain.pe_ingress))
            assert _ingress_or_error(lambda: ctx.ingress(k, idx, js)) == want, (li, D, idx, k)
        if li + 1 < len(comp.levels):
            p = lv.primary
            assert ctx.primary_eep(idx) == bool(plain.is_edge(case[p]) and case[p][4])
            assert ctx.tile(idx, True) == plain.tile(True) and ctx.tile(idx, False) == plain.tile(False)
            # the compiler looks the sub-cluster nodes up by sub_keys: equal keys, equal tiles
            peep, codes = ctx.sub_keys()
            assert peep[lex] == ctx.primary_eep(idx)
            tiles = (plain.tile(True), plain.tile(False))
            assert by_key.setdefault((codes[lex], peep[lex]), tiles) == tiles, (li, D, idx)


def _mappings():
    for layer in LAYERS:
        for name in FLOWS:
            df = dataflow_mod.get(name)
            df = df.for_depthwise() if layer.op is Op.DWCONV else df
            for compat in (False, True):
                yield layer, df, compat


@pytest.mark.parametrize("layer", LAYERS, ids=lambda l: l.name)
def test_level_tables_equal_the_plain_per_case_formulas(layer):
    """Every case of every level and tile a compilation analyses: output volume, MACs, partial sums, input and
    filter ingress (or the same error), the tile handed down, in MAESTRO's case order."""
    checked = 0
    for lay, df, compat in _mappings():
        if lay is not layer:
            continue
        problem, _ = problem_for(layer, df, compat)
        for P in (1, 8, 100, 256):
            for consts in CONSTANTS[::2]:
                used = {k: v for k, v in consts.items() if k in df.constants}
                try:
                    resolved = df.resolve(problem.dim_map, used, P, compat)
                    comp = structure_mod._Compiler(problem, resolved, P, compat)
                except DataflowError:
                    continue
                d0 = comp._dims0()
                D0 = {v: d0[v] for v in comp.in_vars if v in d0} | {k: v for k, v in d0.items() if k.endswith("'")}
                try:
                    comp.analyze(0, D0)
                except DataflowError:
                    pass
                for li, tile in [(0, tuple(sorted(D0.items())))] + [k for k in comp.memo if k[0] > 0]:
                    _check_level_cases(comp, li, dict(tile))
                    checked += 1
    assert checked > 20


def _same_structure(a, b) -> None:
    assert a.num_pes == b.num_pes and len(a.levels) == len(b.levels) and len(a.nodes) == len(b.nodes)
    for la, lb in zip(a.levels, b.levels):
        assert [(k, list(v.items()) if isinstance(v, dict) else v) for k, v in vars(la).items()] == \
            [(k, list(v.items()) if isinstance(v, dict) else v) for k, v in vars(lb).items()]
    for na, nb in zip(a.nodes, b.nodes):
        for k, u in vars(na).items():
            v = getattr(nb, k)
            if isinstance(u, np.ndarray):
                assert u.dtype == v.dtype and u.shape == v.shape and u.tobytes() == v.tobytes(), k
            else:
                assert type(u) is type(v) and (list(u.items()) == list(v.items()) if isinstance(u, dict) else u == v), k


@pytest.mark.parametrize("compat", [False, True])
def test_structures_are_the_same_with_shared_memos_cold_or_warm(compat):
    """compile_structure with the shared levels, innermost nodes and case orders emptied before each compilation,
    and with them warm (compiled in the opposite order): the same structures, array for array."""
    jobs = []
    for layer, df, c in _mappings():
        if c != compat:
            continue
        problem, _ = problem_for(layer, df, compat)
        for P in PES:
            for consts in CONSTANTS:
                try:
                    used = {k: v for k, v in consts.items() if k in df.constants}
                    jobs.append((problem, df.resolve(problem.dim_map, used, P, compat), P))
                except DataflowError:
                    pass
    cold = {}
    for i, (problem, resolved, P) in enumerate(jobs):
        structure_mod.clear_memos()
        try:
            cold[i] = structure_mod.compile_structure(problem, resolved, P, compat)
        except DataflowError as exc:
            cold[i] = str(exc)
    for i in reversed(range(len(jobs))):
        try:
            warm = structure_mod.compile_structure(*jobs[i], compat)
        except DataflowError as exc:
            assert cold[i] == str(exc)
            continue
        _same_structure(cold[i], warm)
    assert len(structure_mod._LEAVES) > 0
    structure_mod.clear_memos()


def _plain_nbytes(st) -> int:
    """Structure.nbytes as written before the sizes of shared levels and nodes were remembered."""
    size = sys.getsizeof
    n = size(st) + size(st.__dict__) + size(st.nodes) + size(st.levels)
    for lv in st.levels:
        n += size(lv) + size(lv.__dict__) + size(lv.dirs) + sum(size(d) for d in lv.dirs)
        for table in (lv.M, lv.U, lv.Me, lv.Ue, lv.dims):
            n += size(table) + sum(size(v) for v in table.values() if not -5 <= v <= 256)
    for nd in st.nodes:
        n += size(nd) + size(nd.__dict__) + size(nd.counts) + size(nd.req_l2)
        n += sum(size(v) for d in (nd.counts, nd.req_l2) for v in d.values() if not -5 <= v <= 256)
        n += 3 * structure_mod._INT_BYTES
        n += sum(size(a) for a in (nd.occ, nd.ingress, nd.egress, nd.all_init, nd.psums, nd.sub_a, nd.sub_b))
        n += structure_mod.ONEPOINT_BYTES_PER_CASE * nd.occ.size
    return n


def test_nbytes_is_the_plain_sum_with_shared_sizes_remembered():
    """Structure.nbytes (sizes of shared levels and innermost nodes remembered) is the plain sum over the
    structure's objects, right after compiling and again after many more compilations."""
    structure_mod.clear_memos()
    built = []
    for layer, df, compat in _mappings():
        problem, _ = problem_for(layer, df, compat)
        for P in PES:
            for consts in CONSTANTS[::3]:
                used = {k: v for k, v in consts.items() if k in df.constants}
                try:
                    st = structure_mod.compile_structure(problem, df.resolve(problem.dim_map, used, P, compat), P,
                                                         compat)
                except DataflowError:
                    continue
                assert st.nbytes() == _plain_nbytes(st)
                built.append(st)
    assert len(built) > 100 and structure_mod._FIXED_BYTES
    for st in built:
        assert st.nbytes() == _plain_nbytes(st)
    structure_mod.clear_memos()


def test_resolve_names_each_directive_as_written():
    """Dataflow.resolve (texts formed once per dataflow): every ResolvedMap's text is its directive as written, and
    an error names the dataflow, the directive and its line, on the first call and on later ones."""
    for name in FLOWS:
        df = dataflow_mod.get(name)
        for flow in (df, df.for_depthwise()):
            dims = {"K": 16, "C": 8, "R": 3, "S": 3, "Y": 10, "X": 10}
            got = [d for d in flow.resolve(dims, None, 64, False) if not isinstance(d, int)]
            assert [d.text for d in got] == [str(d) for d in flow.directives if isinstance(d, dataflow_mod.Map)]
    df = dataflow_mod.parse("SpatialMap(1,1) K;\nTemporalMap(Sz(R),2) R;", name="lines")
    want = "dataflow 'lines', directive 'TemporalMap(Sz(R),2) R' (line 2): a TemporalMap on R must have size = " \
           "offset = Sz(R) = 3, got (3,2)"
    for _ in range(2):
        with pytest.raises(DataflowError) as exc:
            df.resolve({"K": 4, "R": 3}, None, 4, True)
        assert str(exc.value) == want


# ---------------------------------------------------------------------------------------------------------------
# analyze_layer: cold, warm, evicting
# ---------------------------------------------------------------------------------------------------------------

def _empty_caches():
    engine.clear_cache()
    assert not structure_mod._LEVELS and not structure_mod._LEAVES and not structure_mod._PROBLEMS
    assert structure_mod._case_order.cache_info().currsize == 0


def _points():
    pes = np.repeat(PES, len(CONSTANTS))
    n = len(pes)
    hw = HardwareBatch.from_arrays(num_pes=pes, noc_bw=np.resize([1, 7, 64, 4096], n),
                                   offchip_bw=np.resize([3, 70000, 50], n), noc_hops=np.resize([1, 2, 3], n),
                                   simd_lanes=np.resize([1, 2, 4], n))
    consts = {c: np.array([k[c] for k in CONSTANTS] * len(PES)) for c in ("KTileSz", "CTileSz")}
    return hw, consts


def _costs(layer, df, compat, technology) -> list:
    """analyze_layer at every point, one call per PE count (a PE count some dataflow cannot use gives its error)."""
    hw, consts = _points()
    out = []
    for P in PES:
        sel = np.flatnonzero(hw.num_pes == P)
        sub = HardwareBatch.from_arrays(num_pes=hw.num_pes[sel], noc_bw=hw.noc_bw[sel], offchip_bw=hw.offchip_bw[sel],
                                        noc_hops=hw.noc_hops[sel], simd_lanes=hw.simd_lanes[sel])
        try:
            out.append(analyze_layer(layer, df, sub, {c: v[sel] for c, v in consts.items()}, compat=compat,
                                     technology=technology))
        except DataflowError as exc:
            out.append(str(exc))
    return out


def _assert_same(a: list, b: list, what: str):
    assert len(a) == len(b)
    for x, y in zip(a, b):
        if isinstance(x, str) or isinstance(y, str):
            assert x == y, what
            continue
        for f in fields(LayerCost):
            u, v = getattr(x, f.name), getattr(y, f.name)
            if isinstance(u, np.ndarray):
                assert u.dtype == v.dtype and u.shape == v.shape and u.tobytes() == v.tobytes(), (what, f.name)
            else:
                assert u == v, (what, f.name)


@pytest.mark.parametrize("compat", [False, True])
@pytest.mark.parametrize("name", FLOWS)
def test_results_do_not_depend_on_the_caches(name, compat, monkeypatch):
    technology = "maestro" if compat else None
    cold: list = []
    warm: list = []
    tiny: list = []
    evicting: list = []
    for layer in LAYERS:
        _empty_caches()
        cold += _costs(layer, name, compat, technology)
        warm += _costs(layer, name, compat, technology)
    assert engine.cache_info()["hits"] > 0
    with monkeypatch.context() as m:
        m.setattr(engine, "_CACHE_MAX_BYTES", 1)  # nothing fits: every structure is compiled afresh
        _empty_caches()
        for layer in LAYERS:
            tiny += _costs(layer, name, compat, technology)
        assert engine.cache_info()["size"] == 0
        m.setattr(engine, "_CACHE_MAX_BYTES", 60_000)  # a few structures: random eviction all along
        _empty_caches()
        for layer in LAYERS:
            evicting += _costs(layer, name, compat, technology)
        again = [_costs(layer, name, compat, technology) for layer in LAYERS[::-1]]
        info = engine.cache_info()
        assert 0 < info["bytes"] <= 60_000 and info["bytes"] == sum(engine._CACHE_NBYTES.values())
    _empty_caches()
    _assert_same(cold, warm, "warm")
    _assert_same(cold, tiny, "no cache")
    _assert_same(cold, evicting, "evicting")
    _assert_same(cold, [c for costs in again[::-1] for c in costs], "evicting, second pass")


def test_structure_cache_stays_within_its_memory_bound(monkeypatch):
    """Many structures through a small cache: its estimated bytes never exceed the bound, and the estimate is the
    sum of :meth:`Structure.nbytes` (plus the static vector and per-entry overhead) of what it holds."""
    monkeypatch.setattr(engine, "_CACHE_MAX_BYTES", 200_000)
    _empty_caches()
    hw, consts = _points()
    for layer in LAYERS:
        analyze_layer(layer, "dla", hw, consts)
        info = engine.cache_info()
        assert info["bytes"] <= 200_000
    held = sum(st.nbytes() + sys.getsizeof(static) + engine._CACHE_ENTRY_BYTES
               for st, static in engine._CACHE.values())
    assert held == engine.cache_info()["bytes"]
    assert engine.cache_info()["size"] < len(LAYERS) * len(PES) * len(CONSTANTS)
    _empty_caches()


# ---------------------------------------------------------------------------------------------------------------
# MAESTRO's own outputs (golden values), cold, warm and evicting
# ---------------------------------------------------------------------------------------------------------------

def test_maestro_golden_values_from_cold_warm_and_evicting_caches(monkeypatch):
    d = pd.read_csv(DATA)
    groups = d.groupby(["model", "layer", "dataflow", "ktile"], dropna=False, sort=False).ngroup()
    d = d[groups % 5 == 0]  # a fifth of the groups: every dataflow family, layer type and stride
    assert set(d.dataflow) >= {"kcp_ws", "yxp_os", "rs", "xp_ws", "confx_dla", "confx_shi", "confx_eye"}
    want = {f: d[col].to_numpy().astype(float) for f, col in {**EXACT_FIELDS, "macs": "m_Num_MACs"}.items()}
    runs = []
    _empty_caches()
    runs.append(_run(d, compat=True))  # cold
    runs.append(_run(d, compat=True))  # warm
    monkeypatch.setattr(engine, "_CACHE_MAX_BYTES", 30_000)
    _empty_caches()
    runs.append(_run(d, compat=True))  # evicting
    _empty_caches()
    for run in runs:
        for f, w in want.items():
            np.testing.assert_array_equal(run[f].to_numpy(), w, err_msg=f)
