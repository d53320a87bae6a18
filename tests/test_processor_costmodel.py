"""Processor cycles of one LSTM step beside the cost model's latency for the same GEMM."""

import math

import pytest

from npu_dse.processor.config import CycleCosts, ProcessorConfig
from npu_dse.processor.cost_compare import compare_lstm_step, compare_step, processor_hardware


def test_lstm_step_cycles_match_the_isa_formulas_and_the_cost_model_runs_the_same_gemm():
    cfg = ProcessorConfig()  # 64 lanes, resident weights
    cmp = compare_lstm_step(cfg)
    assert cmp.macs == 4 * 128 * (28 + 128)
    assert cmp.weights_resident
    # one MVM per 64-row tile: ceil(512 / 64) tiles x (156 columns + 4 cycles of pipeline fill)
    assert cmp.mvm_cycles == 8 * (156 + cfg.costs.mvm_latency_cycles)
    # REQ(512) + SIGMOID(256) + TANH(128) + SIGMOID(128) + 3 VMUL(128) + VADD(128) + TANH(128)
    lanes, c = 64, cfg.costs
    vec = (math.ceil(512 / lanes) + c.vector_latency_cycles) + 4 * (2 + c.vector_latency_cycles)
    act = (4 + c.activation_latency_cycles) + 3 * (2 + c.activation_latency_cycles)
    assert cmp.vector_cycles == vec + act
    assert cmp.overhead_cycles == cfg.costs.step_overhead_cycles
    assert cmp.step_cycles == cmp.mvm_cycles + cmp.vector_cycles + cmp.overhead_cycles  # x DMA fully hidden
    for df, cycles in cmp.cost_model_cycles.items():
        assert cycles >= cmp.macs / lanes  # utilisation <= 1
        assert 0 < cmp.cost_model_utilization[df] <= 1
    assert "| cost model `kcp_ws`" in cmp.markdown()


def test_streamed_weights_make_the_step_bandwidth_bound():
    no_overhead = CycleCosts(step_overhead_cycles=0)
    res = compare_lstm_step(ProcessorConfig(costs=no_overhead))
    streamed = compare_lstm_step(ProcessorConfig(costs=no_overhead, weight_mem_bytes=65536))
    assert not streamed.weights_resident
    weight_dma = 512 * 156 * 2 / 32  # bytes per step / bytes per cycle
    assert streamed.step_cycles >= weight_dma > res.step_cycles


def test_processor_hardware_mapping():
    cfg = ProcessorConfig.from_design({"schema": "npu-dse/design", "version": 1,
                                       "design": {"num_pes": 32, "l1_bytes": 512, "l2_bytes": 4096}})
    hw = processor_hardware(cfg)
    assert (hw.num_pes, hw.l1_bytes, hw.l2_bytes, hw.word_bytes, hw.offchip_bw) == (32, 512, 4096, 2, 16)


@pytest.mark.parametrize("cell,gates", [("RNN", 1), ("GRU", 3)])
def test_other_cells_compare(cell, gates):
    cmp = compare_step(ProcessorConfig(lanes=16), cell, 10, 32, dataflows=("dla", "xp_ws"))
    assert cmp.macs == gates * 32 * 42
    assert cmp.mvm_cycles >= cmp.macs / 16
    assert set(cmp.cost_model_cycles) == {"dla", "xp_ws"}
