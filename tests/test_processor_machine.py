"""Machine timing: double-buffered input DMA overlaps compute, WAIT stalls on slow DMA, per-call cycle totals."""

import numpy as np
import pytest

from npu_dse.processor.compiler import compile_recurrent
from npu_dse.processor.config import CycleCosts, ProcessorConfig
from npu_dse.processor.isa import Opcode
from npu_dse.processor.machine import BufferSpec, Machine, Program
from npu_dse.processor.fixed_point import FixedFormat
from npu_dse.cost_models.errors import HardwareError


def _inputs(cfg, steps=3, batch=2, i=28, h=16):
    rng = np.random.default_rng(0)
    return {"W0": rng.integers(-100, 100, size=(4 * h, i + h)), "b0": rng.integers(-100, 100, size=(4 * h,)),
            "x": rng.integers(0, 1000, size=(steps, batch, i)), "h0": np.zeros((1, batch, h), np.int64),
            "c0": np.zeros((1, batch, h), np.int64)}


def test_next_input_dma_overlaps_the_current_step():
    cfg = ProcessorConfig(lanes=16)
    prog = compile_recurrent("LSTM", 28, 16, 1, 3, cfg)
    res = Machine(cfg).run(prog, _inputs(cfg), 2)
    seq = res.sequence.entries
    dma_x1 = next(e for e in seq if e.instruction.opcode is Opcode.DMA_IN and e.instruction.tag == "x1")
    first_mvm = next(e for e in seq if e.instruction.opcode is Opcode.MVM)
    assert dma_x1.unit == "dma" and dma_x1.start_cycle < first_mvm.end_cycle  # runs while step 0 computes
    # stalls only at the ends: h0, c0 (16 + 32 B / 32 B per cycle = 17 cycles each) and x0 (16 + ceil(56 / 32) = 18)
    # before step 0, and the final hn, cn stores (17 each); x[1], x[2] arrive while the steps compute
    assert res.sequence.stall_cycles == (17 + 17 + 18) + (17 + 17)
    assert res.cycles == res.setup.cycles + 2 * res.sequence.cycles


def test_slow_dma_makes_wait_stall():
    fast = ProcessorConfig(lanes=16, costs=CycleCosts(step_overhead_cycles=0))
    slow = ProcessorConfig(lanes=16, costs=CycleCosts(step_overhead_cycles=0), offchip_bytes_per_cycle=0.05)
    r_fast = Machine(fast).run(compile_recurrent("LSTM", 28, 16, 1, 3, fast), _inputs(fast, batch=1), 1)
    r_slow = Machine(slow).run(compile_recurrent("LSTM", 28, 16, 1, 3, slow), _inputs(slow, batch=1), 1)
    assert r_slow.sequence.stall_cycles > 2 * 28 * 2 / 0.05  # x[1], x[2] (56 bytes each) arrive slower than a step
    assert r_slow.sequence.cycles > r_fast.sequence.cycles
    for name in ("y", "hn", "cn"):  # timing never changes results
        assert np.array_equal(r_fast.outputs[name], r_slow.outputs[name])


def test_buffer_overflow_error_names_memory_buffer_and_sizes():
    prog = Program((BufferSpec("a", "amem", (100,), FixedFormat(16, 8)), BufferSpec("big", "amem", (50,),
                                                                                   FixedFormat(16, 8))), (), ())
    with pytest.raises(HardwareError, match=r"'amem' overflows: buffer 'big' \(100 bytes.*ends at byte 300 but the "
                                            r"capacity is 256 bytes; the program needs 300 bytes"):
        Machine(ProcessorConfig(act_mem_bytes=256)).allocate(prog)


def test_small_weight_memory_streams_shorter_tiles_with_identical_results():
    roomy = ProcessorConfig(lanes=64, weight_residency="stream")
    small = ProcessorConfig(lanes=64, weight_residency="stream", weight_mem_bytes=2 * 44 * 2 * 16 + 4 * 16 * 2)
    p_roomy = compile_recurrent("LSTM", 28, 16, 1, 3, roomy)
    p_small = compile_recurrent("LSTM", 28, 16, 1, 3, small)
    tiles = {b.name: b.shape for b in p_small.buffers if b.name.startswith("wtile")}
    assert tiles == {"wtile0": (16, 44), "wtile1": (16, 44)}  # 16 rows per MVM instead of the 64 lanes
    Machine(small).allocate(p_small)  # fits: no HardwareError
    r_roomy = Machine(roomy).run(p_roomy, _inputs(roomy, batch=1), 1)
    r_small = Machine(small).run(p_small, _inputs(small, batch=1), 1)
    for name in ("y", "hn", "cn"):
        assert np.array_equal(r_roomy.outputs[name], r_small.outputs[name])
    assert r_small.sequence.cycles > r_roomy.sequence.cycles  # four short MVMs cost more than one lane-high one
