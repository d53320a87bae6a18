"""VTA export: a ``vta_config.json`` (apache/tvm-vta ``config/``) that VTA's ``pkg_config.py`` accepts.

The design maps by :func:`npu_dse.cost_models.generators.vta.from_design` (GEMM core ``BATCH x BLOCK x BLOCK``,
widths from the word width, the L2 as VTA's input/weight/accumulator buffers) and is refused, in one line naming the
rule, when VTA cannot build it or it is layer-pipelined; nothing is rounded.
"""

from __future__ import annotations

import json
from typing import Any, Mapping

from npu_dse.cost_models.errors import FormatError, NpuDseError


def vta_config(doc: Mapping[str, Any]) -> str:
    """Text of ``vta_config.json`` for a global or layer-sequential design.

    Raises:
        FormatError: a layer-pipelined design, or a design that breaks a VTA rule (named).
    """
    from npu_dse.cost_models.generators import vta as rules

    if doc.get("per_layer") and doc.get("mode") == "LP":
        raise FormatError(f"vta: a layer-pipelined design of {len(doc['per_layer'])} sub-accelerators is not one "
                          "VTA; export a layer-sequential or global design")
    try:
        cfg = rules.check(doc["design"])
    except NpuDseError as exc:
        raise FormatError(str(exc)) from None
    return json.dumps(dict(cfg.values), indent=2) + "\n"
