"""Branch-parallel execution on CPU + NPU (issue 17): groups by the seed's definitions, exact assignment, dse hetero."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from npu_dse.cli import app
from npu_dse.cost_models import zoo
from npu_dse.cost_models.errors import FormatError, WorkloadError
from npu_dse.cost_models.workload import Layer, Network, Op
from npu_dse.hetero.graph import build_graph, parallel_groups
from npu_dse.hetero.schedule import best_assignment, greedy_lpt, schedule
from npu_dse.hetero.units import A53, EVTA, read_profile

runner = CliRunner()


def _conv(name: str, k: int = 16, c: int = 16) -> Layer:
    return Layer(name, Op.CONV, K=k, C=c, Y=8, X=8, R=3, S=3, padding=1)


def test_groups_on_a_hand_built_graph():
    names = ["a", "b1", "b2", "c1", "d", "e", "f1", "f2"]
    edges = [("a", "b1"), ("b1", "b2"), ("a", "c1"), ("b2", "cat"), ("c1", "cat"), ("a", "cat"),  # + identity
             ("cat", "d"), ("d", "e"), ("d", "f1"), ("e", "g"), ("f1", "f2"), ("f1", "x"), ("f2", "g"),
             ("x", "g")]
    net = Network("hand", tuple(_conv(n) for n in names + ["x"]), tuple(edges))
    groups = parallel_groups(build_graph(net))
    assert [(g.fork, g.join, g.branches) for g in groups] == [("a", "cat", (("b1", "b2"), ("c1",))),
                                                              ("f1", "g", (("f2",), ("x",)))]
    # a -> cat directly holds no node (no branch); d -> {e, f1}: f1 forks again before any join, so it starts no
    # branch, and e alone makes no group


def test_a_cycle_is_refused_naming_a_node():
    net = Network("loop", (_conv("a"), _conv("b")), (("a", "b"), ("b", "a")))
    with pytest.raises(WorkloadError, match="the graph has a cycle through node"):
        build_graph(net)


@pytest.mark.parametrize("model, groups, size", [("squeezenet1_0", 8, 2), ("googlenet", 9, 4), ("resnet50", 4, 2),
                                                 ("mobilenet_v2", 0, 0)])
def test_zoo_groups(model, groups, size):
    found = parallel_groups(build_graph(zoo.load(model)))
    assert len(found) == groups and all(len(g.branches) == size for g in found)


@settings(max_examples=60)
@given(st.integers(1, 8), st.integers(1, 4), st.integers(0, 2**31), st.floats(0, 3))
def test_exact_assignment_equals_brute_force(branches, units, seed, sync):
    if units ** branches > 65536:
        return
    rng = np.random.default_rng(seed)
    times = rng.uniform(0.1, 10.0, (branches, units))
    times[rng.random(times.shape) < 0.2] = np.inf
    times[:, 0] = np.minimum(times[:, 0], 10.0)  # every branch runs somewhere
    spans = []
    for assign in itertools.product(range(units), repeat=branches):
        load = [sum(times[i, k] for i, a in enumerate(assign) if a == k) for k in range(units)]
        spans.append(max(load) + (sync if len(set(assign)) > 1 else 0.0))
    assign, span = best_assignment(times, sync)
    assert span == pytest.approx(min(s for s in spans if np.isfinite(s)))
    assert greedy_lpt(times, sync)[1] >= span - 1e-9


@pytest.mark.parametrize("model", ["squeezenet1_0", "googlenet", "resnet50"])
def test_branch_parallel_is_never_slower_than_sequential(model):
    r = schedule(zoo.load(model), A53, EVTA)
    assert r.branch_parallel_ms <= r.sequential_ms
    for g in r.groups:
        assert (g.parallel_ms < g.sequential_ms) == g.parallel
    assert all(r.placement[n] == "cpu" for n in r.placement if not np.isfinite(r.node_ms[n]["npu"]))


def test_squeezenet_calibration_reproduces_the_seeds_shape():
    """a53 + evta, calibrated (benchmarks/hetero_calibration.py): 8 groups, near 202.72 ms and an 11 % gain."""
    r = schedule(zoo.load("squeezenet1_0"), A53, EVTA)
    assert r.groups_found == 8
    assert abs(r.sequential_ms - 202.72) / 202.72 < 0.15
    assert 0.05 < 1 - r.branch_parallel_ms / r.sequential_ms < 0.15


def test_a_groups_saving_counts_the_chains_hand_overs_once():
    """The placement pays the hand-overs inside a group (a's output to b2 on the NPU, b2's to the join on the CPU) in
    the sequential latency; the parallel makespan pays its own, so the saving is taken against the segment with them."""
    from dataclasses import replace

    from npu_dse.hetero.units import CpuRoofline

    net = Network("fork", tuple(_conv(n) for n in ("a", "b1", "b2", "j")),
                  (("a", "b1"), ("a", "b2"), ("b1", "j"), ("b2", "j")))
    cpu = CpuRoofline("p", 1.0, 1.0, 0.0, 1.0, "test", {"a": 1000.0, "b1": 2000.0, "b2": 10000.0, "j": 1000.0})
    npu = replace(EVTA, times_ms={"b1": 5.0, "b2": 3.0}, overhead_us=0.0)
    move = 16 * 8 * 8 / 1e9 * 1e3 + 0.5  # one layer's int8 output (1,024 B) at 1 GB/s, plus a 500 us sync
    r = schedule(net, cpu, npu, sync_us=500.0, transfer_gb_s=1.0)
    assert r.placement == {"a": "cpu", "b1": "cpu", "b2": "npu", "j": "cpu"}
    assert r.sequential_ms == pytest.approx(1 + 2 + 3 + 1 + 2 * move)  # a's output to b2, b2's to j
    (g,) = r.groups
    assert g.sequential_ms == pytest.approx(2 + 3 + 2 * move)
    # in parallel: max(2, 3) + one sync + the fork's output handed over + b2's output handed to the join
    assert g.parallel_ms == pytest.approx(3 + 0.5 + move + move) and g.parallel
    assert r.branch_parallel_ms == pytest.approx(r.sequential_ms - (g.sequential_ms - g.parallel_ms))


def test_a_hand_over_moves_the_tensor_the_node_consumes():
    """b2 on the NPU reads the fork's output, not b1's (the node before it in the order): the hand-over is priced by
    the fork's bytes, and the join reading two tensors from the other unit pays for both."""
    from dataclasses import replace

    from npu_dse.hetero.units import CpuRoofline

    net = Network("fork", (_conv("a", k=16), _conv("b1", k=256), _conv("b2", k=256), _conv("j", k=16, c=512)),
                  (("a", "b1"), ("a", "b2"), ("b1", "j"), ("b2", "j")))
    cpu = CpuRoofline("p", 1.0, 1.0, 0.0, 1.0, "test", {"a": 1000.0, "b1": 2000.0, "b2": 50000.0, "j": 1000.0})
    npu = replace(EVTA, times_ms={"b1": 50.0, "b2": 3.0}, overhead_us=0.0)
    move = {n: k * 8 * 8 / 1e9 * 1e3 + 0.5 for n, k in (("a", 16), ("b1", 256), ("b2", 256))}  # int8, 1 GB/s
    r = schedule(net, cpu, npu, sync_us=500.0, transfer_gb_s=1.0)
    assert r.placement == {"a": "cpu", "b1": "cpu", "b2": "npu", "j": "cpu"}
    assert r.sequential_ms == pytest.approx(1 + 2 + 3 + 1 + move["a"] + move["b2"])
    both = replace(npu, times_ms={"b1": 0.5, "b2": 3.0})  # both branches on the NPU, the join on the CPU
    r = schedule(net, cpu, both, sync_us=500.0, transfer_gb_s=1.0)
    assert r.placement == {"a": "cpu", "b1": "npu", "b2": "npu", "j": "cpu"}
    assert r.sequential_ms == pytest.approx(1 + 0.5 + 3 + 1 + move["a"] + move["b1"] + move["b2"])


def test_the_nestc_rule_keeps_each_branch_on_its_sequential_unit():
    """The seed's rule (the same unit per op as the sequential code): a group the placement splits runs at once on
    those units; one whose branches the placement put on one unit stays sequential, where the exact assignment moves
    a branch to the other unit."""
    from dataclasses import replace

    from npu_dse.hetero.units import CpuRoofline

    net = Network("fork", (_conv("a", k=16), _conv("b1", k=256), _conv("b2", k=256), _conv("j", k=16, c=512)),
                  (("a", "b1"), ("a", "b2"), ("b1", "j"), ("b2", "j")))
    cpu = CpuRoofline("p", 1.0, 1.0, 0.0, 1.0, "test", {"a": 1000.0, "b1": 2000.0, "b2": 50000.0, "j": 1000.0})
    move = {n: k * 8 * 8 / 1e9 * 1e3 + 0.5 for n, k in (("a", 16), ("b1", 256), ("b2", 256))}  # int8, 1 GB/s
    split = schedule(net, cpu, replace(EVTA, times_ms={"b1": 50.0, "b2": 3.0}, overhead_us=0.0), sync_us=500.0,
                     transfer_gb_s=1.0)
    (g,) = split.groups
    assert [split.placement[b] for b in ("b1", "b2")] == ["cpu", "npu"]
    assert g.nestc_ms == pytest.approx(max(2, 3) + 0.5 + move["a"] + move["b2"]) == g.parallel_ms
    assert split.baselines["nestc_rule"] == pytest.approx(split.branch_parallel_ms)
    one = schedule(net, cpu, replace(EVTA, times_ms={"b1": 0.5, "b2": 3.0}, overhead_us=0.0), sync_us=500.0,
                   transfer_gb_s=1.0)
    (g,) = one.groups
    assert [one.placement[b] for b in ("b1", "b2")] == ["npu", "npu"]
    assert g.nestc_ms == g.sequential_ms == pytest.approx(0.5 + 3 + move["a"] + move["b1"] + move["b2"])
    assert one.baselines["nestc_rule"] == one.sequential_ms
    assert g.assignment == ["cpu", "npu"] and g.parallel_ms == pytest.approx(3 + 0.5 + move["a"] + move["b2"])
    assert one.branch_parallel_ms < one.sequential_ms


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 8), st.integers(0, 10_000))
def test_sequential_placement_equals_brute_force(n, seed):
    """The DP's placement and total equal the best of every placement (placement_ms) on random DAGs, some nodes
    only on the CPU."""
    from npu_dse.hetero.graph import Graph
    from npu_dse.hetero.schedule import UNITS, placement_ms, sequential_placement

    rng = np.random.default_rng(seed)
    nodes = tuple(f"n{i}" for i in range(n))
    edges = [(a, b) for i, a in enumerate(nodes) for b in nodes[i + 1:] if rng.random() < 0.4]
    graph = Graph(nodes, {v: tuple(a for a, b in edges if b == v) for v in nodes},
                  {v: tuple(b for a, b in edges if a == v) for v in nodes})
    times = {v: {"cpu": float(rng.uniform(0, 10)),
                 "npu": float(rng.uniform(0, 10)) if rng.random() < 0.8 else float("inf")} for v in nodes}
    move = {v: float(rng.uniform(0, 4)) for v in nodes}
    placement, total = sequential_placement(graph, times, move.__getitem__)
    brute = min(placement_ms(graph, dict(zip(nodes, units)), times, move.__getitem__)
                for units in itertools.product(UNITS, repeat=n))
    assert total == pytest.approx(brute, rel=1e-12, abs=1e-12)
    assert placement_ms(graph, placement, times, move.__getitem__) == pytest.approx(total, rel=1e-12, abs=1e-12)


def test_a_placement_with_too_many_states_keeps_the_cheapest_and_says_so(caplog):
    """Past max_states the DP keeps the cheapest states: a valid placement priced exactly, no better than the
    optimum, and a warning that it is not proven optimal."""
    import logging

    from npu_dse.hetero.graph import Graph
    from npu_dse.hetero.schedule import placement_ms, sequential_placement

    rng = np.random.default_rng(3)
    branches = [f"b{i}" for i in range(6)]
    nodes = ("f", *branches, "j")
    graph = Graph(nodes, {"f": (), **{b: ("f",) for b in branches}, "j": tuple(branches)},
                  {"f": tuple(branches), **{b: ("j",) for b in branches}, "j": ()})
    times = {n: {"cpu": float(rng.uniform(1, 5)), "npu": float(rng.uniform(1, 5))} for n in nodes}
    move = {n: float(rng.uniform(0.5, 2)) for n in nodes}.__getitem__
    with caplog.at_level(logging.WARNING, logger="npu_dse.hetero.schedule"):
        _, best = sequential_placement(graph, times, move)  # 6 live tensors: 4 ** 6 states at most, kept whole
        assert not caplog.records
        placement, total = sequential_placement(graph, times, move, max_states=2)
    assert len(caplog.records) == 1 and "not proven optimal" in caplog.text
    assert total == pytest.approx(placement_ms(graph, placement, times, move)) and total >= best - 1e-12


def test_cli_end_to_end_with_golden_json(tmp_path):
    out = tmp_path / "h.json"
    png = tmp_path / "h.png"
    res = runner.invoke(app, ["hetero", "squeezenet1_0", "--npu", "evta", "--cpu", "a53", "--json", str(out),
                              "--gantt", str(png)])
    assert res.exit_code == 0, res.output
    d = json.loads(out.read_text())
    assert {"groups_found", "groups_parallel", "sequential_ms", "branch_parallel_ms", "groups"} <= set(d)
    assert d["groups_found"] == 8 and d["groups_parallel"] == 8 and d["nestc_groups_parallel"] == 6
    # each tensor handed over to the unit that reads it: 203.205646 ms when the hand-over before a node was priced by
    # the node before it in the order; now fire2/3/5/6/9's expand3x3 on the NPU reads the squeeze's output (not
    # expand1x1's), fire4/8's concat on the CPU reads both expands' and fire7's expand1x1 no longer pays one: +0.03314
    assert d["sequential_ms"] == pytest.approx(203.238786, rel=1e-6)
    assert d["branch_parallel_ms"] == pytest.approx(183.992103, rel=1e-6)
    g = d["groups"][0]
    assert g["fork"] == "fire2_squeeze1x1" and g["join"] == "fire2_concat"
    assert g["branches"] == [["fire2_expand1x1"], ["fire2_expand3x3"]] and set(g["assignment"]) <= {"cpu", "npu"}
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_cpu_profile_csv_is_read_back_and_missing_ops_are_named(tmp_path):
    net = zoo.load("squeezenet1_0")
    nodes = list(build_graph(net).nodes)
    path = tmp_path / "prof.csv"
    path.write_text("node,time_us\n" + "".join(f"{n},{100 + i}\n" for i, n in enumerate(nodes)))
    cpu = read_profile(path, net, nodes)
    assert cpu.layer_ms(net.layers[0]) == pytest.approx((100 + nodes.index(net.layers[0].name)) / 1e3)
    path.write_text("node,time_us\nconv1,10\n")
    with pytest.raises(FormatError, match="lacks 25 layer\\(s\\) of 'squeezenet1_0': fire2_squeeze1x1"):
        read_profile(path, net, nodes)
    res = runner.invoke(app, ["hetero", "squeezenet1_0", "--cpu", str(path)])
    assert res.exit_code == 2 and "lacks 25 layer(s)" in res.output


@pytest.mark.parametrize("args, message", [
    (["--npu", "tpu9"], "unknown NPU 'tpu9'; allowed: evta"),
    (["--cpu", "m1"], "unknown CPU 'm1'; allowed: a53"),
    (["--sync-us", "-1"], "--sync-us must be a finite number >= 0"),
])
def test_bad_input_is_one_line_exit_2(args, message):
    res = runner.invoke(app, ["hetero", "squeezenet1_0", *args])
    assert res.exit_code == 2, res.output
    lines = [line for line in res.output.splitlines() if line.startswith("error: ")]
    assert len(lines) == 1 and message in lines[0]


def test_npu_from_a_run_design(tmp_path: Path):
    out = tmp_path / "run"
    res = runner.invoke(app, ["run", str(Path(__file__).resolve().parents[1] / "configs" / "global_resnet50_edge.yaml"),
                              "--out", str(out), "-q", "--set", "workload.layers=0:3", "--set", "search.budget=300",
                              "--set", "search.stages=[{method: random}]"])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["hetero", "googlenet", "--npu", str(out), "--json", str(tmp_path / "g.json")])
    assert res.exit_code == 0, res.output
    d = json.loads((tmp_path / "g.json").read_text())
    assert d["groups_found"] == 9 and d["branch_parallel_ms"] <= d["sequential_ms"]
