"""MAESTRO export: the hardware file (``--HW_file``) and the ``.m`` mapping of the chosen design.

The mapping gives every layer its dataflow with the design's constants written in as numbers (MAESTRO's
``Constant`` lines are global, but a per-layer design has per-layer ``KTileSz``/``ClusterSz``): ConfuciuX's
convention ``ClusterSz`` = the layer's PE count (``CTileSz`` 1) applies where the design does not set them, and
depthwise layers get the template's depthwise variant (:meth:`npu_dse.cost_models.dataflow.Dataflow.for_depthwise`), and
GEMM layers get the directives in MAESTRO's GEMM dimensions (:func:`gemm_dataflow_text`).
Files are written by :mod:`npu_dse.cost_models.formats.maestro_m`, which also reads them back: the layers equal
:func:`~npu_dse.cost_models.formats.maestro_m.as_maestro_layer` of the network's, the hardware fields equal the design's.
"""

from __future__ import annotations

import math
import re
import tempfile
from pathlib import Path
from typing import Any, Mapping

from npu_dse.cost_models.errors import FormatError
from npu_dse.cost_models.workload import Op


def network_for(doc: Mapping[str, Any]):
    """The network a design document describes: the zoo network by name, restricted to its per-layer names.

    Raises:
        FormatError: the network is not a zoo name, or per-layer names are not in it.
    """
    from npu_dse.cost_models import zoo
    from npu_dse.cost_models.errors import WorkloadError
    from npu_dse.cost_models.workload import Network

    try:
        net = zoo.load(str(doc["network"]))
    except WorkloadError as exc:
        raise FormatError(f"design network {doc['network']!r} is not built in ({exc}); export from the run "
                          "directory (its config.yaml names the workload)") from None
    if doc.get("per_layer"):
        by_name = {layer.name: layer for layer in net.layers}
        names = [e["layer"] for e in doc["per_layer"]]
        missing = [n for n in names if n not in by_name]
        if missing:
            raise FormatError(f"design per_layer names {missing[:5]} are not layers of {net.name!r}")
        net = Network(net.name, tuple(by_name[n] for n in names))
    return net


def layer_dataflow_text(dataflow: str, constants: Mapping[str, int], num_pes: int, depthwise: bool,
                        layer=None) -> str:
    """Directive text of a built-in dataflow with its constants replaced by numbers, as MAESTRO's parser reads it.

    MAESTRO 4eb08d1's parser (``DFSL_parser.hpp``) takes a size or offset that is one integer, one constant or one
    ``Sz(dim)``, and a cluster type after every cluster size (``Cluster(64, P)``); a sum such as ``yxp_os``'s
    ``Sz(S)+7`` it cannot read, so with ``layer`` (a :class:`~npu_dse.cost_models.workload.Layer`) every sum is
    written as its value on that layer, as MAESTRO's own files do (``TemporalMap(10,8) X`` for a 3x3 kernel).

    Raises:
        FormatError: a systolic dataflow (MAESTRO has no directives for it; export ``scalesim`` or ``gemmini``).
    """
    from npu_dse.cost_models import dataflow as dataflow_mod
    from npu_dse.cost_models.maestro import problem_for

    df = dataflow_mod.get(dataflow)
    if df.systolic is not None:
        raise FormatError(f"maestro: dataflow {dataflow!r} is a systolic array, which MAESTRO's directives do not "
                          "describe; export it with --format scalesim or gemmini")
    if depthwise:
        df = df.for_depthwise()
    values = df.constant_defaults(num_pes)
    values.update({k: int(v) for k, v in constants.items()})
    dims = problem_for(layer, df, compat=True)[0].dim_map if layer is not None else None

    def expr(e) -> str:
        if len(e.terms) == 1 or dims is None:
            return "+".join(str(values.get(v, v)) if kind == "const" else (f"Sz({v})" if kind == "sz" else str(v))
                            for kind, v in e.terms)
        return str(e.resolve(dims, values, f"dataflow {df.name!r}"))

    parts = [f"Cluster({expr(d.size)}, {d.kind})" if isinstance(d, dataflow_mod.ClusterDirective)
             else f"{d.keyword}({expr(d.size)},{expr(d.offset)}) {d.dim}" for d in df.directives]
    return " " + " ".join(f"{p};" for p in parts) + " "


def _gemm_layer(layer, text: str):
    """(layer, directive text) a GEMM layer is written with: MAESTRO's GEMM with the directives in its dimensions
    (:func:`gemm_dataflow_text`), or, when that leaves a cluster level with no SpatialMap (a template whose level maps
    only X, R or S, as ``yxp_os``'s inner one does), the 1x1 CONV over the same rows that the cost model runs the
    GEMM as under a CONV template (:func:`npu_dse.cost_models.maestro.problem_for`), with the directives as they are."""
    from npu_dse.cost_models import dataflow as dataflow_mod
    from npu_dse.cost_models.errors import DataflowError
    from npu_dse.cost_models.formats.maestro_m import as_maestro_layer
    from npu_dse.cost_models.workload import Layer

    gemm = gemm_dataflow_text(text)
    try:
        dataflow_mod.parse(gemm)
        return layer, gemm
    except DataflowError:
        rows = as_maestro_layer(layer).Y
        return Layer(layer.name, Op.CONV, K=layer.K, C=layer.C, Y=rows, X=1, R=1, S=1), text


_GEMM_DIMS = {"K": "N", "C": "K", "Y": "M", "Y'": "M"}
_GEMM_DROPPED = {"R", "S", "X", "X'"}


def gemm_dataflow_text(text: str) -> str:
    """A CONV-dimension directive text in MAESTRO's GEMM dimensions, for a GEMM layer our engine runs as a 1x1 CONV.

    Our GEMM view is ``K`` = out features, ``C`` = in features, ``Y`` = rows (R = S = X = 1); MAESTRO's GEMM has
    ``N`` = out features, ``K`` = in features, ``M`` = rows. Directives on R, S, X are dropped (size 1) and
    ``Sz(R)``/``Sz(S)`` become 1.
    """
    out = []
    for directive in (d.strip() for d in text.split(";")):
        if not directive:
            continue
        if directive.startswith("Cluster"):
            out.append(directive)
            continue
        head, dim = directive.rsplit(None, 1)
        if dim in _GEMM_DROPPED:
            continue
        head = re.sub(r"Sz\(([A-Z]'?)\)",
                      lambda m: "1" if m.group(1) in _GEMM_DROPPED else f"Sz({_GEMM_DIMS.get(m.group(1), m.group(1))})",
                      head)
        out.append(f"{head} {_GEMM_DIMS.get(dim, dim)}")
    return " " + " ".join(f"{d};" for d in out) + " "


def hardware_fields(doc: Mapping[str, Any]) -> dict[str, int]:
    """MAESTRO hardware-file fields (``num_pes``, ``l1_size``, ``l2_size``, ``noc_bw``, ``offchip_bw``, ``noc_hops``)."""
    d = doc["design"]
    out = {"num_pes": int(d["num_pes"]), "l1_size": int(math.ceil(float(d["l1_bytes"]))),
           "l2_size": int(math.ceil(float(d["l2_bytes"]))), "noc_bw": int(math.ceil(float(d["noc_bw"]))),
           "offchip_bw": int(math.ceil(float(d["offchip_bw"]))), "noc_hops": int(d.get("noc_hops", 1))}
    return out


def maestro_files(doc: Mapping[str, Any], network=None) -> dict[str, str]:
    """``{"mapping": <.m text>, "hardware": <hardware file text>}`` of a design document.

    Each layer runs its own mapping: a ``per_layer`` entry's dataflow and constants, else the design's ``mapping``
    entry for the layer (the mapper's tiles), else the design's dataflow and constants. A depthwise layer with a
    channel multiplier m (K = m C), which MAESTRO's DSCONV cannot state, is written as the m depthwise passes the
    cost model runs it as (``<layer>_pass1`` ... ``<layer>_pass<m>``); so is a grouped convolution under a template
    that maps no ``G``, which the cost model runs group by group (:func:`npu_dse.cost_models.maestro.problem_for`)
    where MAESTRO's NGCONV would cost the groups together: ``<layer>_group1`` ... ``<layer>_group<g>``, each a
    CONV of ``K/g`` filters over ``C/g`` channels.

    Args:
        doc: the design document.
        network: the network (default :func:`network_for`); its layer count must match ``per_layer``.

    Raises:
        FormatError: see :func:`network_for`; a layer MAESTRO cannot describe.
    """
    from npu_dse.cost_models.formats.maestro_m import write_hardware, write_mapping
    from npu_dse.cost_models.workload import Network

    net = network if network is not None else network_for(doc)
    d = doc["design"]
    per_layer = doc.get("per_layer")
    if per_layer and len(per_layer) != len(net.layers):
        raise FormatError(f"design has {len(per_layer)} per-layer entries, network {net.name!r} has "
                          f"{len(net.layers)} layers")
    mapped = {m["layer"]: m for m in d.get("mapping") or []}  # the mapper's choice per layer, when it ran
    layers, dataflows = [], {}
    for i, layer in enumerate(net.layers):
        entry = per_layer[i] if per_layer else mapped.get(layer.name, {})
        pes = int(entry.get("num_pes", d["num_pes"]))
        consts = {**d.get("constants", {}), **entry.get("constants", {})}
        dataflow = str(entry.get("dataflow", d["dataflow"]))
        passes = [layer]
        if layer.op is Op.DWCONV and layer.K != layer.C:  # a channel multiplier m: m depthwise passes, as costed
            passes = [layer.with_(name=f"{layer.name}_pass{j + 1}", K=layer.C) for j in range(layer.K // layer.C)]
        elif layer.op is Op.CONV and layer.groups > 1 and _groups_one_by_one(layer, dataflow):
            g = layer.groups
            passes = [layer.with_(name=f"{layer.name}_group{j + 1}", K=layer.K // g, C=layer.C // g, groups=1)
                      for j in range(g)]
        for p in passes:
            text = layer_dataflow_text(dataflow, consts, pes, layer.op is Op.DWCONV, layer=p)
            if layer.op is Op.GEMM:
                p, text = _gemm_layer(p, text)
            layers.append(p)
            dataflows[p.name] = text
    with tempfile.TemporaryDirectory() as tmp:
        mpath, hpath = Path(tmp) / "mapping.m", Path(tmp) / "hw.m"
        write_mapping(mpath, Network(net.name, tuple(layers)), dataflows)
        write_hardware(hpath, **hardware_fields(doc))
        header = (f"// Generated by npu-dse: network {doc['network']}, platform {doc['platform']}, "
                  f"mode {doc['mode']}\n")
        return {"mapping": header + mpath.read_text(), "hardware": header + hpath.read_text()}


def _groups_one_by_one(layer, dataflow: str) -> bool:
    """Whether the cost model runs grouped ``layer`` under ``dataflow`` one group at a time (as a CONV over one
    group's channels, :func:`npu_dse.cost_models.maestro.problem_for`) rather than as MAESTRO's NGCONV: every
    built-in template, which maps no ``G``; a MAESTRO dataflow file runs it as MAESTRO does."""
    from npu_dse.cost_models import dataflow as dataflow_mod
    from npu_dse.cost_models.maestro import problem_for

    return problem_for(layer, dataflow_mod.get(dataflow))[0].layer_type != "NGCONV"


def maestro_lp_files(doc: Mapping[str, Any], network=None) -> dict[str, str]:
    """A layer-pipelined design as one MAESTRO mapping and hardware file per layer (each layer is its own
    sub-accelerator of its own PE count): ``{"<i>_<layer>.m": mapping, "<i>_<layer>_hw.m": hardware, ...}``.

    ``dse maestro`` on the directory of these files runs every layer on its own hardware and gives back the run's
    per-layer cycles and energy.

    Raises:
        FormatError: see :func:`maestro_files`.
    """
    net = network if network is not None else network_for(doc)
    per_layer = doc["per_layer"]
    if len(per_layer) != len(net.layers):
        raise FormatError(f"design has {len(per_layer)} per-layer entries, network {net.name!r} has "
                          f"{len(net.layers)} layers")
    from npu_dse.cost_models.workload import Network

    d = doc["design"]
    out: dict[str, str] = {}
    width = len(str(len(net.layers)))
    for i, (layer, entry) in enumerate(zip(net.layers, per_layer)):
        sub_design = {**d, "num_pes": entry["num_pes"], "constants": entry.get("constants", {}),
                      "dataflow": entry.get("dataflow", d["dataflow"])}
        for key in ("l1_bytes", "l2_bytes", "noc_bw", "offchip_bw", "simd_lanes"):
            if entry.get(key) is not None:
                sub_design[key] = entry[key]
        sub = {**doc, "design": sub_design, "per_layer": None, "mode": "LS"}
        files = maestro_files(sub, Network(net.name, (layer,)))
        stem = f"{i:0{width}d}_{re.sub(r'[^A-Za-z0-9_.-]+', '_', layer.name)}"
        out[f"{stem}.m"] = files["mapping"]
        out[f"{stem}_hw.m"] = files["hardware"]
    return out


__all__ = ["maestro_files", "maestro_lp_files", "network_for", "layer_dataflow_text", "gemm_dataflow_text",
           "hardware_fields"]
