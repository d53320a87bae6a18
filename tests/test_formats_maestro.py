"""MAESTRO .m mapping/model files and hardware files: shipped files parse, round trips, documented errors."""

import re
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from npu_dse.cost_models import zoo
from npu_dse.cost_models.errors import FormatError
from npu_dse.cost_models.formats import load_network
from npu_dse.cost_models.hardware import Hardware
from npu_dse.cost_models.maestro import analyze_layer, analyze_mapping
from npu_dse.cost_models.formats.maestro_m import (
    as_maestro_layer,
    read_hardware,
    read_mapping,
    write_hardware,
    write_mapping,
)
from npu_dse.cost_models.workload import Layer, Network, Op
from npu_dse.export.maestro import layer_dataflow_text
from maestro_text import maestro_reads

MAESTRO = Path(__file__).parent / "data" / "maestro"
#: every shipped model/mapping file but UNet_RS.m, which writes 'N' twice in one Dimensions block (refused below)
MAPPINGS = sorted(p for p in MAESTRO.glob("*.m") if not p.name.endswith("_hw.m") and p.name != "UNet_RS.m")


def _independent_macs(text: str) -> list[int]:
    """MACs per layer straight from the file text (regexes, not the reader): the MAESTRO definition of each type."""
    text = re.sub(r"//[^\n]*", "", text)
    consts = {k: int(v) for k, v in re.findall(r"Constant\s+(\w+)\s+(\d+)\s*;", text)}
    macs = []
    for body in re.findall(r"Layer\s+\S+\s*\{(.*?)Dimensions\s*\{([^}]*)\}", text, re.S):
        ltype = re.search(r"Type\s*:\s*(\w+)", body[0]).group(1)
        stride = re.search(r"Stride\s*\{\s*X\s*:\s*(\d+)", body[0])
        s = int(stride.group(1)) if stride else 1
        d = {k: int(consts.get(v, v)) for k, v in re.findall(r"([A-Z]'?)\s*:?\s*(\w+)", body[1])}
        if ltype == "GEMM":
            macs.append(d["M"] * d["N"] * d["K"])
            continue
        if ltype == "TRCONV":  # every input pixel meets every weight
            macs.append(d.get("N", 1) * d["K"] * d["C"] * d["R"] * d["S"] * d["Y"] * d["X"])
            continue
        d.setdefault("R", 1), d.setdefault("S", 1)
        Y, X = d.get("Y", d.get("Y'", 1) + d["R"] - 1), d.get("X", d.get("X'", 1) + d["S"] - 1)
        out = ((Y - d["R"]) // s + 1) * ((X - d["S"]) // s + 1)
        k = 1 if ltype == "DSCONV" else d["K"] * d.get("G", 1)
        macs.append(d.get("N", 1) * k * d["C"] * d["R"] * d["S"] * out)
    return macs


def test_all_shipped_mapping_files_are_present():
    assert {p.name for p in MAPPINGS} >= {
        "GEMM_Example.m", "MobileNetV2_kcp_ws.m", "MobileNetV2_model.m", "Resnet50_kcp_ws.m", "Resnet50_model.m",
        "Transformer_Layers.m", "squeezenet1_0_kcp_ws.m", "vgg16_rs.m", "ResNeXt50_kcp_ws.m", "UNet_nlr.m",
        "Transformer_Complete.m", "gnmt_nmk.m"}
    assert len(MAPPINGS) == 42


def test_a_dimension_written_twice_is_refused_with_its_line():
    with pytest.raises(FormatError, match=r"UNet_RS.m:85: layer 'CONV3_2' Dimensions: dimension 'N' given twice"):
        read_mapping(MAESTRO / "UNet_RS.m")


@pytest.mark.parametrize("path", MAPPINGS, ids=lambda p: p.name)
def test_shipped_file_parses_and_macs_equal_sum_over_its_layers(path):
    mapping = read_mapping(path)
    expected = _independent_macs(path.read_text())
    assert [l.macs for l in mapping.network.layers] == expected
    assert mapping.network.macs == sum(expected)
    assert set(mapping.layer_types) == {l.name for l in mapping.network.layers}
    if "_model" not in path.name:  # mapping files: one verbatim Dataflow block per layer
        assert set(mapping.dataflows) == set(mapping.layer_types)
        for text in mapping.dataflows.values():
            assert "Map" in text and text in path.read_text()


def test_resnet50_mapping_layers_and_verbatim_dataflow():
    m = read_mapping(MAESTRO / "Resnet50_kcp_ws.m")
    conv1 = m.network.layer("CONV1")
    assert (conv1.op, conv1.K, conv1.C, conv1.Y, conv1.X, conv1.R, conv1.stride, conv1.padding) == (
        Op.CONV, 64, 3, 224, 224, 7, 2, 0)
    assert conv1.Y_out == 109  # MAESTRO's Y is the padded input: no padding is added
    res = m.network.layer("CONV2_1_Residual")
    assert (res.op, res.K, res.C, res.groups) == (Op.DWCONV, 256, 256, 256)
    assert m.layer_types["CONV2_1_Residual"] == "DSCONV"
    df = m.dataflows["CONV1"]
    assert df.splitlines()[1].strip() == "SpatialMap(1,1) K;" and "Cluster(64, P);" in df
    assert "Dataflow {" + df + "}" in (MAESTRO / "Resnet50_kcp_ws.m").read_text()
    # MAESTRO's own file repeats a layer name: both layers are kept
    assert "CONV3_1_Residual_dup2" in m.layer_types


def test_gemm_constants_and_transformer_batch():
    m = read_mapping(MAESTRO / "GEMM_Example.m")
    assert m.constants == {"SzM": 100, "SzN": 100, "SzK": 100, "MTileSz": 1, "NTileSz": 1, "KTileSz": 100}
    (blas,) = m.network.layers
    assert (blas.op, blas.K, blas.C, blas.Y, blas.X, blas.macs) == (Op.GEMM, 100, 100, 100, 1, 10**6)
    t = read_mapping(MAESTRO / "Transformer_Layers.m").network.layers[0]
    assert (t.N, t.K, t.C, t.S, t.X) == (128, 1536, 1, 512, 512)


def _write(tmp_path, text, name="m.m"):
    p = tmp_path / name
    p.write_text(text)
    return p


def test_output_sizes_ngconv_and_fc_types(tmp_path):
    p = _write(tmp_path, """Network n {
    Layer a { Type: CONV Stride { X: 2, Y: 2 } Dimensions { K: 8, C: 4, R: 3, S: 3, Y': 5, X': 6 } }
    Layer g { Type: NGCONV Dimensions { G: 2, K: 3, C: 4, R: 1, S: 1, Y: 4, X: 4 } }
    Layer d { Type: NGCONV Dimensions { G: 4, K: 2, C: 1, R: 3, S: 3, Y: 4, X: 4 } }
    Layer f { Type: FC Dimensions { K: 10, C: 64 } }
    }""")
    m = read_mapping(p)
    a, g, d, f = m.network.layers
    assert (a.Y, a.X, a.stride) == (7, 8, 2)  # Y = Y' + R - 1
    assert (g.op, g.K, g.C, g.groups, g.weights) == (Op.CONV, 6, 8, 2, 2 * 3 * 4)
    # one input channel per group is still MAESTRO's NGCONV (its G tensors), not a DSCONV
    assert (d.op, d.K, d.C, d.groups) == (Op.CONV, 8, 4, 4)
    assert (f.op, f.K, f.C, f.R, f.Y) == (Op.CONV, 10, 64, 1, 1) and m.layer_types["f"] == "FC"
    assert m.dataflows == {}


@pytest.mark.parametrize("path", MAPPINGS, ids=lambda p: p.name)
def test_shipped_file_round_trip(path, tmp_path):
    m = read_mapping(path)
    out = tmp_path / "out.m"
    write_mapping(out, m.network, m.dataflows, m.constants)
    back = read_mapping(out)
    assert back.network.layers == m.network.layers
    assert back.dataflows == m.dataflows and back.constants == m.constants
    # FC is written as what it is read as (CONV); every other type is kept
    assert back.layer_types == {k: "CONV" if v == "FC" else v for k, v in m.layer_types.items()}


@pytest.mark.parametrize("model", ["resnet50", "mobilenet_v2", "squeezenet1_0", "alexnet", "mnist_lstm"])
def test_zoo_round_trip_gives_maestro_form_of_each_layer(model, tmp_path):
    net = zoo.load(model)
    write_mapping(tmp_path / "z.m", net)
    back = read_mapping(tmp_path / "z.m").network
    assert back.layers == tuple(as_maestro_layer(l) for l in net.layers)
    assert back.macs == net.macs and back.weights == net.weights
    padding_free = [l for l in net.layers if l.padding == 0 and l.N == l.repeat == 1]
    assert padding_free and all(back.layer(l.name) == l for l in padding_free)


_layers = st.builds(
    lambda op, k, c, y, r, s, stride, pad, g, n: (
        Layer("l", Op.GEMM, K=k, C=c, Y=y, N=n) if op == "GEMM"
        else Layer("l", Op.DWCONV, K=c * g, C=c, Y=y + r, X=y + s, R=r, S=s, stride=stride, padding=pad, groups=c)
        if op == "DWCONV"
        else Layer("l", Op.TRCONV, K=k, C=c, Y=y, X=y + 1, R=r, S=s, stride=2, N=n) if op == "TRCONV"
        else Layer("l", Op.CONV, K=k * g, C=c * g, Y=y + r, X=y, R=r, S=1, stride=stride, padding=pad, groups=g, N=n)
    ),
    st.sampled_from(["CONV", "DWCONV", "TRCONV", "GEMM"]), st.integers(1, 64), st.integers(1, 64), st.integers(1, 40),
    st.integers(1, 7), st.integers(1, 7), st.integers(1, 3), st.integers(0, 3), st.integers(1, 4), st.integers(1, 3),
)


@settings(max_examples=60)
@given(layer=_layers)
def test_write_then_read_is_the_maestro_form_property(layer, tmp_path_factory):
    path = tmp_path_factory.mktemp("rt") / "p.m"
    write_mapping(path, Network("p", (layer,)), {"l": "\n SpatialMap(1,1) K;\n"}, {"KTileSz": 3})
    back = read_mapping(path)
    assert back.network.layers == (as_maestro_layer(layer),)
    assert back.network.macs == layer.macs and back.network.weights == layer.weights
    assert back.dataflows == {"l": "\n SpatialMap(1,1) K;\n"} and back.constants == {"KTileSz": 3}
    # The documented identity: padding-free layers, GEMMs without batch, ops already in MAESTRO's classes.
    canonical_op = {
        Op.GEMM: layer.N == 1,
        Op.DWCONV: layer.groups == layer.C > 1 and layer.K == layer.C,
        Op.CONV: True,
        Op.TRCONV: True,
    }[layer.op]
    if layer.padding == 0 and canonical_op:
        assert back.network.layers[0] == layer


@pytest.mark.parametrize(
    "text, line, expected",
    [
        ("Network n {\n Layer a {\n Type: TRCONV\n Stride { X: 2, Y: 2 }\n Dimensions { K: 1, C: 1 } } }", 2,
         "a TRCONV with an outer Stride of 2 is not supported"),
        ("Network n {\n Layer a {\n Type: POOL\n } }", 3, "Type POOL"),
        ("Network n {\n Layer a {\n Type: CONVX\n } }", 3, "allowed: CONV, DSCONV, NGCONV, TRCONV, GEMM"),
        ("Network n {\n Layer a { Type: CONV\n Dimensions { K: 1, C: 1, Q: 2 } } }", 3, "unknown dimension 'Q'"),
        ("Network n {\n Layer a { Type: CONV\n Dimensions { K: 1, C: Foo } } }", 3, "defined Constant, got 'Foo'"),
        ("Network n {\n Layer a { Type: CONV\n Dimensions { C: 4 } } }", 2, "Dimensions lacks K"),
        ("Network n {\n Layer a { Type: CONV\n Dimensions { K: 2, C: 4, R: 5, Y: 3 } } }", 2, "'R' = 5 is larger"),
        ("Network n {\n Layer a { Type: CONV\n Stride { X: 2, Y: 1 }\n Dimensions { K: 2, C: 4 } } }", 2,
         "Stride Y = 1 and X = 2 differ"),
        ("Network n {\n Layer a { Type: CONV\n Dimensions { K: 2, C: 4 }\n Dataflow { SpatialMap(1,1) K;\n", 5,
         "'}' closing the Dataflow of layer 'a'"),
        ("Constant A 3;\nfoo", 2, "expected 'Constant' or 'Network', got 'foo'"),
        ("Network n {\n Layer a { Type: CONV\n Dimensions { K: 0, C: 4 } } }", 3, "must be positive"),
    ],
)
def test_malformed_mapping_names_file_line_and_expectation(tmp_path, text, line, expected):
    p = _write(tmp_path, text, "bad.m")
    with pytest.raises(FormatError) as err:
        read_mapping(p)
    msg = str(err.value)
    assert msg.startswith(f"{p}:{line}: ") and expected in msg, msg


def test_files_without_network_or_layers(tmp_path):
    with pytest.raises(FormatError, match="expected a 'Network NAME"):
        read_mapping(_write(tmp_path, "Constant A 1;\n"))
    with pytest.raises(FormatError, match="has no layers"):
        read_mapping(_write(tmp_path, "Network n { }\n"))
    with pytest.raises(FormatError, match="cannot read"):
        read_mapping(tmp_path / "missing.m")


def test_writer_refuses_what_maestro_cannot_express(tmp_path):
    conv = Layer("c", Op.CONV, K=4, C=4, Y=4, X=4, repeat=2)
    with pytest.raises(FormatError, match="repeat = 2"):
        write_mapping(tmp_path / "w.m", Network("n", (conv,)))
    ok = Network("n", (conv.with_(repeat=1),))
    with pytest.raises(FormatError, match="brace"):
        write_mapping(tmp_path / "w.m", ok, {"c": "SpatialMap(1,1) K; }"})
    with pytest.raises(FormatError, match="not in network"):
        write_mapping(tmp_path / "w.m", ok, {"zz": "SpatialMap(1,1) K;"})
    clash = Network("n", (conv.with_(name="a/b", repeat=1), conv.with_(name="a.b", repeat=1).with_(name="a_b")))
    with pytest.raises(FormatError, match="both become 'a_b'"):
        write_mapping(tmp_path / "w.m", clash)


def test_hardware_file_read_and_round_trip(tmp_path):
    hw = read_hardware(MAESTRO / "accelerator_1_hw.m")
    assert hw == {"num_pes": 256, "l1_size": 100, "l2_size": 3000, "noc_bw": 1000, "offchip_bw": 50}
    write_hardware(tmp_path / "hw.m", **hw, noc_hops=2)
    assert read_hardware(tmp_path / "hw.m") == {**hw, "noc_hops": 2}
    assert "NoC_NumHops: 2" in (tmp_path / "hw.m").read_text()
    assert "l1_size_cstr: 100" in (tmp_path / "hw.m").read_text()


@pytest.mark.parametrize(
    "text, expected",
    [("num_pes: 256\nfoo_bw: 3\n", ":2: unknown key 'foo_bw'; allowed: num_pes, l1_size_cstr"),
     ("num_pes: 25x6\n", ":1: num_pes: expected a non-negative integer"),
     ("num_pes 256\n", ":1: expected 'key: value'"),
     ("num_pes: 1\nnum_pes: 2\n", ":2: key 'num_pes' given twice"),
     ("// nothing\n", "found none")],
)
def test_malformed_hardware_file(tmp_path, text, expected):
    with pytest.raises(FormatError) as err:
        read_hardware(_write(tmp_path, text, "hw.m"))
    assert expected in str(err.value) and str(tmp_path) in str(err.value)
    with pytest.raises(FormatError, match="allowed: num_pes"):
        write_hardware(tmp_path / "x.m", pes=3)


def test_load_network_dispatches_on_extension(tmp_path):
    net = load_network(MAESTRO / "vgg16_rs.m")
    assert net.name == "VGG16" and len(net) == 13
    with pytest.raises(FormatError, match=r"unknown model file type '\.txt'; allowed: \.onnx, \.m, \.csv"):
        load_network(_write(tmp_path, "x", "model.txt"))
    with pytest.raises(FormatError, match="no such file"):
        load_network(tmp_path / "nope.m")


def test_a_hardware_or_dataflow_file_read_as_a_model_says_where_it_goes():
    with pytest.raises(FormatError, match=r"accelerator_1_hw.m:1: .*got 'num_pes' \(a MAESTRO hardware file: give it "
                                          r"with --hw\)"):
        read_mapping(MAESTRO / "accelerator_1_hw.m")
    with pytest.raises(FormatError, match=r"rs.m:1: .*got 'Dataflow' \(a MAESTRO dataflow file: give it as the "
                                          r"dataflow"):
        read_mapping(MAESTRO / "dataflows" / "rs.m")


def test_a_one_channel_depthwise_layer_is_written_as_a_dsconv_and_runs_as_maestro_runs_it(tmp_path):
    """A DWCONV of one channel is written as MAESTRO's DSCONV, so the depthwise dataflow the engine ran it with fits
    its type. Golden: MAESTRO 4eb08d1 (built here) on this file at 100 PEs, NoC 8, off-chip 70000 printed 5,763
    cycles, L1 432 B, L2 38 B, 5,760 MACs, input L2 reads 2,400 (as a CONV, as written before, it printed 46,083
    cycles for the same layer)."""
    layer = Layer("dw1", Op.DWCONV, K=1, C=1, R=3, S=3, Y=82, X=10, groups=1)
    consts = {"KTileSz": 8, "CTileSz": 1, "ClusterSz": 8}
    f = tmp_path / "dw1.m"
    write_mapping(f, Network("t", (layer,)), {"dw1": layer_dataflow_text("eye", consts, 100, True)})
    assert read_mapping(f).layer_types == {"dw1": "DSCONV"}
    hw = Hardware(num_pes=100, noc_bw=8, offchip_bw=70000)
    got = analyze_mapping(f, hw, compat=True).iloc[0]
    assert (got.runtime_cycles, got.l1_req_bytes, got.l2_req_bytes, got.macs, got.input_l2_read) == \
        (5763, 432, 38, 5760, 2400)
    engine = analyze_layer(layer, "eye", hw, consts, compat=True, technology="maestro")
    assert engine.runtime_cycles[0] == 5763 and engine.l1_req_bytes[0] == 432


DW = Layer("dw", Op.DWCONV, K=32, C=32, Y=28, X=28, R=3, S=3, padding=1, groups=32)


@pytest.mark.parametrize("dataflow", ["kcp_ws", "rs", "xp_ws", "yxp_os", "dpt", "dla", "shi", "eye"])
@pytest.mark.parametrize("layer", [*zoo.load("resnet50").layers[:3], DW], ids=lambda l: l.name)
def test_every_template_exports_as_text_maestros_parser_reads(dataflow, layer):
    """MAESTRO rejects ``Cluster(64)`` and ``TemporalMap(Sz(S)+7,8) X`` (a parse error, found by running its binary
    on our exports); the export writes ``Cluster(64, P)`` and the sum's value on the layer."""
    text = layer_dataflow_text(dataflow, {"KTileSz": 4}, 64, layer.op is Op.DWCONV, layer=layer)
    assert maestro_reads(text) == [], text
    assert maestro_reads(layer_dataflow_text("yxp_os", {}, 64, False)) == ["TemporalMap(Sz(S)+7,8) X"]
    assert maestro_reads("SpatialMap(1,1) K; Cluster(64); SpatialMap(1,1) C;") == ["Cluster(64)"]


def test_yxp_os_export_writes_the_x_tiles_maestros_own_resnet50_file_has():
    """MAESTRO's Resnet50_yxp_os.m writes ``TemporalMap(14,8) X`` for the 7x7 CONV1 and ``(8,8)`` for a 1x1."""
    theirs = read_mapping(MAESTRO / "Resnet50_yxp_os.m")
    ours = [layer_dataflow_text("yxp_os", {}, 64, False, layer=layer) for layer in zoo.load("resnet50").layers[:2]]
    for layer, text in zip(theirs.network.layers[:2], ours):
        want = re.search(r"TemporalMap\((\d+),\s*(\d+)\) X", theirs.dataflows[layer.name]).groups()
        assert f"TemporalMap({want[0]},{want[1]}) X;" in text
    assert "TemporalMap(14,8) X;" in ours[0] and "TemporalMap(8,8) X;" in ours[1]
