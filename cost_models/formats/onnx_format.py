"""ONNX models (``.onnx``, read with the ``onnx`` package): compute nodes become layers, the graph becomes edges.

Which nodes are layers (ONNX operator specification, opset >= 7; shapes from ``onnx.shape_inference``):

- ``Conv`` (1-D or 2-D): input ``(N, C, H[, W])``, weight ``(K, C/group, kH[, kW])`` -> ``Layer(K, C, Y=H, X=W,
  R=kH, S=kW, stride, padding, groups=group)``; ``Op.DWCONV`` when ``group == C > 1``. Strides must be equal on
  both axes and pads symmetric (``auto_pad`` SAME_* is accepted when it pads evenly); dilation must be 1.
- ``ConvTranspose`` (2-D): input ``(N, C, H, W)``, weight ``(C, K/group, kH, kW)`` -> ``Layer(op=TRCONV, K, C, Y=H,
  X=W, R=kH, S=kW, stride, padding, groups=group)``: the stride is the upsampling factor, the output
  ``(H - 1) * stride + kH - 2 * padding``. Dilation 1, symmetric pads, no ``output_padding``/``output_shape``.
- ``Gemm`` (``Y = A' B' + C``): ``A'`` is ``(M, K)``, ``B'`` is ``(K, N)`` -> ``Layer(op=GEMM, K=N, C=K, Y=M)``.
- ``MatMul``: ``(..., M, K) x (..., K, N)`` -> the same GEMM with ``N`` (batch) = the product of the broadcast
  leading dimensions. Both operands may be activations (attention products): the "weights" are then the second
  operand's elements.
- ``RNN``/``GRU``/``LSTM``: ``X`` of ``(seq_len, batch, input_size)`` (``layout`` 0) or ``(batch, seq_len,
  input_size)`` (``layout`` 1) -> one fused per-step GEMM, gates x (input + hidden), repeated ``seq_len`` times
  (:func:`npu_dse.cost_models.workload.recurrent_layers`); a bidirectional node doubles K (both directions' gates).

A symbolic (unknown) leading batch dimension is read as 1. Every other node (pooling, activations, element-wise
add, concat, reshape, ...) is not a layer but is kept as a graph node (the computing ones, softmax, normalisation,
activations, element-wise arithmetic and pooling, also in ``Network.ops`` with their output element counts): ``Network.edges`` holds one
``(producer, consumer)`` pair per tensor passed between two nodes, named by the nodes' names (``<op_type>_<index>``
for unnamed nodes), so parallel branches through non-layer nodes can be found. ``Constant`` nodes are left out.

Compute nodes that cannot be represented (3-D ``Conv``, dilated or asymmetric convolutions, integer convolutions)
raise :class:`FormatError` naming the node, rather than being dropped silently.
"""

from __future__ import annotations

import logging
import math
from pathlib import Path

from npu_dse.cost_models.errors import FormatError, WorkloadError
from npu_dse.cost_models.workload import Layer, Network, NonMacOp, Op, recurrent_layers

log = logging.getLogger(__name__)

LAYER_OPS = ("Conv", "ConvTranspose", "Gemm", "MatMul", "RNN", "GRU", "LSTM")
_REFUSED_OPS = {
    "ConvInteger": "integer convolution",
    "QLinearConv": "quantised convolution",
    "DeformConv": "deformable convolution",
}
_SKIPPED_OPS = ("Constant",)
_COUNTED_OPS = ("Softmax", "LayerNormalization", "Gelu", "Erf", "Relu", "Sigmoid", "Tanh", "Add", "Mul", "Div",
                "Sub", "Pow", "Sqrt", "ReduceMean", "MaxPool", "AveragePool", "GlobalAveragePool", "Concat",
                "BatchNormalization", "Clip", "HardSigmoid", "HardSwish")
"""Non-layer ops whose output elements are listed in ``Network.ops`` (compute that later work can cost; reshapes,
transposes and casts move data only and are not listed)."""


class _Graph:
    """Shapes, attributes and initializers of an inferred ONNX graph, with error messages naming the file."""

    def __init__(self, model, path: Path) -> None:
        from onnx import helper

        self.path = path
        self.helper = helper
        g = model.graph
        self.shapes: dict[str, list[int | None]] = {}
        for vi in [*g.input, *g.value_info, *g.output]:
            t = vi.type.tensor_type
            if t.HasField("shape"):
                self.shapes[vi.name] = [d.dim_value if d.HasField("dim_value") else None for d in t.shape.dim]
        for init in g.initializer:
            self.shapes[init.name] = list(init.dims)
        self.initializers = {init.name for init in g.initializer}

    def error(self, node_name: str, message: str) -> FormatError:
        return FormatError(f"{self.path}: node {node_name!r}: {message}")

    def shape(self, node_name: str, tensor: str, what: str, rank: tuple[int, ...] | None = None) -> list[int]:
        """Shape of ``tensor``; a symbolic leading (batch) dimension is read as 1."""
        if tensor not in self.shapes:
            raise self.error(node_name, f"shape inference gave no shape for its {what} {tensor!r}; "
                                        "expected a model with static input shapes")
        dims = list(self.shapes[tensor])
        if dims and dims[0] is None:
            dims[0] = 1
        if any(d is None for d in dims):
            raise self.error(node_name, f"its {what} {tensor!r} has unknown dimensions {self.shapes[tensor]}; "
                                        "only the leading batch dimension may be symbolic")
        if rank is not None and len(dims) not in rank:
            raise self.error(node_name, f"its {what} {tensor!r} has rank {len(dims)}; expected "
                                        f"{' or '.join(map(str, rank))}")
        return dims

    def attrs(self, node) -> dict:
        return {a.name: self.helper.get_attribute_value(a) for a in node.attribute}


def _conv_padding(graph: _Graph, name: str, attrs: dict, spatial: list[int], kernel: list[int], stride: int) -> int:
    auto_pad = attrs.get("auto_pad", b"NOTSET")
    auto_pad = auto_pad.decode() if isinstance(auto_pad, bytes) else auto_pad
    if auto_pad == "VALID":
        return 0
    if auto_pad in ("SAME_UPPER", "SAME_LOWER"):
        totals = [max((math.ceil(n / stride) - 1) * stride + k - n, 0) for n, k in zip(spatial, kernel)]
        if len(set(totals)) != 1 or totals[0] % 2:
            raise graph.error(name, f"auto_pad {auto_pad} pads {totals} (begin + end per axis); "
                                    "expected the same even total on every axis")
        return totals[0] // 2
    pads = list(attrs.get("pads", [0] * (2 * len(spatial))))
    if len(set(pads)) > 1:
        raise graph.error(name, f"pads {pads} are asymmetric; expected the same padding on every side")
    return pads[0] if pads else 0


def _conv(graph: _Graph, node, name: str) -> Layer:
    attrs = graph.attrs(node)
    x = graph.shape(name, node.input[0], "input", rank=(3, 4))
    w = graph.shape(name, node.input[1], "weight", rank=(len(x),))
    spatial, kernel = x[2:], w[2:]
    if any(d != 1 for d in attrs.get("dilations", [1])):
        raise graph.error(name, f"dilations {attrs['dilations']}; expected 1 (dilated convolution is not supported)")
    strides = list(attrs.get("strides", [1] * len(spatial)))
    if len(set(strides)) != 1:
        raise graph.error(name, f"strides {strides} differ between axes; expected one stride for both")
    padding = _conv_padding(graph, name, attrs, spatial, kernel, strides[0])
    group = int(attrs.get("group", 1))
    N, C = x[0], x[1]
    if w[1] * group != C:
        raise graph.error(name, f"weight {node.input[1]!r} has {w[1]} input channels per group x group {group} "
                                f"!= input channels {C}")
    Y, X = spatial[0], spatial[1] if len(spatial) > 1 else 1
    R, S = kernel[0], kernel[1] if len(kernel) > 1 else 1
    if len(spatial) == 1 and padding:
        raise graph.error(name, "a padded 1-D convolution is not supported (padding would apply to both axes)")
    op = Op.DWCONV if group == C and group > 1 else Op.CONV
    return Layer(name, op, K=w[0], C=C, Y=Y, X=X, R=R, S=S, stride=strides[0], padding=padding, groups=group, N=N)


def _conv_transpose(graph: _Graph, node, name: str) -> Layer:
    """ONNX ``ConvTranspose`` (weight ``C x K/group x kH x kW``) as a TRCONV: stride is the upsampling factor."""
    attrs = graph.attrs(node)
    x = graph.shape(name, node.input[0], "input", rank=(4,))
    w = graph.shape(name, node.input[1], "weight", rank=(4,))
    if any(d != 1 for d in attrs.get("dilations", [1])):
        raise graph.error(name, f"dilations {attrs['dilations']}; expected 1 (dilated convolution is not supported)")
    if any(attrs.get("output_padding", [0])) or "output_shape" in attrs:
        raise graph.error(name, "output_padding/output_shape are not supported; expected the default output size")
    auto_pad = attrs.get("auto_pad", b"NOTSET")
    if (auto_pad.decode() if isinstance(auto_pad, bytes) else auto_pad) != "NOTSET":
        raise graph.error(name, f"auto_pad {auto_pad!r}; expected explicit pads")
    strides = list(attrs.get("strides", [1, 1]))
    if len(set(strides)) != 1:
        raise graph.error(name, f"strides {strides} differ between axes; expected one stride for both")
    pads = list(attrs.get("pads", [0] * 4))
    if len(set(pads)) > 1:
        raise graph.error(name, f"pads {pads} are asymmetric; expected the same padding on every side")
    group = int(attrs.get("group", 1))
    N, C = x[0], x[1]
    if w[0] != C:
        raise graph.error(name, f"weight {node.input[1]!r} has {w[0]} input channels != input channels {C}")
    return Layer(name, Op.TRCONV, K=w[1] * group, C=C, Y=x[2], X=x[3], R=w[2], S=w[3], stride=strides[0],
                 padding=pads[0] if pads else 0, groups=group, N=N)


def _gemm(graph: _Graph, node, name: str) -> Layer:
    attrs = graph.attrs(node)
    a = graph.shape(name, node.input[0], "input A", rank=(2,))
    b = graph.shape(name, node.input[1], "input B", rank=(2,))
    M, K = (a[1], a[0]) if attrs.get("transA", 0) else (a[0], a[1])
    N_out = b[0] if attrs.get("transB", 0) else b[1]
    return Layer(name, Op.GEMM, K=N_out, C=K, Y=M)


def _matmul(graph: _Graph, node, name: str) -> Layer:
    a = graph.shape(name, node.input[0], "input A")
    b = graph.shape(name, node.input[1], "input B")
    if not a or not b:
        raise graph.error(name, "MatMul of a scalar; expected tensors of rank >= 1")
    M, K = (1, a[0]) if len(a) == 1 else (a[-2], a[-1])
    N_out = 1 if len(b) == 1 else b[-1]
    batch_a, batch_b = a[:-2], b[:-2]
    width = max(len(batch_a), len(batch_b))
    batch_a = [1] * (width - len(batch_a)) + batch_a
    batch_b = [1] * (width - len(batch_b)) + batch_b
    batch = math.prod(max(p, q) for p, q in zip(batch_a, batch_b))
    return Layer(name, Op.GEMM, K=N_out, C=K, Y=M, N=batch)


def _recurrent(graph: _Graph, node, name: str) -> Layer:
    attrs = graph.attrs(node)
    x = graph.shape(name, node.input[0], "input X", rank=(3,))
    w = graph.shape(name, node.input[1], "weight W", rank=(3,))
    seq_len, batch = (x[1], x[0]) if attrs.get("layout", 0) else (x[0], x[1])
    gates = {"RNN": 1, "GRU": 3, "LSTM": 4}[node.op_type]
    hidden = int(attrs.get("hidden_size", w[1] // gates))
    direction = attrs.get("direction", b"forward")
    direction = direction.decode() if isinstance(direction, bytes) else direction
    (layer,) = recurrent_layers(name, node.op_type, input_size=w[2], hidden_size=hidden, seq_len=seq_len,
                                batch=batch)
    return layer.with_(K=layer.K * 2) if direction == "bidirectional" else layer


_BUILDERS = {"Conv": _conv, "ConvTranspose": _conv_transpose, "Gemm": _gemm, "MatMul": _matmul, "RNN": _recurrent, "GRU": _recurrent,
             "LSTM": _recurrent}


def node_names(model) -> list[str]:
    """The name of every node of ``model.graph`` in order: its own, else ``<op_type>_<index>``, made unique by a
    ``_2``, ``_3``, ... suffix (the names :func:`read_onnx` gives layers and ops)."""
    names: list[str] = []
    used: set[str] = set()
    for i, node in enumerate(model.graph.node):
        base = node.name or f"{node.op_type}_{i}"
        unique, k = base, 2
        while unique in used:
            unique, k = f"{base}_{k}", k + 1
        used.add(unique)
        names.append(unique)
    return names


def read_onnx(path: str | Path, name: str | None = None) -> Network:
    """Read an ONNX model into a :class:`Network` (see the module docstring for the node mapping).

    Args:
        path: the ``.onnx`` file.
        name: network name; default the file's stem.

    Returns:
        Layers in graph (topological) order; ``edges`` between all non-``Constant`` nodes, layers or not.

    Raises:
        FormatError: unreadable or invalid ONNX, failed shape inference, missing shapes, an unsupported compute
            node (``ConvTranspose``, dilated/asymmetric/3-D ``Conv``), an invalid layer shape, or a graph with no
            layer node; the message names the file and the node.
    """
    import onnx
    from onnx import shape_inference

    path = Path(path)
    try:
        model = onnx.load(str(path))
    except Exception as exc:  # onnx raises DecodeError, OSError, ... depending on the damage
        raise FormatError(f"{path}: not a readable ONNX model ({type(exc).__name__}: {exc}); "
                          "expected a serialized ModelProto") from None
    try:
        model = shape_inference.infer_shapes(model, strict_mode=True)
    except Exception as exc:
        raise FormatError(f"{path}: ONNX shape inference failed: {exc}") from None
    graph = _Graph(model, path)

    names = node_names(model)

    producers: dict[str, str] = {}
    layers: list[Layer] = []
    edges: list[tuple[str, str]] = []
    ops: list[NonMacOp] = []
    for node, node_name in zip(model.graph.node, names):
        if node.op_type in _SKIPPED_OPS:
            continue
        if node.op_type in _REFUSED_OPS:
            raise graph.error(node_name, f"{node.op_type} ({_REFUSED_OPS[node.op_type]}) is not supported; "
                                         f"layer nodes allowed: {', '.join(LAYER_OPS)}")
        for tensor in node.input:
            if tensor in producers and (producers[tensor], node_name) not in edges:
                edges.append((producers[tensor], node_name))
        for tensor in node.output:
            if tensor:
                producers[tensor] = node_name
        if node.op_type in _BUILDERS:
            try:
                layers.append(_BUILDERS[node.op_type](graph, node, node_name))
            except WorkloadError as exc:
                raise graph.error(node_name, str(exc)) from None
        elif node.op_type in _COUNTED_OPS and node.output and node.output[0] in graph.shapes:
            dims = graph.shapes[node.output[0]]
            if dims and all(d is not None for d in dims[1:]):
                ops.append(NonMacOp(node_name, node.op_type, math.prod([dims[0] or 1, *dims[1:]])))
    if not layers:
        raise FormatError(f"{path}: no layer node found; expected at least one of {', '.join(LAYER_OPS)}")
    return Network(name or path.stem, tuple(layers), tuple(edges), tuple(ops))


__all__ = ["LAYER_OPS", "read_onnx"]
