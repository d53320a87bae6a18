"""LayerwiseAssignmentVector: the same episodes as LayerwiseAssignment, stepped together."""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from npu_dse.cost_models.errors import SpaceError
from npu_dse.cost_models.evaluator import Evaluator, Problem
from npu_dse.envs import FlattenAction, LayerwiseAssignment, LayerwiseAssignmentVector

PROBLEMS = {p: Problem.build("lenet5", platform=p) for p in ("edge", "iot")}
EVALUATORS = {p: Evaluator(prob) for p, prob in PROBLEMS.items()}


def _single_episode(env, actions):
    """Replay ``actions`` (one per layer, stopping at the end) through a single env: obs, rewards, final info."""
    obs, _ = env.reset()
    out_obs, rewards = [obs], []
    for a in actions:
        obs, r, done, _, info = env.step(a)
        rewards.append(r)
        if done:
            return out_obs, rewards, info, obs
        out_obs.append(obs)
    raise AssertionError("episode did not end")


@settings(max_examples=25)
@given(platform=st.sampled_from(["edge", "iot"]), data=st.data(), flatten=st.booleans())
def test_vector_env_replays_the_single_env(platform, data, flatten):
    ev = EVALUATORS[platform]
    single = LayerwiseAssignment(evaluator=ev)
    B, L = 3, single.L
    n = int(np.prod(single.nvec))
    # uniform options: on iot most episodes break a budget part-way, on edge most finish feasible
    combos = np.array([[data.draw(st.integers(0, n - 1)) for _ in range(L)] for _ in range(B)])
    vec = LayerwiseAssignmentVector(B, evaluator=ev, flatten=flatten, autoreset="disabled")
    obs, _ = vec.reset(seed=0)
    expected = []
    for b in range(B):
        levels = [np.array(np.unravel_index(c, tuple(single.nvec))) for c in combos[b]]
        expected.append(_single_episode(single, levels))
    got_rewards = np.zeros((B, L))
    finals = [None] * B
    for t in range(L):
        for b in range(B):
            if t < len(expected[b][0]):
                np.testing.assert_array_equal(obs[b], expected[b][0][t])
        acts = combos[:, t] if flatten else np.stack([np.unravel_index(c, tuple(single.nvec)) for c in combos[:, t]])
        before = vec._finished.copy()
        obs, r, term, trunc, info = vec.step(acts)
        assert not trunc.any()
        assert np.all(r[before] == 0.0) and np.all(term[before])
        got_rewards[:, t] = r
        if "final_info" in info:
            for b in np.flatnonzero(info["_final_info"]):
                finals[b] = info["final_info"][b]
    for b in range(B):
        _, rewards, final, _ = expected[b]
        np.testing.assert_allclose(got_rewards[b, :len(rewards)], rewards, rtol=1e-12)
        assert finals[b]["feasible"] == final["feasible"]
        assert finals[b]["design"] == final["design"]
        assert finals[b]["violations"] == final["violations"]
        assert finals[b]["metrics"] == pytest.approx(final["metrics"])


def test_same_step_autoreset_restarts_finished_episodes():
    ev = EVALUATORS["edge"]
    vec = LayerwiseAssignmentVector(2, evaluator=ev, flatten=True)
    obs0, _ = vec.reset()
    L = vec.env.L
    before = ev.n_evaluations
    for t in range(L):
        obs, r, term, _, info = vec.step(np.zeros(2, dtype=np.int64))  # the smallest option: feasible
        assert term.all() == (t == L - 1)
    assert ev.n_evaluations == before + 2
    np.testing.assert_array_equal(obs, obs0)  # both restarted
    assert info["_final_obs"].all() and info["final_obs"][0].shape == obs0[0].shape
    assert all(fi["feasible"] and fi["design"]["num_pes"] == (1,) * L for fi in info["final_info"])


@pytest.mark.parametrize("platform", ["edge", "iot"])
def test_masks_match_the_single_env_and_keep_every_episode_feasible(platform):
    ev = EVALUATORS[platform]
    single = FlattenAction(LayerwiseAssignment(evaluator=ev))
    rng = np.random.default_rng(1)
    flat = LayerwiseAssignmentVector(4, evaluator=ev, flatten=True)
    multi = LayerwiseAssignmentVector(4, evaluator=ev, flatten=False, autoreset="disabled")
    flat.reset()
    multi.reset()
    single.reset()
    feasible = []
    for _ in range(3 * flat.env.L):
        mask = flat.action_masks()
        assert mask.shape == (4, flat.n_combos) and mask.any(axis=1).all()
        acts = np.array([rng.choice(np.flatnonzero(m)) for m in mask])
        _, _, _, _, info = flat.step(acts)
        if "final_info" in info:
            feasible += [fi["feasible"] for fi in info["final_info"][info["_final_info"]]]
    assert feasible and all(feasible)  # exact masks: masked episodes never break a budget
    # MultiDiscrete masks are the single environment's rectangle masks
    m = multi.action_masks()
    np.testing.assert_array_equal(m[0], single.unwrapped.action_masks())
    assert m.shape == (4, int(single.unwrapped.nvec.sum()))


def test_vector_env_rejects_bad_arguments_and_actions():
    ev = EVALUATORS["edge"]
    with pytest.raises(ValueError, match="num_envs"):
        LayerwiseAssignmentVector(0, evaluator=ev)
    with pytest.raises(ValueError, match="autoreset"):
        LayerwiseAssignmentVector(2, evaluator=ev, autoreset="next_step")
    vec = LayerwiseAssignmentVector(2, evaluator=ev, flatten=True)
    vec.reset()
    with pytest.raises(SpaceError, match="not in"):
        vec.step(np.array([0, vec.n_combos]))
