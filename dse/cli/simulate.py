"""dse CLI command ``simulate``: a trained RNN/GRU/LSTM on MNIST, in float and on the processor of a DSE result."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from npu_dse.cost_models.errors import WorkloadError
from npu_dse.cli.app import app


def _find_weights(design: Path, model: str, weights: Optional[Path]) -> Path:
    if weights is not None:
        if not weights.is_file():
            raise WorkloadError(f"--weights {weights}: file not found")
        return weights
    run_dir = design if design.is_dir() else design.parent
    for cand in (run_dir / f"{model}.pt", run_dir / "weights" / f"{model}.pt"):
        if cand.is_file():
            return cand
    raise WorkloadError(
        f"no weights for {model}: looked for {run_dir / (model + '.pt')} and {run_dir / 'weights' / (model + '.pt')};"
        f" pass --weights W.pt (python experiments/rnn_mnist.py writes experiments/results/weights/{model}.pt)"
    )


@app.command("simulate")
def simulate(
    design: Path = typer.Argument(..., help="Run directory holding best.json, or the best.json file."),
    model: str = typer.Option("mnist_lstm", "--model", help="mnist_rnn, mnist_gru or mnist_lstm."),
    weights: Optional[Path] = typer.Option(None, "--weights", help="state_dict .pt (default: RUN_DIR/<model>.pt)."),
    bits: Optional[int] = typer.Option(None, "--bits", help="Word bits of every operand (default: 8 x word_bytes)."),
    data_dir: Optional[Path] = typer.Option(None, "--data-dir", help="MNIST idx directory (default: $NPU_DSE_DATA)."),
    limit: Optional[int] = typer.Option(None, "--limit", min=1, help="Use only the first N test images."),
    rounding: str = typer.Option("nearest_even", "--rounding", help="nearest_even or truncate."),
    overflow: str = typer.Option("saturate", "--overflow", help="saturate or wrap."),
    activation: str = typer.Option("pwl", "--activation", help="pwl (piecewise linear) or lut (lookup table)."),
    entries: int = typer.Option(512, "--entries", help="PWL segments / LUT entries (a power of two)."),
    batch_size: int = typer.Option(2000, "--batch-size", min=1, help="Images per simulator call."),
    as_json: bool = typer.Option(False, "--json", help="Print the results as JSON."),
) -> None:
    """Evaluate a trained model on MNIST test data in float and on the processor built from a DSE design.

    Prints accuracy, agreement of the predictions, simulated cycles and time at the design's clock, and host wall
    time. Errors (missing files, a model that does not fit the processor's memories) exit with code 2.
    """
    import torch

    from npu_dse.processor.config import ProcessorConfig
    from npu_dse.processor.data import load_mnist
    from npu_dse.processor.mnist import MODELS, evaluate, load_weights

    if model not in MODELS:
        raise WorkloadError(f"--model {model!r}; allowed: {', '.join(MODELS)}")
    torch.set_num_threads(1)
    cfg = ProcessorConfig.from_design(design, word_bits=bits, rounding=rounding, overflow=overflow,
                                      activation_method=activation, activation_entries=entries)
    wpath = _find_weights(design, model, weights)
    images, labels = load_mnist(data_dir, "test", limit=limit)
    flt = evaluate(load_weights(wpath, model, "float"), images, labels, batch_size)
    sim_model = load_weights(wpath, model, "sim", cfg)
    sim = evaluate(sim_model, images, labels, batch_size)
    agreement = float((sim.predictions == flt.predictions).mean())
    hidden = sim_model.rnn.hidden_size
    from npu_dse.processor.compiler import weight_bytes

    streamed = cfg.weight_residency == "stream" or weight_bytes(
        sim_model.rnn.mode, 28, hidden, sim_model.rnn.num_layers, cfg) > cfg.weight_mem_bytes
    out = {
        "model": model, "weights": str(wpath), "images": int(len(labels)), "hidden_size": hidden,
        "processor": {"lanes": cfg.lanes, "weight_mem_bytes": cfg.weight_mem_bytes,
                      "act_mem_bytes": cfg.act_mem_bytes, "word_bits": cfg.word_bits, "clock_mhz": cfg.clock_mhz,
                      "rounding": cfg.rounding.value, "overflow": cfg.overflow.value,
                      "activation": f"{cfg.activation_method} {cfg.activation_entries}",
                      "weights": "streamed" if streamed else "resident"},
        "float": {"accuracy": flt.accuracy, "wall_s": flt.wall_s},
        "processor_run": {"accuracy": sim.accuracy, "agreement": agreement, "cycles": sim.cycles,
                          "cycles_per_image": sim.cycles / max(len(labels), 1), "sim_time_s": sim.sim_time_s,
                          "wall_s": sim.wall_s},
    }
    if as_json:
        typer.echo(json.dumps(out, indent=2))
        return
    p = out["processor"]
    typer.echo(f"{model} (hidden {hidden}) on {len(labels)} MNIST test images; weights {wpath}")
    typer.echo(f"processor: {p['lanes']} lanes, wmem {p['weight_mem_bytes']} B ({p['weights']} weights), "
               f"amem {p['act_mem_bytes']} B, {p['word_bits']}-bit words, {p['rounding']}, {p['overflow']}, "
               f"{p['activation']}, {p['clock_mhz']:g} MHz")
    typer.echo(f"{'':10s} {'accuracy':>9s} {'agreement':>10s} {'cycles':>14s} {'simulated s':>12s} {'host s':>8s}")
    typer.echo(f"{'float':10s} {100 * flt.accuracy:8.2f}% {'':>10s} {'':>14s} {'':>12s} {flt.wall_s:8.2f}")
    typer.echo(f"{'processor':10s} {100 * sim.accuracy:8.2f}% {100 * agreement:9.2f}% {sim.cycles:14d} "
               f"{sim.sim_time_s:12.3f} {sim.wall_s:8.2f}")
    typer.echo(f"accuracy lost: {100 * (flt.accuracy - sim.accuracy):.2f} points; "
               f"{out['processor_run']['cycles_per_image']:.0f} cycles per image")
