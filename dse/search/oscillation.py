"""Strategic oscillation about the budget boundary: a local search over a design's global genes.

Under a binding budget (power, area) the best designs sit on the boundary, and the next better one is often several
genes away: fewer PEs free power that a wider NoC spends, but only once a smaller global buffer also frees some, and
each of those moves alone is worse or infeasible. A GA whose population has converged rarely makes three such
coordinated moves at once. Strategic oscillation (Glover, Decision Sciences 8(1), 1977, "Heuristics for integer
programming using surrogate constraints"; Glover & Kochenberger, "Critical event tabu search for multidimensional
knapsack problems", Meta-Heuristics 1996) crosses the boundary on purpose and comes back to it:

1. *kick*: one gene of the design takes a random other value (a numeric gene, half the time, a small step up or
   down instead: an exchange with the repair that follows), or the value the caller gives (the GA's budget-freeing
   kicks, :func:`freeing_kicks`); a *tabu* kick is not undone by the trim or the spends below;
2. *repair*, when the kick broke a budget: each other numeric gene is moved, alone, as little as the budgets need:
   lowered to the highest value at which the design meets them (bisection), or raised to the lowest (a doubling
   search, then bisection: a resource can also free budget, e.g. a larger global buffer that saves more DRAM energy
   than it leaks lowers the power), and the move that gives the lowest cost is kept;
3. *trim*: each numeric gene in turn goes to its lowest value that keeps the design feasible at no higher cost and
   no higher budget use (freeing budget that does not pay, never giving back budget a larger value saves);
4. *spend*: each numeric gene is raised, alone, to the highest value the budgets allow (bisection), and the gene
   that gives the lowest cost keeps its raise, the others trimmed again; repeated while it pays. On the boundary,
   where no raise alone pays, a gene whose one step up breaks a budget may take it with another gene moved by a few
   fine steps, down or up (an exchange), when that lowers the cost (or keeps it and uses less budget: a sideways
   move). Where neither pays, two genes of few values (a PE array's rows and columns, :func:`shape_genes`) move
   together along the boundary (a reshape): for each row count, the most columns the budgets allow and a few
   fewer, since the array's cost moves in plateaus of its tile counts and the better shape is often several steps
   away in both.

Bisections assume what the cost model gives for most resources: cost does not rise and budget use does not fall as
a resource grows; the repair's raise covers the exception. Where that fails the search only loses precision: every
design it keeps was evaluated. Each evaluation counts against the search budget like any other; a design already
evaluated by an earlier oscillation of the same search (``memo``) is not evaluated again.
"""

from __future__ import annotations

import math
import random
from typing import Any, Callable, NamedTuple, Sequence

from npu_dse.cost_models.evaluator import Evaluation
from npu_dse.search.context import SearchContext
from npu_dse.search.steps import largest_step, signed_step

Key = Callable[[Evaluation], tuple[float, float]]
"""Orders evaluations, lower is better: (cost, budget use), cost ``inf`` when infeasible."""


class Step(NamedTuple):
    """A design the oscillation evaluated: one fine index per gene, its evaluation (None when it was evaluated by
    an earlier oscillation: the memo keeps keys only) and its key."""

    genes: list[int]
    ev: Evaluation | None
    fitness: tuple[float, float]


_SCAN = 16
"""A raise or lowering over fewer fine values than this tries each of them instead of bisecting."""


class _Walk:
    """The current design of one oscillation (gene indices, evaluation, key) and the evaluations it makes."""

    def __init__(self, ctx: SearchContext, to_point: Callable[[list[int]], dict[str, Any]], key: Key,
                 memo: dict[tuple[int, ...], tuple[float, float]], genes: list[int],
                 fitness: tuple[float, float]) -> None:
        self.ctx, self.to_point, self.key, self.memo = ctx, to_point, key, memo
        self.genes, self.ev, self.fitness = list(genes), None, fitness

    def at(self, k: int, i: int) -> Step:
        """The current design with gene ``k`` at fine index ``i``, evaluated (budget permitting:
        :class:`~npu_dse.search.context.BudgetExhausted` when spent)."""
        genes = list(self.genes)
        genes[k] = i
        return self.at_genes(genes)

    def at_genes(self, genes: list[int]) -> Step:
        """The design ``genes``, evaluated unless the memo knows it (as :meth:`at`)."""
        known = self.memo.get(tuple(genes))
        if known is not None:
            return Step(genes, None, known)
        ev = self.ctx.evaluate([self.to_point(genes)])[0]
        fitness = self.memo[tuple(genes)] = self.key(ev)
        return Step(genes, ev, fitness)

    def go(self, step: Step) -> None:
        self.genes, self.ev, self.fitness = list(step.genes), step.ev, step.fitness

    def lowest(self, k: int, hi: int, ok: Callable[[Step], bool]) -> Step | None:
        """The step at gene ``k``'s lowest index in [0, hi] that is ``ok`` (bisection, ``ok`` assumed to hold from
        some index up); None when ``ok`` fails at ``hi``."""
        found = self.at(k, hi)
        if not ok(found):
            return None
        lo = 0
        while lo < hi:
            mid = (lo + hi) // 2
            at_mid = self.at(k, mid)
            if ok(at_mid):
                hi, found = mid, at_mid
            else:
                lo = mid + 1
        return found

    def highest(self, k: int, lo: int, hi: int) -> tuple[Step, Step] | None:
        """Gene ``k``'s highest feasible index in [lo, hi] (bisection, feasibility assumed to hold up to some
        index): (the step there, the best feasible step seen on the way); None when ``lo`` is infeasible."""
        first = self.at(k, lo)
        if not math.isfinite(first.fitness[0]):
            return None
        if hi - lo < _SCAN:  # few values (PE rows or columns, whose cost is not monotone): try them all
            feasible = [first] + [s for s in (self.at(k, i) for i in range(lo + 1, hi + 1))
                                  if math.isfinite(s.fitness[0])]
            return feasible[-1], min(feasible, key=lambda s: s.fitness)
        top, best = first, first
        while lo < hi:
            mid = (lo + hi + 1) // 2
            at_mid = self.at(k, mid)
            if math.isfinite(at_mid.fitness[0]):
                lo, top = mid, at_mid
                best = min(best, at_mid, key=lambda s: s.fitness)
            else:
                hi = mid - 1
        return top, best

    def lowest_feasible_above(self, k: int, lo: int, size: int) -> Step | None:
        """Gene ``k``'s lowest feasible index in [lo, size): steps of 1, 2, 4, ... up from ``lo`` to the first
        feasible index, then a bisection back to the last infeasible one; None when none of those steps is
        feasible."""
        below, offset = lo - 1, 1
        while True:
            i = min(lo + offset - 1, size - 1)
            found = self.at(k, i)
            if math.isfinite(found.fitness[0]):
                break
            if i == size - 1:
                return None
            below, offset = i, offset * 2
        while i - below > 1:
            mid = (below + i) // 2
            at_mid = self.at(k, mid)
            if math.isfinite(at_mid.fitness[0]):
                i, found = mid, at_mid
            else:
                below = mid
        return found

    def repair(self, numeric: Sequence[int], kicked: int, sizes: Sequence[int]) -> bool:
        """Move one other numeric gene, down or up, as little as the budgets need (the move with the lowest cost);
        False when none restores feasibility."""
        fixes = []
        for j in numeric:
            if j == kicked:
                continue
            if self.genes[j] > 0:
                found = self.highest(j, 0, self.genes[j] - 1)
                if found is not None:
                    fixes.append(found[0])
            if self.genes[j] + 1 < sizes[j]:
                up = self.lowest_feasible_above(j, self.genes[j] + 1, sizes[j])
                if up is not None:
                    fixes.append(up)
        if not fixes:
            return False
        self.go(min(fixes, key=lambda s: s.fitness))
        return True

    def trim(self, k: int) -> None:
        """Gene ``k`` to its lowest fine index at which the design stays feasible at no higher cost and no higher
        budget use."""
        cost, use = self.fitness
        if self.genes[k] == 0 or not math.isfinite(cost):
            return
        found = self.lowest(k, self.genes[k] - 1, lambda s: s.fitness[0] <= cost and s.fitness[1] <= use)
        if found is not None:
            self.go(found)

    def raised(self, k: int, sizes: Sequence[int]) -> Step | None:
        """Gene ``k`` raised alone: the best feasible step among one fine step up and those of a bisection for the
        highest feasible index; None when none lowers the cost."""
        i = self.genes[k]
        if i + 1 >= sizes[k] or not self.at(k, i + 1).fitness[0] < self.fitness[0]:
            return None
        return self.highest(k, i + 1, sizes[k] - 1)[1]

    def exchanged(self, k: int, numeric: Sequence[int], sizes: Sequence[int], reach: int) -> Step | None:
        """Gene ``k`` one fine step up when that alone breaks a budget, with another numeric gene moved down or up by
        the fewest fine steps (at most ``reach``) that restore feasibility: the best move (cost, then budget use), if
        it is better than the current design (a lower cost, or the same at less budget use); else None."""
        i = self.genes[k]
        if i + 1 >= sizes[k] or math.isfinite(self.at(k, i + 1).fitness[0]):
            return None
        best = None
        for j in numeric:
            if j == k:
                continue
            for direction in (-1, 1):
                for d in range(1, reach + 1):
                    m = self.genes[j] + direction * d
                    if not 0 <= m < sizes[j]:
                        break
                    genes = list(self.genes)
                    genes[k], genes[j] = i + 1, m
                    step = self.at_genes(genes)
                    if math.isfinite(step.fitness[0]):
                        if best is None or step.fitness < best.fitness:
                            best = step
                        break
        return best if best is not None and best.fitness < self.fitness else None

    def reshaped(self, a: int, b: int, sizes: Sequence[int], band: int = 3) -> Step | None:
        """Genes ``a`` and ``b`` (each of few values: a PE array's rows and columns) moved together along the budget
        boundary: for each index of ``a``, the highest feasible index of ``b`` (bisection, feasibility assumed to
        fall as ``b`` grows) and the ``band - 1`` below it; the best such step if it is better than the current
        design (cost, then budget use), else None."""
        def at(i: int, j: int) -> Step:
            genes = list(self.genes)
            genes[a], genes[b] = i, j
            return self.at_genes(genes)

        best = None
        for i in range(sizes[a]):
            lo, hi, top = 0, sizes[b] - 1, None
            while lo <= hi:
                mid = (lo + hi) // 2
                if math.isfinite(at(i, mid).fitness[0]):
                    top, lo = mid, mid + 1
                else:
                    hi = mid - 1
            if top is None:
                continue
            for j in range(top, max(top - band, -1), -1):
                step = at(i, j)
                if math.isfinite(step.fitness[0]) and (best is None or step.fitness < best.fitness):
                    best = step
        return best if best is not None and best.fitness < self.fitness else None


def oscillate(ctx: SearchContext, to_point: Callable[[list[int]], dict[str, Any]], key: Key, genes: list[int],
              fitness: tuple[float, float], sizes: Sequence[int], numeric: Sequence[int], categorical: Sequence[int],
              rng: random.Random, memo: dict[tuple[int, ...], tuple[float, float]] | None = None,
              max_spends: int = 3, max_step: int = 3, kick: tuple[int, int] | None = None,
              tabu: bool = False) -> Step | None:
    """One kick, repair, trim and spend from a feasible design (module docstring).

    Args:
        ctx: the search context; every design evaluated here is recorded and counts against its budget.
        to_point: gene indices -> design point.
        key: orders evaluations (lower is better; cost ``inf`` when infeasible).
        genes: the start design, one fine index per gene; ``fitness`` its key.
        sizes: number of fine values of each gene.
        numeric: the genes the oscillation may kick, lower and raise (fine index order = resource order).
        categorical: the genes a kick may also set to another value.
        rng: draws the kick.
        memo: designs already evaluated (gene indices -> key), read and extended; one per search.
        max_spends: most spend rounds.
        max_step: a kick's smallest largest step, in fine steps (:func:`~npu_dse.search.steps.signed_step`).
        kick: the kick as (gene, fine index) instead of a random one (e.g. one of :func:`freeing_kicks`).
        tabu: the kick is not undone: a gene kicked down is not raised by a spend, a gene kicked up is not trimmed
            (Glover's tabu on the reverse move), so the repair and the spends go through the other genes.

    Returns:
        The step the oscillation ends on (possibly worse than the start, or infeasible when no repair restores the
        kicked design: the caller keeps the better); None when no gene has another value.

    Raises:
        BudgetExhausted: the stage budget ran out part-way (every design evaluated so far is recorded).
    """
    walk = _Walk(ctx, to_point, key, {} if memo is None else memo, genes, fitness)
    if kick is None:
        kickable = [k for k in list(numeric) + list(categorical) if sizes[k] > 1]
        if not kickable:
            return None
        k = rng.choice(kickable)
        kick = (k, _kick(rng, genes[k], sizes[k], k in numeric, max_step))
    k = kick[0]
    walk.go(walk.at(*kick))
    trimmed = spent = list(numeric)
    if tabu and k in numeric:  # kicked up: not trimmed back; kicked down: not raised back
        others = [j for j in numeric if j != k]
        trimmed, spent = (others, spent) if kick[1] > genes[k] else (trimmed, others)
    if not math.isfinite(walk.fitness[0]) and not walk.repair(numeric, k, sizes):
        return Step(walk.genes, walk.ev, walk.fitness)
    for j in rng.sample(trimmed, len(trimmed)):
        walk.trim(j)
    few = [j for j in shape_genes(numeric, sizes) if j in spent]
    pairs = [(a, b) for n, a in enumerate(few) for b in few[n + 1:]]
    for _ in range(max_spends):
        raises = [r for r in (walk.raised(j, sizes) for j in spent) if r is not None]
        if not raises:  # on the boundary: a step up with a small move of another gene (an exchange)
            raises = [r for r in (walk.exchanged(j, numeric, sizes, max_step) for j in spent) if r is not None]
        if not raises:  # along the boundary: two genes of few values (the PE array's shape) moved together
            raises = [r for r in (walk.reshaped(a, b, sizes) for a, b in pairs) if r is not None]
        if not raises:
            break
        walk.go(min(raises, key=lambda r: r.fitness))
        for j in trimmed:
            walk.trim(j)
    return Step(walk.genes, walk.ev, walk.fitness)


def shape_genes(numeric: Sequence[int], sizes: Sequence[int]) -> list[int]:
    """The numeric genes of few fine values (fewer than 16: a PE array's rows and columns) when there are two or more:
    :func:`oscillate`'s spend moves them together along the budget boundary (``_Walk.reshaped``), so the GA's
    budget-freeing kicks leave them out; [] otherwise."""
    few = [k for k in numeric if sizes[k] < _SCAN]
    return few if len(few) >= 2 else []


def freeing_kicks(genes: Sequence[int], numeric: Sequence[int], levels: Sequence[Sequence[int]],
                  max_step: int = 3) -> list[tuple[int, int]]:
    """The kicks near a design that free budget, as (gene, fine index): each numeric gene lowered by up to
    :func:`~npu_dse.search.steps.largest_step` fine steps, by 2, 4, 8, ... fine steps (a ladder between the fine
    and the coarse scale), or to each of its coarse ``levels`` below it (``levels[k]``: fine indices), in gene
    order."""
    out = []
    for k in numeric:
        i = genes[k]
        ladder = {i - 2 ** m for m in range(i.bit_length())}
        below = set(range(max(i - largest_step(i, max_step), 0), i)) | ladder | {j for j in levels[k] if j < i}
        out += [(k, j) for j in sorted(below)]
    return out


def _kick(rng: random.Random, i: int, size: int, numeric: bool, max_step: int) -> int:
    """A gene's new fine index from ``i`` (of ``size``): a numeric gene half the time moves by a
    :func:`~npu_dse.search.steps.signed_step` (clipped to the range), otherwise to any other index, uniformly."""
    if numeric and rng.random() < 0.5:
        j = min(max(i + signed_step(rng, i, max_step), 0), size - 1)
        if j != i:
            return j
    return rng.choice([j for j in range(size) if j != i])
