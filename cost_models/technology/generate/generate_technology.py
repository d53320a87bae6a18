#!/usr/bin/env python3
"""Generate physical technology tables (energy / area / leakage) for npu-dse with
Accelergy's hwcomponents estimators.

Run inside the venv made by setup_venv.sh:

    bash cost_models/technology/generate/setup_venv.sh
    .venv-technology/bin/python cost_models/technology/generate/generate_technology.py

Writes (into ../data, the package's shipped tables, unless --outdir is given):
  memory.csv               memory table: CACTI SRAM (kind=sram) and
                                    flip-flop register files (kind=regfile_*)
  logic.csv              logic table: adders, multipliers, int MACs,
                                    registers, counters, comparators
  dram.csv               DRAM pJ/bit (hwcomponents_cacti DRAM models)
  crosscheck_sram_celltype.csv
                                    cross-check: direct CACTI runs with itrs-hp vs
                                    itrs-lstp cells and 300 K vs 360 K
  crosscheck_sram_28nm_cacti_direct.csv
                                    cross-check: CACTI run directly at 28 nm
                                    (CACTI-internal tech-parameter interpolation),
                                    which hwcomponents does NOT do (it interpolates
                                    22/32 nm outputs instead)

All energies in pJ, areas in um^2, leakage in mW.
"""

from __future__ import annotations

import argparse
import csv
import glob
import subprocess
import datetime as _dt
import hashlib
import inspect
import math
import os
import platform
import re
import shutil
import sys
import time
from importlib.metadata import version as _pkg_version

# NeuroSim is built with OpenMP; keep it on one core (shared 2-core machine).
os.environ.setdefault("OMP_NUM_THREADS", "1")

import hwcomponents  # noqa: E402
import hwcomponents_cacti  # noqa: E402
import hwcomponents_library  # noqa: E402  (needs hwcomponents_neurosim installed)
import hwcomponents_neurosim  # noqa: E402
from hwcomponents import get_action_cost, get_area, get_leak_power  # noqa: E402
from hwcomponents.scaling import tech_node_area, tech_node_energy  # noqa: E402
from hwcomponents_cacti import SRAM, LPDDR4, LPDDR, DDR3, HBM2, HBM3, HBM4  # noqa: E402
from hwcomponents_library import (  # noqa: E402
    AladdinAdder,
    AladdinComparator,
    AladdinCounter,
    AladdinIntMAC,
    AladdinMultiplier,
    AladdinRegister,
)
from hwcomponents_neurosim import Adder as NeuroSimAdder  # noqa: E402
from hwcomponents_neurosim import FlipFlop as NeuroSimFlipFlop  # noqa: E402
from hwcomponents_neurosim import Mux as NeuroSimMux  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(os.path.dirname(HERE), "data")
REPO = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))

# ----------------------------------------------------------------------------
# Sweep definition
# ----------------------------------------------------------------------------
NODES_NM = [65, 45, 40, 32, 28, 22, 16, 14, 12, 10, 7]  # 40, 28: interpolated; 16-7: FinFET, below CACTI's
# Not 90 nm: its CACTI SRAM (256 KiB: 1.9 pJ/B, 1.0 mm2) and NeuroSim MAC come out below 65 nm's (7.2 pJ/B, 1.8 mm2).
CACTI_NATIVE_NM = [22, 32, 45, 65, 90]  # hwcomponents_cacti `supported_technologies`
NEUROSIM_NATIVE_NM = [7, 10, 14, 22, 32, 45, 65, 90, 130]
SRAM_CAPS_B = [2**k for k in range(6, 24)]  # 64 B .. 8 MiB
SRAM_WIDTHS = [32, 64, 128, 256]
REGFILE_CAPS_B = [16, 32, 64, 128, 256, 512, 1024]
REGFILE_WIDTHS = [32, 64, 128]
LOGIC_WIDTHS = [8, 16, 32]
MAC_ACC_WIDTHS = {8: [16, 32], 16: [32, 48], 32: [64]}
HWC_MIN_ROWS = 64  # hwcomponents_cacti _interp_size: scaled_depth = max(depth, 64*n_banks)
NEUROSIM_CYCLE_S = 1e-9  # 1 GHz clock for NeuroSim digital components

# ----------------------------------------------------------------------------
# Citations (copied from the installed packages' source/docstrings)
# ----------------------------------------------------------------------------
CITE_CACTI = (
    "CACTI 7 (HP Labs / Univ. of Utah), as shipped in hwcomponents-cacti; "
    "Balasubramonian et al., 'CACTI 7: New Tools for Interconnect Exploration in "
    "Innovative Off-Chip Memories', ACM TACO 14(2), 2017"
)
CITE_STILLMAKER = (
    "Stillmaker & Baas, 'Scaling equations for the accurate prediction of CMOS device "
    "performance from 180nm to 7nm', Integration 58 (2017) 74-81, "
    "doi:10.1016/j.vlsi.2017.02.002 (hwcomponents.scaling.techscaling)"
)
CITE_NEUROSIM = (
    "X. Peng, S. Huang, Y. Luo, X. Sun, S. Yu, 'DNN+NeuroSim: An End-to-End "
    "Benchmarking Framework for Compute-in-Memory Accelerators with Versatile Device "
    "Technologies', IEDM 2019, doi:10.1109/IEDM19573.2019.8993491 (DNN_NeuroSim_V1.3, "
    "modified for CiMLoop, shipped in hwcomponents-neurosim)"
)
CITE_CIMLOOP = (
    "T. Andrulis, J. S. Emer, V. Sze, 'CiMLoop: A Flexible, Accurate, and Fast "
    "Compute-In-Memory Modeling Tool', ISPASS 2024, doi:10.1109/ISPASS61541.2024.00012"
)
# Per-type sources, copied from the comments above _DRAM.type2energylatency in
# hwcomponents_cacti/hwcomponents_cacti.py (1.0.40).
DRAM_SOURCES = {
    "LPDDR4": "Public data; https://en.wikipedia.org/wiki/LPDDR",
    "LPDDR": "Malladi et al. ISCA'12; https://en.wikipedia.org/wiki/LPDDR",
    "DDR3": "Chatterjee et al. MICRO'17; https://en.wikipedia.org/wiki/DDR3_SDRAM",
    "HBM2": "https://eureka.patsnap.com/insight/the-hbm-wars-sk-hynixs-dominance-"
    "samsungs-roadmap-and-the-looming-threat-of-cyclicality; "
    "https://en.wikipedia.org/wiki/High_Bandwidth_Memory",
    "HBM3": "https://eureka.patsnap.com/insight/the-hbm-wars-sk-hynixs-dominance-"
    "samsungs-roadmap-and-the-looming-threat-of-cyclicality; "
    "https://en.wikipedia.org/wiki/High_Bandwidth_Memory",
    "HBM4": "https://eureka.patsnap.com/report-hbm4-bandwidth-density-and-efficiency-"
    "metrics-in-multi-die-packages; https://en.wikipedia.org/wiki/High_Bandwidth_Memory"
    " (20% reduction from HBM3)",
}


def module_citation(mod) -> str:
    """Compress the bibtex in a hwcomponents_library module docstring to one line."""
    doc = inspect.getmodule(mod).__doc__ or ""
    fields = {}
    for key in ["author", "title", "booktitle", "journal", "year", "pages", "doi"]:
        m = re.search(r"(?<![A-Za-z])" + key + r"\s*=\s*\{(.*?)\}\s*,?\s*$", doc, re.M)
        if m:
            fields[key] = m.group(1).strip("{}")
    venue = fields.get("booktitle") or fields.get("journal") or ""
    return "; ".join(
        x
        for x in [
            fields.get("author", ""),
            "'" + fields.get("title", "") + "'",
            venue,
            fields.get("year", ""),
            ("pp. " + fields["pages"]) if "pages" in fields else "",
            ("doi:" + fields["doi"]) if "doi" in fields else "",
        ]
        if x and x != "''"
    )


CITE_ALADDIN = module_citation(AladdinAdder)

# ----------------------------------------------------------------------------
# Helpers
# ----------------------------------------------------------------------------
PJ = 1e12
UM2 = 1e12
MW = 1e3


def fmt(x, sig=6):
    if x is None or x == "":
        return ""
    if isinstance(x, str):
        return x
    if isinstance(x, bool):
        return str(x).lower()
    if isinstance(x, int):
        return str(x)
    if x == 0:
        return "0"
    return f"{x:.{sig}g}"


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        h.update(f.read())
    return h.hexdigest()


def pkg_dir(mod):
    return os.path.dirname(os.path.abspath(mod.__file__))


CACTI_DIR = os.path.join(pkg_dir(hwcomponents_cacti), "cacti")
NEUROSIM_BIN = os.path.join(pkg_dir(hwcomponents_neurosim), "NeuroSim", "main")


def cacti_version_string():
    """CACTI's own banner string, taken from a log written by this run; falls back to
    version_cacti.h."""
    logdir = os.path.join(pkg_dir(hwcomponents_cacti), "cacti_inputs_outputs")
    for path in sorted(glob.glob(os.path.join(logdir, "*cacti.log"))):
        m = re.search(r"CACTI \(version [^)]*\)", open(path, errors="replace").read())
        if m:
            return m.group(0)
    txt = open(os.path.join(CACTI_DIR, "version_cacti.h")).read()
    g = {
        k: re.search(r"#define\s+" + k + r"\s+(.*?)\s*(/\*.*)?$", txt, re.M).group(1)
        for k in ["VER_MAJOR_CACTI", "VER_MINOR_CACTI", "VER_COMMENT_CACTI", "VER_UPDATE_CACTI"]
    }
    # Same form CACTI prints in its output banner.
    return "CACTI (version %s.%s.%s of %s)" % (
        g["VER_MAJOR_CACTI"],
        g["VER_MINOR_CACTI"],
        g["VER_COMMENT_CACTI"].strip('"'),
        g["VER_UPDATE_CACTI"].strip('"'),
    )


def cacti_default_cfg():
    """Relevant lines from hwcomponents_cacti/default_cfg.cfg (what CACTI was asked)."""
    keys = [
        "Data array cell type",
        "Data array peripheral type",
        "operating temperature",
        "access mode",
        "design objective",
        "deviate",
        "Optimize ED",
        "Cache model",
        "Array Power Gating",
        "Wire signaling",
        "Wire inside mat",
        "Wire outside mat",
        "Interconnect projection",
        "Add ECC",
    ]
    out = []
    for line in open(os.path.join(pkg_dir(hwcomponents_cacti), "default_cfg.cfg")):
        s = line.strip()
        if any(s.startswith("-" + k) for k in keys) and not s.startswith("-NUCA"):
            out.append(s)
    return out


def cacti_lstp_vdd(node_nm):
    """Vdd of the itrs-lstp column in CACTI's tech_params/<node>nm.dat."""
    path = os.path.join(CACTI_DIR, "tech_params", f"{node_nm}nm.dat")
    if not os.path.exists(path):
        return None
    for line in open(path):
        if line.startswith("-Vdd (V)"):
            vals = line.split()[2:]
            return float(vals[1])  # columns: hp lstp lop lp-dram comm-dram
    return None


NEUROSIM_LP_VDD = {65: 1.1, 45: 1.0, 32: 0.9, 22: 0.85, 14: 0.8, 10: 0.75, 7: 0.7}  # drop_in/Technology.cpp


def built_from_source_note(bin_path, bundled_path):
    if os.path.exists(bundled_path):
        return "rebuilt from shipped source by setup_venv.sh (bundled binary needs GLIBC_2.38)"
    return "bundled binary"


def cacti_nodes_used(node):
    """The CACTI-native nodes hwcomponents_cacti runs CACTI at for ``node`` (hwcomponents_cacti.py
    _interp_tech_node): the node itself, the two native nodes around it, or the smallest (22 nm) below it."""
    if node in CACTI_NATIVE_NM:
        return [node]
    if node < min(CACTI_NATIVE_NM):
        return [min(CACTI_NATIVE_NM)]
    return [max(n for n in CACTI_NATIVE_NM if n <= node), min(n for n in CACTI_NATIVE_NM if n >= node)]


def node_method_cacti(node):
    if node in CACTI_NATIVE_NM:
        return "cacti_native_node"
    if node < min(CACTI_NATIVE_NM):
        s = node / min(CACTI_NATIVE_NM)
        return (
            f"hwc_finfet_scaling_from_{min(CACTI_NATIVE_NM)}nm(E x {s:.3f}^0.5, A x {s:.3f}, leak x {s:.3f}^0.5 x 0.79 "
            f"of {min(CACTI_NATIVE_NM)}nm CACTI outputs; IRDS 2022 via hwcomponents_cacti, Parvais et al. VLSI-TSA 2009)"
        )
    lo = max(n for n in CACTI_NATIVE_NM if n <= node)
    hi = min(n for n in CACTI_NATIVE_NM if n >= node)
    w_hi = (node - lo) / (hi - lo)
    return (
        f"hwc_linear_interp_{lo}nm_{hi}nm(E,A,P = {1 - w_hi:.1f}*{lo}nm + {w_hi:.1f}*{hi}nm "
        f"CACTI outputs)"
    )


def node_method_neurosim(node):
    if node in NEUROSIM_NATIVE_NM:
        return "neurosim_native_node"
    lo = max(n for n in NEUROSIM_NATIVE_NM if n <= node)
    hi = min(n for n in NEUROSIM_NATIVE_NM if n >= node)
    w_hi = (node - lo) / (hi - lo)
    return f"hwc_linear_interp_{lo}nm_{hi}nm({1 - w_hi:.1f}*{lo}nm + {w_hi:.1f}*{hi}nm NeuroSim outputs)"


def node_method_aladdin(node):
    return (
        f"aladdin_40nm_data_scaled_to_{node}nm(area x{tech_node_area(node * 1e-9, 40e-9):.3f}, "
        f"energy&leak x{tech_node_energy(node * 1e-9, 40e-9):.3f}; Stillmaker-Baas tables, Vdd=0.8 poly)"
    )


def write_csv(path, header_lines, columns, rows):
    with open(path, "w", newline="") as f:
        for h in header_lines:
            for sub in str(h).split("\n"):
                f.write("# " + sub + "\n")
        w = csv.writer(f)
        w.writerow(columns)
        for r in rows:
            w.writerow([fmt(r.get(c, "")) for c in columns])


# ----------------------------------------------------------------------------
# SRAM (CACTI via hwcomponents_cacti.SRAM)
# ----------------------------------------------------------------------------
_probe_cache = {}


def cacti_exact_probe(sram_obj, cap_b, width_bits, node_nm):
    """Call CACTI (through hwcomponents' own _call_cacti) at exactly cap_b bytes and
    width_bits, without hwcomponents' 64-row clamp. Returns (ok, error_text)."""
    key = (cap_b, width_bits, node_nm)
    if key in _probe_cache:
        return _probe_cache[key]
    try:
        sram_obj._call_cacti(cap_b, 1, width_bits // 8, node_nm / 1000, 1, 0, 1)
        res = (True, "")
    except Exception as e:  # CACTI: "ERROR: no valid data array organizations found"
        log = re.search(r"check (\S+cacti\.log)", str(e))
        txt = "CACTI failed"
        if log and os.path.exists(log.group(1)):
            errs = [l.strip() for l in open(log.group(1)) if "ERROR" in l]
            if errs:
                txt = errs[-1]
        res = (False, txt)
    _probe_cache[key] = res
    return res


def gen_sram(failures):
    rows = []
    order = [22, 16, 14, 12, 10, 7, 32, 28, 45, 40, 65]  # each derived node after its CACTI nodes (cache hits)
    for cap in SRAM_CAPS_B:
        for width in SRAM_WIDTHS:
            for node in order:
                if node not in NODES_NM:
                    continue
                depth = cap * 8 // width
                try:
                    s = SRAM(tech_node=node * 1e-9, width=width, size=cap * 8)
                    rd = s.read().energy
                    wr = s.write().energy
                except Exception as e:
                    failures.append(f"SRAM node={node} cap={cap}B width={width}: {e}")
                    continue
                rows_called = max(depth, HWC_MIN_ROWS)
                if depth >= HWC_MIN_ROWS:
                    size_method = "cacti_exact_config"
                else:
                    size_method = (
                        f"hwc_depth_extrap(CACTI run at {HWC_MIN_ROWS} rows={HWC_MIN_ROWS * width // 8}B; "
                        f"E*(rows/64)^0.78, A&P*(rows/64))"
                    )
                # Can CACTI itself solve exactly this capacity/width?
                probes = [cacti_exact_probe(s, cap, width, n) for n in cacti_nodes_used(node)]
                ok, err = all(p[0] for p in probes), next((p[1] for p in probes if p[1]), "")
                rows.append(
                    dict(
                        kind="sram",
                        node_nm=node,
                        capacity_bytes=cap,
                        width_bits=width,
                        depth_rows=depth,
                        read_energy_pj=rd * PJ,
                        write_energy_pj=wr * PJ,
                        read_energy_pj_per_bit=rd * PJ / width,
                        area_um2=s.area * UM2,
                        leakage_mw=s.leak_power * MW,
                        access_time_ns=s.access_time * 1e9,
                        cycle_time_ns=s.cycle_period * 1e9,
                        component="hwcomponents_cacti.SRAM(tech_node, width, size=bits); read()/write()",
                        cell="CACTI UCA 'ram', itrs-lstp cell+periph, 1 RW port, 1 bank, 300K",
                        node_method=node_method_cacti(node),
                        size_method=size_method,
                        cacti_rows_called=rows_called,
                        cacti_exact_size_ok=ok,
                        note=("" if ok else f"CACTI alone fails at this exact size: {err}"),
                    )
                )
    key = {n: i for i, n in enumerate(NODES_NM)}
    rows.sort(key=lambda r: (key[r["node_nm"]], r["width_bits"], r["capacity_bytes"]))
    return rows


def gen_sram_28_direct(failures):
    """Cross-check: CACTI itself at 28 nm (its own tech-parameter interpolation)."""
    rows = []
    probe = SRAM(tech_node=45e-9, width=64, size=8 * 1024 * 8)
    for width in SRAM_WIDTHS:
        for cap in SRAM_CAPS_B:
            if cap * 8 // width < HWC_MIN_ROWS:
                continue
            try:
                rd, wr, leak, area, cyc, acc = probe._call_cacti(cap, 1, width // 8, 0.028, 1, 0, 1)
            except Exception as e:
                failures.append(f"CACTI direct 28nm cap={cap} width={width}: {e}")
                continue
            hwc = SRAM(tech_node=28e-9, width=width, size=cap * 8)
            rows.append(
                dict(
                    node_nm=28,
                    capacity_bytes=cap,
                    width_bits=width,
                    read_energy_pj=rd * PJ,
                    write_energy_pj=wr * PJ,
                    area_um2=area * UM2,
                    leakage_mw=leak * MW,
                    access_time_ns=acc * 1e9,
                    hwc_interp_read_energy_pj=hwc.read().energy * PJ,
                    hwc_interp_area_um2=hwc.area * UM2,
                    hwc_interp_leakage_mw=hwc.leak_power * MW,
                    read_ratio_direct_over_hwc=rd / hwc.read().energy,
                    area_ratio_direct_over_hwc=area / hwc.area,
                    leak_ratio_direct_over_hwc=leak / hwc.leak_power,
                )
            )
    return rows


# ----------------------------------------------------------------------------
# Cell-type / temperature cross-check (direct CACTI runs, outside hwcomponents)
# ----------------------------------------------------------------------------
XCHECK_CAPS_B = [8 * 1024, 64 * 1024, 1024 * 1024]
XCHECK_VARIANTS = [("itrs-lstp", 300), ("itrs-hp", 300), ("itrs-lstp", 360), ("itrs-hp", 360)]


def run_cacti_variant(cap_b, width_bits, node_nm, cell, temp_k, workdir):
    """Run the CACTI binary with hwcomponents' default_cfg.cfg, but with the data/tag
    cell and peripheral types and the temperature replaced, and the same per-call
    lines hwcomponents_cacti appends. Returns dict of CACTI CSV outputs."""
    cfg = []
    for line in open(os.path.join(pkg_dir(hwcomponents_cacti), "default_cfg.cfg")):
        st = line.strip()
        if st.startswith(("-Data array cell type", "-Data array peripheral type",
                          "-Tag array cell type", "-Tag array peripheral type")):
            line = st.split(" - ")[0] + f' - "{cell}"\n'
        elif st.startswith("-operating temperature (K)"):
            line = f"-operating temperature (K) {temp_k}\n"
        cfg.append(line)
    blk = width_bits // 8
    cfg += [
        "\n############## User-Specified Hardware Attributes ##############\n",
        f"-size (bytes) {cap_b}\n", "-read-write port  1\n", f"-block size (bytes) {blk}\n",
        f"-technology (u) {node_nm / 1000}\n", f"-output/input bus width  {blk * 8}\n",
        "-UCA bank 1\n", '-cache type "ram"\n', "-tag size (b) 0\n", "-associativity 1\n",
    ]
    os.makedirs(workdir, exist_ok=True)
    text = "".join(cfg)
    name = hashlib.sha256(text.encode()).hexdigest()[:24]
    inp = os.path.join(workdir, name + ".cfg")
    out_csv = inp + ".out"
    if os.path.exists(out_csv):
        os.remove(out_csv)  # CACTI appends to its CSV
    with open(inp, "w") as f:
        f.write(text)
    with open(inp + ".log", "w") as log:
        rc = subprocess.call(["./cacti", "-infile", inp], cwd=CACTI_DIR, stdout=log, stderr=subprocess.STDOUT)
    if rc != 0 or not os.path.exists(out_csv):
        raise RuntimeError(f"CACTI rc={rc}, see {inp}.log")
    row = list(csv.DictReader(open(out_csv)))[-1]
    return {
        "read": float(row[" Dynamic read energy (nJ)"]) * 1e3,
        "write": float(row[" Dynamic write energy (nJ)"]) * 1e3,
        "leak_mw": float(row[" Standby leakage per bank(mW)"]),
        "area_um2": float(row[" Area (mm2)"]) * 1e6,
        "access_ns": float(row[" Access time (ns)"]),
    }


def gen_celltype_xcheck(failures, workdir):
    rows = []
    for node in [22, 32, 45, 65]:
        for cap in XCHECK_CAPS_B:
            width = 64
            base = None
            hwc = SRAM(tech_node=node * 1e-9, width=width, size=cap * 8)
            for cell, temp in XCHECK_VARIANTS:
                try:
                    r = run_cacti_variant(cap, width, node, cell, temp, workdir)
                except Exception as e:
                    failures.append(f"xcheck {cell} {temp}K node={node} cap={cap}: {e}")
                    continue
                if base is None:
                    base = r
                rows.append(dict(
                    node_nm=node, capacity_bytes=cap, width_bits=width, cell_and_periph=cell, temperature_k=temp,
                    read_energy_pj=r["read"], write_energy_pj=r["write"], area_um2=r["area_um2"],
                    leakage_mw=r["leak_mw"], access_time_ns=r["access_ns"],
                    leak_ratio_vs_lstp_300k=r["leak_mw"] / base["leak_mw"],
                    read_ratio_vs_lstp_300k=r["read"] / base["read"],
                    matches_hwc_table=(
                        math.isclose(r["read"], hwc.read().energy * PJ, rel_tol=1e-6)
                        and math.isclose(r["leak_mw"], hwc.leak_power * MW, rel_tol=1e-6)
                    ) if (cell, temp) == ("itrs-lstp", 300) else "",
                ))
    return rows


# ----------------------------------------------------------------------------
# Register files (flip-flop storage)
# ----------------------------------------------------------------------------
def gen_regfiles(failures):
    rows = []
    for node in NODES_NM:
        tn = node * 1e-9
        for cap in REGFILE_CAPS_B:
            for width in REGFILE_WIDTHS:
                bits = cap * 8
                entries = bits // width
                if entries < 2:
                    continue
                # (a) Aladdin register (per-bit data from Aladdin, 40 nm, scaled)
                try:
                    r = AladdinRegister(tech_node=tn, width=bits)
                    rd = r.read(bits_per_action=width).energy
                    wr = r.write(bits_per_action=width).energy
                    rows.append(
                        dict(
                            kind="regfile_ff_aladdin",
                            node_nm=node,
                            capacity_bytes=cap,
                            width_bits=width,
                            depth_rows=entries,
                            read_energy_pj=rd * PJ,
                            write_energy_pj=wr * PJ,
                            read_energy_pj_per_bit=rd * PJ / width,
                            area_um2=r.area * UM2,
                            leakage_mw=r.leak_power * MW,
                            component=(
                                "hwcomponents_library.AladdinRegister(tech_node, width=capacity_bits); "
                                "read/write(bits_per_action=width_bits)"
                            ),
                            cell="flip-flop register, Aladdin 40nm data: 0.009 pJ/bit/access, 5.98 um2/bit, leak 0",
                            node_method=node_method_aladdin(node),
                            size_method="linear_in_bits(no decoder/mux cost)",
                            note="Aladdin register data have zero leakage; energy independent of capacity",
                            source=CITE_ALADDIN,
                        )
                    )
                except Exception as e:
                    failures.append(f"AladdinRegister node={node} cap={cap} width={width}: {e}")
                # (b) NeuroSim flip-flops + read mux (composed here)
                try:
                    store = NeuroSimFlipFlop(tech_node=tn, cycle_period=NEUROSIM_CYCLE_S, n_bits=bits)
                    wport = NeuroSimFlipFlop(tech_node=tn, cycle_period=NEUROSIM_CYCLE_S, n_bits=width)
                    mux = NeuroSimMux(
                        tech_node=tn, cycle_period=NEUROSIM_CYCLE_S, n_bits=width, n_mux_inputs=entries
                    )
                    wr = wport.read().energy  # NeuroSim DFF energy (clock+data) for `width` flops
                    rd = mux.read().energy
                    rows.append(
                        dict(
                            kind="regfile_ff_neurosim",
                            node_nm=node,
                            capacity_bytes=cap,
                            width_bits=width,
                            depth_rows=entries,
                            read_energy_pj=rd * PJ,
                            write_energy_pj=wr * PJ,
                            read_energy_pj_per_bit=rd * PJ / width,
                            area_um2=(store.area + mux.area) * UM2,
                            leakage_mw=(store.leak_power + mux.leak_power) * MW,
                            component=(
                                "composed: hwcomponents_neurosim.FlipFlop(n_bits=capacity_bits) [area,leak] + "
                                "FlipFlop(n_bits=width).read() [write energy] + "
                                "Mux(n_bits=width, n_mux_inputs=entries).read() [read energy, area, leak]"
                            ),
                            cell="NeuroSim DFF + pass-gate mux, PTM LP devices, 300K, 1 GHz",
                            node_method=node_method_neurosim(node),
                            size_method="neurosim_circuit_model",
                            note=(
                                "write = clocking width_bits DFFs of one entry (clock-gated per entry); "
                                "read = width-bit entries:1 mux; no decoder"
                            ),
                            source=CITE_NEUROSIM,
                        )
                    )
                except Exception as e:
                    failures.append(f"NeuroSim regfile node={node} cap={cap} width={width}: {e}")
    return rows


# ----------------------------------------------------------------------------
# Logic
# ----------------------------------------------------------------------------
def gen_logic(failures):
    rows = []

    def add(node, comp, op, width, acc, obj, energy, method, source, note=""):
        rows.append(
            dict(
                node_nm=node,
                component=comp,
                op=op,
                width_bits=width,
                acc_width_bits=acc,
                energy_pj_per_op=energy * PJ,
                area_um2=obj.area * UM2,
                leakage_mw=obj.leak_power * MW,
                node_method=method,
                source=source,
                note=note,
            )
        )

    for node in NODES_NM:
        tn = node * 1e-9
        am = node_method_aladdin(node)
        nm = node_method_neurosim(node)
        for w in LOGIC_WIDTHS:
            try:
                for acc in MAC_ACC_WIDTHS[w]:
                    m = AladdinIntMAC(tech_node=tn, adder_width=acc, multiplier_width=w)
                    add(node, "AladdinIntMAC", "mac", w, acc, m, m.mac().energy, am, CITE_ALADDIN,
                        f"= AladdinMultiplier(width={w}) + AladdinAdder(width={acc})")
                a = AladdinAdder(tech_node=tn, width=w)
                add(node, "AladdinAdder", "add", w, "", a, a.add().energy, am, CITE_ALADDIN,
                    "40nm 32b: 0.21 pJ, 278 um2; linear in width")
                mu = AladdinMultiplier(tech_node=tn, width=w)
                add(node, "AladdinMultiplier", "multiply", w, "", mu, mu.multiply().energy, am, CITE_ALADDIN,
                    "40nm 32x32b: 12.68 pJ, 6350 um2; quadratic in width")
                r = AladdinRegister(tech_node=tn, width=w)
                add(node, "AladdinRegister", "read", w, "", r, r.read().energy, am, CITE_ALADDIN,
                    "40nm: 0.009 pJ/bit, 5.98 um2/bit, leak 0; write energy = read energy")
                c = AladdinCounter(tech_node=tn, width=w)
                add(node, "AladdinCounter", "count", w, "", c, c.count().energy, am, CITE_ALADDIN)
                cp = AladdinComparator(tech_node=tn, width=w)
                add(node, "AladdinComparator", "compare", w, "", cp, cp.compare().energy, am, CITE_ALADDIN)
            except Exception as e:
                failures.append(f"Aladdin node={node} width={w}: {e}")
            try:
                na = NeuroSimAdder(tech_node=tn, cycle_period=NEUROSIM_CYCLE_S, n_bits=w)
                add(node, "NeuroSimAdder (hwcomponents_neurosim.Adder)", "add", w, "", na, na.add().energy, nm,
                    CITE_NEUROSIM, "NeuroSim adder: 9 NAND2 per bit ripple-carry; PTM LP devices; 1 GHz")
                ff = NeuroSimFlipFlop(tech_node=tn, cycle_period=NEUROSIM_CYCLE_S, n_bits=w)
                add(node, "NeuroSimFlipFlop (hwcomponents_neurosim.FlipFlop)", "clock_capture", w, "", ff,
                    ff.read().energy, nm, CITE_NEUROSIM,
                    "NeuroSim DFF: clock energy of w DFFs + D=1 data switching, one cycle (hwc exposes it as read(); write() returns 0)")
            except Exception as e:
                failures.append(f"NeuroSim node={node} width={w}: {e}")
    return rows


# ----------------------------------------------------------------------------
# DRAM
# ----------------------------------------------------------------------------
def gen_dram(failures):
    rows = []
    for cls in [LPDDR4, LPDDR, DDR3, HBM2, HBM3, HBM4]:
        try:
            d = cls()
            e = d.read().energy
            rows.append(
                dict(
                    dram_type=d.type,
                    component=f"hwcomponents_cacti.{cls.__name__}(width={d.width})",
                    bus_width_bits=d.width,
                    energy_pj_per_bit=e * PJ / d.width,
                    energy_pj_per_byte=e * PJ / d.width * 8,
                    read_energy_pj_per_access=e * PJ,
                    write_energy_pj_per_access=d.write().energy * PJ,
                    area_um2=d.area * UM2,
                    leakage_mw=d.leak_power * MW,
                    source=DRAM_SOURCES.get(d.type, ""),
                    note="fixed pJ/bit, node-independent; read==write; area & leak modelled as 0",
                )
            )
        except Exception as e:
            failures.append(f"DRAM {cls.__name__}: {e}")
    return rows


# ----------------------------------------------------------------------------
# Main
# ----------------------------------------------------------------------------
def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--outdir", default=DATA)
    ap.add_argument("--keep-cache", action="store_true",
                    help="do not wipe hwcomponents' CACTI/NeuroSim result caches before running")
    args = ap.parse_args()
    os.makedirs(args.outdir, exist_ok=True)

    t0 = time.time()
    started = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")
    if not args.keep_cache:
        for d in [os.path.join(pkg_dir(hwcomponents_cacti), "cacti_inputs_outputs"),
                  os.path.join(pkg_dir(hwcomponents_neurosim), "neurosim_inputs_outputs")]:
            shutil.rmtree(d, ignore_errors=True)

    failures = []
    # ---------------- SRAM + regfile
    t = time.time()
    sram_rows = gen_sram(failures)
    t_sram = time.time() - t
    t = time.time()
    rf_rows = gen_regfiles(failures)
    t_rf = time.time() - t

    # header lines shared by all tables (after the SRAM run so CACTI's banner is available)
    now = started
    versions = {p: _pkg_version(p) for p in
                ["hwcomponents", "hwcomponents-cacti", "hwcomponents-library", "hwcomponents-neurosim"]}
    cacti_ver = cacti_version_string()
    rel = os.path.relpath(HERE, REPO)
    regen = f"bash {rel}/setup_venv.sh && .venv-technology/bin/python {rel}/generate_technology.py"
    if os.path.abspath(args.outdir) != DATA:
        regen += f" --outdir {os.path.abspath(args.outdir)}"

    common = [
        "npu-dse technology table generated with Accelergy hwcomponents",
        f"generated: {now} on {platform.node()} ({platform.platform()}), python {platform.python_version()}",
        "versions: " + ", ".join(f"{k}=={v}" for k, v in versions.items()),
        "  (hwcomponents-neurosim is an undeclared import-time dependency of hwcomponents-library 1.0.58)",
        f"CACTI: {cacti_ver}; binary {os.path.join(CACTI_DIR, 'cacti')} sha256="
        f"{sha256_file(os.path.join(CACTI_DIR, 'cacti'))[:16]} "
        f"({built_from_source_note(os.path.join(CACTI_DIR, 'cacti'), os.path.join(CACTI_DIR, 'cacti.bundled'))}; "
        "'make' dbg target: g++ -O0 -DNTHREADS=1)",
        f"NeuroSim binary sha256={sha256_file(NEUROSIM_BIN)[:16]} "
        f"({built_from_source_note(NEUROSIM_BIN, NEUROSIM_BIN + '.bundled')})",
        f"regenerate: {regen}",
        "units: energy pJ, area um^2, leakage mW",
    ]


    # cross-check generic API == direct class call
    q = dict(tech_node=45e-9, width=64, size=8 * 1024 * 8)
    api_e = get_action_cost("SRAM", q, "read", {}).energy
    api_a = get_area("SRAM", q)
    api_l = get_leak_power("SRAM", q)
    direct = next(r for r in sram_rows if r["node_nm"] == 45 and r["capacity_bytes"] == 8192 and r["width_bits"] == 64)
    api_ok = (math.isclose(api_e * PJ, direct["read_energy_pj"], rel_tol=1e-9)
              and math.isclose(api_a * UM2, direct["area_um2"], rel_tol=1e-9)
              and math.isclose(api_l * MW, direct["leakage_mw"], rel_tol=1e-9))

    vdd_txt = ", ".join(f"{n}nm={cacti_lstp_vdd(n)}V" for n in [22, 32, 45, 65])
    smallest = {}
    for r in sram_rows:
        if r["cacti_exact_size_ok"]:
            k = (r["node_nm"], r["width_bits"])
            smallest[k] = min(smallest.get(k, 1 << 40), r["capacity_bytes"])
    sm_txt = "; ".join(
        f"{w}b:{sorted(set(v for (n, ww), v in smallest.items() if ww == w))}B"
        for w in SRAM_WIDTHS
    )
    sram_header = common + [
        "TABLE: memory (kind=sram: CACTI SRAM; kind=regfile_ff_aladdin / regfile_ff_neurosim: flip-flop storage)",
        "read_energy_pj / write_energy_pj = energy of ONE access of width_bits bits (dynamic only).",
        "leakage_mw = CACTI 'Standby leakage per bank' (subthreshold + gate), no power gating.",
        "SRAM component: hwcomponents_cacti.SRAM(tech_node=<m>, width=<bits>, size=<capacity bits>) "
        ".read().energy/.write().energy [J], .area [m^2], .leak_power [W], .access_time/.cycle_period [s]",
        f"  priority {SRAM.priority}; identical to hwcomponents.get_action_cost('SRAM', attrs, 'read', {{}}): "
        f"{'verified' if api_ok else 'MISMATCH'} at 45nm/8KiB/64b",
        "CACTI was asked (hwcomponents_cacti default_cfg.cfg + per-call lines): cache type \"ram\" (scratchpad, "
        "no tag), UCA, 1 bank, 1 read-write port, block size = output bus width = width_bits, "
        "size = capacity (>= 64 rows, see size_method), associativity 1",
    ] + ["  " + s for s in cacti_default_cfg()] + [
        "  => itrs-lstp (low standby power) cells AND peripherals, 300 K, leakage-dominated design "
        "objective (weights delay:dyn:leak:cycle:area = 0:0:1000000:0:0), 'fast' access mode.",
        f"  CACTI itrs-lstp Vdd (tech_params/*.dat): {vdd_txt}.",
        "node_method: 22/32/45/65 nm are CACTI-native nodes. 28 nm: hwcomponents_cacti does NOT ask CACTI for "
        "28 nm; it runs CACTI at 22 and 32 nm and linearly interpolates energy/area/leakage/timing "
        "(0.4*22nm + 0.6*32nm). A direct CACTI 28 nm run (CACTI's own tech-param interpolation) is in "
        "crosscheck_sram_28nm_cacti_direct.csv for comparison. 40 nm likewise from 32 and 45 nm. 16 to 7 nm "
        "(FinFET, below CACTI's smallest node): hwcomponents_cacti scales its 22 nm outputs by s = node/22, "
        "energy x s^0.5 (IRDS 2022: SRAM energy no longer scales with the node), area and timing x s, leakage "
        "x s^0.5 x 0.79 (FinFETs leak about 21 % less, Parvais et al. 2009).",
        f"size_method: hwcomponents never calls CACTI with < {HWC_MIN_ROWS} rows (depth = capacity*8/width); "
        "below that it runs CACTI at 64 rows and scales energy by (rows/64)^0.78 and area/leakage by rows/64 "
        "(hwcomponents' empirical rule). Filter size_method==cacti_exact_config for pure CACTI numbers.",
        "cacti_exact_size_ok: whether CACTI itself (same config, no clamp) solves exactly this capacity; "
        "CACTI fails with 'ERROR: no valid data array organizations found' below 32 rows.",
        f"  smallest capacity CACTI solves directly, per width (all nodes): {sm_txt}",
        "  smallest capacity with size_method==cacti_exact_config: 64 rows x width "
        "(32b:256B, 64b:512B, 128b:1KiB, 256b:2KiB)",
        f"regfile_ff_aladdin source: {CITE_ALADDIN}; node scaling: {CITE_STILLMAKER}",
        f"regfile_ff_neurosim source: {CITE_NEUROSIM}; NeuroSim LP-roadmap Vdd: "
        + ", ".join(f"{k}nm={v}V" for k, v in NEUROSIM_LP_VDD.items()) + "; 300 K; cycle 1 ns",
        f"SRAM source: {CITE_CACTI}; framework: {CITE_CIMLOOP}",
        f"failures: {len([f for f in failures if f.startswith(('SRAM', 'Aladdin', 'NeuroSim'))])}"
        + ("" if not failures else " -> " + " | ".join(failures[:5])),
        f"runtime: sram {t_sram:.0f}s, regfile {t_rf:.0f}s",
    ]
    sram_cols = [
        "kind", "node_nm", "capacity_bytes", "width_bits", "depth_rows", "read_energy_pj", "write_energy_pj",
        "read_energy_pj_per_bit", "area_um2", "leakage_mw", "access_time_ns", "cycle_time_ns", "component",
        "cell", "node_method", "size_method", "cacti_rows_called", "cacti_exact_size_ok", "note",
    ]
    write_csv(os.path.join(args.outdir, "memory.csv"), sram_header, sram_cols, sram_rows + rf_rows)

    # ---------------- 28 nm direct cross-check
    t = time.time()
    x28 = gen_sram_28_direct(failures)
    x28_header = common + [
        "TABLE: cross-check only. CACTI called directly at 28 nm (-technology (u) 0.028; CACTI 7 interpolates its "
        "22/32 nm tech parameters internally) with the same cfg as memory.csv, vs. the hwcomponents "
        "28 nm value (linear interpolation of 22 and 32 nm CACTI outputs) used in memory.csv.",
        "Only configurations with >= 64 rows. Same cell/periphery/temperature assumptions as memory.csv.",
        f"runtime: {time.time() - t:.0f}s",
    ]
    x28_cols = list(x28[0].keys()) if x28 else ["node_nm"]
    write_csv(os.path.join(args.outdir, "crosscheck_sram_28nm_cacti_direct.csv"), x28_header, x28_cols, x28)

    # ---------------- cell type / temperature cross-check
    t = time.time()
    xct = gen_celltype_xcheck(failures, os.path.join(REPO, ".build-technology", "cacti_celltype_xcheck"))
    xct_header = common + [
        "TABLE: cross-check only (NOT produced through hwcomponents). The CACTI binary run directly with "
        "hwcomponents_cacti's default_cfg.cfg and per-call lines, but with data+tag cell AND peripheral "
        "type set to itrs-lstp or itrs-hp and temperature 300 K or 360 K. hwcomponents itself always uses "
        "itrs-lstp at 300 K (rows with matches_hwc_table=true reproduce memory.csv exactly).",
        "Design objective unchanged (leakage-weighted 0:0:1000000:0:0), so HP rows are leakage-optimised HP arrays.",
        f"runtime: {time.time() - t:.0f}s",
    ]
    xct_cols = list(xct[0].keys()) if xct else ["node_nm"]
    write_csv(os.path.join(args.outdir, "crosscheck_sram_celltype.csv"), xct_header, xct_cols, xct)

    # ---------------- logic
    t = time.time()
    logic_rows = gen_logic(failures)
    logic_header = common + [
        "TABLE: logic. energy_pj_per_op = dynamic energy of one operation (action) of the component.",
        "Components and how they are called (hwcomponents_library / hwcomponents_neurosim):",
        "  AladdinIntMAC(tech_node=<m>, adder_width=acc_width_bits, multiplier_width=width_bits).mac()"
        "  = AladdinMultiplier(width) + AladdinAdder(acc_width) (subcomponents summed)",
        "  AladdinAdder(tech_node, width).add(); AladdinMultiplier(tech_node, width).multiply(); "
        "AladdinRegister(tech_node, width).read(); AladdinCounter(tech_node, width).count(); "
        "AladdinComparator(tech_node, width).compare()",
        "  hwcomponents_neurosim.Adder(tech_node, cycle_period=1e-9, n_bits).add(); "
        "hwcomponents_neurosim.FlipFlop(tech_node, cycle_period=1e-9, n_bits).read()",
        "  (hwcomponents.get_model('Adder', ...) would pick NeuroSim Adder: priority 0.3 > AladdinAdder 0.1)",
        f"Aladdin source (hwcomponents_library/library/aladdin.py): {CITE_ALADDIN}. Base data (the library's "
        "'Original CSV contents' comments): 40 nm, global_cycle_period 1 ns; widths scaled linearly (adder, register, counter, "
        "comparator) or quadratically (multiplier) from 32 b.",
        f"Node scaling of Aladdin data: hwcomponents.scaling tech_node_area / tech_node_energy / tech_node_leak "
        f"from 40 nm: {CITE_STILLMAKER}. The energy polynomial is evaluated at a fixed Vdd=0.8 V for both nodes "
        "(hwcomponents default), i.e. not each node's nominal Vdd.",
        f"NeuroSim source: {CITE_NEUROSIM}; PTM LP devices (deviceRoadmap=-1), 300 K, Vdd "
        + ", ".join(f"{k}nm={v}V" for k, v in NEUROSIM_LP_VDD.items())
        + "; 28 nm = linear interpolation of 22 and 32 nm NeuroSim outputs, 40 nm of 32 and 45 nm, 16 nm of 14 "
        "and 22 nm, 12 nm of 10 and 14 nm (hwcomponents_neurosim); 14, 10 and 7 nm native (PTM FinFET).",
        "No multiplier model exists in hwcomponents_neurosim, so MAC rows come from Aladdin only.",
        f"framework: {CITE_CIMLOOP}",
        f"failures: {len([f for f in failures if f.startswith(('Aladdin', 'NeuroSim'))])}",
        f"runtime: {time.time() - t:.0f}s",
    ]
    logic_cols = ["node_nm", "component", "op", "width_bits", "acc_width_bits", "energy_pj_per_op", "area_um2",
                  "leakage_mw", "node_method", "source", "note"]
    write_csv(os.path.join(args.outdir, "logic.csv"), logic_header, logic_cols, logic_rows)

    # ---------------- DRAM
    dram_rows = gen_dram(failures)
    dram_header = common + [
        "TABLE: DRAM access energy, from hwcomponents_cacti DRAM models (LPDDR4, LPDDR, DDR3, HBM2, HBM3, HBM4).",
        "These are NOT CACTI runs: hwcomponents_cacti._DRAM uses a fixed pJ/bit per DRAM type "
        "(type2energylatency table), independent of process node; area and leakage are 0 by construction.",
        "Called as e.g. hwcomponents_cacti.LPDDR4(width=64).read().energy (per width-bit access).",
        "Sources: per row, copied from the comments in hwcomponents_cacti/hwcomponents_cacti.py.",
    ]
    dram_cols = ["dram_type", "component", "bus_width_bits", "energy_pj_per_bit", "energy_pj_per_byte",
                 "read_energy_pj_per_access", "write_energy_pj_per_access", "area_um2", "leakage_mw",
                 "source", "note"]
    write_csv(os.path.join(args.outdir, "dram.csv"), dram_header, dram_cols, dram_rows)

    print(f"wrote {len(sram_rows)} sram + {len(rf_rows)} regfile rows, {len(x28)} 28nm cross-check rows, "
          f"{len(xct)} cell-type cross-check rows, "
          f"{len(logic_rows)} logic rows, {len(dram_rows)} dram rows to {args.outdir} "
          f"in {time.time() - t0:.0f}s; failures: {len(failures)}")
    for f in failures:
        print("FAIL:", f, file=sys.stderr)
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
