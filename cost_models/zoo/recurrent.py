"""MNIST sequence classifiers: a recurrent cell over 28 steps of 28 inputs (image rows), hidden 128, FC to 10.

The recurrent cell expands into one fused GEMM per time step (gates x (input + hidden)) repeated 28 times
(:func:`npu_dse.cost_models.workload.recurrent_layers`); the FC layer runs once on the last hidden state. These are the
networks of the RNN processor verification (seed 000, Table 1).
"""

from __future__ import annotations

from npu_dse.cost_models.workload import Layer, Network, Op, recurrent_layers

SEQ_LEN = 28
INPUT_SIZE = 28
HIDDEN_SIZE = 128
NUM_CLASSES = 10


def mnist_recurrent(cell: str) -> Network:
    """``mnist_<cell>`` for cell in RNN, GRU, LSTM: the recurrent GEMM, then ``fc`` (GEMM 128 -> 10)."""
    name = cell.lower()
    layers = recurrent_layers(name, cell, input_size=INPUT_SIZE, hidden_size=HIDDEN_SIZE, seq_len=SEQ_LEN)
    fc = Layer("fc", Op.GEMM, K=NUM_CLASSES, C=HIDDEN_SIZE)
    return Network(f"mnist_{name}", (*layers, fc), edges=((layers[-1].name, "fc"),))
