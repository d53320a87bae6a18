"""Gymnasium environments: checkers, training with SB3 agents, masking, rewards."""

import gymnasium as gym
import numpy as np
import pytest
import torch
from gymnasium.utils.env_checker import check_env
from hypothesis import given, settings, strategies as st
from stable_baselines3.common.env_checker import check_env as sb3_check_env

import npu_dse.envs  # noqa: F401  (registers the ids)
from npu_dse.cost_models.errors import SpaceError
from npu_dse.cost_models.evaluator import PLATFORMS, Evaluator, Problem
from npu_dse.cost_models.space import DesignSpace, Parameter
from npu_dse.envs import AcceleratorConfig, FlattenAction, LayerwiseAssignment
from npu_dse.envs.accelerator import FEASIBLE_FLOOR

torch.set_num_threads(1)

SMALL_GLOBAL = DesignSpace(
    (
        Parameter("num_pes", (64, 128, 256)),
        Parameter("l1_bytes", (256, 1024, 4096)),
        Parameter("l2_bytes", (2**20, 2**22)),
        Parameter("noc_bw", (32, 256)),
        Parameter("dataflow", ("kcp_ws", "xp_ws")),
    ),
    mode="LS", dataflow="kcp_ws", fixed={"offchip_bw": 64},
)


@pytest.mark.parametrize("platform", ["cloud", "edge", "iot"])
def test_layerwise_env_passes_both_checkers(platform):
    env = gym.make("npu-dse/LayerwiseAssignment-v0", model="lenet5", platform=platform)
    check_env(env.unwrapped, skip_render_check=True)
    sb3_check_env(env.unwrapped)


@pytest.mark.parametrize("platform", ["edge", "cloud"])  # iot (0.5 mm2) cannot hold its 1 MiB L2
def test_accelerator_env_passes_both_checkers(platform):
    env = gym.make("npu-dse/AcceleratorConfig-v0", problem=Problem.build("lenet5", platform=platform,
                                                                           space=SMALL_GLOBAL))
    check_env(env.unwrapped, skip_render_check=True)
    sb3_check_env(env.unwrapped)


def test_layerwise_episode_info_and_finite_rewards():
    env = LayerwiseAssignment(model="lenet5", platform="edge")
    obs, info = env.reset(seed=3)
    assert info["layer"] == env.network.layers[0].name
    assert obs.shape == env.observation_space.shape and obs.dtype == np.float32
    total, done, steps = 0.0, False, 0
    while not done:
        obs, r, done, trunc, info = env.step(np.zeros(2, dtype=np.int64))  # smallest PEs and tile: feasible
        assert np.isfinite(r) and not trunc
        total += r
        steps += 1
    assert steps == len(env.network.layers)
    assert info["feasible"] and info["design"]["num_pes"] == (1,) * steps
    assert info["metrics"]["total_pes"] == steps
    # the reward of an additive objective is minus the latency over the reference
    assert total == pytest.approx(-info["metrics"]["latency_cycles"] / env._ref)


def test_breaking_a_budget_ends_the_episode_below_every_feasible_one():
    env = LayerwiseAssignment(model="lenet5", platform="iot")  # 64 PEs in all
    env.reset(seed=0)
    obs, r, done, _, info = env.step(np.array([11, 0]))  # 128 PEs on the first layer
    assert done and not info["feasible"] and "total_pes" in info["violations"]
    assert r < -env._penalty_base  # below the worst feasible episode's return


@settings(max_examples=25)
@given(seed=st.integers(0, 10_000), platform=st.sampled_from(["edge", "iot"]))
def test_masking_never_offers_an_action_that_breaks_a_budget(seed, platform):
    env = _masked_env(platform)
    rng = np.random.default_rng(seed)
    env.reset(seed=seed)
    done = False
    while not done:
        parts = np.split(env.action_masks(), np.cumsum(env.nvec)[:-1])
        action = np.array([rng.choice(np.flatnonzero(p)) for p in parts])
        _, r, done, _, info = env.step(action)
        assert np.isfinite(r)
    assert info["feasible"], info["violations"]


_ENVS: dict = {}


def _masked_env(platform):
    if platform not in _ENVS:
        _ENVS[platform] = LayerwiseAssignment(model="squeezenet1_0", platform=platform)
    return _ENVS[platform]


def test_flatten_wrapper_maps_actions_and_masks():
    env = FlattenAction(LayerwiseAssignment(model="lenet5", platform="iot"))
    assert env.action_space.n == 144
    np.testing.assert_array_equal(env.action(13), [1, 1])
    env.reset(seed=0)
    joint = env.action_masks()
    parts = np.split(env.unwrapped.action_masks(), [12])
    np.testing.assert_array_equal(joint, np.logical_and.outer(*parts).reshape(-1))


def test_accelerator_env_rewards_and_masks():
    iot = {"total_pes": PLATFORMS["iot"].total_pes, "buffer_bytes": PLATFORMS["iot"].buffer_bytes}  # ConfuciuX's
    env = AcceleratorConfig(problem=Problem.build("lenet5", constraints=iot, space=SMALL_GLOBAL))
    env.reset(seed=0)
    mask = env.action_masks()
    assert mask.shape == (3,) and mask[0]
    # 64 PEs x l1 256 B ... fits the iot budget of 64 PEs / 1 KiB L1 per PE
    for a in (0, 0, 0, 0, 0):
        obs, r, done, _, info = env.step(a)
    assert done and info["feasible"]
    assert r == pytest.approx(max(np.log(env._ref / info["metrics"]["latency_cycles"]), -FEASIBLE_FLOOR))
    env.reset()
    # Discrete(3): a 3-level parameter takes levels 0, 1, 2; a 2-level one 0, 0, 1 (an even split)
    for a in (2, 2, 1, 1, 2):  # 256 PEs breaks the iot PE budget
        obs, r, done, _, info = env.step(a)
    assert info["design"] == {"num_pes": 256, "l1_bytes": 4096, "l2_bytes": 2**20, "noc_bw": 32, "dataflow": "xp_ws"}
    over = max((info["metrics"][m] - lim) / lim for m, lim in iot.items() if m in info["violations"])
    assert over == pytest.approx(3.0)  # 256 PEs against 64
    assert not info["feasible"] and r == pytest.approx(-(FEASIBLE_FLOOR + 1 + np.log(4.0)))
    assert r < -FEASIBLE_FLOOR  # below every feasible design


def test_accelerator_env_splits_actions_evenly_over_levels():
    """A uniform policy over the actions picks every level of every parameter equally often (within one action):
    the old ``min(action, n_levels - 1)`` gave a 5-valued dataflow's last value 5 of 9 actions."""
    from npu_dse.cost_models.space import global_space

    env = AcceleratorConfig(problem=Problem.build("lenet5", space=global_space(), technology="28nm"))
    n = env.action_space.n
    for p in env.params:
        counts = np.bincount([env._level(a, p.n_levels) for a in range(n)], minlength=p.n_levels)
        assert len(counts) == p.n_levels and counts.max() - counts.min() <= 1, (p.name, counts)


def test_layerwise_refuses_global_choices_and_accelerator_refuses_per_layer():
    with pytest.raises(SpaceError, match="needs at least one per_layer parameter in space.parameters"):
        LayerwiseAssignment(problem=Problem.build("lenet5", space=SMALL_GLOBAL))
    mixed = DesignSpace((Parameter("num_pes", (1, 4), scope="per_layer"), Parameter("l1_bytes", (64, 512))),
                        mode="LP", dataflow="dla")
    with pytest.raises(SpaceError, match=r"space.parameters \['l1_bytes'\] have several"):
        LayerwiseAssignment(problem=Problem.build("lenet5", space=mixed))
    with pytest.raises(SpaceError, match="global parameters only"):
        AcceleratorConfig(problem=Problem.build("lenet5", platform="edge"))
    with pytest.raises(SpaceError, match="either a Problem or keyword"):
        LayerwiseAssignment(problem=Problem.build("lenet5"), model="lenet5")


@pytest.mark.parametrize("algo", ["ppo", "maskable_ppo", "a2c", "dqn", "recurrent_ppo"])
def test_short_training_runs_and_finds_a_feasible_design(algo):
    from npu_dse.search.pipeline import StageSpec, run_pipeline

    problem = Problem.build("lenet5", platform="cloud")
    result = run_pipeline(problem, [StageSpec(algo)], budget=60, seed=0, exact=False)
    assert result.evaluations == 60 == len(result.history)
    assert result.best is not None and result.best.feasible
    assert result.best.metrics["total_pes"] <= 4096


@pytest.mark.parametrize("algo", ["ppo", "maskable_ppo"])
def test_short_training_on_the_global_env(algo):
    from npu_dse.search.pipeline import StageSpec, run_pipeline

    problem = Problem.build("lenet5", platform="edge", space=SMALL_GLOBAL)
    result = run_pipeline(problem, [StageSpec(algo, options={"n_steps": 64, "batch_size": 32})], budget=40,
                          seed=0, exact=False)
    assert result.evaluations == 40 and result.best is not None and result.best.feasible


def test_a_latency_limit_does_not_mask_the_designs_that_meet_it():
    """More resources meet a latency limit, so the lowest later levels do not bound it: with only a latency
    limit nothing is masked, and with area too only area masks (the quickstart's MaskablePPO was held to designs
    too slow at the lowest levels)."""
    from npu_dse.cost_models.space import global_space

    space = global_space(("systolic_ws",))
    net_latency = Problem.build("mobilenet_v2", space=space, technology="28nm", constraints={"latency_ms": 10.0})
    env = AcceleratorConfig(problem=net_latency)
    env.reset(seed=0)
    assert env.action_masks().all()
    # the smallest design is too slow, and a design that meets the limit needs a larger level somewhere later
    ev = Evaluator(net_latency, check_budget=False)
    assert not ev.evaluate(space.corner(net_latency.num_layers, "min")).feasible
    assert ev.evaluate(space.corner(net_latency.num_layers, "max")).feasible
    both = Problem.build("mobilenet_v2", space=space, technology="28nm", constraints={"latency_ms": 10.0,
                                                                                       "area_mm2": 0.5})
    env = AcceleratorConfig(problem=both)
    env.reset(seed=0)
    mask, n_levels = env.action_masks(), space.parameters[0].n_levels
    allowed = [env._level(a, n_levels) for a in range(env.action_space.n) if mask[a]]
    assert 0 in allowed and n_levels - 1 not in allowed  # area rules out the largest arrays
    # every action of an allowed level is allowed
    assert all(mask[a] for a in range(env.action_space.n) if env._level(a, n_levels) in allowed)


def test_action_masks_are_computed_once_per_prefix_and_equal_a_fresh_computation():
    """A mask depends only on the parameter and the levels chosen before it: along random episodes every memoised
    mask equals one computed afresh, and a prefix seen before costs the evaluator nothing."""
    from npu_dse.cost_models.space import global_space

    space = global_space(("systolic_ws", "kcp_ws"))
    problem = Problem.build("mobilenet_v2", space=space, technology="28nm", constraints={"area_mm2": 0.5})
    env = AcceleratorConfig(problem=problem)
    rng = np.random.default_rng(0)
    for episode in range(6):
        env.reset(seed=episode)
        done = False
        while not done:
            k = min(env._k, len(env.params) - 1)
            mask = env.action_masks()
            fresh = env._mask(k)
            np.testing.assert_array_equal(mask, fresh)
            calls = env.evaluator.n_cost_model_calls + env.evaluator.n_cache_hits
            np.testing.assert_array_equal(env.action_masks(), mask)
            assert env.evaluator.n_cost_model_calls + env.evaluator.n_cache_hits == calls
            _, _, done, _, _ = env.step(int(rng.choice(np.flatnonzero(mask))))


@pytest.mark.parametrize("constraints", [{}, {"area_mm2": 100.0}])
def test_masks_leave_out_dataflows_that_cannot_run_on_the_pes_chosen(constraints):
    """kcp_ws clusters 64 PEs: once 16 PEs are chosen it cannot run any layer (violation ``mapping``), so the
    dataflow mask offers rs alone; at 64 PEs both. Before the PE count is chosen nothing is masked for it."""
    space = DesignSpace((Parameter("num_pes", (16, 64)), Parameter("l1_bytes", (4096,)),
                         Parameter("l2_bytes", (10**7,)), Parameter("dataflow", ("kcp_ws", "rs"))),
                        mode="LS", dataflow="kcp_ws", fixed={"noc_bw": 64})
    problem = Problem.build("lenet5", space=space, technology="28nm", constraints=constraints)
    env = AcceleratorConfig(problem=problem)
    for pes_level, offered in ((0, ["rs"]), (1, ["kcp_ws", "rs"])):
        env.reset(seed=0)
        assert env.action_masks().all()
        n = env.action_space.n
        env.step(pes_level * n // 2)  # the action that selects this level of two
        env.step(0)
        env.step(0)
        mask = env.action_masks()
        levels = sorted({env._level(a, 2) for a in range(n) if mask[a]})
        assert [space.parameters[3].values[lv] for lv in levels] == offered
        _, _, done, _, info = env.step(int(np.flatnonzero(mask)[0]))
        assert done and "mapping" not in info["violations"]
