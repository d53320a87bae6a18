"""Transformer workloads: BERT-base, ViT-B/16 and GPT-2 small as layers of MACs plus their non-MAC operations.

Each encoder/decoder block of hidden size ``H``, ``A`` heads of ``d = H / A``, feed-forward size ``F`` over a
sequence of ``S`` tokens is six GEMM layers (``Layer(op=GEMM, K=outputs, C=reduction, Y=rows, N=batch)``):

======================  ==========================================  =======================
layer                   GEMM                                        MACs
======================  ==========================================  =======================
``<b>_qkv``             ``S x H`` by ``H x 3H`` (Q, K and V fused)   ``3 S H²``
``<b>_qk``              per head ``S x d`` by ``d x S`` (N = A)      ``A S² d``
``<b>_av``              per head ``S x S`` by ``S x d`` (N = A)      ``A S² d``
``<b>_proj``            ``S x H`` by ``H x H``                       ``S H²``
``<b>_ffn1``            ``S x H`` by ``H x F``                       ``S H F``
``<b>_ffn2``            ``S x F`` by ``F x H``                       ``S F H``
======================  ==========================================  =======================

and the non-MAC operations between them (:class:`~npu_dse.cost_models.workload.NonMacOp`, element counts):
softmax over the ``A S²`` attention scores, two layer norms and two residual additions of ``S H``, and the
activation (GELU) of ``S F``. Biases are not MACs.

Shapes are the papers' and the reference implementations':

- ``bert_base``: Devlin et al., NAACL 2019 (BERT-base: 12 layers, H 768, 12 heads, F 3072) at sequence 128, the
  encoder only (no embeddings, no pooler): 11,173,625,856 MACs.
- ``vit_b16``: Dosovitskiy et al., ICLR 2021 (ViT-B/16 at 224 x 224: a 16 x 16 stride-16 patch embedding to 196
  patches plus the class token, 197 tokens; 12 layers as BERT-base; a 1,000-class head on the class token).
- ``gpt2_small``: Radford et al. 2019 (GPT-2 small: 12 layers, H 768, 12 heads, F 3072, vocabulary 50,257) on a
  full 1,024-token context, with the language-model head (tied to the embedding) on every token.
"""

from __future__ import annotations

from npu_dse.cost_models.workload import Layer, Network, NonMacOp, Op


def _block(prefix: str, seq: int, hidden: int, heads: int, ffn: int, activation: str
           ) -> tuple[list[Layer], list[NonMacOp], list[tuple[str, str]], str]:
    d = hidden // heads
    layers = [
        Layer(f"{prefix}_qkv", Op.GEMM, K=3 * hidden, C=hidden, Y=seq),
        Layer(f"{prefix}_qk", Op.GEMM, K=seq, C=d, Y=seq, N=heads),
        Layer(f"{prefix}_av", Op.GEMM, K=d, C=seq, Y=seq, N=heads),
        Layer(f"{prefix}_proj", Op.GEMM, K=hidden, C=hidden, Y=seq),
        Layer(f"{prefix}_ffn1", Op.GEMM, K=ffn, C=hidden, Y=seq),
        Layer(f"{prefix}_ffn2", Op.GEMM, K=hidden, C=ffn, Y=seq),
    ]
    ops = [
        NonMacOp(f"{prefix}_softmax", "softmax", heads * seq * seq),
        NonMacOp(f"{prefix}_add1", "add", seq * hidden),
        NonMacOp(f"{prefix}_norm1", "layernorm", seq * hidden),
        NonMacOp(f"{prefix}_{activation}", activation, seq * ffn),
        NonMacOp(f"{prefix}_add2", "add", seq * hidden),
        NonMacOp(f"{prefix}_norm2", "layernorm", seq * hidden),
    ]
    n = {k: f"{prefix}_{k}" for k in ("qkv", "qk", "av", "proj", "ffn1", "ffn2", "softmax", "add1", "norm1",
                                       "add2", "norm2")}
    act = f"{prefix}_{activation}"
    edges = [(n["qkv"], n["qk"]), (n["qk"], n["softmax"]), (n["softmax"], n["av"]), (n["qkv"], n["av"]),
             (n["av"], n["proj"]), (n["proj"], n["add1"]), (n["add1"], n["norm1"]), (n["norm1"], n["ffn1"]),
             (n["ffn1"], act), (act, n["ffn2"]), (n["ffn2"], n["add2"]), (n["norm1"], n["add2"]),
             (n["add2"], n["norm2"])]
    return layers, ops, edges, n["norm2"]


def _encoder(name: str, seq: int, blocks: int, hidden: int = 768, heads: int = 12, ffn: int = 3072,
             activation: str = "gelu", first: str = "input") -> tuple[list[Layer], list[NonMacOp], list, str]:
    layers: list[Layer] = []
    ops: list[NonMacOp] = []
    edges: list[tuple[str, str]] = []
    prev = first
    for b in range(blocks):
        ls, os_, es, out = _block(f"{name}{b}", seq, hidden, heads, ffn, activation)
        edges.append((prev, ls[0].name))
        edges.append((prev, f"{name}{b}_add1"))  # the residual around attention
        layers += ls
        ops += os_
        edges += es
        prev = out
    return layers, ops, edges, prev


def bert_base(seq: int = 128) -> Network:
    """BERT-base's 12 encoder layers at sequence ``seq`` (module docstring)."""
    layers, ops, edges, _ = _encoder("enc", seq, 12)
    return Network("bert_base", tuple(layers), tuple(edges), tuple(ops))


def vit_b16(image: int = 224, classes: int = 1000) -> Network:
    """ViT-B/16 at ``image`` x ``image`` (module docstring)."""
    patches = (image // 16) ** 2
    embed = Layer("patch_embed", Op.CONV, K=768, C=3, Y=image, X=image, R=16, S=16, stride=16)
    layers, ops, edges, last = _encoder("enc", patches + 1, 12, first="patch_embed")
    head = Layer("head", Op.GEMM, K=classes, C=768, Y=1)
    ops = [NonMacOp("add_class_token_and_position", "add", (patches + 1) * 768), *ops,
           NonMacOp("final_norm", "layernorm", (patches + 1) * 768)]
    edges = [*edges, (last, "final_norm"), ("final_norm", "head")]
    return Network("vit_b16", (embed, *layers, head), tuple(edges), tuple(ops))


def gpt2_small(seq: int = 1024, vocab: int = 50257) -> Network:
    """GPT-2 small on a ``seq``-token context with its language-model head (module docstring)."""
    layers, ops, edges, last = _encoder("dec", seq, 12)
    head = Layer("lm_head", Op.GEMM, K=vocab, C=768, Y=seq)
    ops = [NonMacOp("add_position", "add", seq * 768), *ops, NonMacOp("final_norm", "layernorm", seq * 768)]
    edges = [*edges, (last, "final_norm"), ("final_norm", "lm_head")]
    return Network("gpt2_small", (*layers, head), tuple(edges), tuple(ops))
