"""Problems and the :class:`Evaluator`: objectives, constraints, platform budgets, cached batched evaluation.

A :class:`Problem` is a network, a :class:`~npu_dse.cost_models.space.DesignSpace`, one or more objectives and
constraints.
An :class:`Evaluator` turns design points into metrics with the MAESTRO-style engine
(:func:`npu_dse.cost_models.maestro.analyze_layer`), vectorised over the points of a batch and cached per
(layer shape, parameter values). Searches and environments share it, so they all count evaluations the same way.

Metrics of a design point (DESIGN.md §4), from per-layer costs:

====================  ==========================================  ==========================================
metric                LP (layer-pipelined)                        LS (layer-sequential)
====================  ==========================================  ==========================================
``latency_cycles``    sum of layer runtimes                       sum of layer runtimes
``energy_pj``         sum                                         sum
``edp``               ``energy_pj * latency_cycles`` (pJ·cycles)  same
``throughput``        inferences/s = clock / slowest stage        inferences/s = clock / latency
``area_mm2``          sum of the sub-accelerators' areas          largest per-layer area
``power_mw``          sum                                         largest
``total_pes``         sum of per-layer PEs                        largest
``buffer_bytes``      sum of per-PE L1 bytes                      largest
``sram_bytes``        sum of on-chip SRAM (PEs x L1 + L2)         largest
``latency_ms``        ``latency_cycles / clock``                  same
``inferences_per_s``  ``throughput``                              same
``macs``              sum of the layers' true MACs                same
``tops_per_w``        ``2 * macs / energy_pj`` (TOPS/W)           same
====================  ==========================================  ==========================================

Under a physical technology (:class:`~npu_dse.cost_models.technology.PhysicalTechnology`) energy and power follow
the physics instead: ``energy_pj`` is the layers' dynamic energy plus the leakage of the provisioned hardware (sum
of the sub-accelerators' leakage in LP, the largest layer's in LS) over ``latency_ms``, and
``power_mw = energy_pj / (latency_ms * 1e6)``. ``*_energy_pj`` metrics (``mac``, ``l1``, ``l2``, ``noc``, ``dram``,
``leakage``) break ``energy_pj`` down and add up to it. Under ``technology: maestro`` they follow the table above.

``buffer_bytes`` follows ConfuciuX's "Bufs" (seed_tables.md): the per-PE L1 scratchpad bytes of each
(sub-)accelerator — the provisioned ``l1_bytes`` when the design sets it, else MAESTRO's L1 requirement.
A design point is feasible when every constraint holds, on every layer provisioned L1/L2 cover the
requirement, and, in a space held to a hardware generator (``DesignSpace.generator``), the generator builds it
(:func:`npu_dse.cost_models.generators.violation`; the violation is named ``generator``).
"""

from __future__ import annotations

import itertools
import logging
import math
import operator
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

import numpy as np

from npu_dse.cost_models import dataflow as dataflow_mod
from npu_dse.cost_models.errors import InfeasibleError, NpuDseError, SpaceError
from npu_dse.cost_models.maestro import ENERGY_COMPONENTS  # the parts of energy_pj, per layer and per design
from npu_dse.cost_models.maestro import pes_needed
from npu_dse.cost_models.space import CONFUCIUX_FIXED_HARDWARE, DesignSpace, preset
from npu_dse.cost_models.technology import AnyTechnology, PhysicalTechnology, default_offchip_bw
from npu_dse.cost_models.technology import resolve as resolve_technology
from npu_dse.cost_models.workload import Layer, Network

log = logging.getLogger(__name__)

OBJECTIVES: dict[str, str] = {
    "latency_cycles": "min",
    "energy_pj": "min",
    "edp": "min",
    "area_mm2": "min",
    "power_mw": "min",
    "throughput": "max",
    "latency_ms": "min",
    "inferences_per_s": "max",
    "tops_per_w": "max",
    "hetero_latency_ms": "min",
}
"""Objective names and their sense. ``hetero_latency_ms`` (the network's latency when its parallel branches also run
on a CPU beside the NPU) is computed by the problem's :attr:`Problem.extra_metrics` (``npu_dse.hetero.objective``)."""

EXTRA_METRIC_OBJECTIVES: tuple[str, ...] = ("hetero_latency_ms",)
"""Objectives that only a :attr:`Problem.extra_metrics` function computes."""

CONSTRAINT_LAYER_COLUMN: dict[str, str] = {"total_pes": "num_pes", "buffer_bytes": "buffer_bytes",
                                           "area_mm2": "area_mm2", "power_mw": "power_mw", "sram_bytes": "sram_bytes"}
"""Constraint metric -> the :data:`LAYER_METRICS` column it combines over layers (sum under LP, max under LS).
Under a physical technology ``power_mw`` is energy over time, not such a combination
(:meth:`Evaluator.layer_limits`)."""

CONSTRAINT_SENSE: dict[str, str] = {**{m: "max" for m in CONSTRAINT_LAYER_COLUMN}, "latency_ms": "max",
                                    "inferences_per_s": "min"}
"""Metrics a constraint may bound, and how: ``max`` (an upper limit) or ``min`` (a floor, ``inferences_per_s``)."""

CONSTRAINT_METRICS: tuple[str, ...] = tuple(CONSTRAINT_SENSE)
"""Metrics a constraint may bound."""

MAPPING_COLUMNS: tuple[str, ...] = ("map_KTileSz", "map_CTileSz", "map_ClusterSz", "map_stationary", "map_variant")
"""Per-layer mapping the layer ran with (chosen by the mapper or set by the design; 0: not used): template constants,
a systolic layer's stationary operand (:data:`npu_dse.cost_models.mapper.STATIONARY` codes; mapper only) and the
template variant it ran (:data:`npu_dse.cost_models.dataflow.VARIANT_CODES`; mapper only, 0: the template)."""

LAYER_METRICS: tuple[str, ...] = (
    "runtime_cycles", "energy_pj", "area_mm2", "power_mw", "l1_req_bytes", "l2_req_bytes", "buffer_bytes",
    "num_pes", "buffers_ok", "sram_bytes", "macs", "leakage_mw", *ENERGY_COMPONENTS, *MAPPING_COLUMNS, "mapping_ok",
)
"""Per-layer quantities the evaluator keeps for each (layer, parameters) pair. ``buffers_ok`` is 1 when the layer's
mapping runs in the design's L1 and L2, ``mapping_ok`` 1 when the layer's dataflow runs on the design's PE array at
all (:meth:`Evaluator.layer_costs`); a layer failing either has ``buffers_ok`` 0, so every consumer that keeps only
runnable options keeps neither."""

STRUCTURAL_VIOLATIONS: tuple[str, ...] = ("buffers", "mapping", "generator")
"""Violations that are not a metric over a limit (an :class:`Evaluation` names them after the metrics): a layer's
mapping does not fit the design's buffers, a layer's dataflow needs more PEs than the design has, the design breaks
its generator's rules. A search's penalty counts each as a relative excess of 1."""

SUMMED_OVER_LAYERS: dict[str, str] = {"latency_cycles": "runtime_cycles", "energy_pj": "energy_pj"}
"""Objectives that are the sum of a per-layer quantity in every mode -> that :data:`LAYER_METRICS` column."""

_HW_KEYS = ("num_pes", "l1_bytes", "l2_bytes", "noc_bw", "offchip_bw", "noc_hops", "noc_hop_latency",
            "simd_lanes", "word_bytes", "clock_mhz", "pe_rows")


@dataclass(frozen=True)
class Platform:
    """A platform preset: the budgets an architect states for a target, and the technology they are stated at.

    ``total_pes`` and ``buffer_bytes`` are ConfuciuX's cloud/edge resource budgets (seed talk, seed_tables.md;
    ``iot`` and ``mobile`` are ours); they bind under MAESTRO's constants (the ConfuciuX space). Under a physical
    technology the budgets are ``area_mm2`` (mm²) and ``power_mw`` (mW), and a config without a ``technology``
    block is priced at the platform's ``node``, ``clock_mhz``, ``word_bits`` and ``dram``. ``resembles`` names the
    published chips whose class the budgets describe.
    """

    name: str
    total_pes: int
    buffer_bytes: int
    description: str
    node: str
    clock_mhz: float
    word_bits: int
    dram: str
    area_mm2: float
    power_mw: float
    resembles: str

    @property
    def technology(self) -> dict[str, Any]:
        """The platform's technology block (``{node, dram}``; :func:`npu_dse.cost_models.technology.resolve`)."""
        return {"node": self.node, "dram": self.dram}


PLATFORMS: dict[str, Platform] = {
    "cloud": Platform("cloud", 4096, 8 * 1024, "Cloud FPGA of the ConfuciuX talk: 4,096 PEs, 8 KiB of L1 in all",
                      "28nm", 700.0, 8, "hbm2", 300.0, 40000.0,
                      "a TPUv1-class inference chip (Jouppi et al., ISCA 2017: 28 nm, 700 MHz, 65,536 8-bit MACs, "
                      "24 MiB of buffer, die at most 331 mm2, 40 W busy)"),
    "edge": Platform("edge", 256, 4 * 1024, "Edge FPGA of the ConfuciuX talk: 256 PEs, 4 KiB of L1 in all", "28nm",
                     800.0, 8, "lpddr4", 4.0, 500.0,
                     "an edge NPU block: Eyeriss (168 PEs, 108 KB, 12.25 mm2 and 278 mW at 65 nm, JSSC 2017) at "
                     "28 nm, with room for several times its PEs"),
    "iot": Platform("iot", 64, 1024, "A microcontroller-class NPU: 64 PEs, 1 KiB of L1 in all", "28nm", 400.0, 8,
                    "lpddr4", 0.5, 50.0,
                    "microcontroller NPUs such as Arm's Ethos-U55 (32-256 8-bit MACs, well under 1 mm2 and "
                    "tens of mW)"),
    "mobile": Platform("mobile", 1024, 16 * 1024, "A phone-SoC NPU: 1,024 PEs, 16 KiB of L1 in all", "22nm", 1000.0,
                       8, "lpddr4", 10.0, 2000.0,
                       "phone-SoC NPUs: a few TOPS of 8-bit MACs in 5-10 mm2 within a 1-3 W budget"),
}


@dataclass(frozen=True)
class Constraint:
    """A limit on a metric (:data:`CONSTRAINT_SENSE`: an upper limit, or a floor for ``inferences_per_s``):
    absolute (``limit``) or, for upper limits, ConfuciuX-style (``ratio``).

    With ``ratio`` r, the limit is ``min + r * (max - min)`` over ConfuciuX's four corner designs (every
    per-layer parameter at its lowest/highest level, in the four combinations of the first two parameters;
    ConfuciuX ``src/ConfX/main.py``).
    """

    metric: str
    limit: float | None = None
    ratio: float | None = None

    def __post_init__(self) -> None:
        if self.metric not in CONSTRAINT_METRICS:
            raise SpaceError(
                f"constraint {self.metric!r}: unknown metric; allowed: {', '.join(CONSTRAINT_METRICS)}"
            )
        if self.ratio is not None and CONSTRAINT_SENSE[self.metric] == "min":
            raise SpaceError(f"constraint {self.metric!r}: a floor takes a 'limit', not a 'ratio'")
        if (self.limit is None) == (self.ratio is None):
            raise SpaceError(f"constraint {self.metric!r}: give exactly one of 'limit' and 'ratio'")
        if self.limit is not None and not (self.limit > 0 and math.isfinite(self.limit)):
            raise SpaceError(f"constraint {self.metric!r}: field 'limit' must be a positive number, got {self.limit}")
        if self.ratio is not None and not 0 <= self.ratio <= 1:
            raise SpaceError(f"constraint {self.metric!r}: field 'ratio' must be in [0, 1], got {self.ratio}")


@dataclass(frozen=True)
class Problem:
    """What to search: a network, a design space, objectives and constraints.

    Build one with :meth:`build` from names (``model="resnet50", platform="edge"``). ``technology`` prices the
    designs (:func:`npu_dse.cost_models.technology.resolve`); ``None`` takes the space's (``maestro`` for the
    ConfuciuX space, whose fixed flags are MAESTRO's, else 28 nm). ``extra_metrics``, when given, adds network
    metrics computed from the per-layer columns (:data:`LAYER_METRICS` -> arrays of shape (num_layers,)) and the
    clock (MHz), e.g. ``hetero_latency_ms``.

    Raises:
        SpaceError: an unknown objective, or one of :data:`EXTRA_METRIC_OBJECTIVES` without ``extra_metrics``.
    """

    network: Network
    space: DesignSpace
    objectives: tuple[str, ...] = ("latency_cycles",)
    constraints: tuple[Constraint, ...] = ()
    platform: str | None = None
    technology: "AnyTechnology | str | None" = None
    extra_metrics: "Callable[[Mapping[str, np.ndarray], float], dict[str, float]] | None" = None

    def __post_init__(self) -> None:
        tech = self.technology if self.technology is not None else self.space.technology
        object.__setattr__(self, "technology", resolve_technology(tech))
        object.__setattr__(self, "objectives", tuple(self.objectives))
        object.__setattr__(self, "constraints", tuple(self.constraints))
        if not self.objectives:
            raise SpaceError("problem: field 'objectives' is empty")
        for o in self.objectives:
            if o not in OBJECTIVES:
                raise SpaceError(f"problem: unknown objective {o!r}; allowed: {', '.join(OBJECTIVES)}")
            if o in EXTRA_METRIC_OBJECTIVES and self.extra_metrics is None:
                raise SpaceError(f"problem: objective {o!r} needs a CPU to run beside the NPU (YAML: hetero: "
                                 "{cpu: a53, sync_us: 50})")

    @property
    def num_layers(self) -> int:
        return len(self.network.layers)

    @classmethod
    def build(
        cls,
        model: str | Network,
        platform: str | None = None,
        space: str | DesignSpace = "confuciux",
        objective: str | Sequence[str] = "latency_cycles",
        constraints: Mapping[str, Any] | None = None,
        technology: "AnyTechnology | str | Mapping[str, Any] | None" = None,
        extra_metrics: "Callable[[Mapping[str, np.ndarray], float], dict[str, float]] | None" = None,
        **space_kwargs: Any,
    ) -> "Problem":
        """A problem from names.

        Args:
            model: a zoo name, a model file path (``npu_dse.cost_models.formats.load_network``), or a :class:`Network`.
            platform: ``iot``, ``edge``, ``mobile``, ``cloud`` (:data:`PLATFORMS`) or None; sets the
                ``area_mm2`` and ``power_mw`` limits under a physical technology, ``total_pes`` and
                ``buffer_bytes`` under MAESTRO's constants.
            space: a preset name (``confuciux``, ``global``) or a :class:`DesignSpace`.
            objective: one objective name or several (multi-objective).
            constraints: metric -> limit (number), ``{"ratio": r}``, or ``"platform"`` (the preset's budget);
                these override the platform's.
            technology: a technology, its name or ``{node, dram}`` (None: the space's).
            extra_metrics: see the class docstring.
            **space_kwargs: passed to the space preset (e.g. ``dataflow="shi"``, ``mode="LS"``).

        Raises:
            WorkloadError: unknown model. SpaceError: unknown platform, space, objective or constraint.
            HardwareError: unknown technology.
        """
        network = model if isinstance(model, Network) else _load_model(model)
        if isinstance(space, str):
            space = preset(space, **space_kwargs)
        objectives = (objective,) if isinstance(objective, str) else tuple(objective)
        specs: dict[str, Any] = {}
        plat = None
        if platform is not None:
            if platform not in PLATFORMS:
                raise SpaceError(f"unknown platform {platform!r}; allowed: {', '.join(PLATFORMS)}")
            plat = PLATFORMS[platform]
            tech = technology if technology is not None else space.technology
            if isinstance(resolve_technology(tech), PhysicalTechnology):  # budgets in mm2 and mW
                specs = {"area_mm2": plat.area_mm2, "power_mw": plat.power_mw}
            else:  # ConfuciuX's resource budgets, under MAESTRO's constants
                specs = {"total_pes": plat.total_pes, "buffer_bytes": plat.buffer_bytes}
        for metric, spec in (constraints or {}).items():
            if spec == "platform":
                if plat is None:
                    raise SpaceError(f"constraint {metric!r}: 'platform' needs a platform")
                spec = getattr(plat, metric)
            specs[metric] = spec
        cons = []
        for metric, spec in specs.items():
            if isinstance(spec, Mapping):
                cons.append(Constraint(metric, limit=spec.get("limit"), ratio=spec.get("ratio")))
            else:
                cons.append(Constraint(metric, limit=float(spec)))
        return cls(network, space, objectives, tuple(cons), platform, technology, extra_metrics)


def _load_model(name: str) -> Network:
    from pathlib import Path

    from npu_dse.cost_models import zoo

    if Path(name).suffix and Path(name).exists():
        from npu_dse.cost_models.formats import load_network

        return load_network(name)
    return zoo.load(name)


@dataclass
class Evaluation:
    """The result of evaluating one design point.

    Attributes:
        point: the design point.
        metrics: every metric of the module table (floats; units in the names; ``throughput`` in inferences/s).
        feasible: all constraints hold and provisioned buffers cover every layer's requirement.
        violations: names of the failed constraints (``buffers`` for an uncovered L1/L2 requirement).
        layers: per-layer arrays (shape (num_layers,)) of :data:`LAYER_METRICS`.
    """

    point: dict[str, Any]
    metrics: dict[str, float]
    feasible: bool
    violations: tuple[str, ...]
    layers: dict[str, np.ndarray] = field(repr=False, default_factory=dict)

    def objective(self, name: str) -> float:
        """The value of objective ``name`` as a cost to minimise (throughput negated)."""
        v = self.metrics[name]
        return -v if OBJECTIVES[name] == "max" else v


class Evaluator:
    """Evaluates design points of a :class:`Problem`, caching per (layer shape, parameters) and counting.

    Args:
        problem: the problem.
        cache: keep per-layer costs (a search sees the cached rate).
        check_budget: raise :class:`InfeasibleError` at construction when no design point can meet a constraint.

    Attributes:
        n_evaluations: design points evaluated (the search-budget unit).
        n_cost_model_calls: layer evaluations computed by the cost model (cache misses).
        n_cache_hits: layer evaluations answered from the cache.
        limits: resolved absolute constraint limits, metric -> value.

    Raises:
        InfeasibleError: the budget cannot be met (message names the constraint, its limit and the smallest
            achievable value). SpaceError: a space parameter does not apply (e.g. unknown dataflow).
    """

    def __init__(self, problem: Problem, cache: bool = True, check_budget: bool = True) -> None:
        self.problem = problem
        self.technology = problem.technology
        self.physical = isinstance(self.technology, PhysicalTechnology)
        self.space = problem.space
        self.network = problem.network
        self.layers: tuple[Layer, ...] = problem.network.layers
        self.num_layers = len(self.layers)
        self.cache_enabled = cache
        # the result cache: (parameter names (sorted), layer shape id) -> {parameter values: row of self._rows}
        self._cache: dict[tuple, dict[tuple, int]] = {}
        self._rows = np.empty((0, len(LAYER_METRICS)))
        self._n_rows = 0
        self._layer_keys = [_layer_key(layer) for layer in self.layers]
        first: dict[tuple, int] = {}
        self._layer_ids = [first.setdefault(k, i) for i, k in enumerate(self._layer_keys)]  # equal shapes share
        self.n_evaluations = 0
        self.n_cost_model_calls = 0
        self.n_cache_hits = 0
        known = set(dataflow_mod.names())
        dataflows = {self.space.dataflow}
        for p in self.space.parameters:
            if p.is_categorical:
                dataflows |= set(p.values)
        bad = sorted(d for d in dataflows - known if not dataflow_mod.is_file_name(d))
        if bad:
            raise SpaceError(f"unknown dataflow(s) {bad}; allowed: {', '.join(sorted(known))}, or a MAESTRO "
                             "dataflow file (.m)")
        for d in sorted(dataflows - known - set(bad)):
            dataflow_mod.get(d)  # a dataflow file: read now, so a bad one is refused before any search
        self.limits: dict[str, float] = {}
        for c in problem.constraints:
            self.limits[c.metric] = c.limit if c.limit is not None else self._ratio_limit(c)
        if check_budget:
            self.check_budget()

    # ------------------------------------------------------------------ per-layer costs
    def layer_costs(self, layer: int, params: Sequence[Mapping[str, Any]]) -> dict[str, np.ndarray]:
        """Costs of one layer under many parameter sets, vectorised and cached.

        Args:
            layer: layer index.
            params: parameter dicts (hardware fields, ``dataflow``, constants) as :meth:`DesignSpace.layer_params`
                gives them.

        Returns:
            :data:`LAYER_METRICS` -> array of shape (len(params),).

        A parameter set whose dataflow cannot run the layer on its PE array (the template's clusters need more PEs
        than it has, :func:`~npu_dse.cost_models.maestro.pes_needed`; MAESTRO divides by zero) is not an error of the
        space: its row has ``mapping_ok`` and ``buffers_ok`` 0 (the design is infeasible, violation ``mapping``) and
        the costs of the same layer on the smallest array the dataflow runs it on, which give a search a finite
        penalty and the budget checks the least any runnable design needs.
        """
        arr = self._rows_of(layer, params)
        return {m: arr[:, i] for i, m in enumerate(LAYER_METRICS)}

    @staticmethod
    def _param_keys(plist: Sequence[Mapping[str, Any]]) -> tuple[tuple | None, list]:
        """Cache keys of parameter dicts: ``(names, values per dict)`` when every dict has the same keys (values in
        the order of the sorted names), else ``(None, [(names, values) per dict])``. Two dicts get equal keys
        exactly when they are equal."""
        names = tuple(sorted(plist[0]))
        k = len(names)
        if k > 1 and set(map(len, plist)) == {k}:
            try:  # k keys each, all of the first dict's: the same names
                return names, list(map(operator.itemgetter(*names), plist))
            except KeyError:
                pass
        keys = []
        for p in plist:
            nm = tuple(sorted(p))
            keys.append((nm, tuple(p[x] for x in nm)))
        return None, keys

    def _store(self, table: np.ndarray) -> int:
        """Append rows to the cache's row store; returns the index of the first."""
        need = self._n_rows + len(table)
        if need > len(self._rows):
            grown = np.empty((max(need, 2 * len(self._rows), 1024), len(LAYER_METRICS)))
            grown[:self._n_rows] = self._rows[:self._n_rows]
            self._rows = grown
        start = self._n_rows
        self._rows[start:need] = table
        self._n_rows = need
        return start

    def _layer_rows(self, requests: Sequence[tuple[int, Mapping[str, Any]]]) -> np.ndarray:
        """Rows of :data:`LAYER_METRICS` for (layer index, parameters) requests, shape (len(requests), metrics)."""
        return self._rows_of([i for i, _ in requests], [p for _, p in requests])

    def _rows_of(self, layers: "int | Sequence[int]", plist: Sequence[Mapping[str, Any]]) -> np.ndarray:
        """Rows of :data:`LAYER_METRICS` for parameter dicts ``plist`` on ``layers`` (one index for all, or one per
        dict), shape (len(plist), metrics).

        The cache is looked up per layer shape in one pass over the dicts (C-level ``map``), and cached rows are
        gathered with one numpy ``take``; the distinct misses are computed grouped by (layer, dataflow), one engine
        call per group, in the order they first occur."""
        n = len(plist)
        out = np.empty((n, len(LAYER_METRICS)))
        if n == 0:
            return out
        ids = self._layer_ids
        if isinstance(layers, (int, np.integer)):
            by_id = {ids[layers]: None}  # None: every dict
            layer_of = itertools.repeat(int(layers))
        else:
            by_id = {}
            for j, i in enumerate(layers):
                by_id.setdefault(ids[i], []).append(j)
            layer_of = layers
        miss: list[tuple[int, tuple]] = []  # (request, cache key)
        for lid, js in by_id.items():
            group = plist if js is None else [plist[j] for j in js]
            names, keys = self._param_keys(group)
            m = len(group)
            found = None
            if self.cache_enabled and names is not None:
                index = self._cache.get((names, lid))
                if index:
                    found = np.fromiter(map(index.get, keys, itertools.repeat(-1)), dtype=np.int64, count=m)
            elif self.cache_enabled:
                found = np.fromiter((self._cache.get((nm, lid), {}).get(v, -1) for nm, v in keys),
                                    dtype=np.int64, count=m)
            if found is None:
                found = np.full(m, -1, dtype=np.int64)
            hit = found >= 0
            n_hits = int(np.count_nonzero(hit))
            self.n_cache_hits += n_hits
            if n_hits == n:
                return self._rows.take(found, axis=0)
            if n_hits:
                at = np.flatnonzero(hit) if js is None else np.asarray(js)[hit]
                out[at] = self._rows.take(found[hit], axis=0)
            for g in np.flatnonzero(~hit).tolist():
                key = (names, lid, keys[g]) if names is not None else (keys[g][0], lid, keys[g][1])
                miss.append((g if js is None else js[g], key))
        if not miss:
            return out
        if len(by_id) > 1:
            miss.sort(key=lambda t: t[0])
        # group the distinct misses by (layer, dataflow) and call the engine once per group
        misses: dict[tuple, list[int]] = {}
        for j, key in miss:
            misses.setdefault(key, []).append(j)
        layer_of = list(itertools.islice(layer_of, n)) if not isinstance(layer_of, list) else layer_of
        groups: dict[tuple, list[tuple]] = {}
        for key, js in misses.items():
            params = plist[js[0]]
            groups.setdefault((layer_of[js[0]], params.get("dataflow", self.space.dataflow)), []).append(key)
        for (layer_idx, dataflow), gkeys in groups.items():
            table = self._compute(self.layers[layer_idx], dataflow, [plist[misses[k][0]] for k in gkeys])
            if self.cache_enabled:
                start = self._store(table)
                for r, (nm, lid, v) in enumerate(gkeys):
                    self._cache.setdefault((nm, lid), {})[v] = start + r
            rep = [r for r, k in enumerate(gkeys) for _ in misses[k]]
            out[[j for k in gkeys for j in misses[k]]] = table[rep]
        return out

    def _compute(self, layer: Layer, dataflow: str, plist: Sequence[Mapping[str, Any]], grown: bool = False
                 ) -> np.ndarray:
        """Rows of :data:`LAYER_METRICS` for ``plist`` on ``layer`` under ``dataflow`` (one engine call, or two when
        some points' PE arrays are too small for the dataflow: those are costed on the array it needs, ``grown``,
        and marked, :meth:`layer_costs`)."""
        from npu_dse.cost_models.hardware import HardwareBatch
        from npu_dse.cost_models.maestro import analyze_layer
        from npu_dse.cost_models.mapper import best_mapping, mapping_keys

        if not grown:
            need, have = self._pes_needed(layer, dataflow, plist)
            short = need > have
            if short.any():
                table = np.empty((len(plist), len(LAYER_METRICS)))
                fits = np.flatnonzero(~short)
                if fits.size:
                    table[fits] = self._compute(layer, dataflow, [plist[j] for j in fits])
                bigger = [{**plist[j], "num_pes": int(need[j]), **({"pe_rows": 0} if "pe_rows" in plist[j] else {})}
                          for j in np.flatnonzero(short)]
                rows = self._compute(layer, dataflow, bigger, grown=True)
                rows[:, LAYER_METRICS.index("buffers_ok")] = 0.0
                rows[:, LAYER_METRICS.index("mapping_ok")] = 0.0
                table[short] = rows
                return table

        n = len(plist)
        hw_fields: dict[str, Any] = {}
        for key in _HW_KEYS:
            vals = [p.get(key) for p in plist]
            if all(v is None for v in vals):
                continue
            if any(v is None for v in vals):
                raise SpaceError(f"hardware field {key!r} set for some design points and not for others")
            hw_fields[key] = np.asarray(vals)
        const_names = sorted({k for p in plist for k in p if k[:1].isupper()})
        constants = {c: np.asarray([int(p[c]) for p in plist]) for c in const_names}
        try:
            hw = HardwareBatch.from_arrays(**hw_fields)
            if self.space.mapper:
                given = [{c: int(p[c]) for c in const_names if c in p} for p in plist]
                cost, chosen = best_mapping(layer, dataflow, hw, given, self.space.mapper,
                                            self.problem.objectives[0], self.technology)
            else:
                cost = analyze_layer(layer, dataflow, hw, constants=constants or None, technology=self.technology)
                chosen = [{c: int(p[c]) for c in const_names if c in p} for p in plist]
        except NpuDseError as exc:
            raise type(exc)(f"{exc} (layer {layer.name!r}, design {dict(plist[0])})") from exc
        used = mapping_keys(dataflow)
        mapping = [np.asarray([float(ch.get(c[4:], 0)) if c[4:] in used else 0.0 for ch in chosen])
                   for c in MAPPING_COLUMNS]
        self.n_cost_model_calls += n
        l1_req = np.asarray(cost.l1_req_bytes, dtype=np.float64)
        l1 = hw_fields.get("l1_bytes")
        buffer = l1_req if l1 is None else l1.astype(np.float64)
        cols = (
            np.asarray(cost.runtime_cycles, dtype=np.float64),
            np.asarray(cost.energy_pj, dtype=np.float64),
            np.asarray(cost.area_um2, dtype=np.float64) / 1e6,
            np.asarray(cost.power_mw, dtype=np.float64),
            l1_req,
            np.asarray(cost.l2_req_bytes, dtype=np.float64),
            buffer,
            np.asarray(hw.num_pes, dtype=np.float64) * np.ones(n),
            np.asarray(cost.feasible, dtype=np.float64),
            np.asarray(cost.sram_bytes, dtype=np.float64),
            np.asarray(cost.macs, dtype=np.float64),
            np.asarray(cost.leakage_mw, dtype=np.float64),
            *(np.asarray(getattr(cost, c), dtype=np.float64) if self.physical or c != "dram_energy_pj"
              else np.zeros(n) for c in ENERGY_COMPONENTS),  # MAESTRO's energy holds no DRAM term
            *mapping,
            np.ones(n),
        )
        table = np.stack([np.broadcast_to(c, (n,)) for c in cols], axis=1)
        if not np.all(np.isfinite(table)):
            bad = int(np.argmax(~np.all(np.isfinite(table), axis=1)))
            raise NpuDseError(f"cost model returned a non-finite value for layer {layer.name!r}, design {plist[bad]}")
        return table

    def _pes_needed(self, layer: Layer, dataflow: str, plist: Sequence[Mapping[str, Any]]
                    ) -> tuple[np.ndarray, np.ndarray]:
        """Per parameter set: the PEs the dataflow's clusters take on ``layer`` (with the mapper, at the smallest
        candidate of each constant it chooses, the choice needing fewest) and the PEs the set has; int arrays of
        shape (len(plist),)."""
        have = np.fromiter((int(p["num_pes"]) for p in plist), dtype=np.int64, count=len(plist))
        if not dataflow_mod.get(dataflow).constants:  # the clusters depend on the layer alone
            return np.full(len(plist), pes_needed(layer, dataflow, None, 1), dtype=np.int64), have
        mapper = self.space.mapper or {}
        least = {c: min(v) for c, v in mapper.items()}
        # with the mapper a layer may run a variant of the template instead, whichever takes fewest PEs
        runs = (dataflow, *(dataflow_mod.VARIANTS.get(dataflow_mod.get(dataflow).name, ()) if mapper else ()))
        memo: dict[tuple, int] = {}
        need = np.empty(len(plist), dtype=np.int64)
        for j, p in enumerate(plist):
            pes = int(have[j])
            consts = {**least, **{c: int(v) for c, v in p.items() if c[:1].isupper()}}
            key = (pes, tuple(sorted(consts.items())))
            if key not in memo:
                memo[key] = min(pes_needed(layer, d, consts, pes) for d in runs)
            need[j] = memo[key]
        return need, have

    # ------------------------------------------------------------------ design points
    def evaluate(self, point: Mapping[str, Any]) -> Evaluation:
        """Evaluate one design point (see :meth:`evaluate_batch`)."""
        return self.evaluate_batch([point])[0]

    def evaluate_batch(self, points: Sequence[Mapping[str, Any]], validate: bool = True) -> list[Evaluation]:
        """Evaluate design points; each counts once towards :attr:`n_evaluations`.

        Raises:
            SpaceError: a point is not in the space (fine ranges allowed).
        """
        L = self.num_layers
        if validate:
            for p in points:
                self.space.validate_point(p, L, fine=True)
        requests = [(i, self.space.layer_params(p, i)) for p in points for i in range(L)]
        rows = np.asarray(self._layer_rows(requests), dtype=np.float64).reshape(len(points), L, len(LAYER_METRICS))
        self.n_evaluations += len(points)
        return [self._aggregate(dict(p), rows[k], self._clock_mhz(p)) for k, p in enumerate(points)]

    def _clock_mhz(self, point: Mapping[str, Any]) -> float:
        return float(point.get("clock_mhz", self.space.fixed.get("clock_mhz", 1000.0)))

    def aggregate_metrics(self, layer_table: np.ndarray, clock_mhz: float = 1000.0) -> dict[str, float]:
        """Network metrics from per-layer rows (shape (num_layers, len(LAYER_METRICS))), per the module table."""
        col = {m: layer_table[:, i] for i, m in enumerate(LAYER_METRICS)}
        metrics = network_metrics(col, self.space.mode, clock_mhz, self.physical)
        if self.problem.extra_metrics is not None:
            metrics.update(self.problem.extra_metrics(col, clock_mhz))
        return metrics

    @property
    def layer_limits(self) -> dict[str, float]:
        """The upper limits that combine over layers (sum under LP, max under LS; :data:`CONSTRAINT_LAYER_COLUMN`),
        which per-layer searches can track layer by layer; under a physical technology ``power_mw`` is not one."""
        return {m: lim for m, lim in self.limits.items()
                if m in CONSTRAINT_LAYER_COLUMN and not (self.physical and m == "power_mw")}

    def violations(self, metrics: Mapping[str, float]) -> tuple[str, ...]:
        """The constraints ``metrics`` break (upper limits exceeded, floors not reached), in constraint order."""
        tol = 1 + 1e-12
        return tuple(m for m, lim in self.limits.items()
                     if (metrics[m] > lim * tol if CONSTRAINT_SENSE[m] == "max" else metrics[m] * tol < lim))

    def _aggregate(self, point: dict[str, Any], table: np.ndarray, clock_mhz: float) -> Evaluation:
        metrics = self.aggregate_metrics(table, clock_mhz)
        violations = list(self.violations(metrics))
        runs = table[:, LAYER_METRICS.index("mapping_ok")] > 0
        if not np.all(runs):
            violations.append("mapping")
        if not np.all(table[runs, LAYER_METRICS.index("buffers_ok")] > 0):
            violations.append("buffers")
        if self.space.generator is not None:
            from npu_dse.cost_models.generators import violation

            design = self.space.layer_params(point, 0)
            if design.get("offchip_bw") is None:  # as best.json states it: the technology's DRAM bandwidth
                design["offchip_bw"] = float(default_offchip_bw(self.technology, clock_mhz,
                                                                design.get("word_bytes", 1)))
            if violation(self.space.generator, design) is not None:
                violations.append("generator")
        layers = {m: table[:, i].copy() for i, m in enumerate(LAYER_METRICS)}
        return Evaluation(point, metrics, not violations, tuple(violations), layers)

    # ------------------------------------------------------------------ budgets
    def corner_metrics(self, which: Mapping[str, str] | str) -> dict[str, float]:
        """Metrics of a corner design (every parameter at its lowest/highest level, ``"min"``/``"max"``, or per
        parameter); not counted as an evaluation.

        Raises:
            NpuDseError: the cost model refuses the design (the message names the layer and the design).
        """
        return self._point_metrics(self.space.corner(self.num_layers, which))

    def _point_metrics(self, point: Mapping[str, Any]) -> dict[str, float]:
        requests = [(i, self.space.layer_params(point, i)) for i in range(self.num_layers)]
        table = np.asarray(self._layer_rows(requests), dtype=np.float64)
        return self.aggregate_metrics(table, self._clock_mhz(point))

    def _corners_per_category(self, side: str) -> list[dict[str, float]]:
        """Metrics of the ``side`` corner with every combination of the categorical parameters' values (a
        dataflow is not ordered, so no one value is its corner)."""
        cats = [p for p in self.space.parameters if p.is_categorical]
        base = self.space.corner(self.num_layers, side)
        out = []
        for combo in itertools.product(*[p.values for p in cats]):
            point = dict(base)
            for p, v in zip(cats, combo):
                point[p.name] = tuple([v] * self.num_layers) if p.scope == "per_layer" else v
            out.append(self._point_metrics(point))
        return out

    def _ratio_limit(self, c: Constraint) -> float:
        params = [p.name for p in self.space.parameters if not p.is_categorical][:2]
        combos = [dict(zip(params, sides)) for sides in itertools.product(("min", "max"), repeat=len(params))]
        values = [self.corner_metrics(w)[c.metric] for w in combos] or [self.corner_metrics("min")[c.metric]]
        lo, hi = min(values), max(values)
        return lo + (hi - lo) * float(c.ratio)  # type: ignore[arg-type]

    def lower_bounds(self, max_options: int = 4096) -> dict[str, float]:
        """The best value any design reaches for each constraint metric: the smallest for an upper limit, the
        largest for a floor (``inferences_per_s``).

        When each layer's coarse options (the product of all parameters' levels) number at most ``max_options``,
        every option of every layer is evaluated and the bounds are proven: per layer the best option, combined
        (sum for LP, max for LS; latency always sums; throughput is set by the slowest stage in LP). Otherwise
        the all-minimum corner design gives the resource metrics and the all-maximum corner latency and
        throughput, which assumes more resources never cost less and never run slower; a categorical parameter
        (the dataflow) has no corner, so each corner is taken at every combination of its values and the best
        kept. Physical ``power_mw`` (energy over time, no per-layer combination) is always the smallest of the
        corners': an estimate.
        """
        per_layer_opts = 1
        for p in self.space.parameters:
            per_layer_opts *= p.n_levels
        los, his = self._corners_per_category("min"), self._corners_per_category("max")
        out = {k: min(m[k] for m in los) for k in CONSTRAINT_LAYER_COLUMN}
        out["latency_ms"] = min(m["latency_ms"] for m in his)
        out["inferences_per_s"] = max(m["inferences_per_s"] for m in his)
        if per_layer_opts <= max_options:
            options = [dict(zip([p.name for p in self.space.parameters], combo))
                       for combo in itertools.product(*[p.values for p in self.space.parameters])]
            mins: dict[str, list[float]] = {k: [] for k in (*CONSTRAINT_LAYER_COLUMN, "runtime_cycles")}
            base_point = self.space.corner(self.num_layers, "min")
            per_layer = {p.name for p in self.space.parameters if p.scope == "per_layer"}
            points = [{**base_point, **{k: (tuple([v] * self.num_layers) if k in per_layer else v)
                                        for k, v in o.items()}} for o in options]
            for i in range(self.num_layers):  # through layer_params: a PE array's rows x columns make its count
                costs = self.layer_costs(i, [self.space.layer_params(pt, i) for pt in points])
                runs = costs["mapping_ok"] > 0  # options whose dataflow cannot run the layer are no design's
                for k, c in (*CONSTRAINT_LAYER_COLUMN.items(), ("runtime_cycles", "runtime_cycles")):
                    mins[k].append(float(costs[c][runs].min()))
            red = sum if self.space.mode == "LP" else max
            out.update({k: float(red(mins[k])) for k in CONSTRAINT_LAYER_COLUMN})
            clock = self._clock_mhz(base_point)
            rt = mins["runtime_cycles"]
            out["latency_ms"] = sum(rt) / (clock * 1e3)
            out["inferences_per_s"] = clock * 1e6 / (max(rt) if self.space.mode == "LP" else sum(rt))
        if self.physical:
            out["power_mw"] = min(m["power_mw"] for m in (*los, *his))
        return out

    def check_budget(self) -> None:
        """Raise :class:`InfeasibleError` if no design of the space runs every layer (:meth:`check_runnable`) or
        some constraint is beyond the best value any design reaches."""
        self.check_runnable()
        if not self.limits:
            return
        bounds = self.lower_bounds()
        for metric, limit in self.limits.items():
            best = bounds[metric]
            upper = CONSTRAINT_SENSE[metric] == "max"
            if ((best > limit * (1 + 1e-12)) if upper else (best * (1 + 1e-12) < limit)) \
                    and metric in ("latency_ms", "inferences_per_s"):
                best = self._proven_speed_bound(metric, best)
            if (best > limit * (1 + 1e-12)) if upper else (best * (1 + 1e-12) < limit):
                need = "needs" if upper else "reaches at most"
                raise InfeasibleError(
                    f"infeasible budget: constraint {metric!r} = {limit:g} cannot be met; the best design of "
                    f"this space {need} {best:g} ({self.space.mode}, network {self.network.name!r})"
                    f"{self._units_hint(metric)}"
                )

    def check_runnable(self) -> None:
        """Raise :class:`InfeasibleError` if no design of the space can run every layer: for each combination of
        the categorical parameters (the dataflows), the design with the most PEs and the smallest template
        constants (whose clusters take fewest PEs) has a layer its dataflow cannot run (:meth:`layer_costs`;
        resolved from the templates, no cost-model call). The message names the layer, the dataflow, the PEs it
        needs and the most the space has."""
        cats = [p for p in self.space.parameters if p.is_categorical]
        side = {p.name: "min" if p.name[:1].isupper() else "max" for p in self.space.parameters}
        base = self.space.corner(self.num_layers, side)
        short = None
        for combo in itertools.product(*[p.values for p in cats]):
            point = dict(base)
            for p, v in zip(cats, combo):
                point[p.name] = tuple([v] * self.num_layers) if p.scope == "per_layer" else v
            params = [self.space.layer_params(point, i) for i in range(self.num_layers)]
            for i, p in enumerate(params):
                dataflow = p.get("dataflow", self.space.dataflow)
                need, have = self._pes_needed(self.layers[i], dataflow, [p])
                if need[0] > have[0]:
                    short = short or (self.layers[i], dataflow, int(need[0]), int(have[0]))
                    break
            else:
                return
        layer, dataflow, need, have = short  # type: ignore[misc]
        raise InfeasibleError(
            f"no design of this space runs every layer: layer {layer.name!r} under dataflow {dataflow!r} needs "
            f"{need} PEs (its template's clusters), and the space has at most {have} "
            f"({self.space.mode}, network {self.network.name!r}); allow more PEs or another dataflow")

    def _units_hint(self, metric: str) -> str:
        """Why an area or power bound may be far off a node's scale: MAESTRO's constants, or ConfuciuX's NoC."""
        if metric not in ("area_mm2", "power_mw", "sram_bytes", "buffer_bytes", "total_pes"):
            return ""
        if metric not in ("area_mm2", "power_mw"):
            return self._lowest_levels_hint()
        if not self.physical:
            why = "under technology 'maestro' (the ConfuciuX preset's) area and power are MAESTRO's constants, not a " \
                  "process node's"
        elif self.space.fixed.get("noc_bw") == CONFUCIUX_FIXED_HARDWARE["noc_bw"]:
            why = f"the space fixes ConfuciuX's NoC of {CONFUCIUX_FIXED_HARDWARE['noc_bw']:,} elements/cycle, whose " \
                  "wiring no chip holds"
        else:
            return self._lowest_levels_hint()
        return f"; {why}: for a design in mm2 and mW use space.preset: global with a platform or a technology node"

    def _lowest_levels_hint(self) -> str:
        """Where a resource budget is below what the space's smallest design needs: its lowest numeric levels, and
        the field that lowers them."""
        low = [f"{p.name} {p.values[0]:g}" for p in self.space.parameters
               if not p.is_categorical and p.scope == "global"]
        if not low:
            return ""
        return f"; the space's lowest levels are {', '.join(low)}: lower ones go in space.parameters"


    def _proven_speed_bound(self, metric: str, estimate: float) -> float:
        """The best ``latency_ms`` or ``inferences_per_s`` any design reaches, proven
        (:func:`npu_dse.cost_models.bounds.runtime_floor`), where :meth:`lower_bounds`' corner ``estimate`` says a
        speed budget cannot be met: its corners assume more resources never run slower, which a larger systolic array
        (longer fill and drain) breaks. The coarse levels at the largest resources are tried first: if they reach
        the budget it is not refused (their value is returned). Falls back to no bound (0 ms, infinite rate) where
        the floor does not apply (a searched clock, too many options), so a budget is refused only when no design
        can meet it."""
        from npu_dse.cost_models.bounds import NotApplicable, runtime_floor

        searched = {p.name for p in self.space.parameters}
        reduce = "max" if metric == "inferences_per_s" and self.space.mode == "LP" else "sum"
        clock = self._clock_mhz(self.space.corner(self.num_layers, "min"))
        limit = self.limits[metric]
        try:
            if "clock_mhz" in searched:
                raise NotApplicable("the clock is searched")
            # the coarse levels at the largest resources first (fast): if they reach the budget, do not refuse
            for fine in (False, True):
                cycles = runtime_floor(self, budgets=False, reduce=reduce, fine=fine)
                best = cycles / (clock * 1e3) if metric == "latency_ms" else clock * 1e6 / cycles
                if (best <= limit * (1 + 1e-12)) if metric == "latency_ms" else (best * (1 + 1e-12) >= limit):
                    return best
            return best
        except NotApplicable as why:
            log.info("speed budget %s: corner estimate %g not proven (%s); not refused", metric, estimate, why)
            return 0.0 if metric == "latency_ms" else float("inf")


def network_metrics(col: Mapping[str, np.ndarray], mode: str, clock_mhz: float, physical: bool) -> dict[str, float]:
    """Network metrics from per-layer columns, per the module table.

    Args:
        col: :data:`LAYER_METRICS` name -> array of shape (num_layers,) (``buffers_ok``, ``l1_req_bytes`` and
            ``l2_req_bytes`` are not needed).
        mode: ``LP`` (one sub-accelerator per layer) or ``LS`` (one accelerator for every layer).
        clock_mhz: clock frequency, MHz.
        physical: energy and power by a physical technology (leakage over the whole run; power = energy / time).

    Returns:
        metric name -> value (units in the names; ``throughput`` and ``inferences_per_s`` in inferences/s, 0 for a
        run of zero cycles, as ``power_mw``).
    """
    latency = float(col["runtime_cycles"].sum())
    energy = float(col["energy_pj"].sum())
    red = np.sum if mode == "LP" else np.max
    stage = float(col["runtime_cycles"].max()) if mode == "LP" else latency
    latency_ms = latency / (clock_mhz * 1e3)
    # zero cycles only from MAESTRO's own numbers (compat: a mapping MAESTRO runs in no iteration); no rate then
    throughput = clock_mhz * 1e6 / stage if stage > 0 else 0.0
    out = {
        "latency_cycles": latency,
        "energy_pj": energy,
        "edp": energy * latency,
        "throughput": throughput,
        **{metric: float(red(col[c])) for metric, c in CONSTRAINT_LAYER_COLUMN.items()},
        "latency_ms": latency_ms,
        "inferences_per_s": throughput,
        "macs": float(col["macs"].sum()),
        **{c: float(col[c].sum()) for c in ENERGY_COMPONENTS},
    }
    if physical:
        leakage = float(red(col["leakage_mw"])) * latency_ms * 1e6
        energy = float((col["energy_pj"] - col["leakage_energy_pj"]).sum()) + leakage
        out.update(energy_pj=energy, edp=energy * latency, leakage_energy_pj=leakage,
                   power_mw=energy / (latency_ms * 1e6) if latency_ms > 0 else 0.0)
    out["tops_per_w"] = 2.0 * out["macs"] / energy if energy > 0 else 0.0
    return out


def energy_by_component(metrics: Mapping[str, float]) -> dict[str, float]:
    """``{"mac", "l1", "l2", "noc", "dram", "leakage"}`` -> pJ, from metrics holding :data:`ENERGY_COMPONENTS`."""
    return {c[:-len("_energy_pj")]: float(metrics[c]) for c in ENERGY_COMPONENTS}


def _layer_key(layer: Layer) -> tuple:
    return (layer.op.value, layer.N, layer.K, layer.C, layer.Y, layer.X, layer.R, layer.S, layer.stride,
            layer.padding, layer.groups, layer.repeat)


def _params_key(params: Mapping[str, Any]) -> tuple:
    return tuple(sorted(params.items()))
