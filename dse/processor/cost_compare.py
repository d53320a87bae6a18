"""Processor cycles of one recurrent time step beside the cost model's latency for the same GEMM.

:func:`compare_step` compiles one time step of a cell for a :class:`ProcessorConfig` and runs the MAESTRO-style
cost model (:func:`npu_dse.cost_models.maestro.analyze_layer`) on the same fused GEMM
(:func:`npu_dse.cost_models.workload.recurrent_layers`: ``K = gates*H`` outputs, ``C = I + H`` inputs) on the matching
hardware point (``num_pes = lanes``, ``l1_bytes = act_mem_bytes / lanes``, ``l2_bytes = weight_mem_bytes``,
``offchip_bw = offchip_bytes_per_cycle / word_bytes`` elements per cycle, ``noc_bw = lanes``, same word size and
clock).

Why the numbers differ (MNIST LSTM, I = 28, H = 128, 64 lanes: processor MVMs 1,280 cycles per step with resident
weights, cost model ``kcp_ws`` 12,288):

1. **Mapping.** The processor's MVM puts output rows (K) on the lanes and broadcasts one input element per cycle,
   so ``ceil(K / lanes) * C`` cycles (8 x 156 = 1,248, plus 4 cycles of pipeline fill per tile): utilisation 0.98.
   ``kcp_ws``/``dla`` put the reduction dimension C on a 64-PE cluster (C = 156 = 64 + 64 + 28, so the last
   chunk leaves PEs idle) and ``xp_ws``/``yxp_os`` parallelise the spatial X/Y dimensions, which are 1 for a GEMM,
   so they run almost serially.
2. **Weight traffic.** The cost model analyses one layer call: every weight enters from off-chip memory each time
   (79,872 elements at 16 elements/cycle is at least 4,992 cycles), which bounds ``kcp_ws`` at the default
   bandwidth. The processor keeps the weights resident in ``wmem`` across all 28 steps and loads them once per call
   (``setup``); only when they do not fit (``weight_residency`` streaming) does it pay that traffic every step, and
   then it too is bandwidth-bound.
3. **What is counted.** The cost model counts the GEMM only. A processor step also runs the requantisation,
   sigmoid/tanh and element-wise instructions of the cell (about 10 vector instructions, ``ceil(n / lanes)`` cycles
   each plus latency), the DMA of the next input (overlapped) and the fixed per-step overhead (``BARRIER``,
   18,000 cycles by default: the seed's interrupt-driven handshake), which dominates the step as in the seed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from npu_dse.cost_models.hardware import Hardware
from npu_dse.cost_models.maestro import analyze_layer
from npu_dse.cost_models.workload import recurrent_layers
from npu_dse.processor.compiler import compile_recurrent
from npu_dse.processor.config import ProcessorConfig
from npu_dse.processor.isa import Opcode
from npu_dse.processor.machine import Machine

__all__ = ["StepComparison", "compare_step", "compare_lstm_step", "processor_hardware"]

_MODES = {"RNN": "RNN_TANH", "GRU": "GRU", "LSTM": "LSTM"}


@dataclass(frozen=True)
class StepComparison:
    """One time step on the processor and in the cost model (all values in cycles).

    Attributes:
        cell, input_size, hidden_size, lanes: the case.
        macs: MACs of the step's GEMM.
        weights_resident: whether the processor kept the weights in ``wmem``.
        mvm_cycles: cycles of the step's ``MVM`` instructions.
        vector_cycles: cycles of its other compute instructions (requantise, activations, element-wise).
        overhead_cycles: the ``BARRIER`` (fixed per-step overhead).
        step_cycles: steady-state cycles of one step (increment of the sequence makespan per extra step,
            including DMA stalls).
        cost_model_cycles: dataflow -> ``runtime_cycles`` of the GEMM from the cost model.
        cost_model_utilization: dataflow -> PE utilisation reported by the cost model.
    """

    cell: str
    input_size: int
    hidden_size: int
    lanes: int
    macs: int
    weights_resident: bool
    mvm_cycles: int
    vector_cycles: int
    overhead_cycles: int
    step_cycles: int
    cost_model_cycles: dict[str, float] = field(default_factory=dict)
    cost_model_utilization: dict[str, float] = field(default_factory=dict)

    def markdown(self) -> str:
        """A markdown table of the comparison."""
        res = "resident" if self.weights_resident else "streamed every step"
        lines = [
            f"{self.cell} step, I = {self.input_size}, H = {self.hidden_size}, {self.lanes} lanes, "
            f"{self.macs} MACs, weights {res}.",
            "",
            "| source | cycles per step | note |",
            "|---|---|---|",
            f"| processor: MVM instructions | {self.mvm_cycles} | utilisation {self.macs / (self.lanes * max(self.mvm_cycles, 1)):.3f} |",
            f"| processor: other vector instructions | {self.vector_cycles} | requantise, sigmoid/tanh, element-wise |",
            f"| processor: per-step overhead | {self.overhead_cycles} | BARRIER |",
            f"| processor: whole step (steady state) | {self.step_cycles} | incl. DMA stalls |",
        ]
        for df, cyc in self.cost_model_cycles.items():
            lines.append(f"| cost model `{df}` (GEMM only) | {cyc:.0f} | utilisation "
                         f"{self.cost_model_utilization[df]:.3f} |")
        lines += ["", "Why they differ: see the docstring of `dse/processor/cost_compare.py` (mapping, weight traffic, "
                      "what is counted)."]
        return "\n".join(lines)

    def as_dict(self) -> dict:
        """Plain dict (JSON-ready), with the markdown table under ``"markdown"``."""
        d = {k: getattr(self, k) for k in self.__dataclass_fields__}
        d["markdown"] = self.markdown()
        return d


def processor_hardware(config: ProcessorConfig, noc_bw: float | None = None) -> Hardware:
    """The cost model's :class:`~npu_dse.cost_models.hardware.Hardware` matching ``config`` (mapping in the module docstring)."""
    wb = config.weight.word_bytes
    return Hardware(num_pes=config.lanes, l1_bytes=max(1, config.act_mem_bytes // config.lanes),
                    l2_bytes=config.weight_mem_bytes, noc_bw=float(noc_bw or config.lanes),
                    offchip_bw=config.offchip_bytes_per_cycle / wb, simd_lanes=1, word_bytes=wb,
                    clock_mhz=config.clock_mhz)


def compare_step(config: ProcessorConfig, cell: str = "LSTM", input_size: int = 28, hidden_size: int = 128,
                 dataflows: tuple[str, ...] = ("kcp_ws", "dla", "xp_ws", "yxp_os"), noc_bw: float | None = None
                 ) -> StepComparison:
    """Cycles of one time step of ``cell`` on the processor and in the cost model.

    Raises:
        HardwareError: the program does not fit the processor's memories.
        DataflowError: an unknown dataflow name.
    """
    mode = _MODES[cell.upper()]
    machine = Machine(config)
    one = compile_recurrent(mode, input_size, hidden_size, 1, 1, config)
    two = compile_recurrent(mode, input_size, hidden_size, 1, 2, config)
    machine.allocate(two)
    s1 = machine.schedule(one.sequence, one, "sequence")
    s2 = machine.schedule(two.sequence, two, "sequence")
    mvm = s1.busy_cycles.get(Opcode.MVM.value, 0)
    overhead = s1.busy_cycles.get(Opcode.BARRIER.value, 0)
    vector = sum(v for k, v in s1.busy_cycles.items() if k not in (Opcode.MVM.value, Opcode.BARRIER.value,
                                                                  Opcode.DMA_IN.value, Opcode.DMA_OUT.value,
                                                                  Opcode.WAIT.value))
    layer = recurrent_layers(f"{cell.lower()}_step", cell.upper(), input_size, hidden_size, seq_len=1)[0]
    hw = processor_hardware(config, noc_bw)
    cm, util = {}, {}
    for df in dataflows:
        cost = analyze_layer(layer, df, hw)
        cm[df] = float(cost.runtime_cycles[0])
        util[df] = float(cost.utilization[0])
    resident = not any(b.name.startswith("wtile") for b in two.buffers)
    return StepComparison(cell.upper(), input_size, hidden_size, config.lanes, layer.macs, resident, mvm, vector,
                          overhead, s2.cycles - s1.cycles, cm, util)


def compare_lstm_step(config: ProcessorConfig) -> StepComparison:
    """:func:`compare_step` for the MNIST LSTM (I = 28, H = 128)."""
    return compare_step(config, "LSTM", 28, 128)
