"""GoogLeNet (Inception v1), Szegedy et al. 2015, Table 1: 57 CONV + 1 FC, no auxiliary classifiers.

Each inception module has four parallel branches (1x1; 1x1 -> 3x3; 1x1 -> 5x5; 3x3 max-pool -> 1x1) joined by a
concatenation node, all kept in the network's edges.

Pooling: the paper's (Caffe's) max-pools round up (``ceil_mode``), giving 56/28/14/7 maps and about 1.58 GMACs.
Sze et al. 2017 list 1.43 GMACs, which reproduces only with floor-mode pooling (55/27/13/6 maps; seed_tables.md
note). :func:`googlenet` is the published network; ``googlenet(ceil_mode=False)`` is the variant behind Sze's number.
"""

from __future__ import annotations

from npu_dse.cost_models.workload import Network
from npu_dse.cost_models.zoo._builder import GraphBuilder

# (name, #1x1, #3x3 reduce, #3x3, #5x5 reduce, #5x5, pool proj), Szegedy et al. 2015, Table 1.
_INCEPTION = {
    "3a": (64, 96, 128, 16, 32, 32),
    "3b": (128, 128, 192, 32, 96, 64),
    "4a": (192, 96, 208, 16, 48, 64),
    "4b": (160, 112, 224, 24, 64, 64),
    "4c": (128, 128, 256, 24, 64, 64),
    "4d": (112, 144, 288, 32, 64, 64),
    "4e": (256, 160, 320, 32, 128, 128),
    "5a": (256, 160, 320, 32, 128, 128),
    "5b": (384, 192, 384, 48, 128, 128),
}


def _inception(g: GraphBuilder, name: str, src: str, widths: tuple[int, ...]) -> str:
    n1, r3, n3, r5, n5, pp = widths
    p = f"inception_{name}"
    b1 = g.conv(f"{p}_1x1", src, K=n1, R=1)
    b2 = g.conv(f"{p}_3x3_reduce", src, K=r3, R=1)
    b2 = g.conv(f"{p}_3x3", b2, K=n3, R=3, padding=1)
    b3 = g.conv(f"{p}_5x5_reduce", src, K=r5, R=1)
    b3 = g.conv(f"{p}_5x5", b3, K=n5, R=5, padding=2)
    b4 = g.pool(f"{p}_pool", src, 3, 1, padding=1)
    b4 = g.conv(f"{p}_pool_proj", b4, K=pp, R=1)
    return g.concat(f"{p}_output", [b1, b2, b3, b4])


def googlenet(ceil_mode: bool = True) -> Network:
    """GoogLeNet on a 3x224x224 input.

    Args:
        ceil_mode: round pooling output sizes up as published (True) or down (False, Sze et al.'s 1.43 GMACs).
    """
    g = GraphBuilder("googlenet" if ceil_mode else "googlenet_floorpool", 3, 224, 224)
    x = g.conv("conv1_7x7_s2", None, K=64, R=7, stride=2, padding=3)
    x = g.pool("pool1_3x3_s2", x, 3, 2, ceil_mode=ceil_mode)
    x = g.conv("conv2_3x3_reduce", x, K=64, R=1)
    x = g.conv("conv2_3x3", x, K=192, R=3, padding=1)
    x = g.pool("pool2_3x3_s2", x, 3, 2, ceil_mode=ceil_mode)
    for name, widths in _INCEPTION.items():
        x = _inception(g, name, x, widths)
        if name in ("3b", "4e"):
            x = g.pool(f"pool{name[0]}_3x3_s2", x, 3, 2, ceil_mode=ceil_mode)
    x = g.global_pool("pool5_avg", x)
    g.fc("loss3_classifier", x, 1000)
    return g.build()
