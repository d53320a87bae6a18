"""Experiment/sweep schema: valid files load; every kind of bad file gives one ConfigError line naming the file,
the field path and the allowed values; overrides and sweep expansion."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from npu_dse.cost_models.evaluator import OBJECTIVES, PLATFORMS
from npu_dse.cli import app
from npu_dse.config import (
    ConfigError, load_experiment, load_sweep, make_run_id, parse_overrides, set_path,
    validate_file,
)
from npu_dse.run import build_network, build_problem

CONFIGS = Path(__file__).resolve().parents[1] / "configs"

BASE = {
    "name": "t",
    "seed": 3,
    "workload": {"model": "lenet5"},
    "platform": "edge",
    "space": {"preset": "confuciux", "dataflow": "dla", "mode": "LP"},
    "objectives": ["latency_cycles"],
    "search": {"budget": 50, "stages": [{"method": "random", "budget": 0.5}, {"method": "ga"}]},
}


def write(tmp_path: Path, data, name: str = "exp.yaml") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else yaml.safe_dump(data))
    return path


def error_of(path: Path, overrides=None) -> str:
    with pytest.raises(ConfigError) as info:
        load_experiment(path, overrides)
    msg = str(info.value)
    assert "\n" not in msg
    assert msg.startswith(str(path))
    return msg


@pytest.mark.parametrize("path", sorted(CONFIGS.glob("*.yaml")), ids=lambda p: p.name)
def test_every_shipped_config_validates(path: Path) -> None:
    assert "valid" in validate_file(path)


def test_valid_experiment_loads_with_defaults(tmp_path: Path) -> None:
    cfg = load_experiment(write(tmp_path, BASE))
    assert cfg.seed == 3 and cfg.search.budget == 50
    assert [s.method for s in cfg.search.stages] == ["random", "ga"]
    assert cfg.search.stages[0].budget == 0.5 and cfg.search.stages[1].budget is None
    assert cfg.output.root == "experiments/runs"
    problem = build_problem(cfg)
    assert problem.network.name == "lenet5" and problem.platform == "edge"
    assert problem.space.mode == "LP" and problem.space.dataflow == "dla"
    assert {c.metric: c.limit for c in problem.constraints} == {
        "total_pes": PLATFORMS["edge"].total_pes, "buffer_bytes": PLATFORMS["edge"].buffer_bytes}


@pytest.mark.parametrize("platform", ["iot", "edge", "mobile", "cloud"])
def test_platform_budgets_are_in_mm2_and_mw_at_the_platforms_node(tmp_path: Path, platform: str) -> None:
    """A physical problem takes the platform's area and power budgets and its node, word width, clock and DRAM; a
    technology block overrides what it sets (the rest stays the platform's) and keeps the platform's budgets."""
    from npu_dse.cost_models.technology import PhysicalTechnology

    plat = PLATFORMS[platform]
    cfg = {**BASE, "platform": platform, "space": {"preset": "global"}}
    problem = build_problem(load_experiment(write(tmp_path, cfg)))
    assert {c.metric: c.limit for c in problem.constraints} == {"area_mm2": plat.area_mm2, "power_mw": plat.power_mw}
    assert isinstance(problem.technology, PhysicalTechnology) and problem.technology.node_nm == int(plat.node[:-2])
    assert problem.technology.dram == plat.dram
    assert problem.space.fixed["word_bytes"] == plat.word_bits // 8
    assert problem.space.fixed["clock_mhz"] == plat.clock_mhz
    own = build_problem(load_experiment(write(tmp_path, {**cfg, "technology": {"node": "45nm", "clock_mhz": 500}})))
    assert own.technology.node_nm == 45 and own.space.fixed["clock_mhz"] == 500
    # what the block leaves out stays the platform's (a cloud chip at another node keeps its HBM2)
    assert own.technology.dram == plat.dram and own.space.fixed["word_bytes"] == plat.word_bits // 8
    node_only = build_problem(load_experiment(write(tmp_path, {**cfg, "technology": "16nm"})))
    assert node_only.technology.node_nm == 16 and node_only.technology.dram == plat.dram
    assert node_only.space.fixed["clock_mhz"] == plat.clock_mhz
    assert {c.metric for c in own.constraints} == {"area_mm2", "power_mw"}
    assert plat.resembles and plat.area_mm2 > 0 and plat.power_mw > 0


def test_single_objective_string_becomes_list(tmp_path: Path) -> None:
    cfg = load_experiment(write(tmp_path, {**BASE, "objectives": "energy_pj"}))
    assert cfg.objectives == ["energy_pj"]


def test_yaml_syntax_error_names_line(tmp_path: Path) -> None:
    path = write(tmp_path, "name: t\nworkload: {model: lenet5\nsearch: [\n")
    msg = error_of(path)
    assert "YAML syntax error" in msg and f"{path}:" in msg


def test_top_level_not_mapping(tmp_path: Path) -> None:
    assert "expected a YAML mapping" in error_of(write(tmp_path, "- a\n- b\n"))


def test_unknown_method_names_stage_path_and_methods(tmp_path: Path) -> None:
    data = {**BASE, "search": {"budget": 50, "stages": [{"method": "random"}, {"method": "magic"}]}}
    msg = error_of(write(tmp_path, data))
    assert "search.stages[1].method" in msg and "'magic'" in msg
    assert "allowed:" in msg and "ppo" in msg and "ga" in msg


def test_unknown_field_lists_allowed_fields(tmp_path: Path) -> None:
    msg = error_of(write(tmp_path, {**BASE, "search": {**BASE["search"], "budgit": 3}}))
    assert "search.budgit" in msg and "unknown field" in msg
    assert "allowed: budget, stages, exact" in msg


def test_unknown_top_level_field(tmp_path: Path) -> None:
    msg = error_of(write(tmp_path, {**BASE, "platfrom": "edge"}))
    assert "platfrom" in msg and "allowed:" in msg and "platform" in msg


@pytest.mark.parametrize("field,value,path,needle", [
    ("objectives", ["latency_cycles", "speed"], "objectives", "latency_cycles, energy_pj"),
    ("platform", "mars", "platform", "cloud, edge, iot"),
    ("workload", {"model": "resnet51"}, "workload.model", "resnet50"),
    ("constraints", {"pes": 10}, "constraints", "total_pes"),
    ("constraints", {"area_mm2": "huge"}, "constraints", "platform"),
    ("constraints", {"area_mm2": {"ratio": 2}}, "constraints", "[0, 1]"),
    ("constraints", {"power_mw": {"ratio": "x"}}, "constraints", "constraint 'power_mw': ratio 'x' is not a number"),
    ("constraints", {"power_mw": {"ratio": 0.5, "limit": 3}}, "constraints", "allowed: a number, {ratio: r}"),
    ("constraints", {"total_pes": True}, "constraints", "constraint 'total_pes': True; allowed: a number"),
    ("constraints", {"total_pes": [256]}, "constraints", "constraint 'total_pes': [256]; allowed: a number"),
    ("space", {"preset": "confuciux", "dataflow": "nvdla2"}, "space.dataflow", "kcp_ws"),
    ("space", {"preset": "tiny"}, "space.preset", "'confuciux'"),
    ("space", {"preset": "global", "dataflow": "dla"}, "space", "dataflows"),
    ("space", {"preset": "confuciux", "mode": "XX"}, "space.mode", "'LP'"),
    ("seed", -1, "seed", "greater than or equal to 0"),
    ("name", "has space", "name", "pattern"),
])
def test_bad_field_names_path_and_allowed_values(tmp_path: Path, field, value, path, needle) -> None:
    msg = error_of(write(tmp_path, {**BASE, field: value}))
    assert f": {path}" in msg and needle in msg


def test_objective_allowed_values_are_the_evaluators(tmp_path: Path) -> None:
    msg = error_of(write(tmp_path, {**BASE, "objectives": ["speed"]}))
    for name in OBJECTIVES:
        assert name in msg


def test_missing_required_field(tmp_path: Path) -> None:
    data = {k: v for k, v in BASE.items() if k != "search"}
    assert "search: required field is missing" in error_of(write(tmp_path, data))


@pytest.mark.parametrize("stages,budget,needle", [
    ([{"method": "random", "budget": 0.7}, {"method": "ga", "budget": 0.6}], 50, "fractions sum to 1.3"),
    ([{"method": "random", "budget": 40}, {"method": "ga", "budget": 20}], 50, "exceed the total budget 50"),
    ([{"method": "random", "budget": 2.5}], 50, "integer >= 1"),
    ([], 50, "at least 1"),
])
def test_bad_budgets(tmp_path: Path, stages, budget, needle) -> None:
    msg = error_of(write(tmp_path, {**BASE, "search": {"budget": budget, "stages": stages}}))
    assert "search" in msg and needle in msg


def test_platform_constraint_needs_platform(tmp_path: Path) -> None:
    msg = error_of(write(tmp_path, {**BASE, "platform": None, "constraints": {"area_mm2": "platform"}}))
    assert "needs a 'platform'" in msg


def test_overrides_set_nested_fields_and_lists(tmp_path: Path) -> None:
    path = write(tmp_path, BASE)
    cfg = load_experiment(path, ["search.budget=80", "search.stages[1].method=anneal", "seed=9",
                                 "objectives=[latency_cycles, energy_pj]"])
    assert cfg.search.budget == 80 and cfg.search.stages[1].method == "anneal" and cfg.seed == 9
    assert cfg.objectives == ["latency_cycles", "energy_pj"]
    msg = error_of(path, ["search.stages.1.method=nope"])
    assert "search.stages[1].method" in msg
    with pytest.raises(ConfigError, match="out of range"):
        load_experiment(path, ["search.stages[5].method=ga"])
    with pytest.raises(ConfigError, match="key=value"):
        parse_overrides(["search.budget"])


@given(st.lists(st.integers(0, 5), min_size=1, max_size=4), st.integers(-100, 100))
@settings(max_examples=50)
def test_set_path_then_read_back(indices, value) -> None:
    data: dict = {}
    key = "a.b"
    set_path(data, key, {"x": [0] * 6})
    path = f"a.b.x[{indices[0]}]"
    set_path(data, path, value)
    assert data["a"]["b"]["x"][indices[0]] == value
    assert len(data["a"]["b"]["x"]) == 6


def test_layer_subset_by_names_and_slice(tmp_path: Path) -> None:
    cfg = load_experiment(write(tmp_path, {**BASE, "workload": {"model": "lenet5", "layers": "1:3"}}))
    net = build_network(cfg.workload)
    assert [l.name for l in net.layers] == ["c3", "c5"]
    cfg = load_experiment(write(tmp_path, {**BASE, "workload": {"model": "lenet5", "layers": ["c5", "c1"]}}))
    assert [l.name for l in build_network(cfg.workload).layers] == ["c5", "c1"]
    cfg = load_experiment(write(tmp_path, {**BASE, "workload": {"model": "lenet5", "layers": ["c9"]}}))
    with pytest.raises(ConfigError, match=r"workload.layers: unknown layer\(s\) \['c9'\]; allowed: c1"):
        build_network(cfg.workload)


def test_sweep_expands_grid_times_seeds_with_stable_ids(tmp_path: Path) -> None:
    write(tmp_path, BASE, "base.yaml")
    sweep_path = write(tmp_path, {"name": "s", "base": "base.yaml", "grid": {"platform": ["edge", "cloud"],
                                  "space.mode": ["LP", "LS"]}, "seeds": [0, 1], "set": {"search.budget": 20}},
                       "sweep.yaml")
    sweep, runs = load_sweep(sweep_path)
    assert len(runs) == 8 and len({r.run_id for r in runs}) == 8
    assert all(r.config.search.budget == 20 for r in runs)
    assert {(r.params["platform"], r.params["space.mode"], r.seed) for r in runs} == {
        (p, m, s) for p in ("edge", "cloud") for m in ("LP", "LS") for s in (0, 1)}
    assert all(r.config.seed == r.seed and r.config.platform == r.params["platform"] for r in runs)
    assert [r.run_id for r in load_sweep(sweep_path)[1]] == [r.run_id for r in runs]
    assert "valid sweep 's' with 8 run(s)" in validate_file(sweep_path)


def test_sweep_grid_value_error_names_the_run(tmp_path: Path) -> None:
    write(tmp_path, BASE, "base.yaml")
    sweep_path = write(tmp_path, {"name": "s", "base": "base.yaml", "grid": {"platform": ["edge", "moon"]}},
                       "sweep.yaml")
    with pytest.raises(ConfigError) as info:
        load_sweep(sweep_path)
    assert "platform=moon" in str(info.value) and "allowed: cloud, edge, iot" in str(info.value)


def test_sweep_file_refused_by_run(tmp_path: Path) -> None:
    path = write(tmp_path, {"name": "s", "base": "base.yaml", "grid": {}})
    assert "sweep file" in error_of(path)


@given(st.dictionaries(st.sampled_from(["platform", "seed", "space.mode", "workload.model"]),
                       st.one_of(st.integers(0, 9), st.sampled_from(["edge", "LP", "confuciux/resnet50"])),
                       max_size=3), st.integers(0, 3))
@settings(max_examples=60)
def test_run_ids_are_file_names_and_distinguish_runs(params, seed) -> None:
    rid = make_run_id(params, seed)
    assert "/" not in rid and " " not in rid and rid == make_run_id(dict(params), seed)
    assert rid != make_run_id(params, seed + 1)


def test_cli_validate_ok_and_error_exit_code(tmp_path: Path) -> None:
    runner = CliRunner()
    good = write(tmp_path, BASE)
    res = runner.invoke(app, ["validate", str(good)])
    assert res.exit_code == 0 and "valid experiment 't'" in res.output
    bad = write(tmp_path, {**BASE, "search": {"budget": 5, "stages": [{"method": "foo"}]}}, "bad.yaml")
    res = runner.invoke(app, ["validate", str(bad)])
    assert res.exit_code == 2
    lines = [l for l in res.output.splitlines() if l.strip()]
    assert len(lines) == 1 and lines[0].startswith(f"error: {bad}: search.stages[0].method: unknown method 'foo'")


def test_validate_builds_the_problem(tmp_path: Path) -> None:
    bad_layers = write(tmp_path, {**BASE, "workload": {"model": "lenet5", "layers": ["c1", "zz"]}})
    with pytest.raises(ConfigError) as info:
        validate_file(bad_layers)
    assert str(info.value).startswith(f"{bad_layers}: workload.layers: unknown layer(s) ['zz']; allowed: c1, c3")
    clash = write(tmp_path, {**BASE, "space": {"preset": "confuciux", "fixed": {"num_pes": 4}}}, "clash.yaml")
    with pytest.raises(ConfigError, match=r"clash.yaml: space: design space: \['num_pes'\] both searched and fixed"):
        validate_file(clash)
    global_rf = write(tmp_path, {**BASE, "space": {"preset": "global"},
                                 "search": {"budget": 5, "stages": [{"method": "reinforce"}]}}, "global_rf.yaml")
    with pytest.raises(ConfigError, match=r"global_rf.yaml: search.stages\[0\]: reinforce .* needs per-layer"):
        validate_file(global_rf)
    option = write(tmp_path, {**BASE, "search": {"budget": 5, "stages": [{"method": "ga", "options": {"pop": 4}}]}},
                   "option.yaml")
    with pytest.raises(ConfigError, match=r"option.yaml: search.stages\[0\]: stage 'ga': unknown option 'pop'"):
        validate_file(option)
    empty = write(tmp_path, {**BASE, "workload": {"model": "lenet5", "layers": "7:9"}}, "empty.yaml")
    with pytest.raises(ConfigError, match="selects no layer of 5"):
        validate_file(empty)


def test_layer_slice_is_not_read_as_a_base_60_number(tmp_path: Path) -> None:
    path = write(tmp_path, "name: t\nworkload: {model: lenet5, layers: 1:3}\nsearch: {budget: 5, stages: [{method: ga}]}\n")
    cfg = load_experiment(path)
    assert cfg.workload.layers == "1:3"  # YAML 1.1 would read 1:3 as the integer 63
    assert [l.name for l in build_network(cfg.workload).layers] == ["c3", "c5"]
    assert load_experiment(path, ["workload.layers=2:4"]).workload.layers == "2:4"
    assert load_experiment(path, ["search.budget=0x10", "seed=7"]).search.budget == 16
