"""Budget-freeing kicks of the GA's strategic oscillation (``npu_dse.search.oscillation.freeing_kicks``, ``oscillate``'s
``kick`` and ``tabu``; ``ga(freeing=True)``): the kicks listed, the tabu that keeps a kick from being undone, and on
global ResNet-50 edge (today's model) the trap GA runs stopped in left for the best design any search found by one
such kick."""

from __future__ import annotations

import json
import math
import random
from pathlib import Path

import pytest

from npu_dse.config import load_experiment
from npu_dse.cost_models.evaluator import Evaluation
from npu_dse.run import build_evaluator, build_problem
from npu_dse.search.context import SearchContext
from npu_dse.search.ga import _fitness, _Genome
from npu_dse.search.oscillation import freeing_kicks, oscillate, shape_genes

ROOT = Path(__file__).resolve().parents[1]

TRAP = {"pe_rows": 28, "pe_cols": 20, "l1_bytes": 32, "l2_bytes": 442368, "noc_bw": 48, "dataflow": "systolic_os"}
"""Where GA-alone runs of ``search_quality_global.md``'s ResNet-50 edge problem stopped before freeing kicks (seed 1
of 0-4: 8,571,658 cycles, 1.017x the reference): no single-gene step improves it."""
TRAP_CYCLES = 8_571_658
BEST = {"pe_rows": 32, "pe_cols": 32, "l1_bytes": 32, "l2_bytes": 589824, "noc_bw": 32, "dataflow": "systolic_os"}
"""The reference design of that problem (the best any run found, incl. 100,000-evaluation GA runs)."""
BEST_CYCLES = 8_426_175


def test_freeing_kicks_lower_one_numeric_gene_near_it_or_to_a_coarse_level_below():
    genes = [20, 3, 0, 1]
    levels = [[0, 8, 16, 24], [0, 2, 4], [0], [0, 1]]
    kicks = freeing_kicks(genes, [0, 1, 2], levels, max_step=3)
    # gene 0 at 20: steps of up to max(3, 21 // 4) = 5 down (15..19), the ladder 1, 2, 4, 8, 16 down (19, 18, 16,
    # 12, 4) and the levels 0, 8, 16; gene 1 at 3: 0..2; gene 2 at 0: nothing lower; gene 3 is not numeric
    assert kicks == [(0, 0), (0, 4), (0, 8), (0, 12), (0, 15), (0, 16), (0, 17), (0, 18), (0, 19),
                     (1, 0), (1, 1), (1, 2)]


def test_shape_genes_are_the_numeric_genes_of_few_values_when_there_are_two():
    assert shape_genes([0, 1, 2, 3], [15, 15, 256, 128]) == [0, 1]
    assert shape_genes([1, 2, 3], [15, 15, 256, 128]) == []  # one alone has nothing to move with
    assert shape_genes([0, 1], [16, 16]) == []


class _Boundary:
    """Two resources on one budget of 10 units (a unit each per index): cost 100 / (1 + x0) + 1 / (1 + x1)."""

    def evaluate(self, points):
        out = []
        for p in points:
            x0, x1 = p["genes"]
            ok = x0 + x1 <= 10
            out.append(Evaluation({"genes": (x0, x1)}, {"cost": 100 / (1 + x0) + 1 / (1 + x1), "use": x0 + x1},
                                  ok, () if ok else ("budget",)))
        return out

    @staticmethod
    def key(ev):
        return (ev.metrics["cost"], ev.metrics["use"]) if ev.feasible else (math.inf, math.inf)


@pytest.mark.parametrize("tabu, end", [(False, [10, 0]), (True, [9, 1])])
def test_a_tabu_kick_down_is_not_raised_back_by_the_spend(tabu, end):
    toy = _Boundary()
    start = [10, 0]
    fitness = toy.key(toy.evaluate([{"genes": start}])[0])
    step = oscillate(toy, lambda g: {"genes": list(g)}, toy.key, start, fitness, [16, 16], [0, 1], [],
                     random.Random(0), kick=(0, 9), tabu=tabu)
    # without the tabu the best raise is gene 0 straight back; with it the freed unit goes to gene 1
    assert step.genes == end and math.isfinite(step.fitness[0])


@pytest.fixture(scope="module")
def resnet_edge():
    src = ROOT / "configs" / "global_resnet50_edge.yaml"
    return build_evaluator(build_problem(load_experiment(src, []), src), src)


def test_one_freeing_kick_leaves_the_resnet50_edge_trap_for_the_best_design_found(resnet_edge):
    """The NoC kicked from 48 to 32 B/cycle frees power that a larger array and global buffer spend: with the tabu
    and a spend round per numeric gene the oscillation ends on BEST; without the tabu the first spend raises the
    NoC straight back, and the oscillation ends where it began."""
    ctx = SearchContext(resnet_edge, 2_000)
    genome = _Genome(ctx)
    trap = ctx.evaluate([TRAP])[0]
    assert ctx.cost(trap) == TRAP_CYCLES
    genes = genome.from_point(TRAP)
    noc = next(k for k in genome.numeric_global if genome.genes[k].parameter.name == "noc_bw")
    kick = (noc, genome.index[noc][32])
    assert kick in freeing_kicks(genes, genome.numeric_global, genome.coarse)
    ends = {}
    for tabu in (True, False):
        step = oscillate(ctx, genome.point, lambda ev: _fitness(ctx, ev), genes, _fitness(ctx, trap),
                         [len(f) for f in genome.fine], genome.numeric_global, genome.categorical_global,
                         random.Random(0), memo={}, max_spends=len(genome.numeric_global), kick=kick, tabu=tabu)
        ends[tabu] = (json.loads(json.dumps(genome.point(step.genes))), step.fitness[0])
    assert ends[True] == (BEST, BEST_CYCLES)
    assert ends[False] == (TRAP, TRAP_CYCLES)


BERT_TRAP = {"pe_rows": 52, "pe_cols": 32, "l1_bytes": 32, "l2_bytes": 507904, "noc_bw": 120, "dataflow": "kcp_ws"}
"""Where GA runs of ``search_quality_global.md``'s BERT-base edge problem stopped before the ladder of freeing kicks
and the array's reshaping (seeds 0, 2 and 3 of 0-4 for GA alone: 21,013,764 cycles, 1.020x the reference)."""
BERT_TRAP_CYCLES = 21_013_764
BERT_BEST_CYCLES = 20_604_660
"""The reference of that problem: 60 x 40 (or 40 x 60) kcp_ws PEs, L1 32 B, L2 496 KiB, NoC 56 B/cycle."""


@pytest.fixture(scope="module")
def bert_edge():
    src = ROOT / "configs" / "global_bert_base_edge.yaml"
    return build_evaluator(build_problem(load_experiment(src, []), src), src)


def test_the_bert_edge_trap_is_left_by_a_ladder_kick_of_the_noc_and_a_reshaped_array(bert_edge, monkeypatch):
    """From 52 x 32 PEs at NoC 120 B/cycle the reference is 8 more rows, 8 more columns and less than half the NoC:
    the NoC kicked 8 fine steps down (to 56, on the freeing kicks' ladder, not one of its coarse levels) frees the
    power that a larger array spends, but no single row or column step pays at that NoC (the array's latency moves
    in plateaus of its tile counts). The spend's reshaping, which moves rows and columns together along the power
    boundary, reaches the reference; without it the oscillation ends above the trap."""
    from npu_dse.search import oscillation

    ctx = SearchContext(bert_edge, 5_000)
    genome = _Genome(ctx)
    trap = ctx.evaluate([BERT_TRAP])[0]
    assert ctx.cost(trap) == BERT_TRAP_CYCLES
    genes = genome.from_point(BERT_TRAP)
    sizes = [len(f) for f in genome.fine]
    assert [genome.genes[k].parameter.name for k in shape_genes(genome.numeric_global, sizes)] == \
        ["pe_rows", "pe_cols"]
    noc = next(k for k in genome.numeric_global if genome.genes[k].parameter.name == "noc_bw")
    kick = (noc, genome.index[noc][56])
    assert genes[noc] - kick[1] == 8 and kick in freeing_kicks(genes, genome.numeric_global, genome.coarse)

    def end() -> tuple[dict, float]:
        step = oscillate(ctx, genome.point, lambda ev: _fitness(ctx, ev), genes, _fitness(ctx, trap), sizes,
                         genome.numeric_global, genome.categorical_global, random.Random(0), memo={},
                         max_spends=len(genome.numeric_global), kick=kick, tabu=True)
        return json.loads(json.dumps(genome.point(step.genes))), step.fitness[0]

    point, cycles = end()
    assert cycles == BERT_BEST_CYCLES
    assert {point["pe_rows"], point["pe_cols"]} == {40, 60} and point["noc_bw"] == 56
    monkeypatch.setattr(oscillation, "shape_genes", lambda numeric, sizes: [])
    assert end()[1] > BERT_TRAP_CYCLES
