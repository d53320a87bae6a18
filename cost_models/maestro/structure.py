"""Compile one (layer, dataflow, PE count) mapping into MAESTRO's iteration-case structure.

This is the hardware-independent half of MAESTRO's analysis (ALGORITHM.md §3-§7, §9, §10): cluster levels, the
normalised directive lists, the static mapping tables, the iteration cases of every level with their occurrence
counts, and per case the ingress/egress volumes, MACs and partial sums. Everything here depends only on the layer,
the resolved directives and ``num_pes`` (for the split into clusters). What depends on the other hardware fields
(NoC/off-chip bandwidth, latency, SIMD lanes) is left as per-case arrays that
:mod:`npu_dse.cost_models.maestro.evaluate` evaluates for many hardware points at once.

Integer semantics follow MAESTRO (C++ truncating division, ALGORITHM.md §1.3). With ``compat=False`` two
corrections apply here: a tile larger than its dimension with an offset that fits (``o <= D < m``) is clipped to
the dimension (MAESTRO bug ALGORITHM.md §14.5); a NoC transfer of 0 elements costs 0 cycles (§14.13); and where a
sub-level's static table calls a TemporalMap unrolled while an edge tile from above makes it iterate (MAESTRO exits,
§13, a consequence of §14.11), the iteration fetches a whole new tile instead of raising.

Speed (issue 18): the per-case formulas are evaluated from per-directive factor tables (:class:`.traffic.LevelCtx`);
compilations share built levels (:data:`_LEVELS`), innermost-level nodes (:data:`_LEAVES`), per-problem data
(:data:`_PROBLEMS`), the sizes of shared objects (:data:`_FIXED_BYTES`) and case orders (:func:`_case_order`), all
bounded and never modified once built, so a structure is the same whether they are warm or empty
(``tests/test_structure_speed.py``). Within a level, cases whose tiles handed down must be equal look their
sub-cluster nodes up once (:meth:`.traffic.LevelCtx.sub_keys`).

Many structures of one layer (a batch of hardware points with 4 or more uncached PE counts and constants) are
compiled together by :mod:`.batch_compile`, numpy over the structures, with this module's results bit for bit
(``tests/test_batch_compile.py``). This scalar compiler is the reference for it, and compiles single structures
(the one-point path) and every structure the batch compiler leaves (it raises the errors of invalid mappings).
"""

from __future__ import annotations

import functools
import math
import operator
import sys
from dataclasses import dataclass, field

import numpy as np

from npu_dse.cost_models.dataflow import ResolvedMap
from npu_dse.cost_models.errors import DataflowError
from npu_dse.cost_models.maestro.traffic import EDGE, INIT, STEADY, LevelCtx, cdiv

TENSOR_NAMES = ("input", "filter", "output")
#: Bytes per case of the one-point path's flattened copy of a structure (a tuple of seven Python numbers and its
#: list slot), counted by :meth:`Structure.nbytes`.
ONEPOINT_BYTES_PER_CASE = 8 * 32 + 56 + 8
_INT_BYTES = 32  # an int object (28 bytes up to 2**30, 32 to 2**60)
#: Node.counts keys in order (one set of key strings, shared by every node's dict)
_COUNT_KEYS = tuple(f"{t}_{m}_{a}" for t in TENSOR_NAMES for m in ("l1", "l2") for a in ("read", "write"))
#: per input/filter: the L2 write count
_L2_WRITE = tuple(f"{t}_l2_write" for t in TENSOR_NAMES[:2])


def input_centric(lst: list[list], overlap: dict[str, str]) -> tuple[list, str, str] | None:
    """Step a of a level's normalisation (ALGORITHM.md §3): a map on an output dimension (``Y'``) without one on its
    input dimension (``Y``) becomes a map on the input dimension, its size widened by the sliding dimension's
    (``R``) size minus one. ``lst`` holds ``[spatial, size, offset, dim, ...]`` entries (sizes scalars or arrays)
    and is rewritten in place; ``overlap`` maps input dimensions to their sliding ones. Returns None, or, for a
    primed map with no sliding directive beside it, (that entry, its primed name, the sliding name)."""
    for ref, sl in overlap.items():
        pr = ref + "'"
        has_p = [x for x in lst if x[3] == pr]
        if has_p and not any(x[3] == ref for x in lst):
            r = [x for x in lst if x[3] == sl]
            if not r:
                return has_p[0], pr, sl
            has_p[0][3] = ref
            has_p[0][1] = has_p[0][1] + r[0][1] - 1
    return None


def clear_memos() -> None:
    """Forget the levels and innermost nodes shared between compilations (:data:`_LEVELS`, :data:`_LEAVES`), the
    per-problem data (:data:`_PROBLEMS`), the sizes of shared objects (:data:`_FIXED_BYTES`) and the cached case
    orders; results never depend on them, only speed does."""
    _LEVELS.clear()
    _LEAVES.clear()
    _PROBLEMS.clear()
    _FIXED_BYTES.clear()
    _case_order.cache_clear()


def _ints_bytes(values) -> int:
    """Bytes of the int objects among ``values`` that are not the interpreter's shared small ints."""
    return sum(sys.getsizeof(v) for v in values if not -5 <= v <= 256)


@dataclass(frozen=True)
class Problem:
    """A layer in MAESTRO's terms: type (CONV, DSCONV, GEMM), dimensions as written, outer strides of Y/X.

    ``unbatched``: the tensors do not index the batch N although the dimensions list it, as MAESTRO's do when the
    first layer of the type in its file has no N (see :class:`npu_dse.cost_models.dataflow.Dataflow`).
    """

    layer_type: str
    dims: tuple[tuple[str, int], ...]
    stride_y: int = 1
    stride_x: int = 1
    unbatched: bool = False

    def __hash__(self) -> int:
        # computed once: the problem keys the structure cache, looked up on every analysed layer
        h = self.__dict__.get("_hash")
        if h is None:
            h = hash((self.layer_type, self.dims, self.stride_y, self.stride_x, self.unbatched))
            object.__setattr__(self, "_hash", h)
        return h

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state.pop("_hash", None)  # str hashes differ between processes
        return state

    @property
    def dim_map(self) -> dict[str, int]:
        return dict(self.dims)

    def tensors(self, compat: bool = True) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        """(input, filter, output) variable lists in MAESTRO's order (ALGORITHM.md §1.2; MAESTRO 4eb08d1
        ``API_user-interface-v2.hpp`` ``ConfigConvTensors``).

        MAESTRO's NGCONV output is G, K, C, Y, X: C, which the layer reduces, indexes its output, so every C step
        writes new outputs. With ``compat=False`` the output is G, K, Y, X (C is reduced, as in CONV).
        """
        has_n = "N" in self.dim_map and self.layer_type != "GEMM" and not self.unbatched
        if self.layer_type == "CONV":
            t = (("C", "Y", "X"), ("K", "C", "R", "S"), ("K", "Y", "X"))
        elif self.layer_type == "DSCONV":
            t = (("C", "Y", "X"), ("C", "R", "S"), ("C", "Y", "X"))
        elif self.layer_type == "NGCONV":
            t = (("G", "C", "Y", "X"), ("G", "K", "C", "R", "S"),
                 ("G", "K", "C", "Y", "X") if compat else ("G", "K", "Y", "X"))
        elif self.layer_type == "GEMM":
            return (("M", "K"), ("K", "N"), ("M", "N"))
        else:
            raise DataflowError(f"layer type {self.layer_type!r} is not supported; allowed: CONV, DSCONV, NGCONV, "
                                "GEMM")
        if has_n:
            t = (("N",) + t[0], t[1], ("N",) + t[2])
        return t

    @property
    def overlap(self) -> dict[str, str]:
        return {} if self.layer_type == "GEMM" else {"Y": "R", "X": "S"}


@dataclass
class Level:
    """One normalised cluster level with its static tables (ALGORITHM.md §4, §5); shared by every structure that
    has it (:data:`_LEVELS`), so never modified once built."""

    dirs: list[tuple[bool, int, int, str]]  # (spatial, m, o, var), outer to inner
    nc: int
    dims: dict[str, int]
    M: dict[str, int] = field(default_factory=dict)
    U: dict[str, int] = field(default_factory=dict)
    Me: dict[str, int] = field(default_factory=dict)
    Ue: dict[str, int] = field(default_factory=dict)
    ne: int = 1
    primary: int = 0


#: Levels built so far, shared by the structures that have the same level (a Level is never modified once built):
#: (directives, clusters, dimensions, compat, GEMM) -> Level. At most ``_LEVELS_MAX`` entries (emptied when full),
#: about 2 kB each, so at most about 32 MB beyond the levels cached structures hold anyway.
_LEVELS: dict[tuple, Level] = {}
_LEVELS_MAX = 1 << 14


@dataclass
class Node:
    """The compiled analysis of one level for one tile: kept cases as arrays plus hardware-independent totals.

    Per kept case (after merging identical ones): ``occ``, ``ingress`` (input + filter elements), ``egress``,
    ``all_init``, and either ``psums`` (innermost level) or ``sub_a``/``sub_b`` (indices of the child nodes whose
    max runtime is the case's compute delay). An innermost node may be shared between structures (:data:`_LEAVES`):
    never modified once built.
    """

    level: int
    innermost: bool
    occ: np.ndarray
    ingress: np.ndarray
    egress: np.ndarray
    all_init: np.ndarray
    psums: np.ndarray
    sub_a: np.ndarray
    sub_b: np.ndarray
    macs: int
    l1_req: int               # reported L1 requirement of the first innermost analysis below (elements)
    req_l2: dict[str, int]    # level L2 requirement per tensor (elements, doubled)
    counts: dict[str, int]    # "<tensor>_<l1|l2>_<read|write>" (elements)
    first_ingress: int = 0


#: Innermost-level nodes analysed so far, shared by the structures that analyse the same level (the same interned
#: :class:`Level` object) for the same tile, tensors and ``compat`` (a Node is never modified once built):
#: (id of the level, level index, :data:`_TENSOR_IDS` number of (tensors, compat), tile) -> (level, node). At most
#: ``_LEAVES_MAX`` entries (emptied when full) of 1-3 kB, so at most about 50 MB beyond the nodes cached structures
#: hold anyway.
_LEAVES: dict[tuple, tuple[Level, Node]] = {}
_LEAVES_MAX = 1 << 14


@dataclass
class Structure:
    """A compiled mapping: nodes in evaluation order (children first); the last node is level 0."""

    nodes: list[Node]
    num_pes: int
    levels: list[Level]

    @property
    def top(self) -> Node:
        return self.nodes[-1]

    def nbytes(self) -> int:
        """Approximate memory the structure holds, in bytes: every object it owns measured with
        :func:`sys.getsizeof` (numpy arrays with their data; ints other than the interpreter's shared -5..256),
        plus :data:`ONEPOINT_BYTES_PER_CASE` per case for the flattened copy the one-point path may attach
        (:func:`npu_dse.cost_models.maestro.onepoint._flat`). Against ``tracemalloc`` on dla and eye structures
        the part without that copy is 0-2 % above the true size. Takes about 20 us."""
        size = sys.getsizeof
        n = size(self) + size(self.__dict__) + size(self.nodes) + size(self.levels)
        # an instance __dict__ shares its keys with the class's other instances, so its getsizeof varies with them:
        # measured every time; the rest of a level or node never changes (it is never modified once built), so
        # that of one shared between structures is measured once (_FIXED_BYTES)
        for lv in self.levels:
            n += size(lv.__dict__) + _fixed_bytes(lv, _level_bytes)
        for nd in self.nodes:
            n += size(nd.__dict__) + (_fixed_bytes(nd, _node_bytes) if nd.innermost else _node_bytes(nd))
        return n


def _level_bytes(lv: Level) -> int:
    """:meth:`Structure.nbytes` of a level, without its ``__dict__``."""
    size = sys.getsizeof
    n = size(lv) + size(lv.dirs) + sum(size(d) for d in lv.dirs)
    for table in (lv.M, lv.U, lv.Me, lv.Ue, lv.dims):
        n += size(table) + _ints_bytes(table.values())
    return n


def _node_bytes(nd: Node) -> int:
    """:meth:`Structure.nbytes` of a node, without its ``__dict__``, with its part of the one-point copy."""
    size = sys.getsizeof
    n = size(nd) + size(nd.counts) + size(nd.req_l2)
    n += _ints_bytes(nd.counts.values()) + _ints_bytes(nd.req_l2.values()) + 3 * _INT_BYTES
    n += sum(size(a) for a in (nd.occ, nd.ingress, nd.egress, nd.all_init, nd.psums, nd.sub_a, nd.sub_b))
    return n + ONEPOINT_BYTES_PER_CASE * nd.occ.size


#: id -> (level or innermost node, its :func:`_level_bytes` or :func:`_node_bytes`): objects structures share,
#: measured once (holding the object keeps its id from being reused). At most ``_LEVELS_MAX + _LEAVES_MAX``
#: entries (emptied when full).
_FIXED_BYTES: dict[int, tuple[object, int]] = {}


def _fixed_bytes(obj, measure) -> int:
    """``measure(obj)``, remembered for ``obj``."""
    hit = _FIXED_BYTES.get(id(obj))
    if hit is not None:
        return hit[1]
    n = measure(obj)
    if len(_FIXED_BYTES) >= _LEVELS_MAX + _LEAVES_MAX:
        _FIXED_BYTES.clear()
    _FIXED_BYTES[id(obj)] = (obj, n)
    return n


class _ProblemInfo:
    """What a compilation needs of (problem, compat) beyond the directives, computed once per pair
    (:data:`_PROBLEMS`): the tensors, the variables they index, the overlapping pairs, the initial dimensions, the
    strides and a small int standing for (tensors, compat) in the keys of :data:`_LEAVES`. Never modified."""

    def __init__(self, problem: Problem, compat: bool):
        self.tin, self.tw, self.tout = problem.tensors(compat)
        self.in_vars = sorted(set(self.tin) | set(self.tw))
        self.in_set = frozenset(self.in_vars)
        # dimensions the layer lists that no tensor has (a DSCONV's K): MAESTRO's directives on one iterate over it,
        # multiplying the MACs (ALGORITHM.md §7.4: psum volume), and are never unrolled (§4.2c)
        out_set = set(self.tout)
        self.free = tuple(v for v, _ in problem.dims if v not in self.in_set and v not in out_set)
        self.overlap = problem.overlap
        self.dim_map = problem.dim_map
        d = dict(problem.dims)
        for ref, sl in self.overlap.items():
            if ref in d and sl in d and ref + "'" not in d:
                d[ref + "'"] = d[ref] - d[sl] + 1
            elif ref + "'" in d and sl in d and ref not in d:
                d[ref] = d[ref + "'"] + d[sl] - 1
        self.dims0 = d
        self.strides = {"Y": problem.stride_y, "X": problem.stride_x}
        self.tensor_id = _TENSOR_IDS.setdefault((self.tin, self.tw, self.tout, compat), len(_TENSOR_IDS))


#: (problem, compat) -> :class:`_ProblemInfo`; at most ``_PROBLEMS_MAX`` entries (emptied when full).
_PROBLEMS: dict[tuple[Problem, bool], _ProblemInfo] = {}
_PROBLEMS_MAX = 4096
#: (tensors, compat) -> a small int, for the keys of :data:`_LEAVES` (a handful of entries, never emptied).
_TENSOR_IDS: dict[tuple, int] = {}


class _Compiler:
    def __init__(self, problem: Problem, directives: list, num_pes: int, compat: bool):
        self.p = problem
        self.compat = compat
        self.num_pes = num_pes
        info = _PROBLEMS.get((problem, compat))
        if info is None:
            info = _ProblemInfo(problem, compat)
            if len(_PROBLEMS) >= _PROBLEMS_MAX:
                _PROBLEMS.clear()
            _PROBLEMS[problem, compat] = info
        self.info = info
        self.tin, self.tw, self.tout = info.tin, info.tw, info.tout
        self.in_vars = info.in_vars
        self.overlap = info.overlap
        self.levels = self._build_levels(directives)
        self.nodes: list[Node] = []
        self.memo: dict = {}

    # ------------------------------------------------------------------ levels (§3, §4, §5)
    def _dims0(self) -> dict[str, int]:
        """The layer's dimensions with the overlapping ones completed (``Y'`` from Y and R, or Y from ``Y'``)."""
        return dict(self.info.dims0)

    def _stride(self, v: str) -> int:
        return self.info.strides.get(v, 1)

    def _build_levels(self, directives: list) -> list[Level]:
        clusters = [d for d in directives if isinstance(d, int)]
        U = math.prod(clusters) if clusters else 1
        if U > self.num_pes:
            raise DataflowError(f"cluster sizes {clusters} need {U} PEs per top-level cluster, but the hardware has "
                                f"{self.num_pes} PEs (MAESTRO divides by zero here)")
        groups: list[list[ResolvedMap]] = [[]]
        for d in directives:
            if isinstance(d, int):
                groups.append([])
            else:
                groups[-1].append(d)
        nc = [self.num_pes // U if clusters else self.num_pes] + clusters
        dims = full = self.info.dims0  # neither is modified
        dim_map = self.info.dim_map
        in_vars, in_set = self.in_vars, self.info.in_set
        levels: list[Level] = []
        prev: list | None = None
        for li, group in enumerate(groups):
            lst = [[d.spatial, d.size, d.offset, d.dim, d.text] for d in group]
            # a. output-centric -> input-centric
            bad = input_centric(lst, self.overlap)
            if bad is not None:
                raise DataflowError(f"directive '{bad[0][4]}' at cluster level {li}: a {bad[1]} map needs a "
                                    f"{bad[2]} directive in the same level (MAESTRO reads garbage otherwise)")
            # a TemporalMap on a size-1 dimension no tensor has (``TemporalMap(1,1) K`` on a DSCONV whose
            # Dimensions list K: 1) iterates once and moves nothing, so it is dropped, except where MAESTRO's own
            # numbers are asked for without Cluster levels: there an over-sized one (``TemporalMap(4,1) K``) skips
            # every case as MAESTRO's does (ALGORITHM.md §13); with Cluster levels MAESTRO exits on any K directive
            if clusters or not self.compat:
                lst = [x for x in lst if x[3] in in_set or x[0] or dim_map.get(x[3]) != 1]
            for x in lst:
                if x[3] in in_set:
                    continue
                free = self.info.free
                if x[3] not in free:
                    raise DataflowError(f"directive '{x[4]}' at cluster level {li}: dimension {x[3]} is not a "
                                        f"dimension of this {self.p.layer_type} layer; allowed: "
                                        f"{', '.join(sorted(in_vars + list(free)))}")
                if clusters:
                    raise DataflowError(f"directive '{x[4]}' at cluster level {li}: no tensor of a "
                                        f"{self.p.layer_type} layer has {x[3]}, and MAESTRO exits on a directive on "
                                        f"it in a dataflow with Cluster levels; allowed there: {', '.join(in_vars)}")
            present = {x[3] for x in lst}  # the variables lst has a directive on
            # b. inherit from the level above
            if prev is not None:
                for u in prev:
                    if u[3] not in present:
                        lst.insert(0, [False, u[1], u[2], u[3], f"inherited {u[3]}"])
                        present.add(u[3])
            # c. unroll the rest
            for v in in_vars:
                if v in dims and v not in present:
                    lst.append([False, dims[v], dims[v], v, f"unrolled {v}"])
                    present.add(v)
            # d. stride adjustment
            for x in lst:
                v = x[3]
                if v in self.overlap and self._stride(v) != 1:
                    sigma, rf = self._stride(v), full[self.overlap[v]]
                    if x[1] >= rf:
                        out = cdiv(x[1] + sigma - rf, sigma)
                        x[1] = out * min(sigma, rf) + max(rf - sigma, 0)
                        x[2] = out * sigma
                        if li != 0 and rf < sigma:
                            x[2] = out * rf
            # correction (§14.5): clip an over-sized tile to its dimension; its offset too, when that does not
            # fit either (one iteration covers the dimension: TemporalMap(64,64) C with C = 8 is (8,8))
            if not self.compat:
                for x in lst:
                    D = dims[x[3]]
                    if D < x[1]:
                        x[1] = D
                        x[2] = min(x[2], D)
            dirs = tuple((bool(x[0]), int(x[1]), int(x[2]), x[3]) for x in lst)
            key = (dirs, nc[li], tuple(dims.items()), self.compat, self.p.layer_type == "GEMM")
            lv = _LEVELS.get(key)
            if lv is None:
                lv = Level(dirs=list(dirs), nc=nc[li], dims={v: dims[v] for v in dims})
                self._tables(lv)
                if len(_LEVELS) >= _LEVELS_MAX:
                    _LEVELS.clear()
                _LEVELS[key] = lv
            levels.append(lv)
            prev = lst
            # dims of the next level: per variable, the size of its (first) directive, at most the dimension
            first: dict[str, list] = {}
            for x in lst:
                first.setdefault(x[3], x)
            dims = {v: min(first[v][1], dims[v]) for v in in_vars if v in dims}
        return levels

    def _tables(self, lv: Level) -> None:
        for sp, m, o, v in lv.dirs:
            D = lv.dims[v]
            s = max(0, cdiv(D - m, o))
            has_edge = (s * o + m < D) or (m > D)
            lv.M[v] = m
            u = min(m, o)
            if not sp and D <= m:
                u = 0
            lv.U[v] = u
            e = D - (s + 1) * o
            if e < 0:
                e = D
            lv.Me[v] = e if has_edge else m
            lv.Ue[v] = max(o - (m - e), 0)
        for ref, sl in self.overlap.items():
            d = next((x for x in lv.dirs if x[3] == ref), None)
            if d is None or sl not in lv.M:
                continue
            pr = ref + "'"
            lv.M[pr] = lv.M[ref] - lv.M[sl] + 1
            lv.U[pr] = min(d[2], d[1])
            lv.Me[pr] = lv.Me[ref] - lv.Me[sl] + 1
            lv.Ue[pr] = min(d[2], lv.Me[pr])
            if not self.compat:
                # correction: an input tile narrower than the window holds no output (MAESTRO's count goes
                # negative there and with it access counts and energy; issue 18)
                for table in (lv.M, lv.U, lv.Me, lv.Ue):
                    table[pr] = max(table[pr], 0)
        sps = [i for i, d in enumerate(lv.dirs) if d[0]]
        lv.primary = sps[0]
        _, m, o, v = lv.dirs[lv.primary]
        D, n = lv.dims[v], lv.nc
        full = o * (n - 1) + m
        if D > full:
            s = cdiv(cdiv(D - m, o) + 1, n) - 1
            rem = D - (s + 1) * o * n
            ne = 1 if rem < m else cdiv(rem - m, o) + 1
        elif D > m:
            ne = cdiv(D - m, o) + 1
            if o * (ne - 1) + m < D:
                ne += 1
        else:
            ne = 1
        if D <= m:
            ne = 1
        lv.ne = ne

    # ------------------------------------------------------------------ states (§6.1, §6.2)
    @staticmethod
    def _states(sp: bool, m: int, o: int, Dv: int, k: int) -> list[tuple]:
        # state: (position, occ, unrolled, init_edge, eep)
        if not sp:
            st = [(INIT, 1, Dv <= m, Dv < m, False)]
            n = cdiv(Dv - m, o)
            if m < Dv and n > 0:
                st.append((STEADY, n, False, False, False))
            if Dv >= m and n * o + m < Dv:
                st.append((EDGE, 1, False, False, False))
            return st
        cov = m + o * (k - 1)
        st = [(INIT, 1, Dv <= cov, Dv < cov, Dv < cov)]
        n = cdiv(cdiv(Dv - m, o) + 1, k) - 1
        if cov < Dv and n > 0:
            st.append((STEADY, n, False, False, False))
        if Dv > cov and (n + 1) * o * k + cov > Dv and n * o * k + cov != Dv:
            rem = Dv - (n + 1) * o * k
            act = 1 if rem < m else cdiv(rem - m, o) + 1
            st.append((EDGE, 1, False, False, (act - 1) * o + m < rem))
        return st

    # ------------------------------------------------------------------ analysis (§6.3)
    def _sub(self, li: int, tile: tuple[tuple[str, int], ...]) -> int:
        """The node index of level ``li`` analysed for ``tile`` (``(variable, extent)`` pairs sorted by variable)."""
        hit = self.memo.get((li, tile))
        return hit if hit is not None else self.analyze(li, dict(tile), tile)

    def analyze(self, li: int, D: dict[str, int], tile: "tuple | None" = None) -> int:
        """The node index of level ``li`` analysed for the tile ``D`` (``tile``: its items sorted, if known)."""
        key = (li, tuple(sorted(D.items())) if tile is None else tile)
        if key in self.memo:
            return self.memo[key]
        lv = self.levels[li]
        innermost = li == len(self.levels) - 1
        if innermost:
            leaf_key = (id(lv), li, self.info.tensor_id, key[1])
            hit = _LEAVES.get(leaf_key)
            if hit is not None and hit[0] is lv:
                self.nodes.append(hit[1])
                self.memo[key] = len(self.nodes) - 1
                return self.memo[key]
        states = [self._states(sp, m, o, D[v], lv.nc) for sp, m, o, v in lv.dirs]
        ctx = LevelCtx(lv, self.overlap, self.tin, self.tw, self.tout, self.compat, states)
        occs = ctx.occurrences
        req_l2 = {"input": 0, "filter": 0, "output": 0}
        req_l1 = {"input": 0, "filter": 0, "output": 0}
        counts = dict.fromkeys(_COUNT_KEYS, 0)
        macs = l2_read_in = l2_read_w = 0
        first_done = False
        first_child = None
        first_ingress = 0
        merged: dict[tuple, int] = {}
        egress, mac_map, critical_psums = ctx.egress, ctx.mac_map, ctx.critical_psums
        ingress, tile, sub = ctx.ingress, ctx.tile, self._sub
        peep, codes = ctx.sub_keys() if not innermost else (None, None)
        subs_of: dict[tuple[int, bool], tuple[int, int]] = {}  # (tile number, primary eep) -> sub-cluster nodes
        for idx, js, lex in _case_order(tuple(ctx.lens)):
            if not first_done:
                it_in = ingress(0, idx, js)
                it_w = ingress(1, idx, js)
                for k, (t, vars_) in enumerate((("input", self.tin), ("filter", self.tw))):
                    req_l2[t] += 2 * (it_w if k else it_in)
                    req_l1[t] += 2 * math.prod(lv.M[v] for v in vars_ if v in lv.M)
                    counts[_L2_WRITE[k]] = math.prod(D.get(v, 1) for v in vars_)
                req_l2["output"] = 2 * egress[lex]
                req_l1["output"] = 2 * math.prod(lv.M[v] for v in self.tout if v in lv.M)
                outsz = 1
                for v in self.tout:
                    if v in self.overlap:
                        outsz *= D[v] - D[self.overlap[v]] + 1
                    else:
                        outsz *= D.get(v, 1)
                counts["output_l2_read"] = outsz
            PS = critical_psums[lex]
            if PS <= 0:
                continue  # a case without partial sums moves no input or filter data (its outputs count below)
            occ = occs[lex]
            E = egress[lex]
            if first_done:  # (else computed above)
                it_in = ingress(0, idx, js)
                it_w = ingress(1, idx, js)
            ing = it_in + it_w
            l2_read_in += occ * it_in
            l2_read_w += occ * it_w
            all_init = js == -1
            if innermost:
                key_c = (ing, E, all_init, PS, -1, -1)
            else:
                key_s = (codes[lex], peep[lex])
                subs = subs_of.get(key_s)
                if subs is None:  # the sub-cluster nodes of the first case with this tile key
                    if key_s[1]:
                        a = sub(li + 1, tile(idx, True))
                        subs = (a, sub(li + 1, tile(idx, False)) if lv.ne - 1 > 0 else a)
                    else:
                        a = sub(li + 1, tile(idx, False))
                        subs = (a, a)
                    subs_of[key_s] = subs
                if first_child is None:
                    first_child = subs[0]
                key_c = (ing, E, all_init, 0, subs[0], subs[1])
            if not first_done:
                first_ingress = ing
            merged[key_c] = merged.get(key_c, 0) + occ
            macs += occ * mac_map[lex]
            first_done = True
        # every case's outputs; the L1 reads of input and filter are one per MAC of the cases with partial sums
        counts["input_l1_read"] = counts["filter_l1_read"] = macs
        counts["input_l1_write"] = counts["input_l2_read"] = l2_read_in
        counts["filter_l1_write"] = counts["filter_l2_read"] = l2_read_w
        counts["output_l1_read"] = counts["output_l1_write"] = sum(map(operator.mul, occs, mac_map))
        counts["output_l2_write"] = sum(map(operator.mul, occs, egress))
        keys = list(merged)
        arr = lambda i, dt=np.float64: np.array([k[i] for k in keys], dtype=dt)  # noqa: E731
        if first_child is not None:
            l1_req = self.nodes[first_child].l1_req
        else:
            l1_req = req_l1["input"] + req_l1["filter"] + req_l1["output"]
        node = Node(level=li, innermost=innermost, occ=arr_occ(merged), ingress=arr(0), egress=arr(1),
                    all_init=np.array([k[2] for k in keys], dtype=bool), psums=arr(3),
                    sub_a=np.array([k[4] for k in keys], dtype=np.int64),
                    sub_b=np.array([k[5] for k in keys], dtype=np.int64),
                    macs=macs, l1_req=l1_req, req_l2=req_l2, counts=counts, first_ingress=first_ingress)
        if innermost:
            if len(_LEAVES) >= _LEAVES_MAX:
                _LEAVES.clear()
            _LEAVES[leaf_key] = (lv, node)
        self.nodes.append(node)
        self.memo[key] = len(self.nodes) - 1
        return self.memo[key]


@functools.lru_cache(maxsize=4096)
def _case_order(lens: tuple[int, ...]) -> tuple[tuple[tuple[int, ...], int, int], ...]:
    """MAESTRO's order of the iteration cases of a level whose directives have ``lens`` states each: per case the
    state indices, ``j*`` (the last directive not in its Init state, -1: none; Init is state 0) and the case's
    lexicographic number (:class:`.traffic.LevelCtx`). Cached per ``lens`` (at most 4,096 entries of at most
    ``prod(lens)`` cases each)."""
    n = len(lens)
    total = math.prod(lens)
    freq = [math.prod(lens[j + 1:]) for j in range(n)]
    ctr = [0] * n
    out = []
    for c in range(total):
        idx = tuple(ctr)
        out.append((idx, max((j for j, i in enumerate(idx) if i), default=-1), sum(map(operator.mul, idx, freq))))
        for j in range(n):
            if c % freq[j] == 0:
                ctr[j] = (ctr[j] + 1) % lens[j]
    return tuple(out)


def arr_occ(merged: dict) -> np.ndarray:
    return np.array(list(merged.values()), dtype=np.float64)


def compile_structure(problem: Problem, directives: list, num_pes: int, compat: bool = True) -> Structure:
    """Compile a mapping (resolved directives, see :meth:`npu_dse.cost_models.dataflow.Dataflow.resolve`) for
    ``num_pes``.

    Raises:
        DataflowError: more PEs per cluster than the hardware has, a directive on a dimension the layer type does
            not have, ``Y'``/``X'`` without R/S in the level, or (``compat=True`` only) an unrolled TemporalMap that
            would have to iterate (the conditions on which MAESTRO crashes or exits, ALGORITHM.md §13).
    """
    comp = _Compiler(problem, directives, int(num_pes), compat)
    d0 = comp._dims0()
    free = {d[3] for d in comp.levels[0].dirs} & set(comp.info.free)  # a DSCONV's K, where a directive maps it
    comp.analyze(0, {v: d0[v] for v in comp.in_vars if v in d0} | {k: v for k, v in d0.items() if k.endswith("'")}
                 | {v: d0[v] for v in free})
    return Structure(nodes=comp.nodes, num_pes=int(num_pes), levels=comp.levels)
