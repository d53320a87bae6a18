"""ResNet-50, He et al. 2016 (CVPR), Table 1: 53 CONV (incl. 4 projection shortcuts) + 1 FC.

Bottleneck blocks as in the paper and Sze et al. 2017: the stride-2 of a stage's first block sits on its first 1x1
convolution ("v1"; 3.86 GMACs CONV). torchvision's "v1.5" puts it on the 3x3 convolution (4.09 GMACs); the weights
are the same: 25,502,912 kernel weights (conv and FC kernels, no bias, no batch-norm), equal to torchvision's
``resnet50``. Each block's shortcut and its element-wise addition are kept in the edges.
"""

from __future__ import annotations

from npu_dse.cost_models.workload import Network
from npu_dse.cost_models.zoo._builder import GraphBuilder

_STAGES = [(64, 3, 1), (128, 4, 2), (256, 6, 2), (512, 3, 2)]  # (bottleneck width, blocks, first stride)
_EXPANSION = 4


def resnet50() -> Network:
    """ResNet-50 on a 3x224x224 input; layer names follow the Caffe model (``res2a_branch2a``, ...)."""
    g = GraphBuilder("resnet50", 3, 224, 224)
    x = g.conv("conv1", None, K=64, R=7, stride=2, padding=3)
    x = g.pool("pool1", x, 3, 2, padding=1)
    for stage, (width, blocks, first_stride) in enumerate(_STAGES, start=2):
        for b in range(blocks):
            p = f"res{stage}{chr(ord('a') + b)}"
            stride = first_stride if b == 0 else 1
            shortcut = x
            if b == 0:
                shortcut = g.conv(f"{p}_branch1", x, K=width * _EXPANSION, R=1, stride=stride)
            y = g.conv(f"{p}_branch2a", x, K=width, R=1, stride=stride)
            y = g.conv(f"{p}_branch2b", y, K=width, R=3, padding=1)
            y = g.conv(f"{p}_branch2c", y, K=width * _EXPANSION, R=1)
            x = g.add(p, [shortcut, y])
    x = g.global_pool("pool5", x)
    g.fc("fc1000", x, 1000)
    return g.build()
