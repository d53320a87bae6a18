"""Experiment and sweep configuration: the YAML schema (pydantic), loading, ``--set`` overrides, and problems.

An **experiment** file describes one run (``dse run``)::

    name: quickstart
    seed: 0
    workload: {model: mobilenet_v2}          # zoo name or model file; optional layers: [names] or "0:8"
    platform: edge                           # cloud | edge | iot | mobile | null (budgets: see below)
    technology: {node: 28nm, word_bits: 8, clock_mhz: 800, dram: lpddr4}   # or "maestro", "28nm"; see below
    space: {preset: confuciux, dataflow: dla, mode: LP}   # mapper: true (or {KTileSz: [..]}) picks tiles per layer
    objectives: [latency_cycles]             # one or several (Pareto)
    constraints: {}                          # metric: limit | {ratio: r} | {limit: x} | platform
    hetero: {cpu: a53, sync_us: 50}          # optional: the CPU beside the NPU (objective hetero_latency_ms)
    search:
      budget: 2000                           # total design-point evaluations
      stages: [{method: ppo, budget: 0.5}, {method: ga}]

A **sweep** file describes a grid of experiments (``dse sweep``)::

    name: confuciux_table
    base: confuciux_resnet50_edge.yaml       # an experiment file (relative to the sweep file) or a mapping
    grid: {workload.model: [confuciux/resnet50, confuciux/mobilenet_v2], platform: [cloud, edge]}
    seeds: [0, 1]
    set: {search.budget: 1000}               # overrides applied to every run

``technology`` prices the designs (:mod:`npu_dse.cost_models.technology`): ``maestro`` (MAESTRO's constants, the
default of the ``confuciux`` space), or a node (``65nm`` to ``7nm``, :data:`npu_dse.cost_models.technology.NAMES`;
the default elsewhere is 28 nm) with ``word_bits`` (operand width), ``clock_mhz`` and ``dram`` (``lpddr4``, ``ddr4``,
``hbm2``). ``word_bits`` and ``clock_mhz`` fix the hardware fields ``word_bytes`` and ``clock_mhz``.

``platform`` (:data:`npu_dse.cost_models.evaluator.PLATFORMS`) states budgets: under a physical technology an area
(mm²) and a power (mW) limit, and the node, word width, clock and DRAM the platform is priced at, each unless the
``technology`` block sets it (``iot``: 0.5 mm², 50 mW; ``edge``: 4 mm², 500 mW; ``mobile``: 10 mm², 2 W at 22 nm;
``cloud``: 300 mm², 40 W); under MAESTRO's constants (the ConfuciuX space) ConfuciuX's PE and L1 budgets.
``constraints`` override the platform's.

Every error is a :class:`ConfigError` whose one-line message names the file, the field path (e.g.
``search.stages[1].method``) and the allowed values (DESIGN.md §6).
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import itertools
import json
import re
from pathlib import Path
from typing import Annotated, Any, Literal, Mapping, Sequence

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from npu_dse.cost_models.errors import NpuDseError

SEARCH_METHODS_FALLBACK: tuple[str, ...] = (
    "ppo", "a2c", "dqn", "maskable_ppo", "recurrent_ppo", "reinforce", "ga", "random", "anneal", "bayes",
    "exhaustive", "nsga2",
)
"""Method names of the search-pipeline contract, used when :mod:`npu_dse.search.pipeline` is not importable."""


class ConfigError(NpuDseError, ValueError):
    """An invalid experiment or sweep file; the message names file, field path and allowed values."""


def search_methods() -> tuple[str, ...]:
    """Valid search-stage method names (``npu_dse.search.pipeline.METHODS``)."""
    try:
        from npu_dse.search.pipeline import METHODS
    except ImportError:
        return SEARCH_METHODS_FALLBACK
    return tuple(METHODS)


def _allowed(values: Sequence[str]) -> str:
    return "allowed: " + ", ".join(str(v) for v in values)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


# ---------------------------------------------------------------------------------------------------- schema
class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class WorkloadConfig(_Strict):
    """The network: a zoo name (``npu_dse.cost_models.zoo.names()``) or a model file, optionally a subset of layers."""

    model: str
    layers: list[str] | str | None = None

    @field_validator("model")
    @classmethod
    def _model_known(cls, v: str) -> str:
        from npu_dse.cost_models import zoo

        if v in zoo.names() or (Path(v).suffix and Path(v).exists()):
            return v
        raise ValueError(f"unknown model {v!r}; allowed: {', '.join(zoo.names())}, or an existing model file")

    @field_validator("layers")
    @classmethod
    def _layers_form(cls, v: Any) -> Any:
        if isinstance(v, str) and not re.fullmatch(r"\s*-?\d*\s*:\s*-?\d*\s*", v):
            raise ValueError(f"layers {v!r}: expected a list of layer names or a slice 'start:stop'")
        if isinstance(v, list) and not v:
            raise ValueError("layers: the list is empty")
        return v


class ParameterConfig(_Strict):
    """An explicit design-space parameter (:class:`npu_dse.cost_models.space.Parameter`)."""

    name: str
    values: list[int | str]
    range: list[int] | None = None
    scope: Literal["global", "per_layer"] = "global"


class SpaceConfig(_Strict):
    """The design space: a preset (``confuciux``, ``global``) with its options, or explicit ``parameters``.

    ``pe_array: true`` (preset ``global``) searches the PEs as an array of ``pe_rows`` x ``pe_cols``
    (:func:`npu_dse.cost_models.space.global_space`). ``parameters`` beside a ``preset`` written out are added to
    the preset's (replacing its parameter of the same name), e.g. a searched ``clock_mhz`` or ``word_bytes``;
    without one (or with ``preset: null``) they are the whole space."""

    preset: Literal["confuciux", "global"] | None = "confuciux"
    mode: Literal["LP", "LS"] | None = None
    dataflow: str | None = None
    fine: bool | None = None
    dataflows: list[str] | None = None
    pe_array: bool | None = None
    parameters: list[ParameterConfig] | None = None
    fixed: dict[str, int | float | str] = Field(default_factory=dict)
    mapper: bool | dict[str, list[int]] = False
    generator: Literal["gemmini", "nvdla", "vta"] | None = None

    @field_validator("mapper")
    @classmethod
    def _mapper_known(cls, v: bool | dict[str, list[int]]) -> bool | dict[str, list[int]]:
        from npu_dse.cost_models.errors import NpuDseError as _Err
        from npu_dse.cost_models.mapper import check_candidates

        if isinstance(v, dict):
            try:
                check_candidates(v)
            except _Err as exc:
                raise ValueError(str(exc)) from None
        return v

    @field_validator("fixed")
    @classmethod
    def _fixed_known(cls, v: dict[str, Any]) -> dict[str, Any]:
        from npu_dse.cost_models.errors import NpuDseError as _Err
        from npu_dse.cost_models.hardware import Hardware
        from npu_dse.cost_models.space import HARDWARE_FIELDS

        hardware = (*HARDWARE_FIELDS, "noc_hops", "noc_hop_latency", "word_bytes", "clock_mhz")
        for key, value in v.items():
            if key not in hardware and not re.fullmatch(r"[A-Z][A-Za-z0-9_]*", key):
                raise ValueError(f"unknown fixed field {key!r}; {_allowed(hardware)}, or a dataflow constant such "
                                 "as KTileSz")
            if key not in hardware and (not isinstance(value, int) or isinstance(value, bool) or value < 1):
                raise ValueError(f"constant {key!r} must be an integer >= 1, got {value!r}")
        hw = {k: val for k, val in v.items() if k in hardware and k != "num_pes"}
        try:
            Hardware(num_pes=int(v.get("num_pes", 1)) if isinstance(v.get("num_pes", 1), int) else v["num_pes"], **hw)
        except (_Err, TypeError) as exc:
            raise ValueError(str(exc)) from None
        return v

    @field_validator("dataflow")
    @classmethod
    def _dataflow_known(cls, v: str | None) -> str | None:
        if v is not None:
            _check_dataflow(v)
        return v

    @field_validator("dataflows")
    @classmethod
    def _dataflows_known(cls, v: list[str] | None) -> list[str] | None:
        if v is not None:
            if not v:
                raise ValueError("dataflows: the list is empty")
            for d in v:
                _check_dataflow(d)
        return v

    @model_validator(mode="before")
    @classmethod
    def _parameters_alone_have_no_preset(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("parameters") is not None and "preset" not in data:
            data = {**data, "preset": None}  # so the resolved config.yaml reads back as the same space
        return data

    @property
    def extends_preset(self) -> bool:
        """``parameters`` add to a preset written out beside them (class docstring)."""
        return self.parameters is not None and self.preset is not None

    @model_validator(mode="after")
    def _options_fit_preset(self) -> "SpaceConfig":
        if self.parameters is not None and not self.extends_preset:
            return self
        if self.preset == "confuciux" and self.dataflows is not None:
            raise ValueError("field 'dataflows' is for preset 'global'; preset 'confuciux' takes 'dataflow'")
        if self.preset == "global" and (self.dataflow is not None or self.fine is not None):
            raise ValueError("fields 'dataflow'/'fine' are for preset 'confuciux'; preset 'global' takes 'dataflows'")
        if self.preset == "confuciux" and self.pe_array is not None:
            raise ValueError("field 'pe_array' is for preset 'global'; the ConfuciuX space searches PE counts per "
                             "layer")
        if self.preset is None:
            raise ValueError("give a 'preset' (confuciux, global) or explicit 'parameters'")
        if self.generator is not None and self.preset == "confuciux" and self.mode != "LS":
            raise ValueError(f"field 'generator' ({self.generator}) needs one accelerator: preset 'global' or mode "
                             "LS; the ConfuciuX space is layer-pipelined")
        return self


def _check_dataflow(name: str) -> None:
    from npu_dse.cost_models import dataflow

    if dataflow.is_file_name(name):  # a MAESTRO dataflow file: read and checked now, named with its error
        try:
            dataflow.get(name)
        except NpuDseError as exc:
            raise ValueError(str(exc)) from None
    elif name not in dataflow.names():
        raise ValueError(f"unknown dataflow {name!r}; {_allowed(dataflow.names())}, or a MAESTRO dataflow file (.m)")


class TechnologyConfig(_Strict):
    """The technology block: a node with operand width, clock and DRAM preset (module docstring)."""

    node: str = "28nm"
    word_bits: Literal[8, 16, 32] | None = None
    clock_mhz: float | None = Field(default=None, gt=0, allow_inf_nan=False)
    dram: str | None = None

    @field_validator("node")
    @classmethod
    def _node_known(cls, v: str) -> str:
        from npu_dse.cost_models.technology import NAMES, resolve

        try:
            resolve(v)
        except NpuDseError:
            raise ValueError(f"unknown technology node {v!r}; {_allowed(NAMES)}") from None
        return v

    @field_validator("dram")
    @classmethod
    def _dram_known(cls, v: str | None) -> str | None:
        from npu_dse.cost_models.technology import DRAM_PRESETS

        if v is not None and v not in DRAM_PRESETS:
            raise ValueError(f"unknown DRAM preset {v!r}; {_allowed(DRAM_PRESETS)}")
        return v

    @model_validator(mode="after")
    def _maestro_has_no_dram(self) -> "TechnologyConfig":
        if self.node.strip().lower() == "maestro" and self.dram is not None:
            raise ValueError("technology 'maestro' models no DRAM; drop 'dram' or pick a node")
        return self


class StageConfig(_Strict):
    """One search stage (``npu_dse.search.pipeline.StageSpec``)."""

    method: str
    budget: float | None = None
    options: dict[str, Any] = Field(default_factory=dict)

    @field_validator("method")
    @classmethod
    def _method_known(cls, v: str) -> str:
        methods = search_methods()
        if v not in methods:
            raise ValueError(f"unknown method {v!r}; {_allowed(methods)}")
        return v

    @field_validator("budget")
    @classmethod
    def _budget_form(cls, v: float | None) -> float | None:
        if v is None:
            return v
        if 0 < v < 1 or (v >= 1 and float(v).is_integer()):
            return int(v) if v >= 1 else float(v)
        raise ValueError(f"budget {v!r}: expected an integer >= 1 (evaluations) or a fraction in (0, 1)")


class SearchConfig(_Strict):
    """Search stages, the total evaluation budget, and whether to compute the exact optimum (``exact``: the MCKP DP
    where it applies, else for a latency objective the relaxed lower bound, which takes tens of seconds on a whole
    network, and is not given where a layer has more than 100,000 option-mapping pairs to price;
    :func:`npu_dse.search.pipeline.run_pipeline`); ``summary.json`` then holds it and the gap to it."""

    budget: int = Field(ge=1)
    stages: list[StageConfig] = Field(min_length=1)
    exact: bool = True

    @model_validator(mode="after")
    def _budgets_fit(self) -> "SearchConfig":
        fractions = sum(s.budget for s in self.stages if s.budget is not None and s.budget < 1)
        absolute = sum(s.budget for s in self.stages if s.budget is not None and s.budget >= 1)
        if fractions > 1 + 1e-9:
            raise ValueError(f"stage budget fractions sum to {fractions:g} > 1")
        if absolute + fractions * self.budget > self.budget + 1e-9:
            raise ValueError(f"stage budgets ({absolute:g} evaluations + {fractions:g} of the total) exceed "
                             f"the total budget {self.budget}")
        return self


class OutputConfig(_Strict):
    """Where runs go: ``<root>/<name>-<timestamp>/`` unless ``dse run --out`` names the directory."""

    root: str = "experiments/runs"


NAME_PATTERN = r"^[A-Za-z0-9_.=\-]{1,120}$"
"""Experiment and sweep names: file-name safe, 1-120 characters, not only dots (a run directory is named after it)."""


def _name_ok(v: str) -> str:
    if set(v) == {"."}:
        raise ValueError(f"name {v!r} is only dots; a run directory is named after it")
    return v


class HeteroConfig(_Strict):
    """The CPU that runs beside the NPU for the ``hetero_latency_ms`` objective (:mod:`npu_dse.hetero.objective`):
    ``cpu`` a preset (``a53``), ``host`` (this machine, measured) or a profile CSV (columns ``node``, ``time_us``);
    ``sync_us`` the synchronisation latency of one hand-over, microseconds."""

    cpu: str = "a53"
    sync_us: float = Field(default=50.0, ge=0, allow_inf_nan=False)

    @field_validator("cpu")
    @classmethod
    def _cpu_known(cls, v: str) -> str:
        from npu_dse.hetero.units import CPU_PRESETS

        if v not in CPU_PRESETS and v != "host" and not v.endswith(".csv"):
            raise ValueError(f"unknown CPU {v!r}; allowed: {', '.join(CPU_PRESETS)}, host, or a profile .csv")
        return v


class ExperimentConfig(_Strict):
    """One experiment (``dse run``): see the module docstring for the file layout."""

    name: str = Field(pattern=NAME_PATTERN)
    seed: int = Field(default=0, ge=0, le=2**32 - 1)

    @field_validator("name")
    @classmethod
    def _not_only_dots(cls, v: str) -> str:
        return _name_ok(v)
    workload: WorkloadConfig
    platform: str | None = None
    technology: TechnologyConfig | None = None
    space: SpaceConfig = Field(default_factory=SpaceConfig)
    objectives: list[str] = Field(default_factory=lambda: ["latency_cycles"])
    constraints: dict[str, Any] = Field(default_factory=dict)  # number | {ratio|limit: number} | platform
    search: SearchConfig
    output: OutputConfig = Field(default_factory=OutputConfig)
    hetero: HeteroConfig | None = None

    @field_validator("platform")
    @classmethod
    def _platform_known(cls, v: str | None) -> str | None:
        from npu_dse.cost_models.evaluator import PLATFORMS

        if v is not None and v not in PLATFORMS:
            raise ValueError(f"unknown platform {v!r}; {_allowed(PLATFORMS)}")
        return v

    @field_validator("technology", mode="before")
    @classmethod
    def _technology_name(cls, v: Any) -> Any:
        return {"node": v} if isinstance(v, (str, int)) and not isinstance(v, bool) else v

    @field_validator("objectives", mode="before")
    @classmethod
    def _objectives_list(cls, v: Any) -> Any:
        from npu_dse.cost_models.evaluator import OBJECTIVES

        if isinstance(v, str):
            v = [v]
        if isinstance(v, list):
            if not v:
                raise ValueError(f"objectives: the list is empty; {_allowed(OBJECTIVES)}")
            for o in v:
                if not isinstance(o, str) or o not in OBJECTIVES:
                    raise ValueError(f"unknown objective {o!r}; {_allowed(OBJECTIVES)}")
            if len(set(v)) != len(v):
                raise ValueError(f"objectives repeat: {v}")
        return v

    @field_validator("constraints")
    @classmethod
    def _constraints_known(cls, v: dict[str, Any]) -> dict[str, Any]:
        from npu_dse.cost_models.evaluator import CONSTRAINT_METRICS, CONSTRAINT_SENSE

        out: dict[str, Any] = {}
        for metric, spec in v.items():
            if metric not in CONSTRAINT_METRICS:
                raise ValueError(f"unknown constraint metric {metric!r}; {_allowed(CONSTRAINT_METRICS)}")
            if _is_number(spec):
                spec = float(spec)
                if not spec > 0:
                    raise ValueError(f"constraint {metric!r}: limit must be > 0, got {spec}")
            elif isinstance(spec, dict) and len(spec) == 1 and set(spec) <= {"ratio", "limit"}:
                ((key, value),) = spec.items()
                if not _is_number(value):
                    raise ValueError(f"constraint {metric!r}: {key} {value!r} is not a number")
                value = float(value)
                if key == "ratio" and CONSTRAINT_SENSE[metric] == "min":
                    raise ValueError(f"constraint {metric!r} is a floor: give a number or {{limit: x}}, not a ratio")
                if key == "ratio" and not 0 <= value <= 1:
                    raise ValueError(f"constraint {metric!r}: ratio must be in [0, 1], got {value}")
                if key == "limit" and not value > 0:
                    raise ValueError(f"constraint {metric!r}: limit must be > 0, got {value}")
                spec = {key: value}
            elif spec != "platform":
                raise ValueError(f"constraint {metric!r}: {spec!r}; allowed: a number, {{ratio: r}}, {{limit: x}}, "
                                 "platform")
            out[metric] = spec
        return out

    @model_validator(mode="after")
    def _platform_constraints(self) -> "ExperimentConfig":
        for metric, spec in self.constraints.items():
            if spec == "platform" and self.platform is None:
                raise ValueError(f"constraint {metric!r}: 'platform' needs a 'platform' field")
        return self

    @model_validator(mode="after")
    def _hetero_fits(self) -> "ExperimentConfig":
        if "hetero_latency_ms" in self.objectives and self.hetero is None:
            raise ValueError("objective 'hetero_latency_ms' needs a 'hetero' block: the CPU beside the NPU, e.g. "
                             "hetero: {cpu: a53, sync_us: 50}")
        return self


class SweepConfig(_Strict):
    """A grid of experiments (``dse sweep``): a base experiment x grid values x seeds."""

    name: str = Field(pattern=NAME_PATTERN)
    base: str | dict[str, Any]

    @field_validator("name")
    @classmethod
    def _not_only_dots(cls, v: str) -> str:
        return _name_ok(v)
    grid: dict[str, list[Any]] = Field(default_factory=dict)
    seeds: list[Annotated[int, Field(ge=0, le=2**32 - 1)]] = Field(default_factory=lambda: [0], min_length=1)
    set: dict[str, Any] = Field(default_factory=dict)

    @field_validator("grid")
    @classmethod
    def _grid_nonempty(cls, v: dict[str, list[Any]]) -> dict[str, list[Any]]:
        for key, values in v.items():
            if not values:
                raise ValueError(f"grid {key!r}: the list of values is empty")
        return v


@dataclasses.dataclass(frozen=True)
class SweepRun:
    """One run of a sweep: a stable id, the grid values it sets, its seed and its validated config."""

    run_id: str
    params: dict[str, Any]
    seed: int
    config: ExperimentConfig


# ---------------------------------------------------------------------------------------------------- loading
def _format_loc(loc: Sequence[Any]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "<top level>"


def _fields_at(model: type[BaseModel], loc: Sequence[Any]) -> list[str] | None:
    """Field names allowed at ``loc`` (for 'extra field' errors), or None if the location is not a model."""
    import typing

    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)) or part not in current.model_fields:
            return None
        ann = current.model_fields[part].annotation
        current = None
        stack = [ann]
        while stack:  # unwrap Optional / list to the model class inside
            a = stack.pop()
            if isinstance(a, type) and issubclass(a, BaseModel):
                current = a
                break
            stack.extend(typing.get_args(a))
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return None


def _convert(exc: ValidationError, source: str, model: type[BaseModel]) -> ConfigError:
    """A pydantic error as one line: ``<source>: <field path>: <message>[; allowed: ...]``, every error of the
    file in turn (``|``-separated), so one ``dse validate`` shows them all."""
    parts = []
    for err in exc.errors():
        loc = [p for p in err["loc"] if not (isinstance(p, str) and ("[" in p or p.startswith("function-")))]
        kind = err["type"]
        msg = str(err["msg"])
        msg = msg.removeprefix("Value error, ").removeprefix("Assertion failed, ")
        if kind == "extra_forbidden":
            allowed = _fields_at(model, loc[:-1])
            msg = f"unknown field {str(loc[-1])!r}" + (f"; {_allowed(allowed)}" if allowed else "")
        elif kind == "missing":
            msg = "required field is missing"
        part = f"{_format_loc(loc)}: {msg}"
        if part not in parts:
            parts.append(part)
    return ConfigError(f"{source}: {' | '.join(parts)}")


MAX_CONFIG_BYTES = 1 << 20
"""The largest experiment or sweep file read (1 MiB)."""
MAX_YAML_DEPTH = 64
"""The deepest nesting of mappings and lists a config file may have."""
MAX_YAML_ALIASES = 64
"""The most aliases (``*name``) a config file may use: more is how a small file expands into gigabytes."""


def _check_structure(text: str, source: str) -> None:
    """Refuse nesting deeper than :data:`MAX_YAML_DEPTH` and more than :data:`MAX_YAML_ALIASES` aliases, from the
    parser's events alone (before anything is built or expanded)."""
    depth = aliases = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                line = event.start_mark.line + 1
                raise ConfigError(f"{source}:{line}: nested more than {MAX_YAML_DEPTH} levels deep")
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        elif isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_YAML_ALIASES:
                line = event.start_mark.line + 1
                raise ConfigError(f"{source}:{line}: more than {MAX_YAML_ALIASES} YAML aliases (*name); write the "
                                  "values out")


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader without YAML 1.1 base-60 integers, so a layer slice ``1:8`` stays the text ``1:8``,
    and refusing a key written twice in one mapping (PyYAML keeps the last silently)."""

    def construct_mapping(self, node, deep=False):  # noqa: D102
        seen: dict = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            try:
                first = seen.get(key)
            except TypeError:
                continue  # unhashable key: the base class reports it
            if first is not None:
                raise ConfigError(f"line {key_node.start_mark.line + 1}: key {key!r} is written twice in one "
                                  f"mapping (first on line {first})")
            seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:int"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    re.compile(r"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$"),
    list("-+0123456789"),
)


def load_yaml_text(text: str) -> Any:
    """Parse YAML text safely (no base-60 integers: ``1:8`` is a string)."""
    return yaml.load(text, Loader=_Loader)  # noqa: S506 (a SafeLoader subclass)


def read_yaml(path: str | Path) -> dict[str, Any]:
    """Read a YAML mapping.

    Raises:
        ConfigError: unreadable file, YAML syntax error (with line), or a top level that is not a mapping.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_CONFIG_BYTES:
            raise ConfigError(f"{path}: {size:,} bytes; a config file holds at most {MAX_CONFIG_BYTES:,}")
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text (byte {exc.start}: {exc.reason}); expected a YAML file") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        _check_structure(text, str(path))
        data = load_yaml_text(text)
    except ConfigError as exc:
        msg = str(exc)
        raise ConfigError(msg if msg.startswith(str(path)) else f"{path}:{msg.removeprefix('line ')}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(f"{path}{where}: YAML syntax error: {problem}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a YAML mapping at the top level, got {type(data).__name__}")
    return data


_PATH_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _split_path(key: str) -> list[str | int]:
    parts: list[str | int] = []
    for name, index in _PATH_PART.findall(key):
        if index:
            parts.append(int(index))
        elif name.isdigit():
            parts.append(int(name))
        else:
            parts.append(name)
    return parts


def set_path(data: dict[str, Any], key: str, value: Any, source: str = "--set") -> None:
    """Set ``data[key]`` where ``key`` is a dotted field path (``search.stages[1].method`` or ``search.stages.1.method``).

    Raises:
        ConfigError: an index past the end of a list or a path through a non-container.
    """
    parts = _split_path(key)
    if not parts:
        raise ConfigError(f"{source}: empty field path")
    node: Any = data
    for i, part in enumerate(parts[:-1]):
        nxt = parts[i + 1]
        if isinstance(part, int):
            if not isinstance(node, list) or part >= len(node):
                raise ConfigError(f"{source}: {key}: index [{part}] out of range")
            node = node[part]
        else:
            if not isinstance(node, dict):
                raise ConfigError(f"{source}: {key}: {part!r} is not inside a mapping")
            if node.get(part) is None:
                node[part] = [] if isinstance(nxt, int) else {}
            node = node[part]
    last = parts[-1]
    if isinstance(last, int):
        if not isinstance(node, list) or last > len(node):
            raise ConfigError(f"{source}: {key}: index [{last}] out of range")
        if last == len(node):
            node.append(value)
        else:
            node[last] = value
    else:
        if not isinstance(node, dict):
            raise ConfigError(f"{source}: {key}: {last!r} is not inside a mapping")
        node[last] = value


def parse_overrides(items: Sequence[str]) -> dict[str, Any]:
    """``["key=value", ...]`` -> ``{key: value}`` with each value read as YAML (numbers, lists, null).

    Raises:
        ConfigError: an item without ``=``.
    """
    out: dict[str, Any] = {}
    for item in items:
        if "=" not in item:
            raise ConfigError(f"--set {item!r}: expected key=value (e.g. search.budget=500)")
        key, raw = item.split("=", 1)
        try:
            out[key.strip()] = load_yaml_text(raw)
        except yaml.YAMLError:
            out[key.strip()] = raw
    return out


def _resolve_paths(data: dict[str, Any], base_dir: Path) -> None:
    """Make a relative model-file path relative to the config file's directory when it exists there."""
    wl = data.get("workload")
    if isinstance(wl, dict) and isinstance(wl.get("model"), str):
        model = wl["model"]
        candidate = base_dir / model
        if Path(model).suffix and not Path(model).is_absolute() and not Path(model).exists() and candidate.exists():
            wl["model"] = str(candidate)


def experiment_from_dict(data: Mapping[str, Any], source: str = "<config>",
                         overrides: Mapping[str, Any] | None = None, base_dir: Path | None = None) -> ExperimentConfig:
    """Validate a mapping (with dotted-path ``overrides`` applied) into an :class:`ExperimentConfig`.

    Raises:
        ConfigError: the first schema error, as ``<source>: <field path>: <message>; allowed: ...``.
    """
    data = copy.deepcopy(dict(data))
    for key, value in (overrides or {}).items():
        set_path(data, key, value, source=f"{source}: --set {key}")
    if base_dir is not None:
        _resolve_paths(data, base_dir)
    try:
        return ExperimentConfig.model_validate(data)
    except ValidationError as exc:
        raise _convert(exc, source, ExperimentConfig) from None


def load_experiment(path: str | Path, overrides: Mapping[str, Any] | Sequence[str] | None = None) -> ExperimentConfig:
    """Read and validate an experiment file.

    Args:
        path: the YAML file.
        overrides: ``{dotted.path: value}`` or ``["dotted.path=value", ...]`` (``dse run --set``).

    Raises:
        ConfigError: see :func:`read_yaml` and :func:`experiment_from_dict`; a sweep file given instead.
    """
    path = Path(path)
    data = read_yaml(path)
    if "grid" in data or "base" in data:
        raise ConfigError(f"{path}: this is a sweep file (it has 'base'/'grid'); run it with 'dse sweep'")
    if overrides is not None and not isinstance(overrides, Mapping):
        overrides = parse_overrides(overrides)
    return experiment_from_dict(data, str(path), overrides, base_dir=path.parent)


def load_sweep(path: str | Path, overrides: Mapping[str, Any] | Sequence[str] | None = None
               ) -> tuple[SweepConfig, list[SweepRun]]:
    """Read and validate a sweep file and expand it into runs (each run's config validated).

    ``overrides`` (``--set KEY=VALUE`` items or a mapping) apply to every run, after the file's ``set`` and before
    the grid values.

    Run ids are ``<key>=<value>,...,seed=<n>`` made file-name safe plus a short hash, stable across calls, so
    ``--resume`` recognises finished runs.

    Raises:
        ConfigError: schema errors of the sweep, of its base, or of an expanded run (naming the grid values).
    """
    path = Path(path)
    data = read_yaml(path)
    try:
        sweep = SweepConfig.model_validate(data)
    except ValidationError as exc:
        raise _convert(exc, str(path), SweepConfig) from None
    if isinstance(sweep.base, str):
        base_path = (path.parent / sweep.base) if not Path(sweep.base).is_absolute() else Path(sweep.base)
        base = read_yaml(base_path)
        base_source, base_dir = str(base_path), base_path.parent
    else:
        base, base_source, base_dir = sweep.base, f"{path}: base", path.parent
    extra = parse_overrides(overrides) if isinstance(overrides, (list, tuple)) else dict(overrides or {})
    common = {**sweep.set, **extra}
    experiment_from_dict(base, base_source, common, base_dir)  # the base itself must be valid
    keys = list(sweep.grid)
    runs: list[SweepRun] = []
    seen: set[str] = set()
    for combo in itertools.product(*(sweep.grid[k] for k in keys)):
        params = dict(zip(keys, combo))
        for seed in sweep.seeds:
            run_id = make_run_id(params, seed)
            if run_id in seen:
                continue
            seen.add(run_id)
            where = ", ".join(f"{k}={v}" for k, v in params.items()) or "base"
            run_overrides = {**common, **params, "seed": seed}
            cfg = experiment_from_dict(base, f"{path}: grid run ({where}, seed={seed})", run_overrides, base_dir)
            cfg = cfg.model_copy(update={"name": f"{sweep.name}-{run_id}"[:120]})
            runs.append(SweepRun(run_id, params, seed, cfg))
    return sweep, runs


def make_run_id(params: Mapping[str, Any], seed: int) -> str:
    """A stable, file-name-safe id for grid values and a seed, e.g. ``platform=edge_seed=0_3f2a9c``."""
    text = json.dumps({"params": dict(params), "seed": seed}, sort_keys=True, default=str)
    digest = hashlib.sha1(text.encode()).hexdigest()[:6]
    readable = "_".join(f"{k.split('.')[-1]}={v}" for k, v in params.items())
    readable = re.sub(r"[^A-Za-z0-9_.=\-]", "-", readable)[:80]
    return f"{readable}_seed={seed}_{digest}" if readable else f"seed={seed}_{digest}"


def check_runs(path: str | Path, runs: Sequence[SweepRun]) -> None:
    """Build every distinct problem of a sweep's runs (runs that differ only in their seed share one), check its
    search stages against it and its budgets against the best any design reaches, as :func:`validate_file` does.

    Raises:
        ConfigError: the first error, as one line naming ``path`` and the grid run.
    """
    seen: set[str] = set()
    for run in runs:
        data = run.config.model_dump(mode="json")
        key = json.dumps({k: v for k, v in data.items() if k not in ("name", "seed")}, sort_keys=True, default=str)
        if key in seen:
            continue
        seen.add(key)
        _check_experiment(run.config, f"{path}: grid run {run.run_id}")


def _check_experiment(cfg: ExperimentConfig, where: str) -> None:
    """Build ``cfg``'s problem, check its stages against it and its budgets (:func:`validate_file`); errors name
    ``where``."""
    from npu_dse.run import build_evaluator, build_problem, stage_specs  # npu_dse.run imports this module

    problem = build_problem(cfg, where)
    stage_specs(cfg, problem, where)
    build_evaluator(problem, where)


def validate_file(path: str | Path) -> str:
    """Validate an experiment or sweep file without running it; return a one-line description.

    Beyond the schema, every experiment's problem is built (network and layer subset, design space, objectives,
    constraints: :func:`npu_dse.run.build_problem`), its search stages are checked against it (options, space:
    :func:`npu_dse.run.stage_specs`), and its budgets against the best any design reaches
    (:func:`npu_dse.run.build_evaluator`, which runs the cost model on the space's corner designs).

    Raises:
        ConfigError: the first error found.
    """
    path = Path(path)
    data = read_yaml(path)
    if "base" in data or "grid" in data:
        sweep, runs = load_sweep(path)
        check_runs(path, runs)
        return f"{path}: valid sweep {sweep.name!r} with {len(runs)} run(s)"
    cfg = load_experiment(path)
    _check_experiment(cfg, str(path))
    stages = ", ".join(s.method for s in cfg.search.stages)
    return (f"{path}: valid experiment {cfg.name!r}: {cfg.workload.model} on {cfg.platform or 'no platform'}, "
            f"objectives {', '.join(cfg.objectives)}, stages [{stages}], budget {cfg.search.budget}")


def dump_config(cfg: ExperimentConfig) -> str:
    """The fully resolved config as YAML text (what ``config.yaml`` of a run holds)."""
    return yaml.safe_dump(cfg.model_dump(mode="json"), sort_keys=False)


__all__ = [
    "ConfigError", "ExperimentConfig", "SweepConfig", "SweepRun", "WorkloadConfig", "SpaceConfig", "StageConfig",
    "SearchConfig", "ParameterConfig", "OutputConfig", "load_experiment", "load_sweep", "check_runs", "validate_file",
    "experiment_from_dict", "parse_overrides", "set_path", "read_yaml", "dump_config", "make_run_id",
    "search_methods",
]
