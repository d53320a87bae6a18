"""Layer and Network: derived sizes, MACs/weights, validation errors."""

import pytest
from hypothesis import given, strategies as st

from npu_dse.cost_models.errors import WorkloadError
from npu_dse.cost_models.workload import Layer, Network, Op, recurrent_layers


def test_conv_output_size_macs_and_weights_of_resnet50_conv1():
    conv1 = Layer("conv1", Op.CONV, K=64, C=3, Y=224, X=224, R=7, S=7, stride=2, padding=3)
    assert conv1.output_size == (64, 112, 112)
    assert conv1.weights == 9408
    assert conv1.macs == 118_013_952  # = macs_expected of MAESTRO's calibration row conv1_7x7_s2


def test_grouped_and_depthwise_conv_divide_channels():
    alexnet_conv2 = Layer("conv2", Op.CONV, K=256, C=96, Y=27, X=27, R=5, S=5, padding=2, groups=2)
    assert alexnet_conv2.weights == 256 * 48 * 25
    dw = Layer("dw", Op.DWCONV, K=32, C=32, Y=112, X=112, R=3, S=3, padding=1, groups=32)
    assert dw.weights == 288
    assert dw.macs == 288 * 112 * 112


def test_gemm_and_repeat():
    fc = Layer("fc", Op.GEMM, K=1000, C=2048)
    assert fc.macs == fc.weights == 2_048_000
    lstm = recurrent_layers("lstm", "LSTM", input_size=28, hidden_size=128, seq_len=28)
    assert len(lstm) == 1 and lstm[0].weights == 4 * 128 * (28 + 128)
    assert lstm[0].macs == 28 * 4 * 128 * (28 + 128)


@pytest.mark.parametrize(
    "fields, named",
    [
        (dict(K=0), "'K'"),
        (dict(R=9, Y=7), "'R'"),
        (dict(S=9, X=7), "'S'"),
        (dict(groups=3), "'groups'"),
        (dict(padding=-1), "'padding'"),
        (dict(op="POOL"), "'op'"),
    ],
)
def test_invalid_layer_names_layer_and_field(fields, named):
    base = dict(name="bad", op=Op.CONV, K=8, C=8, Y=7, X=7, R=3, S=3)
    base.update(fields)
    with pytest.raises(WorkloadError) as err:
        Layer(**base)
    assert "'bad'" in str(err.value) and named in str(err.value)


def test_network_totals_and_duplicate_names():
    a = Layer("a", Op.CONV, K=8, C=3, Y=8, X=8, R=3, S=3, padding=1)
    b = Layer("b", Op.GEMM, K=10, C=512)
    net = Network("tiny", (a, b), edges=(("a", "b"),))
    assert net.macs == a.macs + b.macs == 8 * 27 * 64 + 5120
    assert net.weights == 216 + 5120
    with pytest.raises(WorkloadError, match="appears twice"):
        Network("dup", (a, a))


@given(
    k=st.integers(1, 64), c=st.integers(1, 64), y=st.integers(1, 40), r=st.integers(1, 7),
    stride=st.integers(1, 3), pad=st.integers(0, 3),
)
def test_macs_equal_weights_times_output_positions(k, c, y, r, stride, pad):
    if r > y + 2 * pad:
        with pytest.raises(WorkloadError):
            Layer("l", Op.CONV, K=k, C=c, Y=y, X=y, R=r, S=r, stride=stride, padding=pad)
        return
    layer = Layer("l", Op.CONV, K=k, C=c, Y=y, X=y, R=r, S=r, stride=stride, padding=pad)
    assert layer.Y_out >= 1
    assert (layer.Y_out - 1) * stride + r <= y + 2 * pad
    assert layer.macs == k * c * r * r * layer.Y_out * layer.X_out
