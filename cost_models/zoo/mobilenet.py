"""MobileNetV2, Sandler et al. 2018, Table 2 (width multiplier 1.0, 3x224x224 input).

Inverted residual blocks: 1x1 expansion (omitted when t = 1), 3x3 depthwise (DWCONV, stride s on the first block
of a group), 1x1 linear projection; a shortcut addition when stride is 1 and channels match. Layer shapes follow
torchvision's ``mobilenet_v2``: 3,469,760 kernel weights (conv and FC kernels, no bias, no batch-norm).
"""

from __future__ import annotations

from npu_dse.cost_models.workload import Network
from npu_dse.cost_models.zoo._builder import GraphBuilder

# (expansion t, output channels c, repeats n, first stride s), Sandler et al. 2018, Table 2.
_SETTINGS = [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2),
             (6, 320, 1, 1)]


def mobilenet_v2() -> Network:
    """MobileNetV2 (1.0, 224): 52 CONV/DWCONV + 1 FC; block ``i`` has layers ``block{i}_expand/_dw/_project``."""
    g = GraphBuilder("mobilenet_v2", 3, 224, 224)
    x = g.conv("conv1", None, K=32, R=3, stride=2, padding=1)
    block = 0
    for t, c, n, s in _SETTINGS:
        for i in range(n):
            block += 1
            p = f"block{block}"
            in_c = g.shape(x)[0]
            y = x
            if t != 1:
                y = g.conv(f"{p}_expand", y, K=in_c * t, R=1)
            hidden = g.shape(y)[0]
            y = g.conv(f"{p}_dw", y, K=hidden, R=3, stride=s if i == 0 else 1, padding=1, groups=hidden)
            y = g.conv(f"{p}_project", y, K=c, R=1)
            x = g.add(f"{p}_add", [x, y]) if (s if i == 0 else 1) == 1 and in_c == c else y
    x = g.conv("conv_last", x, K=1280, R=1)
    x = g.global_pool("pool", x)
    g.fc("classifier", x, 1000)
    return g.build()
