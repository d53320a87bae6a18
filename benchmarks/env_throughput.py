"""Environment steps per second with random actions, ResNet-50, layerwise (edge) and global (edge).

Writes ``benchmarks/results/env_throughput.md``. Run: ``python benchmarks/env_throughput.py``.
Floor (issue 4): 5,000 steps/s for the layerwise environment. Construction time (every layer's options evaluated
once) is reported separately from stepping.
"""

from __future__ import annotations

import platform
import time
from pathlib import Path

import numpy as np

from npu_dse.cost_models.evaluator import Problem
from npu_dse.envs import AcceleratorConfig, LayerwiseAssignment


def _steps_per_s(env, n_steps: int, seed: int = 0, masked: bool = False) -> float:
    rng = np.random.default_rng(seed)
    env.action_space.seed(seed)
    env.reset(seed=seed)
    t0 = time.perf_counter()
    for _ in range(n_steps):
        if masked:
            parts = np.split(env.action_masks(), np.cumsum(env.nvec)[:-1])
            action = np.array([rng.choice(np.flatnonzero(p)) for p in parts])
        else:
            action = env.action_space.sample()
        _, _, done, _, _ = env.step(action)
        if done:
            env.reset()
    return n_steps / (time.perf_counter() - t0)


def main() -> None:
    rows = []
    t0 = time.perf_counter()
    lw = LayerwiseAssignment(model="resnet50", platform="edge")
    build = time.perf_counter() - t0
    rows.append(("LayerwiseAssignment resnet50 edge, random actions", _steps_per_s(lw, 50_000), build))
    rows.append(("LayerwiseAssignment resnet50 edge, masked random actions", _steps_per_s(lw, 10_000, masked=True),
                 0.0))
    t0 = time.perf_counter()
    gl = AcceleratorConfig(problem=Problem.build("resnet50", platform="edge", space="global"))
    build = time.perf_counter() - t0
    rows.append(("AcceleratorConfig resnet50 edge (global space), random actions", _steps_per_s(gl, 3_000), build))
    out = Path(__file__).parent / "results" / "env_throughput.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        "# Environment throughput",
        "",
        f"Machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}, one process.",
        "",
        "| environment | steps/s | construction (s) |",
        "|---|---:|---:|",
        *[f"| {name} | {sps:,.0f} | {b:.1f} |" for name, sps, b in rows],
        "",
        "Global-environment steps include a full network evaluation at every episode end (first visits are cost-",
        "model calls; repeats hit the evaluator's cache).",
    ]
    tmp = out.with_suffix(".tmp")
    tmp.write_text("\n".join(lines) + "\n")
    tmp.replace(out)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
