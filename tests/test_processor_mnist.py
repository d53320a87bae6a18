"""MNIST idx reader and float/processor agreement of trained models on a 200-image slice (tests/data)."""

import gzip
import shutil
from pathlib import Path

import numpy as np
import pytest
import torch

from npu_dse.cost_models.errors import FormatError, WorkloadError
from npu_dse.processor.config import ProcessorConfig
from npu_dse.processor.data import load_mnist, write_idx
from npu_dse.processor.mnist import MODELS, evaluate, load_weights

torch.set_num_threads(1)
DATA = Path(__file__).parent / "data"
SLICE = DATA / "mnist_slice"


def test_slice_reads_with_data_dir_and_env_var(monkeypatch):
    images, labels = load_mnist(SLICE, "test")
    assert images.shape == (200, 28, 28) and images.dtype == np.uint8 and labels.shape == (200,)
    assert labels[:10].tolist() == [7, 2, 1, 0, 4, 1, 4, 9, 5, 9]  # the first MNIST test labels
    assert images.max() == 255 and images.min() == 0
    monkeypatch.setenv("NPU_DSE_DATA", str(SLICE))
    im2, lab2 = load_mnist(split="test", limit=20)
    assert np.array_equal(im2, images[:20]) and np.array_equal(lab2, labels[:20])


def test_missing_file_names_it_and_the_layout(tmp_path, monkeypatch):
    with pytest.raises(FormatError, match=r"t10k-images-idx3-ubyte\[\.gz\] not found.*expected layout"):
        load_mnist(tmp_path, "test")
    with pytest.raises(FormatError, match="train-images-idx3-ubyte"):
        shutil.copy(SLICE / "t10k-images-idx3-ubyte.gz", tmp_path)
        load_mnist(tmp_path, "train")
    monkeypatch.delenv("NPU_DSE_DATA", raising=False)
    with pytest.raises(FormatError, match="NPU_DSE_DATA"):
        load_mnist(None)
    with pytest.raises(FormatError, match="split"):
        load_mnist(SLICE, "validation")


def test_corrupt_files_are_reported(tmp_path):
    shutil.copy(SLICE / "t10k-labels-idx1-ubyte.gz", tmp_path)
    raw = gzip.decompress((SLICE / "t10k-images-idx3-ubyte.gz").read_bytes())
    (tmp_path / "t10k-images-idx3-ubyte").write_bytes(raw[:-5])  # truncated, uncompressed
    with pytest.raises(FormatError, match="t10k-images-idx3-ubyte: .*corrupt"):
        load_mnist(tmp_path, "test")
    (tmp_path / "t10k-images-idx3-ubyte").write_bytes(b"\x00\x00\x08\x01" + raw[4:])  # label magic
    with pytest.raises(FormatError, match="magic number 2049, expected 2051"):
        load_mnist(tmp_path, "test")
    (tmp_path / "t10k-images-idx3-ubyte").unlink()
    (tmp_path / "t10k-images-idx3-ubyte.gz").write_bytes(b"not gzip")
    with pytest.raises(FormatError, match="cannot read"):
        load_mnist(tmp_path, "test")
    write_idx(tmp_path / "t10k-images-idx3-ubyte.gz", np.zeros((3, 28, 28), np.uint8))
    with pytest.raises(FormatError, match="3 images but .* 200 labels"):
        load_mnist(tmp_path, "test")


@pytest.mark.parametrize("name", list(MODELS))
def test_processor_predictions_match_float_on_99_percent_of_slice(name):
    images, labels = load_mnist(SLICE, "test")
    weights = DATA / "mnist_models" / f"{name}_h32.pt"
    flt = evaluate(load_weights(weights, name, "float"), images, labels)
    sim = evaluate(load_weights(weights, name, "sim", ProcessorConfig.for_word_bits(16)), images, labels)
    assert flt.accuracy > 0.85  # the shipped weights are trained
    assert (sim.predictions == flt.predictions).mean() >= 0.99
    assert sim.cycles > 200 * 28 * ProcessorConfig().costs.step_overhead_cycles
    assert sim.sim_time_s == pytest.approx(sim.cycles / 100e6)


def test_eight_bit_words_lose_accuracy_against_sixteen():
    images, labels = load_mnist(SLICE, "test")
    w = DATA / "mnist_models" / "mnist_lstm_h32.pt"
    flt = evaluate(load_weights(w, "mnist_lstm", "float"), images, labels)
    agree = {}
    for bits in (6, 16):
        sim = evaluate(load_weights(w, "mnist_lstm", "sim", ProcessorConfig.for_word_bits(bits)), images, labels)
        agree[bits] = (sim.predictions == flt.predictions).mean()
    assert agree[6] < agree[16]


def test_load_weights_errors(tmp_path):
    with pytest.raises(WorkloadError, match="cannot read"):
        load_weights(tmp_path / "none.pt", "mnist_lstm")
    with pytest.raises(WorkloadError, match="do not match"):
        load_weights(DATA / "mnist_models" / "mnist_gru_h32.pt", "mnist_lstm")
    with pytest.raises(WorkloadError, match="allowed: mnist_rnn"):
        load_weights(DATA / "mnist_models" / "mnist_gru_h32.pt", "mnist_cnn")
    garbage = tmp_path / "garbage.pt"  # not a torch file: the unpickler raised IndexError through the CLI
    garbage.write_text("root:x:0:0:root:/root:/bin/bash\nbin:x:1:1::/:/sbin/nologin\n")
    with pytest.raises(WorkloadError, match=r"garbage\.pt: cannot read model weights \("):
        load_weights(garbage, "mnist_lstm")
    tensor = tmp_path / "tensor.pt"  # a torch file, but a tensor, not a state_dict
    torch.save(torch.zeros(3), tensor)
    with pytest.raises(WorkloadError, match="not a mnist_lstm state_dict"):
        load_weights(tensor, "mnist_lstm")
