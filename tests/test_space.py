"""Design spaces: parameters, genes, design points, presets, and their errors."""

import pytest
from hypothesis import given, strategies as st

from npu_dse.cost_models.errors import SpaceError
from npu_dse.cost_models.space import (
    CONFUCIUX_PE_LEVELS, DesignSpace, Parameter, confuciux_space, global_space, preset,
)


def test_confuciux_preset_matches_the_paper_space():
    space = confuciux_space()
    pes, ktile = space.parameters
    assert pes.values == (1, 2, 4, 8, 12, 16, 24, 32, 48, 64, 96, 128) == CONFUCIUX_PE_LEVELS
    assert ktile.values == tuple(range(1, 13))
    assert pes.scope == ktile.scope == "per_layer"
    assert space.mode == "LP" and space.dataflow == "dla"
    assert space.fixed["noc_bw"] == 81_920_000 and space.fixed["CTileSz"] == 1
    assert space.size(3) == 144**3
    assert len(pes.fine_values()) == 128  # 1..128: the GA may leave the RL levels


def test_points_round_trip_through_levels_and_genes():
    space = confuciux_space()
    point = space.point_from_levels([0, 11, 11, 0, 5, 5], num_layers=3)
    assert point == {"num_pes": (1, 128, 16), "KTileSz": (12, 1, 6)}
    assert space.genes_from_point(point, 3) == [1, 12, 128, 1, 16, 6]
    assert space.layer_params(point, 2)["num_pes"] == 16
    assert space.layer_params(point, 2)["dataflow"] == "dla"
    assert space.corner(2, {"num_pes": "max"}) == {"num_pes": (128, 128), "KTileSz": (1, 1)}


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(name="bogus", values=(1,)), "unknown name"),
        (dict(name="num_pes", values=()), "empty"),
        (dict(name="num_pes", values=(4, 2)), "increasing"),
        (dict(name="num_pes", values=(0, 2)), "positive"),
        (dict(name="num_pes", values=(1, 2), scope="sometimes"), "scope"),
        (dict(name="num_pes", values=(1, 2), range=(4, 2, 1)), "range"),
        (dict(name="dataflow", values=("dla",), range=(1, 2, 1)), "range"),
    ],
)
def test_bad_parameters_are_refused_with_the_field(kwargs, message):
    with pytest.raises(SpaceError, match=message):
        Parameter(**kwargs)


def test_bad_points_name_the_parameter_and_allowed_values():
    space = confuciux_space(fine=False)
    with pytest.raises(SpaceError, match="'num_pes': value 3 not allowed"):
        space.validate_point({"num_pes": (3,), "KTileSz": (1,)}, 1)
    with pytest.raises(SpaceError, match="missing parameter 'KTileSz'"):
        space.validate_point({"num_pes": (1,)}, 1)
    with pytest.raises(SpaceError, match="2 entries for 1 layers"):
        space.validate_point({"num_pes": (1, 2), "KTileSz": (1,)}, 1)
    with pytest.raises(SpaceError, match="allowed: confuciux, global"):
        preset("nope")
    with pytest.raises(SpaceError, match="mode"):
        DesignSpace((), mode="XX")


def test_global_preset_is_layer_sequential_and_all_global():
    space = global_space()
    assert space.mode == "LS" and not space.per_layer
    assert space.parameter("dataflow").is_categorical
    assert space.genes(54)[0].layer is None and len(space.genes(54)) == 5


@given(st.lists(st.integers(0, 11), min_size=4, max_size=4))
def test_any_levels_give_a_valid_point(levels):
    space = confuciux_space()
    point = space.point_from_levels(levels, num_layers=2)
    space.validate_point(point, 2, fine=False)
    assert space.point_from_genes(space.genes_from_point(point, 2), 2) == point


def test_fine_clip_moves_to_nearest_allowed_value():
    p = Parameter("num_pes", (16, 64), (16, 64, 16))
    assert p.fine_values() == (16, 32, 48, 64)
    assert p.clip(40) == 32 and p.clip(1000) == 64


def test_the_global_space_may_search_the_pe_array_as_rows_by_columns():
    from npu_dse.cost_models.space import DesignSpace, Parameter, global_space

    sp = global_space(("systolic_ws", "kcp_ws"), pe_array=True)
    assert [p.name for p in sp.parameters][:2] == ["pe_rows", "pe_cols"]
    params = sp.layer_params({"pe_rows": 8, "pe_cols": 24, "l1_bytes": 64, "l2_bytes": 16384, "noc_bw": 8,
                              "dataflow": "kcp_ws"}, 0)
    assert params["num_pes"] == 192 and params["pe_rows"] == 8 and "pe_cols" not in params
    # rows and columns 8..64 in steps of 4 (15 values each) replace the 64 PE counts
    assert sp.fine_size(1) == 15 * 15 * 256 * 256 * 128 * 2
    with pytest.raises(SpaceError, match="'pe_cols' makes the array pe_rows x pe_cols, so it needs 'pe_rows'"):
        DesignSpace((Parameter("pe_cols", (8, 16)),), mode="LS")
    with pytest.raises(SpaceError, match="and no 'num_pes'"):
        DesignSpace((Parameter("pe_rows", (8,)), Parameter("pe_cols", (8,)), Parameter("num_pes", (64,))), mode="LS")
