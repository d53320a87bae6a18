"""Calibration of the ``a53`` + ``evta`` preset of ``dse hetero`` on the seed's SqueezeNet (a calibration, not a
prediction).

The seed (NEST-C on a ZCU102, ``reference/seed_tables.md``) reports 8 parallel-branch groups, a sequential
202.72 ms and a branch-parallel 180.18 ms (11.12 % less), 4 groups run in parallel. Two constants are fitted on a
grid: the A53's efficiency (fraction of its NEON peak) and EVTA's per-layer launch overhead; the fit minimises the
squared relative errors of the sequential time and of the gain. Everything else (the roofline's peak and
bandwidth, the NPU's cost model at 300 MHz, transfers, synchronisation) is as documented in
``npu_dse.hetero.units``.

Run: ``python benchmarks/hetero_calibration.py``; writes ``benchmarks/results/hetero_calibration.md``.
"""

from __future__ import annotations

import itertools
import os
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402

from npu_dse.cost_models import zoo  # noqa: E402
from npu_dse.hetero.schedule import schedule  # noqa: E402
from npu_dse.hetero.units import A53, CALIBRATED_CPU_EFFICIENCY, CALIBRATED_NPU_OVERHEAD_US, EVTA  # noqa: E402
from npu_dse.results import atomic_write_text  # noqa: E402

RESULTS = Path(__file__).parent / "results"
SEED_SEQUENTIAL_MS, SEED_GAIN = 202.72, 0.1112


def main() -> None:
    net = zoo.load("squeezenet1_0")
    rows = []
    for eff, ov in itertools.product(np.round(np.linspace(0.3, 0.8, 11), 3), np.linspace(1000, 9000, 9)):
        r = schedule(net, replace(A53, efficiency=float(eff)), replace(EVTA, overhead_us=float(ov)))
        gain = 1 - r.branch_parallel_ms / r.sequential_ms
        err = ((r.sequential_ms - SEED_SEQUENTIAL_MS) / SEED_SEQUENTIAL_MS) ** 2 + ((gain - SEED_GAIN) / SEED_GAIN) ** 2
        saved = [g.sequential_ms - g.nestc_ms for g in r.groups if g.nestc_ms < g.sequential_ms] or [0.0]
        rows.append((err, float(eff), float(ov), r.sequential_ms, gain, r.groups_parallel,
                     1 - r.baselines["nestc_rule"] / r.sequential_ms, r.nestc_groups_parallel, min(saved), max(saved)))
    best = min(rows)
    lines = [
        "# dse hetero: calibration of a53 + evta on SqueezeNet 1.0", "",
        "A calibration, not a prediction: two constants are fitted to the seed's two numbers (module docstring of "
        "`benchmarks/hetero_calibration.py`).", "",
        "| | seed (NEST-C, ZCU102) | fitted preset |", "|---|---|---|",
        f"| A53 efficiency (of NEON peak) | - | {best[1]:g} |",
        f"| EVTA launch overhead per layer | - | {best[2]:g} us |",
        f"| sequential | {SEED_SEQUENTIAL_MS} ms | {best[3]:.2f} ms |",
        f"| branch-parallel gain | {SEED_GAIN:.2%} | {best[4]:.2%} |",
        f"| groups found / run in parallel | 8 / 4 | 8 / {best[5]} |",
        f"| the seed's rule (each node on its sequential unit): groups in parallel, gain | 4, 11.12% | "
        f"{best[7]}, {best[6]:.2%} |", "",
        "The seed's code keeps every node on the unit its sequential code used (the same PU for the same operation, so "
        "that results do not change), so it can run at once only the groups its partitioner split across the units; "
        "`dse hetero` reassigns each group's branches exactly (the issue's method) and also reports that rule as the "
        "`nestc_rule` baseline. The fit targets the exact method's gain. Under the seed's rule the seed's four "
        f"groups saved 5.6 ms each (22.54 ms); the model's save {best[8]:.1f}-{best[9]:.1f} ms each: the branches' "
        "times on the two units, which the seed does not publish, are where the model and the seed part.", "",
        f"The presets hold efficiency {CALIBRATED_CPU_EFFICIENCY:g} and overhead {CALIBRATED_NPU_OVERHEAD_US:g} us"
        f" ({'the fit' if (best[1], best[2]) == (CALIBRATED_CPU_EFFICIENCY, CALIBRATED_NPU_OVERHEAD_US) else 'NOT the fit: update them'}). "
        f"The residual (sequential time {best[3] / SEED_SEQUENTIAL_MS - 1:+.1%}, a gain of {best[4]:.2%} against "
        f"{SEED_GAIN:.2%}, {best[5]} groups in parallel where the seed ran four) is what two constants cannot absorb; "
        "the per-layer costs of EVTA and the A53 behind the seed's numbers are not published, so it is not fitted "
        "further.", ""]
    RESULTS.mkdir(exist_ok=True)
    atomic_write_text(RESULTS / "hetero_calibration.md", "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
