"""Run ``dse export --format maestro`` files through a MAESTRO binary and compare its cycles with ours.

For each (network, layers, dataflow) case a global design (256 PEs, 512 B of L1 per PE, 1 MiB of L2, NoC 64
elements/cycle, off-chip 70,000) is exported as a MAESTRO mapping and hardware file
(:mod:`npu_dse.export.maestro`); the MAESTRO executable runs them (``--Mapping_file``, ``--HW_file``), and
:func:`npu_dse.cost_models.maestro.analyze_mapping` with ``compat=True`` runs the same files. The per-layer cycles must
be equal; a file MAESTRO cannot parse or run is a failure. It needs a MAESTRO executable built by the user
(maestro-project/maestro at commit 4eb08d1); nothing of MAESTRO is shipped.

Usage::

    python experiments/maestro_reference/check_exports.py --maestro /path/to/maestro

Prints one line per case and exits 1 if any differs.
"""

from __future__ import annotations

import argparse
import dataclasses
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd

from npu_dse import export
from npu_dse.cost_models import zoo
from npu_dse.cost_models.evaluator import Evaluator, Problem
from npu_dse.cost_models.formats.maestro_m import read_hardware
from npu_dse.cost_models.hardware import Hardware
from npu_dse.cost_models.maestro import analyze_mapping
from npu_dse.cost_models.mapper import DEFAULT_CANDIDATES
from npu_dse.design import design_document

#: (network, layer slice, dataflow, mapper): CONVs of every kernel size and stride, grouped and depthwise ones,
#: GEMMs (BERT-base), FC layers; with the mapper, each layer at its least-latency tiles and template variant.
CASES = (
    ("resnet50", "0:20", "yxp_os", False), ("resnet50", "0:20", "kcp_ws", False), ("resnet50", "0:20", "rs", False),
    ("resnet50", "50:54", "eye", False), ("mobilenet_v2", "0:12", "yxp_os", False),
    ("mobilenet_v2", "0:12", "kcp_ws", False), ("mobilenet_v2", "0:12", "dla", False),
    ("bert_base", "0:6", "kcp_ws", False), ("bert_base", "0:6", "yxp_os", False), ("alexnet", "0:8", "shi", False),
    ("alexnet", "0:8", "xp_ws", False), ("alexnet", "0:8", "eye", True), ("lenet5", "0:5", "shi", True),
    ("mobilenet_v2", "0:12", "eye", True), ("vgg16", "0:13", "dla", True),
)
POINT = {"num_pes": 256, "l1_bytes": 512, "l2_bytes": 1 << 20, "noc_bw": 64, "offchip_bw": 70000}


def check(maestro: Path, model: str, layers: str, dataflow: str, mapper: bool, work: Path) -> tuple[bool, str]:
    """Export the case's design, run MAESTRO and our engine on the files; (equal, one-line report)."""
    net = zoo.load(model).select(layers)
    problem = Problem.build(net, space="global", dataflows=(dataflow,))
    if mapper:
        problem = dataclasses.replace(problem, space=dataclasses.replace(problem.space, mapper=DEFAULT_CANDIDATES))
    evaluation = Evaluator(problem, check_budget=False).evaluate({**{k: v for k, v in POINT.items()
                                                                     if k != "offchip_bw"}, "dataflow": dataflow})
    doc = design_document(problem, evaluation)
    doc["design"]["offchip_bw"] = POINT["offchip_bw"]
    mapping = work / "data" / "mapping" / "x.m"  # MAESTRO names its CSV after the path's third part
    export.write(doc, "maestro", mapping, net)
    hw_file = mapping.with_name("x_hw.m")
    proc = subprocess.run([str(maestro), f"--Mapping_file={mapping.relative_to(work)}", f"--HW_file={hw_file}",
                           "--print_res=false", "--print_res_csv_file=true", "--print_log_file=false"],
                          cwd=work, capture_output=True, text=True, timeout=600)
    out = work / "x.csv"
    if proc.returncode != 0 or not out.exists():
        return False, f"MAESTRO failed (exit {proc.returncode}): {proc.stdout.strip().splitlines()[-1:]}"
    theirs = pd.read_csv(out)
    theirs.columns = [c.strip() for c in theirs.columns]
    hw = Hardware(**{{"l1_size": "l1_bytes", "l2_size": "l2_bytes"}.get(k, k): v
                     for k, v in read_hardware(hw_file).items()})
    ours = analyze_mapping(mapping, hw, compat=True)
    a, b = list(ours.runtime_cycles), list(theirs["Runtime (Cycles)"])
    diff = next(((ours.layer[i], a[i], b[i]) for i in range(min(len(a), len(b))) if a[i] != b[i]), None)
    ok = len(a) == len(b) and diff is None
    return ok, f"{len(b)} layers, {'equal' if ok else f'first difference {diff}, layers {len(a)} vs {len(b)}'}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--maestro", type=Path, required=True, help="the MAESTRO executable (4eb08d1)")
    args = ap.parse_args()
    failed = 0
    for model, layers, dataflow, mapper in CASES:
        with tempfile.TemporaryDirectory() as tmp:
            ok, report = check(args.maestro.resolve(), model, layers, dataflow, mapper, Path(tmp))
        failed += not ok
        print(f"{model} {layers} {dataflow}{' (mapper)' if mapper else ''}: {report}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
