"""The model zoo: published MAC/weight totals, torchvision kernel weights, graph edges of branched networks."""

import csv
from collections import defaultdict
from pathlib import Path

import pytest

from npu_dse.cost_models import zoo
from npu_dse.cost_models.errors import WorkloadError
from npu_dse.cost_models.workload import Op
from npu_dse.cost_models.zoo.googlenet import googlenet

DATA = Path(__file__).parent / "data"
SZE = {row["model"]: row for row in csv.DictReader((DATA / "sze2017_models.csv").open())}
TOLERANCE = {"alexnet": 0.02, "vgg16": 0.02, "resnet50": 0.02, "googlenet": 0.11}  # issue 2, part 3

REQUIRED = ["lenet5", "alexnet", "vgg16", "googlenet", "resnet50", "mobilenet_v2", "squeezenet1_0",
            "mnist_rnn", "mnist_gru", "mnist_lstm"]


def _split(net):
    conv = [l for l in net.layers if l.op is not Op.GEMM]
    fc = [l for l in net.layers if l.op is Op.GEMM]
    return conv, fc


@pytest.mark.parametrize("model", sorted(SZE))
def test_totals_match_sze_2017_table(model):
    net = zoo.load(model)
    ref = SZE[model]
    tol = TOLERANCE[model]
    assert net.weights == pytest.approx(float(ref["weights_total"]), rel=tol)
    assert net.macs == pytest.approx(float(ref["macs_total"]), rel=tol)
    conv, fc = _split(net)
    assert (len(conv), len(fc)) == (int(ref["conv_layers"]), int(ref["fc_layers"]))
    assert sum(l.weights for l in conv) == pytest.approx(float(ref["weights_conv"]), rel=tol)
    assert sum(l.macs for l in conv) == pytest.approx(float(ref["macs_conv"]), rel=tol)
    # The FC columns are printed with one or two significant digits ("2M" for 2.048M): 5 % covers the rounding.
    assert sum(l.weights for l in fc) == pytest.approx(float(ref["weights_fc"]), rel=max(tol, 0.05))


def test_googlenet_floor_pooling_reproduces_sze_macs():
    # seed_tables.md: 1.43 G reproduces only with floor-mode pooling (27/13/6 maps); published pooling gives ~1.58 G.
    floor = googlenet(ceil_mode=False)
    assert floor.macs == pytest.approx(1.43e9, rel=0.01)
    assert floor.layer("inception_3a_1x1").Y == 27
    assert floor.layer("inception_4a_1x1").Y == 13
    assert floor.layer("inception_5a_1x1").Y == 6
    published = zoo.load("googlenet")
    assert published.layer("inception_3a_1x1").Y == 28 and published.layer("inception_5b_1x1").Y == 7
    assert published.macs == pytest.approx(1.58e9, rel=0.01)
    assert floor.weights == published.weights


@pytest.mark.parametrize(
    "model, kernel_weights", [("resnet50", 25_502_912), ("mobilenet_v2", 3_469_760), ("squeezenet1_0", 1_244_448)]
)
def test_kernel_weights_equal_torchvision(model, kernel_weights):
    assert zoo.load(model).weights == kernel_weights


def test_lenet5_weights_about_60k():
    # Sze et al.: "60k weights"; their MAC figure does not reproduce (seed_tables.md), so weights only.
    net = zoo.load("lenet5")
    assert net.weights == 150 + 2400 + 48000 + 10080 + 840
    assert net.weights == pytest.approx(60e3, rel=0.03)


@pytest.mark.parametrize("cell, gates", [("rnn", 1), ("gru", 3), ("lstm", 4)])
def test_mnist_recurrent_networks(cell, gates):
    net = zoo.load(f"mnist_{cell}")
    rec, fc = net.layers
    assert (rec.op, rec.K, rec.C, rec.repeat) == (Op.GEMM, gates * 128, 28 + 128, 28)
    assert (fc.op, fc.K, fc.C, fc.repeat) == (Op.GEMM, 10, 128, 1)
    assert net.macs == 28 * gates * 128 * (28 + 128) + 128 * 10
    assert net.weights == gates * 128 * (28 + 128) + 1280
    assert net.edges == ((rec.name, "fc"),)


def _graph(net):
    preds, succs = defaultdict(list), defaultdict(list)
    for a, b in net.edges:
        preds[b].append(a)
        succs[a].append(b)
    return preds, succs


@pytest.mark.parametrize("model", REQUIRED[:7])
def test_edges_are_acyclic_and_connect_consistent_shapes(model):
    net = zoo.load(model)
    layers = {l.name: l for l in net.layers}
    preds, succs = _graph(net)
    nodes = set(preds) | set(succs)
    assert set(layers) <= nodes
    # Kahn's algorithm: every node gets ordered, so there is no cycle; layers appear in topological order.
    indeg = {n: len(preds[n]) for n in nodes}
    ready = [n for n in nodes if indeg[n] == 0]
    order = []
    while ready:
        n = ready.pop()
        order.append(n)
        for m in succs[n]:
            indeg[m] -= 1
            if indeg[m] == 0:
                ready.append(m)
    assert len(order) == len(nodes)
    assert [n for n in order if n in layers][0] == net.layers[0].name
    # A layer fed directly by another layer consumes exactly its output tensor.
    for a, b in net.edges:
        if a in layers and b in layers and layers[b].op is not Op.GEMM:
            assert (layers[b].C, layers[b].Y, layers[b].X) == layers[a].output_size, (a, b)


def test_squeezenet_fire_modules_are_two_parallel_branches():
    net = zoo.load("squeezenet1_0")
    preds, succs = _graph(net)
    fires = [n for n in preds if n.endswith("_concat")]
    assert len(fires) == 8  # seed 001: 8 parallel branch groups
    for concat in fires:
        p = concat[: -len("_concat")]
        assert sorted(preds[concat]) == [f"{p}_expand1x1", f"{p}_expand3x3"]
        assert sorted(succs[f"{p}_squeeze1x1"]) == [f"{p}_expand1x1", f"{p}_expand3x3"]


def test_googlenet_inception_has_four_branches_and_resnet_shortcuts():
    preds, _ = _graph(zoo.load("googlenet"))
    inceptions = [n for n in preds if n.endswith("_output")]
    assert len(inceptions) == 9 and all(len(preds[n]) == 4 for n in inceptions)
    preds, succs = _graph(zoo.load("resnet50"))
    adds = [n for n in preds if n.startswith("res") and "branch" not in n]
    assert len(adds) == 16 and all(len(preds[n]) == 2 for n in adds)
    assert sorted(preds["res3a"]) == ["res3a_branch1", "res3a_branch2c"]
    assert sorted(succs["res3a"]) == ["res3b", "res3b_branch2a"]  # identity shortcut and main path
    preds, _ = _graph(zoo.load("mobilenet_v2"))
    adds = [n for n in preds if n.endswith("_add")]
    assert len(adds) == 10 and all(len(preds[n]) == 2 for n in adds)  # stride-1 blocks with equal channels


@pytest.mark.parametrize(
    "model, ours", [("resnet50", "resnet50"), ("mobilenet_v2", "mobilenet_v2"), ("squeezenet", "squeezenet1_0"),
                    ("vgg16", "vgg16")]
)
def test_confuciux_tables_have_our_conv_weights(model, ours):
    # Independent source (ConfuciuX's CSVs) for the same architectures: same convolution kernels.
    conf = zoo.load(f"confuciux/{model}")
    conv, _ = _split(zoo.load(ours))
    assert len(conf) == len(conv)
    assert conf.weights == sum(l.weights for l in conv)
    assert all(l.stride == 1 and l.padding == 0 for l in conf.layers)


def test_names_and_unknown_name_lists_known_ones():
    known = zoo.names()
    assert known[: len(REQUIRED)] == REQUIRED
    assert {f"confuciux/{m}" for m in ("resnet50", "mobilenet_v2")} <= set(known)
    assert zoo.load("resnet50") is zoo.load("resnet50")
    with pytest.raises(WorkloadError) as err:
        zoo.load("resnet51")
    assert "'resnet51'" in str(err.value) and "resnet50" in str(err.value) and "confuciux/vgg16" in str(err.value)
