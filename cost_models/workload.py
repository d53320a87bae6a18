"""DNN workloads: :class:`Layer` and :class:`Network`.

A layer is one convolution (CONV), depthwise/grouped convolution (DWCONV), transposed convolution (TRCONV) or
matrix multiply (GEMM). Sizes follow
Sze et al. 2017 (Proc. IEEE 105(12), Fig. 9 / Table I notation) and MAESTRO's dimension names:

====  =========================================================================
N     batch (GEMM: independent rows handled together)
K     output channels (GEMM: output features)
C     input channels (GEMM: input features / reduction length)
Y, X  input height and width, **without** padding (GEMM: Y = rows, X = 1)
R, S  kernel height and width (GEMM: 1, 1)
====  =========================================================================

``stride`` and ``padding`` apply to both spatial axes; ``padding`` is added on every side. ``groups`` splits C and K
into independent groups (AlexNet's grouped convolutions, depthwise convolutions with ``groups == C``).
``repeat`` is how many times the layer runs back to back with the same weights (time steps of a recurrent
cell); it multiplies MACs but not weights.

A TRCONV (transposed convolution, ONNX ``ConvTranspose``, MAESTRO's ``TRCONV``) upsamples: ``stride`` is its
upsampling factor, its output is ``(Y - 1) * stride + R - 2 * padding`` rows, and each input pixel meets every
kernel weight once, so its MACs are ``N * K * C/groups * R * S * Y * X * repeat``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Sequence

from npu_dse.cost_models.errors import WorkloadError


class Op(str, enum.Enum):
    """Layer operator type."""

    CONV = "CONV"
    DWCONV = "DWCONV"
    TRCONV = "TRCONV"
    GEMM = "GEMM"


@dataclass(frozen=True)
class Layer:
    """One layer.

    Output size is ``(Y + 2*padding - R) // stride + 1`` (likewise for X); a TRCONV's is
    ``(Y - 1) * stride + R - 2*padding``.
    MACs = ``N * K * (C / groups) * R * S * Y_out * X_out * repeat`` (a TRCONV: ``Y * X`` in place of
    ``Y_out * X_out``); weights = ``K * (C / groups) * R * S`` (no bias).

    Raises:
        WorkloadError: a non-positive size, a kernel larger than the padded input, ``groups`` not dividing C or K,
            a DWCONV whose groups differ from C, or a GEMM with a spatial kernel. The message names the layer and
            the field.
    """

    name: str
    op: Op
    K: int
    C: int
    Y: int = 1
    X: int = 1
    R: int = 1
    S: int = 1
    stride: int = 1
    padding: int = 0
    groups: int = 1
    N: int = 1
    repeat: int = 1

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "op", Op(self.op))
        except ValueError:
            raise WorkloadError(
                f"layer {self.name!r}: field 'op' is {self.op!r}; allowed: {', '.join(o.value for o in Op)}"
            ) from None
        for f in ("N", "K", "C", "Y", "X", "R", "S", "stride", "groups", "repeat"):
            v = getattr(self, f)
            if not isinstance(v, (int,)) or isinstance(v, bool) or v <= 0:
                raise WorkloadError(f"layer {self.name!r}: field {f!r} must be a positive integer, got {v!r}")
        if not isinstance(self.padding, int) or self.padding < 0:
            raise WorkloadError(f"layer {self.name!r}: field 'padding' must be an integer >= 0, got {self.padding!r}")
        if self.op is Op.TRCONV:
            if min(self.Y_out, self.X_out) < 1:
                raise WorkloadError(f"layer {self.name!r}: field 'padding' = {self.padding} crops the whole output of "
                                    f"this TRCONV ({self.Y_out} x {self.X_out})")
        elif self.R > self.Y + 2 * self.padding:
            raise WorkloadError(
                f"layer {self.name!r}: field 'R' = {self.R} is larger than the padded input height "
                f"{self.Y + 2 * self.padding}"
            )
        if self.op is not Op.TRCONV and self.S > self.X + 2 * self.padding:
            raise WorkloadError(
                f"layer {self.name!r}: field 'S' = {self.S} is larger than the padded input width "
                f"{self.X + 2 * self.padding}"
            )
        if self.C % self.groups or self.K % self.groups:
            raise WorkloadError(
                f"layer {self.name!r}: field 'groups' = {self.groups} must divide C = {self.C} and K = {self.K}"
            )
        if self.op is Op.DWCONV and self.groups != self.C:
            raise WorkloadError(
                f"layer {self.name!r}: field 'groups' of a DWCONV must equal C = {self.C}, got {self.groups}"
            )
        if self.op is Op.GEMM and (self.R, self.S, self.stride, self.padding) != (1, 1, 1, 0):
            raise WorkloadError(f"layer {self.name!r}: a GEMM has R = S = stride = 1 and padding = 0")

    @property
    def Y_out(self) -> int:
        """Output height (rows)."""
        if self.op is Op.TRCONV:
            return (self.Y - 1) * self.stride + self.R - 2 * self.padding
        return (self.Y + 2 * self.padding - self.R) // self.stride + 1

    @property
    def X_out(self) -> int:
        """Output width (columns)."""
        if self.op is Op.TRCONV:
            return (self.X - 1) * self.stride + self.S - 2 * self.padding
        return (self.X + 2 * self.padding - self.S) // self.stride + 1

    @property
    def output_size(self) -> tuple[int, int, int]:
        """Output tensor shape per batch item: (K, Y_out, X_out)."""
        return (self.K, self.Y_out, self.X_out)

    @property
    def weights(self) -> int:
        """Kernel weights, no bias: K * C/groups * R * S."""
        return self.K * (self.C // self.groups) * self.R * self.S

    @property
    def macs(self) -> int:
        """Multiply-accumulates of one inference (all ``repeat`` runs, all batch items)."""
        if self.op is Op.TRCONV:
            return self.N * self.weights * self.Y * self.X * self.repeat
        return self.N * self.weights * self.Y_out * self.X_out * self.repeat

    def with_(self, **changes: object) -> "Layer":
        """A copy with some fields changed (validated again)."""
        from dataclasses import replace

        return replace(self, **changes)


@dataclass(frozen=True)
class NonMacOp:
    """An operation that is not a layer of MACs (softmax, layer norm, GELU, element-wise add, pooling, ...).

    Attributes:
        name: the node's name.
        kind: the operation (``softmax``, ``layernorm``, ``gelu``, ``add``, or an ONNX op type).
        elements: output elements of one inference (all batch items and repeats).

    Raises:
        WorkloadError: an empty name or kind, or a negative element count.
    """

    name: str
    kind: str
    elements: int

    def __post_init__(self) -> None:
        if not self.name or not self.kind:
            raise WorkloadError(f"non-MAC op {self.name!r}: 'name' and 'kind' must be non-empty")
        if isinstance(self.elements, bool) or not isinstance(self.elements, int) or self.elements < 0:
            raise WorkloadError(f"non-MAC op {self.name!r}: field 'elements' must be an integer >= 0, "
                                f"got {self.elements!r}")


@dataclass(frozen=True)
class Network:
    """An ordered list of layers, with optional graph edges and the non-MAC operations between them.

    ``edges`` are (producer, consumer) pairs of layer names. Edges may pass through nodes that are not layers
    (pooling, element-wise add, concat); such nodes are kept in ``edges`` under their own names so parallel
    branches can be found. An empty ``edges`` means a plain chain. ``ops`` lists non-MAC operations with their
    element counts (:class:`NonMacOp`), where the source gives them (transformers, ONNX models), so that later
    work can cost them; the cost model does not yet.

    Raises:
        WorkloadError: no layers, or two layers with the same name.
    """

    name: str
    layers: tuple[Layer, ...]
    edges: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    ops: tuple[NonMacOp, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        object.__setattr__(self, "layers", tuple(self.layers))
        object.__setattr__(self, "edges", tuple((str(a), str(b)) for a, b in self.edges))
        object.__setattr__(self, "ops", tuple(self.ops))
        if not self.layers:
            raise WorkloadError(f"network {self.name!r} has no layers")
        seen: set[str] = set()
        for layer in self.layers:
            if layer.name in seen:
                raise WorkloadError(f"network {self.name!r}: layer name {layer.name!r} appears twice")
            seen.add(layer.name)

    @property
    def macs(self) -> int:
        """Total MACs of one inference."""
        return sum(layer.macs for layer in self.layers)

    @property
    def weights(self) -> int:
        """Total kernel weights (no bias)."""
        return sum(layer.weights for layer in self.layers)

    def __len__(self) -> int:
        return len(self.layers)

    def __iter__(self):
        return iter(self.layers)

    def layer(self, name: str) -> Layer:
        """The layer called ``name``.

        Raises:
            WorkloadError: no such layer.
        """
        for layer in self.layers:
            if layer.name == name:
                return layer
        raise WorkloadError(f"network {self.name!r} has no layer {name!r}")

    def select(self, layers: "str | Sequence[str]") -> "Network":
        """The network restricted to ``layers``: a Python-style slice ``"A:B"`` of layer indices, or layer names.

        Raises:
            WorkloadError: a malformed or empty slice, or a layer name not in the network (lists the names).
        """
        if isinstance(layers, str):
            parts = layers.split(":")
            try:
                if len(parts) != 2:
                    raise ValueError
                start, stop = (int(x) if x.strip() else None for x in parts)
            except ValueError:
                raise WorkloadError(f"layers {layers!r}: expected a slice START:STOP of layer indices, e.g. 0:8 "
                                    f"or :3") from None
            chosen = self.layers[slice(start, stop)]
            if not chosen:
                raise WorkloadError(f"slice {layers!r} selects no layer of {len(self.layers)}")
        else:
            by_name = {layer.name: layer for layer in self.layers}
            missing = [n for n in layers if n not in by_name]
            if missing:
                names = [layer.name for layer in self.layers]
                shown = names if len(names) <= 12 else names[:12] + ["..."]
                raise WorkloadError(f"unknown layer(s) {missing}; allowed: {', '.join(shown)}")
            chosen = tuple(by_name[n] for n in layers)
        return Network(self.name, tuple(chosen), ops=self.ops if len(chosen) == len(self.layers) else ())


def recurrent_layers(
    name: str, cell: str, input_size: int, hidden_size: int, seq_len: int, num_layers: int = 1, batch: int = 1
) -> list[Layer]:
    """Per-step GEMMs of a recurrent cell, run ``seq_len`` times.

    Each step computes ``gates * hidden_size`` outputs from ``input_size + hidden_size`` inputs (input and
    hidden projections fused into one GEMM); gates = 1 (RNN), 3 (GRU: r, z, n), 4 (LSTM: i, f, g, o).

    Raises:
        WorkloadError: unknown cell (allowed RNN, GRU, LSTM) or non-positive sizes.
    """
    gates = {"RNN": 1, "GRU": 3, "LSTM": 4}
    key = cell.upper()
    if key not in gates:
        raise WorkloadError(f"layer {name!r}: field 'cell' is {cell!r}; allowed: RNN, GRU, LSTM")
    layers = []
    for i in range(num_layers):
        in_features = input_size if i == 0 else hidden_size
        layers.append(
            Layer(
                name=f"{name}_l{i}" if num_layers > 1 else name,
                op=Op.GEMM,
                K=gates[key] * hidden_size,
                C=in_features + hidden_size,
                N=batch,
                repeat=seq_len,
            )
        )
    return layers
