"""A search held to what a hardware generator builds (``space.generator``): levels, feasibility, and exports that
pass the generator's own rules."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
import yaml
from typer.testing import CliRunner

from npu_dse.cli import app
from npu_dse.cost_models.errors import SpaceError
from npu_dse.cost_models.generators import GENERATORS, restrict, violation
from npu_dse.cost_models.space import confuciux_space, global_space
from npu_dse.cost_models.systolic import accumulator_bytes
from npu_dse.export import render
from npu_dse.processor.config import ProcessorConfig

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()
FORMAT_RULES = {"gemmini": "gemmini", "nvdla": "nvdla", "vta": "vta"}


@pytest.mark.parametrize("generator", GENERATORS)
def test_restricted_levels_are_the_generators(generator):
    space = restrict(global_space(), generator)
    assert space.generator == generator and space.mode == "LS"
    pes = space.parameter("num_pes").values
    dataflows = set(space.parameter("dataflow").values)
    l2 = space.parameter("l2_bytes").values
    if generator == "gemmini":
        assert pes == (64, 256, 1024, 4096) and dataflows == {"systolic_ws", "systolic_os", "systolic_both"}  # as its mesh computes
    elif generator == "nvdla":
        assert pes == (64, 256, 512, 1024, 2048) and dataflows == {"kcp_ws"}
        assert max(l2) == 1 << 20
    else:
        assert all(p & (p - 1) == 0 for p in pes) and all(b % 13 == 0 for b in l2) and dataflows == {"kcp_ws"}
    assert all(p.range is None for p in space.parameters if p.name in ("num_pes", "l2_bytes", "dataflow"))


@pytest.mark.parametrize("generator", GENERATORS)
def test_a_pe_array_space_is_held_to_the_pe_counts_the_generator_builds(generator):
    space = restrict(global_space(("systolic_ws", "systolic_os", "kcp_ws"), pe_array=True), generator)
    names = [p.name for p in space.parameters]
    assert "num_pes" in names and "pe_rows" not in names and "pe_cols" not in names
    pes = space.parameter("num_pes").values  # products of the rows' and columns' levels 8, 16, 32, 64
    assert pes == {"gemmini": (64, 256, 1024, 4096), "nvdla": (64, 256, 512, 1024, 2048),
                   "vta": (64, 128, 256, 512, 1024, 2048, 4096)}[generator]
    for n in pes:  # every PE count (for Gemmini, as its squarest array) builds with some L2 level of the space
        designs = [{"num_pes": n, "l2_bytes": b, "dataflow": space.parameter("dataflow").values[0], "word_bytes": 1}
                   for b in space.parameter("l2_bytes").values]
        assert any(violation(generator, d) is None for d in designs), n


def test_layer_pipelined_space_and_unknown_generator_are_refused():
    with pytest.raises(SpaceError, match="layer-pipelined"):
        restrict(confuciux_space(), "gemmini")
    with pytest.raises(SpaceError, match="allowed: gemmini, nvdla, vta"):
        restrict(global_space(), "eyeriss")


def test_violation_names_the_rule():
    assert violation("gemmini", {"num_pes": 256, "l2_bytes": 256 * 1024, "dataflow": "kcp_ws"}) is None
    assert "power of 2" in violation("gemmini", {"num_pes": 144, "l2_bytes": 256 * 1024, "dataflow": "kcp_ws"})


def _config(tmp_path: Path, generator: str) -> Path:
    cfg = yaml.safe_load((ROOT / "configs" / "global_resnet50_edge.yaml").read_text())
    cfg["workload"] = {"model": "resnet50", "layers": "0:6"}
    cfg["search"] = {"budget": 60, "stages": [{"method": "random", "budget": 0.5}, {"method": "ga"}], "exact": False}
    path = tmp_path / "exp.yaml"
    path.write_text(yaml.safe_dump(cfg))
    return path


@pytest.mark.parametrize("generator", GENERATORS)
def test_a_held_run_only_accepts_buildable_designs_and_its_export_passes(generator, tmp_path):
    res = runner.invoke(app, ["run", str(_config(tmp_path, generator)), "--out", str(tmp_path / "run"), "-q",
                              "--set", f"space.generator={generator}"])
    assert res.exit_code == 0, res.output
    doc = json.loads((tmp_path / "run" / "best.json").read_text())
    assert violation(generator, doc["design"]) is None
    main = render(doc, FORMAT_RULES[generator])["main"]
    if generator == "gemmini":  # costed as Gemmini's mesh computes, with the accumulator it builds
        d = doc["design"]
        assert d["dataflow"] in ("systolic_ws", "systolic_os", "systolic_both")
        assert d["acc_bytes"] == accumulator_bytes(d["l2_bytes"], d["num_pes"])
        assert f"acc_capacity = CapacityInKilobytes({d['acc_bytes'] // 1024})" in main
        assert doc["metrics"]["sram_bytes"] == d["num_pes"] * d["l1_bytes"] + d["l2_bytes"] + d["acc_bytes"]
        # the RNN processor is the same design: its lanes, scratchpad and accumulator
        cfg = ProcessorConfig.from_design(tmp_path / "run")
        assert (cfg.lanes, cfg.weight_mem_bytes, cfg.act_mem_bytes) == (d["num_pes"], d["l2_bytes"], d["acc_bytes"])
        assert cfg.clock_mhz == d["clock_mhz"] and cfg.weight.word_bits == 8 * d["word_bytes"]
    history = pd.read_parquet(tmp_path / "run" / "history.parquet")
    flagged = history.violations.fillna("").str.contains("generator")
    for row in history.itertuples():
        design = json.loads(row.design)
        if "pe_cols" in design:  # the PE array searched as rows x columns (DesignSpace.layer_params)
            design["num_pes"] = design["pe_rows"] * design.pop("pe_cols")
        design.setdefault("offchip_bw", doc["design"]["offchip_bw"])
        design.setdefault("word_bytes", 1)
        assert (violation(generator, design) is not None) == flagged[row.Index], design
    assert not (history.feasible & flagged).any()


def test_generator_with_the_confuciux_space_is_refused_in_one_line(tmp_path):
    cfg = tmp_path / "c.yaml"
    cfg.write_text(yaml.safe_dump({"name": "x", "workload": {"model": "confuciux/resnet50"}, "platform": "edge",
                                   "space": {"preset": "confuciux", "generator": "gemmini"}}))
    res = runner.invoke(app, ["validate", str(cfg)])
    assert res.exit_code == 2 and "needs one accelerator" in res.output
    bad = yaml.safe_load(_config(tmp_path, "x").read_text())
    bad["space"]["generator"] = "eyeriss"
    cfg.write_text(yaml.safe_dump(bad))
    res = runner.invoke(app, ["validate", str(cfg)])
    assert res.exit_code == 2 and "space.generator" in res.output and "gemmini" in res.output, res.output
