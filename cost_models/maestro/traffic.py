"""Reuse and traffic formulas of one cluster level for the iteration cases of one tile (ALGORITHM.md §7).

Per case: which loop advanced (``j*``), the per-sub-unit tile, ingress (new input/filter data), output volume and
partial sums, their sums over the sub-units (edge units, ``ne``), the MACs of the case and the tile handed to the
sub-clusters. Pure integer arithmetic with MAESTRO's truncating division; used by :mod:`.structure`.

Every per-sub-unit volume of §7.2-§7.4 is a product over the level's directives of a factor that depends only on
that directive's state in the case, on the mode (first sub-unit or not, edge sub-unit or not, output reuse) and, for
ingress, on ``j*`` and on whether a loop inside ``j*`` re-initialises. :class:`LevelCtx` therefore tabulates the
factors once per tile (per directive, state and mode); output volume, MACs and partial sums are then formed for all
cases of the tile at once (lists over the cases), ingress case by case from the tables. All values are Python ints,
so every product and sum is exactly that of the per-case loops of the formulas as written in ALGORITHM.md.
"""

from __future__ import annotations

import math

from npu_dse.cost_models.errors import DataflowError

INIT, STEADY, EDGE = 0, 1, 2

#: Modes of a per-sub-unit volume, as (first, eep, reuse); the factor tables hold one entry per mode, in this order.
MODES = ((True, False, True), (False, False, True), (True, True, True), (False, True, True), (False, True, False))
_TF, _FF, _TT, _FT, _FT_NOREUSE = range(len(MODES))


def cdiv(a: int, b: int) -> int:
    """C++ integer division (truncates toward zero)."""
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b > 0) else -q


class LevelCtx:
    """Reuse and traffic formulas of one level for the cases of one tile (ALGORITHM.md §7).

    ``states[j]`` are the states of directive ``j`` (:meth:`.structure._Compiler._states`: tuples ``(position,
    occurrences, unrolled, init_edge, eep)``, the Init state first and only there); a case is a tuple ``idx`` of
    state indices, one per directive, or its lexicographic number ``lex`` (the last directive's state varying
    fastest). Volumes are in elements. Lists over all cases, indexed by ``lex``:

    - ``occurrences``: how many times the case occurs (the product of its states' counts, §6.3);
    - ``egress``: output elements leaving the sub-units (§7.4, §7.5);
    - ``mac_map``: MACs over the sub-units (§7.6); ``critical_psums``: partial sums of the critical sub-unit.

    Input and filter ingress (§7.3) come case by case from :meth:`ingress`, the tile handed down from :meth:`tile`.
    """

    def __init__(self, lv, overlap: dict[str, str], tin, tw, tout, compat: bool, states: list[list[tuple]]):
        self.lv = lv
        self.compat = compat
        self.states = states
        self.tensors = (tin, tw)
        dirs = lv.dirs
        self.var_idx = var_idx = {d[3]: j for j, d in enumerate(dirs)}
        # is_edge (§6.2) and the eep flag of every directive's every state
        self.edge = [[st[0] == EDGE or st[3] for st in sts] for sts in states]
        self.eep = [[1 if st[4] else 0 for st in sts] for sts in states]
        self.all_spatial = [j for j, d in enumerate(dirs) if d[0]]
        self.spatial_of = [[var_idx[v] for v in V if v in var_idx and dirs[var_idx[v]][0]] for V in (tin, tw, tout)]
        self._out_o = [(j, self._out_table(j, v, v + "'" if v in overlap else v, True))
                       for v in tout if (j := var_idx.get(v)) is not None]
        self._out_all = self._out_o + [(j, self._out_table(j, d[3], d[3], False)) for j, d in enumerate(dirs)
                                       if d[3] not in tout]
        self._tiles: "list | None" = None  # built on the first call of tile (never, at the innermost level)
        self.lens = [len(sts) for sts in states]
        n = math.prod(self.lens)
        self._products: dict[tuple[int, int], list[int]] = {}
        self._edges: dict[tuple[int, ...], tuple[list[bool], list[int]]] = {}
        self._ing: dict[tuple[int, int], list] = {}
        self._rows: dict[tuple[int, int, bool], list] = {}  # (j, rel, reinit) -> _ingress_rows
        self._on_tensor = [[d[3] in V for d in dirs] for V in (tin, tw)]  # per tensor: is directive j on it
        self.occurrences = self._expand([[st[1] for st in sts] for sts in states])
        self.egress = self._total(self.spatial_of[2], lambda mode: self._product(0, mode))
        # §7.6: MACs over the sub-units and the partial sums of the critical (first) sub-unit, per case
        nc, ne, tf = lv.nc, lv.ne, self._product(1, _TF)
        edge, e = self._edge_of(self.all_spatial)
        if ne > 1:
            fr = self._product(1, _FT_NOREUSE)
            self.mac_map = [tf[c] + max(ne - e[c] - 1, 0) * tf[c] + e[c] * fr[c] if edge[c] else nc * tf[c]
                            for c in range(n)]
        else:
            tt = self._product(1, _TT) if ne == 1 else tf
            self.mac_map = [(tt[c] if e[c] else tf[c]) if edge[c] else nc * tf[c] for c in range(n)]
        sps = self.spatial_of[2]
        if sps and ne == 1:
            edge, e = self._edge_of(sps)
            tt = self._product(1, _TT)
            self.critical_psums = [tt[c] if edge[c] and e[c] else tf[c] for c in range(n)]
        else:
            self.critical_psums = tf

    def _out_table(self, j: int, v: str, a: str, output: bool) -> list[tuple[int, ...]]:
        """§7.4: the factor of directive ``j`` (on ``v``) in ``pe_out`` per state and mode: an output variable
        (``output``, looked up primed as ``a`` and, in one branch, unprimed as MAESTRO does), or a variable of the
        partial-sum product (``a == v``)."""
        lv, ne = self.lv, self.lv.ne
        m_a, me_a, ue_a, us_a = lv.M.get(a, 0), lv.Me.get(a, 0), lv.Ue.get(a, 0), lv.U.get(a, 0) or 1
        me_v = lv.Me.get(v, 0)
        sp = lv.dirs[j][0]
        if not sp:
            return [(me_a if edge else m_a,) * len(MODES) for edge in self.edge[j]]
        # the rows per kind of state, in the order of MODES: (first, eep, reuse) = TF, FF, TT, FT, FT without reuse
        inner = (m_a, us_a, m_a, us_a, us_a)  # Init off the edge, or Steady
        if output and ne != 1:
            init_edge = (m_a, us_a, ue_a, ue_a, me_a)  # the eep modes: ue_a with output reuse, else me_a
        else:
            init_edge = (m_a, us_a, me_a, me_a, me_a)
        last = (me_v, 1, me_v, me_v, me_v) if ne == 1 else (m_a, us_a, ue_a, ue_a, ue_a)  # the Edge state
        return [(init_edge if edge else inner) if st[0] == INIT else inner if st[0] == STEADY else last
                for st, edge in zip(self.states[j], self.edge[j])]

    def _tile_table(self, j: int) -> list[tuple[int, int]]:
        """§7.7: per state of directive ``j``, its extent in the tile handed down (non-edge, edge sub-unit)."""
        lv = self.lv
        sp, _, _, v = lv.dirs[j]
        m, me = lv.M[v], lv.Me[v]
        tab = []
        for edge in self.edge[j]:
            if not sp:
                tab.append((me, me) if edge else (m, m))
            elif not edge:
                tab.append((m, m))
            else:
                tab.append((me, me) if lv.ne == 1 else (m, me))
        return tab

    def _ingress_table(self, k: int, js: int) -> list:
        """Factors of ``pe_ingress`` (§7.3) of tensor ``k`` (0 input, 1 filter) for the cases whose last advancing
        loop is ``js`` (-1: the all-Init case, which takes the tile of §7.2), per directive on a variable of the
        tensor (:meth:`_ingress_rows`), as ``[(j, rows), ...]``.

        Raises:
            DataflowError: (``compat=True``) the loop ``js`` is a TemporalMap the static table calls unrolled.
        """
        on, n = self._on_tensor[k], len(self.lens)
        if js == -1:
            return [(j, self._ingress_rows(j, -1, False)) for j in range(n) if on[j]]
        # the loops inside js are all in their Init state; one not unrolled re-initialises the tensor
        states = self.states
        reinit = any(on[j] and not states[j][0][2] for j in range(js + 1, n))
        rows, out = self._rows, []
        for j in range(n):
            if on[j]:
                rel = 0 if j < js else 2 if j > js else 1
                tab = rows.get((j, rel, reinit and rel == 1))  # (the look-up of _ingress_rows, without the call)
                out.append((j, tab if tab is not None else self._ingress_rows(j, rel, reinit)))
        return out

    def _ingress_rows(self, j: int, rel: int, reinit: bool) -> list[tuple[int, ...]]:
        """Per state of directive ``j``, its ``pe_ingress`` factor in each of the first four :data:`MODES`, in the
        cases whose last advancing loop ``js`` is related to ``j`` by ``rel``: -1 there is none (§7.2 pe_tile), 0
        ``j < js``, 1 ``j == js`` (``reinit``: a loop inside ``js`` re-initialises the tensor), 2 ``j > js``. The
        same for both tensors, so kept per (``j``, ``rel``, ``reinit``)."""
        key = (j, rel, reinit and rel == 1)
        tab = self._rows.get(key)
        if tab is not None:
            return tab
        lv, ne = self.lv, self.lv.ne
        sp, m, o, v = lv.dirs[j]
        M, Me, U, Ue = lv.M[v], lv.Me[v], lv.U[v], lv.Ue[v]
        advance = rel == 1 and not reinit  # the loop advanced, no loop inside it re-initialises
        tab = []
        for st, edge in zip(self.states[j], self.edge[j]):
            if rel == -1:  # §7.2 pe_tile
                if not sp:
                    row = (Me if edge else M,) * 4
                elif not edge:
                    row = (M,) * 4
                elif ne == 1:
                    row = tuple(Me if (first or eep) else 1 for first, eep, _ in MODES[:4])
                else:
                    row = tuple(Me if eep else M for _, eep, _ in MODES[:4])
            elif not sp:
                if st[0] == INIT:
                    f = Me if edge else M
                elif advance:
                    f = U
                    if f == 0 and not self.compat:
                        f = M  # correction: the static table says unrolled, the case iterates: a new tile
                    elif f == 0:
                        raise DataflowError(
                            f"directive on {v} at cluster level: the tile handed down is larger than the "
                            f"dimension, so the unrolled TemporalMap({m},{o}) {v} would iterate (MAESTRO exits "
                            "here)")
                else:
                    f = M
                row = (f,) * 4
            # (first, eep) modes: the first sub-unit takes the whole tile (M, or Me at an edge unit); the others
            # only the offset's new part (U, Ue) where the loop advanced or, in the Init state, below js
            elif (advance if st[0] != INIT else rel >= 1):
                row = (M, U, Me, Ue)
            else:
                row = (M, M, Me, Me)
            tab.append(row)
        self._rows[key] = tab
        return tab

    # per-case lists
    def _expand(self, cols: list) -> list[int]:
        """Per case (in ``lex`` order), the product of ``cols[j][state of j]`` over the directives whose ``cols[j]``
        is not None."""
        vals = [1]
        for L, col in zip(self.lens, cols):
            if L == 1:  # one state: the same case count, each times the state's value
                if col is not None and col[0] != 1:
                    b = col[0]
                    vals = [a * b for a in vals]
            elif col is None:
                vals = [a for a in vals for _ in range(L)]
            else:
                vals = [a * b for a in vals for b in col]
        return vals

    def _column(self, j: int, col: list) -> list:
        """Per case (in ``lex`` order), ``col[state of directive j]``."""
        before, after = math.prod(self.lens[:j]), math.prod(self.lens[j + 1:])
        return [x for x in col for _ in range(after)] * before

    def _edge_of(self, sps: list[int]) -> tuple[list[bool], list[int]]:
        """Per case: whether one of the directives ``sps`` is at an edge, and the eep flag (0/1) of the last."""
        key = tuple(sps)
        hit = self._edges.get(key)
        if hit is None:
            edge = self._column(sps[0], self.edge[sps[0]])
            for j in sps[1:]:
                edge = [a or b for a, b in zip(edge, self._column(j, self.edge[j]))]
            hit = self._edges[key] = (edge, self._column(sps[-1], self.eep[sps[-1]]))
        return hit

    def _product(self, which: int, mode: int) -> list[int]:
        """Per case, ``pe_out`` (§7.4) in ``mode``: of the outputs (``which`` 0) or with the partial sums (1)."""
        key = (which, mode)
        vals = self._products.get(key)
        if vals is None:
            vals = self._products[key] = self._factors((self._out_o, self._out_all)[which], mode)
        return vals

    def _factors(self, tabs: list, mode: int) -> list[int]:
        """Per case, the product of the factor tables ``tabs = [(j, tab), ...]`` in ``mode``."""
        cols: list = [None] * len(self.lens)
        for j, tab in tabs:
            cols[j] = [row[mode] for row in tab]
        return self._expand(cols)

    # §7.5
    def _total(self, sps: list[int], f) -> list[int]:
        """Per case, the sum over the sub-units of the per-sub-unit volume ``f(mode)`` (a per-case list); ``sps``
        are the directives of the tensor's spatial variables."""
        tf = f(_TF)
        if not sps:
            return tf
        nc, ne = self.lv.nc, self.lv.ne
        edge, e = self._edge_of(sps)
        ff = f(_FF)
        # §7.5: no spatial directive of the tensor at an edge: the first sub-unit and nc - 1 others; else, with one
        # edge sub-unit (ne == 1), that one in its eep mode when the eep flag e is set; else the first, the
        # ne - e - 1 other full ones and e edge ones
        if ne > 1:
            ft = f(_FT)
            return [tf[c] + max(ne - e[c] - 1, 0) * ff[c] + e[c] * ft[c] if edge[c] else tf[c] + (nc - 1) * ff[c]
                    for c in range(len(tf))]
        tt = f(_TT) if ne == 1 else tf
        return [(tt[c] if e[c] else tf[c]) if edge[c] else tf[c] + (nc - 1) * ff[c] for c in range(len(tf))]

    def ingress(self, k: int, idx: tuple, js: int) -> int:
        """Input (``k`` 0) or filter (1) elements entering the level's sub-units in case ``idx`` (§7.3, §7.5);
        ``js`` is the last directive not in its Init state (-1: none). Computed per case: a ``js`` holds only some
        of the cases. The sum over the sub-units as in :meth:`_total`, each mode's product formed only when used."""
        if js >= 0 and not self._on_tensor[k][js]:
            return 0
        tabs = self._ing.get((k, js))
        if tabs is None:
            tabs = self._ing[k, js] = self._ingress_table(k, js)
        rows = [tab[idx[j]] for j, tab in tabs]
        tf = 1
        for r in rows:
            tf *= r[_TF]
        sps = self.spatial_of[k]
        if not sps:
            return tf
        edge = self.edge
        if not any(edge[j][idx[j]] for j in sps):
            ff = 1
            for r in rows:
                ff *= r[_FF]
            return tf + (self.lv.nc - 1) * ff
        e = self.eep[sps[-1]][idx[sps[-1]]]
        ne = self.lv.ne
        if ne <= 1:
            if not e or ne != 1:
                return tf
            tt = 1
            for r in rows:
                tt *= r[_TT]
            return tt
        ff = ft = 1
        for r in rows:
            ff *= r[_FF]
            ft *= r[_FT]
        return tf + max(ne - e - 1, 0) * ff + e * ft

    # §7.7
    def tile(self, idx: tuple, eep: bool) -> tuple[tuple[str, int], ...]:
        """The tile handed to the sub-clusters in case ``idx`` (``eep``: the edge sub-unit's), as ``(variable,
        extent)`` pairs sorted by variable."""
        e = 1 if eep else 0
        if self._tiles is None:
            self._tiles = sorted((d[3], j, self._tile_table(j)) for j, d in enumerate(self.lv.dirs))
        return tuple([(v, tab[idx[j]][e]) for v, j, tab in self._tiles])

    def sub_keys(self) -> tuple[list[bool], list[int]]:
        """Per case (by ``lex``): :meth:`primary_eep`, and a number that determines the tiles :meth:`tile` hands
        down (bit ``j``: whether directive ``j`` is at an edge; a directive's extent in the tile depends only on
        that), so that cases with equal numbers and flags have the same sub-cluster nodes."""
        p = self.lv.primary
        peep = self._column(p, [bool(edge and st[4]) for edge, st in zip(self.edge[p], self.states[p])])
        codes = [0]
        for j, edges in enumerate(self.edge):
            col = [(1 << j) if edge else 0 for edge in edges]
            codes = [a + b for a in codes for b in col]
        return peep, codes

    def primary_eep(self, idx: tuple) -> bool:
        """Whether the primary spatial directive is at an edge with an edge sub-unit in case ``idx``."""
        p = self.lv.primary
        return bool(self.edge[p][idx[p]] and self.states[p][idx[p]][4])
