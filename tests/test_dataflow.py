"""Dataflow directives, the MAESTRO dataflow-text parser, built-ins and the documented errors."""

from __future__ import annotations

import pytest

from npu_dse.cost_models import dataflow as dfm
from npu_dse.cost_models.dataflow import Cluster, SpatialMap, Sz, TemporalMap
from npu_dse.cost_models.errors import DataflowError
from npu_dse.cost_models.hardware import Hardware
from npu_dse.cost_models.maestro import analyze_layer
from npu_dse.cost_models.workload import Layer, Op

RES2A = {"K": 64, "C": 64, "R": 3, "S": 3, "Y": 58, "X": 58}
CONFX_DLA = """Dataflow {
            SpatialMap(KTileSz,KTileSz) K;
            TemporalMap(ClusterSz,ClusterSz) C;
            TemporalMap(Sz(R),Sz(R)) R;
            TemporalMap(Sz(S),Sz(S)) S;
            TemporalMap(Sz(R),1) Y;
            TemporalMap(Sz(S),1) X;
            Cluster(ClusterSz, P);   // comment
            SpatialMap(1,1) C;
            TemporalMap(Sz(R),1) Y;
            TemporalMap(Sz(S),1) X;
            TemporalMap(Sz(R),Sz(R)) R;
            TemporalMap(Sz(S),Sz(S)) S;
}"""


def test_builtin_names_and_depthwise_variants():
    assert dfm.names() == ["kcp_ws", "rs", "xp_ws", "dpt", "yxp_os", "dla", "shi", "eye", "eye_k", "shi_k",
                           "systolic_ws", "systolic_os", "systolic_is", "systolic_both"]
    assert dfm.VARIANTS == {"eye": ("eye_k",), "shi": ("shi_k",)}
    assert [str(d) for d in dfm.get("eye_k").directives][:1] == ["SpatialMap(KTileSz,KTileSz) K"]
    assert dfm.get("shi_k").for_depthwise().name == "confx_dpt"
    assert dfm.get("kcp_ws").for_depthwise().name == "dpt"
    assert dfm.get("yxp_os").for_depthwise().name == "yxp_os_dw"
    assert dfm.get("dla").for_depthwise().name == "confx_dpt"
    assert str(dfm.get("dla").for_depthwise().directives[0]) == "SpatialMap(KTileSz,KTileSz) C"
    assert dfm.get("confx_eye") is dfm.get("eye")


def test_template_constants_and_confuciux_defaults():
    assert dfm.get("dla").constants == {"KTileSz", "ClusterSz"}
    assert dfm.get("shi").constants == {"KTileSz", "CTileSz", "ClusterSz"}
    assert dfm.get("kcp_ws").constants == set()
    assert dfm.get("eye").constant_defaults(77) == {"ClusterSz": 77, "CTileSz": 1, "KTileSz": 1}


def test_parse_confuciux_dla_text_equals_builtin():
    parsed = dfm.parse(CONFX_DLA, name="dla")
    assert parsed.directives == dfm.get("dla").directives
    resolved = parsed.resolve(RES2A, {"KTileSz": 4}, 64)
    assert resolved[0] == dfm.ResolvedMap(True, 4, 4, "K", "SpatialMap(KTileSz,KTileSz) K")
    assert resolved[6] == 64  # Cluster(ClusterSz) with ClusterSz = num_pes
    assert [r.size for r in resolved if not isinstance(r, int)][-4:] == [3, 3, 3, 3]


def test_parse_constants_primes_and_unicode_prime():
    df = dfm.parse("Constant T 16; SpatialMap(1,1) Y\u2019; TemporalMap(T,T) K; TemporalMap(Sz(R),Sz(R)) R;")
    assert df.defaults == {"T": 16}
    assert [str(d) for d in df.directives] == ["SpatialMap(1,1) Y'", "TemporalMap(T,T) K",
                                                "TemporalMap(Sz(R),Sz(R)) R"]


def test_python_constructors_and_sum_expression():
    df = dfm.Dataflow("mine", (TemporalMap(1, 1, "K"), SpatialMap(Sz("R"), 1, "Y"),
                               TemporalMap(Sz("S").__class__.of("Sz(S)+7"), 8, "X"), Cluster(8),
                               SpatialMap(Sz("S"), 1, "X")))
    res = df.resolve(RES2A, None, 64)
    assert res[2].size == 10 and res[2].offset == 8 and res[3] == 8


@pytest.mark.parametrize("text, match", [
    ("TemporalMap(1,1) K; TemporalMap(1,1) C;", "needs one SpatialMap"),
    ("SpatialMap(1,1) K; SpatialMap(1,1) C; SpatialMap(1,1) Y;", "at most two SpatialMaps"),
    ("SpatialMap(1,1) K; TemporalMap(4,4) K;", "two directives on K"),
    ("SpatialMap(1,1) K; Cluster(8); TemporalMap(1,1) C;", "cluster level 1: needs one SpatialMap"),
    ("SpatialMap(1,1) Q;", "unknown dimension 'Q'"),
    ("SpatialMap(1,1) K; Banana(3) C;", "unknown keyword 'Banana'"),
])
def test_illegal_dataflow_text_raises_naming_the_problem(text, match):
    with pytest.raises(DataflowError, match=match):
        dfm.parse(text)


def test_resolve_errors_name_the_directive():
    df = dfm.parse("SpatialMap(1,1) K; TemporalMap(2,2) R; TemporalMap(T,T) C;", name="bad")
    with pytest.raises(DataflowError, match=r"TemporalMap\(2,2\) R.*size = offset = Sz\(R\) = 3"):
        df.resolve(RES2A, {"T": 4}, 16)
    with pytest.raises(DataflowError, match="unknown constant 'T'"):
        dfm.parse("SpatialMap(1,1) K; TemporalMap(T,T) C;").resolve(RES2A, None, 16)
    with pytest.raises(DataflowError, match="size and offset must be > 0"):
        dfm.parse("SpatialMap(K0,1) K;").resolve(RES2A, {"K0": 0}, 16)
    with pytest.raises(DataflowError, match="unknown dataflow 'nope'; allowed: kcp_ws"):
        dfm.get("nope")


def test_impossible_mappings_raise_in_the_engine():
    layer = Layer("l", Op.CONV, K=64, C=64, Y=56, X=56, R=3, S=3, padding=1)
    with pytest.raises(DataflowError, match=r"cluster sizes \[64\] need 64 PEs.*32 PEs"):
        analyze_layer(layer, "kcp_ws", Hardware(num_pes=32))
    dw = Layer("dw", Op.DWCONV, K=32, C=32, Y=16, X=16, R=3, S=3, groups=32)
    with pytest.raises(DataflowError, match="no tensor of a DSCONV layer has K, and MAESTRO exits on a directive on "
                                            "it in a dataflow with Cluster levels"):
        analyze_layer(dw, dfm.parse("SpatialMap(1,1) K; TemporalMap(1,1) C; Cluster(4); SpatialMap(1,1) C;"),
                      Hardware(num_pes=16))
    with pytest.raises(DataflowError, match="needs a R directive"):
        analyze_layer(layer, dfm.parse("SpatialMap(1,1) Y'; TemporalMap(1,1) K; Cluster(4); SpatialMap(1,1) C;"),
                      Hardware(num_pes=16))
