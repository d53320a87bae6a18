"""A searched clock and operand width (issue 15, part 1): priced point by point, and added to a preset from YAML."""

from __future__ import annotations

import json

import pytest
import yaml
from typer.testing import CliRunner

from npu_dse.cli import app
from npu_dse.config import load_experiment
from npu_dse.cost_models.errors import SpaceError
from npu_dse.cost_models.evaluator import Evaluator, Problem
from npu_dse.cost_models.hardware import Hardware
from npu_dse.cost_models.maestro import analyze_layer
from npu_dse.cost_models.space import DesignSpace, Parameter
from npu_dse.cost_models.workload import Layer, Network, Op
from npu_dse.run import build_space

NET = Network("two", (
    Layer("conv", Op.CONV, K=32, C=16, Y=16, X=16, R=3, S=3, padding=1),
    Layer("fc", Op.GEMM, K=64, C=512),
))
SPACE = DesignSpace((
    Parameter("num_pes", (64, 256)),
    Parameter("l2_bytes", (65536, 262144)),
    Parameter("clock_mhz", (400, 1000)),
    Parameter("word_bytes", (1, 2)),
), mode="LS", dataflow="kcp_ws", fixed={"noc_bw": 32, "l1_bytes": 512})


def _points():
    return [{"num_pes": p, "l2_bytes": 262144, "clock_mhz": c, "word_bytes": w}
            for p in (64, 256) for c in (400, 1000) for w in (1, 2)]


def test_a_batch_of_mixed_clocks_and_word_widths_prices_each_point_as_alone():
    batch = Evaluator(Problem(NET, SPACE, technology="28nm"), cache=False).evaluate_batch(_points())
    for point, got in zip(_points(), batch):
        alone = Evaluator(Problem(NET, SPACE, technology="28nm"), cache=False).evaluate(point)
        for metric in ("latency_cycles", "latency_ms", "energy_pj", "power_mw", "area_mm2"):
            assert got.metrics[metric] == pytest.approx(alone.metrics[metric], rel=1e-12), (point, metric)
        # the same as the layers priced one by one on that point's hardware
        hw = Hardware(num_pes=point["num_pes"], l2_bytes=262144, noc_bw=32, l1_bytes=512,
                      clock_mhz=point["clock_mhz"], word_bytes=point["word_bytes"])
        by_hand = [analyze_layer(layer, "kcp_ws", hw, technology="28nm") for layer in NET.layers]
        assert got.metrics["energy_pj"] == pytest.approx(sum(float(c.energy_pj[0]) for c in by_hand), rel=1e-12)
        cycles = sum(float(c.runtime_cycles[0]) for c in by_hand)
        assert got.metrics["latency_ms"] == pytest.approx(cycles / (point["clock_mhz"] * 1e3), rel=1e-12)
        m = got.metrics
        assert m["power_mw"] * m["latency_ms"] * 1e6 == pytest.approx(m["energy_pj"], rel=1e-9)


def test_wider_words_cost_more_energy_and_area_and_a_faster_clock_more_power():
    ev = Evaluator(Problem(NET, SPACE, technology="28nm"))
    base = {"num_pes": 256, "l2_bytes": 262144, "clock_mhz": 400, "word_bytes": 1}
    m8, m16 = ev.evaluate(base).metrics, ev.evaluate({**base, "word_bytes": 2}).metrics
    assert m16["energy_pj"] > m8["energy_pj"] and m16["area_mm2"] > m8["area_mm2"]
    slow, fast = m8, ev.evaluate({**base, "clock_mhz": 1000}).metrics
    assert fast["latency_ms"] < slow["latency_ms"] and fast["power_mw"] > slow["power_mw"]
    assert fast["area_mm2"] == pytest.approx(slow["area_mm2"], rel=1e-12)  # the clock buys no silicon


def _config(tmp_path, **space):
    cfg = {"name": "clk", "seed": 0, "workload": {"model": "mobilenet_v2", "layers": "0:4"}, "platform": "edge",
           "space": space, "objectives": ["latency_ms"],
           "search": {"budget": 60, "stages": [{"method": "ga"}], "exact": False}}
    path = tmp_path / "clk.yaml"
    path.write_text(yaml.safe_dump(cfg))
    return path


CLOCK = {"name": "clock_mhz", "values": [400, 800, 1200], "range": [200, 1600, 100]}


def test_parameters_beside_a_preset_are_added_to_it_or_replace_its_own(tmp_path):
    noc = {"name": "noc_bw", "values": [16, 64], "range": [8, 128, 8]}
    cfg = load_experiment(_config(tmp_path, preset="global", pe_array=True, parameters=[CLOCK, noc]))
    space = build_space(cfg.space)
    names = [p.name for p in space.parameters]
    assert names == ["pe_rows", "pe_cols", "l1_bytes", "l2_bytes", "noc_bw", "dataflow", "clock_mhz"]
    assert space.parameter("noc_bw").values == (16, 64) and space.parameter("clock_mhz").values == (400, 800, 1200)
    # without a preset written out, the parameters are the whole space (as before), the rest fixed
    alone = build_space(load_experiment(_config(tmp_path, mode="LS", parameters=[CLOCK, noc],
                                                fixed={"num_pes": 64})).space)
    assert [p.name for p in alone.parameters] == ["clock_mhz", "noc_bw"] and alone.fixed["num_pes"] == 64
    # and a space that leaves the PE count unset is refused, naming what to give
    with pytest.raises(SpaceError, match="the PE count is neither searched nor fixed"):
        build_space(load_experiment(_config(tmp_path, mode="LS", parameters=[CLOCK, noc])).space)


def test_cli_run_searches_the_clock_and_reports_it(tmp_path):
    path = _config(tmp_path, preset="global", pe_array=True, mapper=True, dataflows=["systolic_os", "kcp_ws"],
                   parameters=[CLOCK])
    out = tmp_path / "run"
    res = CliRunner().invoke(app, ["run", str(path), "--out", str(out)])
    assert res.exit_code == 0, res.output
    best = json.loads((out / "best.json").read_text())
    design, metrics = best["design"], best["metrics"]
    assert 200 <= design["clock_mhz"] <= 1600 and design["clock_mhz"] % 100 == 0
    assert metrics["latency_ms"] == pytest.approx(metrics["latency_cycles"] / (design["clock_mhz"] * 1e3), rel=1e-9)
    # the off-chip bandwidth in best.json is the DRAM preset's (LPDDR4, 12.8 GB/s) at that clock
    assert design["offchip_bw"] == pytest.approx(12.8e3 / design["clock_mhz"], rel=1e-9)


def test_an_unknown_searched_field_is_refused_naming_clock_and_word_width(tmp_path):
    path = _config(tmp_path, preset="global", parameters=[{"name": "clock_ghz", "values": [1]}])
    res = CliRunner().invoke(app, ["run", str(path), "--out", str(tmp_path / "x")])
    assert res.exit_code == 2
    line = res.output.strip().splitlines()[-1]
    assert "clock_ghz" in line and "clock_mhz" in line and "word_bytes" in line and str(path) in line


def test_the_resolved_config_reads_back_as_the_same_space(tmp_path):
    from npu_dse.config import dump_config

    for space in ({"mode": "LS", "parameters": [CLOCK], "fixed": {"num_pes": 64}},
                  {"preset": "global", "parameters": [CLOCK]}):
        cfg = load_experiment(_config(tmp_path, **space))
        again = tmp_path / "again.yaml"
        again.write_text(dump_config(cfg))
        assert build_space(load_experiment(again).space) == build_space(cfg.space)
