"""VTA's rules as code, and ``vta_config.json`` exports that VTA's ``pkg_config.py`` derives valid memories from.

``tests/data/vta/vta_config.json`` is VTA's default configuration (apache/tvm-vta ``config/vta_config.json``, Apache
2.0). The memory checks below are ``pkg_config.py``'s derivation of each memory's depth, written out here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from npu_dse.cost_models.errors import FormatError
from npu_dse.cost_models.generators import vta
from npu_dse.export import render

DEFAULT = json.loads((Path(__file__).parent / "data" / "vta" / "vta_config.json").read_text())


def _doc(**design):
    d = {"num_pes": 256, "l1_bytes": 64, "l2_bytes": 416 * 1024, "noc_bw": 16, "offchip_bw": 64, "simd_lanes": 1,
         "word_bytes": 1, "clock_mhz": 1000.0, "dataflow": "kcp_ws", "constants": {}}
    d.update(design)
    return {"schema": "npu-dse/design", "version": 1, "network": "resnet50", "platform": "edge", "mode": "LS",
            "design": d, "per_layer": [], "metrics": {}, "point": {}}


def _pkg_config_depths(cfg: dict) -> dict[str, float]:
    """``pkg_config.py``'s memory depths: size (bytes) x 8 / bus width (bits)."""
    log_out_width = cfg["LOG_INP_WIDTH"]
    log_out_buff = cfg["LOG_ACC_BUFF_SIZE"] + log_out_width - cfg["LOG_ACC_WIDTH"]
    inp = (1 << cfg["LOG_INP_BUFF_SIZE"]) * 8 / (1 << (cfg["LOG_INP_WIDTH"] + cfg["LOG_BATCH"] + cfg["LOG_BLOCK"]))
    wgt = (1 << cfg["LOG_WGT_BUFF_SIZE"]) * 8 / (1 << (cfg["LOG_WGT_WIDTH"] + 2 * cfg["LOG_BLOCK"]))
    out = (1 << log_out_buff) * 8 / (1 << (log_out_width + cfg["LOG_BATCH"] + cfg["LOG_BLOCK"]))
    return {"inp": inp, "wgt": wgt, "out": out}


def test_the_default_design_is_vtas_default_config():
    """256 int8 MACs (1 x 16 x 16), 416 KiB of input, weight and accumulator buffers: VTA's own config, key for key."""
    assert json.loads(render(_doc(), "vta")["main"]) == DEFAULT


@settings(max_examples=60, deadline=None)
@given(log_pes=st.integers(2, 14), word=st.sampled_from([1, 2]), log_unit=st.integers(8, 16))
def test_every_export_gives_memories_of_at_least_one_row(log_pes, word, log_unit):
    doc = _doc(num_pes=1 << log_pes, word_bytes=word, l2_bytes=13 << log_unit)
    try:
        cfg = json.loads(render(doc, "vta")["main"])
    except FormatError as exc:
        assert "below one row" in str(exc), exc
        return
    assert 1 << (cfg["LOG_BATCH"] + 2 * cfg["LOG_BLOCK"]) == 1 << log_pes and cfg["LOG_BLOCK"] >= 1
    assert cfg["LOG_INP_WIDTH"] == 3 + word - 1
    sizes = [1 << cfg[k] for k in ("LOG_INP_BUFF_SIZE", "LOG_WGT_BUFF_SIZE", "LOG_ACC_BUFF_SIZE")]
    assert sum(sizes) == 13 << log_unit
    assert all(d >= 1 and d == int(d) for d in _pkg_config_depths(cfg).values())


@pytest.mark.parametrize("design, message", [
    ({"num_pes": 100}, "100 PEs is no BATCH x BLOCK x BLOCK"),
    ({"num_pes": 2}, "2 PEs is no BATCH x BLOCK x BLOCK"),
    ({"l2_bytes": 256 * 1024}, "does not split into VTA's input : weight : accumulator"),
    ({"dataflow": "yxp_os"}, "dataflow 'yxp_os' is not VTA's GEMM core"),
    ({"word_bytes": 4}, "word_bytes 4"),
    ({"num_pes": 1 << 14, "l2_bytes": 13 << 8}, "below one row"),
])
def test_designs_vta_cannot_build_are_refused_naming_the_rule(design, message):
    with pytest.raises(FormatError, match=message):
        render(_doc(**design), "vta")


def test_rules_catch_hand_made_configs():
    assert vta.VtaConfig(dict(DEFAULT)).violations() == []
    assert "DotProduct" in vta.VtaConfig({**DEFAULT, "LOG_BLOCK": 0}).violations()[0]
    assert "LOG_BATCH is missing" in vta.VtaConfig({k: v for k, v in DEFAULT.items() if k != "LOG_BATCH"}).violations()
    assert any("weight memory" in b for b in vta.VtaConfig({**DEFAULT, "LOG_WGT_BUFF_SIZE": 4}).violations())
