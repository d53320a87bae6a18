"""ONNX import: a SqueezeNet fire module keeps both branches and their edges; conv variants, GEMMs, recurrent
nodes, and the documented errors. Models are built here with onnx.helper (one exported from a small torch module)."""

import io
import warnings

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper, numpy_helper

from npu_dse.cost_models import zoo
from npu_dse.cost_models.errors import FormatError
from npu_dse.cost_models.formats import load_network
from npu_dse.cost_models.formats.onnx_format import read_onnx
from npu_dse.cost_models.workload import Op


def _weight(name, *shape):
    return numpy_helper.from_array(np.zeros(shape, dtype=np.float32), name)


def _save(tmp_path, nodes, inputs, outputs, inits, name="m.onnx"):
    graph = helper.make_graph(nodes, "g", inputs, outputs, inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    path = tmp_path / name
    onnx.save(model, str(path))
    return path


def _vi(name, *shape):
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, list(shape))


def _fire_module(tmp_path):
    nodes = [
        helper.make_node("Conv", ["x", "w_s"], ["s"], name="squeeze1x1"),
        helper.make_node("Relu", ["s"], ["s_r"], name="squeeze_relu"),
        helper.make_node("Conv", ["s_r", "w_e1"], ["e1"], name="expand1x1"),
        helper.make_node("Relu", ["e1"], ["e1_r"], name="expand1x1_relu"),
        helper.make_node("Conv", ["s_r", "w_e3"], ["e3"], name="expand3x3", pads=[1, 1, 1, 1]),
        helper.make_node("Relu", ["e3"], ["e3_r"], name="expand3x3_relu"),
        helper.make_node("Concat", ["e1_r", "e3_r"], ["y"], name="concat", axis=1),
    ]
    inits = [_weight("w_s", 16, 96, 1, 1), _weight("w_e1", 64, 16, 1, 1), _weight("w_e3", 64, 16, 3, 3)]
    return _save(tmp_path, nodes, [_vi("x", "batch", 96, 54, 54)], [_vi("y", "batch", 128, 54, 54)], inits,
                 "fire.onnx")


def test_fire_module_keeps_both_branches_and_their_edges(tmp_path):
    net = load_network(_fire_module(tmp_path))
    assert net.name == "fire"
    assert [l.name for l in net.layers] == ["squeeze1x1", "expand1x1", "expand3x3"]
    assert set(net.edges) == {
        ("squeeze1x1", "squeeze_relu"), ("squeeze_relu", "expand1x1"), ("squeeze_relu", "expand3x3"),
        ("expand1x1", "expand1x1_relu"), ("expand3x3", "expand3x3_relu"),
        ("expand1x1_relu", "concat"), ("expand3x3_relu", "concat"),
    }
    # same shapes as the zoo's SqueezeNet fire2 (symbolic batch read as 1)
    ref = zoo.load("squeezenet1_0")
    for ours, theirs in [("squeeze1x1", "fire2_squeeze1x1"), ("expand1x1", "fire2_expand1x1"),
                         ("expand3x3", "fire2_expand3x3")]:
        assert net.layer(ours).with_(name=theirs) == ref.layer(theirs)


def test_depthwise_grouped_strided_conv_gemm_and_matmul(tmp_path):
    nodes = [
        helper.make_node("Conv", ["x", "w_dw"], ["a"], name="dw", group=32, strides=[2, 2], pads=[1, 1, 1, 1]),
        helper.make_node("Conv", ["a", "w_g"], ["b"], name="grouped", group=4, auto_pad="SAME_UPPER"),
        helper.make_node("GlobalAveragePool", ["b"], ["p"], name="gap"),
        helper.make_node("Flatten", ["p"], ["f"], name="flatten"),
        helper.make_node("Gemm", ["f", "w_fc", "b_fc"], ["fc"], name="fc", transB=1),
        helper.make_node("Unsqueeze", ["fc", "axes"], ["u"], name="unsq"),
        helper.make_node("MatMul", ["u", "w_mm"], ["y"], name="mm"),
    ]
    inits = [_weight("w_dw", 32, 1, 3, 3), _weight("w_g", 64, 8, 3, 3), _weight("w_fc", 10, 64),
             _weight("b_fc", 10), numpy_helper.from_array(np.array([0], dtype=np.int64), "axes"),
             _weight("w_mm", 5, 10, 7)]
    path = _save(tmp_path, nodes, [_vi("x", 1, 32, 16, 16)], [_vi("y", 5, 1, 7)], inits)
    net = read_onnx(path, name="mixed")
    dw, grouped, fc, mm = net.layers
    assert (dw.op, dw.K, dw.C, dw.groups, dw.stride, dw.padding, dw.Y_out) == (Op.DWCONV, 32, 32, 32, 2, 1, 8)
    assert (grouped.op, grouped.K, grouped.C, grouped.groups, grouped.padding, grouped.Y) == (Op.CONV, 64, 32, 4, 1, 8)
    assert grouped.weights == 64 * 8 * 9
    assert (fc.op, fc.K, fc.C, fc.Y, fc.macs) == (Op.GEMM, 10, 64, 1, 640)
    assert (mm.op, mm.K, mm.C, mm.Y, mm.N, mm.macs) == (Op.GEMM, 7, 10, 1, 5, 5 * 70)
    assert ("grouped", "gap") in net.edges and ("flatten", "fc") in net.edges and ("unsq", "mm") in net.edges


@pytest.mark.parametrize("cell, gates", [("RNN", 1), ("GRU", 3), ("LSTM", 4)])
def test_recurrent_nodes_match_the_zoo_mnist_cells(cell, gates, tmp_path):
    nodes = [helper.make_node(cell, ["x", "W", "R"], ["", "h"], name="cell", hidden_size=128)]
    inits = [_weight("W", 1, gates * 128, 28), _weight("R", 1, gates * 128, 128)]
    path = _save(tmp_path, nodes, [_vi("x", 28, 1, 28)], [_vi("h", 1, 1, 128)], inits)
    (layer,) = read_onnx(path).layers
    ref = zoo.load(f"mnist_{cell.lower()}").layers[0]
    assert layer.with_(name=ref.name) == ref
    bi = [helper.make_node(cell, ["x", "W", "R"], ["", "h"], name="cell", hidden_size=128,
                           direction="bidirectional")]
    inits = [_weight("W", 2, gates * 128, 28), _weight("R", 2, gates * 128, 128)]
    path = _save(tmp_path, bi, [_vi("x", 28, 1, 28)], [_vi("h", 2, 1, 128)], inits, "bi.onnx")
    (layer,) = read_onnx(path).layers
    assert layer.weights == 2 * ref.weights and layer.macs == 2 * ref.macs


def test_lstm_exported_from_torch(tmp_path):
    torch = pytest.importorskip("torch")
    torch.set_num_threads(1)
    torch.manual_seed(0)

    class Classifier(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.lstm = torch.nn.LSTM(28, 128)
            self.fc = torch.nn.Linear(128, 10)

        def forward(self, x):
            out, _ = self.lstm(x)
            return self.fc(out[-1])

    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(Classifier(), torch.zeros(28, 1, 28), buf, dynamo=False)
    (tmp_path / "lstm.onnx").write_bytes(buf.getvalue())
    net = read_onnx(tmp_path / "lstm.onnx")
    ref = zoo.load("mnist_lstm")
    assert [(l.op, l.K, l.C, l.repeat) for l in net.layers] == [(l.op, l.K, l.C, l.repeat) for l in ref.layers]
    assert net.macs == ref.macs and net.weights == ref.weights


def test_conv_transpose_from_torch_is_a_trconv_with_its_true_output_and_macs(tmp_path):
    import torch

    up = torch.nn.ConvTranspose2d(16, 8, kernel_size=4, stride=2, padding=1, bias=False)
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(up, torch.zeros(1, 16, 10, 12), buf, dynamo=False)
    (tmp_path / "up.onnx").write_bytes(buf.getvalue())
    (layer,) = read_onnx(tmp_path / "up.onnx").layers
    assert (layer.op, layer.K, layer.C, layer.R, layer.stride, layer.padding) == (Op.TRCONV, 8, 16, 4, 2, 1)
    assert (layer.Y_out, layer.X_out) == tuple(up(torch.zeros(1, 16, 10, 12)).shape[2:])
    assert layer.macs == 8 * 16 * 4 * 4 * 10 * 12


def _single_conv(tmp_path, shape=(1, 8, 8, 8), w_shape=(8, 8, 3, 3), op="Conv", **attrs):
    nodes = [helper.make_node(op, ["x", "w"], ["y"], name="c", **attrs)]
    return _save(tmp_path, nodes, [_vi("x", *shape)], [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)],
                 [_weight("w", *w_shape)], "bad.onnx")


@pytest.mark.parametrize(
    "kwargs, expected",
    [
        (dict(pads=[0, 0, 1, 1]), "node 'c': pads [0, 0, 1, 1] are asymmetric"),
        (dict(dilations=[2, 2]), "node 'c': dilations [2, 2]; expected 1"),
        (dict(strides=[1, 2]), "node 'c': strides [1, 2] differ"),
        (dict(op="ConvTranspose", output_padding=[1, 1]), "node 'c': output_padding/output_shape are not supported"),
        (dict(shape=(1, 8, "h", 8)), "unknown dimensions [1, 8, None, 8]"),
        (dict(shape=(1, 8, 8, 8), w_shape=(8, 4, 3, 3)), "4 input channels per group x group 1 != input channels 8"),
        (dict(shape=(1, 8, 2, 8)), "layer 'c': field 'R' = 3 is larger than the padded input height 2"),
        (dict(shape=(1, 4), w_shape=(5, 3), op="MatMul"), "ONNX shape inference failed"),
    ],
)
def test_unsupported_or_inconsistent_convs_name_file_and_node(tmp_path, kwargs, expected):
    path = _single_conv(tmp_path, **kwargs)
    with pytest.raises(FormatError) as err:
        read_onnx(path)
    assert str(err.value).startswith(str(path)) and expected in str(err.value), str(err.value)


def test_not_onnx_and_no_layers(tmp_path):
    junk = tmp_path / "junk.onnx"
    junk.write_bytes(b"\x00not a protobuf\xff" * 3)
    with pytest.raises(FormatError, match="not a readable ONNX model"):
        load_network(junk)
    path = _save(tmp_path, [helper.make_node("Relu", ["x"], ["y"], name="r")], [_vi("x", 1, 4)], [_vi("y", 1, 4)], [])
    with pytest.raises(FormatError, match="no layer node found; expected at least one of Conv, ConvTranspose, Gemm"):
        read_onnx(path)
