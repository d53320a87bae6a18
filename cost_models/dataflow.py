"""Dataflow directives, templates with named constants, MAESTRO's dataflow-text parser and the built-ins.

A dataflow is MAESTRO's data-centric description (Kwon et al., "Understanding Reuse, Performance, and Hardware
Cost of DNN Dataflows: A Data-Centric Approach", MICRO 2019; ALGORITHM.md §2.2):

- ``SpatialMap(size, offset) dim`` distributes ``dim`` over the sub-units of a cluster level;
- ``TemporalMap(size, offset) dim`` iterates ``dim`` over time;
- ``Cluster(n)`` groups the units below it into clusters of ``n`` (starting a new, inner level).

Sizes and offsets are expressions: an integer, a named constant (``KTileSz``), ``Sz(D)`` (the size of dimension D
as written in the layer), or a sum of those joined by ``+`` (our extension, used by the built-in ``yxp_os``; MAESTRO
itself needs a literal there). ``Y'``/``X'`` name output rows/columns. A :class:`Dataflow` is a template: its
constants are bound when it is applied to a layer and a hardware point (ConfuciuX convention: ``ClusterSz`` =
number of PEs, ``CTileSz`` = 1, ``KTileSz`` = 1 unless given).

Built-ins (:func:`get`, :func:`names`): MAESTRO's ``kcp_ws`` (NVDLA-like), ``yxp_os`` (ShiDianNao-like), ``rs``
(Eyeriss-like), ``xp_ws``, ``dpt`` (depthwise) and ConfuciuX's ``dla``, ``shi``, ``eye`` (maestro-project/maestro
4eb08d1 ``data/`` and maestro-project/confuciux ``data/``). Each names the variant depthwise layers use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Mapping, Sequence, Union

from npu_dse.cost_models.errors import DataflowError

#: Dimension names a directive may use (CONV/DSCONV/NGCONV and GEMM names, primed outputs).
DIMENSIONS = ("N", "G", "K", "C", "R", "S", "Y", "X", "Y'", "X'", "M")
#: Values of :attr:`Dataflow.unmapped`.
UNMAPPED = ("outer", "maestro")

Term = tuple[str, Union[int, str]]  # ("int", 3) | ("const", "KTileSz") | ("sz", "R")


@dataclass(frozen=True)
class Expr:
    """A size/offset expression: the sum of its terms (integers, constants, ``Sz(dim)``)."""

    terms: tuple[Term, ...]

    @staticmethod
    def of(value: "int | str | Expr") -> "Expr":
        """An expression from an int, a constant name, ``"Sz(R)"``-style text or an :class:`Expr`."""
        if isinstance(value, Expr):
            return value
        if isinstance(value, bool):
            raise DataflowError(f"directive size {value!r} must be an integer, constant or Sz(dim)")
        if isinstance(value, int):
            return Expr((("int", int(value)),))
        if isinstance(value, str):
            return _parse_expr_text(value)
        raise DataflowError(f"directive size {value!r} must be an integer, constant or Sz(dim)")

    def constants(self) -> set[str]:
        """Names of the constants used."""
        return {str(v) for k, v in self.terms if k == "const"}

    def resolve(self, dims: Mapping[str, int], constants: Mapping[str, int], where: str) -> int:
        """The integer value.

        Raises:
            DataflowError: an unknown constant or a ``Sz`` of a dimension the layer does not have (names ``where``).
        """
        total = 0
        for kind, v in self.terms:
            if kind == "int":
                total += int(v)
            elif kind == "const":
                if v not in constants:
                    raise DataflowError(f"{where}: unknown constant {v!r}; defined: "
                                        f"{', '.join(sorted(constants)) or 'none'}")
                total += int(constants[v])
            else:
                if v not in dims:
                    raise DataflowError(f"{where}: Sz({v}) names a dimension the layer does not have; "
                                        f"allowed: {', '.join(dims)}")
                total += int(dims[v])
        return total

    def __str__(self) -> str:
        parts = []
        for kind, v in self.terms:
            parts.append(str(v) if kind != "sz" else f"Sz({v})")
        return "+".join(parts)


def Sz(dim: str) -> Expr:
    """``Sz(dim)``: the size of ``dim`` as written in the layer's dimensions."""
    return Expr((("sz", _check_dim(dim, "Sz")),))


def _check_dim(dim: str, where: str) -> str:
    d = dim.replace("\u2019", "'").strip()
    if d not in DIMENSIONS:
        raise DataflowError(f"{where}: unknown dimension {dim!r}; allowed: {', '.join(DIMENSIONS)}")
    return d


@dataclass(frozen=True)
class Map:
    """A ``SpatialMap`` (``spatial=True``) or ``TemporalMap`` directive: ``size``, ``offset`` on ``dim``."""

    size: Expr
    offset: Expr
    dim: str
    spatial: bool
    line: int = field(default=0, compare=False)

    @property
    def keyword(self) -> str:
        return "SpatialMap" if self.spatial else "TemporalMap"

    def __str__(self) -> str:
        return f"{self.keyword}({self.size},{self.offset}) {self.dim}"


@dataclass(frozen=True)
class ClusterDirective:
    """A ``Cluster(size, P)`` directive: the levels below are clusters of ``size`` units.

    ``kind`` is MAESTRO's cluster type, ``P`` (physical) or ``L`` (logical): inert in its analysis (ALGORITHM.md
    §14.14) but required by its parser, which reads the token after the size as the type (4eb08d1
    ``DFSL_parser.hpp`` ``Dataflow_ClusterType``), so the text always states it."""

    size: Expr
    line: int = field(default=0, compare=False)
    kind: str = field(default="P", compare=False)
    typed: bool = field(default=True, compare=False)  # False: the text gave no type (P assumed)

    def __str__(self) -> str:
        return f"Cluster({self.size}, {self.kind})"


Directive = Union[Map, ClusterDirective]


def SpatialMap(size: "int | str | Expr", offset: "int | str | Expr", dim: str) -> Map:
    """``SpatialMap(size, offset) dim``."""
    return Map(Expr.of(size), Expr.of(offset), _check_dim(dim, "SpatialMap"), True)


def TemporalMap(size: "int | str | Expr", offset: "int | str | Expr", dim: str) -> Map:
    """``TemporalMap(size, offset) dim``."""
    return Map(Expr.of(size), Expr.of(offset), _check_dim(dim, "TemporalMap"), False)


def Cluster(size: "int | str | Expr", kind: str = "P") -> ClusterDirective:
    """``Cluster(size, kind)`` (``kind``: ``P`` or ``L``, :class:`ClusterDirective`)."""
    return ClusterDirective(Expr.of(size), kind=kind)


@dataclass(frozen=True)
class ResolvedMap:
    """A map directive with integer size and offset (after constants and ``Sz`` are bound)."""

    spatial: bool
    size: int
    offset: int
    dim: str
    text: str


@dataclass(frozen=True)
class Dataflow:
    """A dataflow template: an ordered directive list, constant defaults and an optional depthwise variant.

    Attributes:
        name: identifier.
        directives: ``Map`` and ``ClusterDirective`` items, outermost first.
        defaults: default values of named constants; ``ClusterSz`` defaults to the PE count when absent here.
        depthwise: the dataflow depthwise (DSCONV) layers use, or ``None`` to use this one.
        description: one line.
        unmapped: how a layer's batch ``N`` and groups ``G`` run when no directive maps them. ``"outer"`` (the
            built-in templates): as an outer loop, the layer analysed once per image and group and the results
            multiplied. ``"maestro"`` (dataflows parsed from MAESTRO text): as MAESTRO runs them, as dimensions of
            the layer that the cluster levels unroll whole (ALGORITHM.md §1.2, §4.2c). A dataflow with a directive
            on N or G maps that dimension either way.
        systolic: ``"ws"``/``"os"``/``"is"`` for a systolic-array dataflow, costed by
            :mod:`npu_dse.cost_models.systolic` (Gemmini's and SCALE-Sim's arrays; no directives), ``"both"`` for an
            array that runs each layer in the faster of ``ws`` and ``os`` (Gemmini's ``Dataflow.BOTH``), else
            ``None``.
        dsconv_k: the K a MAESTRO DSCONV layer's ``Dimensions`` list (set by
            :func:`npu_dse.cost_models.maestro.analyze_mapping` for that layer's own dataflow). No tensor of a
            depthwise layer has K; with ``compat=True`` a K directive iterates over this many, as MAESTRO's do
            (multiplying the MACs), and corrected it maps a dimension of size 1. 1 elsewhere.
        unbatched_n: set by :func:`~npu_dse.cost_models.maestro.analyze_mapping` (and for the layers
            :func:`~npu_dse.cost_models.maestro.analyze_network` is given as ``unbatched``) for a layer whose
            file's first layer of the same MAESTRO type (CONV and TRCONV are one type) lists no batch N while this one does:
            MAESTRO builds each type's tensors once, from that first layer (4eb08d1 ``API_user-interface-v2.hpp``
            ``AnalyzeClusters``), so with ``compat=True`` no tensor has this layer's N: an N directive iterates over
            it (multiplying the MACs) and without one the layer runs one image. Corrected, it is ignored.
    """

    name: str
    directives: tuple[Directive, ...]
    defaults: Mapping[str, int] = field(default_factory=dict)
    depthwise: "Dataflow | None" = None
    description: str = ""
    unmapped: str = "outer"
    systolic: str | None = None
    dsconv_k: int = 1
    unbatched_n: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "directives", tuple(self.directives))
        object.__setattr__(self, "defaults", dict(self.defaults))
        if self.unmapped not in UNMAPPED:
            raise DataflowError(f"dataflow {self.name!r}: unmapped must be one of {', '.join(UNMAPPED)}, "
                                f"got {self.unmapped!r}")
        if self.systolic is None:
            _check_structure(self.directives, self.name)
        elif self.directives or self.systolic not in ("ws", "os", "is", "both"):
            raise DataflowError(f"dataflow {self.name!r}: a systolic dataflow has no directives and is ws, os, is "
                                "or both")
        names: set[str] = set()
        for d in self.directives:
            names |= d.size.constants() | (d.offset.constants() if isinstance(d, Map) else set())
        if self.depthwise is not None and self.depthwise is not self:
            names |= self.depthwise.constants
        object.__setattr__(self, "_constants", frozenset(names))
        object.__setattr__(self, "_key", (self.name, self.directives, tuple(sorted(self.defaults.items())),
                                          self.unmapped, self.systolic, self.dsconv_k,
                                          self.unbatched_n))

    @property
    def key(self) -> tuple:
        """A hashable identity of the template (name, directives, defaults), for caches."""
        return self._key  # type: ignore[attr-defined]

    @property
    def constants(self) -> set[str]:
        """Named constants the template uses (including its depthwise variant's)."""
        return set(self._constants)  # type: ignore[attr-defined]

    def constant_defaults(self, num_pes: int) -> dict[str, int]:
        """Default constant values for ``num_pes`` PEs (ConfuciuX: ClusterSz = PEs, CTileSz = KTileSz = 1)."""
        out = {"ClusterSz": int(num_pes), "CTileSz": 1, "KTileSz": 1}
        out.update(self.defaults)
        used = self._constants  # type: ignore[attr-defined]
        return {k: v for k, v in out.items() if k in used or k in self.defaults}

    def for_depthwise(self) -> "Dataflow":
        """The variant depthwise layers use."""
        return self.depthwise if self.depthwise is not None else self

    def text(self) -> str:
        """MAESTRO dataflow text (``Dataflow { ... }`` body lines).

        Raises:
            DataflowError: a systolic dataflow (it has no MAESTRO directives).
        """
        if self.systolic is not None:
            raise DataflowError(f"dataflow {self.name!r} is a systolic array; MAESTRO has no directives for it")
        return "\n".join(f"{d};" for d in self.directives)

    def resolve(self, dims: Mapping[str, int], constants: Mapping[str, int] | None, num_pes: int,
                compat: bool = True) -> list["ResolvedMap | int"]:
        """Bind constants and ``Sz``: a list of :class:`ResolvedMap` and ints (cluster sizes), outermost first.

        ``dims`` are the layer's dimensions as written (MAESTRO names, input-size Y/X; ``Y'``/``X'`` optional).

        Raises:
            DataflowError: unknown constant, non-positive size/offset/cluster size, a directive on a dimension the
                layer does not have, or a TemporalMap on R/S whose size and offset are not the full kernel (MAESTRO
                exits on that, ALGORITHM.md §2.2; with ``compat=False`` a size and offset of at least the kernel are
                accepted, the tile being clipped to the kernel). The message names the directive.
        """
        consts = self.constant_defaults(num_pes)
        if constants:
            consts.update({k: int(v) for k, v in constants.items()})
        out: list = []
        for d, (where, text) in zip(self.directives, self._texts()):
            if isinstance(d, ClusterDirective):
                c = d.size.resolve(dims, consts, where)
                if c <= 0:
                    raise DataflowError(f"{where}: cluster size must be > 0, got {c}")
                out.append(c)
                continue
            m = d.size.resolve(dims, consts, where)
            o = d.offset.resolve(dims, consts, where)
            if m <= 0 or o <= 0:
                raise DataflowError(f"{where}: size and offset must be > 0, got size {m}, offset {o}")
            base = d.dim.rstrip("'")
            if d.dim not in dims and base not in dims:
                raise DataflowError(f"{where}: the layer has no dimension {d.dim!r}; its dimensions: {', '.join(dims)}")
            kernel = not d.spatial and d.dim in ("R", "S") and d.dim in dims
            if kernel and ((m != dims[d.dim] or o != dims[d.dim]) if compat else min(m, o) < dims[d.dim]):
                raise DataflowError(f"{where}: a TemporalMap on {d.dim} must have size = offset = Sz({d.dim}) = "
                                    f"{dims[d.dim]}, got ({m},{o})")
            out.append(ResolvedMap(d.spatial, m, o, d.dim, text))
        return out

    def _texts(self) -> tuple[tuple[str, str], ...]:
        """Per directive, the place named in :meth:`resolve`'s messages and the directive's text (built once: forming
        them on every call was a third of its time)."""
        texts = self.__dict__.get("_texts_memo")
        if texts is None:
            texts = tuple((f"dataflow {self.name!r}, directive '{d}'" + (f" (line {d.line})" if d.line else ""),
                           str(d)) for d in self.directives)
            object.__setattr__(self, "_texts_memo", texts)
        return texts


def _check_structure(directives: Sequence[Directive], name: str) -> None:
    """Per-level checks independent of the layer (ALGORITHM.md §4.2e, §13).

    Raises:
        DataflowError: empty dataflow, a level without a SpatialMap or with more than two, or two directives on
            the same dimension in one level.
    """
    if not any(isinstance(d, Map) for d in directives):
        raise DataflowError(f"dataflow {name!r} has no SpatialMap/TemporalMap directive")
    level: list[Map] = []
    levels = [level]
    for d in directives:
        if isinstance(d, ClusterDirective):
            level = []
            levels.append(level)
        else:
            level.append(d)
    for i, lv in enumerate(levels):
        where = f"dataflow {name!r}, cluster level {i}"
        spatial = [d for d in lv if d.spatial]
        if not spatial:
            first = f" (directives: {'; '.join(str(d) for d in lv)})" if lv else " (no directives)"
            raise DataflowError(f"{where}: needs one SpatialMap{first}")
        if len(spatial) > 2:
            raise DataflowError(f"{where}: at most two SpatialMaps per level, got '{spatial[2]}' as the third")
        seen: dict[str, Map] = {}
        for d in lv:
            if d.dim in seen:
                raise DataflowError(f"{where}: two directives on {d.dim}: '{seen[d.dim]}' and '{d}'")
            seen[d.dim] = d
        if "Y'" in seen and "Y" in seen or "X'" in seen and "X" in seen:
            raise DataflowError(f"{where}: directives on both an output dimension and its input dimension")


# ----------------------------------------------------------------------------------------------------------------
# Parser
# ----------------------------------------------------------------------------------------------------------------

_TOKEN = re.compile(r"[A-Za-z_][A-Za-z_0-9]*'?|\d+|\+|[{}]")
_SEPARATORS = re.compile(r"[\s,\->():;]+")
_NEGATIVE = re.compile(r"-(?!>)\s*\d+")


def _tokens(text: str) -> list[tuple[str, int]]:
    """Tokens with their 1-based line numbers (MAESTRO separators ``space , - > ( ) : tab ;``; ``//`` comments)."""
    out = []
    for lineno, line in enumerate(text.replace("\u2019", "'").splitlines(), start=1):
        line = line.split("//", 1)[0]
        negative = _NEGATIVE.search(line)
        if negative:
            raise DataflowError(f"dataflow text line {lineno}: sizes and offsets must be positive integers, got "
                                f"{negative.group(0).replace(' ', '')!r} (MAESTRO's tokenizer would drop the sign)")
        for chunk in _SEPARATORS.split(line.replace("+", " + ").replace("{", " { ").replace("}", " } ")):
            if not chunk:
                continue
            if not _TOKEN.fullmatch(chunk):
                raise DataflowError(f"dataflow text line {lineno}: unexpected token {chunk!r}")
            out.append((chunk, lineno))
    return out


def _parse_expr_text(text: str) -> Expr:
    toks = _tokens(text)
    expr, pos = _parse_expr(toks, 0, "expression")
    if pos != len(toks):
        raise DataflowError(f"cannot parse size expression {text!r}")
    return expr


def _parse_expr(toks: list[tuple[str, int]], pos: int, where: str) -> tuple[Expr, int]:
    terms: list[Term] = []
    while True:
        if pos >= len(toks):
            raise DataflowError(f"{where}: expression ends early")
        tok, line = toks[pos]
        if tok.isdigit():
            terms.append(("int", int(tok)))
            pos += 1
        elif tok == "Sz":
            if pos + 1 >= len(toks):
                raise DataflowError(f"{where} (line {line}): Sz needs a dimension")
            terms.append(("sz", _check_dim(toks[pos + 1][0], f"{where} (line {line})")))
            pos += 2
        elif re.fullmatch(r"[A-Za-z_][A-Za-z_0-9]*", tok) and tok not in ("SpatialMap", "TemporalMap", "Cluster"):
            terms.append(("const", tok))
            pos += 1
        else:
            raise DataflowError(f"{where} (line {line}): expected an integer, constant or Sz(dim), got {tok!r}")
        if pos < len(toks) and toks[pos][0] == "+":
            pos += 1
            continue
        return Expr(tuple(terms)), pos


def parse(text: str, constants: dict[str, int] | None = None, name: str = "custom", unmapped: str = "maestro"
          ) -> Dataflow:
    """Parse MAESTRO dataflow text (optionally wrapped in ``Dataflow { ... }``) into a :class:`Dataflow`.

    Args:
        text: directives such as ``SpatialMap(1,1) K; TemporalMap(Sz(R),1) Y; Cluster(64, P);``.
        constants: values of named constants (e.g. from ``Constant KTileSz 4;`` lines); they become the template's
            defaults. ``Constant NAME value;`` lines inside ``text`` are read too.
        name: the dataflow's name in messages.
        unmapped: :attr:`Dataflow.unmapped`; MAESTRO's rule by default, as the text is MAESTRO's.

    Returns:
        The dataflow (its depthwise variant is itself).

    Raises:
        DataflowError: an unknown keyword or dimension, a malformed directive, or an illegal structure (a level
            without a SpatialMap or with more than two, two directives on one dimension); the message gives the line.
    """
    toks = _tokens(text)
    defaults = dict(constants or {})
    directives: list[Directive] = []
    pos = 0
    while pos < len(toks):
        tok, line = toks[pos]
        if tok in ("Dataflow", "{", "}"):
            pos += 1
        elif tok == "Constant":
            if pos + 2 >= len(toks) or not toks[pos + 2][0].isdigit():
                raise DataflowError(f"dataflow text line {line}: expected 'Constant NAME integer;'")
            defaults.setdefault(toks[pos + 1][0], int(toks[pos + 2][0]))
            pos += 3
        elif tok in ("SpatialMap", "TemporalMap"):
            where = f"dataflow text line {line}, {tok}"
            size, pos = _parse_expr(toks, pos + 1, where)
            offset, pos = _parse_expr(toks, pos, where)
            if pos >= len(toks):
                raise DataflowError(f"{where}: missing dimension")
            dim = _check_dim(toks[pos][0], where)
            directives.append(Map(size, offset, dim, tok == "SpatialMap", line))
            pos += 1
        elif tok == "Cluster":
            size, pos = _parse_expr(toks, pos + 1, f"dataflow text line {line}, Cluster")
            kind, typed = "P", pos < len(toks) and toks[pos][0] in ("P", "L")
            if typed:
                kind = toks[pos][0]  # cluster type: inert in MAESTRO's analysis (ALGORITHM.md §14.14)
                pos += 1
            directives.append(ClusterDirective(size, line, kind, typed))
        else:
            raise DataflowError(f"dataflow text line {line}: unknown keyword {tok!r}; allowed: SpatialMap, "
                                "TemporalMap, Cluster, Constant")
    return Dataflow(name=name, directives=tuple(directives), defaults=defaults, unmapped=unmapped)


# ----------------------------------------------------------------------------------------------------------------
# Built-ins (texts from maestro-project/maestro 4eb08d1 data/ and maestro-project/confuciux data/; ALGORITHM.md §2.3)
# ----------------------------------------------------------------------------------------------------------------

_RS_T = "TemporalMap(Sz(R),Sz(R)) R; TemporalMap(Sz(S),Sz(S)) S;"
_TEXTS = {
    "dpt": "SpatialMap(1,1) C; TemporalMap(Sz(R),1) Y; TemporalMap(Sz(S),1) X; " + _RS_T,
    "confx_dpt": "SpatialMap(KTileSz,KTileSz) C; TemporalMap(Sz(R),1) Y; TemporalMap(Sz(S),1) X; " + _RS_T,
    "kcp_ws": "SpatialMap(1,1) K; TemporalMap(64,64) C; " + _RS_T + " TemporalMap(Sz(R),1) Y; TemporalMap(Sz(S),1) X;"
              " Cluster(64, P); SpatialMap(1,1) C; TemporalMap(Sz(R),1) Y; TemporalMap(Sz(S),1) X; " + _RS_T,
    "yxp_os": "TemporalMap(1,1) K; TemporalMap(1,1) C; SpatialMap(Sz(R),1) Y; TemporalMap(Sz(S)+7,8) X;"
              " Cluster(8, P); SpatialMap(Sz(S),1) X; " + _RS_T,
    "yxp_os_dw": "TemporalMap(1,1) C; SpatialMap(Sz(R),1) Y; TemporalMap(Sz(S)+7,8) X; " + _RS_T +
                 " Cluster(8, P); SpatialMap(Sz(S),1) X;",
    "rs": "SpatialMap(1,1) Y'; TemporalMap(1,1) X'; TemporalMap(1,1) C; TemporalMap(16,16) K; " + _RS_T +
          " Cluster(Sz(R), P); SpatialMap(1,1) Y; SpatialMap(1,1) R; TemporalMap(Sz(S),Sz(S)) S;",
    "xp_ws": "TemporalMap(1,1) K; TemporalMap(1,1) C; TemporalMap(Sz(R),1) Y; SpatialMap(Sz(S),1) X; " + _RS_T,
    "dla": "SpatialMap(KTileSz,KTileSz) K; TemporalMap(ClusterSz,ClusterSz) C; " + _RS_T +
           " TemporalMap(Sz(R),1) Y; TemporalMap(Sz(S),1) X; Cluster(ClusterSz, P); SpatialMap(1,1) C;"
           " TemporalMap(Sz(R),1) Y; TemporalMap(Sz(S),1) X; " + _RS_T,
    "shi": "TemporalMap(KTileSz,KTileSz) K; SpatialMap(Sz(R),Sz(R)) Y'; TemporalMap(ClusterSz,ClusterSz) X';"
           " TemporalMap(CTileSz,CTileSz) C; " + _RS_T + " Cluster(ClusterSz, P); TemporalMap(1,1) C;"
           " TemporalMap(1,1) Y'; SpatialMap(1,1) X'; " + _RS_T,
    "eye": "TemporalMap(CTileSz,CTileSz) C; TemporalMap(KTileSz,KTileSz) K; SpatialMap(ClusterSz,ClusterSz) Y';"
           " TemporalMap(Sz(S),Sz(S)) X'; " + _RS_T + " Cluster(ClusterSz, P); TemporalMap(1,1) C;"
           " SpatialMap(1,1) Y'; SpatialMap(1,1) X'; " + _RS_T,
    "eye_k": "SpatialMap(KTileSz,KTileSz) K; TemporalMap(CTileSz,CTileSz) C; TemporalMap(ClusterSz,ClusterSz) Y';"
             " TemporalMap(Sz(S),Sz(S)) X'; " + _RS_T + " Cluster(ClusterSz, P); TemporalMap(1,1) C;"
             " SpatialMap(1,1) Y'; TemporalMap(1,1) X'; " + _RS_T,
    "shi_k": "SpatialMap(1,1) K; TemporalMap(CTileSz,CTileSz) C; TemporalMap(1,1) Y'; TemporalMap(1,1) X'; " + _RS_T,
}
_DESCRIPTIONS = {
    "kcp_ws": "NVDLA-like weight-stationary (MAESTRO kcp_ws.m, Cluster 64)",
    "yxp_os": "ShiDianNao-like output-stationary (MAESTRO *_yxp_os.m, Cluster 8)",
    "rs": "Eyeriss-like row-stationary (MAESTRO rs.m, Cluster Sz(R))",
    "xp_ws": "X-partitioned weight-stationary (MAESTRO xp_ws.m, one level)",
    "dpt": "depthwise: C spatial (MAESTRO dpt.m)",
    "dla": "ConfuciuX dla.m (NVDLA-like; KTileSz, ClusterSz = PEs)",
    "shi": "ConfuciuX shi.m (ShiDianNao-like; KTileSz, CTileSz, ClusterSz = PEs)",
    "eye": "ConfuciuX eye.m (Eyeriss-like; KTileSz, CTileSz, ClusterSz = PEs)",
    "eye_k": "eye with output channels across its clusters (KTileSz per cluster) and output rows across the PEs of "
             "one, as MAESTRO's authors map Eyeriss's CONV3-5 (validation/eyeriss/alexnet_rs_validation.m)",
    "shi_k": "shi with output channels across the PEs (one output channel per PE, CTileSz input channels at a "
             "time), for layers whose output map is too small to fill the array (fully connected layers)",
}

#: Template -> the variants the mapper may run a layer under instead (:mod:`npu_dse.cost_models.mapper`): the
#: same kind of array with another dimension mapped spatially, "the spatially mapped dimension where the template
#: allows it" (issue 15). Without the mapper a template runs as it is written.
VARIANTS: dict[str, tuple[str, ...]] = {"eye": ("eye_k",), "shi": ("shi_k",)}

VARIANT_CODES: dict[str, int] = {name: k + 1 for k, name in enumerate(v for vs in VARIANTS.values() for v in vs)}
"""A template variant -> its code, the value of a mapping's ``variant`` (0: the template itself), which
:func:`npu_dse.cost_models.maestro.analyze_layer` takes among the constants."""

VARIANT_BY_CODE: dict[int, str] = {code: name for name, code in VARIANT_CODES.items()}
"""Code -> template variant."""


def variant_of(dataflow: "str | Dataflow", code: int) -> str:
    """The template a layer runs under ``dataflow`` with mapping ``variant`` = ``code``: the dataflow itself for 0.

    Raises:
        DataflowError: a code that is not one of the dataflow's variants (names the allowed codes).
    """
    df = get(dataflow)
    if int(code) == 0:
        return df.name
    name = VARIANT_BY_CODE.get(int(code))
    if name is None or name not in VARIANTS.get(df.name, ()):
        allowed = ", ".join(f"{VARIANT_CODES[v]} ({v})" for v in VARIANTS.get(df.name, ()))
        raise DataflowError(f"dataflow {df.name!r}: variant {code} is not one of its variants; allowed: 0 (the "
                            f"template){', ' + allowed if allowed else ''}")
    return name
_DEPTHWISE = {"kcp_ws": "dpt", "rs": "dpt", "xp_ws": "dpt", "dpt": None, "yxp_os": "yxp_os_dw",
              "dla": "confx_dpt", "shi": "confx_dpt", "eye": "confx_dpt", "eye_k": "confx_dpt", "shi_k": "confx_dpt"}
_ALIASES = {"yxp_os_dw": "yxp_os", "confx_dla": "dla", "confx_shi": "shi", "confx_eye": "eye", "nvdla": "kcp_ws", "shidiannao": "yxp_os",
            "eyeriss": "rs"}
_CACHE: dict[str, Dataflow] = {}


#: Systolic-array dataflows (:mod:`npu_dse.cost_models.systolic`): name -> (stationary operand, description).
SYSTOLIC: dict[str, tuple[str, str]] = {
    "systolic_ws": ("ws", "systolic array, weight-stationary (Gemmini Dataflow.WS, SCALE-Sim ws)"),
    "systolic_os": ("os", "systolic array, output-stationary (Gemmini Dataflow.OS, SCALE-Sim os)"),
    "systolic_is": ("is", "systolic array, input-stationary (SCALE-Sim is)"),
    "systolic_both": ("both", "systolic array that runs each layer weight- or output-stationary, whichever is "
                              "faster (Gemmini Dataflow.BOTH)"),
}


def names() -> list[str]:
    """Names of the built-in dataflows: the MAESTRO templates kcp_ws, rs, xp_ws, dpt, yxp_os, dla, shi, eye, the
    variants eye_k and shi_k (:data:`VARIANTS`), then the systolic ones (:data:`SYSTOLIC`)."""
    return list(_DEPTHWISE) + list(SYSTOLIC)


def is_file_name(name: str) -> bool:
    """Whether ``name`` names a dataflow file (:func:`load`) rather than a built-in: it ends in ``.m``."""
    return str(name).endswith(".m")


def load(path: str) -> Dataflow:
    """A MAESTRO dataflow file: one ``Dataflow { ... }`` block of directives (``Constant NAME value;`` lines
    allowed), as MAESTRO's ``tools/frontend/dataflow/*.m``. Depthwise layers run ``dpt``, as MAESTRO's frontend
    (``modelfile_to_mapping.py``) maps them; batch N and groups G run by MAESTRO's rule (:attr:`Dataflow.unmapped`
    ``"maestro"``), as in the mapping file that frontend writes. The dataflow is named by ``path``, so a design
    that names it can be evaluated again.

    Raises:
        DataflowError: a missing, unreadable, oversized or non-UTF-8 file, a mapping file (``Network``), no
            directives, or bad ones; the message names the file (and the line).
    """
    from npu_dse.cost_models.errors import FormatError
    from npu_dse.cost_models.formats.text import read_text

    try:
        text = read_text(path, "MAESTRO dataflow file")
    except FormatError as exc:
        raise DataflowError(str(exc)) from None
    if re.search(r"\b(Network|Layer)\b", re.sub(r"//[^\n]*|/\*.*?\*/", "", text, flags=re.S)):
        raise DataflowError(f"{path}: a MAESTRO mapping file (Network/Layer blocks), not a dataflow file; run it with "
                            "'dse maestro', or load it as a model")
    try:
        parsed = parse(text, name=str(path))
    except DataflowError as exc:
        raise DataflowError(str(exc) if str(path) in str(exc) else f"{path}: {exc}") from None
    # as MAESTRO runs the mapping its frontend writes: batch N and groups G by MAESTRO's rule (the text is
    # MAESTRO's), depthwise layers under the frontend's dpt.m (the built-in dpt's directives) by the same rule
    return Dataflow(name=str(path), directives=parsed.directives, defaults=parsed.defaults,
                    depthwise=replace(get("dpt"), unmapped=parsed.unmapped), unmapped=parsed.unmapped,
                    description=f"MAESTRO dataflow file {path}")


def get(name: "str | Dataflow") -> Dataflow:
    """A built-in dataflow by name (``confx_dla`` etc. are accepted aliases), a MAESTRO dataflow file (a name
    ending in ``.m``, :func:`load`; read once per process), or ``name`` if already a Dataflow.

    Raises:
        DataflowError: an unknown name (the message lists the allowed ones), or a bad dataflow file.
    """
    if isinstance(name, Dataflow):
        return name
    key = _ALIASES.get(str(name), str(name))
    if key in SYSTOLIC:
        if key not in _CACHE:
            _CACHE[key] = Dataflow(name=key, directives=(), description=SYSTOLIC[key][1], systolic=SYSTOLIC[key][0])
        return _CACHE[key]
    if is_file_name(key):
        if key not in _CACHE:
            _CACHE[key] = load(key)
        return _CACHE[key]
    if key not in _DEPTHWISE:
        raise DataflowError(f"unknown dataflow {name!r}; allowed: {', '.join(names())}, or a MAESTRO dataflow "
                            "file (.m)")
    if key not in _CACHE:
        dw_name = _DEPTHWISE[key]
        dw = None
        if dw_name is not None:
            dw = parse(_TEXTS[dw_name], name=dw_name, unmapped="outer")
        _CACHE[key] = Dataflow(name=key, directives=parse(_TEXTS[key], name=key).directives,
                               depthwise=dw, description=_DESCRIPTIONS[key])
    return _CACHE[key]
