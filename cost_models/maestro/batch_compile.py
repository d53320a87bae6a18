"""Compile many mappings of one layer at once: :func:`.structure.compile_structure` vectorised over structures.

A search evaluates one layer at many hardware points; their structures differ only in numbers (the PE count and
template constants such as ``KTileSz``: ``dla`` has 12 PE levels x 12 KTileSz values = 144 structures per layer),
never in the dataflow's directive skeleton. Compiled one at a time in Python each took about 300 us (issue 18).
Here the B structures of one (layer, dataflow, compat) are compiled together: every step of ALGORITHM.md §3-§7
(binding constants, cluster levels and their static tables §4-§5, the iteration states of every directive §6, the
per-case volumes of :class:`.traffic.LevelCtx` §7, merging equal cases) is numpy arithmetic on int64 arrays of
shape (jobs, cases), a job being one tile of one level of one structure. The cases of a level are those of every
directive padded to the kinds of states (Init, Steady, Edge) any job has; what depends on MAESTRO's case order
(which depends on the kinds a job's directives have, :func:`.structure._case_order`) is computed after gathering
each job's own cases in its order.

Two results: :func:`compile_many` builds the :class:`.structure.Structure` objects (for the structure cache);
:func:`stack_many` builds :func:`.batched.build_stack`'s :class:`.batched.Stack` of them directly, without making
the structures (an analysis of many groups at once needs only the stack).

Both are the scalar compiler's results, object for object and bit for bit (``tests/test_batch_compile.py``): the
same levels, nodes in the same order, the same arrays and Python ints, and the same stack. Where that cannot be
promised a structure is left to the scalar compiler (None from :func:`compile_many`, ``(False, None)`` from
:func:`stack_many`), which then also raises the errors of invalid mappings: a constant, size or cluster the scalar
path refuses, a ``compat=True`` unrolled TemporalMap that would iterate (ALGORITHM.md §13), or a level whose
products could leave int64 (a bound checked before computing; the scalar compiler uses Python ints).
"""

from __future__ import annotations

import functools
import math
import sys

import numpy as np

from npu_dse.cost_models.dataflow import ClusterDirective, Dataflow
from npu_dse.cost_models.errors import NpuDseError
from npu_dse.cost_models.maestro.batched import Round, Stack
from npu_dse.cost_models.maestro.structure import (_COUNT_KEYS, _LEAVES, _LEAVES_MAX, _LEVELS, _LEVELS_MAX, Level,
                                                    Node, Problem, Structure, _case_order, _ProblemInfo,
                                                    input_centric)

_I64 = np.int64
#: Bound on every product formed (int64 holds 2**63 - 1): a level whose factor bound reaches it is left to the
#: scalar compiler's Python ints.
_SAFE = float(2 ** 60)
#: :data:`.traffic.MODES` indices
_TF, _FF, _TT, _FT, _FT_NOREUSE = range(5)
_REQ_KEYS = ("input", "filter", "output")
#: Marks the keys of :data:`.structure._LEAVES` this module adds (a tile as extents only, the variables implied by
#: the level): never equal to the scalar compiler's keys, whose tiles are (variable, extent) pairs.
_BATCH_TILE = "batch"
#: At most this many (job, case) pairs per group of :meth:`_Batch._group` (int64 work arrays of 8 bytes each)
_PAD_LIMIT = 1 << 18


class _Bad(Exception):
    """Every structure of the batch goes to the scalar compiler (an error it raises for the whole template)."""


def compile_many(problem: Problem, df: Dataflow, consts: dict[str, np.ndarray], num_pes: np.ndarray,
                 compat: bool) -> "list[Structure | None]":
    """The structures of ``problem`` under ``df`` for B (constants, PE count) rows, as
    ``compile_structure(problem, df.resolve(problem.dim_map, {c: consts[c][b]}, num_pes[b], compat), num_pes[b],
    compat)`` gives them; None where the scalar compiler must run (see the module docstring).

    Args:
        problem: the layer in MAESTRO's terms.
        df: a dataflow template with directives (not systolic).
        consts: template constants given, name -> int64 array of shape (B,) (names ``df`` uses).
        num_pes: PE counts, int64 shape (B,).
        compat: MAESTRO's numbers bug for bug (as :func:`.structure.compile_structure`).
    """
    P = np.asarray(num_pes, dtype=_I64)
    B = P.shape[0]
    if B == 0:
        return []
    try:
        with np.errstate(divide="ignore", invalid="ignore"):  # rows the scalar compiler refuses divide by 0
            return _Batch(problem, df, {c: np.asarray(v, dtype=_I64) for c, v in consts.items()}, P, compat).run()
    except (_Bad, NpuDseError):  # the scalar compiler raises the error, naming the dataflow
        return [None] * B


def stack_many(problem: Problem, df: Dataflow, consts: dict[str, np.ndarray], num_pes: np.ndarray,
               compat: bool) -> "tuple[bool, Stack | None]":
    """:func:`.batched.build_stack` of the structures and static vectors :func:`compile_many` would give, built
    without making them: (True, the stack, or None where build_stack gives None), or (False, None) when a structure
    must go through the scalar compiler (the caller then compiles them one by one). Arguments as
    :func:`compile_many`."""
    P = np.asarray(num_pes, dtype=_I64)
    if P.shape[0] == 0:
        return False, None
    try:
        with np.errstate(divide="ignore", invalid="ignore"):
            return _Batch(problem, df, {c: np.asarray(v, dtype=_I64) for c, v in consts.items()}, P, compat).stack()
    except (_Bad, NpuDseError):
        return False, None


class _Lv:
    """One cluster level of every structure of the batch: the directive skeleton ``dirs`` ((spatial, variable) per
    directive, the same in every structure) and int64 arrays of shape (B,): sizes ``m``, offsets ``o``, dimensions
    ``dims``, the static tables ``M``, ``U``, ``Me``, ``Ue`` (variable -> array, in the scalar tables' key order),
    ``nc``, ``ne``; ``primary`` is the first spatial directive."""

    def __init__(self, dirs, m, o, nc, dims):
        self.dirs = dirs
        self.m = m
        self.o = o
        self.nc = nc
        self.dims = dims
        self.var_idx = {v: j for j, (_, v) in enumerate(dirs)}
        self.M: dict = {}
        self.U: dict = {}
        self.Me: dict = {}
        self.Ue: dict = {}


class _Batch:
    """The compilation of B structures (rows of constants and PE counts) of one (problem, dataflow, compat);
    ``ok`` (B,) marks the rows it compiles (the others go to the scalar compiler)."""

    def __init__(self, problem: Problem, df: Dataflow, consts: dict, P: np.ndarray, compat: bool):
        self.p = problem
        self.compat = compat
        self.P = P
        self.B = P.shape[0]
        self.ok = np.ones(self.B, dtype=bool)
        info = _ProblemInfo(problem, compat)
        self.info = info
        self.tin, self.tw, self.tout = info.tin, info.tw, info.tout
        self.overlap = info.overlap
        self.directives = self._resolve(df, consts)
        self.levels = self._build_levels()

    # ------------------------------------------------------------------ Dataflow.resolve, vectorised
    def _resolve(self, df: Dataflow, consts: dict) -> list:
        """:meth:`Dataflow.resolve` of every row: per directive (spatial, size, offset, dimension) with (B,) arrays,
        or a (B,) array of cluster sizes; rows it refuses are cleared in ``ok``."""
        dims = self.p.dim_map
        B = self.B
        used = df._constants  # type: ignore[attr-defined]
        values: dict[str, np.ndarray] = {}
        base = {"ClusterSz": None, "CTileSz": 1, "KTileSz": 1}
        for k in list(base) + list(df.defaults):
            if k in used or k in df.defaults:
                v = df.defaults.get(k, base.get(k))
                values[k] = self.P if v is None else np.full(B, int(v), dtype=_I64)
        values.update(consts)

        def expr(e):
            total = np.zeros(B, dtype=_I64)
            for kind, v in e.terms:
                if kind == "int":
                    total = total + int(v)
                elif kind == "const":
                    if v not in values:
                        raise _Bad
                    total = total + values[v]
                else:
                    if v not in dims:
                        raise _Bad
                    total = total + int(dims[v])
            return total

        out = []
        for d in df.directives:
            if isinstance(d, ClusterDirective):
                c = expr(d.size)
                self.ok &= c > 0
                out.append(c)
                continue
            m, o = expr(d.size), expr(d.offset)
            self.ok &= (m > 0) & (o > 0)
            if d.dim not in dims and d.dim.rstrip("'") not in dims:
                raise _Bad
            if not d.spatial and d.dim in ("R", "S") and d.dim in dims:
                k = dims[d.dim]
                self.ok &= ((m == k) & (o == k)) if self.compat else (np.minimum(m, o) >= k)
            out.append((d.spatial, m, o, d.dim))
        return out

    # ------------------------------------------------------------------ levels (§3, §4, §5)
    def _build_levels(self) -> list[_Lv]:
        """:meth:`.structure._Compiler._build_levels` of every row (ALGORITHM.md §4): the normalised levels."""
        directives, info, B = self.directives, self.info, self.B
        clusters = [d for d in directives if not isinstance(d, tuple)]
        U = np.ones(B, dtype=_I64)
        for c in clusters:
            U = U * np.minimum(c, 1 << 20)  # (a cluster beyond 2**20 fails the PE check anyway)
        self.ok &= ~(U > self.P)
        nc = [self.P // np.maximum(U, 1) if clusters else self.P] + clusters
        groups: list[list] = [[]]
        for d in directives:
            if isinstance(d, tuple):
                groups[-1].append(d)
            else:
                groups.append([])
        dims = dict(info.dims0)  # scalars at level 0, arrays below
        full = info.dims0
        dim_map, in_vars, in_set = info.dim_map, info.in_vars, info.in_set
        levels = []
        prev = None
        for li, group in enumerate(groups):
            lst = [[sp, m, o, v] for sp, m, o, v in group]
            if input_centric(lst, self.overlap) is not None:
                raise _Bad
            lst = [x for x in lst if x[3] in in_set or x[0] or dim_map.get(x[3]) != 1]
            if any(x[3] not in in_set for x in lst):
                raise _Bad
            present = {x[3] for x in lst}
            if prev is not None:
                for u in prev:
                    if u[3] not in present:
                        lst.insert(0, [False, u[1], u[2], u[3]])
                        present.add(u[3])
            for v in in_vars:
                if v in dims and v not in present:
                    lst.append([False, dims[v], dims[v], v])
                    present.add(v)
            for x in lst:
                v = x[3]
                sigma = info.strides.get(v, 1)
                if v in self.overlap and sigma != 1:
                    rf = full[self.overlap[v]]
                    m = np.broadcast_to(np.asarray(x[1], dtype=_I64), (B,))
                    cond = m >= rf
                    out = np.where(cond, m + sigma - rf, 0) // sigma  # cdiv, numerator >= 0
                    new_m = out * min(sigma, rf) + max(rf - sigma, 0)
                    new_o = out * (rf if (li != 0 and rf < sigma) else sigma)
                    x[1] = np.where(cond, new_m, m)
                    x[2] = np.where(cond, new_o, x[2])
            if not self.compat:
                for x in lst:
                    D = dims[x[3]]
                    clip = D < x[1]
                    x[1] = np.where(clip, D, x[1])
                    x[2] = np.where(clip, np.minimum(x[2], D), x[2])
            for x in lst:
                x[1] = np.broadcast_to(np.asarray(x[1], dtype=_I64), (B,))
                x[2] = np.broadcast_to(np.asarray(x[2], dtype=_I64), (B,))
            lv = _Lv([(bool(x[0]), x[3]) for x in lst], [x[1] for x in lst], [x[2] for x in lst],
                     np.broadcast_to(np.asarray(nc[li], dtype=_I64), (B,)),
                     {v: np.broadcast_to(np.asarray(dims[v], dtype=_I64), (B,)) for v in dims})
            if not any(sp for sp, _ in lv.dirs):
                raise _Bad
            self._tables(lv)
            levels.append(lv)
            prev = lst
            first: dict = {}
            for x in lst:
                first.setdefault(x[3], x)
            dims = {v: np.minimum(first[v][1], dims[v]) for v in in_vars if v in dims}
        return levels

    def _tables(self, lv: _Lv) -> None:
        """:meth:`.structure._Compiler._tables` of every row (§5): M, U, Me, Ue, primed outputs, ne, primary."""
        for (sp, v), m, o in zip(lv.dirs, lv.m, lv.o):
            D = lv.dims[v]
            s = np.maximum(0, (D - m) // o)  # max(0, cdiv(D - m, o)): both are <= 0 when D < m
            has_edge = (s * o + m < D) | (m > D)
            lv.M[v] = m
            u = np.minimum(m, o)
            if not sp:
                u = np.where(D <= m, 0, u)
            lv.U[v] = u
            e = D - (s + 1) * o
            e = np.where(e < 0, D, e)
            lv.Me[v] = np.where(has_edge, e, m)
            lv.Ue[v] = np.maximum(o - (m - e), 0)
        for ref, sl in self.overlap.items():
            j = lv.var_idx.get(ref)
            if j is None or sl not in lv.M:
                continue
            pr = ref + "'"
            m, o = lv.m[j], lv.o[j]
            lv.M[pr] = lv.M[ref] - lv.M[sl] + 1
            lv.U[pr] = np.minimum(o, m)
            lv.Me[pr] = lv.Me[ref] - lv.Me[sl] + 1
            lv.Ue[pr] = np.minimum(o, lv.Me[pr])
            if not self.compat:
                for table in (lv.M, lv.U, lv.Me, lv.Ue):
                    table[pr] = np.maximum(table[pr], 0)
        lv.primary = next(j for j, (sp, _) in enumerate(lv.dirs) if sp)
        m, o, D, n = lv.m[lv.primary], lv.o[lv.primary], lv.dims[lv.dirs[lv.primary][1]], lv.nc
        full = o * (n - 1) + m
        big = D > full
        mid = ~big & (D > m)
        q = np.where(big, D - m, 0) // o
        s = (q + 1) // np.maximum(n, 1) - 1  # cdiv(cdiv(D - m, o) + 1, n) - 1, all positive where used
        rem = D - (s + 1) * o * n
        ne_big = np.where(rem < m, 1, np.where(big & (rem >= m), rem - m, 0) // o + 1)
        ne_mid = np.where(mid, D - m, 0) // o + 1
        ne_mid = ne_mid + (o * (ne_mid - 1) + m < D)
        ne = np.where(big, ne_big, np.where(mid, ne_mid, 1))
        lv.ne = np.where(D <= m, 1, ne)

    # ------------------------------------------------------------------ the whole batch
    def run(self) -> "list[Structure | None]":
        """The structures (None where the scalar compiler must run)."""
        return self._assemble(self._analyse())

    def _analyse(self) -> list[dict]:
        """Every level of every structure, level by level: per level, (structure, tile code) -> (:class:`_Cases`,
        job); the level-0 tile's code is -1."""
        B, levels = self.B, self.levels
        # bound every product a level forms: per case a product over its directives of table entries (at most
        # the largest entry of the variable or its primed output), times at most nc + ne + 2 sub-units; summed over
        # cases whose counts add up to at most the product of the tile's extents + 2 (the tile: the layer's
        # dimensions at level 0, else at most the level above's largest M or Me of the variable)
        d0 = self.info.dims0
        top = {v: np.full(B, float(abs(x))) for v, x in d0.items()}
        worst = np.zeros(B)
        for lv in levels:
            if len(lv.dirs) > 20:
                raise _Bad
            big = {v: np.maximum.reduce([np.abs(t[v]) for t in (lv.M, lv.U, lv.Me, lv.Ue)]).astype(np.float64)
                   for v in lv.M}
            bound = (lv.nc.astype(np.float64) + np.abs(lv.ne) + 2.0) ** 2
            for _, v in lv.dirs:
                f = np.maximum(big[v], big.get(v + "'", 0.0))
                bound = bound * np.maximum(f, 1.0) * (top.get(v, 0.0) + 2.0)
            worst = np.maximum(worst, bound)
            top = {v: np.maximum(np.abs(lv.M[v]), np.abs(lv.Me[v])).astype(np.float64) for v in lv.M}
        self.ok &= worst < _SAFE
        tile0 = {v: d0[v] for v in self.info.in_vars if v in d0} | {k: v for k, v in d0.items() if k.endswith("'")}
        # level by level: jobs (structure, tile code) with their tiles as arrays
        protos: list[dict] = []
        jobs_s = np.flatnonzero(self.ok)
        jobs_c = np.full(jobs_s.shape[0], -1, dtype=_I64)
        tiles = {v: np.full(jobs_s.shape[0], int(x), dtype=_I64) for v, x in tile0.items()}
        for li in range(len(levels)):
            found, nxt = self._level(li, jobs_s, jobs_c, tiles)
            protos.append(found)
            if nxt is None:
                break
            jobs_s, jobs_c, tiles = nxt
        return protos

    def _level(self, li: int, js_: np.ndarray, jc_: np.ndarray, tiles: dict):
        """Analyse level ``li`` for the jobs (structure ``js_``, tile code ``jc_``, tile arrays ``tiles``): the
        protos by (structure, code), and the next level's jobs (None at the innermost level)."""
        lv = self.levels[li]
        innermost = li == len(self.levels) - 1
        # states (§6.1, §6.2) per directive, per job
        st = []
        for j, (sp, v) in enumerate(lv.dirs):
            m, o, k = lv.m[j][js_], lv.o[j][js_], lv.nc[js_]
            Dv = tiles[v]
            if not sp:
                pos = Dv >= m
                nn = np.where(pos, Dv - m, 0) // o
                hs = (m < Dv) & (nn > 0)
                he = pos & (nn * o + m < Dv)
                st.append((hs, he, nn, Dv <= m, Dv < m, np.zeros_like(hs), np.zeros_like(hs)))
            else:
                cov = m + o * (k - 1)
                big = Dv > cov
                q = np.where(big, Dv - m, 0) // o
                nn = (q + 1) // np.maximum(k, 1) - 1
                hs = big & (nn > 0)
                he = big & ((nn + 1) * o * k + cov > Dv) & (nn * o * k + cov != Dv)
                rem = Dv - (nn + 1) * o * k
                act = np.where(rem < m, 1, np.where(big & (rem >= m), rem - m, 0) // o + 1)
                eep_e = (act - 1) * o + m < rem
                st.append((hs, he, nn, Dv <= cov, Dv < cov, Dv < cov, eep_e))
        # one group of jobs, every directive padded to the kinds of states any job has; if that makes too many
        # (job, case) pairs, one group per signature (the kinds of states of every directive)
        padded = math.prod(1 + bool(s[0].any()) + bool(s[1].any()) for s in st)
        if padded * js_.shape[0] <= _PAD_LIMIT:
            parts = [None]
        else:
            sig = np.zeros(js_.shape[0], dtype=_I64)
            for s in st:
                sig = sig * 4 + s[0] * 2 + s[1]
            parts = [np.flatnonzero(sig == code) for code in np.unique(sig)]
        found: dict = {}
        nxt_parts = []
        for sel in parts:
            if sel is None:
                part = self._group(lv, innermost, js_, jc_, tiles, st, found)
            else:
                part = self._group(lv, innermost, js_[sel], jc_[sel], {v: t[sel] for v, t in tiles.items()},
                                   [tuple(a[sel] for a in s) for s in st], found)
            if part is not None:
                nxt_parts.append(part)
        if innermost or not nxt_parts:
            return found, None
        s_all = np.concatenate([p[0] for p in nxt_parts])
        c_all = np.concatenate([p[1] for p in nxt_parts])
        t_all = {v: np.concatenate([p[2][v] for p in nxt_parts]) for v in nxt_parts[0][2]}
        key = s_all * (1 << 20) + c_all
        _, first = np.unique(key, return_index=True)
        return found, (s_all[first], c_all[first], {v: t[first] for v, t in t_all.items()})

    def _group(self, lv, innermost, sidx, codes_in, D, st, found):
        """The cases of the jobs (structures ``sidx``, tile codes ``codes_in``, tiles ``D``, states ``st``):
        :class:`.traffic.LevelCtx` and the case loop of :meth:`.structure._Compiler.analyze` over int64 arrays of
        shape (jobs, cases). The cases are those of every directive padded to the kinds of states (Init, Steady,
        Edge) any job has, in lexicographic order; a job's own cases (its directives' states) are then gathered in
        MAESTRO's order for its kinds (:func:`.structure._case_order`) for what depends on the order. Fills
        ``found`` with (:class:`_Cases`, job) per job; returns the next level's jobs (None at the innermost)."""
        n = len(lv.dirs)
        J = sidx.shape[0]
        if J == 0:
            return None
        padk = [[0] + ([1] if s[0].any() else []) + ([2] if s[1].any() else []) for s in st]
        plen = [len(k) for k in padk]
        C = math.prod(plen)
        lex = np.arange(C, dtype=_I64)
        col = [(lex // math.prod(plen[j + 1:])) % plen[j] for j in range(n)]
        # per directive: per case its state's kind (0 Init, 1 Steady, 2 Edge); per (job, case) edge and eep flags
        kind_c, edge_c, eep_c = [], [], []
        occ = None
        zb = np.zeros(J, dtype=bool)
        for j in range(n):
            hs, he, nn, unr, ie, eep_i, eep_e = st[j]
            ps = padk[j]
            kc = np.array(ps, dtype=_I64)[col[j]]
            kind_c.append(kc)
            if len(ps) == 1:
                edge_c.append(np.repeat(ie[:, None], C, axis=1))
                eep_c.append(np.repeat(eep_i[:, None], C, axis=1))
                continue
            edge_c.append(np.stack([ie if p == 0 else zb if p == 1 else ~zb for p in ps], axis=1)[:, col[j]])
            eep_c.append(np.stack([eep_i if p == 0 else zb if p == 1 else eep_e for p in ps], axis=1)[:, col[j]])
            if 1 in ps:
                f = np.where(kc == 1, nn[:, None], 1)
                occ = f if occ is None else occ * f
        if occ is None:
            occ = np.ones((J, C), dtype=_I64)
        elif occ.shape[1] != C:
            occ = np.broadcast_to(occ, (J, C))
        jsp = np.full(C, -1, dtype=_I64)  # per padded case: the last directive not in its Init state
        for j in range(n):
            jsp = np.where(kind_c[j] != 0, j, jsp)
        # each job's own cases in MAESTRO's order, as padded case numbers (G), with their j* (jsg)
        sig = np.zeros(J, dtype=_I64)
        for s_ in st:
            sig = sig * 4 + s_[0] * 2 + s_[1]
        usig, inv = np.unique(sig, return_inverse=True)
        pk = tuple(tuple(k) for k in padk)
        perms = [_own_order(pk, code) for code in usig.tolist()]
        Cg = max(len(x) for x in perms)
        table = np.zeros((len(perms), Cg), dtype=_I64)
        sizes = np.array([len(x) for x in perms], dtype=_I64)
        for i, x in enumerate(perms):
            table[i, :len(x)] = x
        inv = inv.reshape(-1)
        G = table[inv]
        cg = np.arange(Cg)
        validg = cg[None, :] < sizes[inv][:, None]
        nown = sizes[inv]
        jsg = np.where(validg, jsp[G], -2)
        take = lambda x: np.take_along_axis(np.broadcast_to(x, (J, C)), G, axis=1)  # noqa: E731
        nc, ne = lv.nc[sidx][:, None], lv.ne[sidx][:, None]
        Mt = {k: v[sidx][:, None] for k, v in lv.M.items()}
        Ut = {k: v[sidx][:, None] for k, v in lv.U.items()}
        Met = {k: v[sidx][:, None] for k, v in lv.Me.items()}
        Uet = {k: v[sidx][:, None] for k, v in lv.Ue.items()}
        zero = np.zeros((J, 1), dtype=_I64)
        ne1 = ne == 1
        dirs, var_idx, overlap = lv.dirs, lv.var_idx, self.overlap

        def edge_of(sps):
            e = edge_c[sps[0]]
            for j in sps[1:]:
                e = e | edge_c[j]
            return e, eep_c[sps[-1]]

        def out_factors(tabs):
            """§7.4 (.traffic.LevelCtx._out_table, _product): the product over ``tabs`` ((j, variable, looked-up
            variable, output) per directive) per (job, case), as a function of the mode."""
            base = None
            spatial = []
            for j, v, a, output in tabs:
                m_a, me_a = Mt.get(a, zero), Met.get(a, zero)
                if not dirs[j][0]:
                    f = np.where(edge_c[j], me_a, m_a)
                    base = f if base is None else base * f
                    continue
                ue_a, us_a = Uet.get(a, zero), Ut.get(a, zero)
                us_a = np.where(us_a == 0, 1, us_a)
                me_v = Met.get(v, zero)
                ie23 = np.where(ne1, me_a, ue_a) if output else me_a
                last = None
                if 2 in padk[j]:
                    last = (np.where(ne1, me_v, m_a), np.where(ne1, 1, us_a), np.where(ne1, me_v, ue_a))
                spatial.append((j, m_a, me_a, us_a, ie23, last))
            memo: dict = {}

            def mode(i):
                hit = memo.get(i)
                if hit is not None:
                    return hit
                out = base
                for j, m_a, me_a, us_a, ie23, last in spatial:
                    ed = edge_c[j]
                    if i == 0:
                        f = m_a
                    elif i == 1:
                        f = us_a
                    elif i == 2:
                        f = np.where(ed, ie23, m_a)
                    elif i == 3:
                        f = np.where(ed, ie23, us_a)
                    else:
                        f = np.where(ed, me_a, us_a)
                    if last is not None:
                        f = np.where(kind_c[j] == 2, last[min(i, 2)], f)
                    out = f if out is None else out * f
                if out is None:
                    out = np.ones((J, C), dtype=_I64)
                elif out.shape != (J, C):
                    out = np.broadcast_to(out, (J, C))
                memo[i] = out
                return out
            return mode

        tout = self.tout
        out_o = [(j, v, v + "'" if v in overlap else v, True) for v in tout if (j := var_idx.get(v)) is not None]
        p_out = out_factors(out_o)
        p_all = out_factors(out_o + [(j, d[1], d[1], False) for j, d in enumerate(dirs) if d[1] not in tout])
        spatial_of = [[var_idx[v] for v in V if v in var_idx and dirs[var_idx[v]][0]]
                      for V in (self.tin, self.tw, tout)]
        all_spatial = [j for j, d in enumerate(dirs) if d[0]]

        def total(sps, f):
            """§7.5 sum over the sub-units (.traffic.LevelCtx._total); ``f(mode)`` per (job, case)."""
            tf = f(_TF)
            if not sps:
                return tf
            edge, e = edge_of(sps)
            ff = f(_FF)
            return np.where(edge, np.where(ne > 1, tf + np.maximum(ne - e - 1, 0) * ff + e * f(_FT),
                                           np.where(e & ne1, f(_TT), tf)), tf + (nc - 1) * ff)

        egress = total(spatial_of[2], p_out)
        tf1 = p_all(_TF)
        edge, e = edge_of(all_spatial)
        mac_map = np.where(edge, np.where(ne > 1, tf1 + np.maximum(ne - e - 1, 0) * tf1 + e * p_all(_FT_NOREUSE),
                                          np.where(e & ne1, p_all(_TT), tf1)), nc * tf1)
        if spatial_of[2]:
            edge2, e2 = edge_of(spatial_of[2])
            psums = np.where(ne1 & edge2 & e2, p_all(_TT), tf1)
        else:
            psums = tf1
        # the order-dependent part, in each job's own order: the first case with partial sums (else the last)
        psg = take(psums)
        processed = (psg > 0) & validg
        anyp = processed.any(axis=1)
        fidx = np.where(anyp, processed.argmax(axis=1), nown - 1)
        upto = cg[None, :] <= fidx[:, None]  # the cases that set the requirements
        computed = processed | upto  # the cases whose ingress the scalar compiler computes
        # ingress (§7.3, §7.5) per tensor: per directive on it, its factor per (job, case) and mode
        bad = np.zeros(J, dtype=bool)
        init_col = (jsp == -1)[None, :]
        ing = []
        for k, V in enumerate((self.tin, self.tw)):
            on = [d[1] in V for d in dirs]
            base = None
            spat = []
            for j in range(n):
                if not on[j]:
                    continue
                sp, v = dirs[j]
                M, Me, U = Mt[v], Met[v], Ut[v]
                reinit = None  # for js = j: a loop inside it on the tensor that is not unrolled in its Init state
                for jj in range(j + 1, n):
                    if on[jj]:
                        r = ~st[jj][3]
                        reinit = r if reinit is None else reinit | r
                adv = np.ones((J, 1), dtype=bool) if reinit is None else ~reinit[:, None]
                isjs = (jsp == j)[None, :]
                ed = edge_c[j]
                if not sp:
                    if self.compat:
                        uadv = np.where(adv, U, M)
                        hit = (computed & (jsg == j)).any(axis=1)
                        bad |= hit & (adv & (U == 0))[:, 0]
                    else:
                        uadv = np.where(adv & (U != 0), U, M)
                    f = np.where(kind_c[j] == 0, np.where(ed, Me, M), np.where(isjs, uadv, M))
                    base = f if base is None else base * f
                    continue
                Ue = Uet[v]
                cond = np.where(kind_c[j] == 0, (j >= jsp)[None, :], isjs & adv)
                e1 = ed & ne1
                edm = np.where(ed, Me, M)
                spat.append((np.where(init_col, np.where(e1, Me, M), M),
                             np.where(init_col, np.where(e1, 1, M), np.where(cond, U, M)),
                             np.where(init_col, edm, Me),
                             np.where(init_col, edm, np.where(cond, Ue, Me))))
            modes = []
            for i in range(4):
                f = base
                for rows in spat:
                    f = rows[i] if f is None else f * rows[i]
                modes.append(np.ones((J, C), dtype=_I64) if f is None else np.broadcast_to(f, (J, C)))
            tf, ff, tt, ft = modes
            sk = spatial_of[k]
            if not sk:
                val = tf
            else:
                ed, ee = edge_of(sk)
                ee = ee.astype(_I64)
                val = np.where(~ed, tf + (nc - 1) * ff,
                               np.where(ne <= 1, np.where((ee == 0) | (ne != 1), tf, tt),
                                        tf + np.maximum(ne - ee - 1, 0) * ff + ee * ft))
            off = np.array([js >= 0 and not on[js] for js in jsp.tolist()])
            if off.any():
                val = np.where(off[None, :], 0, val)
            ing.append(take(val))
        it_in, it_w = ing
        if not innermost:
            # tiles handed down (§7.7) as codes: bit j where directive j's extent is its Me and that is not its M
            # (equal codes, equal tiles); a: the first sub-cluster node's tile, b: the second's
            a_bits = np.zeros((J, C), dtype=_I64)
            b_bits = np.zeros((J, C), dtype=_I64)
            p = lv.primary
            peep = edge_c[p] & eep_c[p]
            two = peep & (ne > 1)
            for j, (sp, v) in enumerate(dirs):
                differs = Met[v] != Mt[v]
                if not sp:
                    ta = tb = edge_c[j]
                else:
                    ta = edge_c[j] & (peep | ne1)  # the eep tile: Me at an edge; the other: Me only if ne == 1
                    tb = np.where(two, edge_c[j] & ne1, ta)
                a_bits |= (ta & differs).astype(_I64) << j
                b_bits |= (tb & differs).astype(_I64) << j
            a_bits, b_bits = take(a_bits), take(b_bits)
        occ, egress, mac_map, psums = take(occ), take(egress), take(mac_map), psg
        # merge equal cases of a job, in the order of their first occurrence
        ingsum = it_in + it_w
        sel = processed & ~bad[:, None]
        fj, fc = np.nonzero(sel)
        fing, feg, focc = ingsum[fj, fc], egress[fj, fc], occ[fj, fc]
        fai = jsg[fj, fc] == -1
        fps = psums[fj, fc] if innermost else np.zeros(fj.shape[0], dtype=_I64)
        keys = [fing, feg, fai, fps]
        if not innermost:
            fa, fb = a_bits[fj, fc], b_bits[fj, fc]
            keys += [fa, fb]
        srt = np.lexsort([fc] + keys[::-1] + [fj])
        new = np.zeros(srt.shape[0], dtype=bool)
        if srt.size:
            new[0] = True
            for kk in [fj] + keys:
                ks = kk[srt]
                new[1:] |= ks[1:] != ks[:-1]
        starts = np.flatnonzero(new)
        m_occ = np.add.reduceat(focc[srt], starts) if starts.size else focc[:0]
        first = srt[starts]  # each merged case's first occurrence (fj, fc are sorted by job, then case)
        g_order = np.argsort(first, kind="stable")
        first = first[g_order]
        out = _Cases()
        out.occ = m_occ[g_order].astype(np.float64)
        out.bounds = np.searchsorted(fj[first], np.arange(J + 1)).tolist()
        out.ing = fing[first].astype(np.float64)
        out.eg = feg[first].astype(np.float64)
        out.all_init = fai[first]
        out.psums = fps[first].astype(np.float64)
        # per-job totals (int64 sums of int64 products: the bound keeps them exact)
        mac_occ = occ * mac_map
        macs = np.where(sel, mac_occ, 0).sum(axis=1)
        l2_in = np.where(sel, occ * it_in, 0).sum(axis=1)
        l2_w = np.where(sel, occ * it_w, 0).sum(axis=1)
        out_l1 = np.where(validg, mac_occ, 0).sum(axis=1)
        out_l2w = np.where(validg, occ * egress, 0).sum(axis=1)
        rj = np.arange(J)
        prods = []
        for vars_ in (self.tin, self.tw, tout):
            x = np.ones(J, dtype=_I64)
            for v in vars_:
                if v in Mt:
                    x = x * Mt[v][:, 0]
            prods.append(x)
        nfirst = fidx + 1
        own_l1 = 2 * nfirst * prods[0] + 2 * nfirst * prods[1] + 2 * prods[2]
        l2w = []
        for vars_ in (self.tin, self.tw):
            x = np.ones(J, dtype=_I64)
            for v in vars_:
                if v in D:
                    x = x * D[v]
            l2w.append(x)
        outsz = np.ones(J, dtype=_I64)
        for v in tout:
            if v in overlap:
                if v not in D or overlap[v] not in D:
                    raise _Bad
                outsz = outsz * (D[v] - D[overlap[v]] + 1)
            elif v in D:
                outsz = outsz * D[v]
        # counts in _COUNT_KEYS order; then req_l2 (input, filter, output), macs, own L1, first ingress
        out.ints_arr = np.stack([macs, l2_in, l2_in, l2w[0], macs, l2_w, l2_w, l2w[1], out_l1, out_l1, outsz,
                                 out_l2w, 2 * np.where(upto, it_in, 0).sum(axis=1),
                                 2 * np.where(upto, it_w, 0).sum(axis=1), 2 * egress[rj, fidx], macs, own_l1,
                                 np.where(anyp, ingsum[rj, fidx], 0)], axis=1)
        out.ints = out.ints_arr.tolist()
        out.innermost = innermost
        out.tiles = None
        if not innermost:
            out.first_child = np.where(anyp, a_bits[rj, fidx], -1).tolist()
            out.sub_a_arr, out.sub_b_arr = fa[first], fb[first]
            out.sub_a, out.sub_b = out.sub_a_arr.tolist(), out.sub_b_arr.tolist()
        else:
            # the leaf's tile (its extents, variables sorted), for the key of shared leaves
            out.tiles = list(map(tuple, np.stack([D[v] for v in sorted(D)], axis=1).tolist()))
        for t, (s, c) in enumerate(zip(sidx.tolist(), codes_in.tolist())):
            if bad[t]:
                self.ok[s] = False
            else:
                found[(s, c)] = (out, t)
        if innermost:
            return None
        # the next level's jobs: every (structure, tile code) handed down, with the tile's extents
        parts_s, parts_c, parts_t = [], [], {}
        for bits in (fa, fb):
            parts_s.append(sidx[fj])
            parts_c.append(bits)
            for j, (sp, v) in enumerate(dirs):
                parts_t.setdefault(v, []).append(np.where((bits >> j) & 1, Met[v][fj, 0], Mt[v][fj, 0]))
        return (np.concatenate(parts_s), np.concatenate(parts_c), {v: np.concatenate(x) for v, x in parts_t.items()})

    # ------------------------------------------------------------------ objects, per structure
    def _assemble(self, protos: list[dict]) -> "list[Structure | None]":
        """The :class:`Structure` of every structure the batch compiled (None for the others). Levels are shared
        with the scalar compiler's (:data:`.structure._LEVELS`), innermost nodes likewise (:data:`._LEAVES`)."""
        B, levels = self.B, self.levels
        ok = self.ok.tolist()
        P = self.P.tolist()
        gemm = self.p.layer_type == "GEMM"
        per_level = []
        for lv in levels:
            keys = list(lv.M)
            dvars = list(lv.dims)
            cols = ([x.tolist() for x in lv.m], [x.tolist() for x in lv.o], lv.nc.tolist(), lv.ne.tolist(),
                    np.stack([lv.dims[v] for v in dvars], axis=1).tolist(),
                    *(np.stack([t[k] for k in keys], axis=1).tolist() for t in (lv.M, lv.U, lv.Me, lv.Ue)))
            per_level.append((lv, keys, dvars, cols))
        out: list = []
        for b in range(B):
            if not ok[b]:
                out.append(None)
                continue
            lvs = []
            for lv, keys, dvars, (ms, os_, ncs, nes, dims, Ms, Us, Mes, Ues) in per_level:
                dirs = tuple([(sp, m[b], o[b], v) for (sp, v), m, o in zip(lv.dirs, ms, os_)])
                dm = dict(zip(dvars, dims[b]))
                key = (dirs, ncs[b], tuple(dm.items()), self.compat, gemm)
                level = _LEVELS.get(key)
                if level is None:
                    level = Level(dirs=list(dirs), nc=ncs[b], dims=dm, M=dict(zip(keys, Ms[b])),
                                  U=dict(zip(keys, Us[b])), Me=dict(zip(keys, Mes[b])), Ue=dict(zip(keys, Ues[b])),
                                  ne=nes[b], primary=lv.primary)
                    if len(_LEVELS) >= _LEVELS_MAX:
                        _LEVELS.clear()
                    _LEVELS[key] = level
                lvs.append(level)
            nodes: list[Node] = []
            if not self._visit(b, 0, -1, protos, nodes, {}, lvs):
                out.append(None)
                continue
            out.append(Structure(nodes=nodes, num_pes=P[b], levels=lvs))
        return out

    def _visit(self, b: int, li: int, code: int, protos: list, nodes: list, memo: dict, lvs: list) -> bool:
        """Append the node of level ``li`` for tile ``code`` of structure ``b`` to ``nodes``, its sub-cluster nodes
        first, in the scalar compiler's order (``memo``: (level, code) -> node index); False if one is missing."""
        hit = protos[li].get((b, code))
        if hit is None:
            return False
        cs, t = hit
        lo, hi = cs.bounds[t], cs.bounds[t + 1]
        ints = cs.ints[t]
        if cs.innermost:
            lv = lvs[li]
            leaf_key = (id(lv), li, self.info.tensor_id, _BATCH_TILE, cs.tiles[t])
            shared = _LEAVES.get(leaf_key)
            if shared is not None and shared[0] is lv:
                node = shared[1]
            else:
                sub = np.full(hi - lo, -1, dtype=_I64)
                node = Node(level=li, innermost=True, occ=cs.occ[lo:hi].copy(), ingress=cs.ing[lo:hi].copy(),
                            egress=cs.eg[lo:hi].copy(), all_init=cs.all_init[lo:hi].copy(),
                            psums=cs.psums[lo:hi].copy(), sub_a=sub, sub_b=sub.copy(), macs=ints[15],
                            l1_req=ints[16], req_l2=dict(zip(_REQ_KEYS, ints[12:15])),
                            counts=dict(zip(_COUNT_KEYS, ints[:12])), first_ingress=ints[17])
                if len(_LEAVES) >= _LEAVES_MAX:
                    _LEAVES.clear()
                _LEAVES[leaf_key] = (lv, node)
        else:
            al, bl = cs.sub_a[lo:hi], cs.sub_b[lo:hi]
            for x, y in zip(al, bl):
                for c in (x, y):
                    if (li + 1, c) not in memo and not self._visit(b, li + 1, c, protos, nodes, memo, lvs):
                        return False
            fc = cs.first_child[t]
            node = Node(level=li, innermost=False, occ=cs.occ[lo:hi].copy(), ingress=cs.ing[lo:hi].copy(),
                        egress=cs.eg[lo:hi].copy(), all_init=cs.all_init[lo:hi].copy(), psums=cs.psums[lo:hi].copy(),
                        sub_a=np.array([memo[(li + 1, x)] for x in al], dtype=_I64),
                        sub_b=np.array([memo[(li + 1, x)] for x in bl], dtype=_I64), macs=ints[15],
                        l1_req=nodes[memo[(li + 1, fc)]].l1_req if fc >= 0 else ints[16],
                        req_l2=dict(zip(_REQ_KEYS, ints[12:15])), counts=dict(zip(_COUNT_KEYS, ints[:12])),
                        first_ingress=ints[17])
        nodes.append(node)
        memo[(li, code)] = len(nodes) - 1
        return True

    # ------------------------------------------------------------------ the stack of all structures, directly
    def stack(self) -> "tuple[bool, Stack | None]":
        """:func:`.batched.build_stack` of the batch's structures and static vectors, built from the cases without
        making the structures: (True, the stack or None as build_stack gives it), or (False, None) when some
        structure must go through the scalar compiler."""
        protos = self._analyse()
        if not self.ok.all():
            return False, None
        G, depth = self.B, len(self.levels)
        # every structure's nodes in the scalar compiler's order (children first, first visited first); per level
        # the nodes of every structure, structure by structure: build_stack's order (height, top, group, index)
        per_level: list[list] = [[] for _ in range(depth)]
        top_l1 = self._two_level_order(protos, per_level) if depth == 2 else None
        if top_l1 is None:
            per_level = [[] for _ in range(depth)]
            top_l1 = []
            for g in range(G):
                top_l1.append(self._order(g, 0, -1, protos, {}, per_level)[-1])
        keys = None  # the level below's nodes: sorted (structure, code) keys and their numbers
        u = 0
        rounds = []
        top_node = np.empty(G, dtype=_I64)
        node_group = []
        for li in reversed(range(depth)):
            nodes = per_level[li]
            if not nodes:
                keys = None
                continue
            u0 = u
            u += len(nodes)
            cases = sorted({id(cs): cs for _, _, cs, _ in nodes}.values(), key=id)
            offset = {}
            off = 0
            for cs in cases:
                offset[id(cs)] = off
                off += cs.occ.shape[0]
            cat = lambda name: np.concatenate([getattr(cs, name) for cs in cases])  # noqa: E731
            starts = np.array([offset[id(cs)] + cs.bounds[t] for _, _, cs, t in nodes], dtype=_I64)
            sizes = np.array([cs.bounds[t + 1] - cs.bounds[t] for _, _, cs, t in nodes], dtype=_I64)
            total = int(sizes.sum())
            idx = np.repeat(starts - (np.cumsum(sizes) - sizes), sizes) + np.arange(total, dtype=_I64)
            ing, eg, all_init, occ = cat("ing")[idx], cat("eg")[idx], cat("all_init")[idx], cat("occ")[idx]
            groups = np.array([g for g, _, _, _ in nodes], dtype=_I64)
            node_group.append(groups)
            inner = li == depth - 1
            if inner:
                subs = (None, None)
            elif keys is None:  # no node below: no case here either
                subs = (np.empty(0, dtype=_I64), np.empty(0, dtype=_I64))
            else:
                gcase = np.repeat(groups, sizes) << 21
                sorted_keys, numbers = keys
                subs = tuple(numbers[np.searchsorted(sorted_keys, gcase + cat(name)[idx])]
                             for name in ("sub_a_arr", "sub_b_arr"))
            own_keys = (groups << 21) + np.array([code for _, code, _, _ in nodes], dtype=_I64)
            order = np.argsort(own_keys, kind="stable")
            keys = (own_keys[order], np.arange(u0, u, dtype=_I64)[order])
            top = li == 0
            if top:
                top_node[:] = np.arange(u0, u, dtype=_I64)
            rounds.append(Round(
                ing=ing, eg=eg, ing_neg=~(ing > 0), eg_neg=~(eg > 0), all_init=all_init, occ=occ,
                psums=cat("psums")[idx] if inner else None, sub_a=subs[0], sub_b=subs[1], peak_num=np.maximum(ing, eg),
                node=np.repeat(np.arange(u0, u, dtype=_I64), sizes), group=np.repeat(groups, sizes),
                n_top=total if top else 0, nodes=(u0, u),
                init_cases=None if all_init.all() else np.flatnonzero(all_init), unit_occ=bool((occ == 1).all()),
                single=bool((sizes == 1).all()), same_sub=inner or bool((subs[0] == subs[1]).all()),
                tops=top and groups.tolist() == list(range(G))))
        # the level-0 node of every structure: L2 requirement, static vector [macs, l1_req, l2_req, *counts]
        tops = per_level[0]
        ints = np.stack([cs.ints_arr[t] for _, _, cs, t in tops])  # (G, 18)
        req = ints[:, 12:15]
        if np.abs(req[:, :2].sum(axis=1)).max() >= 2 ** 53 or np.abs(req[:, 2]).max() >= 2 ** 53:
            return True, None
        l1_req = np.array(top_l1, dtype=_I64)
        static = np.concatenate([ints[:, 15:16], l1_req[:, None], req.sum(axis=1)[:, None], ints[:, :12]],
                                axis=1).astype(np.float64).T
        static = np.ascontiguousarray(static)
        node_group = np.concatenate(node_group) if node_group else np.empty(0, dtype=_I64)
        peak_init = np.array([0.0 if cs.bounds[t + 1] == cs.bounds[t] else -np.inf for _, _, cs, t in tops])
        arrays = [node_group, top_node, peak_init, static] + [a for r in rounds for a in vars(r).values()
                                                               if isinstance(a, np.ndarray)]
        nbytes = sum(sys.getsizeof(a) for a in arrays) + 2 * 8 * G + 200 * len(rounds)
        return True, Stack(rounds=rounds, node_group=node_group, top_node=top_node,
                           req_in=req[:, :2].sum(axis=1).astype(np.float64), req_out=req[:, 2].astype(np.float64),
                           peak_init=peak_init, static=static, nbytes=nbytes)

    def _two_level_order(self, protos: list, per_level: list) -> "list[int] | None":
        """:meth:`_order` of every structure of a two-level batch at once (None where the level-0 nodes are not
        one :class:`_Cases` in structure order): the leaves of a structure in the order the scalar compiler first
        visits them, its cases' (first, second) sub-cluster tiles in case order; the top nodes' l1_req."""
        G = self.B
        tops = [protos[0][(g, -1)] for g in range(G)]
        cs0 = tops[0][0]
        if any(cs is not cs0 or t != g for g, (cs, t) in enumerate(tops)):
            return None
        bounds = np.array(cs0.bounds, dtype=_I64)
        job = np.repeat(np.arange(G, dtype=_I64), np.diff(bounds))
        seq = (np.repeat(job, 2) << 21) + np.stack([cs0.sub_a_arr, cs0.sub_b_arr], axis=1).ravel()
        _, first = np.unique(seq, return_index=True)
        first.sort()
        leaves = per_level[1]
        p1 = protos[1] if len(protos) > 1 else {}
        for key in seq[first].tolist():
            g, code = key >> 21, key & ((1 << 21) - 1)
            cs, t = p1[(g, code)]
            leaves.append((g, code, cs, t))
        per_level[0].extend((g, -1, cs0, g) for g in range(G))
        l1 = []
        for g, fc in enumerate(cs0.first_child):
            if fc >= 0:
                cs, t = p1[(g, fc)]
                l1.append(cs.ints[t][16])
            else:
                l1.append(cs0.ints[g][16])
        return l1

    def _order(self, g: int, li: int, code: int, protos: list, memo: dict, per_level: list) -> list:
        """Append the nodes of structure ``g`` below and at (level ``li``, tile ``code``) to ``per_level`` in the
        scalar compiler's order, as (structure, code, cases, job); the l1_req of the nodes in order (the node's
        own if it has no processed case, else its first child's)."""
        cs, t = protos[li][(g, code)]
        l1s = []
        own = cs.ints[t][16]
        if not cs.innermost:
            lo, hi = cs.bounds[t], cs.bounds[t + 1]
            for x, y in zip(cs.sub_a[lo:hi], cs.sub_b[lo:hi]):
                for c in (x, y):
                    if (li + 1, c) not in memo:
                        l1s += self._order(g, li + 1, c, protos, memo, per_level)
            fc = cs.first_child[t]
            if fc >= 0:
                own = memo[(li + 1, fc)]
        per_level[li].append((g, code, cs, t))
        memo[(li, code)] = own
        l1s.append(own)
        return l1s


@functools.lru_cache(maxsize=1024)
def _own_order(padk: tuple, code: int) -> list[int]:
    """The cases of a job whose directives have the kinds of states ``code`` (two bits per directive, the last
    directive lowest: Steady, Edge), in MAESTRO's order (:func:`.structure._case_order`), as numbers of the padded
    cases (every directive with the kinds ``padk[j]``, lexicographic, the last directive fastest)."""
    n = len(padk)
    own = []
    for j in reversed(range(n)):
        own.append([0] + ([1] if (code >> 1) & 1 else []) + ([2] if code & 1 else []))
        code >>= 2
    own.reverse()
    plen = [len(k) for k in padk]
    stride = [math.prod(plen[j + 1:]) for j in range(n)]
    pos = [[padk[j].index(k) * stride[j] for k in own[j]] for j in range(n)]
    return [sum(pos[j][i] for j, i in enumerate(o[0])) for o in _case_order(tuple(len(k) for k in own))]


class _Cases:
    """The merged cases of a group of jobs of one level (:meth:`_Batch._group`): float64/bool arrays ``occ``,
    ``ing``, ``eg``, ``all_init``, ``psums`` of all jobs, job ``t`` from ``bounds[t]`` to ``bounds[t + 1]``; per
    job ``ints`` (the counts in :data:`.structure._COUNT_KEYS` order, the L2 requirements of input, filter and
    output, MACs, its own L1 requirement, the first ingress), and ``first_child``, ``sub_a``, ``sub_b`` (tile
    codes, non-innermost; ``*_arr``: the same as int64 arrays) or ``tiles`` (innermost: the tile's extents,
    variables sorted)."""

    __slots__ = ("occ", "ing", "eg", "all_init", "psums", "bounds", "ints", "ints_arr", "innermost", "first_child",
                 "sub_a", "sub_b", "sub_a_arr", "sub_b_arr", "tiles")
