"""``--cpu host``: this machine's CPU, measured with onnxruntime on one thread.

Every node of the network's graph runs as its own small ONNX model (one graph node; a GEMM on a 4-D input adds a
``Flatten``) in an onnxruntime session pinned to one intra-op and one inter-op thread (no thread pool: the op runs
on the calling thread), fed with the real tensors it sees inside the network (captured by one run of the whole
model). Its cost is the **thread CPU time** of ``session.run`` (``time.thread_time_ns``), the median over
``repeats`` runs after ``warmup`` runs, less the median cost of ``session.run`` on a one-element ``Identity`` model
(the Python/onnxruntime call overhead, which one whole-graph run pays once and a per-node run pays per node).

**Check.** The whole model is timed the same way; its time should equal the sum of its nodes' within
:data:`CHECK_TOLERANCE` (5 %). A miss (a loaded machine, cache effects the isolated runs do not see) is logged as a
warning and reported in :attr:`HostProfile.check`; it is not an error.

**Networks.** An ONNX file is measured node by node as it is (``Constant`` nodes fold into their consumers, as
:func:`~npu_dse.cost_models.formats.onnx_format.read_onnx` leaves them out). A built-in network is rebuilt as ONNX
from its graph (:func:`network_to_onnx`): layers become ``Conv``/``ConvTranspose``/``MatMul`` with seeded random
float32 weights, non-layer nodes become ``Concat``, ``Add``, ``MaxPool`` or ``GlobalAveragePool`` as the shapes of
their neighbours say (zoo networks do not record the kind of these nodes).

**Cache.** Results are stored as JSON under :func:`cache_dir` (``$NPU_DSE_CACHE_DIR``, else
``$XDG_CACHE_HOME/npu-dse/hetero-host``, else ``~/.cache/npu-dse/hetero-host``), keyed by a SHA-256 of the ONNX
model, the measurement settings, the onnxruntime version and the CPU model, so a second ``dse hetero ... --cpu
host`` reuses the first one's numbers and a different network, setting or machine measures anew.

Sources: onnxruntime threading options (``SessionOptions.intra_op_num_threads``, ``inter_op_num_threads``,
``execution_mode``), https://onnxruntime.ai/docs/performance/tune-performance/threading.html; ``time.thread_time_ns``
(``CLOCK_THREAD_CPUTIME_ID``), Python ``time`` module documentation.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import platform
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from npu_dse.cost_models.errors import FormatError, HardwareError, WorkloadError
from npu_dse.cost_models.workload import Layer, Network, Op
from npu_dse.hetero.units import CpuRoofline

log = logging.getLogger(__name__)

CHECK_TOLERANCE = 0.05
"""Largest relative difference between the whole-graph time and the sum of the per-node times that passes."""
FORMAT_VERSION = 1
"""Bumped when the measurement or the ONNX rebuild changes, so older cache entries are not reused."""
OPSET = 17


@dataclass
class HostProfile:
    """Per-node CPU times of this machine, measured with onnxruntime on one thread.

    Attributes:
        times_us: median thread CPU time of every graph node, microseconds (call overhead removed; >= 0).
        whole_us: median thread CPU time of one run of the whole model, microseconds (overhead removed).
        overhead_us: the median ``session.run`` cost of a one-element ``Identity`` model, microseconds.
        repeats: timed runs per node (after the warm-up runs).
        check: the whole-versus-sum check: ``whole_us``, ``sum_us``, ``rel_diff`` (``sum / whole - 1``),
            ``tolerance`` and ``ok``.
        machine: CPU model, core count and onnxruntime version the numbers come from.
        cached: True when the numbers were read from the cache.
        key: the cache key.
    """

    times_us: dict[str, float]
    whole_us: float
    overhead_us: float
    repeats: int
    check: dict[str, Any]
    machine: dict[str, Any]
    cached: bool = False
    key: str = ""

    def cpu(self) -> CpuRoofline:
        """A :class:`~npu_dse.hetero.units.CpuRoofline` named ``host`` whose profile is these times."""
        return CpuRoofline("host", 1.0, 1.0, 0.0, 1.0,
                           f"measured on this machine ({self.machine.get('cpu', '?')}) with onnxruntime "
                           f"{self.machine.get('onnxruntime', '?')}, one thread, median of {self.repeats} runs",
                           dict(self.times_us))

    def to_dict(self) -> dict[str, Any]:
        """JSON form (also the cache file's content)."""
        return {"format": FORMAT_VERSION, "key": self.key, "times_us": self.times_us, "whole_us": self.whole_us,
                "overhead_us": self.overhead_us, "repeats": self.repeats, "check": self.check,
                "machine": self.machine}


# ----------------------------------------------------------------------------------------------------------- model


@dataclass
class OnnxNetwork:
    """An ONNX model plus which of its nodes make up each graph node of the :class:`Network` it stands for.

    Attributes:
        model: the ONNX ``ModelProto`` (shapes inferred).
        members: graph node name -> indices of its ONNX nodes in ``model.graph.node``.
        feeds: the model's graph inputs -> arrays to feed them (seeded random data).
    """

    model: Any
    members: dict[str, list[int]]
    feeds: dict[str, np.ndarray]


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine_info() -> dict[str, Any]:
    """CPU model, logical core count, OS, Python and onnxruntime versions of this machine."""
    import onnxruntime as ort

    return {"cpu": _cpu_model(), "cores": os.cpu_count(), "platform": platform.platform(),
            "python": platform.python_version(), "onnxruntime": ort.__version__}


def _infer_nonlayer(name: str, in_shapes: list[tuple[int, ...]], want: tuple[int, ...] | None
                    ) -> tuple[str, dict[str, Any], tuple[int, ...]]:
    """(ONNX op type, attributes, output shape) of a zoo non-layer node from its inputs' shapes (N, C, H, W) and,
    when a layer consumes it, the shape that layer expects (``want``; None: unknown)."""
    lname = name.lower()
    if len(in_shapes) > 1:
        same = len(set(in_shapes)) == 1
        spatial = {s[2:] for s in in_shapes}
        cat = (in_shapes[0][0], sum(s[1] for s in in_shapes), *in_shapes[0][2:])
        if same and (want == in_shapes[0] or (want is None and not any(w in lname for w in ("concat", "cat",
                                                                                             "output")))):
            return "Add", {}, in_shapes[0]
        if len(spatial) == 1 and (want is None or want == cat):
            return "Concat", {"axis": 1}, cat
        raise WorkloadError(f"node {name!r}: cannot tell from the shapes {in_shapes} (a consumer expects {want}) "
                            "whether it adds or concatenates its inputs")
    (shape,) = in_shapes
    n, c, h, w = shape
    if want is None or (want[2:] == (1, 1) and (h, w) != (1, 1)):
        return "GlobalAveragePool", {}, (n, c, 1, 1)
    if want[:2] != (n, c):
        raise WorkloadError(f"node {name!r}: pooling of {shape} cannot give {want}")
    from npu_dse.cost_models.zoo._builder import pool_out

    for k, s, p in ((3, 2, 0), (3, 1, 1), (2, 2, 0), (3, 2, 1), (1, 1, 0)):
        for ceil in (0, 1):
            if (pool_out(h, k, s, p, bool(ceil)), pool_out(w, k, s, p, bool(ceil))) == want[2:]:
                return "MaxPool", {"kernel_shape": [k, k], "strides": [s, s], "pads": [p, p, p, p],
                                   "ceil_mode": ceil}, want
    raise WorkloadError(f"node {name!r}: no max-pool window takes {shape} to {want}")


def _layer_input_shape(layer: Layer) -> tuple[int, ...]:
    if layer.op is Op.GEMM:
        return (layer.N * layer.repeat, layer.Y, layer.C)
    return (layer.N, layer.C, layer.Y, layer.X)


def network_to_onnx(network: Network, seed: int = 0) -> OnnxNetwork:
    """Rebuild a network of the zoo (layers, edges through non-layer nodes) as a float32 ONNX model.

    Layers: ``Conv`` (groups, stride, symmetric padding; DWCONV as a grouped ``Conv``), ``ConvTranspose``, and a
    GEMM as ``MatMul`` of a ``(N x repeat, Y, C)`` input with a ``(C, K)`` weight (a 4-D producer is flattened
    first). A layer takes its producer's output when the element counts match (reshaped when only the shape
    differs); otherwise (chains without edges, such as AlexNet, whose pooling is implicit) it reads its own graph
    input, so the model runs exactly the network's layers. Non-layer nodes: see :func:`_infer_nonlayer`.

    Args:
        network: the network.
        seed: seeds the weights and the inputs (numpy ``default_rng``).

    Returns:
        The model with shapes inferred, the ONNX nodes of every graph node, and the input arrays.

    Raises:
        WorkloadError: the graph has a cycle, or a non-layer node's kind or window cannot be told from the shapes
            around it (names the node).
    """
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    from npu_dse.hetero.graph import build_graph

    graph = build_graph(network)
    rng = np.random.default_rng(seed)
    layers = {layer.name: layer for layer in network.layers}
    nodes: list[Any] = []
    inits: list[Any] = []
    inputs: list[Any] = []
    feeds: dict[str, np.ndarray] = {}
    members: dict[str, list[int]] = {}
    out_shape: dict[str, tuple[int, ...]] = {}

    def new_input(tensor: str, shape: tuple[int, ...]) -> str:
        inputs.append(helper.make_tensor_value_info(tensor, TensorProto.FLOAT, list(shape)))
        feeds[tensor] = rng.standard_normal(shape).astype(np.float32)
        return tensor

    def weight(tensor: str, shape: tuple[int, ...], fan_in: int) -> str:
        arr = (rng.standard_normal(shape) / math.sqrt(max(fan_in, 1))).astype(np.float32)
        inits.append(numpy_helper.from_array(arr, tensor))
        return tensor

    def wanted(n: str) -> tuple[int, ...] | None:
        """The input shape a layer consumer of ``n`` expects, or None."""
        for s in graph.succs[n]:
            if s in layers:
                want = _layer_input_shape(layers[s])
                if layers[s].op is Op.GEMM and len(want) == 3:
                    # a 4-D producer flattened into the GEMM: (N, C, 1, 1) when the flat size is the channels
                    return None if want[1] != 1 else (want[0], want[2], 1, 1)
                return want
        return None

    for n in graph.nodes:
        idx0 = len(nodes)
        preds = graph.preds[n]
        if n in layers:
            layer = layers[n]
            want = _layer_input_shape(layer)
            src = None
            if len(preds) == 1 and preds[0] in out_shape:
                have = out_shape[preds[0]]
                if have == want:
                    src = preds[0]
                elif math.prod(have) == math.prod(want):
                    src, shape_t = f"{n}__in", f"{n}__shape"
                    inits.append(numpy_helper.from_array(np.array(want, dtype=np.int64), shape_t))
                    nodes.append(helper.make_node("Reshape", [preds[0], shape_t], [src], name=f"{n}__reshape"))
            if src is None:
                src = new_input(f"{n}__input", want)
            if layer.op is Op.GEMM:
                w = weight(f"{n}__W", (layer.C, layer.K), layer.C)
                nodes.append(helper.make_node("MatMul", [src, w], [n], name=n))
                out_shape[n] = (want[0], want[1], layer.K)
            elif layer.op is Op.TRCONV:
                w = weight(f"{n}__W", (layer.C, layer.K // layer.groups, layer.R, layer.S), layer.C * layer.R)
                p = layer.padding
                nodes.append(helper.make_node("ConvTranspose", [src, w], [n], name=n,
                                              kernel_shape=[layer.R, layer.S], strides=[layer.stride] * 2,
                                              pads=[p, p, p, p], group=layer.groups))
                out_shape[n] = (layer.N, layer.K, layer.Y_out, layer.X_out)
            else:
                cg = layer.C // layer.groups
                w = weight(f"{n}__W", (layer.K, cg, layer.R, layer.S), cg * layer.R * layer.S)
                p = layer.padding
                nodes.append(helper.make_node("Conv", [src, w], [n], name=n, kernel_shape=[layer.R, layer.S],
                                              strides=[layer.stride] * 2, pads=[p, p, p, p], group=layer.groups))
                out_shape[n] = (layer.N, layer.K, layer.Y_out, layer.X_out)
        else:
            known = [p for p in preds if p in out_shape]
            if len(known) != len(preds) or not known:
                raise WorkloadError(f"network {network.name!r}: node {n!r} has no producer with a known shape; it "
                                    "cannot be rebuilt for host measurement")
            shapes = [out_shape[p] for p in known]
            if any(len(s) != 4 for s in shapes):
                raise WorkloadError(f"network {network.name!r}: node {n!r} joins non-image tensors {shapes}; it "
                                    "cannot be rebuilt for host measurement")
            try:
                op, attrs, shape = _infer_nonlayer(n, shapes, wanted(n))
            except WorkloadError as exc:
                raise WorkloadError(f"network {network.name!r}: {exc}") from None
            nodes.append(helper.make_node(op, list(known), [n], name=n, **attrs))
            out_shape[n] = shape
        members[n] = list(range(idx0, len(nodes)))

    consumed = {t for nd in nodes for t in nd.input}
    outputs = [helper.make_tensor_value_info(n, TensorProto.FLOAT, list(out_shape[n]))
               for n in graph.nodes if n not in consumed]
    g = helper.make_graph(nodes, network.name, inputs, outputs, inits)
    model = helper.make_model(g, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="npu-dse")
    model.ir_version = 8
    model = onnx.shape_inference.infer_shapes(model, strict_mode=True)
    return OnnxNetwork(model, members, feeds)


def onnx_file_network(path: str | Path, seed: int = 0) -> OnnxNetwork:
    """An ONNX file as :class:`OnnxNetwork`, graph nodes named as
    :func:`~npu_dse.cost_models.formats.onnx_format.read_onnx` names them (``Constant`` nodes left out).

    Graph inputs get seeded random data of their dtype and shape (unknown dimensions: 1).

    Raises:
        FormatError: unreadable ONNX or failed shape inference (names the file).
    """
    import onnx
    from onnx import helper

    path = Path(path)
    try:
        model = onnx.shape_inference.infer_shapes(onnx.load(str(path)), strict_mode=True)
    except Exception as exc:  # onnx raises DecodeError, OSError, InferenceError, ...
        raise FormatError(f"{path}: not a measurable ONNX model ({type(exc).__name__}: {exc})") from None
    rng = np.random.default_rng(seed)
    inits = {i.name for i in model.graph.initializer}
    feeds: dict[str, np.ndarray] = {}
    for vi in model.graph.input:
        if vi.name in inits:
            continue
        t = vi.type.tensor_type
        shape = tuple(d.dim_value if d.HasField("dim_value") and d.dim_value > 0 else 1 for d in t.shape.dim)
        dtype = helper.tensor_dtype_to_np_dtype(t.elem_type)
        if np.issubdtype(dtype, np.floating):
            feeds[vi.name] = rng.standard_normal(shape).astype(dtype)
        else:
            feeds[vi.name] = np.zeros(shape, dtype=dtype)
    from npu_dse.cost_models.formats.onnx_format import node_names

    members = {name: [i] for i, (name, node) in enumerate(zip(node_names(model), model.graph.node))
               if node.op_type != "Constant"}
    return OnnxNetwork(model, members, feeds)


# ----------------------------------------------------------------------------------------------------- measuring


def _session(model_bytes: bytes):
    import onnxruntime as ort

    so = ort.SessionOptions()
    so.intra_op_num_threads = 1
    so.inter_op_num_threads = 1
    so.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    # basic optimisations only: the layout transforms of the higher levels rewrite a whole graph differently from
    # its nodes run alone, which would bias the whole-versus-sum check
    so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
    so.add_session_config_entry("session.intra_op.allow_spinning", "0")
    so.log_severity_level = 3
    return ort.InferenceSession(model_bytes, so, providers=["CPUExecutionProvider"])


def _bind(sess, inputs: dict[str, np.ndarray], outputs: dict[str, np.ndarray]):
    """An I/O binding of ``sess`` to input and output arrays allocated once (not copied: the arrays are the
    tensors), so a timed run neither allocates its outputs (fresh pages, page faults) nor copies them into new numpy
    arrays, as a node inside the whole graph does not either."""
    import onnxruntime as ort

    io = sess.io_binding()
    keep = []
    for name, arr in inputs.items():
        value = ort.OrtValue.ortvalue_from_numpy(arr)
        keep.append(value)
        io.bind_ortvalue_input(name, value)
    for name, buf in outputs.items():
        io.bind_output(name, "cpu", 0, buf.dtype, list(buf.shape), buf.ctypes.data)
    return io, keep


def _time_runs(sess, feeds: dict[str, np.ndarray], outputs: dict[str, np.ndarray], repeats: int, warmup: int
               ) -> float:
    """Median thread CPU time of one bound run of ``sess`` over ``repeats`` runs after ``warmup``, microseconds."""
    return _interleaved([("x", sess, feeds, outputs)], repeats, warmup)["x"]


_WHOLE = "\0whole"


def _interleaved(runs: list[tuple[str, Any, dict[str, np.ndarray], dict[str, np.ndarray]]], repeats: int,
                 warmup: int) -> dict[str, float]:
    """Median thread CPU time (microseconds) of every session, timed round-robin: one run of each per round, in
    the given (graph) order, so that a node reads the tensors its producer just wrote (the cache state it has
    inside the whole graph) and a load that comes and goes weighs on every node and on the whole model alike."""
    samples: dict[str, list[int]] = {k: [] for k, *_ in runs}
    bound = [(k, sess, *_bind(sess, ins, outs)) for k, sess, ins, outs in runs]  # (key, session, binding, values)
    for r in range(warmup + repeats):
        for k, sess, io, _ in bound:
            t0 = time.thread_time_ns()
            sess.run_with_iobinding(io)
            dt = time.thread_time_ns() - t0
            if r >= warmup:
                samples[k].append(dt)
    return {k: statistics.median(v) / 1e3 for k, v in samples.items()}


def _submodel(on: OnnxNetwork, idxs: list[int], values: dict[str, np.ndarray]) -> tuple[bytes, list[str], list[str]]:
    """A model of the ONNX nodes ``idxs``: initializers and ``Constant`` outputs they read become initializers,
    other tensors they read become graph inputs, and their outputs no other of them reads the graph outputs
    (shapes and dtypes from ``values``). Returns (serialized model, input names, output names)."""
    from onnx import helper, numpy_helper

    g = on.model.graph
    nodes = [g.node[i] for i in idxs]
    produced = {t for nd in nodes for t in nd.output if t}
    read = {t for nd in nodes for t in nd.input if t}
    inits_by_name = {i.name: i for i in g.initializer}
    consts = {nd.output[0] for nd in g.node if nd.op_type == "Constant"}
    inits, inputs, names = [], [], []
    for nd in nodes:
        for t in nd.input:
            if not t or t in produced or t in names or any(i.name == t for i in inits):
                continue
            if t in inits_by_name:
                inits.append(inits_by_name[t])
            elif t in consts:
                inits.append(numpy_helper.from_array(values[t], t))
            else:
                arr = values[t]
                inputs.append(helper.make_tensor_value_info(t, helper.np_dtype_to_tensor_dtype(arr.dtype),
                                                            list(arr.shape)))
                names.append(t)
    outs = [t for nd in nodes for t in nd.output if t and t not in read]
    outputs = [helper.make_tensor_value_info(t, helper.np_dtype_to_tensor_dtype(values[t].dtype),
                                             list(values[t].shape)) for t in outs]
    sub = helper.make_model(helper.make_graph(nodes, "node", inputs, outputs, inits),
                            opset_imports=on.model.opset_import)
    sub.ir_version = on.model.ir_version
    return sub.SerializeToString(), names, outs


def _all_values(on: OnnxNetwork) -> dict[str, np.ndarray]:
    """Every tensor of the model (graph inputs, node outputs) from one run with all of them exposed."""
    from onnx import helper

    m = type(on.model)()
    m.CopyFrom(on.model)
    known = {o.name for o in m.graph.output}
    vis = {vi.name: vi for vi in m.graph.value_info}
    for nd in m.graph.node:
        for t in nd.output:
            if t and t not in known:
                m.graph.output.append(vis[t] if t in vis else helper.make_empty_tensor_value_info(t))
                known.add(t)
    sess = _session(m.SerializeToString())
    names = [o.name for o in sess.get_outputs()]
    values = dict(zip(names, sess.run(None, on.feeds)))
    values.update(on.feeds)
    return values


def tensor_values(on: OnnxNetwork) -> dict[str, np.ndarray]:
    """Every tensor of ``on``'s model (graph inputs and node outputs) from one onnxruntime run, by tensor name.

    Raises:
        FormatError: onnxruntime cannot run the model.
    """
    try:
        return _all_values(on)
    except Exception as exc:  # onnxruntime raises its own Fail/InvalidGraph/RuntimeException types
        raise FormatError(f"onnxruntime cannot run the model {on.model.graph.name!r}: {exc}") from None


def chain_model(on: OnnxNetwork, nodes: list[str], values: dict[str, np.ndarray]) -> tuple[bytes, list[str],
                                                                                           list[str]]:
    """A model of the graph nodes ``nodes`` of ``on`` (a branch, in order): (serialized ONNX, names of the tensors
    it reads, names of the tensors it writes); ``values`` (:func:`tensor_values`) gives their shapes."""
    return _submodel(on, [i for n in nodes for i in on.members[n]], values)


def session(model_bytes: bytes):
    """An onnxruntime CPU session on one intra-op and one inter-op thread (no spinning, basic optimisations)."""
    return _session(model_bytes)


def bind(sess, inputs: dict[str, np.ndarray], outputs: dict[str, np.ndarray]):
    """Bind ``sess`` to these input and output arrays (no copies); returns (binding, objects to keep alive)."""
    return _bind(sess, inputs, outputs)


def cache_dir() -> Path:
    """Where measured host profiles are cached (module docstring)."""
    env = os.environ.get("NPU_DSE_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "npu-dse" / "hetero-host"


def measure(on: OnnxNetwork, repeats: int = 11, warmup: int = 2, cache: str | Path | None | bool = None,
            refresh: bool = False) -> HostProfile:
    """Measure every graph node of ``on`` and the whole model on this machine (module docstring).

    Args:
        on: the model (:func:`network_to_onnx` or :func:`onnx_file_network`).
        repeats: timed runs per node and for the whole model (median taken), >= 1.
        warmup: untimed runs before them, >= 0.
        cache: a cache directory; None: :func:`cache_dir`; False: neither read nor write a cache.
        refresh: measure even when the cache holds the numbers (and overwrite them).

    Returns:
        The profile: per-node and whole-model thread CPU times in microseconds and the whole-versus-sum check
        (logged as a warning when it misses :data:`CHECK_TOLERANCE`).

    Raises:
        HardwareError: ``repeats`` < 1 or ``warmup`` < 0.
        FormatError: onnxruntime refuses the model or a node of it (names the node).
    """
    if not (isinstance(repeats, int) and repeats >= 1) or not (isinstance(warmup, int) and warmup >= 0):
        raise HardwareError(f"host measurement needs repeats >= 1 and warmup >= 0, got {repeats}, {warmup}")
    machine = machine_info()
    h = hashlib.sha256(on.model.SerializeToString(deterministic=True))
    for name in sorted(on.feeds):
        h.update(name.encode())
        h.update(np.ascontiguousarray(on.feeds[name]).tobytes())
    h.update(json.dumps({"members": on.members, "repeats": repeats, "warmup": warmup, "format": FORMAT_VERSION,
                         "cpu": machine["cpu"], "ort": machine["onnxruntime"]}, sort_keys=True).encode())
    key = h.hexdigest()
    path = None
    if cache is not False:
        path = Path(cache if cache is not None else cache_dir()) / f"{key}.json"
        if path.is_file() and not refresh:
            try:
                doc = json.loads(path.read_text(encoding="utf-8"))
                if doc.get("key") == key and doc.get("format") == FORMAT_VERSION \
                        and set(doc["times_us"]) == set(on.members):
                    log.info("host profile read from the cache %s", path)
                    return HostProfile({k: float(v) for k, v in doc["times_us"].items()}, float(doc["whole_us"]),
                                       float(doc["overhead_us"]), int(doc["repeats"]), doc["check"],
                                       doc["machine"], True, key)
            except (OSError, ValueError, KeyError, TypeError) as exc:
                log.warning("ignoring the unreadable host-profile cache %s (%s); measuring again", path, exc)
            log.warning("host-profile cache entry %s does not match; measuring again", path)

    from onnx import TensorProto, helper

    # call overhead: session.run of a one-element Identity
    ident = helper.make_model(helper.make_graph(
        [helper.make_node("Identity", ["x"], ["y"])], "identity",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1])]),
        opset_imports=[helper.make_opsetid("", OPSET)])
    ident.ir_version = 8
    x = np.zeros(1, np.float32)
    overhead = _time_runs(_session(ident.SerializeToString()), {"x": x}, {"y": np.zeros_like(x)},
                          max(repeats, 21), warmup + 3)
    values = tensor_values(on)
    # one buffer per tensor passed between graph nodes, holding the real values: node k writes what node k+1 reads
    buffers: dict[str, np.ndarray] = {}
    runs: list[tuple[str, Any, dict[str, np.ndarray], dict[str, np.ndarray]]] = []
    for name, idxs in on.members.items():
        try:
            blob, ins, outs = _submodel(on, idxs, values)
            sess = _session(blob)
        except Exception as exc:
            raise FormatError(f"onnxruntime cannot run node {name!r} alone: {exc}") from None
        for t in outs:
            buffers[t] = np.array(values[t], copy=True, order="C")
        runs.append((name, sess, {t: buffers[t] if t in buffers else np.ascontiguousarray(values[t]) for t in ins},
                     {t: buffers[t] for t in outs}))
    whole_outs = {o.name: np.array(values[o.name], copy=True, order="C") for o in on.model.graph.output}
    runs.append((_WHOLE, _session(on.model.SerializeToString()),
                 {k: np.ascontiguousarray(v) for k, v in on.feeds.items()}, whole_outs))
    samples = _interleaved(runs, repeats, warmup)
    times = {name: max(samples[name] - overhead, 0.0) for name in on.members}
    whole = max(samples[_WHOLE] - overhead, 0.0)
    total = sum(times.values())
    rel = total / whole - 1.0 if whole > 0 else math.inf
    ok = bool(abs(rel) <= CHECK_TOLERANCE)
    check = {"whole_us": whole, "sum_us": total, "rel_diff": rel, "tolerance": CHECK_TOLERANCE, "ok": ok}
    if not ok:
        log.warning("host profile of %r: the sum of the nodes' CPU times (%.0f us) differs from the whole graph's "
                    "(%.0f us) by %+.1f %%, more than %.0f %% (a loaded machine or cache effects)",
                    on.model.graph.name, total, whole, 100 * rel, 100 * CHECK_TOLERANCE)
    prof = HostProfile(times, whole, overhead, repeats, check, machine, False, key)
    if path is not None:
        try:
            from npu_dse.results import write_json

            write_json(path, prof.to_dict())
        except Exception as exc:  # a read-only cache place is not fatal: the numbers are in hand
            log.warning("cannot write the host-profile cache %s: %s", path, exc)
    return prof


def host_profile(network: Network, model_path: str | Path | None = None, repeats: int = 11, warmup: int = 2,
                 cache: str | Path | None | bool = None, seed: int = 0, refresh: bool = False) -> HostProfile:
    """Measure ``network`` on this machine: from its ONNX file when ``model_path`` is one, else rebuilt from its
    graph (:func:`network_to_onnx`).

    Args:
        network: the network (its graph node names are the profile's keys).
        model_path: the ``.onnx`` file the network was read from, if any.
        repeats, warmup, cache, refresh: as in :func:`measure`.
        seed: seeds weights and inputs.

    Returns:
        The :class:`HostProfile`; ``cpu()`` turns it into the CPU for :func:`~npu_dse.hetero.schedule.schedule`.

    Raises:
        WorkloadError: the network cannot be rebuilt as ONNX (names the node). FormatError: onnxruntime refuses
            it. HardwareError: bad ``repeats``/``warmup``.
    """
    if model_path is not None and str(model_path).lower().endswith(".onnx"):
        on = onnx_file_network(model_path, seed)
    else:
        on = network_to_onnx(network, seed)
    return measure(on, repeats, warmup, cache, refresh)


__all__ = ["CHECK_TOLERANCE", "HostProfile", "OnnxNetwork", "bind", "cache_dir", "chain_model", "host_profile",
           "machine_info", "measure", "network_to_onnx", "onnx_file_network", "session", "tensor_values"]
