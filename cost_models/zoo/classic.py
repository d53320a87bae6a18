"""Chain CNNs: LeNet-5, AlexNet, VGG-16.

Sources: LeCun et al. 1998 (LeNet-5, C3 fully connected to S2 as in most re-implementations); Krizhevsky et al.
2012 (AlexNet with the published two-GPU grouped convolutions conv2/4/5, 227x227 input); Simonyan & Zisserman
2015 (VGG-16, configuration D). Totals (no bias) match Sze et al. 2017, Table I (Proc. IEEE 105(12)):
AlexNet 61M weights / 724M MACs, VGG-16 138M / 15.5G.
"""

from __future__ import annotations

from npu_dse.cost_models.workload import Network
from npu_dse.cost_models.zoo._builder import GraphBuilder


def lenet5() -> Network:
    """LeNet-5 on a 1x32x32 input: 3 CONV (C1, C3, C5) and 2 FC (F6, output); 61,470 weights."""
    g = GraphBuilder("lenet5", 1, 32, 32)
    x = g.conv("c1", None, K=6, R=5)
    x = g.pool("s2", x, 2, 2)
    x = g.conv("c3", x, K=16, R=5)
    x = g.pool("s4", x, 2, 2)
    x = g.conv("c5", x, K=120, R=5)
    x = g.fc("f6", x, 84)
    g.fc("output", x, 10)
    return g.build()


def alexnet() -> Network:
    """AlexNet on a 3x227x227 input, grouped conv2/conv4/conv5 (groups = 2) as published; 5 CONV + 3 FC."""
    g = GraphBuilder("alexnet", 3, 227, 227)
    x = g.conv("conv1", None, K=96, R=11, stride=4)
    x = g.pool("pool1", x, 3, 2)
    x = g.conv("conv2", x, K=256, R=5, padding=2, groups=2)
    x = g.pool("pool2", x, 3, 2)
    x = g.conv("conv3", x, K=384, R=3, padding=1)
    x = g.conv("conv4", x, K=384, R=3, padding=1, groups=2)
    x = g.conv("conv5", x, K=256, R=3, padding=1, groups=2)
    x = g.pool("pool5", x, 3, 2)
    x = g.fc("fc6", x, 4096)
    x = g.fc("fc7", x, 4096)
    g.fc("fc8", x, 1000)
    return g.build()


def vgg16() -> Network:
    """VGG-16 (configuration D) on a 3x224x224 input: 13 CONV 3x3 (padding 1) + 3 FC."""
    g = GraphBuilder("vgg16", 3, 224, 224)
    x = None
    for stage, (width, n) in enumerate([(64, 2), (128, 2), (256, 3), (512, 3), (512, 3)], start=1):
        for i in range(1, n + 1):
            x = g.conv(f"conv{stage}_{i}", x, K=width, R=3, padding=1)
        x = g.pool(f"pool{stage}", x, 2, 2)
    x = g.fc("fc6", x, 4096)
    x = g.fc("fc7", x, 4096)
    g.fc("fc8", x, 1000)
    return g.build()
