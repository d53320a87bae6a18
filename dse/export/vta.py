"""VTA export: a ``vta_config.json`` (apache/tvm-vta ``config/``) that VTA's ``pkg_config.py`` accepts.

The design maps by :func:`npu_dse.cost_models.generators.vta.from_design` (GEMM core ``BATCH x BLOCK x BLOCK``,
widths from the word width, the L2 as VTA's input/weight/accumulator buffers) and is refused, in one line naming the
rule, when VTA cannot build it or it is layer-pipelined; nothing is rounded.
"""

from __future__ import annotations

import json
from typing import Any, Mapping



def vta_config(doc: Mapping[str, Any]) -> str:
    """Text of ``vta_config.json`` for a global or layer-sequential design.

    Raises:
        FormatError: a layer-pipelined design, or a design that breaks a VTA rule (named).
    """
    from npu_dse.export import generator_config

    cfg = generator_config(doc, "vta", "one VTA")
    return json.dumps(dict(cfg.values), indent=2) + "\n"
