"""``dse simulate`` on the MNIST slice with the small shipped models."""

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from npu_dse.cli import app

DATA = Path(__file__).parent / "data"
DESIGN = {"schema": "npu-dse/design", "version": 1, "network": "mnist_lstm", "platform": "edge", "mode": "global",
          "design": {"num_pes": 16, "l1_bytes": 1024, "l2_bytes": 16384, "noc_bw": 64, "offchip_bw": 16,
                     "simd_lanes": 1, "word_bytes": 2, "clock_mhz": 200.0, "dataflow": "kcp_ws", "constants": {}},
          "per_layer": None,
          "metrics": {"latency_cycles": 1.0e6, "energy_pj": 3.0e6, "area_mm2": 1.2, "power_mw": 40.0}}
runner = CliRunner()


def _run_dir(tmp_path, design=DESIGN):
    (tmp_path / "best.json").write_text(json.dumps(design))
    shutil.copy(DATA / "mnist_models" / "mnist_gru_h32.pt", tmp_path / "mnist_gru.pt")
    return tmp_path


def test_simulate_reports_accuracy_cycles_and_time(tmp_path):
    run = _run_dir(tmp_path)
    res = runner.invoke(app, ["simulate", str(run), "--model", "mnist_gru", "--data-dir", str(DATA / "mnist_slice"),
                              "--limit", "50", "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["images"] == 50 and out["hidden_size"] == 32
    p = out["processor"]
    assert (p["lanes"], p["weight_mem_bytes"], p["act_mem_bytes"], p["word_bits"]) == (16, 16384, 16384, 16)
    assert p["weights"] == "resident"  # 3*32*(28+32+1)*2 + 32*2 = 11776 bytes <= 16384
    r = out["processor_run"]
    assert r["agreement"] >= 0.98
    assert abs(r["accuracy"] - out["float"]["accuracy"]) <= 0.02
    assert r["sim_time_s"] == r["cycles"] / 200e6
    assert r["cycles_per_image"] > 28 * 18000


def test_simulate_text_output_with_weights_and_bits(tmp_path):
    run = _run_dir(tmp_path)
    res = runner.invoke(app, ["simulate", str(run / "best.json"), "--model", "mnist_lstm", "--weights",
                              str(DATA / "mnist_models" / "mnist_lstm_h32.pt"), "--bits", "12",
                              "--data-dir", str(DATA / "mnist_slice"), "--limit", "20"])
    assert res.exit_code == 0, res.output
    assert "12-bit words" in res.output and "processor" in res.output and "accuracy lost" in res.output


def test_simulate_errors_exit_2_with_one_line(tmp_path, monkeypatch):
    monkeypatch.delenv("NPU_DSE_DATA", raising=False)
    run = _run_dir(tmp_path)
    cases = [
        (["simulate", str(run), "--model", "mnist_cnn"], "allowed: mnist_rnn"),
        (["simulate", str(run), "--model", "mnist_lstm", "--data-dir", str(DATA / "mnist_slice")], "no weights"),
        (["simulate", str(tmp_path / "nope"), "--model", "mnist_gru"], "design file not found"),
        (["simulate", str(run), "--model", "mnist_gru", "--data-dir", str(tmp_path)], "t10k-images-idx3-ubyte"),
        (["simulate", str(run), "--model", "mnist_gru"], "NPU_DSE_DATA"),
    ]
    for args, msg in cases:
        res = runner.invoke(app, args)
        assert res.exit_code == 2, (args, res.output)
        assert msg in res.output and res.output.startswith("error: ")


def test_simulate_memory_overflow_is_an_error(tmp_path):
    tiny = dict(DESIGN, design=dict(DESIGN["design"], l1_bytes=8))  # amem = 8 x 16 PEs = 128 bytes
    run = _run_dir(tmp_path, tiny)
    res = runner.invoke(app, ["simulate", str(run), "--model", "mnist_gru", "--data-dir", str(DATA / "mnist_slice"),
                              "--limit", "5"])
    assert res.exit_code == 2
    assert "activation memory 'amem' overflows" in res.output and "capacity is 128 bytes" in res.output
