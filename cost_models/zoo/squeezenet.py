"""SqueezeNet 1.0, Iandola et al. 2016, Table 1 (shapes as torchvision's ``squeezenet1_0``).

Fire module: a 1x1 squeeze convolution feeding two parallel expand convolutions (1x1 and 3x3, padding 1) joined by
a concatenation node; the two expand branches are what branch-parallel scheduling runs side by side (seed 001).
Max-pools round up (ceil mode): 109 -> 54 -> 27 -> 13. 1,244,448 kernel weights (no bias).
"""

from __future__ import annotations

from npu_dse.cost_models.workload import Network
from npu_dse.cost_models.zoo._builder import GraphBuilder

# fire index -> (squeeze, expand1x1, expand3x3)
_FIRES = {2: (16, 64, 64), 3: (16, 64, 64), 4: (32, 128, 128), 5: (32, 128, 128), 6: (48, 192, 192),
          7: (48, 192, 192), 8: (64, 256, 256), 9: (64, 256, 256)}


def _fire(g: GraphBuilder, idx: int, src: str) -> str:
    sq, e1, e3 = _FIRES[idx]
    p = f"fire{idx}"
    s = g.conv(f"{p}_squeeze1x1", src, K=sq, R=1)
    a = g.conv(f"{p}_expand1x1", s, K=e1, R=1)
    b = g.conv(f"{p}_expand3x3", s, K=e3, R=3, padding=1)
    return g.concat(f"{p}_concat", [a, b])


def squeezenet1_0() -> Network:
    """SqueezeNet 1.0 on a 3x224x224 input: conv1, fire2-9, conv10 (26 CONV layers, 8 fire modules)."""
    g = GraphBuilder("squeezenet1_0", 3, 224, 224)
    x = g.conv("conv1", None, K=96, R=7, stride=2)
    x = g.pool("maxpool1", x, 3, 2, ceil_mode=True)
    for idx in (2, 3, 4):
        x = _fire(g, idx, x)
    x = g.pool("maxpool4", x, 3, 2, ceil_mode=True)
    for idx in (5, 6, 7, 8):
        x = _fire(g, idx, x)
    x = g.pool("maxpool8", x, 3, 2, ceil_mode=True)
    x = _fire(g, 9, x)
    x = g.conv("conv10", x, K=1000, R=1)
    g.global_pool("avgpool10", x)
    return g.build()
