#!/usr/bin/env bash
# Create .venv-technology at the repository root (Python 3.12) with pinned Accelergy hwcomponents
# packages, and rebuild the native estimators (CACTI, NeuroSim) from the source
# shipped inside the wheels when the bundled binaries do not run on this machine
# (the wheels' binaries need GLIBC_2.38 / GLIBCXX_3.4.32; Debian 12 has glibc 2.36).
#
# Idempotent: re-running only does what is missing. Builds run with make -j1.
#
# Usage: bash setup_venv.sh          (from anywhere)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../../.." && pwd)"
VENV="$REPO/.venv-technology"
BUILD="$REPO/.build-technology"

# ---- pinned versions (the exact versions this table was generated with) ----
HWC_VER=1.0.114             # hwcomponents
HWC_CACTI_VER=1.0.40        # hwcomponents-cacti   (SRAM/Cache via CACTI 7, DRAM pJ/bit)
HWC_LIB_VER=1.0.58          # hwcomponents-library (Aladdin adder/multiplier/MAC/register, ...)
# hwcomponents-library 1.0.58 imports hwcomponents_neurosim at import time
# (library/jia.py, colonnade.py) but does not declare it as a dependency, so it
# must be installed explicitly or `import hwcomponents_library` fails.
HWC_NEUROSIM_VER=1.0.43     # hwcomponents-neurosim

log() { echo "[setup_venv] $*"; }

# ---- 1. Python 3.12 venv -----------------------------------------------------
find_py312() {
    if command -v pyenv >/dev/null 2>&1; then
        local p
        p="$(pyenv root)/versions/3.12.1/bin/python3.12"
        if [ -x "$p" ]; then echo "$p"; return; fi
    fi
    if command -v python3.12 >/dev/null 2>&1; then command -v python3.12; return; fi
    echo "ERROR: no python3.12 found (expected \$(pyenv root)/versions/3.12.1)" >&2
    exit 1
}

if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c 'import sys; sys.exit(0 if sys.version_info[:2]==(3,12) else 1)'; then
    log "venv exists: $VENV ($("$VENV/bin/python" --version))"
else
    PY312="$(find_py312)"
    log "creating venv with $PY312"
    rm -rf "$VENV"
    "$PY312" -m venv "$VENV"
fi

export PIP_DISABLE_PIP_VERSION_CHECK=1
"$VENV/bin/python" -m pip install -q \
    "hwcomponents==$HWC_VER" \
    "hwcomponents-cacti==$HWC_CACTI_VER" \
    "hwcomponents-library==$HWC_LIB_VER" \
    "hwcomponents-neurosim==$HWC_NEUROSIM_VER" 2> >(grep -v "is ignored: it is neither a file nor a directory" >&2)

SITE="$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
CACTI_DIR="$SITE/hwcomponents_cacti/cacti"
NS_PKG="$SITE/hwcomponents_neurosim"

# ---- 2. CACTI (hwcomponents_cacti/cacti/cacti) -------------------------------
cacti_ok() { (cd "$CACTI_DIR" && ./cacti 2>&1 || true) | grep -q "how to use CACTI"; }
if cacti_ok; then
    log "CACTI binary runs: $CACTI_DIR/cacti"
else
    log "bundled CACTI binary does not run here:"
    (cd "$CACTI_DIR" && ./cacti 2>&1 | head -2 | sed 's/^/    /') || true
    log "rebuilding CACTI from the shipped source (make clean_dbg; make -j1; same 'dbg' target as upstream)"
    [ -e "$CACTI_DIR/cacti.bundled" ] || cp -p "$CACTI_DIR/cacti" "$CACTI_DIR/cacti.bundled"
    # The wheel ships stale obj_dbg/*.o newer than the .cc files, so a plain
    # `make` would only relink the old objects: clean first.
    (cd "$CACTI_DIR" && make clean_dbg >/dev/null 2>&1 || true)
    (cd "$CACTI_DIR" && make -j1 > "$CACTI_DIR/build.log" 2>&1) || { tail -20 "$CACTI_DIR/build.log"; exit 1; }
    cacti_ok || { echo "ERROR: rebuilt CACTI still does not run" >&2; exit 1; }
    log "CACTI rebuilt OK"
fi

# ---- 3. NeuroSim (hwcomponents_neurosim/NeuroSim/main) ----------------------
ns_ok() { ("$NS_PKG/NeuroSim/main" 2>&1 || true) | grep -q "Usage:"; }
if ns_ok; then
    log "NeuroSim binary runs: $NS_PKG/NeuroSim/main"
else
    log "bundled NeuroSim binary does not run here:"
    ("$NS_PKG/NeuroSim/main" 2>&1 | head -2 | sed 's/^/    /') || true
    log "rebuilding NeuroSim (upstream recipe: NeuroSIM sources + drop_in overrides, make -j1)"
    [ -e "$NS_PKG/NeuroSim/main.bundled" ] || cp -p "$NS_PKG/NeuroSim/main" "$NS_PKG/NeuroSim/main.bundled"
    rm -rf "$BUILD/neurosim"
    mkdir -p "$BUILD/neurosim"
    cp -r "$NS_PKG/DNN_NeuroSim_V1.3/Inference_pytorch/NeuroSIM/"* "$BUILD/neurosim/"
    cp -rf "$NS_PKG/drop_in/"* "$BUILD/neurosim/"
    (cd "$BUILD/neurosim" && make -j1 > "$BUILD/neurosim_build.log" 2>&1) || { tail -20 "$BUILD/neurosim_build.log"; exit 1; }
    cp -f "$BUILD/neurosim/main" "$NS_PKG/NeuroSim/main"
    ns_ok || { echo "ERROR: rebuilt NeuroSim still does not run" >&2; exit 1; }
    log "NeuroSim rebuilt OK"
fi

# ---- 4. smoke test -----------------------------------------------------------
"$VENV/bin/python" - <<'EOF'
from importlib.metadata import version
import hwcomponents_library  # noqa: F401  (fails if hwcomponents_neurosim is missing)
from hwcomponents_cacti import SRAM
s = SRAM(tech_node=45e-9, width=64, size=8 * 1024 * 8)
print("[setup_venv] smoke: 45nm 8KiB SRAM 64b read = %.3f pJ" % (s.read().energy * 1e12))
for p in ["hwcomponents", "hwcomponents-cacti", "hwcomponents-library", "hwcomponents-neurosim"]:
    print(f"[setup_venv] {p}=={version(p)}")
EOF
log "done. Run: $VENV/bin/python $HERE/generate_technology.py"
