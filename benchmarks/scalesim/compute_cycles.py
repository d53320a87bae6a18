"""Per-layer compute cycles of a SCALE-Sim run, from SCALE-Sim's own code (runs in .venv-scalesim, not ours).

``--fast`` (the default) builds each layer's operand matrices and its systolic compute unit's demand matrices with
SCALE-Sim's classes (``scalesim.compute``) and reports ``rows - 1`` of the demand matrix: the compute cycles SCALE-Sim
reports as ``Total Cycles - Stall Cycles`` (checked equal on every layer of tests/data/scalesim_cycles.csv). It
skips SCALE-Sim's memory simulation, which only adds stalls and takes minutes per layer on large networks.
``--full`` runs the whole simulator and reads ``COMPUTE_REPORT.csv``.

``--sram`` (with ``--fast``) adds SCALE-Sim's SRAM accesses per layer: the real (non-negative) addresses of its
ifmap, filter and ofmap demand matrices, i.e. ``ifmap_reads``, ``filter_reads`` and ``ofmap_writes`` in elements.

Usage: python compute_cycles.py CFG TOPOLOGY LAYOUT OUT_CSV [--full | --sram]
Writes OUT_CSV with a row per topology row: ``layer`` (its name) and ``compute_cycles`` (a depthwise ``DP`` row, which
SCALE-Sim runs as one layer per channel, ``<name>Channel_<i>``, summed over its channels).
"""

import csv
import re
import subprocess
import sys
import tempfile
from pathlib import Path


def fast(cfg_path, topo_path, layout_path):
    from scalesim.compute.operand_matrix import operand_matrix
    from scalesim.compute.systolic_compute_is import systolic_compute_is
    from scalesim.compute.systolic_compute_os import systolic_compute_os
    from scalesim.compute.systolic_compute_ws import systolic_compute_ws
    from scalesim.layout_utils import layouts
    from scalesim.scale_config import scale_config
    from scalesim.topology_utils import topologies

    cfg = scale_config()
    cfg.read_conf_file(cfg_path)
    topo = topologies()
    topo.load_arrays(topo_path)
    lay = layouts()
    lay.load_arrays(layout_path)
    unit = {"ws": systolic_compute_ws, "os": systolic_compute_os, "is": systolic_compute_is}[cfg.df]
    for i in range(topo.get_num_layers()):
        om = operand_matrix()
        om.set_params(config_obj=cfg, topoutil_obj=topo, layoututil_obj=lay, layer_id=i)
        _, ifmap = om.get_ifmap_matrix()
        _, filt = om.get_filter_matrix()
        _, ofmap = om.get_ofmap_matrix()
        cu = unit()
        cu.set_params(config_obj=cfg, ifmap_op_mat=ifmap, filter_op_mat=filt, ofmap_op_mat=ofmap)
        demand, filt_demand, ofmap_demand = cu.get_demand_matrices()
        if "--sram" in sys.argv:  # SRAM accesses: the demand matrices' real (non-negative) addresses
            yield topo.topo_arrays[i][0], (demand.shape[0] - 1, int((demand >= 0).sum()),
                                           int((filt_demand >= 0).sum()), int((ofmap_demand >= 0).sum()))
        else:
            yield topo.topo_arrays[i][0], demand.shape[0] - 1


def full(cfg_path, topo_path, layout_path):
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "scalesim.scale", "-c", cfg_path, "-t", topo_path, "-l", layout_path,
                        "-p", tmp, "-s", "N"], check=True, capture_output=True)
        report = next(Path(tmp).glob("*/COMPUTE_REPORT.csv"))
        rows = list(csv.reader(open(report)))[1:]
        from scalesim.topology_utils import topologies
        topo = topologies()
        topo.load_arrays(topo_path)
        for arr, r in zip(topo.topo_arrays, rows):
            yield arr[0], int(r[2]) - int(r[3])


def per_topology_row(pairs):
    """(name, cycles) per topology row: SCALE-Sim's per-channel layers of a depthwise row (``<name>Channel_<i>``)
    summed back into their row, in order."""
    rows = {}
    for name, cycles in pairs:
        row = re.sub(r"Channel_\d+$", "", name)
        if isinstance(cycles, tuple):
            rows[row] = tuple(a + b for a, b in zip(rows.get(row, (0,) * len(cycles)), cycles))
        else:
            rows[row] = rows.get(row, 0) + cycles
    return rows.items()


def main():
    cfg, topo, layout, out = sys.argv[1:5]
    gen = full if "--full" in sys.argv else fast
    with open(out, "w", newline="") as f:
        w = csv.writer(f)
        sram = "--sram" in sys.argv
        w.writerow(["layer", "compute_cycles"] + (["ifmap_reads", "filter_reads", "ofmap_writes"] if sram else []))
        for name, cycles in per_topology_row(gen(cfg, topo, layout)):
            w.writerow([name, *cycles] if sram else [name, cycles])


if __name__ == "__main__":
    main()
