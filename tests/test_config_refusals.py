"""``dse validate`` refuses what ``dse run`` would (issue 19): encodings, size, nesting and alias limits, duplicated
keys, names, seeds, bad fixed hardware, infeasible budgets; one line, exit 2, no traceback, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from npu_dse.cli import app

runner = CliRunner()
BASE = {
    "name": "t",
    "workload": {"model": "lenet5"},
    "platform": "edge",
    "space": {"preset": "confuciux"},
    "search": {"budget": 20, "stages": [{"method": "random"}]},
}


def _refused(path: Path, needle: str, tmp_path: Path) -> None:
    for command in (["validate", str(path)], ["run", str(path), "--out", str(tmp_path / "out"), "-q"]):
        res = runner.invoke(app, command)
        assert res.exit_code == 2, (command, res.output)
        assert "Traceback" not in res.output
        lines = [line for line in res.output.splitlines() if line.startswith("error: ")]
        assert len(lines) == 1 and needle in lines[0] and str(path) in lines[0], res.output
    assert not (tmp_path / "out").exists()


def _write(tmp_path: Path, data, name: str = "c.yaml") -> Path:
    path = tmp_path / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data if isinstance(data, str) else yaml.safe_dump(data))
    return path


@pytest.mark.parametrize("change, needle", [
    ({"space": {"preset": "confuciux", "fixed": {"noc_bw": -1}}}, "'noc_bw' must be a number > 0, got -1"),
    ({"space": {"preset": "confuciux", "fixed": {"noc_bw": float("nan")}}}, "'noc_bw' must be a number > 0"),
    ({"space": {"preset": "confuciux", "fixed": {"simd_lanes": 0}}}, "'simd_lanes' must be an integer >= 1"),
    ({"space": {"preset": "confuciux", "fixed": {"l1_bytes": 0}}}, "'l1_bytes' must be None or an integer >= 1"),
    ({"space": {"preset": "confuciux", "fixed": {"warp_drive": 9}}}, "unknown fixed field 'warp_drive'"),
    ({"space": {"preset": "confuciux", "fixed": {"KTileSz": 0}}}, "constant 'KTileSz' must be an integer >= 1"),
    ({"workload": {"model": "resnet50", "layers": "0:2"}, "platform": None,
      "space": {"preset": "global", "fixed": {"offchip_bw": 1e-300}}}, "bandwidths that small are not a design"),
    ({"constraints": {"total_pes": 1}}, "constraint 'total_pes' = 1 cannot be met"),
    ({"space": {"parameters": [{"name": "num_pes", "values": [64, 10**26]}], "mode": "LS",
                "dataflow": "kcp_ws"}}, "value 100000000000000000000000000 is above 1,099,511,627,776 (2^40)"),
    ({"name": ".."}, "only dots"),
    ({"name": "x" * 5000}, "name"),
    ({"seed": 2**32, "search": {"budget": 20, "stages": [{"method": "ppo"}]}}, "seed"),
])
def test_validate_refuses_what_run_refuses(tmp_path, change, needle):
    _refused(_write(tmp_path, {**BASE, **change}), needle, tmp_path)


def test_duplicated_keys_are_refused_with_both_lines(tmp_path):
    text = yaml.safe_dump(BASE) + "search: {budget: 10, stages: [{method: ga}]}\n"
    _refused(_write(tmp_path, text), "key 'search' is written twice in one mapping (first on line", tmp_path)


@pytest.mark.parametrize("data, needle", [
    (b"\xff\xfe\x00n\x00a\x00m\x00e", "not UTF-8 text"),
    ("name: t\n".encode("utf-16"), "not UTF-8 text"),
    (b"\x00\x01\x02\x89PNG", "not UTF-8 text"),
])
def test_files_that_are_not_utf8_are_refused(tmp_path, data, needle):
    _refused(_write(tmp_path, data), needle, tmp_path)


def test_deep_nesting_and_alias_bombs_are_refused_fast(tmp_path):
    deep = _write(tmp_path, "a: " + "[" * 100_000 + "]" * 100_000 + "\n", "deep.yaml")
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi"))
    for path, needle in ((deep, "nested more than 64 levels deep"), (_write(tmp_path, bomb, "bomb.yaml"),
                                                                    "more than 64 YAML aliases")):
        _refused(path, needle, tmp_path)  # refused on parser events, before anything is expanded


def test_a_file_too_large_is_refused(tmp_path):
    path = _write(tmp_path, "a: [" + "1, " * 600_000 + "1]\n")
    _refused(path, "a config file holds at most 1,048,576", tmp_path)


def test_validate_lists_every_error_of_a_file(tmp_path):
    path = _write(tmp_path, "name: t\nworkload: {model: lenet5, bogus: 1}\nplatform: mars\n"
                            "search: {budget: 10, stages: [{method: nope}]}\n")
    res = runner.invoke(app, ["validate", str(path)])
    assert res.exit_code == 2
    line = next(line for line in res.output.splitlines() if line.startswith("error: "))
    for needle in ("unknown field 'bogus'", "unknown platform 'mars'", "unknown method 'nope'"):
        assert needle in line


@pytest.mark.parametrize("name, data, what", [
    ("bin.m", b"\xff\xfe\x00garbage", "MAESTRO file"),
    ("utf16.m", "Network x {}".encode("utf-16"), "MAESTRO file"),
    ("bin.csv", b"\xff\xfeK,C\n", "ConfuciuX CSV"),
])
def test_model_files_that_are_not_utf8_are_one_line(tmp_path, name, data, what):
    path = tmp_path / name
    path.write_bytes(data)
    for command in (["show", str(path)], ["eval", str(path), "--num-pes", "64"]):
        res = runner.invoke(app, command)
        assert res.exit_code == 2 and "Traceback" not in res.output
        assert f"not UTF-8 text (byte 0: invalid start byte); expected a {what}" in res.output


def test_outputs_that_cannot_be_written_are_one_line(tmp_path):
    (tmp_path / "afile").write_text("x")
    cases = [
        (["eval", "lenet5", "--num-pes", "64", "-o", str(tmp_path)], "is a directory; give a file name"),
        (["eval", "lenet5", "--num-pes", "64", "-o", str(tmp_path / "afile" / "x.csv")], "cannot write here"),
        (["eval", "lenet5", "--num-pes", "64", "--summary-json", str(tmp_path / "afile" / "s.json")],
         "cannot write here"),
        (["run", str(_write(tmp_path, BASE)), "--out", str(tmp_path / "afile" / "run"), "-q"],
         "cannot make the output directory"),
    ]
    for command, needle in cases:
        res = runner.invoke(app, command)
        assert res.exit_code == 2, (command, res.output)
        lines = [line for line in res.output.splitlines() if line.startswith("error: ")]
        assert len(lines) == 1 and needle in lines[0] and "Traceback" not in res.output


def test_an_area_budget_in_the_confuciux_space_is_refused_alone_with_the_way_to_real_units(tmp_path):
    """Without ``--quiet`` as well: the progress bar starts only once the search runs, so the refusal is the whole
    output. MAESTRO's constants (the ConfuciuX preset's technology) and, at a node, ConfuciuX's 81,920,000-element
    NoC put any area far above a chip's; the message says how to get a design in mm2 and mW."""
    for name, extra, needle in (
            ("m.yaml", {}, "under technology 'maestro' (the ConfuciuX preset's) area and power are MAESTRO's"),
            ("n.yaml", {"technology": {"node": "28nm"}}, "the space fixes ConfuciuX's NoC of 81,920,000")):
        path = _write(tmp_path, {**BASE, **extra, "constraints": {"area_mm2": 4.0}}, name)
        res = runner.invoke(app, ["run", str(path), "--out", str(tmp_path / "out")])
        assert res.exit_code == 2, res.output
        (line,) = res.output.strip().splitlines()
        assert line.startswith(f"error: {path}: infeasible budget: constraint 'area_mm2' = 4 cannot be met")
        assert needle in line and line.endswith("use space.preset: global with a platform or a technology node")
        assert not (tmp_path / "out").exists()
    path = _write(tmp_path, {**BASE, "space": {"preset": "global"}, "constraints": {"area_mm2": 1e-6}}, "g.yaml")
    res = runner.invoke(app, ["run", str(path), "--out", str(tmp_path / "out")])
    assert res.exit_code == 2 and "space.preset" not in res.output  # a node's mm2: no hint needed


@pytest.mark.parametrize("change, needle", [
    ({"objectives": [["latency_cycles"]]}, "unknown objective ['latency_cycles']; allowed: latency_cycles"),
    ({"objectives": [{"a": 1}]}, "unknown objective {'a': 1}"),
    ({"space": {"mode": "LS", "dataflow": "kcp_ws", "parameters": []}}, "the PE count is neither searched nor fixed"),
    ({"space": {"mode": "LS", "dataflow": "kcp_ws", "parameters": [{"name": "l2_bytes", "values": [65536]}]}},
     "give a parameter 'num_pes' (or 'pe_rows' and 'pe_cols'), or a fixed value"),
])
def test_found_by_fuzzing_refused_in_one_line(tmp_path, change, needle):
    """A list where an objective's name goes, and a space that leaves the PE count unset, raised TypeErrors."""
    _refused(_write(tmp_path, {**BASE, **change}), needle, tmp_path)


def test_a_fine_range_too_long_to_list_is_refused_before_it_fills_the_memory(tmp_path):
    """Found by fuzzing: a PE-column range up to 2^40 in steps of 8 (1.4e11 values) was listed whole when the first
    design was checked, until the machine ran out of memory."""
    space = {"preset": "global", "pe_array": True, "parameters": [
        {"name": "pe_cols", "values": [32, 64], "range": [16, 2**40, 8]}]}
    _refused(_write(tmp_path, {**BASE, "space": space}),
             "field 'range' (16, 1099511627776, 8) has 137,438,953,471 fine values; at most 1,048,576", tmp_path)
