"""NVDLA's rules (``spec/defs/projects.spec``) as code, and exports that NVDLA's own spec preprocessing accepts.

``tests/data/nvdla/`` holds ``projects.spec``, ``nv_small.spec`` and ``nv_large.spec`` from nvdla/hw (branch
``nv_small``, 771f20c) with NVDLA's licence. The exported ``.spec`` is run through the C preprocessor with
``projects.spec`` beside it, as NVDLA's build does: any group without an allowed value hits its ``#error``.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from npu_dse.cost_models.errors import FormatError, SpaceError
from npu_dse.cost_models.generators import nvdla
from npu_dse.export import render

NVDLA = Path(__file__).parent / "data" / "nvdla"
CPP = shutil.which("cpp")


def _defines(spec_text: str, tmp_path: Path) -> dict[str, str]:
    """NVDLA's parameters (``%define NAME VALUE``) from preprocessing a project spec with ``projects.spec``."""
    (tmp_path / "projects.spec").write_text((NVDLA / "projects.spec").read_text())
    (tmp_path / "p.spec").write_text(spec_text)
    out = subprocess.run([CPP, "-P", "-undef", str(tmp_path / "p.spec")], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    defs = {}
    for line in out.stdout.splitlines():
        parts = line.split(None, 2)
        if parts[:1] == ["%define"]:
            defs[parts[1]] = parts[2].strip() if len(parts) > 2 else ""
    return defs


def _doc(**design):
    d = {"num_pes": 64, "l1_bytes": 64, "l2_bytes": 32 * 512 * 8, "noc_bw": 8, "offchip_bw": 8, "simd_lanes": 1,
         "word_bytes": 1, "clock_mhz": 1000.0, "dataflow": "dla", "constants": {}}
    d.update(design)
    return {"schema": "npu-dse/design", "version": 1, "network": "resnet50", "platform": "edge", "mode": "LS",
            "design": d, "per_layer": [], "metrics": {}, "point": {}}


def test_allowed_values_are_those_of_projects_spec():
    text = (NVDLA / "projects.spec").read_text()
    for group, values in nvdla.ALLOWED.items():
        for v in values:
            assert f"defined({group}_{v})" in text, (group, v)


@pytest.mark.skipif(CPP is None, reason="no C preprocessor")
def test_nv_small_design_exports_exactly_nvidias_nv_small(tmp_path):
    """NVIDIA's own nv_small (8 x 8 MACs, 128 KiB CBUF of 32 x 512 x 8 B, 64-bit interface) round-trips."""
    ours = _defines(render(_doc(), "nvdla")["main"], tmp_path)
    theirs = _defines((NVDLA / "nv_small.spec").read_text(), tmp_path)
    assert ours == theirs
    assert ours["NVDLA_MAC_ATOMIC_C_SIZE"] == "8" and ours["NVDLA_CBUF_BANK_NUMBER"] == "32"


@pytest.mark.skipif(CPP is None, reason="no C preprocessor")
def test_nv_large_array_and_cbuf(tmp_path):
    """nv_large's convolution core (64 x 32, 512 KiB CBUF of 16 x 512 x 64 B, 512-bit interface)."""
    defs = _defines(render(_doc(num_pes=2048, l2_bytes=512 * 1024, offchip_bw=64), "nvdla")["main"], tmp_path)
    large = _defines((NVDLA / "nv_large.spec").read_text(), tmp_path)
    for key in ("NVDLA_MAC_ATOMIC_C_SIZE", "NVDLA_MAC_ATOMIC_K_SIZE", "NVDLA_CBUF_BANK_NUMBER", "NVDLA_CBUF_BANK_WIDTH",
                "NVDLA_CBUF_BANK_DEPTH", "NVDLA_PRIMARY_MEMIF_WIDTH", "NVDLA_BPE", "NVDLA_MEMORY_ATOMIC_SIZE"):
        assert defs[key] == large[key], key


_valid = st.builds(
    lambda ck, word, banks, depth, memif: dict(
        num_pes=ck[0] * ck[1], word_bytes=word, l2_bytes=banks * depth * ck[0] * 8 * word // 8,
        offchip_bw=memif // (8 * word)),
    st.sampled_from([(8, 8), (32, 8), (64, 8), (32, 32), (64, 32)]), st.sampled_from([1, 2]),
    st.sampled_from([16, 32]), st.sampled_from([128, 512]), st.sampled_from([64, 512]))


@pytest.mark.skipif(CPP is None, reason="no C preprocessor")
@settings(max_examples=25, deadline=None)
@given(design=_valid)
def test_every_export_nvdla_accepts_and_carries_the_design(design, tmp_path_factory):
    try:
        text = render(_doc(**design), "nvdla")["main"]
    except FormatError as exc:  # int16 needs a 64 B bank for C = 32 only: C = 8 / 64 have no legal bank width
        assert design["word_bytes"] == 2 and "CBUF" in str(exc) or "PE" in str(exc), exc
        return
    defs = _defines(text, tmp_path_factory.mktemp("nv"))
    c, k = int(defs["NVDLA_MAC_ATOMIC_C_SIZE"]), int(defs["NVDLA_MAC_ATOMIC_K_SIZE"])
    assert c * k == design["num_pes"]
    cbuf = int(defs["NVDLA_CBUF_BANK_NUMBER"]) * int(defs["NVDLA_CBUF_BANK_DEPTH"]) * int(defs["NVDLA_CBUF_BANK_WIDTH"])
    assert cbuf == design["l2_bytes"] and int(defs["NVDLA_BPE"]) == 8 * design["word_bytes"]


@pytest.mark.parametrize("design, message", [
    ({"num_pes": 100}, "100 PEs is no MAC_ATOMIC_C_SIZE x MAC_ATOMIC_K_SIZE array"),
    ({"num_pes": 128}, "allowed PE counts: 64, 256, 512, 1024, 2048"),
    ({"l2_bytes": 100_000}, "is no CBUF of 16/32 banks"),
    ({"dataflow": "rs"}, "dataflow 'rs' is not NVDLA's"),
    ({"word_bytes": 4}, r"INT8 \(1\) or INT16/FP16 \(2\)"),
    ({"offchip_bw": 128}, "1024 bits/cycle is more than NVDLA's widest"),
])
def test_designs_nvdla_cannot_build_are_refused_naming_the_rule(design, message):
    with pytest.raises(FormatError, match=message):
        render(_doc(**design), "nvdla")


def test_rules_catch_hand_made_configs():
    cfg = nvdla.from_design(_doc()["design"])
    assert cfg.violations() == []
    bad = nvdla.NvdlaConfig({**cfg.values, "MAC_ATOMIC_C_SIZE": "16", "CBUF_BANK_WIDTH": "32"})
    broken = bad.violations()
    assert any("NVDLA_MAC_ATOMIC_C_SIZE_{64,32,8}" in b for b in broken)
    assert any("NVDLA_CBUF_ENTRY_WIDTH" in b for b in nvdla.NvdlaConfig({**cfg.values, "CBUF_BANK_WIDTH": "32"})
               .violations())
    assert len(nvdla.NvdlaConfig({}).violations()) == len(nvdla.ALLOWED)  # every group must be set
    with pytest.raises(SpaceError, match="nvdla: dataflow 'yxp_os'"):
        nvdla.check({**_doc()["design"], "dataflow": "yxp_os"})


def test_the_memory_interface_carries_the_design_bandwidth():
    assert nvdla.from_design({**_doc()["design"], "offchip_bw": 16}).values["PRIMARY_MEMIF_WIDTH"] == "512"
    assert nvdla.from_design({**_doc()["design"], "offchip_bw": 8}).values["PRIMARY_MEMIF_WIDTH"] == "64"
    assert nvdla.from_design({**_doc()["design"], "offchip_bw": 4}).values["PRIMARY_MEMIF_WIDTH"] == "64"


def test_layer_pipelined_designs_are_refused():
    doc = {**_doc(), "mode": "LP", "per_layer": [{"layer": "a"}]}
    with pytest.raises(FormatError, match="layer-pipelined"):
        render(doc, "nvdla")
