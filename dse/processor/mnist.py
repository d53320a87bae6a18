"""Row-by-row MNIST classifiers (the seed's three models) and their evaluation in float and on the processor.

Each image is a sequence of 28 time steps of 28 pixels (scaled to [0, 1]); a recurrent layer with hidden size 128
(seed: RNN, GRU, LSTM) feeds its last hidden state to a linear classifier over the 10 digits. The classifier
(``fc``) runs on the host in float, like the seed's verification system, which offloads the recurrent layer only.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from npu_dse.cost_models.errors import WorkloadError
from npu_dse.processor import nn as pnn
from npu_dse.processor.config import ProcessorConfig

__all__ = ["MODELS", "SequenceClassifier", "build_model", "images_to_tensor", "train_model", "evaluate",
           "EvalResult", "load_weights"]

log = logging.getLogger(__name__)

MODELS = {"mnist_rnn": "RNN", "mnist_gru": "GRU", "mnist_lstm": "LSTM"}
_TORCH = {"RNN": nn.RNN, "GRU": nn.GRU, "LSTM": nn.LSTM}
_OURS = {"RNN": pnn.RNN, "GRU": pnn.GRU, "LSTM": pnn.LSTM}


class SequenceClassifier(nn.Module):
    """``rnn`` over the 28 rows, then ``fc`` on the last hidden state.

    Input: float images (N, 28, 28) in [0, 1]; output: logits (N, 10).
    """

    def __init__(self, rnn: nn.Module, hidden_size: int, classes: int = 10) -> None:
        super().__init__()
        self.rnn = rnn
        self.fc = nn.Linear(hidden_size, classes)

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        out, _ = self.rnn(images)  # batch_first
        return self.fc(out[:, -1])


def build_model(name: str, hidden_size: int = 128, impl: str = "torch", config: ProcessorConfig | None = None
                ) -> SequenceClassifier:
    """A classifier for ``name`` in ``MODELS``.

    Args:
        impl: ``"torch"`` (``torch.nn`` cell, for training), ``"float"`` or ``"sim"`` (:mod:`npu_dse.processor.nn`).
        config: processor configuration for ``impl="sim"``.

    Raises:
        WorkloadError: unknown model name or implementation.
    """
    if name not in MODELS:
        raise WorkloadError(f"unknown model {name!r}; allowed: {', '.join(MODELS)}")
    cell = MODELS[name]
    if impl == "torch":
        rnn = _TORCH[cell](28, hidden_size, batch_first=True)
    elif impl in ("float", "sim"):
        rnn = _OURS[cell](28, hidden_size, batch_first=True, config=config, backend=impl)
    else:
        raise WorkloadError(f"model implementation {impl!r}; allowed: torch, float, sim")
    return SequenceClassifier(rnn, hidden_size)


def images_to_tensor(images: np.ndarray) -> torch.Tensor:
    """uint8 images (N, 28, 28) -> float32 tensor in [0, 1]."""
    return torch.from_numpy(np.asarray(images, dtype=np.float32) / 255.0)


def load_weights(path, name: str, impl: str = "float", config: ProcessorConfig | None = None) -> SequenceClassifier:
    """Build ``name`` and load a saved state_dict (``torch.save(model.state_dict())``); the hidden size is read
    from the weights.

    Raises:
        WorkloadError: the file does not hold weights of this model.
    """
    try:
        state = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as exc:  # noqa: BLE001 -- a malformed file can make the unpickler raise anything (IndexError...)
        raise WorkloadError(f"{path}: cannot read model weights ({type(exc).__name__}: {exc})") from None
    if not isinstance(state, dict) or "rnn.weight_hh_l0" not in state:
        raise WorkloadError(f"{path}: not a {name} state_dict (no 'rnn.weight_hh_l0')")
    hidden = state["rnn.weight_hh_l0"].shape[1]
    model = build_model(name, hidden, impl, config)
    try:
        model.load_state_dict(state)
    except RuntimeError as exc:
        raise WorkloadError(f"{path}: weights do not match model {name!r}: {str(exc).splitlines()[0]}") from None
    return model


def train_model(name: str, images: np.ndarray, labels: np.ndarray, hidden_size: int = 128, epochs: int = 3,
                batch_size: int = 128, lr: float = 2e-3, seed: int = 0) -> SequenceClassifier:
    """Train a ``torch.nn`` classifier with Adam and gradient clipping (norm 1); deterministic for a seed.

    Args:
        images: uint8 (N, 28, 28); labels: (N,) 0..9.

    Returns:
        the trained model (``impl="torch"``), in eval mode.
    """
    gen = torch.Generator().manual_seed(seed)
    torch.manual_seed(seed)
    model = build_model(name, hidden_size, "torch")
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=max(1, epochs))
    x_all, y_all = images_to_tensor(images), torch.as_tensor(np.array(labels, dtype=np.int64))
    for epoch in range(epochs):
        model.train()
        perm = torch.randperm(len(y_all), generator=gen)
        total = 0.0
        for start in range(0, len(perm), batch_size):
            idx = perm[start:start + batch_size]
            loss = nn.functional.cross_entropy(model(x_all[idx]), y_all[idx])
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            total += float(loss.detach()) * len(idx)
        sched.step()
        log.info("%s epoch %d: loss %.4f", name, epoch + 1, total / len(y_all))
    return model.eval()


@dataclass(frozen=True)
class EvalResult:
    """Accuracy and cost of one evaluation.

    Attributes:
        predictions: int64 (N,). accuracy: fraction correct. wall_s: host wall time in seconds.
        cycles: simulated processor cycles (None in float). sim_time_s: ``cycles`` at the clock (None in float).
    """

    predictions: np.ndarray
    accuracy: float
    wall_s: float
    cycles: int | None = None
    sim_time_s: float | None = None


def evaluate(model: SequenceClassifier, images: np.ndarray, labels: np.ndarray, batch_size: int = 2000
             ) -> EvalResult:
    """Classify ``images`` in batches; cycles are summed over batches (each batch pays the weight load once)."""
    x = images_to_tensor(images)
    preds = []
    cycles = 0
    sim = isinstance(model.rnn, pnn._RecurrentBase) and model.rnn.backend == "sim"
    t0 = time.perf_counter()
    with torch.no_grad():
        for start in range(0, len(x), batch_size):
            preds.append(model(x[start:start + batch_size]).argmax(1).numpy())
            if sim:
                cycles += model.rnn.last_cycles
    wall = time.perf_counter() - t0
    p = np.concatenate(preds) if preds else np.zeros(0, dtype=np.int64)
    acc = float((p == np.asarray(labels)).mean()) if len(p) else float("nan")
    if sim:
        return EvalResult(p, acc, wall, cycles, model.rnn.config.seconds(cycles))
    return EvalResult(p, acc, wall)
