"""Golden SCALE-Sim compute cycles for tests/data/scalesim_cycles.csv (full SCALE-Sim 3.0.0 runs, memories simulated).

Layers: 30 random convolutions (seed 1: kernels 1/3/5/7, strides 1-2, inputs up to 20 x 20, up to 40 channels and
filters), two depthwise ones, and six 1 x 1 MobileNetV2 layers of 7 x 7 inputs (expansions to 960 channels and
projections; SCALE-Sim's per-channel split makes its 960-channel depthwise layers take minutes); arrays 8 x 8, 4 x 16,
16 x 4; dataflows ws, os, is. SCALE-Sim's ``Total Cycles - Stall Cycles`` per topology row (depthwise rows summed
over SCALE-Sim's per-channel layers). Needs .venv-scalesim (benchmarks/scalesim/setup_venv.sh).

``--sram`` writes SCALE-Sim's SRAM accesses of the same layers instead (``ifmap_reads``, ``filter_reads``,
``ofmap_writes``: the real addresses of its demand matrices, ``compute_cycles.py --sram``) beside its compute cycles.

Usage: python benchmarks/scalesim/golden.py tests/data/scalesim_cycles.csv
       python benchmarks/scalesim/golden.py tests/data/scalesim_sram.csv --sram
"""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd

from npu_dse.cost_models import zoo
from npu_dse.cost_models.workload import Layer, Network, Op
from npu_dse.export.scalesim import scalesim_files, topology_rows

ROOT = Path(__file__).resolve().parents[2]
ARRAYS = ((8, 8), (4, 16), (16, 4))


def layers() -> list[Layer]:
    rng = random.Random(1)
    out = []
    for i in range(30):
        r, s = rng.choice([1, 3, 5, 7]), rng.choice([1, 1, 2])
        h = rng.randint(r, 20)
        out.append(Layer(f"rand{i}", Op.CONV, K=rng.randint(1, 40), C=rng.randint(1, 40), Y=h, X=h, R=r, S=r,
                         stride=s))
    out.append(Layer("dw0", Op.DWCONV, K=8, C=8, Y=12, X=12, R=3, S=3, padding=1, groups=8))
    out.append(Layer("dw1", Op.DWCONV, K=6, C=6, Y=9, X=9, R=3, S=3, stride=2, groups=6))
    out += [l for l in zoo.load("mobilenet_v2").layers if l.Y <= 7 and l.op is Op.CONV][:6]
    return out


def main() -> None:
    out_csv = Path(sys.argv[1])
    sram = "--sram" in sys.argv[2:]
    net = Network("golden", tuple(layers()))
    topo = topology_rows(net)
    rows = []
    for (r, c) in ARRAYS:
        for df in ("ws", "os", "is"):
            doc = {"schema": "npu-dse/design", "version": 1, "network": "golden", "mode": "global",
                   "design": {"num_pes": r * c, "l2_bytes": 3 << 20, "offchip_bw": 1000, "dataflow": "kcp_ws"}}
            files = scalesim_files(doc, net)
            text = files["main"].splitlines()
            text = [f"ArrayHeight = {r}" if t.startswith("ArrayHeight") else
                    f"ArrayWidth = {c}" if t.startswith("ArrayWidth") else
                    f"Dataflow = {df}" if t.startswith("Dataflow") else t for t in text]
            files["main"] = "\n".join(text) + "\n"
            with tempfile.TemporaryDirectory() as tmp:
                tmp = Path(tmp)
                for role, t in files.items():
                    (tmp / role).write_text(t)
                subprocess.run([str(ROOT / ".venv-scalesim/bin/python"), str(ROOT / "benchmarks/scalesim/compute_cycles.py"),
                                str(tmp / "main"), str(tmp / "topology"), str(tmp / "layout"), str(tmp / "out.csv"),
                                "--sram" if sram else "--full"], check=True)
                got = pd.read_csv(tmp / "out.csv").drop(columns="layer").to_dict("records")
            for t, g in zip(topo, got):
                rows.append(dict(zip(("layer", "ifmap_h", "ifmap_w", "filter_h", "filter_w", "channels",
                                      "num_filter", "stride"), t), rows=r, cols=c, dataflow=df, **g))
    pd.DataFrame(rows).to_csv(out_csv, index=False)


if __name__ == "__main__":
    main()
