"""Cost-model throughput: layer-evaluations per second for ResNet-50 over 10,000 distinct hardware points.

One layer-evaluation = one layer at one hardware point (runtime, energy, buffers, area, power, counts). The engine
is vectorised over points (``npu_dse.cost_models.maestro.analyze_layer`` with a ``HardwareBatch``); the mapping structure
is compiled once per (layer shape, dataflow, constants, PE count) and cached.

Every built-in dataflow is measured (:func:`npu_dse.cost_models.dataflow.names`: the MAESTRO templates kcp_ws, rs,
xp_ws, dpt, yxp_os, dla, shi, eye and the systolic arrays), each over its own PE levels (:data:`PE_LEVELS`: a
multiple of the cluster size where the template clusters a fixed number of PEs); ``dla``, ``shi`` and ``eye`` also
draw KTileSz from 1..12 per point (CTileSz 1 and ClusterSz = the PE count, as ConfuciuX runs them), so each layer
has 12 x 12 = 144 structures.

Rates reported (one process, ``OMP/MKL`` threads pinned to 1), per wall-clock second and per second of the
process's CPU time (on a machine shared with other work the two part: the CPU rate is the one core's):

- ``cold``: structure cache emptied first: every (layer, PE count, constants) mapping is compiled inside the timing
  (with 32 or more uncached structures per layer they are compiled together, :mod:`npu_dse.cost_models.maestro.
  batch_compile`);
- ``warm``: structures compiled, but every point is still evaluated (no result cache): the "cache disabled" rate;
- ``warm_200``: ``warm`` for a synthetic network of 200 distinct layer shapes (``dla`` only), whose 28,800
  structures (200 shapes x 12 PE levels x 12 KTileSz values) outnumbered the old 8,192-entry structure cache (7x
  slower per layer than ``warm``); the cache is now bounded by memory (``_CACHE_MAX_BYTES``, 512 MiB as estimated
  by ``Structure.nbytes``) and holds them: the per-layer rate shows whether a search's working set still fits;
- ``one_point``: one :class:`Hardware` point per call, the first 1,000 points, structures compiled: what a search
  evaluating one design at a time sees (issue 18's one-point path);
- ``cached``: the same points again through ``npu_dse.cost_models.evaluator.Evaluator`` with its result cache, the rate a
  search sees when it revisits designs (skipped if the evaluator is unavailable).

Run: ``python benchmarks/cost_model_throughput.py [--points 10000] [--seed 0] [--dataflows dla,kcp_ws]``; writes
``benchmarks/results/cost_model_throughput.{csv,md}``.
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from npu_dse.cost_models import dataflow as dataflow_mod  # noqa: E402
from npu_dse.cost_models import zoo  # noqa: E402
from npu_dse.cost_models.hardware import HardwareBatch  # noqa: E402
from npu_dse.cost_models.maestro import analyze_layer, clear_cache  # noqa: E402

RESULTS = Path(__file__).parent / "results"
CONFUCIUX_PES = [1, 2, 4, 8, 12, 16, 24, 32, 48, 64, 96, 128]  # ConfuciuX's PE levels
#: PE levels per dataflow: ConfuciuX's for the templates that cluster all PEs (ClusterSz = PEs) or none; multiples of
#: the fixed cluster for kcp_ws (Cluster(64)) and yxp_os (Cluster(8)); at least ResNet-50's largest kernel row (7) for
#: rs (Cluster(Sz(R))); square and rectangular arrays for the systolic dataflows.
PE_LEVELS = {"dla": CONFUCIUX_PES, "shi": CONFUCIUX_PES, "eye": CONFUCIUX_PES, "xp_ws": CONFUCIUX_PES,
             "dpt": CONFUCIUX_PES,
             "kcp_ws": [64, 128, 192, 256, 384, 512, 768, 1024],
             "yxp_os": [8, 16, 24, 32, 48, 64, 96, 128, 192, 256, 512, 1024],
             "rs": [8, 12, 16, 24, 32, 48, 64, 96, 128, 168, 256, 512]}
SYSTOLIC_PES = [16, 32, 64, 128, 256, 512, 1024]
#: Dataflows whose KTileSz is drawn per point (1..12), as ConfuciuX searches it.
KTILE = ("dla", "shi", "eye")


def hardware_points(dataflow: str, n: int, seed: int) -> tuple[HardwareBatch, dict]:
    """``n`` random distinct hardware points (and per-point KTileSz for :data:`KTILE`)."""
    rng = np.random.default_rng(seed)
    hw = HardwareBatch.from_arrays(
        num_pes=rng.choice(PE_LEVELS.get(dataflow, SYSTOLIC_PES), n), noc_bw=rng.integers(1, 4096, n),
        offchip_bw=rng.integers(1, 70000, n), noc_hops=rng.integers(1, 4, n), noc_hop_latency=rng.integers(1, 3, n),
        simd_lanes=rng.integers(1, 5, n), l1_bytes=rng.integers(64, 65536, n), l2_bytes=rng.integers(4096, 1 << 22, n))
    consts = {"KTileSz": rng.integers(1, 13, n)} if dataflow in KTILE else {}
    return hw, consts


def run(points: int, seed: int, dataflows: "list[str] | None" = None) -> pd.DataFrame:
    net = zoo.load("resnet50")
    rows = []
    for dataflow in dataflows or dataflow_mod.names():
        hw, consts = hardware_points(dataflow, points, seed)
        evals = len(net.layers) * points
        clear_cache()
        for label in ("cold", "warm"):
            t, c0 = time.perf_counter(), time.process_time()
            for layer in net.layers:
                analyze_layer(layer, dataflow, hw, consts or None)
            dt, dc = time.perf_counter() - t, time.process_time() - c0
            rows.append({"dataflow": dataflow, "mode": label, "layers": len(net.layers), "points": points,
                         "layer_evals": evals, "seconds": dt, "layer_evals_per_s": evals / dt, "cpu_seconds": dc,
                         "layer_evals_per_cpu_s": evals / dc})
        rows.append(_one_point_rate(net, dataflow, hw, consts, 1000))
        if dataflow == "dla":
            rows.append(_many_shapes_rate(hw, consts))
        rows.append(_cached_rate(net, dataflow, hw, consts))
    return pd.DataFrame([r for r in rows if r is not None])


def _one_point_rate(net, dataflow: str, hw: HardwareBatch, consts: dict, n: int = 1000) -> dict:
    """Layer-evaluations/s with one hardware point per ``analyze_layer`` call (second pass: structures compiled)."""
    n = min(n, len(hw))
    pts = [(hw.point(i), {c: int(v[i]) for c, v in consts.items()} or None) for i in range(n)]
    for layer in net.layers:
        for p, c in pts:
            analyze_layer(layer, dataflow, p, c)
    t, c0 = time.perf_counter(), time.process_time()
    for layer in net.layers:
        for p, c in pts:
            analyze_layer(layer, dataflow, p, c)
    dt, dc = time.perf_counter() - t, time.process_time() - c0
    evals = len(net.layers) * n
    return {"dataflow": dataflow, "mode": "one_point", "layers": len(net.layers), "points": n, "layer_evals": evals,
            "seconds": dt, "layer_evals_per_s": evals / dt, "cpu_seconds": dc, "layer_evals_per_cpu_s": evals / dc}


def _many_shapes_rate(hw: HardwareBatch, consts: dict) -> dict:
    """Warm layer-evaluations/s over 200 distinct CONV shapes (second pass after a first that compiles them)."""
    from npu_dse.cost_models.workload import Layer, Op

    layers = [Layer(f"s{i}", Op.CONV, K=16 + 8 * (i % 25), C=16 + 16 * (i // 25), Y=14 + 2 * (i % 7), X=14,
                    R=3, S=3, padding=1) for i in range(200)]
    for layer in layers:
        analyze_layer(layer, "dla", hw, consts)
    t, c0 = time.perf_counter(), time.process_time()
    for layer in layers:
        analyze_layer(layer, "dla", hw, consts)
    dt, dc = time.perf_counter() - t, time.process_time() - c0
    n = len(hw)
    return {"dataflow": "dla", "mode": "warm_200", "layers": len(layers), "points": n, "layer_evals": len(layers) * n,
            "seconds": dt, "layer_evals_per_s": len(layers) * n / dt, "cpu_seconds": dc,
            "layer_evals_per_cpu_s": len(layers) * n / dc}


def _cached_rate(net, dataflow: str, hw: HardwareBatch, consts: dict) -> dict | None:
    try:
        from npu_dse.cost_models.evaluator import Evaluator, Problem
        from npu_dse.cost_models.space import preset

        ev = Evaluator(Problem(net, preset("global", dataflows=(dataflow,))), cache=True, check_budget=False)
    except Exception:  # the evaluator is another module; the benchmark still reports the engine rates
        return None
    n = len(hw)
    params = [{"num_pes": int(hw.num_pes[i]), "noc_bw": float(hw.noc_bw[i]), "offchip_bw": float(hw.offchip_bw[i]),
               "noc_hops": int(hw.noc_hops[i]), "noc_hop_latency": int(hw.noc_hop_latency[i]),
               "simd_lanes": int(hw.simd_lanes[i]), "dataflow": dataflow,
               **{c: int(v[i]) for c, v in consts.items()}} for i in range(n)]
    try:
        for i in range(len(net.layers)):
            ev.layer_costs(i, params)  # fill the cache
        t, c0 = time.perf_counter(), time.process_time()
        for i in range(len(net.layers)):
            ev.layer_costs(i, params)
        dt, dc = time.perf_counter() - t, time.process_time() - c0
    except Exception:
        return None
    evals = len(net.layers) * n
    return {"dataflow": dataflow, "mode": "cached", "layers": len(net.layers), "points": n, "layer_evals": evals,
            "seconds": dt, "layer_evals_per_s": evals / dt, "cpu_seconds": dc, "layer_evals_per_cpu_s": evals / dc}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--points", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--dataflows", default="", help="comma-separated names (default: every built-in dataflow)")
    args = ap.parse_args()
    table = run(args.points, args.seed, [d for d in args.dataflows.split(",") if d] or None)
    RESULTS.mkdir(parents=True, exist_ok=True)
    table.to_csv(RESULTS / "cost_model_throughput.csv", index=False)
    lines = ["# Cost-model throughput (ResNet-50, one core)", "",
             f"Machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}, "
             f"{args.points} hardware points, seed {args.seed}. Targets (issue 18): >= 1,000,000 cold "
             "layer-evaluations/s for every dataflow; one_point >= 20,000/s; warm_200 no slower per layer than warm; "
             "cached never slower than warm.", "",
             "| dataflow | mode | layer-evals | seconds | layer-evals/s | CPU seconds | layer-evals/CPU s |",
             "|---|---|---|---|---|---|---|"]
    for r in table.itertuples():
        lines.append(f"| {r.dataflow} | {r.mode} | {r.layer_evals} | {r.seconds:.3f} | {r.layer_evals_per_s:,.0f} | "
                     f"{r.cpu_seconds:.3f} | {r.layer_evals_per_cpu_s:,.0f} |")
    cold = table[table["mode"] == "cold"]
    meets = cold[cold.layer_evals_per_s >= 1e6].dataflow.tolist()
    misses = cold[cold.layer_evals_per_s < 1e6].dataflow.tolist()
    meets_cpu = cold[cold.layer_evals_per_cpu_s >= 1e6].dataflow.tolist()
    lines += ["", f"Cold >= 1,000,000/s (wall clock): {', '.join(meets) or 'none'}; below: "
              f"{', '.join(misses) or 'none'}. Per CPU second (the process's own time, which other load on a shared "
              f"machine does not take): {', '.join(meets_cpu) or 'none'} at or above 1,000,000/s."]
    (RESULTS / "cost_model_throughput.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
