"""A small graph builder for the zoo: tracks tensor shapes through layers and non-layer nodes.

Layers (CONV, DWCONV, GEMM) become :class:`~npu_dse.cost_models.workload.Layer` objects; pooling, concatenation,
element-wise additions and global pooling are graph nodes that are not layers but appear in the network's
``edges`` so that parallel branches (inception modules, fire modules, residual shortcuts) can be found.

Shapes are per batch item: ``(channels, height, width)``.
"""

from __future__ import annotations

from npu_dse.cost_models.errors import WorkloadError
from npu_dse.cost_models.workload import Layer, Network, Op


def pool_out(size: int, kernel: int, stride: int, padding: int = 0, ceil_mode: bool = False) -> int:
    """Output size of a pooling window, PyTorch/Caffe convention.

    ``ceil_mode`` rounds up (Caffe's default) but never starts a window in the right padding
    (PyTorch ``MaxPool2d`` rule).
    """
    span = size + 2 * padding - kernel
    if ceil_mode:
        out = -(-span // stride) + 1
        if (out - 1) * stride >= size + padding:
            out -= 1
    else:
        out = span // stride + 1
    return out


class GraphBuilder:
    """Builds a :class:`Network` node by node.

    Every method takes the name of a source node (``None`` means the network input) and returns the name of
    the new node, so branches are written as ordinary data flow.
    """

    def __init__(self, name: str, in_channels: int, height: int, width: int) -> None:
        self.name = name
        self._shapes: dict[str | None, tuple[int, int, int]] = {None: (in_channels, height, width)}
        self._layers: list[Layer] = []
        self._edges: list[tuple[str, str]] = []

    def shape(self, node: str | None) -> tuple[int, int, int]:
        """(channels, height, width) of a node's output."""
        return self._shapes[node]

    def _add(self, node: str, srcs: list[str | None], shape: tuple[int, int, int]) -> str:
        if node in self._shapes:
            raise WorkloadError(f"network {self.name!r}: node {node!r} defined twice")
        for src in srcs:
            if src is not None:
                self._edges.append((src, node))
        self._shapes[node] = shape
        return node

    def conv(
        self,
        node: str,
        src: str | None,
        K: int,
        R: int,
        S: int | None = None,
        stride: int = 1,
        padding: int = 0,
        groups: int = 1,
    ) -> str:
        """A convolution of ``src`` (a DWCONV when ``groups`` equals the input channels and is > 1)."""
        C, H, W = self._shapes[src]
        op = Op.DWCONV if groups == C and groups > 1 else Op.CONV
        layer = Layer(node, op, K=K, C=C, Y=H, X=W, R=R, S=R if S is None else S, stride=stride,
                      padding=padding, groups=groups)
        self._layers.append(layer)
        return self._add(node, [src], (K, layer.Y_out, layer.X_out))

    def fc(self, node: str, src: str | None, K: int) -> str:
        """A fully connected layer (GEMM) on the flattened ``src``."""
        C, H, W = self._shapes[src]
        self._layers.append(Layer(node, Op.GEMM, K=K, C=C * H * W))
        return self._add(node, [src], (K, 1, 1))

    def pool(self, node: str, src: str, kernel: int, stride: int, padding: int = 0, ceil_mode: bool = False) -> str:
        """A max/average pooling node (not a layer)."""
        C, H, W = self._shapes[src]
        return self._add(node, [src], (C, pool_out(H, kernel, stride, padding, ceil_mode),
                                       pool_out(W, kernel, stride, padding, ceil_mode)))

    def global_pool(self, node: str, src: str) -> str:
        """A global average pooling node (not a layer): (C, H, W) -> (C, 1, 1)."""
        C, _, _ = self._shapes[src]
        return self._add(node, [src], (C, 1, 1))

    def concat(self, node: str, srcs: list[str]) -> str:
        """Channel concatenation of branches (not a layer)."""
        shapes = [self._shapes[s] for s in srcs]
        if len({s[1:] for s in shapes}) != 1:
            raise WorkloadError(f"network {self.name!r}: concat {node!r} of different spatial sizes {shapes}")
        return self._add(node, list(srcs), (sum(s[0] for s in shapes), *shapes[0][1:]))

    def add(self, node: str, srcs: list[str]) -> str:
        """Element-wise addition (residual shortcut; not a layer)."""
        shapes = {self._shapes[s] for s in srcs}
        if len(shapes) != 1:
            raise WorkloadError(f"network {self.name!r}: add {node!r} of different shapes {sorted(shapes)}")
        return self._add(node, list(srcs), shapes.pop())

    def build(self) -> Network:
        """The finished network, layers in definition order."""
        return Network(self.name, tuple(self._layers), tuple(self._edges))
