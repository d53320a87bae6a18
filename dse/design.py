"""The design document (``best.json``): the chosen accelerator, its per-layer assignment, metrics and raw point.

Schema ``npu-dse/design`` version 1 (read by ``dse export`` and by the RNN processor's
``ProcessorConfig.from_design``)::

    {"schema": "npu-dse/design", "version": 1, "network": "mnist_lstm", "platform": "edge", "mode": "LP",
     "design": {"num_pes": 64, "l1_bytes": 1024, "l2_bytes": 65536, "noc_bw": 64, "offchip_bw": 16,
                "simd_lanes": 1, "word_bytes": 1, "clock_mhz": 1000.0, "dataflow": "dla",
                "constants": {"KTileSz": 4}},
     "per_layer": [{"layer": "conv1", "num_pes": 16, "l1_bytes": 12, "l2_bytes": 300, "dataflow": "dla",
                    "constants": {"KTileSz": 3}, "runtime_cycles": 1.2e5, "energy_pj": 3.4e6}, ...] | null,
     "metrics": {"latency_cycles": ..., "energy_pj": ..., "area_mm2": ..., "power_mw": ..., ...},
     "point": {"num_pes": [16, ...], "KTileSz": [3, ...]}}

``design`` always describes the whole accelerator, for one accelerator (global, LS) with its PE array's ``pe_rows``
and ``pe_cols`` (the rows the design sets, else the squarest array of its PEs), with the ``technology`` it was costed at (``maestro`` or a node,
and then its ``dram`` preset), for a systolic dataflow the ``acc_bytes`` of its accumulator SRAM
(:func:`npu_dse.cost_models.systolic.accumulator_bytes`, charged under a physical technology) and, when the space
runs the mapper, the ``mapping`` chosen for each layer (``layer``, ``dataflow``, ``constants``; for a systolic
dataflow ``stationary``, ``weight``/``output``/``input``, and ``spatial``, the dimensions on rows x columns;
``runtime_cycles`` and ``utilization``):

- global designs (no per-layer parameter): the values themselves; ``per_layer`` is null;
- ``LP`` (layer-pipelined: one sub-accelerator per layer): ``num_pes`` and ``l2_bytes`` are sums over the layers
  (every sub-accelerator has its own PEs and global buffer); ``l1_bytes`` (per PE) and per-layer constants are the
  largest any layer needs;
- ``LS`` (layer-sequential: one accelerator sized for the largest layer): the maxima over layers.

Unset buffer sizes are the cost model's requirements (``l1_req_bytes``, ``l2_req_bytes``: MAESTRO's convention,
DESIGN.md §3); other unset hardware fields come from the space's ``fixed`` values, else the
:class:`npu_dse.cost_models.hardware.Hardware` defaults; an ``offchip_bw`` left to the technology is written as the
value it had (the DRAM preset's peak at the clock, or MAESTRO's 70,000).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any, Mapping

import numpy as np

from npu_dse.cost_models.errors import FormatError

DESIGN_SCHEMA = "npu-dse/design"
DESIGN_VERSION = 1
DESIGN_FIELDS: tuple[str, ...] = ("num_pes", "l1_bytes", "l2_bytes", "noc_bw", "offchip_bw", "simd_lanes",
                                  "word_bytes", "clock_mhz")
"""Hardware fields of ``design`` (names and units of :class:`npu_dse.cost_models.hardware.Hardware`)."""
DOCUMENT_KEYS: tuple[str, ...] = ("schema", "version", "network", "platform", "mode", "design", "per_layer",
                                  "metrics", "point")


def plain(value: Any) -> Any:
    """``value`` with numpy scalars/arrays and tuples turned into JSON types (ints stay ints)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, np.ndarray)):
        return [plain(v) for v in value]
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        v = float(value)
        return v
    return value


def _num(v: float) -> int | float:
    """An integral value as int, else float."""
    v = float(v)
    return int(v) if v.is_integer() else v


def design_document(problem, evaluation) -> dict[str, Any]:
    """The ``best.json`` document of an evaluated design point (schema in the module docstring).

    Args:
        problem: the :class:`npu_dse.cost_models.evaluator.Problem` the point belongs to.
        evaluation: its :class:`npu_dse.cost_models.evaluator.Evaluation` (``layers`` filled: per-layer arrays of shape
            (num_layers,) for ``l1_req_bytes``, ``l2_req_bytes``, ``num_pes``, ``runtime_cycles``, ``energy_pj``).

    Returns:
        A JSON-serialisable dict with exactly :data:`DOCUMENT_KEYS`.
    """
    from npu_dse.cost_models import dataflow as dataflow_mod
    from npu_dse.cost_models import technology as technology_mod
    from npu_dse.cost_models.systolic import accumulator_bytes, array_dims
    from npu_dse.cost_models.hardware import Hardware

    space = problem.space
    layers = problem.network.layers
    n = len(layers)
    point = dict(evaluation.point)
    params = [space.layer_params(point, i) for i in range(n)]
    per = {p.name for p in space.per_layer}
    lp = space.mode == "LP"
    arr = {k: np.asarray(v, dtype=np.float64) for k, v in evaluation.layers.items()}
    defaults = Hardware(num_pes=1).to_dict()

    def layer_values(name: str) -> list[Any]:
        out = []
        for i, lp_ in enumerate(params):
            v = lp_.get(name)
            if v is None and name == "num_pes" and "num_pes" in arr:
                v = arr["num_pes"][i]
            if v is None and name in ("l1_bytes", "l2_bytes") and f"{name[:2]}_req_bytes" in arr:
                v = arr[f"{name[:2]}_req_bytes"][i]
            out.append(v)
        return out

    design: dict[str, Any] = {}
    for name in DESIGN_FIELDS:
        values = layer_values(name)
        if all(v is None for v in values):
            design[name] = defaults[name]
            continue
        nums = [float(v) for v in values if v is not None]
        varies = name in per or name in ("l1_bytes", "l2_bytes") and name not in space.fixed and \
            all(p.name != name for p in space.global_)
        if not varies:
            design[name] = _num(nums[0])
        elif lp and name in ("num_pes", "l2_bytes"):
            design[name] = _num(sum(nums))
        else:
            design[name] = _num(max(nums))
    if design["offchip_bw"] is None:  # the technology's default: the DRAM preset's peak, or MAESTRO's flag
        design["offchip_bw"] = float(technology_mod.default_offchip_bw(problem.technology, design["clock_mhz"],
                                                                       design["word_bytes"]))
    dataflows = [str(p.get("dataflow", space.dataflow)) for p in params]
    design["dataflow"] = Counter(dataflows).most_common(1)[0][0]
    if not lp:  # the PE array: the rows the design sets, else the squarest
        rows = layer_values("pe_rows")[0] or 0
        design["pe_rows"], design["pe_cols"] = array_dims(int(design["num_pes"]), int(rows))
    if not lp and dataflow_mod.get(design["dataflow"]).systolic is not None:  # the partial sums' own SRAM
        design["acc_bytes"] = _num(accumulator_bytes(design["l2_bytes"], design["num_pes"], design["pe_rows"]))
    if space.mapper:  # the mapping the mapper chose for each layer
        design["mapping"] = [_layer_mapping(layer.name, dataflows[i], {c: arr[c][i] for c in arr}, design)
                             for i, layer in enumerate(layers)]
    design["technology"] = technology_mod.name_of(problem.technology)
    if isinstance(problem.technology, technology_mod.PhysicalTechnology):
        design["dram"] = problem.technology.dram
    const_names = sorted({k for p in params for k in p if k[:1].isupper()})
    design["constants"] = {c: _num(max(float(p[c]) for p in params if c in p)) for c in const_names}

    per_layer = None
    if space.per_layer:
        per_layer = []
        pes = layer_values("num_pes")
        l1 = layer_values("l1_bytes")
        l2 = layer_values("l2_bytes")
        for i, layer in enumerate(layers):
            entry: dict[str, Any] = {"layer": layer.name, "num_pes": _num(pes[i]),
                                     "l1_bytes": None if l1[i] is None else _num(l1[i]),
                                     "l2_bytes": None if l2[i] is None else _num(l2[i]),
                                     "dataflow": dataflows[i],
                                     "constants": {c: _num(params[i][c]) for c in const_names if c in params[i]}}
            for hw in ("noc_bw", "offchip_bw", "simd_lanes"):
                if hw in per:
                    entry[hw] = _num(params[i][hw])
            if space.mapper:  # the layer ran the mapper's choice: its template (or variant) and constants
                entry["dataflow"] = design["mapping"][i]["dataflow"]
                entry["constants"] = dict(design["mapping"][i]["constants"])
            elif "ClusterSz" not in entry["constants"] and "ClusterSz" in dataflow_mod.get(dataflows[i]).constants:
                entry["constants"]["ClusterSz"] = _num(pes[i])  # ConfuciuX: ClusterSz = the layer's PEs
            for metric in ("runtime_cycles", "energy_pj"):
                if metric in arr:
                    entry[metric] = float(arr[metric][i])
            per_layer.append(entry)
    return {
        "schema": DESIGN_SCHEMA,
        "version": DESIGN_VERSION,
        "network": problem.network.name,
        "platform": problem.platform,
        "mode": space.mode,
        "design": plain(design),
        "per_layer": plain(per_layer),
        "metrics": {k: float(v) for k, v in evaluation.metrics.items()},
        "point": plain(point),
    }


def _layer_mapping(name: str, dataflow: str, row: Mapping[str, float], design: Mapping[str, Any]) -> dict[str, Any]:
    """One layer's entry of ``design["mapping"]``: its ``dataflow`` (the template variant the mapper ran it under,
    :data:`npu_dse.cost_models.dataflow.VARIANTS`, else the design's), its template constants, a systolic layer's
    ``stationary`` operand and the dimensions on the array's rows x columns, its ``runtime_cycles`` and PE
    ``utilization`` (MACs / (cycles x PEs x SIMD lanes), at most 1)."""
    from npu_dse.cost_models.evaluator import MAPPING_COLUMNS
    from npu_dse.cost_models.mapper import STATIONARY, STATIONARY_BY_CODE, VARIANT_BY_CODE

    variant = int(row.get("map_variant", 0))
    entry: dict[str, Any] = {"layer": name, "dataflow": VARIANT_BY_CODE[variant] if variant else dataflow,
                             "constants": {c[4:]: int(row[c]) for c in MAPPING_COLUMNS
                                           if c not in ("map_stationary", "map_variant") and row.get(c, 0) > 0}}
    code = int(row.get("map_stationary", 0))
    if code:
        choice = STATIONARY_BY_CODE[code]
        entry["stationary"] = STATIONARY[choice][1]
        entry["spatial"] = STATIONARY[choice][2]
    if "runtime_cycles" in row:
        entry["runtime_cycles"] = _num(row["runtime_cycles"])
        if "macs" in row and row["runtime_cycles"] > 0:
            lanes = float(design.get("simd_lanes") or 1)
            entry["utilization"] = round(float(row["macs"]) / (float(row["runtime_cycles"]) * float(row["num_pes"])
                                                                * lanes), 6)
    return entry


def check_document(doc: Any, source: str = "<design>") -> dict[str, Any]:
    """Check that ``doc`` is a design document of a supported version.

    Raises:
        FormatError: not a mapping, wrong ``schema``, unsupported ``version``, or a missing key / design field.
    """
    if not isinstance(doc, Mapping):
        raise FormatError(f"{source}: expected a JSON object (schema {DESIGN_SCHEMA!r})")
    if doc.get("schema") != DESIGN_SCHEMA:
        raise FormatError(f"{source}: field 'schema' is {doc.get('schema')!r}; allowed: {DESIGN_SCHEMA}")
    if doc.get("version") != DESIGN_VERSION:
        raise FormatError(f"{source}: field 'version' is {doc.get('version')!r}; allowed: {DESIGN_VERSION}")
    missing = [k for k in DOCUMENT_KEYS if k not in doc]
    if missing:
        raise FormatError(f"{source}: missing field(s) {missing}; a design document has {', '.join(DOCUMENT_KEYS)}")
    design = doc["design"]
    if not isinstance(design, Mapping):
        raise FormatError(f"{source}: field 'design' must be an object")
    missing = [k for k in (*DESIGN_FIELDS, "dataflow", "constants") if k not in design]
    if missing:
        raise FormatError(f"{source}: design is missing field(s) {missing}")
    _check_design_fields(design, source)
    if doc["per_layer"] is not None and not isinstance(doc["per_layer"], list):
        raise FormatError(f"{source}: field 'per_layer' must be a list or null")
    _check_entries(doc["per_layer"] or [], "per_layer", source)
    return dict(doc)


_COUNT_FIELDS = ("num_pes", "simd_lanes", "word_bytes", "pe_rows", "pe_cols")
"""Design fields that are whole counts >= 1 (PEs, lanes, bytes per word, array rows and columns)."""
_SIZE_FIELDS = ("l1_bytes", "l2_bytes", "acc_bytes")
"""Design fields that are sizes in bytes >= 0 (a buffer the cost model sized to a requirement may be fractional)."""
_RATE_FIELDS = ("noc_bw", "offchip_bw", "clock_mhz")
"""Design fields that are finite numbers > 0 (elements/cycle, MHz)."""


def _number(v: Any) -> float | None:
    """``v`` as a float when it is a finite JSON number (not a bool), else None."""
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not np.isfinite(v):
        return None
    return float(v)


def _check_constants(constants: Any, field: str) -> None:
    """Template constants: an object of names to integers (``field``: how the message names the field)."""
    if not isinstance(constants, Mapping) or not all(
            isinstance(c, str) and isinstance(v, int) and not isinstance(v, bool) for c, v in constants.items()):
        raise FormatError(f"{field} 'constants' is {constants!r}; allowed: an object of template constants to "
                          "integers, e.g. {\"KTileSz\": 4}")


def _check_design_fields(design: Mapping[str, Any], source: str) -> None:
    """Each hardware field of ``design`` of the type and range its readers (exports, the processor) rely on.

    Raises:
        FormatError: naming the field, its value and what is allowed.
    """
    for k in (*_COUNT_FIELDS, *_SIZE_FIELDS, *_RATE_FIELDS):
        if k not in design:
            continue
        v = _number(design[k])
        ok = v is not None and (v >= 1 and v == int(v) if k in _COUNT_FIELDS else v >= 0 if k in _SIZE_FIELDS
                                else v > 0)
        if not ok:
            allowed = ("a whole number >= 1" if k in _COUNT_FIELDS else "a number of bytes >= 0" if k in _SIZE_FIELDS
                       else "a finite number > 0")
            raise FormatError(f"{source}: design field {k!r} is {design[k]!r}; allowed: {allowed}")
    if not isinstance(design["dataflow"], str) or not design["dataflow"]:
        raise FormatError(f"{source}: design field 'dataflow' is {design['dataflow']!r}; allowed: a dataflow name")
    _check_constants(design["constants"], f"{source}: design field")
    mapping = design.get("mapping")
    if mapping is not None:
        if not isinstance(mapping, list):
            raise FormatError(f"{source}: design field 'mapping' must be a list of per-layer objects (layer, "
                              "dataflow, constants, ...)")
        _check_entries(mapping, "design.mapping", source)
    for k in ("technology", "dram"):
        if k in design and not isinstance(design[k], str):
            raise FormatError(f"{source}: design field {k!r} is {design[k]!r}; allowed: a name such as "
                              f"{'28nm or maestro' if k == 'technology' else 'lpddr4'}")


_ENTRY_NUMBERS = ("num_pes", "l1_bytes", "l2_bytes", "noc_bw", "offchip_bw", "simd_lanes", "runtime_cycles",
                  "energy_pj", "utilization")
"""Numeric fields of a ``per_layer`` or ``mapping`` entry (finite numbers >= 0 where present; ``num_pes`` >= 1)."""


def _check_entries(entries: list, where: str, source: str) -> None:
    """Each entry of ``per_layer`` or ``design.mapping``: an object naming its ``layer``, with a ``dataflow`` name,
    ``constants`` of integers, a ``stationary`` name and numbers where it has them.

    Raises:
        FormatError: naming the entry, the field and what is allowed.
    """
    for i, e in enumerate(entries):
        at = f"{source}: {where}[{i}]"
        if not isinstance(e, Mapping):
            raise FormatError(f"{at} is {e!r}; allowed: an object with the layer's name and its choices")
        if not isinstance(e.get("layer"), str):
            raise FormatError(f"{at}: field 'layer' is {e.get('layer')!r}; allowed: the layer's name")
        for k in ("dataflow", "stationary"):
            if k in e and not isinstance(e[k], str):
                raise FormatError(f"{at}: field {k!r} is {e[k]!r}; allowed: a name")
        _check_constants(e.get("constants", {}), f"{at}: field")
        for k in _ENTRY_NUMBERS:
            if e.get(k) is None:
                continue
            v = _number(e[k])
            if v is None or v < (k == "num_pes"):
                raise FormatError(f"{at}: field {k!r} is {e[k]!r}; allowed: a finite number >= {int(k == 'num_pes')}")


def design_path(path: str | Path) -> Path:
    """``best.json`` inside a run directory, or ``path`` itself when it is a file.

    Raises:
        FormatError: no such file, or a run directory without ``best.json`` (no feasible design).
    """
    path = Path(path)
    if path.is_dir():
        path = path / "best.json"
        if not path.exists():
            raise FormatError(f"{path}: no best.json in the run directory (the run found no feasible design, "
                              "or it is not a run directory)")
    if not path.exists():
        raise FormatError(f"{path}: no such file; expected a run directory or a best.json")
    return path


def load_design(path: str | Path) -> dict[str, Any]:
    """Read and check a design document (a ``best.json`` or a run directory holding one).

    Raises:
        FormatError: see :func:`design_path` and :func:`check_document`; invalid JSON (with line).
    """
    path = design_path(path)
    from npu_dse.cost_models.formats.text import read_text

    try:
        doc = json.loads(read_text(path, "design JSON"))
    except json.JSONDecodeError as exc:
        raise FormatError(f"{path}:{exc.lineno}: invalid JSON: {exc.msg}") from None
    return check_document(doc, str(path))


__all__ = ["DESIGN_SCHEMA", "DESIGN_VERSION", "DESIGN_FIELDS", "DOCUMENT_KEYS", "design_document", "check_document",
           "design_path", "load_design", "plain"]
