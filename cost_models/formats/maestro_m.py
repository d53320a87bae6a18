"""MAESTRO model/mapping files (``.m``, DFSL) and MAESTRO hardware files: read and write.

Source: MAESTRO (maestro-project/maestro, commit 4eb08d1), its shipped ``data/mapping/*.m`` files, and
``reference/maestro/ALGORITHM.md`` §2.2-3 (mapping-file semantics). Grammar as read here::

    file       := { "Constant" NAME INT ";" } "Network" NAME "{" { layer | constant } "}"
    layer      := "Layer" NAME "{" "Type" ":" TYPE
                  [ "Stride" "{" { DIM ":" VALUE } "}" ] "Dimensions" "{" { DIM ":" VALUE } "}"
                  [ "Dataflow" "{" <directives> "}" ] "}"

Tokens are separated by white space and ``, ( ) : ;`` and braces (MAESTRO also splits on ``-`` and ``>``; here they
stay inside names, so the shipped ``Layer Conv2d-1`` keeps its name); ``//`` starts a comment to the end of the
line; a VALUE is an integer or a ``Constant`` name. ``Stride`` may come before or after ``Dimensions`` here.

How layers are read (MAESTRO dimension names on the left, :class:`~npu_dse.cost_models.workload.Layer` fields on the right):

- **Dimensions are padded input sizes**: ``Y``, ``X`` are read as ``Layer(Y=Y, X=X, padding=0)``. ``Y'``/``X'``
  (output sizes, MAESTRO's stride-blind form) given instead mean ``Y = Y' + R - 1`` (likewise X). Missing
  R, S, Y, X, N default to 1. ``Stride { X: s, Y: s }`` gives the stride (X and Y must be equal).
- ``CONV``: K, C, R, S, Y, X, optional N (batch). ``FC`` (accepted by MAESTRO's parser but never turned into a
  layer) is read as a CONV, so an FC written as a 1x1 CONV and one written as ``Type: FC`` give the same layer.
- ``DSCONV`` (depthwise): C, R, S, Y, X. Read as ``Op.DWCONV`` with ``K = C = groups``; the K it lists (the
  shipped files write ``K: 1``) is kept in :attr:`MaestroMapping.dimensions`: no tensor has it, MAESTRO ignores it
  unless a directive maps K and then iterates over it (``Dataflow.dsconv_k``).
- ``NGCONV`` (grouped): G, K, C, R, S, Y, X with K and C **per group** (MAESTRO's NGCONV tensors are input
  G x C x Y x X and filter G x K x C x R x S). Read as ``Op.CONV`` with ``K = G*K``, ``C = G*C``, ``groups = G``.
- ``TRCONV`` (transposed convolution): K, C, R, S, Y, X, optional N, with Y, X the input size. MAESTRO's parser
  gives it an upsampling (inner) stride of 2, hard-coded; read as ``Op.TRCONV`` with ``stride = 2``. An outer
  ``Stride`` other than 1 is refused.
- ``GEMM``: M, N, K (``(M x K) x (K x N)``). Read as ``Layer(op=GEMM, K=N, C=K, Y=M, X=1)``.
- ``POOL``/``LSTM`` (accepted words that create no layer in MAESTRO) are refused with a :class:`FormatError`
  naming the type.

Writing (:func:`write_mapping`) is the inverse and chooses the type from the layer: CONV; DSCONV for a DWCONV with
K = C; NGCONV for other grouped convolutions; TRCONV (upsampling stride 2, no padding); GEMM. MAESTRO has no padding, repeat or GEMM batch, so the writer
writes the layer MAESTRO would run, :func:`as_maestro_layer`: padded input sizes with padding 0, and a GEMM's
``N * Y * repeat`` folded into M. **Round trip**: ``read_mapping(write_mapping(net)).network.layers`` equals
``[as_maestro_layer(l) for l in net.layers]``; this is the identity for layers with padding 0 (and, for GEMMs,
N = repeat = 1) whose names are MAESTRO tokens. A convolution with ``repeat > 1`` cannot be written. Names are
made MAESTRO tokens by replacing characters other than letters, digits, ``_``, ``-`` and ``.`` by ``_``.
A layer name repeated in a file (MAESTRO's own MobileNetV2 and ResNet-50 files repeat ``Bottleneck5_2_3`` and
``CONV3_1_Residual``) is read as ``<name>_dup2`` (``_dup3``, ...) with a logged warning, so every layer keeps its
own entry.

Hardware files (``num_pes: 256`` lines, MAESTRO's ``--HW_file``) are read by :func:`read_hardware` into
``num_pes``, ``l1_size``, ``l2_size``, ``noc_bw``, ``offchip_bw``, ``noc_hops`` (from MAESTRO's keys
``num_pes``, ``l1_size_cstr``, ``l2_size_cstr``, ``noc_bw_cstr``, ``offchip_bw_cstr``, ``NoC_NumHops``).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from npu_dse.cost_models.formats.text import read_text
from npu_dse.cost_models.errors import FormatError, WorkloadError
from npu_dse.cost_models.workload import Layer, Network, Op

log = logging.getLogger(__name__)

LAYER_TYPES = ("CONV", "DSCONV", "NGCONV", "TRCONV", "GEMM", "FC")
#: MAESTRO's TRCONV upsampling stride (4eb08d1 ``DFSL_parser.hpp``: ``inner_stride = 2; //TODO: Fix this hard-coded``).
TRCONV_STRIDE = 2
_REFUSED_TYPES = {
    "POOL": "pooling (MAESTRO creates no layer for it)",
    "LSTM": "LSTM (MAESTRO creates no layer for it; write its per-step GEMM instead)",
}
_DIMS = {
    "CONV": ("N", "K", "C", "R", "S", "Y", "X", "Y'", "X'"),
    "FC": ("N", "K", "C", "R", "S", "Y", "X", "Y'", "X'"),
    "DSCONV": ("N", "K", "C", "R", "S", "Y", "X", "Y'", "X'"),
    "NGCONV": ("N", "G", "K", "C", "R", "S", "Y", "X", "Y'", "X'"),
    "TRCONV": ("N", "K", "C", "R", "S", "Y", "X"),
    "GEMM": ("M", "N", "K"),
}
_REQUIRED = {"CONV": ("K", "C"), "FC": ("K", "C"), "DSCONV": ("C",), "NGCONV": ("G", "K", "C"), "TRCONV": ("K", "C"),
             "GEMM": ("M", "N", "K")}

HARDWARE_KEYS = {  # MAESTRO HW-file key -> our key
    "num_pes": "num_pes",
    "l1_size_cstr": "l1_size",
    "l2_size_cstr": "l2_size",
    "noc_bw_cstr": "noc_bw",
    "offchip_bw_cstr": "offchip_bw",
    "NoC_NumHops": "noc_hops",
}
#: What MAESTRO 4eb08d1 takes for a bandwidth its hardware file (``--HW_file``) leaves out, whatever its flags say
#: (``DFSL_hw-parser.hpp`` HWConfig: INT_MAX; ``API_user-interface-v2.hpp`` ParseHW overrides the flags), in our
#: keys. Its l1/l2 sizes default to INT_MAX too, which no cost depends on (MAESTRO costs the buffers a layer needs).
HW_FILE_DEFAULTS = {"noc_bw": 2**31 - 1, "offchip_bw": 2**31 - 1}

_TOKEN = re.compile(r"[{}]|[^\s,():;{}]+")
_NAME_BAD = re.compile(r"[^A-Za-z0-9_.\-]")


@dataclass(frozen=True)
class MaestroMapping:
    """A parsed MAESTRO ``.m`` file.

    Attributes:
        network: the layers, in file order (a chain: ``.m`` files have no graph edges).
        dataflows: layer name -> the raw text inside that layer's ``Dataflow { ... }`` block, verbatim (comments
            and white space included); layers without a Dataflow block (model files) are absent.
        constants: the file's ``Constant NAME value;`` definitions, in order.
        layer_types: layer name -> MAESTRO's type as written (CONV, DSCONV, NGCONV, GEMM, FC).
        dimensions: layer name -> its ``Dimensions`` block as written (constants resolved), e.g. the K a DSCONV
            lists, which the layer drops but MAESTRO's K directives iterate over.
    """

    network: Network
    dataflows: dict[str, str] = field(default_factory=dict)
    constants: dict[str, int] = field(default_factory=dict)
    layer_types: dict[str, str] = field(default_factory=dict)
    dimensions: dict[str, dict[str, int]] = field(default_factory=dict)


class _Tokens:
    """Tokens of a DFSL file with their line numbers and character offsets (comments blanked out)."""

    def __init__(self, text: str, path: Path) -> None:
        self.text = text
        self.path = path
        clean = re.sub(r"//[^\n]*", lambda m: " " * len(m.group()), text)
        self.toks = [(m.group(), m.start()) for m in _TOKEN.finditer(clean)]
        self.i = 0

    def line(self, offset: int | None = None) -> int:
        if offset is None:
            offset = self.toks[self.i][1] if self.i < len(self.toks) else len(self.text)
        return self.text.count("\n", 0, offset) + 1

    def error(self, message: str, offset: int | None = None) -> FormatError:
        return FormatError(f"{self.path}:{self.line(offset)}: {message}")

    def peek(self) -> str | None:
        return self.toks[self.i][0] if self.i < len(self.toks) else None

    def next(self, expected: str) -> tuple[str, int]:
        if self.i >= len(self.toks):
            raise self.error(f"expected {expected}, got the end of the file")
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def expect(self, word: str) -> int:
        tok, off = self.next(repr(word))
        if tok != word:
            raise self.error(f"expected {word!r}, got {tok!r}", off)
        return off


def _value(toks: _Tokens, constants: dict[str, int], what: str) -> int:
    tok, off = toks.next(what)
    if re.fullmatch(r"\d+", tok):
        return int(tok)
    if tok in constants:
        return constants[tok]
    raise toks.error(f"{what}: expected an integer or a defined Constant, got {tok!r}", off)


def _constant(toks: _Tokens, constants: dict[str, int]) -> None:
    toks.expect("Constant")
    name, off = toks.next("a constant name")
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        raise toks.error(f"expected a constant name, got {name!r}", off)
    constants[name] = _value(toks, constants, f"Constant {name}")


def _block(toks: _Tokens, constants: dict[str, int], allowed: tuple[str, ...], what: str) -> dict[str, int]:
    toks.expect("{")
    out: dict[str, int] = {}
    while toks.peek() != "}":
        dim, off = toks.next(f"a dimension name or '}}' in {what}")
        if dim not in allowed:
            raise toks.error(f"{what}: unknown dimension {dim!r}; allowed: {', '.join(allowed)}", off)
        if dim in out:
            raise toks.error(f"{what}: dimension {dim!r} given twice", off)
        out[dim] = _value(toks, constants, f"{what} {dim}")
        if out[dim] <= 0:
            raise toks.error(f"{what}: dimension {dim!r} must be positive, got {out[dim]}", off)
    toks.expect("}")
    return out


def _make_layer(name: str, ltype: str, dims: dict[str, int], stride: dict[str, int], toks: _Tokens,
                off: int) -> Layer:
    missing = [d for d in _REQUIRED[ltype] if d not in dims]
    if missing:
        raise toks.error(f"layer {name!r} ({ltype}): Dimensions lacks {', '.join(missing)}", off)
    if ltype == "GEMM":
        if stride and set(stride.values()) != {1}:
            raise toks.error(f"layer {name!r}: a GEMM has no stride", off)
        return Layer(name, Op.GEMM, K=dims["N"], C=dims["K"], Y=dims["M"], X=1)
    sy, sx = stride.get("Y", 1), stride.get("X", 1)
    if sy != sx:
        raise toks.error(f"layer {name!r}: Stride Y = {sy} and X = {sx} differ; only equal strides are supported", off)
    R, S = dims.get("R", 1), dims.get("S", 1)
    Y = dims["Y"] if "Y" in dims else dims.get("Y'", 1) + R - 1
    X = dims["X"] if "X" in dims else dims.get("X'", 1) + S - 1
    common = dict(Y=Y, X=X, R=R, S=S, stride=sy, N=dims.get("N", 1))
    if ltype == "TRCONV":
        if sy != 1:
            raise toks.error(f"layer {name!r}: a TRCONV with an outer Stride of {sy} is not supported (MAESTRO's "
                             f"TRCONV upsamples by {TRCONV_STRIDE}); allowed: no Stride or Stride 1", off)
        return Layer(name, Op.TRCONV, K=dims["K"], C=dims["C"], **{**common, "stride": TRCONV_STRIDE})
    if ltype == "DSCONV":
        return Layer(name, Op.DWCONV, K=dims["C"], C=dims["C"], groups=dims["C"], **common)
    if ltype == "NGCONV":
        G = dims["G"]
        return Layer(name, Op.CONV, K=G * dims["K"], C=G * dims["C"], groups=G, **common)
    return Layer(name, Op.CONV, K=dims["K"], C=dims["C"], **common)


def _layer(toks: _Tokens, constants: dict[str, int], mapping: dict, taken: set[str]) -> Layer:
    start = toks.expect("Layer")
    name, _ = toks.next("a layer name")
    if name in taken:  # MAESTRO's own MobileNetV2 files name two layers Bottleneck5_2_3
        k = 2
        while f"{name}_dup{k}" in taken:
            k += 1
        log.warning("%s:%d: layer name %r appears twice; the later one is read as %r", toks.path,
                    toks.line(start), name, f"{name}_dup{k}")
        name = f"{name}_dup{k}"
    toks.expect("{")
    ltype = None
    dims: dict[str, int] | None = None
    stride: dict[str, int] = {}
    while toks.peek() != "}":
        word, off = toks.next(f"Type, Stride, Dimensions, Dataflow or '}}' in layer {name!r}")
        if word == "Type":
            ltype, toff = toks.next(f"the type of layer {name!r}")
            if ltype in _REFUSED_TYPES:
                raise toks.error(f"layer {name!r}: Type {ltype} ({_REFUSED_TYPES[ltype]}) is not supported; "
                                 f"allowed: {', '.join(LAYER_TYPES)}", toff)
            if ltype not in LAYER_TYPES:
                raise toks.error(f"layer {name!r}: unknown Type {ltype!r}; allowed: {', '.join(LAYER_TYPES)}", toff)
        elif word == "Stride":
            stride = _block(toks, constants, ("X", "Y"), f"layer {name!r} Stride")
        elif word == "Dimensions":
            if ltype is None:
                raise toks.error(f"layer {name!r}: expected 'Type' before 'Dimensions'", off)
            dims = _block(toks, constants, _DIMS[ltype], f"layer {name!r} Dimensions")
        elif word == "Dataflow":
            open_off = toks.expect("{")
            depth = 1
            while depth:
                tok, close_off = toks.next(f"'}}' closing the Dataflow of layer {name!r}")
                depth += {"{": 1, "}": -1}.get(tok, 0)
            mapping["dataflows"][name] = toks.text[open_off + 1:close_off]
        elif word == "Constant":
            toks.i -= 1
            _constant(toks, constants)
        else:
            raise toks.error(f"layer {name!r}: expected Type, Stride, Dimensions or Dataflow, got {word!r}", off)
    toks.expect("}")
    if ltype is None or dims is None:
        raise toks.error(f"layer {name!r}: expected 'Type' and 'Dimensions'", start)
    mapping["layer_types"][name] = ltype
    mapping["dimensions"][name] = dict(dims)
    try:
        return _make_layer(name, ltype, dims, stride, toks, start)
    except WorkloadError as exc:
        raise toks.error(str(exc), start) from None


def read_mapping(path: str | Path) -> MaestroMapping:
    """Read a MAESTRO model or mapping file (see the module docstring for how dimensions become layers).

    Raises:
        FormatError: unreadable file, a syntax error, an unknown or refused layer type, unknown/missing/duplicate
            dimensions, an undefined constant, or a shape the layer model rejects;
            the message names the file, the line and what was expected.
    """
    path = Path(path)
    text = read_text(path, "MAESTRO file")
    toks = _Tokens(text, path)
    constants: dict[str, int] = {}
    mapping: dict = {"dataflows": {}, "layer_types": {}, "dimensions": {}}
    layers: list[Layer] = []
    net_name = None
    while toks.peek() is not None:
        word = toks.peek()
        if word == "Constant":
            _constant(toks, constants)
        elif word == "Network" and net_name is None:
            toks.next("Network")
            net_name, _ = toks.next("a network name")
            toks.expect("{")
            while toks.peek() != "}":
                if toks.peek() == "Constant":
                    _constant(toks, constants)
                    continue
                if toks.peek() != "Layer":
                    tok, off = toks.next("'Layer' or '}'")
                    raise toks.error(f"expected 'Layer', 'Constant' or '}}' in network {net_name!r}, got {tok!r}", off)
                layers.append(_layer(toks, constants, mapping, {l.name for l in layers}))
            toks.expect("}")
        else:
            tok, off = toks.next("'Constant' or 'Network'")
            expected = "'Constant'" if net_name else "'Constant' or 'Network'"
            hint = ""
            if net_name is None and tok == "Dataflow":
                hint = " (a MAESTRO dataflow file: give it as the dataflow, e.g. 'dse eval MODEL --dataflow FILE.m')"
            elif net_name is None and tok.rstrip(":") in (*HARDWARE_KEYS, *HARDWARE_KEYS.values()):
                hint = " (a MAESTRO hardware file: give it with --hw)"
            raise toks.error(f"expected {expected}, got {tok!r}{hint}", off)
    if net_name is None:
        raise FormatError(f"{path}: expected a 'Network NAME {{ ... }}' block, found none")
    if not layers:
        raise FormatError(f"{path}: network {net_name!r} has no layers; expected at least one 'Layer NAME {{ ... }}'")
    return MaestroMapping(Network(net_name, tuple(layers)), mapping["dataflows"], constants, mapping["layer_types"],
                          mapping["dimensions"])


def as_maestro_layer(layer: Layer) -> Layer:
    """The layer as a MAESTRO file describes it, i.e. what :func:`read_mapping` gives back after writing it.

    Padding is folded into the input size (``Y + 2*padding``, padding 0: same output size and MACs); a GEMM's
    batch and repeat are folded into its rows (``Y = N*Y*repeat``, ``N = repeat = 1``: same MACs and weights); a
    DWCONV with a channel multiplier (K > C) becomes the grouped CONV that NGCONV describes (a CONV for one input
    channel). A DWCONV of one channel stays a DSCONV: the dataflow a depthwise layer runs is written for it.

    Raises:
        FormatError: a convolution with ``repeat > 1`` (MAESTRO has no repeat count); a TRCONV whose upsampling
            stride is not MAESTRO's 2, or with padding or groups.
    """
    if layer.op is Op.GEMM:
        return Layer(layer.name, Op.GEMM, K=layer.K, C=layer.C, Y=layer.N * layer.Y * layer.repeat, X=1)
    if layer.repeat != 1:
        raise FormatError(f"layer {layer.name!r}: repeat = {layer.repeat}; a MAESTRO convolution runs once")
    if layer.op is Op.TRCONV:
        if (layer.stride, layer.padding, layer.groups) != (TRCONV_STRIDE, 0, 1):
            raise FormatError(f"layer {layer.name!r}: a MAESTRO TRCONV upsamples by {TRCONV_STRIDE} with no padding "
                              f"or groups; got stride {layer.stride}, padding {layer.padding}, groups {layer.groups}")
        return layer
    op = layer.op
    if op is Op.DWCONV and layer.K != layer.C:
        op = Op.CONV
    return layer.with_(op=op, Y=layer.Y + 2 * layer.padding, X=layer.X + 2 * layer.padding, padding=0)


def maestro_name(name: str) -> str:
    """``name`` as a MAESTRO name: characters other than letters, digits, ``_``, ``-`` and ``.`` become ``_``."""
    return _NAME_BAD.sub("_", name) or "_"


def _layer_text(layer: Layer) -> tuple[str, str]:
    """(MAESTRO type, Dimensions text) of a layer already in MAESTRO form."""
    if layer.op is Op.GEMM:
        return "GEMM", f"M: {layer.Y}, N: {layer.K}, K: {layer.C}"
    n = f"N: {layer.N}, " if layer.N != 1 else ""
    spatial = f"R: {layer.R}, S: {layer.S}, Y: {layer.Y}, X: {layer.X}"
    if layer.op is Op.TRCONV:
        return "TRCONV", f"{n}K: {layer.K}, C: {layer.C}, {spatial}"
    if layer.op is Op.DWCONV and layer.K == layer.C:
        return "DSCONV", f"{n}K: 1, C: {layer.C}, {spatial}"
    if layer.groups > 1:
        g = layer.groups
        return "NGCONV", f"{n}G: {g}, K: {layer.K // g}, C: {layer.C // g}, {spatial}"
    return "CONV", f"{n}K: {layer.K}, C: {layer.C}, {spatial}"


def write_mapping(path: str | Path, network: Network, dataflows: dict[str, str] | None = None,
                  constants: dict[str, int] | None = None) -> None:
    """Write ``network`` as a MAESTRO model file, or a mapping file when ``dataflows`` are given.

    Args:
        path: the ``.m`` file to write.
        network: the layers (see the module docstring and :func:`as_maestro_layer` for what MAESTRO keeps).
        dataflows: layer name (as in ``network``) -> directive text written verbatim inside ``Dataflow { }``;
            layers without an entry get no Dataflow block.
        constants: ``Constant NAME value;`` lines written before the network (e.g. ``KTileSz``).

    Raises:
        FormatError: a layer MAESTRO cannot describe, a dataflow text with braces, names that collide once made
            MAESTRO tokens, a bad constant, or an unwritable file.
    """
    path = Path(path)
    dataflows = dataflows or {}
    unknown = set(dataflows) - {l.name for l in network.layers}
    if unknown:
        raise FormatError(f"{path}: dataflows given for layers not in network {network.name!r}: {sorted(unknown)}")
    lines = []
    for cname, value in (constants or {}).items():
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", cname) or not isinstance(value, int) or value <= 0:
            raise FormatError(f"{path}: Constant {cname!r} = {value!r}; expected an identifier and a positive integer")
        lines.append(f"Constant {cname} {value};")
    lines.append(f"Network {maestro_name(network.name)} {{")
    seen: dict[str, str] = {}
    for layer in network.layers:
        name = maestro_name(layer.name)
        if name in seen:
            raise FormatError(f"{path}: layers {seen[name]!r} and {layer.name!r} both become {name!r} in MAESTRO")
        seen[name] = layer.name
        m = as_maestro_layer(layer)
        ltype, dims = _layer_text(m)
        lines += [f"\tLayer {name} {{", f"\t\tType: {ltype}"]
        if ltype not in ("GEMM", "TRCONV"):
            lines.append(f"\t\tStride {{ X: {m.stride}, Y: {m.stride} }}")
        lines.append(f"\t\tDimensions {{ {dims} }}")
        if layer.name in dataflows:
            text = dataflows[layer.name]
            if "{" in text or "}" in text:
                raise FormatError(f"{path}: the dataflow of layer {layer.name!r} contains a brace")
            lines.append(f"\t\tDataflow {{{text}}}")
        lines.append("\t}")
    lines.append("}")
    try:
        path.write_text("\n".join(lines) + "\n")
    except OSError as exc:
        raise FormatError(f"{path}: cannot write MAESTRO file: {exc.strerror or exc}") from None


def read_hardware(path: str | Path) -> dict[str, int]:
    """Read a MAESTRO hardware file (``key: value`` lines, ``//`` comments).

    Returns:
        The keys present among ``num_pes``, ``l1_size``, ``l2_size`` (bytes), ``noc_bw``, ``offchip_bw``
        (elements/cycle) and ``noc_hops``, from MAESTRO's ``num_pes``, ``l1_size_cstr``, ``l2_size_cstr``,
        ``noc_bw_cstr``, ``offchip_bw_cstr`` and ``NoC_NumHops`` (our short names are accepted too).

    Raises:
        FormatError: an unreadable file, a line not of the form ``key: integer``, an unknown or repeated key (the
            message names file, line and the allowed keys).
    """
    path = Path(path)
    text = read_text(path, "MAESTRO hardware file")
    allowed = {**HARDWARE_KEYS, **{v: v for v in HARDWARE_KEYS.values()}}
    out: dict[str, int] = {}
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("//", 1)[0].strip()
        if not line:
            continue
        m = re.fullmatch(r"([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(\S+?)\s*;?", line)
        if not m:
            raise FormatError(f"{path}:{lineno}: expected 'key: value', got {raw.strip()!r}")
        key, value = m.groups()
        if key not in allowed:
            raise FormatError(f"{path}:{lineno}: unknown key {key!r}; allowed: {', '.join(HARDWARE_KEYS)}")
        if not re.fullmatch(r"\d+", value):
            raise FormatError(f"{path}:{lineno}: {key}: expected a non-negative integer, got {value!r}")
        if allowed[key] in out:
            raise FormatError(f"{path}:{lineno}: key {key!r} given twice")
        out[allowed[key]] = int(value)
    if not out:
        raise FormatError(f"{path}: expected 'key: value' lines ({', '.join(HARDWARE_KEYS)}), found none")
    return out


def write_hardware(path: str | Path, **fields: int) -> None:
    """Write a MAESTRO hardware file from ``num_pes``, ``l1_size``, ``l2_size``, ``noc_bw``, ``offchip_bw``,
    ``noc_hops`` (any subset), with MAESTRO's key names; :func:`read_hardware` reads it back unchanged.

    Raises:
        FormatError: an unknown field (the message lists the allowed ones), a value that is not a non-negative
            integer, or an unwritable file.
    """
    path = Path(path)
    ours = {v: k for k, v in HARDWARE_KEYS.items()}
    lines = []
    for key, value in fields.items():
        if key not in ours:
            raise FormatError(f"{path}: unknown hardware field {key!r}; allowed: {', '.join(ours)}")
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise FormatError(f"{path}: hardware field {key!r} must be a non-negative integer, got {value!r}")
        lines.append(f"{ours[key]}: {value}")
    try:
        path.write_text("\n".join(lines) + "\n")
    except OSError as exc:
        raise FormatError(f"{path}: cannot write MAESTRO hardware file: {exc.strerror or exc}") from None


__all__ = ["MaestroMapping", "as_maestro_layer", "maestro_name", "read_hardware", "read_mapping", "write_hardware",
           "write_mapping"]
