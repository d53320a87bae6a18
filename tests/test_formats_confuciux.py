"""ConfuciuX layer CSV (K,C,Y,X,R,S,T): reading the shipped tables, round trips, writer limits, errors."""

import csv
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from npu_dse.cost_models import zoo
from npu_dse.cost_models.errors import FormatError
from npu_dse.cost_models.formats import load_network
from npu_dse.cost_models.formats.confuciux_csv import read_csv, write_csv
from npu_dse.cost_models.workload import Layer, Network, Op

CONF = Path(__file__).parent / "data" / "confuciux"


@pytest.mark.parametrize("model", ["resnet50", "mobilenet_v2", "squeezenet"])
def test_shipped_table_reads_with_independent_mac_count(model):
    path = CONF / f"{model}.csv"
    net = read_csv(path)
    rows = list(csv.DictReader(path.open()))
    assert len(net) == len(rows) and net.name == model and net.edges == ()
    for layer, row in zip(net.layers, rows):
        v = {k: int(x) for k, x in row.items()}
        k = v["C"] if v["T"] == 2 else v["K"]
        assert layer.macs == k * (1 if v["T"] == 2 else v["C"]) * v["R"] * v["S"] * (v["Y"] - v["R"] + 1) * (
            v["X"] - v["S"] + 1)
        assert layer.op is (Op.DWCONV if v["T"] == 2 else Op.CONV)
        assert (layer.stride, layer.padding) == (1, 0)
    # the zoo serves the same tables from its package copy
    assert zoo.load(f"confuciux/{model}").layers == net.layers


def test_depthwise_rows_become_dwconv_with_k_equal_c():
    dw = read_csv(CONF / "mobilenet_v2.csv").layer("layer1")
    assert (dw.op, dw.K, dw.C, dw.groups, dw.Y, dw.R) == (Op.DWCONV, 32, 32, 32, 112, 3)
    assert dw.weights == 32 * 9


@pytest.mark.parametrize("model", ["resnet50", "mobilenet_v2", "squeezenet"])
def test_read_write_read_gives_same_layers_and_same_file(model, tmp_path):
    net = read_csv(CONF / f"{model}.csv")
    write_csv(tmp_path / "out.csv", net)
    assert read_csv(tmp_path / "out.csv").layers == net.layers
    assert (tmp_path / "out.csv").read_text().split() == (CONF / f"{model}.csv").read_text().split()


_layers = st.builds(
    lambda dw, k, c, y, x, r, s: (
        Layer("l", Op.DWCONV, K=c, C=c, Y=y + r, X=x + s, R=r, S=s, groups=c) if dw
        else Layer("l", Op.CONV, K=k, C=c, Y=y + r, X=x + s, R=r, S=s)
    ),
    st.booleans(), st.integers(1, 512), st.integers(1, 512), st.integers(0, 60), st.integers(0, 60),
    st.integers(1, 7), st.integers(1, 7),
)


@settings(max_examples=50)
@given(layers=st.lists(_layers, min_size=1, max_size=6))
def test_round_trip_property_on_stride_one_unpadded_layers(layers, tmp_path_factory):
    net = Network("n", tuple(l.with_(name=f"layer{i}") for i, l in enumerate(layers)))
    path = tmp_path_factory.mktemp("csv") / "n.csv"
    write_csv(path, net)
    assert read_csv(path).layers == net.layers


def test_writer_keeps_macs_of_padded_and_gemm_layers(tmp_path):
    padded = Layer("p", Op.CONV, K=8, C=4, Y=10, X=12, R=3, S=3, padding=1)
    fc = Layer("fc", Op.GEMM, K=10, C=128, N=2, repeat=3)
    write_csv(tmp_path / "w.csv", Network("w", (padded, fc)))
    back = read_csv(tmp_path / "w.csv").layers
    assert (back[0].Y, back[0].X, back[0].padding, back[0].output_size) == (12, 14, 0, padded.output_size)
    assert (back[1].op, back[1].K, back[1].C, back[1].Y, back[1].R) == (Op.CONV, 10, 128, 6, 1)
    assert [l.macs for l in back] == [padded.macs, fc.macs]


def test_writer_refuses_stride_unless_dropped_and_grouped_convs(tmp_path):
    strided = Network("s", (Layer("s", Op.CONV, K=8, C=4, Y=9, X=9, R=3, S=3, stride=2),))
    with pytest.raises(FormatError, match="stride 2 cannot be written.*drop_stride=True"):
        write_csv(tmp_path / "s.csv", strided)
    write_csv(tmp_path / "s.csv", strided, drop_stride=True)
    assert read_csv(tmp_path / "s.csv").layers[0].stride == 1
    grouped = Network("g", (Layer("g", Op.CONV, K=8, C=4, Y=9, X=9, groups=2),))
    with pytest.raises(FormatError, match="groups = 2"):
        write_csv(tmp_path / "g.csv", grouped)
    multiplier = Network("m", (Layer("m", Op.DWCONV, K=8, C=4, Y=9, X=9, groups=4),))
    with pytest.raises(FormatError, match="depthwise K = 8 != C = 4"):
        write_csv(tmp_path / "m.csv", multiplier)


def test_zoo_network_exports_with_dropped_stride(tmp_path):
    net = zoo.load("mobilenet_v2")
    write_csv(tmp_path / "mb.csv", net, drop_stride=True)
    back = read_csv(tmp_path / "mb.csv")
    assert len(back) == len(net) and back.weights == net.weights


@pytest.mark.parametrize(
    "text, expected",
    [
        ("K,C,Y,X,R,S\n1,1,1,1,1,1\n", ":1: expected the header K,C,Y,X,R,S,T"),
        ("", ":1: expected the header K,C,Y,X,R,S,T, got 'an empty file'"),
        ("K,C,Y,X,R,S,T\n", "expected at least one layer row"),
        ("K,C,Y,X,R,S,T\n1,1,1,1,1,1,1\n4,4,8,8,3,3\n", ":3: expected 7 values"),
        ("K,C,Y,X,R,S,T\n4,4,8,8,3,3.5,1\n", ":2: expected integers"),
        ("K,C,Y,X,R,S,T\n4,4,8,8,3,3,3\n", ":2: field 'T' is 3; allowed: 1 (CONV), 2 (depthwise)"),
        ("K,C,Y,X,R,S,T\n4,4,2,8,3,3,1\n", ":2: layer 'layer0': field 'R' = 3 is larger"),
        ("K,C,Y,X,R,S,T\n0,4,8,8,3,3,2\n", ":2: layer 'layer0': field 'K'"),
    ],
)
def test_malformed_csv_names_file_line_and_expectation(tmp_path, text, expected):
    path = tmp_path / "bad.csv"
    path.write_text(text)
    with pytest.raises(FormatError) as err:
        load_network(path)
    assert str(err.value).startswith(str(path)) and expected in str(err.value), str(err.value)
