"""RNN processor simulator throughput: simulated MNIST LSTM sequences per second on one core.

The case of issue 7: 10,000 LSTM sequences of 28 steps (input 28, hidden 128), 16-bit words, 64 lanes, resident
weights, PWL activations, simulated bit-accurately by ``npu_dse.processor.nn.LSTM(backend="sim")`` in batches
(``--batch``). Weights are random (seeded): the simulator's work does not depend on their values. Also reported:
the streamed-weights case (64 KiB weight memory) and the float back-end for reference. Floor: 10,000 sequences
in at most 60 s on one core.

Run: ``python benchmarks/processor_throughput.py [--sequences 10000] [--batch 2000] [--seed 0]``; writes
``benchmarks/results/processor_throughput.md``.
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

import torch  # noqa: E402

from npu_dse.processor import nn as pnn  # noqa: E402
from npu_dse.processor.config import ProcessorConfig  # noqa: E402

RESULTS = Path(__file__).parent / "results"


def measure(config: ProcessorConfig, backend: str, sequences: int, batch: int, seed: int) -> dict:
    torch.manual_seed(seed)
    model = pnn.LSTM(28, 128, batch_first=True, config=config, backend=backend)
    gen = torch.Generator().manual_seed(seed + 1)
    x = torch.rand(sequences, 28, 28, generator=gen)
    cycles = 0
    t0 = time.perf_counter()
    with torch.no_grad():
        for start in range(0, sequences, batch):
            model(x[start:start + batch])
            cycles += model.last_cycles or 0
    wall = time.perf_counter() - t0
    return {"wall_s": wall, "seq_per_s": sequences / wall, "cycles": cycles,
            "sim_s": config.seconds(cycles) if backend == "sim" else None}


def main() -> None:
    p = argparse.ArgumentParser(description="RNN processor simulator throughput")
    p.add_argument("--sequences", type=int, default=10_000)
    p.add_argument("--batch", type=int, default=2000)
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args()
    torch.set_num_threads(1)
    cases = [
        ("sim, resident weights (256 KiB wmem)", ProcessorConfig(), "sim"),
        ("sim, streamed weights (64 KiB wmem)", ProcessorConfig(weight_mem_bytes=65536), "sim"),
        ("float back-end (torch ops)", ProcessorConfig(), "float"),
    ]
    rows = []
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    for name, cfg, backend in cases:
        r = measure(cfg, backend, args.sequences, args.batch, args.seed)
        rows.append((name, r))
        print(f"{name}: {r['wall_s']:.1f} s, {r['seq_per_s']:.0f} sequences/s")
    lines = [
        "# RNN processor simulator throughput",
        "",
        f"`python benchmarks/processor_throughput.py --sequences {args.sequences} --batch {args.batch} "
        f"--seed {args.seed}`: {args.sequences} LSTM sequences, 28 steps, input 28, hidden 128, 16-bit words, "
        "64 lanes; one torch/BLAS thread.",
        f"Host: {platform.processor() or platform.machine()}, Python {platform.python_version()}, "
        f"torch {torch.__version__}; {os.cpu_count()} cores shared with other jobs, load average {load:.1f} at the "
        "start (wall times are upper bounds).",
        "",
        "| case | host wall time | sequences / s | simulated cycles | simulated time at 100 MHz |",
        "|---|---|---|---|---|",
    ]
    for name, r in rows:
        sim = f"{r['cycles']:,}" if r["sim_s"] is not None else "-"
        sim_s = f"{r['sim_s']:.1f} s" if r["sim_s"] is not None else "-"
        lines.append(f"| {name} | {r['wall_s']:.1f} s | {r['seq_per_s']:.0f} | {sim} | {sim_s} |")
    floor_ok = rows[0][1]["wall_s"] <= 60.0
    lines += ["", f"Floor (issue 7): {args.sequences} sequences in at most 60 s: "
                  f"{'met' if floor_ok else 'NOT met'} ({rows[0][1]['wall_s']:.1f} s)."]
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "processor_throughput.md").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
