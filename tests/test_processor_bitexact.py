"""The vectorised processor equals the independent scalar reference bit for bit; fixed-point primitives."""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from npu_dse.cost_models.errors import HardwareError
from npu_dse.processor import fixed_point as fx
from npu_dse.processor import reference as ref
from npu_dse.processor.activation import ActivationUnit, activation_error_bound, FUNCTIONS
from npu_dse.processor.compiler import GATES, CellParams, compile_recurrent
from npu_dse.processor.config import ProcessorConfig
from npu_dse.processor.fixed_point import FixedFormat, Overflow, Rounding
from npu_dse.processor.machine import Machine

ROUNDINGS = list(Rounding)
OVERFLOWS = list(Overflow)
ints = st.integers(min_value=-(2**40), max_value=2**40)


@given(x=ints, s=st.integers(-8, 20), rnd=st.sampled_from(ROUNDINGS))
def test_round_shift_matches_scalar_semantics(x, s, rnd):
    assert int(fx.round_shift(np.array([x]), s, rnd)[0]) == ref.round_shift(x, s, rnd.value)


@given(x=ints, bits=st.integers(2, 48), ovf=st.sampled_from(OVERFLOWS))
def test_fit_matches_scalar_semantics(x, bits, ovf):
    y = int(fx.fit(np.array([x]), bits, ovf)[0])
    assert y == ref.fit(x, bits, ovf.value)
    assert -(2 ** (bits - 1)) <= y < 2 ** (bits - 1)


def test_nearest_even_breaks_ties_to_even_and_truncate_floors():
    x = np.array([5, 7, -5, -7, 6, -6])  # /4: 1.25 1.75 -1.25 -1.75 1.5 -1.5
    assert fx.round_shift(x, 2, Rounding.NEAREST_EVEN).tolist() == [1, 2, -1, -2, 2, -2]
    assert fx.round_shift(np.array([2, 6, -2, -6]), 2, Rounding.NEAREST_EVEN).tolist() == [0, 2, 0, -2]
    assert fx.round_shift(x, 2, Rounding.TRUNCATE).tolist() == [1, 1, -2, -2, 1, -2]


def test_saturation_and_wrap_at_the_format_limits():
    fmt = FixedFormat(8, 4)  # codes -128..127, values -8..7.9375
    vals = np.array([7.9375, 8.0, 100.0, -8.0, -8.0625, -100.0])
    assert fx.quantize(vals, fmt, overflow=Overflow.SATURATE).tolist() == [127, 127, 127, -128, -128, -128]
    assert fx.quantize(vals, fmt, overflow=Overflow.WRAP).tolist() == [127, -128, 64, -128, 127, -64]
    a, b = np.array([127, -128, 100]), np.array([1, -1, 100])
    assert fx.add(a, 4, b, 4, fmt, Rounding.NEAREST_EVEN, Overflow.SATURATE).tolist() == [127, -128, 127]
    assert fx.add(a, 4, b, 4, fmt, Rounding.NEAREST_EVEN, Overflow.WRAP).tolist() == [-128, 127, -56]
    # product of the two extremes: -8 * -8 = 64 saturates to the largest code, wraps to 0
    assert fx.multiply(np.array([-128]), 4, np.array([-128]), 4, fmt, "nearest_even", "saturate").tolist() == [127]
    assert fx.multiply(np.array([-128]), 4, np.array([-128]), 4, fmt, "nearest_even", "wrap").tolist() == [0]


@given(a=st.integers(-(2**15), 2**15 - 1), b=st.integers(-(2**15), 2**15 - 1), fa=st.integers(0, 15),
       fb=st.integers(0, 15), rnd=st.sampled_from(ROUNDINGS), ovf=st.sampled_from(OVERFLOWS))
def test_add_and_multiply_match_scalar_semantics(a, b, fa, fb, rnd, ovf):
    out = FixedFormat(12, 7)
    f = max(fa, fb)
    exp_add = ref.requant(a * 2 ** (f - fa) + b * 2 ** (f - fb), f, (12, 7), rnd.value, ovf.value)
    assert int(fx.add(np.array([a]), fa, np.array([b]), fb, out, rnd, ovf)[0]) == exp_add
    exp_mul = ref.requant(a * b, fa + fb, (12, 7), rnd.value, ovf.value)
    assert int(fx.multiply(np.array([a]), fa, np.array([b]), fb, out, rnd, ovf)[0]) == exp_mul


@given(vals=st.lists(st.floats(-10, 10, allow_nan=False), min_size=1, max_size=20))
def test_quantize_dequantize_error_is_half_an_lsb_in_range(vals):
    fmt = FixedFormat(16, 11)
    q = fx.quantize(np.array(vals), fmt)
    err = np.abs(fx.dequantize(q, fmt) - np.array(vals))
    assert (err <= fmt.lsb / 2).all()
    qt = fx.quantize(np.array(vals), fmt, rounding=Rounding.TRUNCATE)
    d = np.array(vals) - fx.dequantize(qt, fmt)
    assert ((d >= 0) & (d <= fmt.lsb)).all()


def test_quantize_rejects_nan():
    with pytest.raises(HardwareError, match="NaN"):
        fx.quantize(np.array([0.0, np.nan]), FixedFormat(8, 4))


def test_matvec_is_exact_on_the_float_and_integer_paths():
    rng = np.random.default_rng(1)
    w = rng.integers(-(2**15), 2**15, size=(5, 300))
    v = rng.integers(-(2**15), 2**15, size=(4, 300))
    exact = np.array([[sum(int(a) * int(b) for a, b in zip(vv, ww)) for ww in w] for vv in v])
    assert (fx.matvec(w, v, 16, 16) == exact).all()  # float64 BLAS path
    w2 = rng.integers(-(2**23), 2**23, size=(3, 200))
    v2 = rng.integers(-(2**23), 2**23, size=(2, 200))
    exact2 = np.array([[sum(int(a) * int(b) for a, b in zip(vv, ww)) for ww in w2] for vv in v2])
    assert (fx.matvec(w2, v2, 24, 24) == exact2).all()  # int64 path


@pytest.mark.parametrize("func", list(FUNCTIONS))
@pytest.mark.parametrize("method,entries", [("lut", 64), ("lut", 1024), ("pwl", 16), ("pwl", 512)])
@pytest.mark.parametrize("rnd", ROUNDINGS)
def test_activation_table_error_is_within_documented_bound(func, method, entries, rnd):
    fin, fout = FixedFormat(16, 11), FixedFormat(16, 14)
    unit = ActivationUnit(func, method, entries, 8.0, fin, fout, rnd, Overflow.SATURATE)
    q = np.arange(fin.min_int, fin.max_int + 1)
    err = np.abs(fx.dequantize(unit(q), fout) - FUNCTIONS[func](fx.dequantize(q, fin)))
    bound = activation_error_bound(unit)
    assert err.max() <= bound
    assert err.max() > bound / 8  # the bound is not vacuous
    # more entries, smaller error
    finer = ActivationUnit(func, method, entries * 4, 8.0, fin, fout, rnd, Overflow.SATURATE)
    assert activation_error_bound(finer) < bound


def test_activation_rejects_non_power_of_two_entries():
    with pytest.raises(HardwareError, match="entries"):
        ActivationUnit("tanh", "pwl", 100, 8.0, FixedFormat(16, 11), FixedFormat(16, 14))
    with pytest.raises(HardwareError, match="func"):
        ActivationUnit("gelu", "pwl", 64, 8.0, FixedFormat(16, 11), FixedFormat(16, 14))


# --------------------------------------------------------------------------- whole cells vs the scalar reference
def _random_params(rng, mode, input_size, hidden, layers, fmt, bias):
    g = GATES[mode]
    out = []
    for k in range(layers):
        cols = (input_size if k == 0 else hidden) + hidden
        w = rng.integers(fmt.min_int, fmt.max_int + 1, size=(g * hidden, cols))
        b = rng.integers(fmt.min_int, fmt.max_int + 1, size=(g * hidden,)) if bias else None
        b_hn = rng.integers(fmt.min_int, fmt.max_int + 1, size=(hidden,)) if bias and mode == "GRU" else None
        out.append(CellParams(w, b, b_hn))
    return out


def _ref_cfg(cfg: ProcessorConfig) -> dict:
    return dict(weight=(cfg.weight.word_bits, cfg.weight.frac_bits),
                activation=(cfg.activation.word_bits, cfg.activation.frac_bits),
                state=(cfg.state.word_bits, cfg.state.frac_bits), acc_bits=cfg.acc_bits,
                rounding=cfg.rounding.value, overflow=cfg.overflow.value, method=cfg.activation_method,
                entries=cfg.activation_entries, sigmoid_range=cfg.sigmoid_range, tanh_range=cfg.tanh_range)


def _run_both(mode, cfg, seed, layers=2, bias=True, batch=3, steps=3, input_size=3, hidden=4):
    rng = np.random.default_rng(seed)
    params = _random_params(rng, mode, input_size, hidden, layers, cfg.weight, bias)
    a, s = cfg.activation, cfg.state
    x = rng.integers(a.min_int, a.max_int + 1, size=(steps, batch, input_size))
    h0 = rng.integers(a.min_int, a.max_int + 1, size=(layers, batch, hidden))
    c0 = rng.integers(s.min_int, s.max_int + 1, size=(layers, batch, hidden))
    offchip = {"x": x, "h0": h0, "c0": c0}
    for k, p in enumerate(params):
        offchip[f"W{k}"] = p.w
        if p.b is not None:
            offchip[f"b{k}"] = p.b
        if p.b_hn is not None:
            offchip[f"bhn{k}"] = p.b_hn
    prog = compile_recurrent(mode, input_size, hidden, layers, steps, cfg, bias)
    res = Machine(cfg).run(prog, offchip, batch)
    rc = _ref_cfg(cfg)
    for bi in range(batch):
        lay = [dict(w=p.w.tolist(), b=None if p.b is None else p.b.tolist(),
                    b_hn=None if p.b_hn is None else p.b_hn.tolist()) for p in params]
        ys, hn, cn = ref.run_sequence(mode, lay, x[:, bi].tolist(), h0[:, bi].tolist(),
                                      c0[:, bi].tolist() if mode == "LSTM" else None, rc)
        assert res.outputs["y"][:, bi].tolist() == ys
        assert res.outputs["hn"][:, bi].tolist() == hn
        if mode == "LSTM":
            assert res.outputs["cn"][:, bi].tolist() == cn
    return res


@pytest.mark.parametrize("mode", list(GATES))
@pytest.mark.parametrize("rnd,ovf", list(itertools.product(ROUNDINGS, OVERFLOWS)))
@pytest.mark.parametrize("method", ["pwl", "lut"])
def test_cell_steps_equal_scalar_reference_bit_for_bit(mode, rnd, ovf, method):
    # narrow words and a narrow accumulator so that rounding, saturation and wrap-around all occur
    cfg = ProcessorConfig.for_word_bits(8, acc_bits=16, rounding=rnd, overflow=ovf, activation_method=method,
                                        activation_entries=16, sigmoid_range=8.0, tanh_range=4.0, lanes=3)
    _run_both(mode, cfg, seed=hash((mode, rnd, ovf, method)) % 2**32)


@pytest.mark.parametrize("mode", ["LSTM", "GRU"])
def test_streamed_weights_and_wide_words_also_bit_exact(mode):
    cfg = ProcessorConfig.for_word_bits(16, weight_mem_bytes=512, lanes=2, rounding="truncate")
    res = _run_both(mode, cfg, seed=7, layers=2, bias=True, hidden=5)
    assert any(e.instruction.opcode.value == "DMA_IN" and e.instruction.dst.buffer.startswith("wtile")
               for e in res.trace)


def test_no_bias_cells_bit_exact():
    cfg = ProcessorConfig.for_word_bits(10, lanes=4)
    for mode in GATES:
        _run_both(mode, cfg, seed=3, layers=1, bias=False)


@settings(max_examples=25)
@given(mode=st.sampled_from(list(GATES)), bits=st.integers(6, 16), lanes=st.integers(1, 9),
       input_size=st.integers(1, 5), hidden=st.integers(1, 6), layers=st.integers(1, 2),
       rnd=st.sampled_from(ROUNDINGS), ovf=st.sampled_from(OVERFLOWS), method=st.sampled_from(["pwl", "lut"]),
       stream=st.booleans(), seed=st.integers(0, 2**31))
def test_random_cells_and_configs_equal_scalar_reference(mode, bits, lanes, input_size, hidden, layers, rnd, ovf,
                                                         method, stream, seed):
    cfg = ProcessorConfig.for_word_bits(bits, lanes=lanes, rounding=rnd, overflow=ovf, activation_method=method,
                                        activation_entries=32, weight_residency="stream" if stream else "resident")
    _run_both(mode, cfg, seed, layers=layers, batch=2, steps=2, input_size=input_size, hidden=hidden)
