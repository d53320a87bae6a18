#!/usr/bin/env bash
# Build the virtual environment SCALE-Sim runs in (.venv-scalesim at the repository root, git-ignored).
# SCALE-Sim 3.0.0 needs numpy < 2 (numpy 2 breaks its read buffer), which the project's own environment does not
# allow, so it gets its own. Used by benchmarks/scalesim_crosscheck.py.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
python3 -m venv "$root/.venv-scalesim"
"$root/.venv-scalesim/bin/pip" install -q "scalesim==3.0.0" "numpy==1.26.4" "pandas==2.2.3"
"$root/.venv-scalesim/bin/python" -c "import scalesim, numpy; print('scalesim ready, numpy', numpy.__version__)"
