"""Reuse and traffic formulas of one cluster level for one iteration case (ALGORITHM.md §7).

Per case: which loop advanced (``j*``), the per-sub-unit tile, ingress (new input/filter data), output volume and
partial sums, their sums over the sub-units (edge units, ``ne``), the MACs of the case and the tile handed to the
sub-clusters. Pure integer arithmetic with MAESTRO's truncating division; used by :mod:`.structure`.
"""

from __future__ import annotations

from npu_dse.cost_models.errors import DataflowError

INIT, STEADY, EDGE = 0, 1, 2


def cdiv(a: int, b: int) -> int:
    """C++ integer division (truncates toward zero)."""
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b > 0) else -q


class LevelCtx:
    """Reuse and traffic formulas of one level for the current case (ALGORITHM.md §7)."""

    def __init__(self, lv, overlap: dict[str, str], tin, tw, tout, compat: bool = True):
        self.lv = lv
        self.compat = compat
        self.overlap = overlap
        self.tout = tout
        self.var_idx = {d[3]: j for j, d in enumerate(lv.dirs)}
        self.spatial_of = {t: [v for v in vars_ if v in self.var_idx and lv.dirs[self.var_idx[v]][0]]
                           for t, vars_ in ((tin, tin), (tw, tw), (tout, tout))}
        self.all_spatial = [j for j, d in enumerate(lv.dirs) if d[0]]

    def set_case(self, case: list[tuple]) -> None:
        self.case = case
        js = [j for j, s in enumerate(case) if s[0] != INIT]
        self.jstar = js[-1] if js else -1

    @staticmethod
    def is_edge(st: tuple) -> bool:
        return st[0] == EDGE or st[3]

    def prime(self, v: str) -> str:
        return v + "'" if v in self.overlap else v

    # §7.2
    def pe_tile(self, V, first: bool, eep: bool) -> int:
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

    # §7.3
    def pe_ingress(self, V, first: bool, eep: bool) -> int:
        js = self.jstar
        if js == -1:
            return self.pe_tile(V, first, eep)
        lv = self.lv
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
                        f = lv.M[v]  # correction: the static table says unrolled, the case iterates: a new tile
                    elif f == 0:
                        raise DataflowError(
                            f"directive on {v} at cluster level: the tile handed down is larger than the "
                            f"dimension, so the unrolled TemporalMap({m},{o}) {v} would iterate (MAESTRO exits here)")
                else:
                    f = lv.M[v]
            else:
                if first:
                    f = Mx[v]
                elif st[0] == INIT:
                    f = Mx[v] if j < js else Ux[v]
                elif j == js and not reinit:
                    f = Ux[v]
                else:
                    f = Mx[v]
            vol *= f
        return vol

    # §7.4
    def pe_out(self, psum: bool, first: bool, eep: bool, reuse: bool = True) -> int:
        lv, O, vol = self.lv, self.tout, 1
        ne = lv.ne
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
            sp = lv.dirs[j][0]
            st = self.case[j]
            a = self.prime(v)
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

    def pe_egress(self, V, first: bool, eep: bool) -> int:
        return self.pe_out(False, first, eep)

    # §7.5
    def total(self, V, f) -> int:
        lv = self.lv
        sps = [v for v in V if v in self.var_idx and lv.dirs[self.var_idx[v]][0]]
        if not sps:
            return f(V, True, False)
        sp = self.case[self.var_idx[sps[-1]]]
        edge = any(self.is_edge(self.case[self.var_idx[v]]) for v in sps)
        if not edge:
            return f(V, True, False) + (lv.nc - 1) * f(V, False, False)
        e = 1 if sp[4] else 0
        tot = f(V, True, lv.ne == 1 and bool(e))
        if lv.ne > 1:
            tot += max(lv.ne - e - 1, 0) * f(V, False, False) + e * f(V, False, True)
        return tot

    # §7.6
    def mac_map(self) -> int:
        lv = self.lv
        sp = self.case[self.all_spatial[-1]]
        edge = any(self.is_edge(self.case[j]) for j in self.all_spatial)
        if not edge:
            return lv.nc * self.pe_out(True, True, False)
        e = 1 if sp[4] else 0
        tot = self.pe_out(True, True, lv.ne == 1 and bool(e))
        if lv.ne > 1:
            tot += max(lv.ne - e - 1, 0) * self.pe_out(True, True, False) + e * self.pe_out(True, False, True, False)
        return tot

    def critical_psums(self) -> int:
        lv = self.lv
        sps = [v for v in self.tout if v in self.var_idx and lv.dirs[self.var_idx[v]][0]]
        if not sps:
            return self.pe_out(True, True, False)
        edge = any(self.is_edge(self.case[self.var_idx[v]]) for v in sps)
        if not edge:
            return self.pe_out(True, True, False)
        sp = self.case[self.var_idx[sps[-1]]]
        return self.pe_out(True, True, lv.ne == 1 and bool(sp[4]))

    # §7.7
    def tile(self, eep: bool) -> dict[str, int]:
        lv, t = self.lv, {}
        for j, (sp, m, o, v) in enumerate(lv.dirs):
            st = self.case[j]
            if not sp:
                t[v] = lv.Me[v] if self.is_edge(st) else lv.M[v]
            elif not self.is_edge(st):
                t[v] = lv.M[v]
            else:
                t[v] = lv.Me[v] if (lv.ne == 1 or eep) else lv.M[v]
        return t
