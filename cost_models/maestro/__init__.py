"""MAESTRO-style analytical cost model: runtime, energy, buffer requirements, area and power of a layer.

Public API:

- :func:`analyze_layer` — one layer, one dataflow, ``n`` hardware points in one vectorised call -> :class:`LayerCost`;
- :func:`analyze_network` — every layer of a :class:`~npu_dse.cost_models.workload.Network` -> ``pandas.DataFrame``;
- :func:`analyze_mapping` — a MAESTRO ``.m`` mapping file, as ``maestro --DFSL_file`` would run it -> DataFrame.

The model is MAESTRO's (Kwon et al., MICRO 2019; maestro-project/maestro 4eb08d1) as specified in
``reference/maestro/ALGORITHM.md``, reproduced exactly on MAESTRO's calibration set. The hardware-independent
iteration-case structure of a mapping is compiled once (:mod:`.structure`, cached per layer shape, dataflow,
constants and PE count; the structures of many points of one layer together, :mod:`.batch_compile`); all other
hardware fields are numpy arithmetic over the points (:mod:`.evaluate`, :mod:`.batched`).

**Corrections** (``compat=False``, the default; ALGORITHM.md §14). MAESTRO's own numbers are kept underneath in
the ``maestro_runtime_cycles`` and ``maestro_macs`` columns, and ``compat=True`` reports them as the main values:

- ``macs`` is the layer's true MAC count (:attr:`Layer.macs`), never the mapping's count (§14.2, 14.3, 14.6,
  14.7, 14.15: stride-blind output tiles, unprimed edge lookups, two spatial maps on one set of PEs, edge
  disagreement);
- ``runtime_cycles >= ceil(macs / (num_pes * simd_lanes))``, so utilisation <= 1 (§14.6; also repairs the
  runtime 0 of a mapping whose cases are all skipped, §14.5);
- a tile larger than its dimension with an offset that fits is clipped to the dimension (§14.5);
- a NoC transfer of 0 elements takes 0 cycles, not ``latency - 1`` (§14.13);
- under a physical technology, MAESTRO's off-chip term (every level-0 iteration at least the first tile's L2
  requirement over the off-chip bandwidth, §8.3 and §14.10) is replaced by a roofline over the whole layer: the
  runtime is at least its DRAM traffic (``dram_energy_pj``'s) over the off-chip bandwidth, the rule the systolic
  model uses. That traffic is per tile with reuse (§14.10's correction, :mod:`.offchip`): a tensor the provisioned
  L2 keeps crosses once, one it cannot is staged tile by tile (its L2 reads), where MAESTRO counts every tensor
  once whatever the L2. With a real DRAM's few words per cycle MAESTRO's term
  binds on every iteration whatever the traffic (AlexNet's conv layers on DianNao's 256 PEs under ``dla``: 29x
  slower with it, while their traffic used under 1 % of the bandwidth). ``maestro_runtime_cycles`` is then the
  engine's runtime without that term. Under ``technology: maestro`` the term stays, as MAESTRO computes it;
- ``energy_pj`` counts the true MACs in its MAC term; under ``technology: maestro`` total energy is MAESTRO's
  on-screen total (18.61 x L2 + 1.68 x L1 + MACs, x 0.23 pJ), not its CSV energy column, which omits terms
  (§14.1), and DRAM energy is reported in ``dram_energy_pj`` and added to ``energy_pj`` only with
  ``include_dram=True`` (so the total stays comparable with MAESTRO);
- provisioned ``l1_bytes``/``l2_bytes`` below the requirement make the point infeasible (``feasible`` False);
  all values are still reported.

**Technology** (:mod:`npu_dse.cost_models.technology`). Runtime and access counts are the same under every
technology except through the default off-chip bandwidth (from the DRAM preset), the off-chip roofline above, and a
systolic array's buffers, which only a physical technology makes finite (its schedule and DRAM traffic then
depend on the L2 and the accumulator, :func:`npu_dse.cost_models.systolic.capacity_schedule`). Energy, area and
power come from the technology: MAESTRO's constants (``"maestro"``, :data:`~npu_dse.cost_models.technology.MAESTRO`,
whose ``power_mw`` is MAESTRO's static sum), or a physical node (``"28nm"``, the default), under which
``energy_pj`` is all-in (MAC, L1, L2, NoC, DRAM and leakage) and ``power_mw = energy_pj / (latency_ms * 1e6)``.

Layer conventions: padding is added to the input (MAESTRO files hold padded sizes); a DWCONV runs MAESTRO's DSCONV
(the dataflow's depthwise variant), ``K/C`` times for a channel multiplier; ``repeat`` multiplies runtime, access
counts and energy; a GEMM runs as MAESTRO's GEMM (M = N*Y, K = C, N = K) with a dataflow on M/N/K, otherwise as a
1x1 CONV. Batch ``N`` and groups ``G`` are dimensions MAESTRO maps (its batched tensors and NGCONV) when the
dataflow maps them or comes from MAESTRO text; under the built-in templates they are an outer loop that multiplies
the layer (:func:`problem_for`). A TRCONV runs as its stride x stride sub-pixel CONV phases (as MAESTRO, a plain
CONV, with ``compat=True``). In a MAESTRO file run with ``compat=True``, MAESTRO's two file-level behaviours hold:
the K a DSCONV lists is iterated by its K directives (:attr:`Dataflow.dsconv_k`), and each layer type's tensors are
batched or not as the type's first layer is (:attr:`Dataflow.unbatched_n`; a later layer that lacks the first one's N
is refused, as MAESTRO exits on it). Checked layer by layer against MAESTRO on all 41 of its shipped files and on
400 random layers in two files (``tests/test_maestro_files.py``).
"""

from __future__ import annotations

import functools
import logging
import math
import random
import re
import sys
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Collection, Mapping, Sequence

import numpy as np
import pandas as pd

from npu_dse.cost_models import dataflow as dataflow_mod
from npu_dse.cost_models.dataflow import Dataflow
from npu_dse.cost_models.errors import DataflowError, HardwareError
from npu_dse.cost_models.hardware import Hardware, HardwareBatch
from npu_dse.cost_models.maestro.batch_compile import compile_many, stack_many
from npu_dse.cost_models.maestro.batched import (build_stack, cached_stack, clear_stacks, remember_stack,
                                                 runtime_cycles_stacked)
from npu_dse.cost_models.maestro.evaluate import area_power, runtime_cycles
from npu_dse.cost_models.maestro.offchip import dram_elems as offchip_traffic
from npu_dse.cost_models.maestro.onepoint import (GiveUp, maestro_area_power_one, physical_cost_one,
                                                  runtime_cycles_one)
from npu_dse.cost_models.maestro.structure import Problem, Structure, clear_memos, compile_structure
from npu_dse.cost_models.technology import AnyTechnology, PhysicalTechnology, default_offchip_bw, resolve
from npu_dse.cost_models.workload import Layer, Network, Op

log = logging.getLogger(__name__)

__all__ = ["LayerCost", "analyze_layer", "analyze_network", "analyze_mapping", "problem_for", "pes_needed",
           "gather_costs", "maestro_crash", "batch_rule", "file_refusal",
           "clear_cache", "cache_info", "COLUMNS", "COUNT_NAMES"]

#: The first columns of every table, in order (issue 3).
COLUMNS = ("layer", "runtime_cycles", "energy_pj", "l1_req_bytes", "l2_req_bytes", "area_um2", "power_mw", "macs",
           "utilization")
#: Physical columns that follow :data:`COLUMNS` and ``feasible``, ``dataflow`` in every table.
PHYSICAL_COLUMNS = ("latency_ms", "area_mm2")
#: Energy components of ``energy_pj`` (pJ); they add up to it.
ENERGY_COMPONENTS = ("mac_energy_pj", "l1_energy_pj", "l2_energy_pj", "noc_energy_pj", "dram_energy_pj",
                     "leakage_energy_pj")
#: Per-tensor access counters (elements), MAESTRO's level-0 counts (ALGORITHM.md §10).
COUNT_NAMES = tuple(f"{t}_{m}_{a}" for t in ("input", "filter", "output") for m in ("l1", "l2") for a in ("read", "write"))

_COUNT_INDEX = {c: i for i, c in enumerate(COUNT_NAMES)}
_GEMM_DIMS = {"M", "N", "K"}
#: Run a single hardware point through the one-point fast path (:mod:`.onepoint`), bit-for-bit the vectorised
#: path's result; ``tests/test_speed_paths.py`` turns it off to compare the two.
FAST_ONE_POINT = True
#: Evaluate all structure groups of a batch in one pass (:mod:`.batched`), bit-for-bit the group-by-group result;
#: ``tests/test_evaluate_speed.py`` turns it off to compare the two.
BATCHED = True
#: Compile the structures of a batch's groups together (:mod:`.batch_compile`), object for object the scalar
#: compiler's; ``tests/test_batch_compile.py`` turns it off to compare the two. At least ``_BATCH_MIN`` uncached
#: groups (below that numpy's per-call overhead makes the scalar compiler faster).
BATCH_COMPILE = True
_BATCH_MIN = 4
#: With at least this many groups missing from the stack cache, their stack is built straight from the batch
#: compiler's cases (:func:`.batch_compile.stack_many`), without making (or caching) the structures themselves;
#: fewer groups go through the structure cache, which the one-point path then finds warm.
_DIRECT_MIN = 32
_INT64_HALF = 1 << 62  # integers at or above it go the vectorised way (int64 products could wrap there)
#: The structure cache: (problem, dataflow id, constants, PEs, compat) -> (structure, static vector). It is bounded
#: by memory (issue 18: a count of 8,192 was too few for a search's working set): it holds at most
#: :data:`_CACHE_MAX_BYTES` bytes of entries as estimated by
#: :meth:`Structure.nbytes` (which includes the one-point path's copy of the cases) plus the static vector and
#: :data:`_CACHE_ENTRY_BYTES` per entry, and at most :data:`_CACHE_MAX` entries. A dla structure counts 13-15 kB,
#: so 512 MiB hold about 36,000 of them (the benchmark's 200 layer shapes x 12 PE counts x 12 KTileSz values are
#: 28,800). Levels and innermost nodes shared between structures (:mod:`.structure`) are counted in each, so the
#: estimate is an upper bound; the problem and dataflow objects in the keys are shared and not counted.
#: :data:`_ONE_MAX` bounds the one-point path's records (``_ONE``): they share these structures, and keep at most
#: that many alive after eviction (about 120 MB of dla structures).
_CACHE: "dict[tuple, tuple[Structure, np.ndarray]]" = {}
_CACHE_KEYS: list[tuple] = []  # the cache's keys, for O(1) random eviction
_CACHE_NBYTES: dict[tuple, int] = {}  # key -> estimated bytes of the entry
_CACHE_MAX = 1 << 15
_CACHE_MAX_BYTES = 512 << 20
_CACHE_ENTRY_BYTES = 400  # key tuple, constants tuple, dict slot, key-list slot, size record (bytes)
#: Eviction picks a random entry (seeded: results never depend on the cache, only speed does). A cyclic sweep over
#: more structures than fit keeps a hit rate of about capacity / working set; first-in-first-out eviction, as
#: before, dropped to zero hits just above the capacity (issue 18's 22x cliff).
_EVICT = random.Random(0)
_STATS = {"hits": 0, "misses": 0, "bytes": 0}
_DF_IDS: dict[tuple, int] = {}  # Dataflow.key -> small int (:func:`_df_id`)
_DF_OBJS: dict[int, tuple] = {}  # id(dataflow) -> (dataflow, its _DF_IDS int)
_ONE: dict[tuple, tuple] = {}  # (layer, dataflow id, compat, constants, PEs) -> _one_record (one-point path)
_ONE_MAX = 8192
_L1_COUNTS = tuple(i for i, c in enumerate(COUNT_NAMES) if "_l1_" in c)
_L2_COUNTS = tuple(i for i, c in enumerate(COUNT_NAMES) if "_l2_" in c)


def clear_cache() -> None:
    """Forget every compiled mapping structure (and what compilations share, :func:`.structure.clear_memos`, and
    the stacks of structures built from them, :func:`.batched.clear_stacks`)."""
    clear_memos()
    clear_stacks()
    _CACHE.clear()
    _CACHE_KEYS.clear()
    _CACHE_NBYTES.clear()
    _ONE.clear()
    _SYS_ONE.clear()
    _STATS.update(hits=0, misses=0, bytes=0)


def cache_info() -> dict[str, int]:
    """Structure-cache statistics: ``hits``, ``misses``, ``size`` (entries), ``bytes`` (their estimated memory,
    at most ``_CACHE_MAX_BYTES``)."""
    return {**_STATS, "size": len(_CACHE)}


@dataclass
class LayerCost:
    """Cost of one layer at ``n`` hardware points; every array field has shape ``(n,)``.

    Units: cycles, ms, pJ, bytes (element counts x ``word_bytes``), um^2, mW; access counts in elements.
    ``feasible`` is boolean; ``utilization = macs / (runtime_cycles * num_pes * simd_lanes)``;
    ``latency_ms = runtime_cycles / clock``. ``l1_bytes`` is the L1 per PE that area and energy are costed at
    (provisioned, else required) and ``sram_bytes`` all on-chip SRAM (PEs x L1 + L2, likewise). The ``*_energy_pj`` parts add up to ``energy_pj`` (under
    ``technology: maestro`` the NoC and leakage parts are 0, and DRAM counts only with ``include_dram``).
    ``noc_bw_req`` is MAESTRO's peak NoC bandwidth requirement (max over level-0 cases of traffic / compute delay,
    elements/cycle, ALGORITHM.md §11); ``offchip_bw_avg`` is the off-chip traffic (``dram_energy_pj``'s) divided by
    the runtime: every input and weight read once and every output written once under ``technology: maestro`` or
    an unbounded L2; under a physical node a tensor the L2 cannot keep is fetched once per use
    (:func:`npu_dse.cost_models.systolic.capacity_schedule`, :mod:`.offchip`).
    """

    layer: str
    dataflow: str
    runtime_cycles: np.ndarray
    energy_pj: np.ndarray
    l1_req_bytes: np.ndarray
    l2_req_bytes: np.ndarray
    area_um2: np.ndarray
    power_mw: np.ndarray
    macs: np.ndarray
    utilization: np.ndarray
    feasible: np.ndarray
    mac_energy_pj: np.ndarray
    l1_energy_pj: np.ndarray
    l2_energy_pj: np.ndarray
    dram_energy_pj: np.ndarray
    noc_energy_pj: np.ndarray
    leakage_energy_pj: np.ndarray
    leakage_mw: np.ndarray
    latency_ms: np.ndarray
    l1_bytes: np.ndarray
    sram_bytes: np.ndarray
    pe_power_mw: np.ndarray
    l1_power_mw: np.ndarray
    l2_power_mw: np.ndarray
    noc_power_mw: np.ndarray
    noc_bw_req: np.ndarray
    offchip_bw_avg: np.ndarray
    maestro_runtime_cycles: np.ndarray
    maestro_macs: np.ndarray
    num_pes: np.ndarray
    input_l1_read: np.ndarray
    input_l1_write: np.ndarray
    input_l2_read: np.ndarray
    input_l2_write: np.ndarray
    filter_l1_read: np.ndarray
    filter_l1_write: np.ndarray
    filter_l2_read: np.ndarray
    filter_l2_write: np.ndarray
    output_l1_read: np.ndarray
    output_l1_write: np.ndarray
    output_l2_read: np.ndarray
    output_l2_write: np.ndarray

    def __len__(self) -> int:
        return int(self.runtime_cycles.shape[0])

    def to_frame(self) -> pd.DataFrame:
        """A DataFrame, one row per hardware point; columns start with :data:`COLUMNS`, then ``feasible``,
        ``dataflow``, the energy/power breakdown, bandwidth requirements, MAESTRO's raw values and access counts."""
        n = len(self)
        data: dict = {"layer": [self.layer] * n}
        for f in fields(self):
            if f.name in ("layer", "dataflow"):
                continue
            data[f.name] = getattr(self, f.name)
        data["area_mm2"] = self.area_um2 / 1e6
        df = pd.DataFrame(data)
        df.insert(len(COLUMNS), "dataflow", self.dataflow)
        first = list(COLUMNS) + ["feasible", "dataflow", *PHYSICAL_COLUMNS]
        return df[first + [c for c in df.columns if c not in first]]


def problem_for(layer: Layer, dataflow: Dataflow, compat: bool = False) -> tuple[Problem, int]:
    """MAESTRO's view of ``layer`` under ``dataflow``: the :class:`Problem` and how many times it runs.

    Batch ``N`` and groups ``G`` are dimensions of the problem when the dataflow has a directive on them or runs
    unmapped dimensions as MAESTRO does (:attr:`Dataflow.unmapped` ``"maestro"``, ALGORITHM.md §1.2: MAESTRO's
    batched CONV/DSCONV tensors and its NGCONV). Otherwise they run as an outer loop and multiply the result.

    A TRCONV with ``compat=True`` runs as MAESTRO runs it: a plain CONV over the dimensions as written (MAESTRO's
    parser sets an inner stride of 2 that its analysis never reads; 4eb08d1 ``CA_reuse-analysis.hpp`` l. 1210).
    Corrected, it runs as its stride x stride phases (the standard decomposition of a transposed convolution into
    sub-pixel convolutions): each phase is a stride-1 CONV with a ``ceil(R/stride) x ceil(S/stride)`` kernel that
    gives ``ceil(Y_out/stride) x ceil(X_out/stride)`` outputs, so no MAC is spent on the inserted zeros.

    Returns:
        (problem, multiplier) where multiplier = (batch, unless mapped) x (groups, unless mapped) x repeat x
        channel multiplier of a depthwise layer.
    """
    dims_used = {d.dim for d in dataflow.directives if isinstance(d, dataflow_mod.Map)}
    maestro = dataflow.unmapped == "maestro"
    if layer.op is Op.GEMM:
        if dims_used & {"M", "N"}:
            prob = Problem("GEMM", (("M", layer.N * layer.Y * layer.X), ("N", layer.K), ("K", layer.C)))
        else:
            prob = Problem("CONV", (("K", layer.K), ("C", layer.C), ("R", 1), ("S", 1), ("Y", layer.N * layer.Y * layer.X),
                                    ("X", 1)))
        return prob, layer.repeat
    batch = "N" in dims_used or (maestro and layer.N > 1)
    n_dims = (("N", layer.N),) if batch else ()
    times = layer.repeat * (1 if batch else layer.N)
    Y, X = layer.Y + 2 * layer.padding, layer.X + 2 * layer.padding
    R, S, stride = layer.R, layer.S, layer.stride
    if layer.op is Op.TRCONV:
        if compat:
            Y, X, stride = layer.Y, layer.X, 1
        else:
            s = layer.stride
            R, S, stride = -(-R // s), -(-S // s), 1
            Y, X = -(-layer.Y_out // s) + R - 1, -(-layer.X_out // s) + S - 1
            times *= s * s
    spatial = (("R", R), ("S", S), ("Y", Y), ("X", X))
    unbatched = compat and dataflow.unbatched_n and batch  # MAESTRO's tensors of the type index no N
    if layer.op is Op.DWCONV:
        dims = n_dims + (("K", dataflow.dsconv_k if compat else 1), ("C", layer.C)) + spatial
        return Problem("DSCONV", dims, layer.stride, layer.stride, unbatched), times * (layer.K // layer.C)
    g = layer.groups
    if g > 1 and ("G" in dims_used or maestro):
        dims = n_dims + (("G", g), ("K", layer.K // g), ("C", layer.C // g)) + spatial
        return Problem("NGCONV", dims, stride, stride, unbatched), times
    dims = n_dims + (("K", layer.K // g), ("C", layer.C // g)) + spatial
    return Problem("CONV", dims, stride, stride, unbatched), times * g


def _select(layer: Layer, dataflow: "str | Dataflow") -> Dataflow:
    df = dataflow_mod.get(dataflow)
    if layer.op is not Op.DWCONV:
        return df
    dw = df.for_depthwise()
    return replace(dw, unbatched_n=True) if df.unbatched_n and not dw.unbatched_n else dw


def _type_group(layer_type: str) -> str:
    """MAESTRO's tensor group of a layer type as written: its parser makes a TRCONV (and an FC) a CONV."""
    return {"TRCONV": "CONV", "FC": "CONV"}.get(layer_type, layer_type)


def batch_rule(names: Sequence[str], layer_types: Mapping[str, str],
               dimensions: Mapping[str, Mapping[str, int]]) -> dict[str, str]:
    """MAESTRO's file-level batch rule for the layers ``names`` of one file, in file order: MAESTRO builds each
    layer type's tensors once, from the first layer of that type (CONV, TRCONV and FC are one type), so a later
    layer listing a batch N the first one lacks runs unbatched (:attr:`Dataflow.unbatched_n`), and a later layer
    lacking the N the first one lists crashes MAESTRO (4eb08d1 ``API_user-interface-v2.hpp`` AnalyzeClusters).

    Args:
        names: the layers, in the order the file lists them.
        layer_types: layer name -> MAESTRO's type as written (:attr:`MaestroMapping.layer_types`).
        dimensions: layer name -> its ``Dimensions`` as written (:attr:`MaestroMapping.dimensions`).

    Returns:
        Layer name -> ``"unbatched"`` or ``"crash"``, for the layers the rule touches (GEMMs never).
    """
    out: dict[str, str] = {}
    first_of_type: dict[str, str] = {}
    for name in names:
        group = _type_group(layer_types[name])
        if group == "GEMM":
            continue
        first = first_of_type.setdefault(group, name)
        has_n, first_has_n = "N" in dimensions[name], "N" in dimensions[first]
        if has_n != first_has_n:
            out[name] = "unbatched" if has_n else "crash"
    return out


def file_refusal(path: "str | Path", names: Sequence[str], layer_types: Mapping[str, str],
                 dimensions: Mapping[str, Mapping[str, int]], dataflows: "Mapping[str, str] | None" = None
                 ) -> "str | None":
    """Why MAESTRO 4eb08d1 runs none of a file whose layers are ``names`` (in file order), or None: a layer whose
    dataflow text (``dataflows``: layer name -> text, where given) writes a dimension with a typographic quote, which
    our parser reads as ``'`` and MAESTRO does not, or a sum such as ``Sz(S)+7`` (ours reads it; MAESTRO's parser
    fails on it); a layer of type FC (its parser leaves FC a TODO,
    ``DFSL_parser.hpp``, and fails on the file with a parse error); or a layer lacking the batch N its type's first
    layer lists (:func:`batch_rule`: it crashes). The message names the file and the layer.
    """
    for name in names:
        text = re.sub(r"//[^\n]*", "", dataflows.get(name, "")) if dataflows else ""
        if "\u2019" in text:
            return (f"{path}: layer {name!r}: its dataflow writes a dimension with a typographic quote (\u2019, as "
                    "MAESTRO's own tools/frontend/dataflow/maeri.m), which MAESTRO 4eb08d1 does not read (it exits: "
                    "'Dimension Y\u2019 not found'); write Y' and X', or run it without --maestro-compat")
        if "+" in text:
            return (f"{path}: layer {name!r}: its dataflow writes a sum as a map size or offset (e.g. Sz(S)+7), which "
                    "MAESTRO 4eb08d1's parser does not read (a parse error); write its value for the layer, as "
                    "'dse export --format maestro' does, or run it without --maestro-compat")
        if layer_types[name] == "FC":
            return (f"{path}: layer {name!r} is of type FC, which MAESTRO 4eb08d1's parser does not implement (it "
                    "fails on the file); write it as a CONV with R, S, Y and X of 1, or run it without "
                    "--maestro-compat")
    rule = batch_rule(names, layer_types, dimensions)
    for name in names:
        if rule.get(name) == "crash":
            group = _type_group(layer_types[name])
            first = next(n for n in names if _type_group(layer_types[n]) == group)
            return (f"{path}: layer {name!r} lists no batch N, but the file's first {group} layer {first!r} does: "
                    "MAESTRO builds the tensors of a layer type once, from its first layer, and crashes on this one; "
                    "run it without --maestro-compat")
    return None


def pes_needed(layer: Layer, dataflow: "str | Dataflow", constants: "Mapping[str, int] | None", num_pes: int,
               compat: bool = False) -> int:
    """The PEs one top-level cluster of ``dataflow`` takes on ``layer``: the product of its cluster sizes as they
    resolve for this layer, ``constants`` and ``num_pes`` (``ClusterSz`` defaults to the PE count; 1 for a
    template without clusters or a systolic array). The layer runs on ``num_pes`` PEs only if this is at most
    ``num_pes``: MAESTRO divides by zero otherwise (ALGORITHM.md §13; :func:`analyze_layer` refuses it by name).

    Raises:
        DataflowError: an unknown dataflow, or a directive that does not resolve on the layer.
    """
    df = _select(layer, dataflow)
    if df.systolic is not None:
        return 1
    problem, _ = problem_for(layer, df, compat)
    return math.prod(d for d in df.resolve(problem.dim_map, constants, int(num_pes), compat) if isinstance(d, int))


def _df_id(df: Dataflow) -> int:
    """A small int standing for ``df.key`` (equal keys, equal ints), remembered per dataflow object: hashing the
    key's directive tuple on every lookup of the structure cache cost more than the lookup."""
    hit = _DF_OBJS.get(id(df))
    if hit is not None:
        return hit[1]
    kid = _DF_IDS.setdefault(df.key, len(_DF_IDS))
    if len(_DF_OBJS) >= 4096:
        _DF_OBJS.clear()
    _DF_OBJS[id(df)] = (df, kid)  # holding df keeps its id from being reused
    return kid


def _structure(problem: Problem, df: Dataflow, consts: Mapping[str, int], num_pes: int, compat: bool
               ) -> tuple[Structure, np.ndarray]:
    """The compiled structure and its static result vector ``[macs, l1_req, l2_req, *COUNT_NAMES]`` (cached)."""
    fast = (problem, _df_id(df), tuple(sorted(consts.items())) if consts else (), num_pes, compat)
    hit = _CACHE.get(fast)
    if hit is not None:
        _STATS["hits"] += 1
        return hit
    _STATS["misses"] += 1
    resolved = df.resolve(problem.dim_map, consts, num_pes, compat)
    try:
        st = compile_structure(problem, resolved, num_pes, compat)
    except DataflowError as exc:
        raise DataflowError(f"dataflow {df.name!r}: {exc}") from None
    return _remember(fast, st)


def _remember(key: tuple, st: Structure) -> tuple[Structure, np.ndarray]:
    """Form a compiled structure's static vector and keep both under ``key`` (evicting random entries beyond the
    bounds); the pair."""
    top = st.top
    static = np.array([top.macs, top.l1_req, sum(top.req_l2.values())] + [top.counts[c] for c in COUNT_NAMES],
                      dtype=np.float64)
    nbytes = st.nbytes() + sys.getsizeof(static) + _CACHE_ENTRY_BYTES
    if nbytes > _CACHE_MAX_BYTES:
        return st, static  # larger than the whole cache: not kept
    while len(_CACHE) >= _CACHE_MAX or _STATS["bytes"] + nbytes > _CACHE_MAX_BYTES:
        i = _EVICT.randrange(len(_CACHE_KEYS))
        victim = _CACHE_KEYS[i]
        _CACHE_KEYS[i] = _CACHE_KEYS[-1]
        _CACHE_KEYS.pop()
        del _CACHE[victim]
        _STATS["bytes"] -= _CACHE_NBYTES.pop(victim)
    _CACHE[key] = (st, static)
    _CACHE_KEYS.append(key)
    _CACHE_NBYTES[key] = nbytes
    _STATS["bytes"] += nbytes
    return st, static


def _group_order(keys: list[np.ndarray]) -> tuple[np.ndarray, "np.ndarray | None", np.ndarray]:
    """Distinct rows of the key columns (integer arrays of shape (n,)), in ascending order of their values.

    Returns:
        (the groups' key rows, shape (G, len(keys)); the points sorted by group, ascending within a group, shape (n,)
        int64, None when there is one group; the number of points per group, shape (G,) int64).
    """
    n = keys[0].shape[0]
    if n == 1 or all(k.min() == k.max() for k in keys):
        return np.array([[k[0] for k in keys]]), None, np.array([n], dtype=np.int64)
    code = np.zeros(n, dtype=np.int64)
    size = 1
    for k in keys:
        lo, hi = int(k.min()), int(k.max())
        if hi - lo < 1 << 16:  # small range: rank the values by a presence table (np.unique sorts)
            present = np.zeros(hi - lo + 1, dtype=bool)
            shifted = k - lo
            present[shifted] = True
            rank = np.cumsum(present) - 1
            inv, m = rank[shifted], int(rank[-1]) + 1
        else:
            u, inv = np.unique(k, return_inverse=True)
            inv, m = inv.reshape(-1), len(u)
        code = code * m + inv
        size *= m
    order = np.argsort(code.astype(np.uint16) if size <= 1 << 16 else code, kind="stable")
    sc = code[order]
    starts = np.concatenate(([0], np.flatnonzero(sc[1:] != sc[:-1]) + 1))
    counts = np.diff(np.append(starts, n))
    first = order[starts]
    return np.stack([k[first] for k in keys], axis=1), order, counts


def _groups(keys: list[np.ndarray]) -> list[tuple[np.ndarray, np.ndarray | None]]:
    """Distinct rows of the key columns: (key values, indices of the points having them; None = all)."""
    rows, order, counts = _group_order(keys)
    if order is None:
        return [(rows[0], None)]
    return list(zip(rows, np.split(order, np.cumsum(counts)[:-1])))


def analyze_layer(layer: Layer, dataflow: "str | Dataflow", hardware: "Hardware | HardwareBatch",
                  constants: "Mapping[str, int | np.ndarray] | None" = None, *, compat: bool = False,
                  technology: "AnyTechnology | str | None" = None, include_dram: bool = False) -> LayerCost:
    """Cost of ``layer`` under ``dataflow`` at every hardware point of ``hardware``.

    Args:
        layer: the layer (Y/X unpadded; padding is added as MAESTRO files do).
        dataflow: a built-in name (:func:`npu_dse.cost_models.dataflow.names`) or a :class:`Dataflow`; depthwise layers use
            its depthwise variant.
        hardware: one point or a batch of ``n``.
        constants: template constants (``KTileSz``, ``CTileSz``, ``ClusterSz``), each an int or an int array of
            length ``n`` (per point). Missing ones take the template defaults (ClusterSz = num_pes, others 1).
            ``variant`` (int or array) runs a point under a variant of the template
            (:func:`npu_dse.cost_models.dataflow.variant_of`; 0, the template), as a mapping the mapper chose says.
        compat: report MAESTRO's numbers bug for bug instead of the corrected ones (module docstring).
        technology: a technology or its name (:func:`npu_dse.cost_models.technology.resolve`; ``None`` = 28 nm).
        include_dram: under ``technology: maestro``, add off-chip (DRAM) energy to ``energy_pj`` (a physical
            technology always includes it).

    Returns:
        :class:`LayerCost` with arrays of shape ``(n,)``; never NaN.

    Raises:
        DataflowError: an unknown dataflow, an impossible mapping (names the directive; ALGORITHM.md §13).
        HardwareError: a constants array of the wrong length; a buffer size or word width outside the technology's
            tables.
    """
    if constants and "variant" in constants:
        return _analyze_variants(layer, dataflow, hardware, constants, compat=compat, technology=technology,
                                 include_dram=include_dram)
    tech = resolve(technology)
    physical = isinstance(tech, PhysicalTechnology)
    if FAST_ONE_POINT and (isinstance(hardware, Hardware) or (isinstance(hardware, HardwareBatch)
                                                              and len(hardware) == 1)):
        df = _select(layer, dataflow)
        one = _analyze_one if df.systolic is None else _systolic_one
        cost = one(layer, df, hardware, constants, compat, tech, physical, include_dram)
        if cost is not None:
            return cost
    hw = HardwareBatch.coerce(hardware)
    n = len(hw)
    offchip_bw = hw.offchip_bw
    if np.isnan(offchip_bw).any():
        offchip_bw = np.where(np.isnan(offchip_bw), default_offchip_bw(tech, hw.clock_mhz, hw.word_bytes), offchip_bw)
    df = _select(layer, dataflow)
    roofline = physical and not compat and df.systolic is None
    if df.systolic is not None:
        raw_rt, peak, static, dram_elems = _systolic(layer, df.systolic, hw, offchip_bw, physical)
        mult = 1
    else:  # under the off-chip roofline the engine runs without MAESTRO's per-iteration floor (offchip_bw = inf)
        raw_rt, peak, static, mult = _engine(layer, df, hw, constants, compat,
                                             np.full(n, np.inf) if roofline else offchip_bw, n)
        dram_elems = None
    raw_macs, l1_req, l2_req = static[:, 0], static[:, 1], static[:, 2]
    counts = {c: static[:, 3 + i] * mult for i, c in enumerate(COUNT_NAMES)}
    P = hw.num_pes.astype(np.float64)
    simd = hw.simd_lanes.astype(np.float64)
    maestro_rt = raw_rt * mult
    maestro_macs = raw_macs * mult
    if compat:
        runtime = maestro_rt
        macs = maestro_macs
    else:
        macs = np.full(n, float(layer.macs))
        runtime = np.maximum(maestro_rt, np.ceil(macs / (P * simd)))
    if dram_elems is None and roofline:  # the tensors the L2 keeps come once, the others tile by tile
        with np.errstate(divide="ignore", invalid="ignore"):
            revisits = np.where(counts["output_l2_read"] > 0, counts["output_l2_write"] / counts["output_l2_read"], 1.0)
        dram_elems = offchip_traffic(counts["input_l2_write"], counts["input_l2_read"], counts["filter_l2_write"],
                                     counts["filter_l2_read"], np.full(n, _output_elems(layer)), revisits,
                                     float(mult), l2_req, hw.l2_bytes / hw.word_bytes)
    elif dram_elems is None:  # MAESTRO's counters: the L2 filled from DRAM, the outputs read out to it
        # Under a physical technology the outputs leave once each: MAESTRO's output_l2_read counts a strided
        # layer's outputs at stride 1 (ResNet-50's conv1: 4x its 802,816 outputs), which no DRAM carries.
        outputs = counts["output_l2_read"] if not physical else \
            np.full(n, _output_elems(layer))
        dram_elems = counts["input_l2_write"] + counts["filter_l2_write"] + outputs
    if roofline:
        with np.errstate(over="ignore"):
            dram_rt = np.ceil(dram_elems / offchip_bw)
        runtime = np.maximum(runtime, np.where(dram_rt < _MAX_CYCLES, dram_rt, np.inf))  # inf: refused below
    return _finish(layer, df, hw, tech, physical, offchip_bw, runtime, macs, counts, dram_elems, l1_req, l2_req,
                   peak, maestro_rt, maestro_macs, include_dram, compat)


def _analyze_variants(layer: Layer, dataflow: "str | Dataflow", hardware: "Hardware | HardwareBatch",
                      constants: Mapping, **engine) -> LayerCost:
    """:func:`analyze_layer` of points whose constants name a template ``variant``: each group of points with one
    variant under that template, reassembled in the points' order (the ``dataflow`` field is ``dataflow``'s)."""
    hw = HardwareBatch.coerce(hardware)
    n = len(hw)
    codes = np.broadcast_to(np.asarray(constants["variant"], dtype=np.int64), (n,))
    rest = {k: v for k, v in constants.items() if k != "variant"}
    base = dataflow_mod.get(dataflow)
    parts = []
    for code in np.unique(codes).tolist():
        idx = np.flatnonzero(codes == code)
        sub = {k: (np.asarray(v)[idx] if np.ndim(v) else v) for k, v in rest.items()}
        cost = analyze_layer(layer, dataflow_mod.variant_of(base, code), hw.take(idx), sub or None, **engine)
        parts.append((idx, cost))
    return gather_costs(parts, n, dataflow=base.name)


def gather_costs(parts: "list[tuple[np.ndarray, LayerCost]]", n: int, **fixed) -> LayerCost:
    """One :class:`LayerCost` of ``n`` points from costs of disjoint groups of them: ``parts`` holds (the points'
    indices, shape (k,), their cost); the array fields are placed at those indices (0 at points no part covers),
    the others come from the first part, or from ``fixed``."""
    kw = {}
    for f in fields(parts[0][1]):
        v = getattr(parts[0][1], f.name)
        if isinstance(v, np.ndarray):
            arr = np.zeros(n, dtype=v.dtype)
            for idx, c in parts:
                arr[idx] = getattr(c, f.name)
            kw[f.name] = arr
        else:
            kw[f.name] = v
    kw.update(fixed)
    return LayerCost(**kw)


def _offchip_statistic_divides_by_zero(layer: Layer, dataflow: Dataflow, num_pes: int,
                                       constants: "Mapping[str, int] | None" = None) -> bool:
    """Whether MAESTRO crashes (SIGFPE) on ``layer`` under ``dataflow``: a kept case of the outermost level whose
    compute delay is 0 because every case of the level below is skipped, which MAESTRO's off-chip bandwidth
    requirement divides by (ALGORITHM.md §11, §13). It held on every layer of MAESTRO's shipped files (52 crashing
    layers, none of the 6,138 it runs) and on both random files."""
    df = _select(layer, dataflow)
    if df.systolic is not None:
        return False
    problem, _ = problem_for(layer, df, True)
    st, _ = _structure(problem, df, dict(constants or {}), num_pes, True)
    top = st.nodes[-1]
    if top.innermost or top.occ.size == 0:
        return False
    empty = np.array([node.occ.size == 0 for node in st.nodes])
    return bool(np.any(empty[top.sub_a] & empty[top.sub_b]))


def maestro_crash(layer: Layer, dataflow: "str | Dataflow", num_pes: int,
                  constants: "Mapping[str, int] | None" = None) -> "str | None":
    """Why MAESTRO 4eb08d1 does not run ``layer`` under ``dataflow`` (a file's or a template's, with its scalar
    ``constants``) on ``num_pes`` PEs where this engine does, or None: an untyped ``Cluster(n)`` (a parse error
    there) or the division by zero of its off-chip bandwidth statistic
    (:func:`_offchip_statistic_divides_by_zero`). What ``compat=True`` refuses, as MAESTRO runs nothing there.
    """
    df = dataflow_mod.get(dataflow)
    untyped = [d for d in df.directives if isinstance(d, dataflow_mod.ClusterDirective) and not d.typed]
    if untyped:
        return (f"'Cluster({untyped[0].size})' gives no cluster type: MAESTRO's parser reads the next token as the "
                f"type and fails on the file (DFSL_parser.hpp); write 'Cluster({untyped[0].size}, P)'")
    if _offchip_statistic_divides_by_zero(layer, df, int(num_pes), constants):
        return (f"MAESTRO divides by zero here on {int(num_pes)} PEs: a case of the outermost level has no compute "
                "(every case of the level below is skipped), and its off-chip bandwidth statistic divides by that "
                "(ALGORITHM.md §11, §13); run it without --maestro-compat")
    return None


def _refuse_maestro_crash(layer: Layer, dataflow: Dataflow, num_pes: "list[int]",
                          constants: "Mapping[str, int] | None" = None) -> None:
    """Raise :func:`maestro_crash`'s reason at the first of the PE counts ``num_pes`` that has one.

    Raises:
        DataflowError: the reason.
    """
    for pes in num_pes:
        reason = maestro_crash(layer, dataflow, int(pes), constants)
        if reason is not None:
            raise DataflowError(reason)


def _point_scalars(hardware: "Hardware | HardwareBatch") -> tuple | None:
    """The fields of one hardware point as Python numbers, as a batch of one holds them (ints; floats, ``inf`` for
    an unprovisioned buffer, ``nan`` for an off-chip bandwidth from the technology); None for an integer beyond
    int64 (the batch refuses it) or separate L2 buffers (the one-point path prices one L2)."""
    if isinstance(hardware, Hardware):
        h = hardware
        if h.l2_input_bytes or h.l2_filter_bytes or h.l2_output_bytes:
            return None  # separate L2 buffers: the vectorised path prices them
        ints = (h.num_pes, h.noc_hops, h.noc_hop_latency, h.simd_lanes, h.word_bytes)
        if max(ints) >= _INT64_HALF:
            return None
        return (*ints, float(h.noc_bw), math.nan if h.offchip_bw is None else float(h.offchip_bw),
                math.inf if h.l1_bytes is None else float(h.l1_bytes),
                math.inf if h.l2_bytes is None else float(h.l2_bytes), float(h.clock_mhz))
    b = hardware
    if b.has_l2_tensor_buffers:
        return None
    return (int(b.num_pes[0]), int(b.noc_hops[0]), int(b.noc_hop_latency[0]), int(b.simd_lanes[0]),
            int(b.word_bytes[0]), float(b.noc_bw[0]), float(b.offchip_bw[0]), float(b.l1_bytes[0]),
            float(b.l2_bytes[0]), float(b.clock_mhz[0]))


def _analyze_one(layer: Layer, df: Dataflow, hardware: "Hardware | HardwareBatch", constants, compat: bool, tech,
                 physical: bool, include_dram: bool) -> "LayerCost | None":
    """:func:`analyze_layer` at one hardware point of a MAESTRO-engine dataflow, in Python floats
    (:mod:`.onepoint`): bit-for-bit the vectorised path's result, or None where that cannot be promised (the
    caller then runs the vectorised path, which also raises the errors for inputs it refuses)."""
    hv = _point_scalars(hardware)
    if hv is None:
        return None
    P_int, hops, hop_lat, simd_int, wb, noc_bw, offchip_bw, l1_hw, l2_hw, clock = hv
    lat_int = hops * hop_lat
    if lat_int >= _INT64_HALF:
        return None
    consts: dict[str, int] = {}
    if constants:
        used = df._constants  # type: ignore[attr-defined]
        for c in sorted(c for c in constants if c in used):
            a = np.asarray(constants[c])
            if a.ndim == 0:
                v = int(a)
                if not -_INT64_HALF < v < _INT64_HALF:
                    return None
            elif a.shape == (1,):
                v = int(a.astype(np.int64)[0])
            else:
                return None  # the vectorised path names the bad shape
            consts[c] = v
    try:
        fkey = (layer, _df_id(df), compat, tuple(consts.items()), P_int)
        rec = _ONE.get(fkey)
    except TypeError:  # an unhashable layer
        return None
    if rec is None:
        problem, mult = problem_for(layer, df, compat)
        rec = _one_record(layer, *_structure(problem, df, consts, P_int, compat), mult)
        if len(_ONE) >= _ONE_MAX:
            _ONE.clear()
        _ONE[fkey] = rec
    else:
        _STATS["hits"] += 1
    st, mult, cvals, raw_macs, l1_req, l2_req, true_macs, dram_m, dram_p, sums_l1, sums_l2, phys_sums = rec
    if offchip_bw != offchip_bw:  # nan: the technology's DRAM bandwidth
        offchip_bw = _default_offchip_bw_one(tech, clock, wb)
    simd = float(simd_int)
    roofline = physical and not compat
    if roofline:  # as the vectorised path: the tensors the L2 keeps come once, the others tile by tile
        ow, orr = cvals[_COUNT_INDEX["output_l2_write"]], cvals[_COUNT_INDEX["output_l2_read"]]
        dram_p = offchip_traffic(cvals[_COUNT_INDEX["input_l2_write"]], cvals[_COUNT_INDEX["input_l2_read"]],
                                 cvals[_COUNT_INDEX["filter_l2_write"]], cvals[_COUNT_INDEX["filter_l2_read"]],
                                 _output_elems(layer), ow / orr if orr > 0 else 1.0, float(mult), l2_req, l2_hw / wb)
    try:
        raw_rt, peak = runtime_cycles_one(st, noc_bw, math.inf if roofline else offchip_bw, float(lat_int), simd,
                                          compat)
        dram_rt = float(math.ceil(dram_p / offchip_bw)) if roofline else 0.0
    except (GiveUp, OverflowError, ZeroDivisionError, ValueError):
        return None
    if dram_rt >= _MAX_CYCLES:
        return None  # the vectorised path refuses it by name
    maestro_rt = raw_rt * mult
    maestro_macs = raw_macs * mult
    return _finish_one(layer, df, tech, physical, include_dram, compat, P_int, simd, hops, wb, noc_bw, l1_hw, l2_hw,
                       clock, maestro_rt, maestro_macs, true_macs, l1_req, l2_req, dram_p if physical else dram_m,
                       phys_sums, sums_l1, sums_l2, cvals, peak, None, dram_rt)


def _finish_one(layer: Layer, df: Dataflow, tech, physical: bool, include_dram: bool, compat: bool, P_int: int,
                simd: float, hops: int, wb: int, noc_bw: float, l1_hw: float, l2_hw: float, clock: float,
                maestro_rt: float, maestro_macs: float, true_macs: float, l1_req: float, l2_req: float,
                dram_elems: float, phys_sums: tuple, sums_l1: float, sums_l2: float, cvals: list, peak: float,
                acc: tuple | None, dram_rt: float = 0.0) -> "LayerCost | None":
    """:func:`_finish` at one point, in Python floats, for both one-point paths; None where the vectorised path must
    decide. ``acc``: under a physical technology, a systolic array's accumulator SRAM as ``(pe_rows, its reads,
    its writes)``; it is sized from the L2 (:func:`_accumulator_bytes_one`), priced by
    :func:`.onepoint.physical_cost_one` and counted in ``sram_bytes``. ``dram_rt``: the off-chip roofline's
    cycles (the DRAM traffic over the off-chip bandwidth), a floor on the corrected runtime."""
    P = float(P_int)
    try:
        if compat:
            runtime = maestro_rt
            macs = maestro_macs
        else:
            macs = true_macs
            floor_rt = float(math.ceil(macs / (P * simd)))
            runtime = maestro_rt if maestro_rt >= floor_rt else floor_rt
            runtime = runtime if runtime >= dram_rt else dram_rt
        l1_req_b = l1_req * wb
        l2_req_b = l2_req * wb
        if compat and not physical:  # MAESTRO costs the buffers it needs, whatever its l1/l2_size_cstr
            l1_cost, l2_cost = l1_req_b, l2_req_b
        else:
            l1_cost = l1_hw if math.isfinite(l1_hw) else l1_req_b
            l2_cost = l2_hw if math.isfinite(l2_hw) else l2_req_b
        latency_ms = runtime / (clock * 1e3)
        acc_sram = None if acc is None else (_accumulator_bytes_one(l2_cost, P_int, acc[0]), acc[1], acc[2])
        if physical:
            ap = physical_cost_one(tech, macs, runtime, phys_sums, P, simd, l1_cost, l2_cost, noc_bw, hops, wb, clock,
                                   dram_elems, acc_sram)
            energy, mac_e, l1_e, l2_e, dram_e = (ap["energy_pj"], ap["mac_energy_pj"], ap["l1_energy_pj"],
                                                 ap["l2_energy_pj"], ap["dram_energy_pj"])
            noc_e, leak_e, leak_mw = ap["noc_energy_pj"], ap["leakage_energy_pj"], ap["leakage_mw"]
        else:
            mac_e = macs * tech.mac_energy_pj
            l1_e = sums_l1 * tech.l1_energy_pj
            l2_e = sums_l2 * tech.l2_energy_pj
            dram_e = dram_elems * tech.dram_energy_pj
            energy = mac_e + l1_e + l2_e + (dram_e if include_dram else 0.0)
            noc_e = leak_e = leak_mw = 0.0
            ap = maestro_area_power_one(tech, P, simd, noc_bw, l1_cost, l2_cost)
        util = macs / (runtime * P * simd) if runtime > 0 else 0.0
    except (OverflowError, ZeroDivisionError):
        return None
    if not (math.isfinite(runtime) and math.isfinite(energy) and math.isfinite(ap["power_mw"])
            and math.isfinite(ap["area_um2"])):
        return None  # the vectorised path refuses it by name
    block = np.array([
        runtime, energy, l1_req_b, l2_req_b, ap["area_um2"], ap["power_mw"], macs, util, mac_e, l1_e, l2_e,
        dram_e, noc_e, leak_e, leak_mw, latency_ms, l1_cost, P * l1_cost + l2_cost + (0.0 if acc_sram is None else acc_sram[0]),
        ap["pe_power_mw"], ap["l1_power_mw"], ap["l2_power_mw"], ap["noc_power_mw"], peak,
        dram_elems / (runtime if runtime >= 1.0 else 1.0), maestro_rt, maestro_macs, *cvals]).reshape(-1, 1)
    return _OnePointCost(layer.name, df.name, block, l1_req_b <= l1_hw and l2_req_b <= l2_hw, P_int)


_MAX_CYCLES = 2.0 ** 63
"""An off-chip roofline at or above this many cycles (beyond an int64 counter) is refused as an overflow, as
MAESTRO's own off-chip term overflows: the bandwidth behind it is not a design."""

_SYS_ONE: dict[tuple, tuple] = {}  # (layer, (rows, cols), stationary, buffers) -> systolic.engine_counts, flattened


@functools.lru_cache(maxsize=4096)
def _accumulator_bytes_one(l2_bytes: float, num_pes: int, pe_rows: int) -> float:
    """:func:`npu_dse.cost_models.systolic.accumulator_bytes` at one point (bytes), as a batch of one computes it;
    remembered (every layer of a design asks for the same)."""
    from npu_dse.cost_models.systolic import accumulator_bytes

    return float(accumulator_bytes(np.array([l2_bytes]), np.array([num_pes]), np.array([pe_rows]))[0])


def _systolic_one(layer: Layer, df: Dataflow, hardware: "Hardware | HardwareBatch", constants, compat: bool, tech,
                  physical: bool, include_dram: bool) -> "LayerCost | None":
    """:func:`analyze_layer` at one hardware point of a systolic dataflow, in Python floats: :func:`_systolic`'s
    choice of the faster stationary operand (its engine counts remembered per layer and array), then
    :func:`_finish_one`; bit for bit the vectorised path's result, or None where that cannot be promised."""
    from npu_dse.cost_models.systolic import SystolicArray, array_dims, engine_counts

    hv = _point_scalars(hardware)
    if hv is None:
        return None
    P_int, hops, hop_lat, simd_int, wb, noc_bw, offchip_bw, l1_hw, l2_hw, clock = hv
    pe_rows = int(hardware.pe_rows if isinstance(hardware, Hardware) else hardware.pe_rows[0])
    if offchip_bw != offchip_bw:  # nan: the technology's DRAM bandwidth
        offchip_bw = _default_offchip_bw_one(tech, clock, wb)
    try:
        dims = array_dims(P_int, pe_rows)
    except HardwareError:
        return None  # the vectorised path raises it
    if physical and l2_hw < math.inf:  # _systolic_buffers at this point
        from npu_dse.cost_models.systolic import ACC_BITS

        buffers = (l2_hw / wb, _accumulator_bytes_one(l2_hw, P_int, pe_rows) / (ACC_BITS // 8))
    else:
        buffers = (math.inf, math.inf)
    best = None
    for choice in (("ws", "os") if df.systolic == "both" else (df.systolic,)):
        key = (layer, dims, choice, buffers)
        try:
            rec = _SYS_ONE.get(key)
        except TypeError:  # an unhashable layer
            return None
        if rec is None:
            e = engine_counts(layer, SystolicArray(*dims, choice), *buffers)
            rec = (e["compute_cycles"], e["input_l2_read"] + e["filter_l2_read"] + e["output_l2_read"], e["dram"],
                   e["peak"], e["l1_req"], e["l2_req"], [float(e[c]) for c in COUNT_NAMES])
            if len(_SYS_ONE) >= _ONE_MAX:
                _SYS_ONE.clear()
            _SYS_ONE[key] = rec
        compute, l2_reads, dram, peak, l1_req, l2_req, cvals = rec
        try:
            rt = max(compute, float(math.ceil(l2_reads / noc_bw)), float(math.ceil(dram / offchip_bw)))
        except (OverflowError, ZeroDivisionError, ValueError):
            return None
        if best is None or rt < best[0]:
            best = (rt, dram, peak, l1_req, l2_req, cvals)
    raw_rt, dram, peak, l1_req, l2_req, cvals = best
    counts = dict(zip(COUNT_NAMES, cvals))
    tensors = ("input", "filter", "output")
    phys_sums = tuple(sum(counts[f"{t}_{m}"] for t in tensors) for m in ("l1_read", "l1_write", "l2_read", "l2_write"))
    sums_l1 = sum(counts[c] for c in COUNT_NAMES if "_l1_" in c)
    sums_l2 = sum(counts[c] for c in COUNT_NAMES if "_l2_" in c)
    acc = (pe_rows, counts["output_l2_read"], counts["output_l2_write"]) if physical else None
    macs = float(layer.macs)
    return _finish_one(layer, df, tech, physical, include_dram, compat, P_int, float(simd_int), hops, wb, noc_bw,
                       l1_hw, l2_hw, clock, raw_rt, macs, macs, l1_req, l2_req, dram, phys_sums, sums_l1, sums_l2,
                       cvals, peak, acc)


@functools.lru_cache(maxsize=256)
def _default_offchip_bw_one(tech: AnyTechnology, clock_mhz: float, word_bytes: int) -> float:
    """:func:`default_offchip_bw` at one point (elements/cycle), remembered per (technology, clock, word width)."""
    return float(default_offchip_bw(tech, clock_mhz, word_bytes))


def _output_elems(layer: Layer) -> float:
    """Output elements the layer writes once each (all its runs), as the off-chip traffic counts them."""
    return float(layer.N * layer.K * layer.Y_out * layer.X_out * layer.repeat)


def _one_record(layer: Layer, st: Structure, svec: np.ndarray, mult: int) -> tuple:
    """What the one-point path needs of (layer, structure, multiplier), computed once: the structure, the
    multiplier, the counts times the multiplier, raw MACs, L1/L2 requirements, true MACs, the DRAM traffic under
    MAESTRO's constants and under a physical technology, the L1 and L2 count sums (COUNT_NAMES order) and the
    physical technology's (L1 reads, L1 writes, L2 reads, L2 writes); every sum in the vectorised path's order."""
    sv = svec.tolist()
    cvals = [v * mult for v in sv[3:]]
    counts = dict(zip(COUNT_NAMES, cvals))
    base = counts["input_l2_write"] + counts["filter_l2_write"]
    outputs = _output_elems(layer)
    tensors = ("input", "filter", "output")
    phys = tuple(sum(counts[f"{t}_{m}"] for t in tensors) for m in ("l1_read", "l1_write", "l2_read", "l2_write"))
    return (st, mult, cvals, sv[0], sv[1], sv[2], float(layer.macs), base + counts["output_l2_read"], base + outputs,
            sum(cvals[i] for i in _L1_COUNTS), sum(cvals[i] for i in _L2_COUNTS), phys)


_ONE_FIELDS = ("runtime_cycles", "energy_pj", "l1_req_bytes", "l2_req_bytes", "area_um2", "power_mw", "macs",
               "utilization", "mac_energy_pj", "l1_energy_pj", "l2_energy_pj", "dram_energy_pj", "noc_energy_pj",
               "leakage_energy_pj", "leakage_mw", "latency_ms", "l1_bytes", "sram_bytes", "pe_power_mw",
               "l1_power_mw", "l2_power_mw", "noc_power_mw", "noc_bw_req", "offchip_bw_avg",
               "maestro_runtime_cycles", "maestro_macs", *COUNT_NAMES)
_ONE_INDEX = {f: i for i, f in enumerate(_ONE_FIELDS)}


class _OnePointCost(LayerCost):
    """A :class:`LayerCost` of one point whose float fields are rows of one ``(fields, 1)`` block, each made a
    shape-(1,) view on first access (building 40 arrays per call was a fifth of the one-point path's time)."""

    def __init__(self, layer: str, dataflow: str, block: np.ndarray, feasible: bool, num_pes: int) -> None:
        d = self.__dict__
        d["layer"] = layer
        d["dataflow"] = dataflow
        d["feasible"] = np.array([feasible])
        d["num_pes"] = np.array([num_pes], dtype=np.int64)
        d["_block"] = block

    def __getattr__(self, name: str):
        i = _ONE_INDEX.get(name)
        block = self.__dict__.get("_block")
        if i is None or block is None:
            raise AttributeError(name)
        v = self.__dict__[name] = block[i]
        return v


def _systolic(layer: Layer, stationary: str, hw: HardwareBatch, offchip_bw: np.ndarray, physical: bool
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Runtime, peak NoC demand, the static vector and the DRAM traffic (elements) of a systolic dataflow at every
    point (rows x cols: the point's ``pe_rows``, else the squarest array of its PEs,
    :func:`npu_dse.cost_models.systolic.array_dims`). Runtime is the array's
    compute cycles, but no less than its L2 reads over the NoC bandwidth or its DRAM traffic over the off-chip
    bandwidth (SCALE-Sim's stall-free cycles when both are ample). ``stationary`` ``"both"`` takes, per point, the
    faster of weight- and output-stationary (weight-stationary on a tie), as Gemmini's ``Dataflow.BOTH`` lets its
    software choose per layer. Under a physical technology (``physical``) the point's scratchpad and accumulator
    decide the schedule and its DRAM traffic (:func:`_systolic_buffers`,
    :func:`npu_dse.cost_models.systolic.capacity_schedule`); under MAESTRO's constants the buffers are unbounded."""
    from npu_dse.cost_models.systolic import SystolicArray, array_dims, engine_counts

    n = len(hw)
    raw_rt, peak, dram_elems = np.full(n, np.inf), np.empty(n), np.empty(n)
    static = np.empty((n, 3 + len(COUNT_NAMES)))
    choices = ("ws", "os") if stationary == "both" else (stationary,)  # Gemmini's BOTH: the faster, per layer
    scratch, acc = _systolic_buffers(hw, physical)
    (s_vals, s_code), (a_vals, a_code) = (np.unique(v, return_inverse=True) for v in (scratch, acc))
    for key, idx in _groups([hw.num_pes, hw.pe_rows, s_code.reshape(-1), a_code.reshape(-1)]):
        idx = np.arange(n) if idx is None else idx
        dims = array_dims(int(key[0]), int(key[1]))
        buffers = float(s_vals[int(key[2])]), float(a_vals[int(key[3])])
        for choice in choices:
            e = engine_counts(layer, SystolicArray(*dims, choice), *buffers)
            l2_reads = e["input_l2_read"] + e["filter_l2_read"] + e["output_l2_read"]
            rt = np.maximum(e["compute_cycles"], np.maximum(np.ceil(l2_reads / hw.noc_bw[idx]),
                                                            np.ceil(e["dram"] / offchip_bw[idx])))
            better = rt < raw_rt[idx]
            if not np.any(better):
                continue
            at = idx[better]
            dram_elems[at] = e["dram"]
            raw_rt[at] = rt[better]
            peak[at] = e["peak"]
            static[at] = [float(layer.macs), e["l1_req"], e["l2_req"]] + [e[c] for c in COUNT_NAMES]
    return raw_rt, peak, static, dram_elems


def _systolic_buffers(hw: HardwareBatch, physical: bool) -> tuple[np.ndarray, np.ndarray]:
    """(scratchpad elements, accumulator entries) per point for :func:`npu_dse.cost_models.systolic.
    capacity_schedule`: the L2 in words and its accumulator (:func:`npu_dse.cost_models.systolic.
    accumulator_bytes`) in :data:`~npu_dse.cost_models.systolic.ACC_BITS`-bit entries; ``inf`` where the L2 is
    unconstrained, and everywhere unless ``physical``."""
    from npu_dse.cost_models.systolic import ACC_BITS, accumulator_bytes

    n = len(hw)
    if not physical:
        return np.full(n, np.inf), np.full(n, np.inf)
    finite = np.isfinite(hw.l2_bytes)
    scratch = np.where(finite, hw.l2_bytes / hw.word_bytes, np.inf)
    acc = np.full(n, np.inf)
    if finite.any():
        acc[finite] = accumulator_bytes(hw.l2_bytes[finite], hw.num_pes[finite], hw.pe_rows[finite]) / (ACC_BITS // 8)
    return scratch, acc


def _engine(layer: Layer, df: Dataflow, hw: HardwareBatch, constants, compat: bool, offchip_bw: np.ndarray,
            n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """Runtime, peak NoC demand and static vector ``[macs, l1_req, l2_req, *COUNT_NAMES]`` from MAESTRO's engine
    (per run of the problem), and how many times the problem runs (:func:`problem_for`).

    The points are grouped by structure (PE count and template constants); all groups are evaluated in one pass
    (:mod:`.batched`) when :data:`BATCHED` is set and the result is sure to be bit-for-bit that of evaluating
    group by group (:func:`_engine_per_group`), else group by group."""
    problem, mult = problem_for(layer, df, compat)
    cnames = sorted(c for c in constants if c in df.constants) if constants else []
    carr = {}
    for c in cnames:
        a = np.asarray(constants[c])
        if a.ndim == 0:
            a = np.full(n, int(a), dtype=np.int64)
        if a.shape != (n,):
            raise HardwareError(f"constant {c!r} has shape {a.shape}, expected ({n},) or a scalar")
        carr[c] = a.astype(np.int64)
    lat_all = (hw.noc_hops * hw.noc_hop_latency).astype(np.float64)
    simd_all = hw.simd_lanes.astype(np.float64)
    rows, order, counts = _group_order([hw.num_pes] + [carr[c] for c in cnames])
    if BATCHED:
        out = _engine_stacked(problem, df, cnames, compat, rows, order, counts,
                              (hw.noc_bw, offchip_bw, lat_all, simd_all))
        if out is not None:
            return (*out, mult)
    return (*_engine_per_group(problem, df, cnames, compat, rows, order, counts, (hw.noc_bw, offchip_bw, lat_all,
                                                                                 simd_all)), mult)


def _group_structures(problem: Problem, df: Dataflow, cnames: list[str], compat: bool, rows: np.ndarray
                      ) -> list[tuple[Structure, np.ndarray]]:
    """The structure and static vector of every group (key rows from :func:`_group_order`), in order. Those not
    cached are compiled together (:func:`.batch_compile.compile_many`) when :data:`BATCH_COMPILE` is set and there
    are at least :data:`_BATCH_MIN` of them; any it leaves (and every error) go through :func:`_structure`."""
    consts = [{c: int(row[i + 1]) for i, c in enumerate(cnames)} for row in rows]
    pes = rows[:, 0].tolist()
    out: list = [None] * len(rows)
    if BATCH_COMPILE and len(rows) >= _BATCH_MIN:
        did = _df_id(df)
        keys = [(problem, did, tuple(c.items()), int(p), compat) for c, p in zip(consts, pes)]
        missing = []
        for g, key in enumerate(keys):
            hit = _CACHE.get(key)
            if hit is None:
                missing.append(g)
            else:
                _STATS["hits"] += 1
                out[g] = hit
        if len(missing) >= _BATCH_MIN:
            sub = rows[missing]
            built = compile_many(problem, df, {c: sub[:, i + 1] for i, c in enumerate(cnames)}, sub[:, 0], compat)
            for g, st in zip(missing, built):
                if st is not None:
                    _STATS["misses"] += 1
                    out[g] = _remember(keys[g], st)
    return [pair if pair is not None else _structure(problem, df, consts[g], int(pes[g]), compat)
            for g, pair in enumerate(out)]


def _engine_stacked(problem: Problem, df: Dataflow, cnames: list[str], compat: bool, rows: np.ndarray,
                    order: "np.ndarray | None", counts: np.ndarray, point_arrays: tuple
                    ) -> "tuple[np.ndarray, np.ndarray, np.ndarray] | None":
    """Runtime, peak NoC demand (shape (n,)) and static vectors (shape (n, S)) of every point, all groups in one
    pass (:func:`.batched.runtime_cycles_stacked`); None where that cannot promise the per-group result.

    ``rows``, ``order``, ``counts`` are :func:`_group_order`'s; ``point_arrays`` the points' NoC bandwidth,
    off-chip bandwidth (elements/cycle), NoC latency (cycles) and SIMD lanes, float64 shape (n,)."""
    key = (problem, _df_id(df), tuple(cnames), compat, rows.shape, rows.dtype.str, rows.tobytes())
    found, stack = cached_stack(key)
    if found:
        _STATS["hits"] += len(rows)
    else:
        done = False
        if BATCH_COMPILE and len(rows) >= _DIRECT_MIN:
            done, stack = stack_many(problem, df, {c: rows[:, i + 1] for i, c in enumerate(cnames)}, rows[:, 0],
                                     compat)
            if done:
                _STATS["misses"] += len(rows)
        if not done:
            pairs = _group_structures(problem, df, cnames, compat, rows)
            stack = build_stack([st for st, _ in pairs], [sv for _, sv in pairs])
        remember_stack(key, stack)
    if stack is None:
        return None
    if order is not None:
        point_arrays = tuple(a.take(order) for a in point_arrays)
    out = runtime_cycles_stacked(stack, counts, *point_arrays, compat=compat)
    if out is None:
        return None
    rt, peak = out
    n = rt.shape[0]
    if order is None:
        return rt, peak, stack.static.take(np.zeros(n, dtype=np.int64), axis=1).T
    group = np.empty(n, dtype=np.int64)
    group[order] = np.repeat(np.arange(len(counts), dtype=np.int64), counts)
    raw_rt = np.empty(n)
    raw_rt[order] = rt
    raw_peak = np.empty(n)
    raw_peak[order] = peak
    return raw_rt, raw_peak, stack.static.take(group, axis=1).T


def _engine_per_group(problem: Problem, df: Dataflow, cnames: list[str], compat: bool, rows: np.ndarray,
                      order: "np.ndarray | None", counts: np.ndarray, point_arrays: tuple
                      ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`_engine_stacked`'s result, one :func:`.evaluate.runtime_cycles` call per group (the reference)."""
    noc_bw, offchip_bw, lat_all, simd_all = point_arrays
    n = noc_bw.shape[0]
    raw_rt = np.empty(n)
    peak = np.empty(n)
    static = np.empty((n, 3 + len(COUNT_NAMES)))
    pairs = _group_structures(problem, df, cnames, compat, rows)  # overflow is caught in _finish, by name
    if order is None:
        (st, svec), = pairs
        rt, pk = runtime_cycles(st, noc_bw, offchip_bw, lat_all, simd_all, compat=compat)
        raw_rt[:], peak[:], static[:] = rt, pk, svec
        return raw_rt, peak, static
    for (st, svec), idx in zip(pairs, np.split(order, np.cumsum(counts)[:-1])):
        rt, pk = runtime_cycles(st, noc_bw[idx], offchip_bw[idx], lat_all[idx], simd_all[idx], compat=compat)
        raw_rt[idx], peak[idx], static[idx] = rt, pk, svec
    return raw_rt, peak, static


def _finish(layer: Layer, df: Dataflow, hw: HardwareBatch, tech, physical: bool, offchip_bw: np.ndarray,
            runtime: np.ndarray, macs: np.ndarray, counts: dict, dram_elems: np.ndarray, l1_req: np.ndarray,
            l2_req: np.ndarray,
            peak: np.ndarray, maestro_rt: np.ndarray, maestro_macs: np.ndarray, include_dram: bool,
            compat: bool = False) -> LayerCost:
    """Energy, area, power, feasibility and the :class:`LayerCost` from an engine's runtime and counts. Under
    MAESTRO's constants with ``compat`` the buffers are costed at their requirement, as MAESTRO costs them whatever
    its ``l1_size_cstr``/``l2_size_cstr`` (checked against its binary with a hardware file that sets them)."""
    n = len(hw)
    P = hw.num_pes.astype(np.float64)
    simd = hw.simd_lanes.astype(np.float64)
    l1_req_b = l1_req * hw.word_bytes
    l2_req_b = l2_req * hw.word_bytes
    if compat and not physical:
        l1_cost, l2_cost = l1_req_b, l2_req_b
    else:
        l1_cost = np.where(np.isfinite(hw.l1_bytes), hw.l1_bytes, l1_req_b)
        l2_cost = np.where(np.isfinite(hw.l2_bytes), hw.l2_bytes, l2_req_b)
    latency_ms = runtime / (hw.clock_mhz * 1e3)
    from npu_dse.cost_models.systolic import ACC_BITS, accumulator_bytes

    # a systolic array's partial sums accumulate in their own SRAM
    acc_bytes = accumulator_bytes(l2_cost, hw.num_pes, hw.pe_rows) if df.systolic is not None and physical else None
    banks = hw.l2_tensor_bytes if hw.has_l2_tensor_buffers else None
    if banks is not None and df.systolic is not None:
        raise HardwareError(f"dataflow {df.name!r}: separate L2 buffers per tensor (hardware fields l2_input_bytes, "
                            "l2_filter_bytes, l2_output_bytes) are not modelled with a systolic array, whose "
                            "accumulator SRAM is its output buffer")
    if physical:
        c = tech.layer_cost(macs=macs, runtime_cycles=runtime, counts=counts, num_pes=hw.num_pes, simd_lanes=simd,
                            l1_bytes=l1_cost, l2_bytes=l2_cost, noc_bw=hw.noc_bw, noc_hops=hw.noc_hops,
                            word_bytes=hw.word_bytes, clock_mhz=hw.clock_mhz, dram_elems=dram_elems,
                            acc_bytes=acc_bytes, acc_bits=ACC_BITS, l2_tensor_bytes=banks)
        energy, mac_e, l1_e, l2_e, dram_e = (c["energy_pj"], c["mac_energy_pj"], c["l1_energy_pj"],
                                             c["l2_energy_pj"], c["dram_energy_pj"])
        noc_e, leak_e, leak_mw = c["noc_energy_pj"], c["leakage_energy_pj"], c["leakage_mw"]
        ap = c
    else:
        l2_sum = sum(counts[c] for c in COUNT_NAMES if "_l2_" in c)
        l1_sum = sum(counts[c] for c in COUNT_NAMES if "_l1_" in c)
        mac_e = macs * tech.mac_energy_pj
        l1_e = l1_sum * tech.l1_energy_pj
        l2_e = l2_sum * tech.l2_energy_pj
        dram_e = dram_elems * tech.dram_energy_pj
        energy = mac_e + l1_e + l2_e + (dram_e if include_dram else 0.0)
        noc_e = leak_e = leak_mw = np.zeros(n)
        ap = area_power(hw.num_pes, simd, hw.noc_bw, l1_cost, l2_cost, tech)
    with np.errstate(divide="ignore", invalid="ignore"):
        util = np.where(runtime > 0, macs / (runtime * P * simd), 0.0)
    feasible = (l1_req_b <= hw.l1_bytes) & (l2_req_b <= hw.l2_bytes)
    finite = np.isfinite(runtime) & np.isfinite(energy) & np.isfinite(ap["power_mw"]) & np.isfinite(ap["area_um2"])
    if not np.all(finite):
        i = int(np.argmax(~finite))
        raise HardwareError(f"layer {layer.name!r}: runtime or energy overflows at noc_bw {hw.noc_bw[i]:g} and "
                            f"offchip_bw {offchip_bw[i]:g} elements/cycle; bandwidths that small are not a design")
    return LayerCost(
        layer=layer.name, dataflow=df.name, runtime_cycles=runtime, energy_pj=energy, l1_req_bytes=l1_req_b,
        l2_req_bytes=l2_req_b, area_um2=ap["area_um2"], power_mw=ap["power_mw"], macs=macs, utilization=util,
        feasible=feasible, mac_energy_pj=mac_e, l1_energy_pj=l1_e, l2_energy_pj=l2_e, dram_energy_pj=dram_e,
        noc_energy_pj=noc_e, leakage_energy_pj=leak_e, leakage_mw=leak_mw, latency_ms=latency_ms, l1_bytes=l1_cost,
        sram_bytes=P * l1_cost + l2_cost + (0.0 if acc_bytes is None else acc_bytes),
        pe_power_mw=ap["pe_power_mw"], l1_power_mw=ap["l1_power_mw"], l2_power_mw=ap["l2_power_mw"],
        noc_power_mw=ap["noc_power_mw"], noc_bw_req=peak, offchip_bw_avg=dram_elems / np.maximum(runtime, 1.0),
        maestro_runtime_cycles=maestro_rt, maestro_macs=maestro_macs, num_pes=hw.num_pes.copy(), **counts)


def analyze_network(network: Network, dataflow: "str | Dataflow", hardware: "Hardware | HardwareBatch",
                    constants: "Mapping[str, int | np.ndarray] | None" = None, *, compat: bool = False,
                    technology: "AnyTechnology | str | None" = None, include_dram: bool = False,
                    unbatched: "Collection[str]" = ()) -> pd.DataFrame:
    """Cost of every layer of ``network`` (same arguments as :func:`analyze_layer`).

    ``unbatched`` names the layers that run as MAESTRO runs a layer whose type's first layer in its file lists no
    batch N (:func:`batch_rule`, :attr:`Dataflow.unbatched_n`; only ``compat=True`` reads it): for a MAESTRO model
    file run under one dataflow, as the mapping file MAESTRO's frontend would write from them.

    Returns:
        A DataFrame with a row per layer (per layer and point, with a ``point`` column, for a batch of n > 1),
        columns starting with :data:`COLUMNS`.

    Raises:
        DataflowError, HardwareError: as :func:`analyze_layer`, the message naming the layer.
    """
    frames = []
    for layer in network.layers:
        df = replace(dataflow_mod.get(dataflow), unbatched_n=True) if layer.name in unbatched else dataflow
        try:
            if compat and all(np.ndim(v) == 0 for v in (constants or {}).values()):
                _refuse_maestro_crash(layer, dataflow_mod.get(df),
                                      np.unique(HardwareBatch.coerce(hardware).num_pes).tolist(),
                                      {k: int(v) for k, v in (constants or {}).items()})
            cost = analyze_layer(layer, df, hardware, constants, compat=compat, technology=technology,
                                 include_dram=include_dram)
        except DataflowError as exc:
            raise DataflowError(f"layer {layer.name!r}: {exc}") from None
        f = cost.to_frame()
        if isinstance(hardware, HardwareBatch) and len(hardware) > 1:
            f.insert(1, "point", np.arange(len(f)))
        frames.append(f)
    out = pd.concat(frames, ignore_index=True)
    if "point" in out.columns:
        cols = [c for c in out.columns if c != "point"]
        out = out[cols + ["point"]]
    return out


def analyze_mapping(path: "str | Path", hardware: Hardware, *, compat: bool = False,
                    technology: "AnyTechnology | str | None" = "maestro", include_dram: bool = False
                    ) -> pd.DataFrame:
    """Run the engine on a MAESTRO mapping file, a row per layer (as ``maestro --DFSL_file=path``).

    Each layer uses the dataflow written in its ``Dataflow`` block with the file's ``Constant`` values. The
    technology defaults to MAESTRO's constants (a MAESTRO file run as MAESTRO runs it).

    Raises:
        FormatError: a malformed file (from :func:`npu_dse.cost_models.formats.maestro_m.read_mapping`).
        DataflowError: a layer without a Dataflow block, or an illegal dataflow (names the layer and directive);
            with ``compat=True``, a file MAESTRO does not run (:func:`file_refusal`: a dataflow with a typographic
            quote or a sum, an FC layer, or a layer without the batch N its type's first layer lists).
    """
    from npu_dse.cost_models.formats.maestro_m import read_mapping

    mapping = read_mapping(path)
    frames = []
    names = [layer.name for layer in mapping.network.layers]
    rule = batch_rule(names, mapping.layer_types, mapping.dimensions)
    refusal = file_refusal(path, names, mapping.layer_types, mapping.dimensions, mapping.dataflows) if compat else None
    if refusal:
        raise DataflowError(refusal)
    for layer in mapping.network.layers:
        text = mapping.dataflows.get(layer.name)
        if text is None:
            raise DataflowError(f"{path}: layer {layer.name!r} has no Dataflow block (MAESTRO crashes on that); "
                                "use 'dse eval' with a built-in dataflow for model files")
        ltype = mapping.layer_types[layer.name]
        try:
            df = dataflow_mod.parse(text, mapping.constants, name=layer.name)
            if compat:
                _refuse_maestro_crash(layer, df, [int(hardware.num_pes)])
            if ltype == "DSCONV":  # MAESTRO's K directives iterate over the K it lists
                df = replace(df, dsconv_k=mapping.dimensions[layer.name].get("K", 1))
            if rule.get(layer.name) == "unbatched":
                df = replace(df, unbatched_n=True)
            cost = analyze_layer(layer, df, hardware, compat=compat, technology=technology, include_dram=include_dram)
        except DataflowError as exc:
            raise DataflowError(f"{path}: layer {layer.name!r}: {exc}") from None
        frames.append(cost.to_frame())
    return pd.concat(frames, ignore_index=True)
