"""PyTorch-compatible modules: state_dict round trip, float = torch, shapes, errors, memories, from_design."""

import json

import pytest
import torch

from npu_dse.cost_models.errors import FormatError, HardwareError
from npu_dse.processor import nn as pnn
from npu_dse.processor.config import ProcessorConfig
from npu_dse.processor.isa import Opcode

torch.set_num_threads(1)
PAIRS = [(pnn.RNN, torch.nn.RNN), (pnn.GRU, torch.nn.GRU), (pnn.LSTM, torch.nn.LSTM)]


def _pair(cls, tcls, **kw):
    torch.manual_seed(0)
    ref = tcls(6, 8, **kw)
    ours = cls(6, 8, **kw)
    ours.load_state_dict(ref.state_dict())
    return ref, ours


@pytest.mark.parametrize("cls,tcls", PAIRS)
def test_load_state_dict_round_trip_with_torch_parameter_names(cls, tcls):
    ref, ours = _pair(cls, tcls, num_layers=2)
    assert list(ours.state_dict()) == list(ref.state_dict())
    back = tcls(6, 8, num_layers=2)
    back.load_state_dict(ours.state_dict())
    for k, v in ref.state_dict().items():
        assert torch.equal(back.state_dict()[k], v)


@pytest.mark.parametrize("cls,tcls", PAIRS)
@pytest.mark.parametrize("batch_first", [False, True])
@pytest.mark.parametrize("num_layers", [1, 2])
def test_float_backend_matches_torch_and_shapes(cls, tcls, batch_first, num_layers):
    ref, ours = _pair(cls, tcls, num_layers=num_layers, batch_first=batch_first)
    x = torch.randn(5, 7, 6)  # (N, L, H_in) if batch_first else (L, N, H_in)
    n = 5 if batch_first else 7
    h0 = torch.randn(num_layers, n, 8)
    hx = (h0, torch.randn(num_layers, n, 8)) if tcls is torch.nn.LSTM else h0
    for args in ((x,), (x, hx)):
        y_ref, s_ref = ref(*args)
        y, s = ours(*args)
        assert y.shape == y_ref.shape == ((5, 7, 8))
        torch.testing.assert_close(y, y_ref, atol=1e-6, rtol=0)
        for a, b in zip(s if isinstance(s, tuple) else (s,), s_ref if isinstance(s_ref, tuple) else (s_ref,)):
            assert a.shape == b.shape == (num_layers, n, 8)
            torch.testing.assert_close(a, b, atol=1e-6, rtol=0)


@pytest.mark.parametrize("cls,tcls", PAIRS)
@pytest.mark.parametrize("batch_first", [False, True])
@pytest.mark.parametrize("num_layers", [1, 2])
def test_sim_backend_shapes_and_closeness(cls, tcls, batch_first, num_layers):
    ref, ours = _pair(cls, tcls, num_layers=num_layers, batch_first=batch_first)
    ours.backend = "sim"
    x = torch.rand(3, 4, 6) * 2 - 1
    y_ref, s_ref = ref(x)
    y, s = ours(x)
    assert y.shape == y_ref.shape and y.dtype == torch.float32
    assert (y - y_ref).abs().max() < 5e-3  # 16-bit words
    s, s_ref = (s if isinstance(s, tuple) else (s,)), (s_ref if isinstance(s_ref, tuple) else (s_ref,))
    for a, b in zip(s, s_ref):
        assert a.shape == b.shape
        assert (a - b).abs().max() < 5e-3
    # cycles and trace of the last call: batch sequences run one after another
    seq_len, batch = (4, 3) if batch_first else (3, 4)
    res = ours.last_result
    assert ours.last_cycles == res.setup.cycles + batch * res.sequence.cycles
    assert ours.last_time_s == pytest.approx(ours.last_cycles / 100e6)
    barriers = [e for e in ours.last_trace if e.instruction.opcode is Opcode.BARRIER]
    assert len(barriers) == seq_len
    mvms = [e for e in ours.last_trace if e.instruction.opcode is Opcode.MVM]
    assert len(mvms) == seq_len * num_layers * (2 if tcls is torch.nn.GRU else 1) + (
        seq_len * num_layers if tcls is torch.nn.GRU else 0)  # GRU: r/z block, W_in x, W_hn h (lanes >= rows)


@pytest.mark.parametrize("cls,tcls", PAIRS)
def test_unbatched_input_like_torch(cls, tcls):
    ref, ours = _pair(cls, tcls, num_layers=2)
    x = torch.rand(5, 6) - 0.5
    for backend, tol in (("float", 1e-6), ("sim", 5e-3)):
        ours.backend = backend
        y_ref, s_ref = ref(x)
        y, s = ours(x)
        assert y.shape == y_ref.shape == (5, 8)
        assert (y - y_ref).abs().max() <= tol
        h = s[0] if isinstance(s, tuple) else s
        assert h.shape == (2, 8)


def test_relu_rnn_and_no_bias():
    torch.manual_seed(1)
    ref = torch.nn.RNN(4, 6, nonlinearity="relu", bias=False)
    ours = pnn.RNN(4, 6, nonlinearity="relu", bias=False)
    ours.load_state_dict(ref.state_dict())
    x = torch.rand(3, 2, 4) * 0.5
    torch.testing.assert_close(ours(x)[0], ref(x)[0], atol=1e-6, rtol=0)
    ours.backend = "sim"
    assert (ours(x)[0] - ref(x)[0]).abs().max() < 5e-3


@pytest.mark.parametrize("kw,field", [({"bidirectional": True}, "bidirectional"), ({"dropout": 0.2}, "dropout"),
                                      ({"proj_size": 4}, "proj_size")])
def test_options_the_processor_lacks_raise(kw, field):
    cls = pnn.LSTM if field == "proj_size" else pnn.GRU
    with pytest.raises(HardwareError, match=field):
        cls(4, 8, num_layers=2, **kw)


def test_unknown_backend_and_packed_sequence_raise():
    m = pnn.LSTM(3, 4)
    with pytest.raises(HardwareError, match="backend"):
        m.backend = "fpga"
    packed = torch.nn.utils.rnn.pack_padded_sequence(torch.zeros(2, 1, 3), [2])
    with pytest.raises(HardwareError, match="PackedSequence"):
        m(packed)


def test_activation_memory_overflow_names_buffer_and_size():
    cfg = ProcessorConfig(act_mem_bytes=256)
    m = pnn.LSTM(28, 128, config=cfg, backend="sim")
    with pytest.raises(HardwareError, match=r"activation memory 'amem' overflows.*capacity is 256 bytes"):
        m(torch.zeros(2, 1, 28))


def test_resident_weights_too_large_raise_and_auto_streams():
    x = torch.rand(3, 2, 28)
    resident = ProcessorConfig(weight_mem_bytes=65536, weight_residency="resident")
    m = pnn.LSTM(28, 128, config=resident, backend="sim")
    with pytest.raises(HardwareError, match=r"'wmem' overflows.*160768 bytes.*65536 bytes"):
        m(x)
    m.config = ProcessorConfig(weight_mem_bytes=65536)  # auto: weights stream in lane-high tiles
    y_stream = m(x)[0]
    stream_cycles = m.last_result.sequence.cycles
    m.config = ProcessorConfig(weight_mem_bytes=256 * 1024)
    y_res = m(x)[0]
    assert torch.equal(y_stream, y_res)  # same arithmetic
    assert stream_cycles > m.last_result.sequence.cycles  # weight traffic costs time
    m.config = ProcessorConfig(weight_mem_bytes=4096, lanes=64)  # two 64-row tiles do not fit: shorter tiles do
    assert torch.equal(m(x)[0], y_res)
    assert m.last_result.sequence.cycles > stream_cycles
    m.config = ProcessorConfig(weight_mem_bytes=1100, lanes=64)  # biases leave no room for even one-row tiles
    with pytest.raises(HardwareError, match="wtile"):
        m(x)


DESIGN = {"schema": "npu-dse/design", "version": 1, "network": "mnist_lstm", "platform": "edge", "mode": "global",
          "design": {"num_pes": 64, "l1_bytes": 1024, "l2_bytes": 65536, "noc_bw": 64, "offchip_bw": 16,
                     "simd_lanes": 1, "word_bytes": 2, "clock_mhz": 100.0, "dataflow": "kcp_ws", "constants": {}},
          "per_layer": None,
          "metrics": {"latency_cycles": 1.0e6, "energy_pj": 3.0e6, "area_mm2": 1.2, "power_mw": 40.0}}


def test_from_design_maps_pes_and_buffers(tmp_path):
    (tmp_path / "best.json").write_text(json.dumps(DESIGN))
    for src in (tmp_path, tmp_path / "best.json", DESIGN):
        cfg = ProcessorConfig.from_design(src)
        assert cfg.lanes == 64 and cfg.weight_mem_bytes == 65536 and cfg.act_mem_bytes == 64 * 1024
        assert cfg.weight.word_bits == 16 and cfg.clock_mhz == 100.0 and cfg.offchip_bytes_per_cycle == 32.0
    cfg12 = ProcessorConfig.from_design(DESIGN, word_bits=12, rounding="truncate", overflow="wrap")
    assert (cfg12.weight.word_bits, cfg12.weight.frac_bits, cfg12.acc_bits) == (12, 9, 32)
    assert cfg12.rounding.value == "truncate" and cfg12.overflow.value == "wrap"
    sparse = {"schema": "npu-dse/design", "version": 1, "design": {"num_pes": 16, "simd_lanes": 4}}
    cfg = ProcessorConfig.from_design(sparse)
    assert cfg.lanes == 64 and cfg.weight_mem_bytes == 65536 and cfg.act_mem_bytes == 16 * 1024
    systolic = dict(DESIGN, design=dict(DESIGN["design"], dataflow="systolic_ws", l1_bytes=64, acc_bytes=16384))
    assert ProcessorConfig.from_design(systolic).act_mem_bytes == 16384  # the accumulator, not 64 x 64 B registers
    with pytest.raises(FormatError, match="'design.acc_bytes' = 1.5"):
        ProcessorConfig.from_design(dict(DESIGN, design=dict(DESIGN["design"], acc_bytes=1.5)))


def test_from_design_errors_name_file_and_field(tmp_path):
    with pytest.raises(FormatError, match="best.json: design file not found"):
        ProcessorConfig.from_design(tmp_path)
    bad = dict(DESIGN, schema="other")
    with pytest.raises(FormatError, match="'schema'"):
        ProcessorConfig.from_design(bad)
    bad = dict(DESIGN, design=dict(DESIGN["design"], num_pes=-3))
    p = tmp_path / "d.json"
    p.write_text(json.dumps(bad))
    with pytest.raises(FormatError, match=r"d.json: field 'design.num_pes'"):
        ProcessorConfig.from_design(p)
    with pytest.raises(HardwareError, match="rounding"):
        ProcessorConfig(rounding="stochastic")
    wide = dict(DESIGN, design=dict(DESIGN["design"], word_bytes=4))
    with pytest.raises(FormatError, match="'design.word_bytes' = 4 gives 32-bit words"):
        ProcessorConfig.from_design(wide)
    assert ProcessorConfig.from_design(wide, word_bits=16).weight.word_bytes == 2
