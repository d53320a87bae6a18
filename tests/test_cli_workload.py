"""`dse models` and `dse show` through the CLI (typer CliRunner on npu_dse.cli.app)."""

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from npu_dse.cost_models import zoo
from npu_dse.cli import app

DATA = Path(__file__).parent / "data"
runner = CliRunner()


def _rows(output: str) -> dict[str, list[str]]:
    """Table rows keyed by their first cell (rich box-drawing tables)."""
    rows = {}
    for line in output.splitlines():
        cells = [c.strip() for c in re.split(r"[│┃]", line)[1:-1]]
        if cells:
            rows[cells[0]] = cells[1:]
    return rows


def test_models_lists_every_zoo_network_with_counts():
    result = runner.invoke(app, ["models"])
    assert result.exit_code == 0, result.output
    rows = _rows(result.output)
    for name in zoo.names():
        net = zoo.load(name)
        assert rows[name] == [str(len(net)), f"{net.macs:,}", f"{net.weights:,}"]
    assert rows["resnet50"][2] == "25,502,912"


def test_show_zoo_network_prints_layers_and_totals():
    result = runner.invoke(app, ["show", "resnet50"])
    assert result.exit_code == 0, result.output
    rows = _rows(result.output)
    header = rows["name"]
    assert header == ["op", "K", "C", "Y", "X", "R", "S", "stride", "padding", "groups", "output", "MACs", "weights"]
    assert rows["conv1"] == ["CONV", "64", "3", "224", "224", "7", "7", "2", "3", "1", "64x112x112",
                             "118,013,952", "9,408"]
    assert rows["total"][-2:] == ["3,857,973,248", "25,502,912"]
    assert sum(1 for k in rows if k.startswith("res")) == 52  # 16 bottlenecks x 3 + 4 projection shortcuts
    assert "16 nodes feeding parallel branches" in result.output


def test_show_recurrent_network_adds_repeat_column():
    rows = _rows(runner.invoke(app, ["show", "mnist_gru"]).output)
    assert rows["name"][10] == "repeat" and rows["gru"][10] == "28"


@pytest.mark.parametrize(
    "file, layer, cells",
    [
        ("maestro/Resnet50_kcp_ws.m", "CONV2_1_Residual", ["DWCONV", "256", "256", "56", "56"]),
        ("confuciux/mobilenet_v2.csv", "layer1", ["DWCONV", "32", "32", "112", "112"]),
    ],
)
def test_show_model_files(file, layer, cells, tmp_path):
    path = tmp_path / Path(file).name
    shutil.copy(DATA / file, path)
    result = runner.invoke(app, ["show", str(path)])
    assert result.exit_code == 0, result.output
    assert _rows(result.output)[layer][:5] == cells


def test_show_onnx_file(tmp_path):
    from test_formats_onnx import _fire_module

    result = runner.invoke(app, ["show", str(_fire_module(tmp_path))])
    assert result.exit_code == 0, result.output
    rows = _rows(result.output)
    assert rows["expand3x3"][:10] == ["CONV", "64", "16", "54", "54", "3", "3", "1", "1", "1"]
    assert "1 nodes feeding parallel branches" in result.output


@pytest.mark.parametrize(
    "arg, expected",
    [("resnet51", "error: 'resnet51' is neither a built-in network nor a model file; known networks: lenet5, "),
     ("model.txt", "error: model.txt: unknown model file type '.txt'; allowed: .onnx, .m, .csv")],
)
def test_show_unknown_name_or_file_type_exits_2_with_one_line(arg, expected, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "model.txt").write_text("x")
    result = runner.invoke(app, ["show", arg])
    assert result.exit_code == 2
    lines = [l for l in result.output.splitlines() if l.strip()]
    assert len(lines) == 1 and lines[0].startswith(expected), lines


def test_show_malformed_file_exits_2_naming_file_and_line(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("K,C,Y,X,R,S,T\n4,4,8,8,3,3,9\n")
    result = runner.invoke(app, ["show", str(bad)])
    assert result.exit_code == 2
    assert result.output.strip() == f"error: {bad}:2: field 'T' is 9; allowed: 1 (CONV), 2 (depthwise)"
    missing = runner.invoke(app, ["show", str(tmp_path / "none.onnx")])
    assert missing.exit_code == 2 and "no such file" in missing.output
