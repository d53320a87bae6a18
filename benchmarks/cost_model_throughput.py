"""Cost-model throughput: layer-evaluations per second for ResNet-50 over 10,000 distinct hardware points.

One layer-evaluation = one layer at one hardware point (runtime, energy, buffers, area, power, counts). The engine
is vectorised over points (``npu_dse.cost_models.maestro.analyze_layer`` with a ``HardwareBatch``); the mapping structure
is compiled once per (layer shape, dataflow, constants, PE count) and cached.

Rates reported (one process, ``OMP/MKL`` threads pinned to 1):

- ``cold``: structure cache emptied first: every (layer, PE count) mapping is compiled inside the timing;
- ``warm``: structures compiled, but every point is still evaluated (no result cache): the "cache disabled" rate;
- ``warm_200``: ``warm`` for a synthetic network of 200 distinct layer shapes (``dla`` only), whose 28,800
  structures (200 shapes x 12 PE levels x 12 KTileSz values) outnumbered the old 8,192-entry structure cache (7x
  slower per layer than ``warm``); the cache is now bounded by memory (``_CACHE_MAX_BYTES``, 512 MiB as estimated
  by ``Structure.nbytes``) and holds them: the per-layer rate shows whether a search's working set still fits;
- ``one_point``: one :class:`Hardware` point per call, the first 1,000 points, structures compiled: what a search
  evaluating one design at a time sees (issue 18's one-point path);
- ``cached``: the same points again through ``npu_dse.cost_models.evaluator.Evaluator`` with its result cache, the rate a
  search sees when it revisits designs (skipped if the evaluator is unavailable).

Run: ``python benchmarks/cost_model_throughput.py [--points 10000] [--seed 0]``; writes
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

from npu_dse.cost_models import zoo  # noqa: E402
from npu_dse.cost_models.hardware import HardwareBatch  # noqa: E402
from npu_dse.cost_models.maestro import analyze_layer, clear_cache  # noqa: E402

RESULTS = Path(__file__).parent / "results"
PE_LEVELS = {"dla": [1, 2, 4, 8, 12, 16, 24, 32, 48, 64, 96, 128],  # ConfuciuX's PE levels
             "kcp_ws": [64, 128, 192, 256, 384, 512, 768, 1024]}


def hardware_points(dataflow: str, n: int, seed: int) -> tuple[HardwareBatch, dict]:
    """``n`` random distinct hardware points (and per-point KTileSz for ``dla``)."""
    rng = np.random.default_rng(seed)
    hw = HardwareBatch.from_arrays(
        num_pes=rng.choice(PE_LEVELS[dataflow], n), noc_bw=rng.integers(1, 4096, n),
        offchip_bw=rng.integers(1, 70000, n), noc_hops=rng.integers(1, 4, n), noc_hop_latency=rng.integers(1, 3, n),
        simd_lanes=rng.integers(1, 5, n), l1_bytes=rng.integers(64, 65536, n), l2_bytes=rng.integers(4096, 1 << 22, n))
    consts = {"KTileSz": rng.integers(1, 13, n)} if dataflow == "dla" else {}
    return hw, consts


def run(points: int, seed: int) -> pd.DataFrame:
    net = zoo.load("resnet50")
    rows = []
    for dataflow in ("dla", "kcp_ws"):
        hw, consts = hardware_points(dataflow, points, seed)
        evals = len(net.layers) * points
        clear_cache()
        for label in ("cold", "warm"):
            t = time.perf_counter()
            for layer in net.layers:
                analyze_layer(layer, dataflow, hw, consts or None)
            dt = time.perf_counter() - t
            rows.append({"dataflow": dataflow, "mode": label, "layers": len(net.layers), "points": points,
                         "layer_evals": evals, "seconds": dt, "layer_evals_per_s": evals / dt})
        rows.append(_one_point_rate(net, dataflow, hw, consts))
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
    t = time.perf_counter()
    for layer in net.layers:
        for p, c in pts:
            analyze_layer(layer, dataflow, p, c)
    dt = time.perf_counter() - t
    evals = len(net.layers) * n
    return {"dataflow": dataflow, "mode": "one_point", "layers": len(net.layers), "points": n, "layer_evals": evals,
            "seconds": dt, "layer_evals_per_s": evals / dt}


def _many_shapes_rate(hw: HardwareBatch, consts: dict) -> dict:
    """Warm layer-evaluations/s over 200 distinct CONV shapes (second pass after a first that compiles them)."""
    from npu_dse.cost_models.workload import Layer, Op

    layers = [Layer(f"s{i}", Op.CONV, K=16 + 8 * (i % 25), C=16 + 16 * (i // 25), Y=14 + 2 * (i % 7), X=14,
                    R=3, S=3, padding=1) for i in range(200)]
    for layer in layers:
        analyze_layer(layer, "dla", hw, consts)
    t = time.perf_counter()
    for layer in layers:
        analyze_layer(layer, "dla", hw, consts)
    dt = time.perf_counter() - t
    n = len(hw)
    return {"dataflow": "dla", "mode": "warm_200", "layers": len(layers), "points": n, "layer_evals": len(layers) * n,
            "seconds": dt, "layer_evals_per_s": len(layers) * n / dt}


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
        t = time.perf_counter()
        for i in range(len(net.layers)):
            ev.layer_costs(i, params)
        dt = time.perf_counter() - t
    except Exception:
        return None
    evals = len(net.layers) * n
    return {"dataflow": dataflow, "mode": "cached", "layers": len(net.layers), "points": n, "layer_evals": evals,
            "seconds": dt, "layer_evals_per_s": evals / dt}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--points", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    table = run(args.points, args.seed)
    RESULTS.mkdir(parents=True, exist_ok=True)
    table.to_csv(RESULTS / "cost_model_throughput.csv", index=False)
    lines = ["# Cost-model throughput (ResNet-50, one core)", "",
             f"Machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}, "
             f"{args.points} hardware points, seed {args.seed}. Targets (issue 18): >= 1,000,000 cold "
             "layer-evaluations/s for every dataflow; one_point >= 20,000/s; warm_200 no slower per layer than warm; "
             "cached never slower than warm.", "", "| dataflow | mode | layer-evals | seconds | layer-evals/s |", "|---|---|---|---|---|"]
    for r in table.itertuples():
        lines.append(f"| {r.dataflow} | {r.mode} | {r.layer_evals} | {r.seconds:.3f} | {r.layer_evals_per_s:,.0f} |")
    (RESULTS / "cost_model_throughput.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
