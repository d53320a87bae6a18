"""Built-in networks with real shapes: :func:`load` by name, :func:`names` lists them.

Networks (see each family's module for sources and conventions):

- ``lenet5``, ``alexnet``, ``vgg16`` (:mod:`.classic`), ``googlenet`` (:mod:`.googlenet`), ``resnet50``
  (:mod:`.resnet`), ``mobilenet_v2`` (:mod:`.mobilenet`), ``squeezenet1_0`` (:mod:`.squeezenet`);
- ``mnist_rnn``, ``mnist_gru``, ``mnist_lstm`` (:mod:`.recurrent`): 28 steps of 28 inputs, hidden 128, FC to 10;
- ``bert_base`` (sequence 128), ``vit_b16`` (224 x 224), ``gpt2_small`` (1,024 tokens) (:mod:`.transformer`):
  attention and feed-forward GEMMs, with softmax, layer norm, GELU and residual additions as non-MAC ops;
- ``confuciux/<model>``: ConfuciuX's own layer tables (stride-less, no FC) for ``alexnet``, ``googlenet``,
  ``mobilenet_v2``, ``resnet50``, ``squeezenet``, ``vgg16``, shipped in ``cost_models/data/confuciux``.

Branched networks (GoogLeNet, ResNet-50, MobileNetV2, SqueezeNet) carry graph edges through their concatenation,
addition and pooling nodes. MACs/weights (no bias) match Sze et al. 2017 Table I; kernel weights of ResNet-50,
MobileNetV2 and SqueezeNet 1.0 equal torchvision's (25,502,912 / 3,469,760 / 1,244,448).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from importlib import resources

from npu_dse.cost_models.errors import WorkloadError
from npu_dse.cost_models.workload import Network
from npu_dse.cost_models.zoo.classic import alexnet, lenet5, vgg16
from npu_dse.cost_models.zoo.googlenet import googlenet
from npu_dse.cost_models.zoo.mobilenet import mobilenet_v2
from npu_dse.cost_models.zoo.recurrent import mnist_recurrent
from npu_dse.cost_models.zoo.resnet import resnet50
from npu_dse.cost_models.zoo.squeezenet import squeezenet1_0
from npu_dse.cost_models.zoo.transformer import bert_base, gpt2_small, vit_b16

CONFUCIUX_PREFIX = "confuciux/"
_CONFUCIUX_MODELS = ("alexnet", "googlenet", "mobilenet_v2", "resnet50", "squeezenet", "vgg16")

_BUILDERS: dict[str, Callable[[], Network]] = {
    "lenet5": lenet5,
    "alexnet": alexnet,
    "vgg16": vgg16,
    "googlenet": googlenet,
    "resnet50": resnet50,
    "mobilenet_v2": mobilenet_v2,
    "squeezenet1_0": squeezenet1_0,
    "mnist_rnn": lambda: mnist_recurrent("RNN"),
    "mnist_gru": lambda: mnist_recurrent("GRU"),
    "mnist_lstm": lambda: mnist_recurrent("LSTM"),
    "bert_base": bert_base,
    "vit_b16": vit_b16,
    "gpt2_small": gpt2_small,
}


def names() -> list[str]:
    """Names accepted by :func:`load`: the built-in networks, then the ``confuciux/<model>`` tables."""
    return [*_BUILDERS, *(CONFUCIUX_PREFIX + m for m in _CONFUCIUX_MODELS)]


def _load_confuciux(model: str) -> Network:
    from npu_dse.cost_models.formats.confuciux_csv import read_csv

    with resources.as_file(resources.files("npu_dse.cost_models") / "data" / "confuciux" / f"{model}.csv") as path:
        return read_csv(path, name=CONFUCIUX_PREFIX + model)


@functools.lru_cache(maxsize=None)
def load(name: str) -> Network:
    """The built-in network called ``name`` (networks are immutable, so the same object is returned each time).

    Raises:
        WorkloadError: unknown name; the message lists the known names.
    """
    if name in _BUILDERS:
        return _BUILDERS[name]()
    if name.startswith(CONFUCIUX_PREFIX) and name[len(CONFUCIUX_PREFIX):] in _CONFUCIUX_MODELS:
        return _load_confuciux(name[len(CONFUCIUX_PREFIX):])
    raise WorkloadError(f"unknown network {name!r}; known: {', '.join(names())}")


__all__ = ["load", "names"]
