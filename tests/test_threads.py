"""The same config gives the same best design whatever the thread count (issue 15): the shipped quickstart, as a
user runs it, writes the same best.json at dse --threads 1 and 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DSE = str(Path(sys.executable).with_name("dse"))


@pytest.mark.slow
def test_best_design_does_not_depend_on_the_thread_count(tmp_path):
    docs = []
    for threads in (1, 2):
        out = tmp_path / f"t{threads}"
        env = {k: v for k, v in os.environ.items() if k not in ("OMP_NUM_THREADS", "NPU_DSE_THREADS")}
        res = subprocess.run([DSE, "--threads", str(threads), "run", str(ROOT / "configs" / "quickstart.yaml"),
                              "--out", str(out), "-q"],
                             capture_output=True, text=True, env=env, timeout=600)
        assert res.returncode == 0, res.stderr
        doc = json.loads((out / "best.json").read_text())
        docs.append(doc)
    assert docs[0] == docs[1]
