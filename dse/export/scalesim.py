"""SCALE-Sim 3 export: a ``.cfg`` with every section SCALE-Sim's config reader requires, the network's topology CSV
and the layout CSV it also reads (scalesim 3.0.0, ``scale_config.py``, ``topology_utils.py``, ``layout_utils.py``).

Run the export with ``python -m scalesim.scale -c PATH.cfg -t PATH_topology.csv -l PATH_layout.csv -p LOGDIR``.

How the design maps:

- The array is the design's ``pe_rows x pe_cols``, or for a design without them ``rows`` the largest divisor of
  ``num_pes`` not above its square root (:func:`npu_dse.cost_models.systolic.array_dims`); SCALE-Sim's
  ``Dataflow`` is ``ws`` for our weight-stationary dataflows (``kcp_ws``, ``xp_ws``, ``dla``, ``dpt``) and ``os``
  for the output-stationary ones (``yxp_os``, ``shi``). Row-stationary (``rs``, ``eye``) has no SCALE-Sim array and is refused. A
  ``systolic_both`` design is two runs, its layers split by the stationary operand its mapping chose
  (:func:`scalesim_files`).
- The L2 global buffer is split in three equal SRAMs (ifmap, filter, ofmap) in whole KiB; an L2 below 3 KiB is
  refused. The off-chip bandwidth, when the design has one, is SCALE-Sim's ``Bandwidth`` in words/cycle (``USER``
  mode); without one SCALE-Sim computes it (``CALC``).
- Each layer is a topology row with the input rows and columns the layer reads (``(Y_out - 1) * stride + R``, so
  SCALE-Sim's output size ``ceil((H - R + stride) / stride)`` is the layer's), its kernel, channels, filters and
  stride. A depthwise layer is a row whose name contains ``DP`` (SCALE-Sim splits it per channel); a grouped
  convolution is a row per group, a batched one a row per image, a repeated one a row per repeat; a GEMM is a
  ``rows x 1`` input with a 1 x 1 kernel. Other names never contain ``DP``. A TRCONV has no SCALE-Sim form and is
  refused.
"""

from __future__ import annotations

from typing import Any, Mapping

from npu_dse.cost_models.errors import FormatError
from npu_dse.cost_models.mapper import STATIONARY, STATIONARY_BY_OPERAND
from npu_dse.cost_models.systolic import array_dims
from npu_dse.cost_models.workload import Layer, Network, Op

#: Our dataflows SCALE-Sim's arrays compute, and as which of its dataflows.
DATAFLOWS: dict[str, str] = {"systolic_ws": "ws", "systolic_os": "os", "systolic_is": "is", "kcp_ws": "ws",
                             "xp_ws": "ws", "dla": "ws", "dpt": "ws", "yxp_os": "os", "shi": "os"}
TOPOLOGY_HEADER = ("Layer name", "IFMAP Height", "IFMAP Width", "Filter Height", "Filter Width", "Channels",
                   "Num Filter", "Strides")


def topology_rows(network: Network, layers: "list[Layer] | None" = None) -> list[tuple]:
    """SCALE-Sim topology rows ``(name, H, W, R, S, C, K, stride)`` of ``network`` (module docstring), or of the
    subset ``layers`` of it.

    Raises:
        FormatError: a TRCONV layer (names it).
    """
    out: list[tuple] = []
    for layer in network.layers if layers is None else layers:
        name = layer.name.replace(",", "_").replace("DP", "Dp")
        if layer.op is Op.TRCONV:
            raise FormatError(f"scalesim: layer {layer.name!r} is a transposed convolution; SCALE-Sim has none")
        if layer.op is Op.GEMM:
            rows = [(name, layer.N * layer.Y * layer.X, 1, 1, 1, layer.C, layer.K, 1)]
        else:
            h = (layer.Y_out - 1) * layer.stride + layer.R
            w = (layer.X_out - 1) * layer.stride + layer.S
            if layer.op is Op.DWCONV:
                rows = [(f"{name}_DP", h, w, layer.R, layer.S, layer.C, layer.K // layer.C, layer.stride)]
            else:
                g = layer.groups
                base = (h, w, layer.R, layer.S, layer.C // g, layer.K // g, layer.stride)
                rows = [(name if g == 1 else f"{name}_g{i}", *base) for i in range(g)]
            if layer.N > 1:
                rows = [(f"{r[0]}_n{n}", *r[1:]) for n in range(layer.N) for r in rows]
        if layer.repeat > 1:
            rows = [(f"{r[0]}_t{t}", *r[1:]) for t in range(layer.repeat) for r in rows]
        out += rows
    return out


def scalesim_files(doc: Mapping[str, Any], network: Network) -> dict[str, str]:
    """``{"main": cfg, "topology": csv, "layout": csv}`` of a global or layer-sequential design.

    A ``systolic_both`` design (Gemmini's ``Dataflow.BOTH``) runs each layer weight- or output-stationary as its
    ``mapping`` in best.json says; SCALE-Sim runs one dataflow per configuration, so such a design is two runs:
    ``main``/``topology``/``layout`` for its weight-stationary layers and ``os_main``/``os_topology``/``os_layout``
    for its output-stationary ones (only one run when every layer has the same choice).

    Raises:
        FormatError: a layer-pipelined design, a dataflow SCALE-Sim has no array for, a ``systolic_both`` design
            without a per-layer mapping, an L2 below 3 KiB, a TRCONV layer; each message names the rule.
    """
    from npu_dse.export import one_accelerator

    one_accelerator(doc, "scalesim", "one SCALE-Sim array")
    d = doc["design"]
    dataflow = str(d.get("dataflow", ""))
    if dataflow == "systolic_both":
        return _both_files(doc, network)
    if dataflow not in DATAFLOWS:
        raise FormatError(f"scalesim: dataflow {dataflow!r} has no SCALE-Sim array; allowed: "
                          f"{', '.join(DATAFLOWS)}, and systolic_both with a per-layer mapping")
    return _run_files(doc, network, DATAFLOWS[dataflow], None, "")


def _both_files(doc: Mapping[str, Any], network: Network) -> dict[str, str]:
    """The SCALE-Sim runs of a ``systolic_both`` design: its layers split by their mapped stationary operand."""
    mapping = {m["layer"]: m.get("stationary") for m in doc["design"].get("mapping") or []}
    if not mapping:
        raise FormatError("scalesim: a systolic_both design runs each layer weight- or output-stationary, and this "
                          "best.json has no per-layer mapping to split its layers by (run with space.mapper: true)")
    groups: dict[str, list[Layer]] = {"ws": [], "os": []}
    for layer in network.layers:
        choice = STATIONARY_BY_OPERAND.get(mapping.get(layer.name))
        if choice not in groups:
            raise FormatError(f"scalesim: the design's mapping has no weight/output choice for layer "
                              f"{layer.name!r} of {network.name!r}")
        groups[choice].append(layer)
    used = [df for df in ("ws", "os") if groups[df]]
    out: dict[str, str] = {}
    for i, df in enumerate(used):
        note = (f"the {len(groups[df])} {STATIONARY[df][1]}-stationary layers of "
                f"{len(network.layers)}; the others are in the {'_os' if df == 'ws' else 'main'} files")
        prefix = "os_" if i > 0 else ""
        out.update({prefix + role: text for role, text in
                    _run_files(doc, network, df, groups[df], note if len(used) > 1 else "").items()})
    return out


def _run_files(doc: Mapping[str, Any], network: Network, scalesim_df: str, layers: "list[Layer] | None",
               note: str) -> dict[str, str]:
    """One SCALE-Sim run (cfg, topology, layout) of the design with dataflow ``scalesim_df`` over ``layers``
    (all the network's when None)."""
    d = doc["design"]
    l2_kib = int(d["l2_bytes"]) // 1024 // 3 if d.get("l2_bytes") else 0
    if l2_kib < 1:
        raise FormatError(f"scalesim: L2 of {d.get('l2_bytes')} bytes cannot be three SRAMs of at least 1 KiB")
    rows, cols = array_dims(int(d["num_pes"]), int(d.get("pe_rows") or 0))
    topo = topology_rows(network, layers)
    offchip = d.get("offchip_bw")
    bw_mode, bw = ("USER", max(1, int(offchip))) if offchip else ("CALC", 10)
    cfg = "\n".join([
        f"# Generated by npu-dse from design schema {doc['schema']} v{doc['version']}: network {doc['network']}, "
        f"dataflow {d.get('dataflow')}{': ' + note if note else ''}.",
        "# Run: python -m scalesim.scale -c THIS.cfg -t THIS_topology.csv -l THIS_layout.csv -p LOGDIR",
        "[general]",
        f"run_name = {str(doc['network']).replace(' ', '_')}_{rows}x{cols}_{scalesim_df}",
        "",
        "[architecture_presets]",
        f"ArrayHeight = {rows}",
        f"ArrayWidth = {cols}",
        f"IfmapSramSzkB = {l2_kib}",
        f"FilterSramSzkB = {l2_kib}",
        f"OfmapSramSzkB = {l2_kib}",
        "IfmapOffset = 0",
        "FilterOffset = 10000000",
        "OfmapOffset = 20000000",
        f"Bandwidth = {bw}",
        f"Dataflow = {scalesim_df}",
        "ReadRequestBuffer = 32",
        "WriteRequestBuffer = 32",
        "",
        "[layout]",
        "IfmapCustomLayout = False",
        "IfmapSRAMBankBandwidth = 10",
        "IfmapSRAMBankNum = 10",
        "IfmapSRAMBankPort = 2",
        "FilterCustomLayout = False",
        "FilterSRAMBankBandwidth = 10",
        "FilterSRAMBankNum = 10",
        "FilterSRAMBankPort = 2",
        "",
        "[sparsity]",
        "SparsitySupport = false",
        "SparseRep = ellpack_block",
        "OptimizedMapping = false",
        "BlockSize = 8",
        "RandomNumberGeneratorSeed = 40",
        "",
        "[run_presets]",
        f"InterfaceBandwidth = {bw_mode}",
        "UseRamulatorTrace = False",
        "",
    ])
    topology = ", ".join(TOPOLOGY_HEADER) + ",\n" + "".join(", ".join(map(str, r)) + ",\n" for r in topo)
    layout = "Layer name, layout (default: no custom layout),\n" + "".join(
        f"{r[0]}, 1, 1, 1, 1, 1, 1, 0, 1, 2, 0, 1, 2, 0, 1, 2, 3, 0, 1, 2, 3,\n" for r in topo)
    return {"main": cfg, "topology": topology, "layout": layout}


def layer_of_row(row: tuple) -> Layer:
    """The :class:`Layer` SCALE-Sim computes for one topology row (depthwise rows as one channel each)."""
    name, h, w, r, s, c, k, stride = row
    if "DP" in name:
        return Layer(name, Op.DWCONV, K=c * k, C=c, Y=h, X=w, R=r, S=s, stride=stride, groups=c)
    return Layer(name, Op.CONV, K=k, C=c, Y=h, X=w, R=r, S=s, stride=stride)
