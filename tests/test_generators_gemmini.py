"""Gemmini's configuration rules (``GemminiConfigs.scala``) as code: valid configurations pass, each invalid one is
refused naming the rule; every Gemmini export of a design passes them."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from npu_dse.cost_models.errors import FormatError, SpaceError
from npu_dse.cost_models.generators.gemmini import GemminiConfig, check, from_design
from npu_dse.export.gemmini import gemmini_config


def test_gemminis_default_and_shipped_configs_pass():
    assert GemminiConfig().violations() == []  # Configs.scala defaultConfig: 16 x 16, 256/64 KiB, int8/int32
    assert GemminiConfig(sp_capacity_kib=128, acc_capacity_kib=128).violations() == []  # dummyConfig's memories
    assert GemminiConfig(mesh_rows=4, mesh_columns=4, sp_capacity_kib=64, acc_capacity_kib=16).violations() == []


@pytest.mark.parametrize("cfg, rule", [
    (GemminiConfig(mesh_rows=8, mesh_columns=16), "BLOCK_ROWS != BLOCK_COLS!"),
    (GemminiConfig(mesh_rows=12, mesh_columns=16), "BLOCK_ROWS != BLOCK_COLS!"),
    (GemminiConfig(mesh_rows=1, mesh_columns=1), "the systolic array must have DIM of at least 2"),
    (GemminiConfig(mesh_rows=10, mesh_columns=10), "I_TILE_BYTE_WIDTH is not power of 2: 20"),
    (GemminiConfig(mesh_rows=12, mesh_columns=12), "powers of 2"),
    (GemminiConfig(sp_capacity_kib=100), "each SRAM bank must have a power-of-2 rows"),
    (GemminiConfig(sp_capacity_kib=16, acc_capacity_kib=64), "SP_TILES(62) + 2 < ACC_TILES(64)"),
    (GemminiConfig(acc_capacity_kib=65), "rows in an accumulator bank must be a multiple"),
    (GemminiConfig(input_bits=12), "inputType width 12"),
    (GemminiConfig(dataflow="RS"), "Gemmini's Dataflow is WS, OS or BOTH"),
])
def test_each_broken_rule_is_named(cfg, rule):
    assert any(rule in v for v in cfg.violations()), cfg.violations()


@pytest.mark.parametrize("design, message", [
    ({"num_pes": 128, "l2_bytes": 65536, "dataflow": "kcp_ws"}, "128 PEs are not a square array"),
    ({"num_pes": 100, "l2_bytes": 65536, "dataflow": "kcp_ws"}, "I_TILE_BYTE_WIDTH is not power of 2"),
    ({"num_pes": 64, "l2_bytes": 65536, "dataflow": "rs"}, "dataflow 'rs' has no Gemmini equivalent"),
    ({"num_pes": 64, "l2_bytes": 65000, "dataflow": "kcp_ws"}, "not whole KiB"),
])
def test_designs_gemmini_cannot_build_are_refused_not_rounded(design, message):
    with pytest.raises(SpaceError, match=re.escape(message)):
        check(design)
    doc = {"schema": "npu-dse/design", "version": 1, "network": "n", "platform": None, "mode": "LS",
           "design": design, "per_layer": None}
    with pytest.raises(FormatError, match=re.escape(message)):
        gemmini_config(doc)


@given(st.sampled_from([2, 4, 8, 16, 32, 64]), st.sampled_from([16, 32, 64, 128, 256, 512]),
       st.sampled_from(["kcp_ws", "yxp_os", "dla", "shi"]), st.sampled_from([1, 2]))
def test_every_export_that_succeeds_passes_every_rule(dim, sp_kib, dataflow, word):
    design = {"num_pes": dim * dim, "l2_bytes": sp_kib * 1024, "dataflow": dataflow, "word_bytes": word}
    doc = {"schema": "npu-dse/design", "version": 1, "network": "n", "platform": None, "mode": "LS",
           "design": design, "per_layer": None}
    try:
        text = gemmini_config(doc)
    except FormatError:
        assert from_design(design).violations()  # refused only for a broken rule
        return
    fields = dict(re.findall(r"^\s+(\w+) = (.+?),", text, re.M))
    cfg = GemminiConfig(mesh_rows=int(fields["meshRows"]), mesh_columns=int(fields["meshColumns"]),
                        sp_capacity_kib=int(re.findall(r"\d+", fields["sp_capacity"])[0]),
                        acc_capacity_kib=int(re.findall(r"\d+", fields["acc_capacity"])[0]),
                        input_bits=int(re.findall(r"\d+", fields["inputType"])[0]),
                        dataflow=fields["dataflow"].split(".")[1])
    assert cfg.violations() == [] and cfg.mesh_rows ** 2 == dim * dim
