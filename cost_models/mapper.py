"""The mapper: each layer runs its best mapping among its dataflow's legal tile choices (as ZigZag and Timeloop do).

A dataflow template names constants (``KTileSz``, ``CTileSz``, ``ClusterSz``; :mod:`npu_dse.cost_models.dataflow`).
For a layer, a dataflow and a hardware point, the mapper tries every combination of the candidate values of the
constants the template uses and the design does not set (``ClusterSz`` at most the PE count), evaluates all of
them in one vectorised engine call, and keeps, per point, the candidate that fits the provisioned L1 and L2
(``feasible``) with the smallest score for the run's objective (:data:`SCORE_COLUMN`); when none fits, the
smallest-scoring one (the point is then infeasible anyway). Ties go to the first candidate in enumeration order,
so the choice is deterministic.

A systolic dataflow has no template constants; its legal choice is which operand stays in the array, which fixes
the dimensions mapped spatially onto its rows and columns (:data:`STATIONARY`). ``systolic_both`` (Gemmini's
``Dataflow.BOTH``) lets the mapper pick weight- or output-stationary per layer by the same rule; a single-mode
systolic dataflow has its one choice. The choice is reported as the mapping's ``stationary`` code.
"""

from __future__ import annotations

import itertools
from dataclasses import fields
from typing import Any, Mapping, Sequence

import numpy as np
import pandas as pd

from npu_dse.cost_models import dataflow as dataflow_mod
from npu_dse.cost_models.errors import DataflowError, SpaceError
from npu_dse.cost_models.hardware import Hardware, HardwareBatch
from npu_dse.cost_models.maestro import LayerCost, analyze_layer, gather_costs, maestro_crash
from npu_dse.cost_models.workload import Layer, Network, Op

MAPPED_CONSTANTS: tuple[str, ...] = ("KTileSz", "CTileSz", "ClusterSz")
"""Template constants the mapper may choose."""

DEFAULT_CANDIDATES: dict[str, tuple[int, ...]] = {
    "KTileSz": (1, 2, 4, 8, 16, 32, 64),
    "CTileSz": (1, 2, 4, 8, 16, 32, 64),
    "ClusterSz": (1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096),
}
"""Candidate values per constant when a space asks for the mapper without giving its own."""

SCORE_COLUMN: dict[str, str] = {
    "latency_cycles": "runtime_cycles", "latency_ms": "runtime_cycles", "throughput": "runtime_cycles",
    "inferences_per_s": "runtime_cycles", "area_mm2": "runtime_cycles", "energy_pj": "energy_pj",
    "power_mw": "energy_pj", "tops_per_w": "energy_pj", "edp": "edp",
}
"""The per-layer quantity the mapper minimises for each objective (``edp``: runtime x energy of the layer)."""


STATIONARY: dict[str, tuple[int, str, str]] = {
    "ws": (1, "weight", "C*R*S x K"),
    "os": (2, "output", "Y'*X' x K"),
    "is": (3, "input", "C*R*S x Y'*X'"),
}
"""Systolic stationary choice -> (code in the mapping's ``stationary``, operand kept in the array, dimensions on
rows x columns). Source: SCALE-Sim (Samajdar et al., ISPASS 2020) ``compute/`` operand matrices; Gemmini
``Dataflow.WS``/``OS``."""

STATIONARY_BY_CODE: dict[int, str] = {code: name for name, (code, _, _) in STATIONARY.items()}
"""Code -> stationary choice (``ws``, ``os``, ``is``)."""

STATIONARY_BY_OPERAND: dict[str, str] = {operand: name for name, (_, operand, _) in STATIONARY.items()}
"""The operand best.json's mapping names (``weight``, ``output``, ``input``) -> stationary choice (``ws``, ...)."""


VARIANT_CODES = dataflow_mod.VARIANT_CODES
VARIANT_BY_CODE = dataflow_mod.VARIANT_BY_CODE


def mapping_keys(dataflow: str) -> set[str]:
    """What the mapper chooses for ``dataflow``: its template constants (and its variant, for a template that has
    variants), or ``stationary`` for a systolic one."""
    df = dataflow_mod.get(dataflow)
    if df.systolic is not None:
        return {"stationary"}
    variants = dataflow_mod.VARIANTS.get(df.name, ())
    keys = set(df.constants).union(*(dataflow_mod.get(v).constants for v in variants))
    return keys | {"variant"} if variants else keys


def mapping_labels(layers: Mapping[str, np.ndarray]) -> list[str]:
    """One short label per layer of the mapping an evaluation ran (its ``map_*`` columns, shape (num_layers,)):
    ``"WS"``/``"OS"``/``"IS"`` for a systolic layer's stationary operand, ``"KTileSz=4 ClusterSz=64"`` for template
    constants, led by the variant's name when the layer ran one (``"eye_k KTileSz=16 ..."``), ``"-"`` when nothing
    was chosen."""
    n = len(next(iter(layers.values()))) if layers else 0
    out = []
    for i in range(n):
        parts = []
        code = int(layers.get("map_stationary", np.zeros(n))[i])
        if code:
            parts.append(STATIONARY_BY_CODE[code].upper())
        variant = int(layers.get("map_variant", np.zeros(n))[i])
        if variant:
            parts.append(VARIANT_BY_CODE[variant])
        parts += [f"{c}={int(layers[f'map_{c}'][i])}" for c in MAPPED_CONSTANTS
                  if f"map_{c}" in layers and layers[f"map_{c}"][i] > 0]
        out.append(" ".join(parts) or "-")
    return out


def check_candidates(candidates: Mapping[str, Sequence[int]]) -> dict[str, tuple[int, ...]]:
    """Validated candidate values: known constants, non-empty lists of positive integers.

    Raises:
        SpaceError: an unknown constant (names the allowed ones) or a bad value list.
    """
    out = {}
    for name, values in candidates.items():
        if name not in MAPPED_CONSTANTS:
            raise SpaceError(f"mapper: unknown constant {name!r}; allowed: {', '.join(MAPPED_CONSTANTS)}")
        vals = tuple(values)
        if not vals or any(isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < 1 for v in vals):
            raise SpaceError(f"mapper: {name} candidates must be a non-empty list of integers >= 1, got {values!r}")
        out[name] = tuple(int(v) for v in vals)
    return out


def mapping_choices(dataflow: str, num_pes: int, given: Mapping[str, Any],
                    candidates: Mapping[str, Sequence[int]], layer: Layer | None = None) -> list[dict[str, int]]:
    """Every legal mapping the mapper weighs: every combination of candidate values for the constants ``dataflow``
    uses that ``given`` does not set (with ``layer``, those of the template the layer runs: the depthwise
    variant's for a depthwise layer, else the template's own); for a template with variants
    (:data:`npu_dse.cost_models.dataflow.VARIANTS`), the template's with ``variant`` 0, then each variant's with
    its code (a depthwise layer runs the same template under each, so it has the template's alone). Each choice
    runs as it is in :func:`npu_dse.cost_models.maestro.analyze_layer`'s ``constants``.

    ``ClusterSz`` candidates above ``num_pes`` are left out. Returns ``[{}]`` when nothing is to be chosen.
    """
    df = dataflow_mod.get(dataflow)
    variants = _variants_for(df, layer) if df.systolic is None else ()
    if not variants:
        return _template_choices(dataflow, num_pes, given, candidates, layer)
    return [{**c, "variant": dataflow_mod.VARIANT_CODES.get(name, 0)} for name in (df.name, *variants)
            for c in _template_choices(name, num_pes, given, candidates, layer)]


def _variants_for(df, layer: Layer | None) -> tuple[str, ...]:
    """The variants of template ``df`` the mapper weighs for ``layer``: none for a depthwise layer whose depthwise
    template every variant shares."""
    variants = dataflow_mod.VARIANTS.get(df.name, ())
    if layer is not None and layer.op is Op.DWCONV:
        variants = tuple(v for v in variants if dataflow_mod.get(v).for_depthwise().key != df.for_depthwise().key)
    return variants


def _template_choices(dataflow: str, num_pes: int, given: Mapping[str, Any],
                      candidates: Mapping[str, Sequence[int]], layer: Layer | None = None) -> list[dict[str, int]]:
    """:func:`mapping_choices` of one template (its variants aside)."""
    df = dataflow_mod.get(dataflow)
    used = df.constants if layer is None else _own_constants(df.for_depthwise() if layer.op is Op.DWCONV else df)
    names = [c for c in MAPPED_CONSTANTS if c in used and c in candidates and c not in given]
    values = []
    for c in names:
        vals = [v for v in candidates[c] if c != "ClusterSz" or v <= num_pes]
        values.append(vals or [min(candidates[c])])
    return [dict(zip(names, combo)) for combo in itertools.product(*values)]


def _own_constants(df) -> set[str]:
    """The constants ``df``'s own directives name (not its depthwise variant's)."""
    names: set[str] = set()
    for d in df.directives:
        names |= d.size.constants() | (d.offset.constants() if isinstance(d, dataflow_mod.Map) else set())
    return names


def take(cost: LayerCost, index: np.ndarray) -> LayerCost:
    """The rows ``index`` of a :class:`LayerCost` (every array field indexed)."""
    kw = {}
    for f in fields(cost):
        v = getattr(cost, f.name)
        kw[f.name] = v[index] if isinstance(v, np.ndarray) else v
    return LayerCost(**kw)


def _score(cost: LayerCost, objective: str) -> np.ndarray:
    col = SCORE_COLUMN.get(objective, "runtime_cycles")
    if col == "edp":
        return np.asarray(cost.runtime_cycles) * np.asarray(cost.energy_pj)
    return np.asarray(getattr(cost, col), dtype=np.float64)


def best_mapping(layer: Layer, dataflow: str, hardware: HardwareBatch, given: Sequence[Mapping[str, int]],
                 candidates: Mapping[str, Sequence[int]], objective: str = "latency_cycles",
                 technology=None, *, compat: bool = False, include_dram: bool = False
                 ) -> tuple[LayerCost, list[dict[str, int]]]:
    """The best mapping of ``layer`` under ``dataflow`` at each of ``n`` hardware points.

    Args:
        layer: the layer.
        dataflow: a built-in dataflow name.
        hardware: ``n`` points.
        given: per point, the template constants the design sets (the mapper leaves them).
        candidates: candidate values per constant it may choose (:func:`check_candidates`).
        objective: what the mapping minimises (:data:`SCORE_COLUMN`).
        technology, compat, include_dram: as :func:`npu_dse.cost_models.maestro.analyze_layer` (the score is
            taken from the costs they give).

    Returns:
        (the cost at each point's chosen mapping, shape ``(n,)``; per point the chosen constants, given ones
        included, and for a template with variants (:data:`npu_dse.cost_models.dataflow.VARIANTS`) the ``variant``
        it ran, :data:`VARIANT_CODES`, 0 for the template itself).

    Raises:
        DataflowError: no candidate mapping is legal at some point (names the layer and dataflow).
    """
    engine = {"technology": technology, "compat": compat, "include_dram": include_dram}
    df = dataflow_mod.get(dataflow)
    if df.systolic is not None:
        return _best_stationary(layer, dataflow, df.systolic, hardware, given, objective, engine)
    if not dataflow_mod.VARIANTS.get(df.name):
        return _best_constants(layer, dataflow, hardware, given, candidates, objective, engine)
    return _best_variant(layer, df, hardware, given, candidates, objective, engine)


def _best_variant(layer: Layer, df, hardware: HardwareBatch, given: Sequence[Mapping[str, int]],
                  candidates: Mapping[str, Sequence[int]], objective: str, engine: Mapping[str, Any]
                  ) -> tuple[LayerCost, list[dict[str, int]]]:
    """:func:`best_mapping` of a template with variants: per point the best of the template's and each variant's
    best mapping (fits the buffers first, then the score; the template, then the variants in order, on a tie)."""
    names = (df.name, *_variants_for(df, layer))
    if len(names) == 1:
        return _best_constants(layer, df.name, hardware, given, candidates, objective, engine)
    best, chosen, failure = None, None, None
    for name in names:
        try:
            cost, ch = _best_constants(layer, name, hardware, given, candidates, objective, engine)
        except DataflowError as exc:
            failure = failure or exc
            continue
        ch = [{**c, "variant": VARIANT_CODES.get(name, 0)} for c in ch]
        if best is None:
            best, chosen = cost, ch
            continue
        better = _better(cost, best, objective)
        best = _where(better, cost, best)
        chosen = [ch[i] if better[i] else chosen[i] for i in range(len(hardware))]
    if best is None:
        raise failure  # type: ignore[misc]
    return LayerCost(**{**{f.name: getattr(best, f.name) for f in fields(best)}, "dataflow": df.name}), chosen


def _best_constants(layer: Layer, dataflow: str, hardware: HardwareBatch, given: Sequence[Mapping[str, int]],
                    candidates: Mapping[str, Sequence[int]], objective: str, engine: Mapping[str, Any]
                    ) -> tuple[LayerCost, list[dict[str, int]]]:
    """:func:`best_mapping` of one template: its candidate constants at every point, in one engine call."""
    n = len(hardware)
    rows: list[int] = []
    consts: list[dict[str, int]] = []
    for i in range(n):
        for choice in _template_choices(dataflow, int(hardware.num_pes[i]), given[i], candidates, layer):
            rows.append(i)
            consts.append({**given[i], **choice})
    names = sorted({k for c in consts for k in c})
    idx = np.asarray(rows, dtype=np.int64)
    arrays = {k: np.asarray([c.get(k, 1) for c in consts], dtype=np.int64) for k in names}
    try:
        cost = analyze_layer(layer, dataflow, hardware.take(idx), arrays or None, **engine)
        legal = np.ones(len(idx), dtype=bool)
    except DataflowError:
        cost, legal = _one_by_one(layer, dataflow, hardware.take(idx), consts, engine)
    if engine.get("compat"):  # MAESTRO's numbers, among the mappings MAESTRO runs
        for j in np.flatnonzero(legal):
            legal[j] = maestro_crash(layer, dataflow, int(hardware.num_pes[rows[j]]), consts[j]) is None
    score = np.where(legal, _score(cost, objective), np.inf)
    bad = ~np.asarray(cost.feasible, dtype=bool) | ~legal
    order = np.lexsort((np.arange(len(idx)), score, bad, idx))  # per point: feasible first, then score, then order
    first = np.ones(len(order), dtype=bool)
    first[1:] = idx[order[1:]] != idx[order[:-1]]
    chosen = order[first]
    if not np.all(legal[chosen]):
        i = int(idx[chosen[np.argmin(legal[chosen])]])
        raise DataflowError(f"layer {layer.name!r}, dataflow {dataflow!r}: no legal mapping among the candidates "
                            f"at {int(hardware.num_pes[i])} PEs")
    return take(cost, chosen), [consts[j] for j in chosen]


def map_network(network: Network, dataflow: str, hardware: Hardware, objective: str = "latency_cycles",
                given: Mapping[str, int] | None = None, candidates: Mapping[str, Sequence[int]] | None = None, *,
                technology=None, compat: bool = False, include_dram: bool = False) -> pd.DataFrame:
    """Every layer of ``network`` at its best mapping on one hardware point (:func:`best_mapping` per layer).

    Args:
        network: the layers.
        dataflow: a built-in dataflow name.
        hardware: the point.
        objective: what each layer's mapping minimises, a key of :data:`SCORE_COLUMN` (``latency_cycles``,
            ``energy_pj``, ``edp``, ...).
        given: template constants fixed for every layer (the mapper chooses the others).
        candidates: candidate values per constant (default :data:`DEFAULT_CANDIDATES`).
        technology, compat, include_dram: as :func:`npu_dse.cost_models.maestro.analyze_layer`.

    Returns:
        The table of :func:`npu_dse.cost_models.maestro.analyze_network` (a row per layer), plus ``mapping`` (the
        label of :func:`mapping_labels`) and one ``map_<name>`` column per choice the dataflow has
        (:func:`mapping_keys`).

    Raises:
        DataflowError: an unknown objective (names the allowed ones), or a layer with no legal mapping (names it).
    """
    if objective not in SCORE_COLUMN:
        raise DataflowError(f"mapping objective {objective!r}: allowed: {', '.join(SCORE_COLUMN)}")
    cands = check_candidates(DEFAULT_CANDIDATES if candidates is None else candidates)
    hw = HardwareBatch.coerce(hardware)
    keys = sorted(mapping_keys(dataflow))
    frames, chosen = [], []
    for layer in network.layers:
        try:
            cost, ch = best_mapping(layer, dataflow, hw, [dict(given or {})], cands, objective, technology,
                                    compat=compat, include_dram=include_dram)
        except DataflowError as exc:
            raise DataflowError(f"layer {layer.name!r}: {exc}") from None
        frames.append(cost.to_frame())
        chosen.append(ch[0])
    out = pd.concat(frames, ignore_index=True)
    cols = {f"map_{k}": np.asarray([c.get(k, 0) for c in chosen], dtype=np.int64) for k in keys}
    out.insert(out.columns.get_loc("dataflow") + 1, "mapping", mapping_labels(cols) if cols else "-")
    for name, values in cols.items():
        out[name] = values
    return out


def _best_stationary(layer: Layer, dataflow: str, systolic: str, hardware: HardwareBatch,
                     given: Sequence[Mapping[str, int]], objective: str, engine: Mapping[str, Any]
                     ) -> tuple[LayerCost, list[dict[str, int]]]:
    """Per point, the systolic stationary choice of ``dataflow`` (``both``: weight or output) that fits the
    buffers with the smallest score (weight-stationary on a tie)."""
    choices = ("ws", "os") if systolic == "both" else (systolic,)
    best = analyze_layer(layer, f"systolic_{choices[0]}", hardware, **engine)
    code = np.full(len(hardware), STATIONARY[choices[0]][0], dtype=np.int64)
    for choice in choices[1:]:
        other = analyze_layer(layer, f"systolic_{choice}", hardware, **engine)
        better = _better(other, best, objective)
        best = _where(better, other, best)
        code[better] = STATIONARY[choice][0]
    best = LayerCost(**{**{f.name: getattr(best, f.name) for f in fields(best)}, "dataflow": dataflow})
    return best, [{**given[i], "stationary": int(code[i])} for i in range(len(hardware))]


def _better(other: LayerCost, best: LayerCost, objective: str) -> np.ndarray:
    """Per point, whether ``other`` beats ``best``: it fits the buffers where ``best`` does not, or both fit (or
    neither does) and it scores lower; a tie keeps ``best``. Shape (n,) bool."""
    ok_b, ok_o = np.asarray(best.feasible, dtype=bool), np.asarray(other.feasible, dtype=bool)
    return (ok_o & ~ok_b) | ((ok_o == ok_b) & (_score(other, objective) < _score(best, objective)))


def _where(mask: np.ndarray, a: LayerCost, b: LayerCost) -> LayerCost:
    """Field by field, ``a`` where ``mask`` else ``b`` (array fields; other fields from ``b``)."""
    kw = {}
    for f in fields(b):
        va, vb = getattr(a, f.name), getattr(b, f.name)
        kw[f.name] = np.where(mask, va, vb) if isinstance(vb, np.ndarray) else vb
    return LayerCost(**kw)


def _one_by_one(layer: Layer, dataflow: str, hardware: HardwareBatch, consts: list[dict[str, int]],
                engine: Mapping[str, Any]) -> tuple[LayerCost, np.ndarray]:
    """Evaluate candidates one constants set at a time, marking those the engine refuses as illegal."""
    keys = [tuple(sorted(c.items())) for c in consts]
    parts: dict[tuple, np.ndarray] = {}
    for j, k in enumerate(keys):
        parts.setdefault(k, []).append(j)  # type: ignore[arg-type]
    legal = np.zeros(len(consts), dtype=bool)
    pieces: list[tuple[np.ndarray, LayerCost]] = []
    for k, js in parts.items():
        js = np.asarray(js, dtype=np.int64)
        try:
            c = analyze_layer(layer, dataflow, hardware.take(js), dict(k) or None, **engine)
        except DataflowError:
            continue
        legal[js] = True
        pieces.append((js, c))
    if not pieces:
        raise DataflowError(f"layer {layer.name!r}, dataflow {dataflow!r}: no legal mapping among the candidates")
    return gather_costs(pieces[::-1], len(consts)), legal


__all__ = ["DEFAULT_CANDIDATES", "MAPPED_CONSTANTS", "SCORE_COLUMN", "STATIONARY", "STATIONARY_BY_CODE",
           "STATIONARY_BY_OPERAND", "VARIANT_BY_CODE", "VARIANT_CODES",
           "best_mapping", "check_candidates", "mapping_choices", "mapping_keys", "mapping_labels", "take"]
