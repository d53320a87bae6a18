"""Evaluate the compiled structures of many groups of hardware points in one pass (issue 18).

:func:`npu_dse.cost_models.maestro.analyze_layer` splits a batch of points into groups that share a structure
(same PE count and template constants); :func:`.evaluate.runtime_cycles` evaluates one structure for one group.
With many small groups (``dla``: 12 PE counts x 12 KTileSz values = 144 groups) numpy's per-call overhead over the
groups and their nodes dominated. Here the structures of all groups are stacked (:class:`Stack`, built once per
set of groups and cached) and evaluated together: the nodes of every structure are sorted into rounds by height
above the innermost level (children before parents), and each round is one set of flat numpy operations over
every (case, point) pair of its nodes, each point reading its own group's cases.

Every per-pair value is computed by the same float64 expression as in :func:`.evaluate.runtime_cycles`, so it has
the same bits. Only the sums ``occ @ out_d`` are formed in another order; their terms are integer-valued floats,
so while every term is >= 0 and every sum below 2**53 each partial sum is exact and the order does not matter.
Where that cannot be promised (a negative term, a sum at or above 2**53, inf or nan) :func:`runtime_cycles_stacked`
returns None and the caller evaluates group by group.
"""

from __future__ import annotations

import random
import sys
import threading
from dataclasses import dataclass

import numpy as np

from npu_dse.cost_models.maestro.structure import Structure

_EXACT = float(2 ** 53)  # below it, sums of non-negative integer-valued float64 terms are exact in any order
#: The stack cache: (problem, dataflow id, constant names, compat, group keys) -> Stack, at most
#: ``_STACKS_MAX_BYTES`` bytes as estimated by :attr:`Stack.nbytes` (a ResNet-50 dla stack of 144 groups takes
#: about 100 kB). Random eviction, as the structure cache (a cyclic sweep keeps a hit rate of about capacity over
#: working set). Results never depend on it, only speed does.
_STACKS: dict[tuple, "Stack | None"] = {}
_STACK_KEYS: list[tuple] = []
_STACK_NBYTES: dict[tuple, int] = {}
_STACKS_MAX_BYTES = 64 << 20
_STACKS_BYTES = [0]
_EVICT = random.Random(0)
_LOCK = threading.Lock()  # one thread at a time evicts and inserts
_ENTRY_BYTES = 400  # key tuple, dict slot, key-list slot, size record (bytes)


@dataclass
class Round:
    """The cases of every node of one height, in the order of their nodes (top-level nodes last).

    Per case, shape (C,): ``ing``, ``eg`` (elements), ``ing_neg``, ``eg_neg`` (not ``> 0``), ``all_init``, ``occ``,
    ``psums`` (innermost round; else None), ``sub_a``, ``sub_b`` (global node numbers of the children whose max
    runtime is the compute delay; None in the innermost round), ``peak_num`` (``max(ing, eg)``), ``node`` (global
    node number), ``group``. ``n_top`` cases at the end belong to top-level nodes; ``nodes`` is the range of
    global node numbers of the round. Shortcuts: ``init_cases`` the indices of the all-Init cases (None: every
    case is), ``unit_occ`` every ``occ`` is 1, ``single`` every node of the round has exactly one case,
    ``same_sub`` every ``sub_a`` is its ``sub_b``, ``tops`` the round's nodes are the level-0 nodes of every group
    in group order (their runtime slots are then the points' own positions).
    """

    ing: np.ndarray
    eg: np.ndarray
    ing_neg: np.ndarray
    eg_neg: np.ndarray
    all_init: np.ndarray
    occ: np.ndarray
    psums: "np.ndarray | None"
    sub_a: "np.ndarray | None"
    sub_b: "np.ndarray | None"
    peak_num: np.ndarray
    node: np.ndarray
    group: np.ndarray
    n_top: int
    nodes: tuple[int, int]
    init_cases: "np.ndarray | None"
    unit_occ: bool
    single: bool
    same_sub: bool
    tops: bool


@dataclass
class Stack:
    """The structures of ``G`` groups stacked for :func:`runtime_cycles_stacked`.

    ``rounds`` by height; ``node_group`` (U,) the group of every node, numbered round by round; ``top_node`` (G,)
    each group's level-0 node; ``req_in``, ``req_out`` (G,) its L2 requirement in elements (input + filter,
    output); ``peak_init`` (G,) 0 for a level 0 without cases, else -inf; ``static`` (S, G) the groups' static
    vectors as columns; ``nbytes`` the arrays' size in bytes.
    """

    rounds: list[Round]
    node_group: np.ndarray
    top_node: np.ndarray
    req_in: np.ndarray
    req_out: np.ndarray
    peak_init: np.ndarray
    static: np.ndarray
    nbytes: int


def clear_stacks() -> None:
    """Forget every cached :class:`Stack`."""
    with _LOCK:
        _STACKS.clear()
        _STACK_KEYS.clear()
        _STACK_NBYTES.clear()
        _STACKS_BYTES[0] = 0


def cached_stack(key: tuple) -> "tuple[bool, Stack | None]":
    """(found, stack) for a key of the stack cache; a found None is a set of structures that cannot be stacked."""
    hit = _STACKS.get(key, _STACKS)  # _STACKS itself: absent (a stored None is a found "not stackable")
    return (False, None) if hit is _STACKS else (True, hit)


def remember_stack(key: tuple, stack: "Stack | None") -> None:
    """Keep ``stack`` (or None: not stackable) under ``key``, evicting random entries beyond the byte bound."""
    nbytes = (stack.nbytes if stack is not None else 0) + _ENTRY_BYTES
    if nbytes > _STACKS_MAX_BYTES:
        return
    with _LOCK:
        if key in _STACKS:
            return
        while _STACK_KEYS and _STACKS_BYTES[0] + nbytes > _STACKS_MAX_BYTES:
            i = _EVICT.randrange(len(_STACK_KEYS))
            victim = _STACK_KEYS[i]
            _STACK_KEYS[i] = _STACK_KEYS[-1]
            _STACK_KEYS.pop()
            del _STACKS[victim]
            _STACKS_BYTES[0] -= _STACK_NBYTES.pop(victim)
        _STACKS[key] = stack
        _STACK_KEYS.append(key)
        _STACK_NBYTES[key] = nbytes
        _STACKS_BYTES[0] += nbytes


def build_stack(structures: list[Structure], statics: list[np.ndarray]) -> "Stack | None":
    """Stack the structures of ``G`` groups (and their static vectors, shape (S,) each), or None when a level-0
    L2 requirement reaches 2**53 (its conversion to float64 could then round differently)."""
    entries = []  # (height, top, group, index in its structure, node)
    for g, st in enumerate(structures):
        depth = len(st.levels)
        last = len(st.nodes) - 1
        for k, nd in enumerate(st.nodes):
            if nd.innermost != (nd.level == depth - 1):
                return None
            entries.append((depth - 1 - nd.level, k == last, g, k, nd))
    entries.sort(key=lambda e: e[:4])
    number = {(e[2], e[3]): u for u, e in enumerate(entries)}
    G = len(structures)
    top_node = np.array([number[(g, len(st.nodes) - 1)] for g, st in enumerate(structures)], dtype=np.int64)
    req_in, req_out = [], []
    for st in structures:
        req = st.top.req_l2
        r_in, r_out = req["input"] + req["filter"], req["output"]
        if max(abs(r_in), abs(r_out)) >= 2 ** 53:
            return None
        req_in.append(float(r_in))
        req_out.append(float(r_out))
    rounds = []
    u0 = 0
    heights = [e[0] for e in entries]
    while u0 < len(entries):
        h = heights[u0]
        u1 = u0
        while u1 < len(entries) and heights[u1] == h:
            u1 += 1
        part = entries[u0:u1]
        nodes = [e[4] for e in part]
        sizes = [nd.occ.size for nd in nodes]
        cat = lambda name: np.concatenate([getattr(nd, name) for nd in nodes])  # noqa: E731
        ing, eg, all_init, occ = cat("ingress"), cat("egress"), cat("all_init"), cat("occ")
        inner = h == 0
        if inner:
            subs = (None, None)
        else:
            subs = tuple(np.concatenate([np.array([number[(e[2], int(j))] for j in getattr(e[4], name)],
                                                  dtype=np.int64) for e in part])
                         for name in ("sub_a", "sub_b"))
        rounds.append(Round(
            ing=ing, eg=eg, ing_neg=~(ing > 0), eg_neg=~(eg > 0), all_init=all_init, occ=occ,
            psums=cat("psums") if inner else None, sub_a=subs[0], sub_b=subs[1], peak_num=np.maximum(ing, eg),
            node=np.repeat(np.arange(u0, u1, dtype=np.int64), sizes),
            group=np.repeat(np.array([e[2] for e in part], dtype=np.int64), sizes),
            n_top=sum(s for s, e in zip(sizes, part) if e[1]), nodes=(u0, u1),
            init_cases=None if all_init.all() else np.flatnonzero(all_init), unit_occ=bool((occ == 1).all()),
            single=all(k == 1 for k in sizes), same_sub=inner or bool((subs[0] == subs[1]).all()),
            tops=[(e[1], e[2]) for e in part] == [(True, g) for g in range(G)]))
        u0 = u1
    node_group = np.array([e[2] for e in entries], dtype=np.int64)
    peak_init = np.array([0.0 if st.top.occ.size == 0 else -np.inf for st in structures])
    static = np.ascontiguousarray(np.stack(statics, axis=1)) if G else np.empty((0, 0))
    arrays = [node_group, top_node, peak_init, static] + [a for r in rounds for a in vars(r).values()
                                                           if isinstance(a, np.ndarray)]
    nbytes = sum(sys.getsizeof(a) for a in arrays) + 2 * 8 * G + 200 * len(rounds)
    return Stack(rounds=rounds, node_group=node_group, top_node=top_node, req_in=np.array(req_in),
                 req_out=np.array(req_out), peak_init=peak_init, static=static, nbytes=nbytes)


class _Scratch(threading.local):
    """Per-thread work arrays of :func:`runtime_cycles_stacked`, reused between calls (fresh arrays of this size
    cost page faults on every call): ``f`` float64 shape (_NF, size), ``steps`` = ``arange(size)``. A call needing
    more than :data:`_SCRATCH_MAX` elements gets arrays of its own, not kept."""

    size = 0
    f: np.ndarray
    steps: np.ndarray

    def get(self, m: int) -> "_Scratch":
        if m <= self.size:
            return self
        fresh = _Scratch() if m > _SCRATCH_MAX else self
        fresh.size = m if m > _SCRATCH_MAX else min(max(m, 2 * self.size, 1 << 12), _SCRATCH_MAX)
        fresh.f = np.empty((_NF, fresh.size))
        fresh.steps = np.arange(fresh.size, dtype=np.int64)
        return fresh


_SCRATCH = _Scratch()
_SCRATCH_MAX = 1 << 18  # elements: at most 7 float64 and 1 int64 work arrays of 2 MiB each per thread
_NF = 7  # bandwidth, latency, zero cost, compute delay, case delay, spare (SIMD lanes, 2nd child), node runtimes


def runtime_cycles_stacked(stack: Stack, counts: np.ndarray, noc_bw: np.ndarray, offchip_bw: np.ndarray,
                           latency: np.ndarray, simd: np.ndarray, compat: bool
                           ) -> "tuple[np.ndarray, np.ndarray] | None":
    """:func:`.evaluate.runtime_cycles` for every group of a stack at once, or None where the result could differ
    from it in a bit (the caller then evaluates group by group).

    Args:
        stack: the groups' structures.
        counts: points per group, int64 shape (G,), each >= 1; the points are sorted by group: group ``g`` holds
            points ``sum(counts[:g])`` to ``sum(counts[:g + 1]) - 1``.
        noc_bw, offchip_bw: elements/cycle, float64 shape (n,), in that order.
        latency: NoC head latency in cycles, float64 shape (n,).
        simd: SIMD lanes, float64 shape (n,).
        compat: as :func:`.evaluate.runtime_cycles`.

    Returns:
        (runtime in cycles, peak NoC BW requirement of level 0 in elements/cycle), float64 shape (n,), in the
        points' order; or None.
    """
    n = noc_bw.shape[0]
    starts = np.cumsum(counts) - counts
    node_n = counts[stack.node_group]
    node_end = np.cumsum(node_n)
    node_base = node_end - node_n - starts[stack.node_group]  # runtime slot of (node, point) = point + base
    slots = int(node_end[-1]) if node_end.size else 0
    pairs = max((int(counts[r.group].sum()) for r in stack.rounds), default=0)
    ws = _SCRATCH.get(max(pairs, slots))
    rt = ws.f[_NF - 1, :slots]
    peak = np.repeat(stack.peak_init, counts)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        # max(max(off_in, out_d), off_out) is max(out_d, max(off_in, off_out)) bit for bit but for nan, and a nan
        # makes out_d nan, which falls back
        offchip = np.maximum(np.floor(np.floor(np.repeat(stack.req_in, counts) / offchip_bw) / 2),
                             np.floor(np.floor(np.repeat(stack.req_out, counts) / offchip_bw) / 2))
        for rnd in stack.rounds:
            lo = int(node_end[rnd.nodes[0]] - node_n[rnd.nodes[0]])
            hi = int(node_end[rnd.nodes[1] - 1])
            part = _round(rnd, ws, rt, node_base, lo, hi - lo, counts, starts, (noc_bw, latency, simd, offchip),
                          peak, compat)
            if part is None:
                return None
            rt[lo:hi] = part
    return rt.take(np.arange(n, dtype=np.int64) + np.repeat(node_base[stack.top_node], counts)), peak


def _delay(negative: np.ndarray, volume: np.ndarray, cnt: np.ndarray, lat: np.ndarray, bw: np.ndarray, zero_cost):
    """NoC delay ``where(volume > 0, lat + ceil(volume / bw) - 1, zero_cost)`` of every (case, point) pair of a
    round (per case ``volume`` and ``negative`` = not ``volume > 0``, each repeated ``cnt`` times; per pair
    ``lat``, ``bw``); ``zero_cost`` itself where no volume is positive."""
    if negative.all():
        return zero_cost
    d = np.repeat(volume, cnt)
    d /= bw
    np.ceil(d, out=d)
    np.add(lat, d, out=d)
    d -= 1
    if negative.any():
        np.copyto(d, zero_cost, where=np.repeat(negative, cnt))
    return d


def _round(rnd: Round, ws: _Scratch, rt: np.ndarray, node_base: np.ndarray, lo: int, slots: int,
           counts: np.ndarray, starts: np.ndarray, points: tuple, peak: np.ndarray, compat: bool
           ) -> "np.ndarray | None":
    """The runtimes of the round's nodes at their groups' points (``rt[lo:lo + slots]``, shape (slots,)),
    updating ``peak`` from its top-level cases; None where they may differ from the per-group result.

    ``points`` holds the sorted points' NoC bandwidth, latency, SIMD lanes and off-chip floor of level 0 (the
    larger of input and output). The (case, point) pairs are laid out case by case, each case's points in order:
    case ``c`` holds the ``counts`` of its group, from ``sum(cnt[:c])`` on."""
    noc_bw, latency, simd, offchip = points
    cnt = counts[rnd.group]
    m = int(cnt.sum())
    if m == 0:
        return np.zeros(slots)
    f = ws.f[:, :m]
    first = np.cumsum(cnt) - cnt
    pos = np.repeat(starts[rnd.group] - first, cnt)  # each pair's point
    pos += ws.steps[:m]
    bw = noc_bw.take(pos, out=f[0], mode="clip")  # mode "clip": "raise" copies ``out`` first (indices are valid)
    lat = latency.take(pos, out=f[1], mode="clip")
    zero_cost = np.subtract(lat, 1, out=f[2]) if compat else 0.0
    d_in = _delay(rnd.ing_neg, rnd.ing, cnt, lat, bw, zero_cost)
    if rnd.psums is not None:
        comp = np.repeat(rnd.psums, cnt)
        comp /= simd.take(pos, out=f[5], mode="clip")
        np.ceil(comp, out=comp)
    else:
        at = np.repeat(node_base[rnd.sub_a], cnt)
        at += pos
        comp = rt.take(at, out=f[3], mode="clip")
        if not rnd.same_sub:  # max(x, x) is x
            at = np.repeat(node_base[rnd.sub_b], cnt)
            at += pos
            np.maximum(comp, rt.take(at, out=f[5], mode="clip"), out=comp)
    if rnd.init_cases is None:
        out_d = np.add(comp, d_in, out=f[4])
    else:
        out_d = np.maximum(d_in, comp, out=f[4])
        np.maximum(out_d, _delay(rnd.eg_neg, rnd.eg, cnt, lat, bw, zero_cost), out=out_d)
        if rnd.init_cases.size:  # the all-Init cases cost compute + ingress
            k = cnt[rnd.init_cases]
            at = np.repeat(first[rnd.init_cases] - (np.cumsum(k) - k), k)
            at += ws.steps[:at.shape[0]]
            out_d[at] = comp.take(at) + (d_in if np.ndim(d_in) == 0 else d_in.take(at))
    if rnd.n_top:  # level 0: the off-chip floor, and the peak NoC demand
        t = m - int(cnt[-rnd.n_top:].sum())
        p_top, c_top, top = pos[t:], comp[t:], out_d[t:]
        np.maximum(top, offchip.take(p_top, out=f[0, t:], mode="clip"), out=top)
        ratio = np.repeat(rnd.peak_num[-rnd.n_top:], cnt[-rnd.n_top:])
        ratio /= c_top
        np.floor(ratio, out=ratio)
        np.copyto(ratio, 0.0, where=~(c_top > 0))
        np.maximum.at(peak, p_top, ratio)
    if not rnd.unit_occ:
        out_d *= np.repeat(rnd.occ, cnt)
    if not out_d.min() >= 0.0:
        return None
    if rnd.single:  # one case per node: its pairs are the node's runtime slots, in order
        part = out_d
    elif rnd.tops:
        part = np.bincount(pos, weights=out_d, minlength=slots)
    else:
        seg = np.repeat(node_base[rnd.node] - lo, cnt)
        seg += pos
        part = np.bincount(seg, weights=out_d, minlength=slots)
    return part if part.max() < _EXACT else None
