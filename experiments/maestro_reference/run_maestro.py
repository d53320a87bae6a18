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

``--random-models N --seed S --write-dir DIR`` first writes N random model files (two to five layers of CONV, DSCONV,
NGCONV and TRCONV, now and then an FC; random sizes and strides; each layer with or without a batch N) to DIR and,
for each of MAESTRO's frontend dataflow files (``--flows``, its ``tools/frontend/dataflow``), the mapping file
MAESTRO's frontend makes of the two (``modelfile_to_mapping.py``: the dataflow's text after each layer's
``Dimensions`` line, ``dpt.m``'s for a DSCONV) to DIR/mappings/<model>__<flow>.m; then that folder is given to
``--mappings``.

``--random N --seed S --write FILE`` first writes FILE: N random layers (CONV, DSCONV, NGCONV, TRCONV and GEMM;
random sizes, strides, batch; one to three cluster levels of directives in random orders with random sizes and
offsets, output-centric Y'/X' maps, two spatial maps in a level, K directives on depthwise layers) that MAESTRO
analyses alone at every hardware point, as one network; the rest of the draws crash MAESTRO and are dropped. Then
FILE's folder is given to ``--mappings`` as usual.
"""

from __future__ import annotations

import argparse
import random
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


def _map(rng: random.Random, spatial: bool, dim: str, size: int, window: str | None) -> str:
    """One random directive on ``dim`` of extent ``size``; ``window`` is Sz(R)/Sz(S) for Y/X (sliding windows),
    which are sometimes mapped output-centric (``Y'``/``X'``)."""
    kind = "SpatialMap" if spatial else "TemporalMap"
    if window is not None and rng.random() < 0.2:
        o, t = rng.choice([1, 1, 2, 4]), rng.choice([1, 1, 2, 3, 4, 8])
        return f"{kind}({max(t, o) if rng.random() < 0.7 else t},{o}) {dim}';"
    if window is not None and rng.random() < 0.8:
        o = rng.choice([1, 1, 2, 3, 4, 8])
        return f"{kind}({window}{f'+{o - 1}' if o > 1 else ''},{o}) {dim};"
    if dim in ("R", "S") and rng.random() < 0.7:
        return f"{kind}(Sz({dim}),Sz({dim})) {dim};"
    t = rng.choice([1, 1, 2, 3, 4, 8, 16, 32, 64, rng.randint(1, max(1, size))])
    return f"{kind}({t},{t if rng.random() < 0.85 else rng.randint(1, t)}) {dim};"


def _level(rng: random.Random, dims: dict[str, int], windows: dict[str, str], partial: bool) -> list[str]:
    """One cluster level's directives: every dimension (``partial``: most of them) in a random order, one spatial
    map (sometimes two)."""
    order = list(dims)
    rng.shuffle(order)
    spatial = {rng.choice(order)} | ({rng.choice(order)} if rng.random() < 0.15 else set())
    return [_map(rng, d in spatial, d, dims[d], windows.get(d)) for d in order
            if d in spatial or not partial or rng.random() < 0.85]


def random_layer(rng: random.Random, name: str) -> str:
    """A random MAESTRO layer block (type, Stride, Dimensions, Dataflow of one to three cluster levels) named
    ``name``."""
    ltype = rng.choice(["CONV"] * 4 + ["DSCONV", "NGCONV", "TRCONV", "GEMM"])
    if ltype == "GEMM":
        dims = {d: rng.randint(1, 300) for d in ("M", "N", "K")}
        head = ""
    else:
        R = rng.choice([1, 1, 3, 3, 5, 7])
        S = R if rng.random() < 0.8 else rng.choice([1, 3, 5])
        dims = {"K": rng.choice([1, 2, 3, 8, 16, 32, 64, 96, rng.randint(1, 200)]),
                "C": rng.choice([1, 3, 8, 16, 32, 64, rng.randint(1, 200)]), "R": R, "S": S,
                "Y": rng.randint(R, rng.choice([8, 16, 32, 64])), "X": rng.randint(S, rng.choice([8, 16, 32, 64]))}
        if ltype == "DSCONV" and rng.random() < 0.8:
            dims["K"] = 1
        if ltype == "NGCONV":
            dims = {"G": rng.choice([2, 4, 8, 32]), **dims}
        elif rng.random() < 0.2:
            dims = {"N": rng.choice([2, 3, 4]), **dims}
        stride = 1 if ltype == "TRCONV" else rng.choice([1, 1, 1, 2])
        head = f"    Stride {{ X: {stride}, Y: {stride} }}\n"
    windows = {"Y": "Sz(R)", "X": "Sz(S)"} if ltype != "GEMM" else {}
    lines = _level(rng, dims, windows, partial=False)
    for _ in range(rng.choice([0, 0, 1, 1, 2])):
        lines.append(f"Cluster({rng.choice([2, 4, 8, 16, rng.randint(2, 16)])},P);")
        lines += _level(rng, dims, windows, partial=True)
    body = "\n".join(f"      {line}" for line in lines)
    dim_text = ", ".join(f"{k}: {v}" for k, v in dims.items())
    return (f"  Layer {name} {{\n    Type: {ltype}\n{head}    Dimensions {{ {dim_text} }}\n"
            f"    Dataflow {{\n{body}\n    }}\n  }}\n")


def write_random(maestro: Path, count: int, seed: int, out: Path) -> None:
    """Write ``count`` random layers that MAESTRO analyses alone at every point of :data:`POINTS` to ``out``."""
    rng = random.Random(seed)
    kept: list[str] = []
    batched: dict[str, bool] = {}  # MAESTRO's layer type -> whether its first kept layer has a batch N
    tried = 0
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        one = work / "one" / "random_layer.m"
        one.parent.mkdir()
        while len(kept) < count:
            tried += 1
            block = random_layer(rng, f"L{tried}")
            ltype = re.search(r"Type: (\w+)", block).group(1)
            group = "CONV" if ltype == "TRCONV" else ltype
            has_n = ltype != "GEMM" and re.search(r"Dimensions \{ N:", block) is not None
            # MAESTRO builds a type's tensors from its first layer: it exits on a layer without the N they index,
            # and on a directive on an N they do not index in a dataflow with Cluster levels
            if (batched.get(group) and not has_n) or (batched.get(group) is False and has_n and "Cluster" in block
                                                      and re.search(r"\)\s*N\s*;", block)):
                continue
            one.write_text(f"Network random {{\n{block}}}\n")
            if all((f := _run(maestro, work, one, pes, bw)[1]) is not None and len(f) == 1 for pes, bw in POINTS):
                kept.append(block)
                batched.setdefault(group, has_n)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(f"// {count} random layers (seed {seed}; {tried} drawn, the rest crash MAESTRO at some point)\n"
                   f"// written by experiments/maestro_reference/run_maestro.py --random {count} --seed {seed}\n"
                   f"Network random_seed{seed} {{\n" + "".join(kept) + "}\n")


FRONTEND_FLOWS = ("kcp_ws", "rs", "xp_ws", "ykp_os", "maeri")
"""MAESTRO's frontend dataflow files (``tools/frontend/dataflow``; DSCONVs get ``dpt.m``)."""


def random_model_layer(rng: random.Random, name: str) -> str:
    """A random layer block of a MAESTRO model file (no Dataflow), one line per field as MAESTRO's model files."""
    ltype = rng.choice(["CONV"] * 3 + ["DSCONV", "TRCONV", "NGCONV"]) if rng.random() < 0.97 else "FC"
    R = rng.choice([1, 3, 5, 7])
    S = R if rng.random() < 0.8 else rng.choice([1, 3])
    K, C = rng.choice([1, 4, 8, 16, 32, 64, 96]), rng.choice([1, 3, 8, 16, 32, 64])
    Y, X = rng.randint(R, 40), rng.randint(S, 40)
    stride = 1 if ltype == "TRCONV" else rng.choice([1, 1, 2])
    head = ""
    if ltype == "FC":
        R = S = Y = X = 1
    elif ltype == "DSCONV":
        K = 1
    elif ltype == "NGCONV":
        G = rng.choice([2, 4])
        K, C = max(G, K - K % G), max(G, C - C % G)
        head = f"G: {G}, "
    n = rng.choice([None, None, 1, 2, 3, 4])
    dims = (f"N: {n}, " if n else "") + head + f"K: {K}, C: {C}, R: {R}, S: {S}, Y: {Y}, X: {X}"
    return (f"\tLayer {name} {{\n\t\tType: {ltype}\n\t\tStride {{ X: {stride}, Y: {stride} }}\n"
            f"\t\tDimensions {{ {dims} }}\n\t}}\n")


def frontend_mapping(model_text: str, flow_text: str, dpt_text: str) -> str:
    """The mapping file MAESTRO's frontend (``tools/frontend/modelfile_to_mapping.py``) writes: each line of the
    model file, and after each ``Dimensions`` line the dataflow file's text (``dpt.m``'s in a DSCONV layer)."""
    out, dsconv = [], False
    for line in model_text.splitlines(keepends=True):
        dsconv = dsconv or "DSCONV" in line
        out.append(line)
        if "Dimensions" in line:
            out.append(dpt_text if dsconv else flow_text)
            dsconv = False
    return "".join(out)


def write_random_models(count: int, seed: int, out_dir: Path, flows_dir: Path) -> Path:
    """Write ``count`` random model files to ``out_dir`` and their frontend mappings under each of
    :data:`FRONTEND_FLOWS` (from ``flows_dir``) to ``out_dir/mappings``; returns that folder."""
    rng = random.Random(seed)
    maps = out_dir / "mappings"
    maps.mkdir(parents=True, exist_ok=True)
    dpt = (flows_dir / "dpt.m").read_text(encoding="utf-8")
    for i in range(count):
        name = f"random_model_s{seed}_{i:02d}"
        text = (f"// random model file (seed {seed}, #{i}), written by experiments/maestro_reference/run_maestro.py "
                f"--random-models {count} --seed {seed}\nNetwork {name} {{\n"
                + "".join(random_model_layer(rng, f"L{j}") for j in range(rng.randint(2, 5))) + "}\n")
        (out_dir / f"{name}.m").write_text(text)
        for flow in FRONTEND_FLOWS:
            mapped = frontend_mapping(text, (flows_dir / f"{flow}.m").read_text(encoding="utf-8"), dpt)
            (maps / f"{name}__{flow}.m").write_text(mapped, encoding="utf-8")
    return maps


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--maestro", type=Path, required=True)
    ap.add_argument("--mappings", type=Path, help="a folder of mapping files (not with --random-models)")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("files", nargs="*", help="file names (default: every .m file in --mappings)")
    ap.add_argument("--random", type=int, default=0, help="first write this many random layers to --write")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--write", type=Path, help="where --random writes its mapping file")
    ap.add_argument("--random-models", type=int, default=0, help="first write this many random model files")
    ap.add_argument("--write-dir", type=Path, help="where --random-models writes them (and mappings/)")
    ap.add_argument("--flows", type=Path, help="MAESTRO's frontend dataflow files (tools/frontend/dataflow)")
    a = ap.parse_args()
    if a.random_models:
        if a.write_dir is None or a.flows is None:
            ap.error("--random-models needs --write-dir DIR and --flows DIR")
        a.mappings = write_random_models(a.random_models, a.seed, a.write_dir, a.flows)
    if a.mappings is None:
        ap.error("give --mappings DIR, or --random-models N with --write-dir and --flows")
    if a.random:
        if a.write is None:
            ap.error("--random needs --write FILE")
        write_random(a.maestro.resolve(), a.random, a.seed, a.write)
    files = [a.mappings / f for f in a.files] or sorted(a.mappings.glob("*.m"))
    if not files:
        ap.error(f"no .m files in {a.mappings}")
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
