"""Issue 17: ``--cpu host``, this machine measured with onnxruntime on one thread (times, cache, ONNX rebuild).

The whole-graph-versus-sum check is reported but not asserted here: the test machine is shared and loaded.
"""

from __future__ import annotations

import json
import logging
import math

import numpy as np
import pytest
from typer.testing import CliRunner

from npu_dse.cli import app
from npu_dse.cost_models import zoo
from npu_dse.cost_models.errors import HardwareError, WorkloadError
from npu_dse.cost_models.workload import Layer, Network, Op
from npu_dse.hetero.graph import build_graph
from npu_dse.hetero.host import CHECK_TOLERANCE, host_profile, network_to_onnx
from npu_dse.hetero.schedule import schedule
from npu_dse.hetero.units import EVTA

runner = CliRunner()


def _tiny() -> Network:
    """fork (1x1 conv) -> {big: 3x3 conv 64 -> 64 on 32x32; small: 1x1 conv 64 -> 8 -> 1x1 8 -> 64 on 32x32} -> add."""
    fork = Layer("fork", Op.CONV, K=64, C=16, Y=32, X=32, R=1, S=1)
    big = Layer("big", Op.CONV, K=64, C=64, Y=32, X=32, R=3, S=3, padding=1)
    small = Layer("small", Op.CONV, K=8, C=64, Y=32, X=32, R=1, S=1)
    up = Layer("up", Op.CONV, K=64, C=8, Y=32, X=32, R=1, S=1)
    edges = (("fork", "big"), ("fork", "small"), ("small", "up"), ("big", "add"), ("up", "add"))
    return Network("tiny", (fork, big, small, up), edges)


def test_measured_times_are_positive_finite_and_ordered(tmp_path):
    net = _tiny()
    prof = host_profile(net, repeats=5, warmup=1, cache=tmp_path)
    assert set(prof.times_us) == set(build_graph(net).nodes) == {"fork", "big", "small", "up", "add"}
    for name, t in prof.times_us.items():
        assert math.isfinite(t) and t > 0, (name, t)
    # big: 37.7 MMACs; small: 0.5 MMACs: the big convolution costs far more CPU time
    assert net.layer("big").macs > 70 * net.layer("small").macs
    assert prof.times_us["big"] > 5 * prof.times_us["small"]
    assert prof.times_us["big"] > prof.times_us["fork"]
    # the whole graph runs the big convolution too; its ops add only ~15 % to it, within one-thread timing noise
    # on a shared machine (a fresh-clone CI run measured 638 us whole against 680 us for the op), so half is the bound
    assert prof.whole_us > 0.5 * prof.times_us["big"]
    assert set(prof.check) == {"whole_us", "sum_us", "rel_diff", "tolerance", "ok"}
    assert prof.check["tolerance"] == CHECK_TOLERANCE
    assert prof.check["sum_us"] == pytest.approx(sum(prof.times_us.values()))
    assert prof.check["ok"] == (abs(prof.check["rel_diff"]) <= CHECK_TOLERANCE)
    assert prof.machine["onnxruntime"] and prof.machine["cores"] >= 1
    # as a CPU for the scheduler: profiled milliseconds, the NPU cannot run the add
    cpu = prof.cpu()
    assert cpu.name == "host"
    assert cpu.layer_ms(net.layer("big")) == pytest.approx(prof.times_us["big"] / 1e3)
    r = schedule(net, cpu, EVTA)
    assert r.groups_found == 1 and r.groups[0].branches == [["big"], ["small", "up"]]
    assert r.node_ms["add"]["cpu"] == pytest.approx(prof.times_us["add"] / 1e3)


def test_the_measurement_is_cached_and_reused_only_when_it_matches(tmp_path, caplog):
    net = _tiny()
    first = host_profile(net, repeats=3, warmup=1, cache=tmp_path)
    assert not first.cached
    files = list(tmp_path.glob("*.json"))
    assert [f.stem for f in files] == [first.key]
    again = host_profile(net, repeats=3, warmup=1, cache=tmp_path)
    assert again.cached and again.times_us == first.times_us and again.check == first.check
    # another setting, another network or another seed: another key, measured anew
    other = host_profile(net, repeats=4, warmup=1, cache=tmp_path)
    assert not other.cached and other.key != first.key
    bigger = Network("tiny", tuple(l.with_(Y=40, X=40) for l in net.layers), net.edges)
    assert not host_profile(bigger, repeats=3, warmup=1, cache=tmp_path).cached
    assert not host_profile(net, repeats=3, warmup=1, cache=tmp_path, seed=1).cached
    assert len(list(tmp_path.glob("*.json"))) == 4
    # refresh measures again and overwrites
    fresh = host_profile(net, repeats=3, warmup=1, cache=tmp_path, refresh=True)
    assert not fresh.cached and fresh.key == first.key
    # a damaged entry is not trusted: a warning, then a new measurement that replaces it
    (tmp_path / f"{first.key}.json").write_text("{not json")
    with caplog.at_level(logging.WARNING, logger="npu_dse.hetero.host"):
        repaired = host_profile(net, repeats=3, warmup=1, cache=tmp_path)
    assert not repaired.cached and "unreadable host-profile cache" in caplog.text
    assert json.loads((tmp_path / f"{first.key}.json").read_text())["key"] == first.key
    # cache=False neither reads nor writes
    assert not host_profile(net, repeats=3, warmup=1, cache=False).cached


def test_zoo_networks_are_rebuilt_with_the_right_node_kinds():
    sq = network_to_onnx(zoo.load("squeezenet1_0"))
    ops = {sq.model.graph.node[idx[-1]].name: sq.model.graph.node[idx[-1]].op_type for idx in sq.members.values()}
    assert ops["fire2_concat"] == "Concat" and ops["maxpool1"] == "MaxPool" and ops["avgpool10"] == \
        "GlobalAveragePool" and ops["conv1"] == "Conv"
    node = {n.name: n for n in sq.model.graph.node}
    # 54 -> 27 needs ceil mode (floor gives 26)
    assert {a.name: a.i for a in node["maxpool4"].attribute if a.name == "ceil_mode"} == {"ceil_mode": 1}
    assert [d.dim_value for d in sq.model.graph.output[0].type.tensor_type.shape.dim] == [1, 1000, 1, 1]
    rn = network_to_onnx(zoo.load("resnet50"))
    kinds = {rn.model.graph.node[i[-1]].name: rn.model.graph.node[i[-1]].op_type for i in rn.members.values()}
    assert kinds["res2a"] == "Add" and kinds["pool1"] == "MaxPool"
    gn = network_to_onnx(zoo.load("googlenet"))
    kinds = {gn.model.graph.node[i[-1]].name: gn.model.graph.node[i[-1]].op_type for i in gn.members.values()}
    assert kinds["inception_3a_output"] == "Concat" and kinds["inception_3a_pool"] == "MaxPool"
    assert kinds["loss3_classifier"] == "MatMul" and len(gn.members["loss3_classifier"]) == 2  # reshape + matmul
    assert set(gn.members) == set(build_graph(zoo.load("googlenet")).nodes)


def test_an_onnx_file_is_measured_node_by_node(tmp_path, monkeypatch):
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    rng = np.random.default_rng(0)
    w1 = numpy_helper.from_array(rng.standard_normal((32, 8, 3, 3)).astype(np.float32), "w1")
    w2 = numpy_helper.from_array(rng.standard_normal((32, 8, 1, 1)).astype(np.float32), "w2")
    nodes = [helper.make_node("Relu", ["x"], ["r"], name="stem"),
             helper.make_node("Conv", ["r", "w1"], ["a"], name="conv3x3", pads=[1, 1, 1, 1]),
             helper.make_node("Conv", ["r", "w2"], ["b"], name="conv1x1"),
             helper.make_node("Add", ["a", "b"], ["y"], name="join")]
    g = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 8, 24, 24])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 32, 24, 24])], [w1, w2])
    model = helper.make_model(g, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    path = tmp_path / "branchy.onnx"
    onnx.save(model, str(path))
    monkeypatch.setenv("NPU_DSE_CACHE_DIR", str(tmp_path / "cache"))
    out = tmp_path / "h.json"
    res = runner.invoke(app, ["hetero", str(path), "--cpu", "host", "--json", str(out)])
    assert res.exit_code == 0, res.output
    d = json.loads(out.read_text())
    assert d["cpu"] == "host" and d["groups_found"] == 1
    assert d["groups"][0]["branches"] == [["conv3x3"], ["conv1x1"]]
    t3, t1 = (d["groups"][0]["branch_ms"][i]["cpu"] for i in (0, 1))
    assert t3 > 3 * t1 > 0  # 9x the MACs
    chk = d["cpu_check"]
    assert chk["cached"] is False and chk["sum_us"] > 0 and chk["whole_us"] > 0 and isinstance(chk["ok"], bool)
    assert len(list((tmp_path / "cache").glob("*.json"))) == 1
    res = runner.invoke(app, ["hetero", str(path), "--cpu", "host", "--json", str(out)])
    assert res.exit_code == 0 and json.loads(out.read_text())["cpu_check"]["cached"] is True


def test_unrebuildable_networks_and_bad_settings_are_refused(tmp_path):
    a = Layer("a", Op.CONV, K=16, C=16, Y=8, X=8)
    b = Layer("b", Op.CONV, K=16, C=16, Y=8, X=8)
    c = Layer("c", Op.CONV, K=16, C=48, Y=8, X=8)  # expects 48 channels: neither the add nor the concat of two 16s
    net = Network("odd", (a, b, c), (("a", "j"), ("b", "j"), ("j", "c")))
    with pytest.raises(WorkloadError, match="node 'j': cannot tell"):
        network_to_onnx(net)
    with pytest.raises(HardwareError, match="repeats >= 1"):
        host_profile(_tiny(), repeats=0, cache=False)
