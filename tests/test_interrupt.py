"""Ctrl-C (SIGINT) on ``dse sweep`` and ``dse run`` (issue 19): every worker stopped and waited for, one line saying
what finished and the exact ``--resume`` command; an interrupted run's directory is marked unfinished."""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
import yaml

DSE = str(Path(sys.executable).with_name("dse"))
pytestmark = pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc for the worker processes")


def _children(pid: int) -> set[int]:
    out: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out |= {int(c) for c in (task / "children").read_text().split()}
        except OSError:
            pass
    return out


def _descendants(pid: int) -> set[int]:
    out, todo = set(), [pid]
    while todo:
        for c in _children(todo.pop()):
            if c not in out:
                out.add(c)
                todo.append(c)
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _sweep(tmp_path: Path) -> Path:
    base = {"name": "intr", "workload": {"model": "lenet5"}, "space": {"preset": "confuciux"},
            "search": {"budget": 1500, "stages": [{"method": "random", "budget": 0.3}, {"method": "ga"}],
                       "exact": False}}
    (tmp_path / "base.yaml").write_text(yaml.safe_dump(base))
    path = tmp_path / "sweep.yaml"
    path.write_text(yaml.safe_dump({"name": "intr", "base": "base.yaml", "grid": {"platform": ["edge", "cloud"]},
                                    "seeds": [0, 1, 2]}))
    return path


@pytest.mark.slow
def test_sigint_stops_a_sweep_and_every_worker_and_resume_finishes_it(tmp_path):
    path = _sweep(tmp_path)
    out = tmp_path / "out"
    env = dict(os.environ, OMP_NUM_THREADS="1")
    proc = subprocess.Popen([DSE, "sweep", str(path), "--jobs", "2", "--out", str(out)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)
    first = proc.stdout.readline()  # the first finished run
    assert first.startswith("finished "), first + proc.stderr.read()
    workers = _children(proc.pid)
    assert workers
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=60) == 130
    err = proc.stderr.read()
    lines = [line for line in err.splitlines() if line.startswith("interrupted: ")]
    assert len(lines) == 1 and "Traceback" not in err, err
    deadline = time.time() + 10
    while time.time() < deadline and any(_alive(p) for p in workers):
        time.sleep(0.2)
    assert not any(_alive(p) for p in workers), "a worker outlived the interrupted sweep by 10 s"
    finished = {p.parent.name for p in (out / "runs").glob("*/summary.json")}
    time.sleep(2)
    assert {p.parent.name for p in (out / "runs").glob("*/summary.json")} == finished  # nothing finished later
    again = shlex.split(lines[0].split("resume with: ", 1)[1])
    assert again[:4] == ["dse", "sweep", str(path), "--resume"]
    done = subprocess.run([DSE, *again[1:]], capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr
    res = pd.read_parquet(out / "results.parquet")
    assert len(res) == 6 and res["run_id"].is_unique


@pytest.mark.slow
def test_sigint_marks_an_interrupted_run_unfinished(tmp_path):
    cfg = tmp_path / "run.yaml"
    cfg.write_text(yaml.safe_dump({"name": "long", "workload": {"model": "mobilenet_v2"}, "platform": "edge",
                                   "search": {"budget": 200_000, "stages": [{"method": "random"}],
                                              "exact": False}}))
    out = tmp_path / "run"
    proc = subprocess.Popen([DSE, "run", str(cfg), "--out", str(out), "-q"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=dict(os.environ, OMP_NUM_THREADS="1"))
    deadline = time.time() + 120
    while time.time() < deadline and not (out / "config.yaml").exists():
        time.sleep(0.2)
    time.sleep(1.0)
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=60) == 130
    err = proc.stderr.read()
    assert [line for line in err.splitlines() if line.startswith("interrupted: ")] and "Traceback" not in err, err
    assert (out / "INTERRUPTED").exists() and not (out / "summary.json").exists()

    from npu_dse.run import is_finished

    assert not is_finished(out)


@pytest.mark.slow
def test_sigint_stops_a_ray_sweep_and_its_processes(tmp_path):
    pytest.importorskip("ray", reason="ray is not installed (the 'distributed' extra)")
    path = _sweep(tmp_path)
    out = tmp_path / "out"
    proc = subprocess.Popen([DSE, "sweep", str(path), "--jobs", "2", "--backend", "ray", "--out", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=dict(os.environ, OMP_NUM_THREADS="1"))
    first = proc.stdout.readline()
    assert first.startswith("finished "), first + proc.stderr.read()
    started = _descendants(proc.pid)
    proc.send_signal(signal.SIGINT)
    code = proc.wait(timeout=120)
    err = proc.stderr.read()
    assert code == 130, err
    lines = [line for line in err.splitlines() if line.startswith("interrupted: ")]
    assert len(lines) == 1 and "--backend ray" in lines[0], err
    deadline = time.time() + 10
    while time.time() < deadline and any(_alive(p) for p in started):
        time.sleep(0.2)
    assert not any(_alive(p) for p in started), "a Ray process outlived the interrupted sweep by 10 s"
