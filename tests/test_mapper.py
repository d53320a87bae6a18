"""The mapper (issue 15): each layer's best mapping over its dataflow's legal tile choices equals brute force, fits
the provisioned buffers, and is reported in best.json."""

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
from npu_dse.cost_models.errors import DataflowError, SpaceError
from npu_dse.cost_models.evaluator import Evaluator, Problem
from npu_dse.cost_models.hardware import Hardware, HardwareBatch
from npu_dse.cost_models.maestro import analyze_layer, maestro_crash
from npu_dse.cost_models.mapper import VARIANT_BY_CODE, best_mapping, check_candidates, map_network, mapping_choices
from npu_dse.cost_models.space import DesignSpace, Parameter
from npu_dse.cost_models.workload import Layer, Op

CANDIDATES = {"KTileSz": (1, 2, 4, 8), "CTileSz": (1, 2, 4), "ClusterSz": (2, 4, 8, 16, 32, 64)}


def _brute(layer, dataflow, hw: Hardware, objective_col: str, technology="28nm", include_dram=False, compat=False):
    """The feasible-first least ``objective_col`` over every legal mapping (``mapping_choices``: the template's
    constants, and for eye/shi each variant's with its ``variant`` code; with ``compat``, those MAESTRO runs),
    each run as analyze_layer takes it; ties to the first: ((infeasible, value), the variant's name, the choice)."""
    best = None
    for choice in mapping_choices(dataflow, hw.num_pes, {}, CANDIDATES, layer):
        name = VARIANT_BY_CODE.get(choice.get("variant", 0), dataflow)
        if compat and maestro_crash(layer, name, hw.num_pes, {k: v for k, v in choice.items() if k != "variant"}):
            continue
        try:
            c = analyze_layer(layer, dataflow, hw, choice or None, technology=technology, include_dram=include_dram,
                              compat=compat)
        except DataflowError:
            continue
        key = (not bool(c.feasible[0]), float(getattr(c, objective_col)[0]))
        if best is None or key < best[0]:
            best = (key, VARIANT_BY_CODE.get(choice.get("variant", 0), dataflow), choice)
    return best


@settings(max_examples=25)
@given(st.sampled_from(["dla", "shi", "eye"]), st.sampled_from([16, 32, 64]), st.sampled_from([64, 512, 4096]),
       st.sampled_from([(16, 8, 8, 3, 1), (32, 16, 14, 3, 2), (8, 3, 16, 5, 1), (64, 32, 7, 1, 1)]),
       st.sampled_from(["latency_cycles", "energy_pj"]))
def test_the_mappers_choice_equals_brute_force(dataflow, pes, l1, shape, objective):
    k, c, y, r, stride = shape
    layer = Layer("l", Op.CONV, K=k, C=c, Y=y, X=y, R=r, S=r, stride=stride, padding=r // 2)
    hw = Hardware(num_pes=pes, l1_bytes=l1, l2_bytes=1 << 20, noc_bw=16)
    cost, chosen = best_mapping(layer, dataflow, HardwareBatch.coerce(hw), [{}], CANDIDATES, objective,
                                "28nm")
    col = {"latency_cycles": "runtime_cycles", "energy_pj": "energy_pj"}[objective]
    (infeasible, value), variant, choice = _brute(layer, dataflow, hw, col)
    assert getattr(cost, col)[0] == value and bool(cost.feasible[0]) == (not infeasible)
    assert chosen[0] == choice and VARIANT_BY_CODE.get(chosen[0].get("variant", 0), dataflow) == variant
    again = analyze_layer(layer, dataflow, hw, chosen[0], technology="28nm")  # a choice runs as it is
    assert getattr(again, col)[0] == value


@pytest.mark.parametrize("dataflow, technology, include_dram", [
    ("eye", "28nm", False), ("shi", "65nm", False), ("dla", "maestro", True), ("systolic_both", "28nm", False)])
def test_map_network_runs_every_layer_at_its_brute_force_best(dataflow, technology, include_dram):
    """``map_network`` (``dse eval --map``): per layer, the feasible-first smallest energy over every candidate
    (brute force with the same engine options), and its ``map_*`` columns run back give that cost."""
    net = zoo.load("lenet5")
    hw = Hardware(num_pes=64, l1_bytes=256, l2_bytes=1 << 16, noc_bw=16, word_bytes=2)
    frame = map_network(net, dataflow, hw, "energy_pj", candidates=CANDIDATES, technology=technology,
                        include_dram=include_dram)
    assert frame["layer"].tolist() == [la.name for la in net.layers]
    for layer, row in zip(net.layers, frame.itertuples(index=False)):
        if dataflow == "systolic_both":
            keys = []
            for s in ("ws", "os"):
                c = analyze_layer(layer, f"systolic_{s}", hw, technology=technology, include_dram=include_dram)
                keys.append((not bool(c.feasible[0]), float(c.energy_pj[0])))
            assert (not row.feasible, row.energy_pj) == min(keys)
            assert row.mapping in ("WS", "OS") and row.map_stationary in (1, 2)
            continue
        (infeasible, value), variant, _ = _brute(layer, dataflow, hw, "energy_pj", technology, include_dram)
        assert (not row.feasible, row.energy_pj) == (infeasible, value)
        assert VARIANT_BY_CODE.get(int(getattr(row, "map_variant", 0)), dataflow) == variant
        consts = {k: int(getattr(row, f"map_{k}")) for k in ("KTileSz", "CTileSz", "ClusterSz")
                  if getattr(row, f"map_{k}", 0) > 0}
        assert row.mapping == " ".join([variant] * (variant != dataflow) + [f"{k}={v}" for k, v in consts.items()])
        again = analyze_layer(layer, variant, hw, consts, technology=technology, include_dram=include_dram)
        assert float(again.energy_pj[0]) == row.energy_pj
    with pytest.raises(DataflowError, match="mapping objective 'speed': allowed: latency_cycles"):
        map_network(net, dataflow, hw, "speed")


def test_with_maestro_compat_the_mapper_chooses_among_the_mappings_maestro_runs(monkeypatch):
    """Under ``compat`` the score is MAESTRO's own numbers, and the choice is among the mappings MAESTRO runs: on
    this stride-2 layer MAESTRO 4eb08d1 SIGFPEs at 64 PEs whenever shi's clusters hold 4 PEs (checked with its
    binary: KTileSz/CTileSz/ClusterSz 32/16/4, 1/1/4, 8/4/4 crash; 1/1/1, 1/1/2, 2/2/16 run). With clusters of 4
    the fastest mapping by MAESTRO's numbers is 8/4/4 (224 cycles), which MAESTRO does not run: the mapper takes
    the variant shi_k instead, as brute force over the mappings MAESTRO runs does (without that check it would
    take 8/4/4)."""
    layer = Layer("l", Op.CONV, K=64, C=16, Y=8, X=7, R=7, S=7, stride=2)
    hw = Hardware(num_pes=64, noc_bw=256, offchip_bw=70000)
    crash = ({"KTileSz": 32, "CTileSz": 16, "ClusterSz": 4}, {"KTileSz": 1, "CTileSz": 1, "ClusterSz": 4},
             {"KTileSz": 8, "CTileSz": 4, "ClusterSz": 4})
    runs = ({"KTileSz": 1, "CTileSz": 1, "ClusterSz": 1}, {"KTileSz": 1, "CTileSz": 1, "ClusterSz": 2},
            {"KTileSz": 2, "CTileSz": 2, "ClusterSz": 16})
    assert all(maestro_crash(layer, "shi", 64, c) for c in crash)
    assert not any(maestro_crash(layer, "shi", 64, c) for c in runs)
    fours = {"KTileSz": (1, 2, 4, 8), "CTileSz": (1, 2, 4), "ClusterSz": (4,)}
    batch = HardwareBatch.coerce(hw)
    cost, chosen = best_mapping(layer, "shi", batch, [{}], fours, "latency_cycles", "maestro", compat=True)
    assert chosen == [{"CTileSz": 1, "variant": 2}] and cost.runtime_cycles.tolist() == [797.0]
    with monkeypatch.context() as m:
        m.setattr("npu_dse.cost_models.mapper.maestro_crash", lambda *args: None)
        unchecked = best_mapping(layer, "shi", batch, [{}], fours, "latency_cycles", "maestro", compat=True)
    assert unchecked[1] == [{"KTileSz": 8, "CTileSz": 4, "ClusterSz": 4, "variant": 0}]
    assert unchecked[0].runtime_cycles.tolist() == [224.0]
    for objective, col in (("latency_cycles", "runtime_cycles"), ("energy_pj", "energy_pj")):
        cost, chosen = best_mapping(layer, "shi", batch, [{}], CANDIDATES, objective, "maestro", compat=True)
        name = VARIANT_BY_CODE.get(chosen[0].get("variant", 0), "shi")
        assert maestro_crash(layer, name, 64, {k: v for k, v in chosen[0].items() if k != "variant"}) is None
        (infeasible, value), variant, choice = _brute(layer, "shi", hw, col, "maestro", compat=True)
        assert getattr(cost, col)[0] == value and chosen[0] == choice and name == variant


def test_dse_eval_map_prints_writes_and_keeps_the_given_constants(tmp_path: Path):
    common = ["eval", "alexnet", "--layers", "0:5", "-d", "eye", "--num-pes", "168", "--l1-size", "520",
              "--l2-size", "110592", "--noc-bw", "4", "--word-bits", "16", "--clock-mhz", "200", "-t", "65nm"]
    res = CliRunner().invoke(app, common + ["-o", str(tmp_path / "plain.csv")])
    assert res.exit_code == 0, res.output
    res = CliRunner().invoke(app, common + ["--map", "latency", "-c", "ClusterSz=4", "-o",
                                            str(tmp_path / "mapped.csv"), "--summary-json", str(tmp_path / "s.json")])
    assert res.exit_code == 0, res.output
    import pandas as pd

    plain, mapped = pd.read_csv(tmp_path / "plain.csv"), pd.read_csv(tmp_path / "mapped.csv")
    assert (mapped["map_ClusterSz"] == 4).all()
    # the template defaults (KTileSz = CTileSz = 1) are among the candidates: never slower where they fit
    both = plain["feasible"] & mapped["feasible"]
    assert both.any() and (mapped.loc[both, "runtime_cycles"] <= plain.loc[both, "runtime_cycles"]).all()
    assert mapped["runtime_cycles"].sum() < plain["runtime_cycles"].sum()
    summary = json.loads((tmp_path / "s.json").read_text())
    assert summary["mapping_by_layer"] == dict(zip(mapped["layer"], mapped["mapping"]))
    assert summary["latency_cycles"] == mapped["runtime_cycles"].sum()
    res = CliRunner().invoke(app, common + ["--map", "energy"])
    assert res.exit_code == 0 and "mapping" in res.output and "CTileSz=" in res.output, res.output


def test_batched_points_choose_independently():
    layer = Layer("l", Op.CONV, K=32, C=16, Y=14, X=14, R=3, S=3, padding=1)
    hws = [Hardware(num_pes=p, l1_bytes=l1, l2_bytes=1 << 20) for p, l1 in ((16, 64), (64, 4096), (32, 512))]
    cost, chosen = best_mapping(layer, "dla", HardwareBatch.from_points(hws), [{}] * 3, CANDIDATES,
                                technology="28nm")
    for i, hw in enumerate(hws):
        one, ch = best_mapping(layer, "dla", HardwareBatch.coerce(hw), [{}], CANDIDATES, technology="28nm")
        assert ch[0] == chosen[i] and one.runtime_cycles[0] == cost.runtime_cycles[i]
    assert all(ch["ClusterSz"] <= hw.num_pes for ch, hw in zip(chosen, hws))


def test_constants_the_design_sets_are_left_alone():
    assert mapping_choices("dla", 64, {"KTileSz": 3}, CANDIDATES) == [{"ClusterSz": v} for v in (2, 4, 8, 16, 32,
                                                                                                    64)]
    assert mapping_choices("kcp_ws", 64, {}, CANDIDATES) == [{}]
    with pytest.raises(SpaceError, match="unknown constant 'Foo'; allowed: KTileSz, CTileSz, ClusterSz"):
        check_candidates({"Foo": [1]})
    with pytest.raises(SpaceError, match="non-empty list of integers >= 1"):
        check_candidates({"KTileSz": [0]})


def test_the_mapper_never_does_worse_than_the_template_defaults():
    net = zoo.load("mobilenet_v2").select("0:6")
    base = dict(parameters=(Parameter("num_pes", (64, 256)), Parameter("l1_bytes", (512, 4096)),
                            Parameter("l2_bytes", (1 << 20,))), mode="LS", dataflow="dla")
    plain = Evaluator(Problem(net, DesignSpace(**base)), check_budget=False)
    mapped = Evaluator(Problem(net, DesignSpace(**base, mapper=CANDIDATES)), check_budget=False)
    for point in ({"num_pes": p, "l1_bytes": l1, "l2_bytes": 1 << 20} for p, l1 in itertools.product((64, 256),
                                                                                                      (512, 4096))):
        a, b = plain.evaluate(point), mapped.evaluate(point)
        if a.feasible:
            assert b.feasible and b.metrics["latency_cycles"] <= a.metrics["latency_cycles"]
        dw = np.array([la.op is Op.DWCONV for la in net.layers])
        assert np.all(b.layers["map_KTileSz"] >= 1) and np.all(b.layers["map_CTileSz"] == 0)  # dla has no CTileSz
        assert np.all((b.layers["map_ClusterSz"] >= 1) == ~dw)  # a depthwise layer runs confx_dpt: no cluster


def test_a_mapped_run_reports_each_layers_mapping(tmp_path: Path):
    out = tmp_path / "run"
    res = CliRunner().invoke(app, [
        "run", str(Path(__file__).resolve().parents[1] / "configs" / "global_resnet50_edge.yaml"), "--out",
        str(out), "-q", "--set", "workload.layers=0:3", "--set", "search.budget=20",
        "--set", "search.stages=[{method: random}]", "--set", "space.dataflows=[dla, shi]",
        "--set", "space.mapper=true", "--set", "constraints={}",
        "--set", "platform=null"])
    assert res.exit_code == 0, res.output
    design = json.loads((out / "best.json").read_text())["design"]
    assert [m["layer"] for m in design["mapping"]] == [la.name for la in zoo.load("resnet50").layers[:3]]
    for m in design["mapping"]:
        assert m["dataflow"] in ("dla", "shi", "shi_k", "confx_dpt") and m["constants"]
        assert m["constants"].get("ClusterSz", 1) <= design["num_pes"]
    # the MAESTRO export writes each layer's own mapping: run back through the cost model, every layer takes the
    # cycles the mapper chose it for
    res = CliRunner().invoke(app, ["export", str(out), "--format", "maestro", "-o", str(tmp_path / "d.m")])
    assert res.exit_code == 0, res.output
    res = CliRunner().invoke(app, ["maestro", str(tmp_path / "d.m"), "--hw", str(tmp_path / "d_hw.m"),
                                   "--technology", design["technology"], "-o", str(tmp_path / "d.csv")])
    assert res.exit_code == 0, res.output
    import pandas as pd

    table = pd.read_csv(tmp_path / "d.csv")
    assert table["runtime_cycles"].tolist() == [m["runtime_cycles"] for m in design["mapping"]]


@settings(max_examples=30, deadline=None)
@given(st.sampled_from([16, 64, 192, 1024]), st.sampled_from([1 << 14, 1 << 17, 1 << 20]), st.sampled_from([4, 64]),
       st.sampled_from([(16, 8, 28, 3, 1, False), (96, 96, 56, 3, 2, True), (320, 160, 7, 1, 1, False),
                        (1000, 1280, 1, 1, 1, False)]),
       st.sampled_from(["latency_cycles", "energy_pj", "edp"]))
def test_systolic_both_takes_the_better_stationary_operand_per_layer(pes, l2, noc, shape, objective):
    """Gemmini's BOTH: the mapper's weight/output choice equals brute force over the two single-mode arrays."""
    k, c, y, r, stride, dw = shape
    op = Op.DWCONV if dw else Op.CONV
    layer = Layer("l", op, K=k, C=c, Y=y, X=y, R=r, S=r, stride=stride, padding=r // 2, groups=c if dw else 1)
    hw = Hardware(num_pes=pes, l1_bytes=64, l2_bytes=l2, noc_bw=noc)
    cost, chosen = best_mapping(layer, "systolic_both", HardwareBatch.coerce(hw), [{}], CANDIDATES, objective,
                                "28nm")
    score = {"latency_cycles": lambda c: c.runtime_cycles[0], "energy_pj": lambda c: c.energy_pj[0],
             "edp": lambda c: c.runtime_cycles[0] * c.energy_pj[0]}[objective]
    options = {code: analyze_layer(layer, f"systolic_{s}", hw, technology="28nm")
               for s, code in (("ws", 1), ("os", 2))}
    best_code = min(options, key=lambda code: (not bool(options[code].feasible[0]), score(options[code]), code))
    assert chosen[0] == {"stationary": best_code}
    assert cost.dataflow == "systolic_both"
    assert score(cost) == score(options[best_code])
    assert cost.energy_pj[0] == options[best_code].energy_pj[0]


def test_the_mapper_runs_a_layer_under_its_templates_variant_where_that_is_best():
    """eye's variant eye_k (output channels across the array, as MAESTRO's authors map Eyeriss's CONV3-5) wins on
    AlexNet's conv3 on Eyeriss's array; shi's shi_k (one output channel per PE) on LeNet-5's FC layer, whose one
    output pixel leaves shi's output-row mapping one PE."""
    eyeriss = Hardware(num_pes=168, l1_bytes=520, l2_bytes=110592, noc_bw=4, word_bytes=2, clock_mhz=200)
    conv3 = zoo.load("alexnet").layers[2]
    cost, chosen = best_mapping(conv3, "eye", HardwareBatch.coerce(eyeriss), [{}], CANDIDATES, "latency_cycles",
                                "65nm")
    assert VARIANT_BY_CODE[chosen[0]["variant"]] == "eye_k"
    (_, eye_alone), _, _ = min(
        ((not bool(c.feasible[0]), float(c.runtime_cycles[0])), "eye", ch)
        for ch in mapping_choices("eye", 168, {}, CANDIDATES, conv3) if ch["variant"] == 0
        for c in [analyze_layer(conv3, "eye", eyeriss, ch, technology="65nm")])
    assert cost.runtime_cycles[0] < eye_alone / 2 and cost.dataflow == "eye"
    fc = zoo.load("lenet5").layers[3]
    _, chosen = best_mapping(fc, "shi", HardwareBatch.coerce(Hardware(num_pes=64)), [{}], CANDIDATES,
                             "latency_cycles", "65nm")
    assert VARIANT_BY_CODE[chosen[0]["variant"]] == "shi_k" and "ClusterSz" not in chosen[0]


def test_a_layer_on_a_variant_is_reported_and_exported_under_its_name(tmp_path: Path):
    from maestro_text import maestro_reads

    out = tmp_path / "run"
    res = CliRunner().invoke(app, [
        "run", str(Path(__file__).resolve().parents[1] / "configs" / "global_resnet50_edge.yaml"), "--out",
        str(out), "-q", "--set", "workload.model=vgg16", "--set", "workload.layers=8:11", "--set",
        "search.budget=12", "--set", "search.stages=[{method: random}]", "--set", "space.dataflows=[eye]",
        "--set", "space.pe_array=false", "--set", "constraints={}", "--set", "platform=null"])
    assert res.exit_code == 0, res.output
    design = json.loads((out / "best.json").read_text())["design"]
    assert {m["dataflow"] for m in design["mapping"]} <= {"eye", "eye_k"} and design["dataflow"] == "eye"
    assert any(m["dataflow"] == "eye_k" for m in design["mapping"]), design["mapping"]
    assert "eye_k" in res.output  # the mapping table's dataflow column
    res = CliRunner().invoke(app, ["export", str(out), "--format", "maestro", "-o", str(tmp_path / "d.m")])
    assert res.exit_code == 0, res.output
    from npu_dse.cost_models.formats.maestro_m import read_mapping

    assert all(maestro_reads(text) == [] for text in read_mapping(tmp_path / "d.m").dataflows.values())
    res = CliRunner().invoke(app, ["maestro", str(tmp_path / "d.m"), "--hw", str(tmp_path / "d_hw.m"),
                                   "--technology", design["technology"], "-o", str(tmp_path / "d.csv")])
    assert res.exit_code == 0, res.output
    import pandas as pd

    assert pd.read_csv(tmp_path / "d.csv")["runtime_cycles"].tolist() == [m["runtime_cycles"]
                                                                           for m in design["mapping"]]


def test_analyze_layer_runs_a_choices_variant_per_point_and_refuses_a_foreign_one():
    layer = zoo.load("alexnet").layers[2]
    hws = HardwareBatch.from_points([Hardware(num_pes=168, l1_bytes=520, l2_bytes=110592)] * 3)
    consts = {"KTileSz": np.array([2, 4, 2]), "ClusterSz": np.array([8, 8, 16]), "variant": np.array([0, 1, 1])}
    mixed = analyze_layer(layer, "eye", hws, consts, technology="65nm")
    assert mixed.dataflow == "eye"
    for i, name in enumerate(("eye", "eye_k", "eye_k")):
        one = analyze_layer(layer, name, hws.take(np.array([i])), {"KTileSz": int(consts["KTileSz"][i]),
                                                                    "ClusterSz": int(consts["ClusterSz"][i])},
                            technology="65nm")
        assert mixed.runtime_cycles[i] == one.runtime_cycles[0] and mixed.energy_pj[i] == one.energy_pj[0]
    with pytest.raises(DataflowError, match=r"dataflow 'dla': variant 1 is not one of its variants; allowed: 0"):
        analyze_layer(layer, "dla", hws, {"variant": 1})
    with pytest.raises(DataflowError, match=r"dataflow 'eye': variant 2 .* allowed: 0 \(the template\), 1 \(eye_k\)"):
        analyze_layer(layer, "eye", hws, {"variant": 2})


def test_a_layer_pipelined_mapped_design_states_each_layers_choice_in_per_layer():
    """per_layer gives each sub-accelerator's mapping as the mapper chose it (not ConfuciuX's ClusterSz = PEs)."""
    from npu_dse.design import design_document

    net = zoo.load("lenet5")
    space = DesignSpace((Parameter("num_pes", (16, 64), scope="per_layer"), Parameter("l1_bytes", (512,)),
                         Parameter("l2_bytes", (65536,))), mode="LP", dataflow="eye", mapper=CANDIDATES)
    problem = Problem(net, space, technology="28nm")
    ev = Evaluator(problem, check_budget=False).evaluate({"num_pes": (64, 64, 16, 16, 16), "l1_bytes": 512,
                                                          "l2_bytes": 65536})
    doc = design_document(problem, ev)
    for entry, m in zip(doc["per_layer"], doc["design"]["mapping"]):
        assert (entry["dataflow"], entry["constants"]) == (m["dataflow"], m["constants"])
        again = analyze_layer(net.layers[[la.name for la in net.layers].index(entry["layer"])], entry["dataflow"],
                              Hardware(num_pes=entry["num_pes"], l1_bytes=512, l2_bytes=65536),
                              entry["constants"], technology="28nm")
        assert again.runtime_cycles[0] == entry["runtime_cycles"]
    assert {e["dataflow"] for e in doc["per_layer"]} <= {"eye", "eye_k", "confx_dpt"}
