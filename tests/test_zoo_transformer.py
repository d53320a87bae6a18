"""Transformer workloads (issue 18): BERT-base, ViT-B/16, GPT-2 small in the zoo, and attention through ONNX."""

from __future__ import annotations

import numpy as np
import pytest
from typer.testing import CliRunner

from npu_dse.cli import app
from npu_dse.cost_models import zoo
from npu_dse.cost_models.hardware import Hardware
from npu_dse.cost_models.maestro import analyze_network
from npu_dse.cost_models.workload import Op
from npu_dse.cost_models.zoo.transformer import _block

runner = CliRunner()


def _block_macs(s: int, h: int, a: int, f: int) -> int:
    return 3 * s * h * h + 2 * a * s * s * (h // a) + s * h * h + 2 * s * h * f


def test_bert_base_is_11_17_gmacs_at_sequence_128():
    net = zoo.load("bert_base")
    assert net.macs == 12 * _block_macs(128, 768, 12, 3072) == 11_173_625_856
    assert len(net.layers) == 72 and all(layer.op is Op.GEMM for layer in net.layers)
    qk = net.layer("enc0_qk")
    assert (qk.N, qk.Y, qk.C, qk.K) == (12, 128, 64, 128)  # 12 heads of (128 x 64) x (64 x 128)


def test_vit_b16_has_its_patch_embedding_and_head():
    net = zoo.load("vit_b16")
    embed = net.layer("patch_embed")
    assert embed.output_size == (768, 14, 14) and embed.macs == 196 * 768 * 3 * 16 * 16
    assert net.macs == embed.macs + 12 * _block_macs(197, 768, 12, 3072) + 768 * 1000
    assert net.macs / 1e9 == pytest.approx(17.6, abs=0.05)


def test_gpt2_small_counts_its_language_model_head():
    net = zoo.load("gpt2_small")
    assert net.macs == 12 * _block_macs(1024, 768, 12, 3072) + 1024 * 768 * 50257


def test_non_mac_ops_are_listed_with_their_element_counts():
    net = zoo.load("bert_base")
    kinds = {op.kind for op in net.ops}
    assert kinds == {"softmax", "layernorm", "gelu", "add"}
    soft = [op for op in net.ops if op.kind == "softmax"]
    assert len(soft) == 12 and all(op.elements == 12 * 128 * 128 for op in soft)
    assert sum(op.elements for op in net.ops if op.kind == "gelu") == 12 * 128 * 3072
    res = runner.invoke(app, ["show", "bert_base"])
    assert res.exit_code == 0 and "softmax x12 (2,359,296 elements)" in res.output
    res = runner.invoke(app, ["models"])
    assert all(n in res.output for n in ("bert_base", "vit_b16", "gpt2_small"))


@pytest.mark.parametrize("name", ["bert_base", "vit_b16"])
def test_transformers_run_through_the_cost_model(name):
    net = zoo.load(name)
    f = analyze_network(net, "kcp_ws", Hardware(num_pes=256, l2_bytes=1 << 20), technology="28nm")
    assert (f.macs == [layer.macs for layer in net.layers]).all()
    assert (f.utilization <= 1).all() and (f.energy_pj > 0).all() and np.isfinite(f.energy_pj).all()


def test_onnx_attention_blocks_import_as_the_zoo_builds_them(tmp_path):
    """A two-block BERT-like model exported from torch gives the zoo's six GEMMs per block, layer by layer."""
    torch = pytest.importorskip("torch")
    from torch import nn

    from npu_dse.cost_models.formats.onnx_format import read_onnx

    class Block(nn.Module):
        def __init__(self, h: int = 32, a: int = 4, f: int = 64) -> None:
            super().__init__()
            self.a = a
            self.qkv, self.proj = nn.Linear(h, 3 * h), nn.Linear(h, h)
            self.f1, self.f2 = nn.Linear(h, f), nn.Linear(f, h)
            self.n1, self.n2 = nn.LayerNorm(h), nn.LayerNorm(h)

        def forward(self, x):
            b, t, h = x.shape
            d = h // self.a
            q, k, v = (z.view(b, t, self.a, d).transpose(1, 2) for z in self.qkv(x).split(h, dim=-1))
            att = torch.softmax(q @ k.transpose(-1, -2) / d ** 0.5, dim=-1)
            x = self.n1(x + self.proj((att @ v).transpose(1, 2).reshape(b, t, h)))
            return self.n2(x + self.f2(nn.functional.gelu(self.f1(x))))

    path = tmp_path / "tiny_bert.onnx"
    torch.onnx.export(nn.Sequential(Block(), Block()).eval(), (torch.randn(1, 8, 32),), str(path), dynamo=False)
    net = read_onnx(path)
    want = [layer for b in range(2) for layer in _block(f"b{b}", 8, 32, 4, 64, "gelu")[0]]
    assert [(la.N, la.K, la.C, la.Y) for la in net.layers] == [(w.N, w.K, w.C, w.Y) for w in want]
    assert net.macs == 2 * _block_macs(8, 32, 4, 64)
    softmax = [op for op in net.ops if op.kind == "Softmax"]
    assert len(softmax) == 2 and all(op.elements == 4 * 8 * 8 for op in softmax)
    assert sum(op.kind == "LayerNormalization" for op in net.ops) == 4
