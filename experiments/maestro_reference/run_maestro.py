"""Run a MAESTRO binary on MAESTRO's shipped mapping files and collect its own per-layer outputs as one CSV.

This produces the golden data of ``tests/data/maestro_files.csv`` (see its provenance line). It needs a MAESTRO
executable built by the user (maestro-project/maestro at commit 4eb08d1; its README gives the build) and the
repository's ``data/mapping`` folder. Nothing of MAESTRO is shipped with npu-dse: only what it printed.

For each file and hardware point MAESTRO is run on the whole file (``--Mapping_file``). If it fails, each layer is
run alone, from a one-layer copy of the file with the file's ``Constant`` lines, so the layers MAESTRO can analyse
are still recorded; ``status`` says which (``ok``, ``isolated``, or ``crashed`` with the exit code).

Usage::

    python experiments/maestro_reference/run_maestro.py --maestro /path/to/maestro \
        --mappings /path/to/maestro/data/mapping --out tests/data/maestro_files.csv
"""

from __future__ import annotations

import argparse
import re
import subprocess
import tempfile
from pathlib import Path

import pandas as pd

#: Hardware points: (PEs, NoC bandwidth in elements/cycle). Hops 1, hop latency 1, off-chip 70000, as in
#: ``reference/maestro/maestro_networks_shared.csv``.
POINTS = ((64, 32), (256, 64), (1024, 256), (256, 1024))
FIELDS = {"Runtime (Cycles)": "runtime_cycles", "L2 SRAM Size Req (Bytes)": "l2_req_bytes",
          "L1 SRAM Size Req (Bytes)": "l1_req_bytes", "Num MACs": "num_macs_reported",
          "Area": "area", "Power": "power"}
COUNTS = [f"{t} {m} {a}" for t in ("input", "filter", "output") for m in ("l1", "l2") for a in ("read", "write")]


def _run(maestro: Path, workdir: Path, mapping: Path, pes: int, bw: int) -> tuple[int, pd.DataFrame | None]:
    rel = Path("data") / "mapping" / mapping.name       # MAESTRO names its CSV after the path's third part
    (workdir / rel.parent).mkdir(parents=True, exist_ok=True)
    (workdir / rel).write_bytes(mapping.read_bytes())
    out = workdir / (mapping.stem + ".csv")
    out.unlink(missing_ok=True)
    cmd = [str(maestro), f"--Mapping_file={rel}", f"--num_pes={pes}", f"--noc_bw_cstr={bw}", "--noc_hops=1",
           "--noc_hop_latency=1", "--offchip_bw_cstr=70000", "--print_res=false", "--print_res_csv_file=true",
           "--print_log_file=false"]
    proc = subprocess.run(cmd, cwd=workdir, capture_output=True, timeout=600)
    if proc.returncode != 0 or not out.exists():
        return proc.returncode or -1, None
    frame = pd.read_csv(out)
    frame.columns = [c.strip() for c in frame.columns]
    return 0, frame


def _layers(text: str) -> list[tuple[str, str]]:
    """(name, block text) of every Layer in a mapping file (braces balanced)."""
    text = re.sub(r"//[^\n]*|/\*.*?\*/", "", text, flags=re.S)
    out = []
    for m in re.finditer(r"Layer\s+(\S+)\s*{", text):
        depth, i = 1, m.end()
        while depth:
            depth += {"{": 1, "}": -1}.get(text[i], 0)
            i += 1
        out.append((m.group(1), text[m.start():i]))
    return out


def _row(frame: pd.DataFrame, i: int) -> dict:
    r = frame.iloc[i]
    row = {ours: float(r[theirs]) for theirs, ours in FIELDS.items()}
    row.update({c.replace(" ", "_"): float(r[c]) for c in COUNTS})
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--maestro", type=Path, required=True)
    ap.add_argument("--mappings", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("files", nargs="*", help="file names (default: every .m file in --mappings)")
    a = ap.parse_args()
    files = [a.mappings / f for f in a.files] or sorted(a.mappings.glob("*.m"))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for mapping in files:
            text = mapping.read_text()
            layers = _layers(text)
            head = "\n".join(re.findall(r"^\s*Constant\s+[^\n]*", text, flags=re.M))
            for pes, bw in POINTS:
                rc, frame = _run(a.maestro.resolve(), work, mapping, pes, bw)
                base = {"mapping_file": mapping.name, "num_pes": pes, "noc_bw": bw}
                if frame is not None and len(frame) == len(layers):
                    rows += [{**base, "layer_index": i, "layer": n, "status": "ok", **_row(frame, i)}
                             for i, (n, _) in enumerate(layers)]
                    continue
                for i, (name, block) in enumerate(layers):
                    one = work / "one" / mapping.name
                    one.parent.mkdir(exist_ok=True)
                    one.write_text(f"{head}\nNetwork one {{\n{block}\n}}\n")
                    rc1, f1 = _run(a.maestro.resolve(), work, one, pes, bw)
                    r = {**base, "layer_index": i, "layer": name}
                    rows.append({**r, "status": "isolated", **_row(f1, 0)} if f1 is not None and len(f1) == 1
                                else {**r, "status": f"crashed rc={rc1}"})
    frame = pd.DataFrame(rows)
    for c in frame.columns[frame.columns.get_loc("status") + 1:]:
        if c not in ("area", "power"):
            frame[c] = frame[c].round().astype("Int64")   # MAESTRO prints whole numbers
    a.out.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(a.out, index=False)


if __name__ == "__main__":
    main()
