"""The ``hetero_latency_ms`` objective: a searched NPU's latency for the network when its parallel branches may
also run on a CPU beside it (issue 17), so a search can size the NPU knowing the CPU takes part of the work.

For each evaluated design, the NPU's time per layer is the cost model's (``runtime_cycles`` at the design's clock);
the CPU is a preset, this machine (``host``) or a profile; :func:`npu_dse.hetero.schedule.schedule` places the nodes
(the DP along the chain, as NEST-C's partitioner) and runs each parallel-branch group in parallel where that pays
(exact assignment). The metric is its branch-parallel latency, in milliseconds.

YAML::

    objectives: [hetero_latency_ms]
    hetero: {cpu: a53, sync_us: 50}     # cpu: a53 | host | a profile .csv

Source: the seed "Performance Improvement of Neural-net Computation using Branch-Parallel Execution on
Heterogeneous Processing Units" (``reference/seeds/``).
"""

from __future__ import annotations

from typing import Mapping

import numpy as np

from npu_dse.cost_models.hardware import Hardware
from npu_dse.cost_models.workload import Network
from npu_dse.hetero.graph import build_graph
from npu_dse.hetero.schedule import schedule
from npu_dse.hetero.units import SYNC_US, TRANSFER_GB_S, CpuRoofline, Npu


class HeteroLatency:
    """``extra_metrics`` of a :class:`~npu_dse.cost_models.evaluator.Problem`: ``{"hetero_latency_ms": ms}`` from a
    design's per-layer columns and clock (a picklable callable, so sweep workers can carry it).

    Args:
        network: the network (its graph is built now: a cycle is refused before any search).
        cpu: the CPU beside the NPU.
        sync_us: synchronisation latency of one CPU/NPU hand-over, microseconds (>= 0).
        word_bytes: bytes per activation element handed over between the units.
        transfer_gb_s: bandwidth of a hand-over, GB/s.

    Raises:
        WorkloadError: the graph has a cycle. HardwareError: a negative ``sync_us`` (at the first evaluation).
    """

    def __init__(self, network: Network, cpu: CpuRoofline, sync_us: float = SYNC_US, word_bytes: int = 1,
                 transfer_gb_s: float = TRANSFER_GB_S) -> None:
        self.graph = build_graph(network)
        self.network = network
        self.cpu = cpu
        self.sync_us = float(sync_us)
        self.word_bytes = int(word_bytes)
        self.transfer_gb_s = float(transfer_gb_s)
        self._names = [layer.name for layer in network.layers]

    def __call__(self, col: Mapping[str, np.ndarray], clock_mhz: float) -> dict[str, float]:
        """``col``: per-layer columns (``runtime_cycles``, shape (num_layers,)); ``clock_mhz``: the design's clock."""
        npu_ms = np.asarray(col["runtime_cycles"], dtype=np.float64) / (float(clock_mhz) * 1e3)
        npu = Npu("design", Hardware(num_pes=1, word_bytes=self.word_bytes, clock_mhz=float(clock_mhz)), "design",
                  times_ms=dict(zip(self._names, npu_ms.tolist())))
        result = schedule(self.network, self.cpu, npu, sync_us=self.sync_us, transfer_gb_s=self.transfer_gb_s,
                          graph=self.graph, baselines=False)
        return {"hetero_latency_ms": float(result.branch_parallel_ms)}


__all__ = ["HeteroLatency"]
