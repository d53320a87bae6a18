"""Design spaces: named parameters with coarse RL levels and an optional fine range for fine-tuning.

A :class:`DesignSpace` is a list of :class:`Parameter` s plus a mode:

- ``LP`` (layer-pipelined): every layer gets its own sub-accelerator; budgets bound the **sums** over layers and
  latency is the sum of layer latencies (throughput is set by the slowest stage).
- ``LS`` (layer-sequential): one accelerator runs the layers one after another; it is sized for the **largest**
  per-layer assignment, and budgets bound that maximum.

A parameter is a hardware field (:data:`HARDWARE_FIELDS`), the dataflow name (``dataflow``), or a named dataflow
constant (``KTileSz``, ``CTileSz``, ``ClusterSz``; names start with an upper-case letter). Its scope is ``global``
(one value for the network) or ``per_layer`` (one value per layer).

A *design point* is a ``dict`` mapping each parameter name to its value: a scalar for a global parameter, a tuple
of one value per layer for a per-layer one. Searches that work on integers use *genes*: one gene per global
parameter and one per (per-layer parameter, layer), in parameter order; :meth:`DesignSpace.genes` lists them.

Source: ConfuciuX (Kao et al., MICRO 2020) for the per-layer space and the LP formulation; DESIGN.md §4.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal, Mapping, Sequence

import numpy as np

from npu_dse.cost_models.errors import SpaceError

HARDWARE_FIELDS: tuple[str, ...] = ("num_pes", "l1_bytes", "l2_bytes", "noc_bw", "offchip_bw", "simd_lanes", "pe_rows",
                                    "pe_cols", "clock_mhz", "word_bytes")
"""Hardware fields a parameter may set (:class:`npu_dse.cost_models.hardware.Hardware` names), and ``pe_cols``: a
space that searches the PE array as ``pe_rows`` x ``pe_cols`` has ``num_pes = pe_rows * pe_cols``
(:meth:`DesignSpace.layer_params`). ``clock_mhz`` (MHz) and ``word_bytes`` (operand width, bytes) are searched
like any other field where a space lists them, and fixed by the technology block where it does not."""

MAX_LEVEL = 1 << 40
"""The largest value of a numeric design parameter (PEs, bytes, elements/cycle): beyond any chip, exact in float64."""
MAX_FINE_VALUES = 1 << 20
"""Most values a parameter's fine range may hold (the GA, the bounds and point validation list them; the shipped
spaces hold at most 256 per parameter)."""

Scope = Literal["global", "per_layer"]
Mode = Literal["LP", "LS"]
_CONSTANT_RE = re.compile(r"^[A-Z][A-Za-z0-9_]*$")

CONFUCIUX_PE_LEVELS: tuple[int, ...] = (1, 2, 4, 8, 12, 16, 24, 32, 48, 64, 96, 128)
"""ConfuciuX's per-layer PE action levels (``get_action_space.py``; seed talk)."""
CONFUCIUX_KTILE_LEVELS: tuple[int, ...] = tuple(range(1, 13))
"""ConfuciuX's per-layer buffer action: the ``KTileSz`` constant of its templates, 1–12."""
CONFUCIUX_FIXED_HARDWARE: dict[str, Any] = {
    "noc_bw": 81_920_000,
    "offchip_bw": 70_000,
    "noc_hops": 1,
    "noc_hop_latency": 1,
    "simd_lanes": 1,
}
"""MAESTRO flags ConfuciuX passes (reference README): L1/L2 unconstrained, NoC 81,920,000 elements/cycle."""


@dataclass(frozen=True)
class Parameter:
    """One named design parameter.

    Args:
        name: a hardware field, ``dataflow``, or a dataflow constant name.
        values: the coarse levels (RL actions), in increasing order for numeric parameters.
        range: optional fine range ``(min, max, step)`` (integers) the fine-tuning stage may use.
        scope: ``global`` or ``per_layer``.

    Raises:
        SpaceError: unknown name, empty or non-positive values, a dataflow parameter with a range, a bad range.
    """

    name: str
    values: tuple[Any, ...]
    range: tuple[int, int, int] | None = None
    scope: Scope = "global"

    def __post_init__(self) -> None:
        object.__setattr__(self, "values", tuple(self.values))
        if self.range is not None:
            object.__setattr__(self, "range", tuple(int(v) for v in self.range))
        allowed = f"allowed: {', '.join(HARDWARE_FIELDS)}, dataflow, or a dataflow constant such as KTileSz"
        if self.name not in HARDWARE_FIELDS and self.name != "dataflow" and not _CONSTANT_RE.match(self.name):
            raise SpaceError(f"parameter {self.name!r}: unknown name; {allowed}")
        if self.scope not in ("global", "per_layer"):
            raise SpaceError(f"parameter {self.name!r}: field 'scope' is {self.scope!r}; allowed: global, per_layer")
        if not self.values:
            raise SpaceError(f"parameter {self.name!r}: field 'values' is empty")
        if len(set(self.values)) != len(self.values):
            raise SpaceError(f"parameter {self.name!r}: field 'values' repeats a value: {list(self.values)}")
        if self.is_categorical:
            if not all(isinstance(v, str) for v in self.values):
                raise SpaceError(f"parameter 'dataflow': field 'values' must be dataflow names, got {self.values}")
            if self.range is not None:
                raise SpaceError("parameter 'dataflow': a categorical parameter has no fine 'range'")
            return
        for v in self.values:
            if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v <= 0:
                raise SpaceError(f"parameter {self.name!r}: field 'values' must be positive integers, got {v!r}")
            if v > MAX_LEVEL:
                raise SpaceError(f"parameter {self.name!r}: value {v} is above {MAX_LEVEL:,} (2^40), the largest "
                                 "level a design parameter takes")
        if list(self.values) != sorted(self.values):
            raise SpaceError(f"parameter {self.name!r}: field 'values' must be increasing, got {list(self.values)}")
        if self.range is not None:
            if len(self.range) != 3:
                raise SpaceError(f"parameter {self.name!r}: field 'range' must be (min, max, step)")
            lo, hi, step = self.range
            if hi > MAX_LEVEL:
                raise SpaceError(f"parameter {self.name!r}: range maximum {hi} is above {MAX_LEVEL:,} (2^40)")
            if lo <= 0 or hi < lo or step <= 0:
                raise SpaceError(
                    f"parameter {self.name!r}: field 'range' {self.range} needs 0 < min <= max and step > 0"
                )
            steps = (hi - lo) // step + 1
            if steps > MAX_FINE_VALUES:
                raise SpaceError(f"parameter {self.name!r}: field 'range' {self.range} has {steps:,} fine values; "
                                 f"at most {MAX_FINE_VALUES:,} (a larger step, or a narrower range)")

    @property
    def is_categorical(self) -> bool:
        """True for the dataflow name."""
        return self.name == "dataflow"

    @property
    def n_levels(self) -> int:
        """Number of coarse levels."""
        return len(self.values)

    def fine_values(self) -> tuple[Any, ...]:
        """The values the fine-tuning stage may use: the fine range plus the coarse levels, sorted."""
        if self.range is None:
            return self.values
        lo, hi, step = self.range
        return tuple(sorted(set(range(lo, hi + 1, step)) | set(self.values)))

    def clip(self, value: Any) -> Any:
        """The nearest allowed fine value to ``value`` (numeric parameters), or ``value`` if categorical."""
        if self.is_categorical:
            return value
        fine = np.asarray(self.fine_values())
        return type(self.values[0])(fine[int(np.argmin(np.abs(fine - value)))])


@dataclass(frozen=True)
class Gene:
    """One integer-coded decision: a global parameter, or a per-layer parameter at one layer."""

    parameter: Parameter
    layer: int | None  # None for a global parameter


@dataclass(frozen=True)
class DesignSpace:
    """A set of parameters, a mode, and the fixed settings of everything not searched.

    Args:
        parameters: the searched parameters (unique names).
        mode: ``LP`` or ``LS`` (module docstring).
        dataflow: dataflow used when ``dataflow`` is not a parameter.
        fixed: fixed hardware fields and dataflow constants, e.g. ``{"noc_bw": 64, "CTileSz": 1}``.
        technology: the technology the space is defined for (a name of
            :func:`npu_dse.cost_models.technology.resolve`, e.g. ``"maestro"`` for ConfuciuX's MAESTRO flags);
            ``None`` leaves it to the problem (default 28 nm).
        mapper: candidate values of the template constants (``KTileSz``, ``CTileSz``, ``ClusterSz``) that the
            mapper chooses per layer and design point (:mod:`npu_dse.cost_models.mapper`); empty: no mapper, the
            constants are the point's, the fixed ones or the template's defaults.
        generator: the hardware generator the space is held to (:func:`npu_dse.cost_models.generators.restrict`;
            its rules make a design infeasible), or ``None``.

    Raises:
        SpaceError: repeated parameter names, bad mode, a fixed field that is also searched, no PE count (neither
            ``num_pes`` nor ``pe_rows`` and ``pe_cols``, searched or fixed).
    """

    parameters: tuple[Parameter, ...]
    mode: Mode = "LP"
    dataflow: str = "dla"
    fixed: Mapping[str, Any] = field(default_factory=dict)
    technology: str | None = None
    mapper: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    generator: str | None = None

    def __post_init__(self) -> None:
        from npu_dse.cost_models.mapper import check_candidates

        object.__setattr__(self, "parameters", tuple(self.parameters))
        object.__setattr__(self, "fixed", dict(self.fixed))
        object.__setattr__(self, "mapper", check_candidates(self.mapper))
        if self.mode not in ("LP", "LS"):
            raise SpaceError(f"design space: field 'mode' is {self.mode!r}; allowed: LP, LS")
        names = [p.name for p in self.parameters]
        if len(set(names)) != len(names):
            raise SpaceError(f"design space: parameter names repeat: {names}")
        both = set(names) & set(self.fixed)
        if both:
            raise SpaceError(f"design space: {sorted(both)} both searched and fixed")
        given = set(names) | set(self.fixed)
        if "pe_cols" in given and ("pe_rows" not in given or "num_pes" in given):
            raise SpaceError("design space: 'pe_cols' makes the array pe_rows x pe_cols, so it needs 'pe_rows' and "
                             "no 'num_pes'")
        if "num_pes" not in given and "pe_cols" not in given:
            raise SpaceError("design space: the PE count is neither searched nor fixed; give a parameter 'num_pes' "
                             "(or 'pe_rows' and 'pe_cols'), or a fixed value (space.fixed: {num_pes: 256})")

    # ---------------------------------------------------------------- structure
    def parameter(self, name: str) -> Parameter:
        """The parameter called ``name``.

        Raises:
            SpaceError: no such parameter (lists the names).
        """
        for p in self.parameters:
            if p.name == name:
                return p
        raise SpaceError(f"design space has no parameter {name!r}; allowed: {[p.name for p in self.parameters]}")

    @property
    def per_layer(self) -> tuple[Parameter, ...]:
        """Per-layer parameters, in order."""
        return tuple(p for p in self.parameters if p.scope == "per_layer")

    @property
    def global_(self) -> tuple[Parameter, ...]:
        """Global parameters, in order."""
        return tuple(p for p in self.parameters if p.scope == "global")

    def genes(self, num_layers: int) -> list[Gene]:
        """Integer-coded decisions: global parameters first, then per-layer parameters layer by layer."""
        genes = [Gene(p, None) for p in self.global_]
        for layer in range(num_layers):
            genes.extend(Gene(p, layer) for p in self.per_layer)
        return genes

    def size(self, num_layers: int) -> int:
        """Number of coarse design points (product of level counts over all genes)."""
        n = 1
        for g in self.genes(num_layers):
            n *= g.parameter.n_levels
        return n

    def fine_size(self, num_layers: int) -> int:
        """Number of design points at the fine level (product over all genes of :meth:`Parameter.fine_values`
        counts): what the fine-tuning stage may reach, and what an exhaustive search would have to cover."""
        n = 1
        for g in self.genes(num_layers):
            n *= len(g.parameter.fine_values())
        return n

    # ---------------------------------------------------------------- points
    def point_from_levels(self, levels: Sequence[int], num_layers: int) -> dict[str, Any]:
        """Design point from one coarse level index per gene (order of :meth:`genes`).

        Raises:
            SpaceError: wrong number of levels or a level out of range.
        """
        genes = self.genes(num_layers)
        if len(levels) != len(genes):
            raise SpaceError(f"design point needs {len(genes)} levels, got {len(levels)}")
        values = []
        for g, lv in zip(genes, levels):
            if not 0 <= int(lv) < g.parameter.n_levels:
                raise SpaceError(
                    f"parameter {g.parameter.name!r}: level {lv} out of range 0..{g.parameter.n_levels - 1}"
                )
            values.append(g.parameter.values[int(lv)])
        return self.point_from_genes(values, num_layers)

    def point_from_genes(self, values: Sequence[Any], num_layers: int) -> dict[str, Any]:
        """Design point from one value per gene (order of :meth:`genes`), without validation."""
        point: dict[str, Any] = {}
        i = 0
        for p in self.global_:
            point[p.name] = values[i]
            i += 1
        per = {p.name: [] for p in self.per_layer}
        for _ in range(num_layers):
            for p in self.per_layer:
                per[p.name].append(values[i])
                i += 1
        point.update({k: tuple(v) for k, v in per.items()})
        return point

    def genes_from_point(self, point: Mapping[str, Any], num_layers: int) -> list[Any]:
        """The gene values of a design point (inverse of :meth:`point_from_genes`)."""
        self.validate_point(point, num_layers, fine=True)
        values = [point[p.name] for p in self.global_]
        for layer in range(num_layers):
            values.extend(point[p.name][layer] for p in self.per_layer)
        return values

    def validate_point(self, point: Mapping[str, Any], num_layers: int, fine: bool = True) -> None:
        """Check that ``point`` sets every parameter to an allowed value.

        Args:
            fine: accept the fine range (True) or only the coarse levels (False).

        Raises:
            SpaceError: a missing or unknown parameter, a per-layer tuple of the wrong length, a value not allowed.
        """
        unknown = set(point) - {p.name for p in self.parameters}
        if unknown:
            raise SpaceError(f"design point sets unknown parameters {sorted(unknown)}")
        for p in self.parameters:
            if p.name not in point:
                raise SpaceError(f"design point is missing parameter {p.name!r}")
            allowed = set(p.fine_values() if fine else p.values)
            vals = point[p.name]
            if p.scope == "per_layer":
                if len(vals) != num_layers:
                    raise SpaceError(
                        f"parameter {p.name!r}: per-layer value has {len(vals)} entries for {num_layers} layers"
                    )
            else:
                vals = (vals,)
            for v in vals:
                if v not in allowed:
                    shown = sorted(allowed) if not p.is_categorical else list(p.values)
                    raise SpaceError(f"parameter {p.name!r}: value {v!r} not allowed; allowed: {_short(shown)}")

    def layer_params(self, point: Mapping[str, Any], layer: int) -> dict[str, Any]:
        """The parameter values that apply to ``layer``: globals, the layer's per-layer values, and ``fixed``."""
        out = dict(self.fixed)
        out.setdefault("dataflow", self.dataflow)
        for p in self.parameters:
            out[p.name] = point[p.name][layer] if p.scope == "per_layer" else point[p.name]
        if "pe_cols" in out:  # the array searched as rows x columns
            out["num_pes"] = int(out["pe_rows"]) * int(out.pop("pe_cols"))
        return out

    def corner(self, num_layers: int, which: Mapping[str, str] | str = "min") -> dict[str, Any]:
        """A corner design: every parameter at its lowest (``min``) or highest (``max``) coarse level.

        ``which`` may map parameter names to ``min``/``max`` to mix corners (ConfuciuX's four reference designs).
        """
        point: dict[str, Any] = {}
        for p in self.parameters:
            side = which if isinstance(which, str) else which.get(p.name, "min")
            v = p.values[0] if side == "min" else p.values[-1]
            point[p.name] = tuple([v] * num_layers) if p.scope == "per_layer" else v
        return point


def _short(values: list[Any], n: int = 12) -> str:
    if len(values) <= n:
        return str(values)
    return f"[{values[0]}, {values[1]}, ..., {values[-1]}] ({len(values)} values)"


def confuciux_space(dataflow: str = "dla", mode: Mode = "LP", fine: bool = True) -> DesignSpace:
    """ConfuciuX's per-layer space: PEs in :data:`CONFUCIUX_PE_LEVELS` and ``KTileSz`` 1–12 per layer.

    With ``fine``, the fine-tuning stage may use any PE count 1–128 (the GA leaves the RL levels). Hardware is
    fixed to ConfuciuX's MAESTRO flags (:data:`CONFUCIUX_FIXED_HARDWARE`), ``CTileSz`` = 1 and ``ClusterSz`` =
    the layer's PE count (the evaluator's default for templates that use it), and priced by MAESTRO's constants
    (``technology: maestro``), as ConfuciuX's numbers are.

    Source: ConfuciuX ``src/utils/get_action_space.py`` and the reference README.
    """
    return DesignSpace(
        parameters=(
            Parameter("num_pes", CONFUCIUX_PE_LEVELS, (1, 128, 1) if fine else None, "per_layer"),
            Parameter("KTileSz", CONFUCIUX_KTILE_LEVELS, None, "per_layer"),
        ),
        mode=mode,
        dataflow=dataflow,
        fixed={**CONFUCIUX_FIXED_HARDWARE, "CTileSz": 1},
        technology="maestro",
    )


PE_ARRAY_LEVELS: tuple[int, ...] = (8, 16, 32, 64)
"""Coarse levels of the PE array's rows and columns (``pe_array``); the fine range is 8-64 in steps of 4."""


def global_space(dataflows: Sequence[str] = ("kcp_ws", "yxp_os", "rs", "xp_ws"), pe_array: bool = False
                 ) -> DesignSpace:
    """A global (one accelerator for the whole network, LS) space over PEs, L1, L2, NoC bandwidth and dataflow.

    PE counts start at 64 because ``kcp_ws`` clusters 64 PEs (MAESTRO's ``Cluster(64)``). With ``pe_array`` the PEs
    are searched as an array of ``pe_rows`` x ``pe_cols`` (:data:`PE_ARRAY_LEVELS`, fine 8-64 in steps of 4: 64 to
    4,096 PEs, square or not), which a systolic dataflow runs on as it is. The off-chip bandwidth is the
    technology's (its DRAM preset at the clock).
    """
    if pe_array:
        pes: tuple[Parameter, ...] = (Parameter("pe_rows", PE_ARRAY_LEVELS, (8, 64, 4)),
                                      Parameter("pe_cols", PE_ARRAY_LEVELS, (8, 64, 4)))
    else:
        pes = (Parameter("num_pes", (64, 128, 256, 512, 1024, 2048, 4096), (64, 4096, 64)),)
    return DesignSpace(
        parameters=(
            *pes,
            Parameter("l1_bytes", (64, 128, 256, 512, 1024, 2048, 4096, 8192), (32, 8192, 32)),
            Parameter("l2_bytes", tuple(2**k * 1024 for k in range(4, 13)), (16 * 1024, 4096 * 1024, 16 * 1024)),
            Parameter("noc_bw", (8, 16, 32, 64, 128, 256, 512, 1024), (8, 1024, 8)),
            Parameter("dataflow", tuple(dataflows)),
        ),
        mode="LS",
        dataflow=dataflows[0],
        fixed={"noc_hops": 1, "noc_hop_latency": 1, "simd_lanes": 1},
    )


PRESETS = {"confuciux": confuciux_space, "global": global_space}
"""Built-in spaces by name."""


def preset(name: str, **kwargs: Any) -> DesignSpace:
    """A built-in design space by name.

    Raises:
        SpaceError: unknown name (lists the presets).
    """
    if name not in PRESETS:
        raise SpaceError(f"unknown design-space preset {name!r}; allowed: {', '.join(PRESETS)}")
    return PRESETS[name](**kwargs)
