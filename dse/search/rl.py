"""Global search with stable-baselines3 / sb3-contrib agents: PPO, A2C, DQN, MaskablePPO, RecurrentPPO.

The agent trains on the problem's environment — :class:`npu_dse.envs.LayerwiseAssignment` when the space has per-layer
parameters (``n_envs`` episodes at once through :class:`npu_dse.envs.LayerwiseAssignmentVector`), else
:class:`npu_dse.envs.AcceleratorConfig` — sharing the pipeline's evaluator. A callback
(:class:`RecordEpisodes`) records every finished episode into the :class:`~npu_dse.search.context.SearchContext` and
stops training when the stage's budget is used or the policy has converged (:data:`PATIENCE`), so the stage's
result is the best feasible design evaluated during training plus the elite set, not the final policy's greedy
action (DESIGN.md §4). SB3 code is not modified.
"""

from __future__ import annotations

import contextlib
import importlib
import inspect
import logging
import random
from typing import Any

import gymnasium as gym
import numpy as np
import torch
from stable_baselines3.common.callbacks import BaseCallback

from npu_dse.cost_models.errors import SpaceError
from npu_dse.cost_models.evaluator import Evaluation, Problem
from npu_dse.search.threads import single_threaded
from npu_dse.search.context import SearchContext, point_to_json
from npu_dse.envs import AcceleratorConfig, LayerwiseAssignmentVector
from npu_dse.envs.layerwise import check_layerwise_space

log = logging.getLogger(__name__)

DEFAULTS: dict[str, dict[str, Any]] = {
    "ppo": {"n_steps": 64, "batch_size": 128, "n_epochs": 4, "learning_rate": 1e-3, "gamma": 0.99,
            "ent_coef": 0.01},
    "maskable_ppo": {"n_steps": 64, "batch_size": 128, "n_epochs": 4, "learning_rate": 1e-3, "gamma": 0.99,
                     "ent_coef": 0.01},
    "recurrent_ppo": {"n_steps": 32, "batch_size": 256, "n_epochs": 2, "learning_rate": 3e-4},
    "a2c": {"n_steps": 4, "learning_rate": 7e-4, "ent_coef": 0.01},
    "dqn": {"learning_rate": 1e-3, "buffer_size": 50_000, "learning_starts": 500, "exploration_fraction": 0.3,
            "train_freq": 1, "target_update_interval": 64},
}
"""Hyper-parameters used unless a stage's options override them (tuned for episodes of tens of steps). ``n_steps``
and ``train_freq`` count calls of the vectorised environment: each is :data:`N_ENVS` environment steps.
RecurrentPPO trains on whole rollouts for 2 epochs: its LSTM minibatches dominate its time; 4 epochs of 128 cost 3.7x
as much per episode and, at 500 episodes on ResNet-50 cloud, found a worse design (2.74e8 against 2.57e8 cycles)."""

PATIENCE = 100
"""An RL stage ends once this many episodes in a row proposed only designs it had evaluated already (option
``patience``; 0 never): its policy has converged, and what it would go on to evaluate is known. The evaluations
left go to the next stage (:func:`npu_dse.search.pipeline.run_pipeline`). A policy that still proposes a new design
in 1 episode of 30 passes 100 episodes without one with probability 0.97^100 = 5 %. On global BERT-base edge (seed
4) PPO's policy proposed 388 distinct designs in 3,000 episodes, 376 of them in the first 1,000: the GA after it
searched with 7,000 evaluations where it could have had about 9,000 (``benchmarks/results/search_quality_global.md``
for what that changed)."""

N_ENVS = 8
"""Episodes stepped together on per-layer problems (option ``n_envs``): one policy call serves all of them."""

FLATTEN = {"dqn": True, "maskable_ppo": True}
"""Agents that act on joint options ``Discrete(prod(nvec))`` by default (option ``flatten``): DQN needs a discrete
space; MaskablePPO's joint mask is then exactly the feasible options (a ``MultiDiscrete`` mask can only be a
product of per-parameter sets)."""


class RecordEpisodes(BaseCallback):
    """Records each finished episode's design into the search context; stops when the stage budget is used, or,
    with ``patience``, once the last ``patience`` episodes proposed no design the stage had not seen (the policy has
    converged: what it would go on to evaluate is known already)."""

    def __init__(self, ctx: SearchContext, patience: int = 0) -> None:
        super().__init__()
        self.ctx = ctx
        self.patience = patience
        self.seen: set[str] = set()
        self.since_new = 0

    @property
    def converged(self) -> bool:
        """Whether the last ``patience`` episodes proposed no new design (never, with ``patience`` 0)."""
        return bool(self.patience) and self.since_new >= self.patience

    def _on_step(self) -> bool:
        for info, done in zip(self.locals["infos"], self.locals["dones"]):
            if done and "metrics" in info:
                if self.ctx.remaining == 0:
                    return False
                self.ctx.record(info)
                key = _proposal_key(info)
                self.since_new = 0 if key not in self.seen else self.since_new + 1
                self.seen.add(key)
                if self.converged:
                    log.info("policy converged: no new design in %d episodes (%d evaluations used)",
                             self.patience, self.ctx.used)
                    return False
        return self.ctx.remaining > 0


def _proposal_key(info: dict[str, Any]) -> str:
    """What an episode proposed, as a key: its design, or, for an episode that broke a budget part-way (no design),
    the options it chose up to there (``partial_combos``), so that different broken episodes count as different
    proposals for ``patience``."""
    if info.get("design") is not None:
        return point_to_json(info["design"])
    return "partial:" + ",".join(str(c) for c in info.get("partial_combos", ()))


def check_problem(problem: Problem) -> None:
    """Raise :class:`SpaceError` if the agents cannot search ``problem``'s space: a space with per-layer parameters
    runs on the layer-by-layer environment (:func:`npu_dse.envs.layerwise.check_layerwise_space`)."""
    if problem.space.per_layer:
        check_layerwise_space(problem.space)


def make_env(ctx: SearchContext, flatten: bool = False, n_envs: int = N_ENVS) -> tuple[Any, int]:
    """The environment of the context's problem, sharing its evaluator, and its steps per episode.

    Per-layer spaces: ``n_envs`` episodes of :class:`npu_dse.envs.LayerwiseAssignmentVector` as an SB3 ``VecEnv``
    (joint actions with ``flatten``). Global spaces: one :class:`npu_dse.envs.AcceleratorConfig` (``flatten`` applies to
    per-layer spaces only).
    """
    if ctx.problem.space.per_layer:
        from npu_dse.search.vec_adapter import Sb3LayerwiseVecEnv

        venv = LayerwiseAssignmentVector(n_envs, evaluator=ctx.evaluator, flatten=flatten)
        return Sb3LayerwiseVecEnv(venv), venv.env.L
    from stable_baselines3.common.monitor import Monitor

    env = AcceleratorConfig(evaluator=ctx.evaluator)
    return Monitor(env), len(env.params)


AGENTS: dict[str, tuple[str, str, str]] = {
    "ppo": ("stable_baselines3", "PPO", "MlpPolicy"),
    "a2c": ("stable_baselines3", "A2C", "MlpPolicy"),
    "dqn": ("stable_baselines3", "DQN", "MlpPolicy"),
    "maskable_ppo": ("sb3_contrib", "MaskablePPO", "MlpPolicy"),
    "recurrent_ppo": ("sb3_contrib", "RecurrentPPO", "MlpLstmPolicy"),
}
"""Agent name -> (package, class, policy)."""


def algorithm(algo: str) -> tuple[type, str]:
    """The stable-baselines3 / sb3-contrib class of ``algo`` (a key of :data:`AGENTS`) and its policy name.

    Raises:
        SpaceError: an unknown agent (lists the allowed ones).
    """
    if algo not in AGENTS:
        raise SpaceError(f"unknown RL agent {algo!r}; allowed: {', '.join(AGENTS)}")
    package, cls, policy = AGENTS[algo]
    return getattr(importlib.import_module(package), cls), policy


def option_names(algo: str) -> set[str]:
    """The options a stage of ``algo`` takes: ``n_envs``, ``flatten`` and the agent's constructor arguments
    (``learning_rate``, ``n_steps``, ``policy_kwargs``, ...), except those the stage sets itself."""
    Algo, _ = algorithm(algo)
    own = {"self", "policy", "env", "seed", "verbose", "device", "_init_setup_model"}
    return {"n_envs", "flatten", "patience"} | {n for n in inspect.signature(Algo.__init__).parameters
                                               if n not in own}


def agent_options(algo: str, options: dict[str, Any], per_layer: bool) -> tuple[dict[str, Any], int, bool, int]:
    """A stage's options split into the agent's constructor arguments, ``n_envs``, ``flatten`` and ``patience``
    (:data:`PATIENCE`).

    The constructor arguments are :data:`DEFAULTS` overridden by ``options``; PPO-like agents' ``batch_size`` is cut
    to the rollout (``n_steps * n_envs``) when larger. ``n_envs`` and ``flatten`` apply to per-layer spaces only (a
    global space has one environment).

    Raises:
        SpaceError: ``n_envs`` not an integer >= 1, ``flatten`` not a boolean, or ``patience`` not an integer >= 0.
    """
    opts = {**DEFAULTS[algo], **options}
    n_envs = opts.pop("n_envs", N_ENVS)
    if isinstance(n_envs, bool) or not isinstance(n_envs, int) or n_envs < 1:
        raise SpaceError(f"stage {algo!r}: option 'n_envs' must be an integer >= 1, got {n_envs!r}")
    flatten = opts.pop("flatten", FLATTEN.get(algo, False))
    if not isinstance(flatten, bool):
        raise SpaceError(f"stage {algo!r}: option 'flatten' must be true or false, got {flatten!r}")
    patience = opts.pop("patience", PATIENCE)
    if isinstance(patience, bool) or not isinstance(patience, int) or patience < 0:
        raise SpaceError(f"stage {algo!r}: option 'patience' must be an integer >= 0, got {patience!r}")
    if not per_layer:
        n_envs = 1
    if "batch_size" in opts and "n_steps" in opts:  # a minibatch no larger than the rollout (same updates, no warning)
        with contextlib.suppress(TypeError, ValueError):
            opts["batch_size"] = min(int(opts["batch_size"]), int(opts["n_steps"]) * n_envs)
    return opts, n_envs, flatten, patience


def build_agent(algo: str, env: Any, seed: int | None, opts: dict[str, Any], options: dict[str, Any]) -> Any:
    """The stable-baselines3 / sb3-contrib agent ``algo`` on ``env`` with constructor arguments ``opts`` (from
    :func:`agent_options` of the stage's ``options``).

    Raises:
        SpaceError: the agent rejects an argument (a wrong type, or a value such as ``n_steps: -1``), naming the
            stage's options, the arguments they led to and the agent's own message.
    """
    Algo, policy = algorithm(algo)
    try:
        return Algo(policy, env, seed=seed, verbose=0, device="cpu", **opts)
    except (AssertionError, TypeError, ValueError, RuntimeError) as exc:
        given = ", ".join(f"{k}={v!r}" for k, v in sorted(options.items())) or "the defaults"
        used = ", ".join(f"{k}={v!r}" for k, v in sorted(opts.items()))
        raise SpaceError(f"stage {algo!r}: {Algo.__name__} rejects {given} (arguments {used}): {exc}") from None


class _StandIn(gym.Env):
    """A minimal environment with the kinds of spaces the real ones have, to try an agent's options on."""

    def __init__(self, action_space: gym.Space) -> None:
        self.observation_space = gym.spaces.Box(0.0, 1.0, shape=(4,), dtype=np.float32)
        self.action_space = action_space

    def reset(self, *, seed: int | None = None, options: dict | None = None):
        return np.zeros(4, dtype=np.float32), {}

    def step(self, action):
        return np.zeros(4, dtype=np.float32), 0.0, True, False, {}


def check_options(algo: str, options: dict[str, Any], problem: Problem) -> None:
    """Try ``algo``'s options without evaluating anything: the agent is built on a stand-in environment with the
    problem's kind of action space (per-layer: ``n_envs`` copies, joint ``Discrete`` with ``flatten``, else
    ``MultiDiscrete``; global: one ``Discrete``).

    Raises:
        SpaceError: as :func:`agent_options` and :func:`build_agent`.
    """
    from stable_baselines3.common.vec_env import DummyVecEnv

    per_layer = bool(problem.space.per_layer)
    opts, n_envs, flatten, _ = agent_options(algo, options, per_layer)
    space = gym.spaces.MultiDiscrete([2, 2]) if per_layer and not flatten else gym.spaces.Discrete(4)
    py_state, np_state = random.getstate(), np.random.get_state()
    with torch.random.fork_rng(devices=[]):  # a check leaves every random generator as it was
        try:
            build_agent(algo, DummyVecEnv([lambda: _StandIn(space)] * n_envs), None, opts, options)
        finally:
            random.setstate(py_state)
            np.random.set_state(np_state)


def _train(ctx: SearchContext, seed: int, algo: str, options: dict[str, Any]) -> None:
    with single_threaded():  # the same answer whatever the process's thread count (initial weights included)
        _learn(ctx, seed, algo, options)


def _learn(ctx: SearchContext, seed: int, algo: str, options: dict[str, Any]) -> None:
    opts, n_envs, flatten, patience = agent_options(algo, options, bool(ctx.problem.space.per_layer))
    env, steps_per_episode = make_env(ctx, flatten=flatten, n_envs=n_envs)
    model = build_agent(algo, env, seed, opts, options)
    # enough timesteps for the whole stage budget; the callback stops at the budget
    total = (ctx.remaining + 2 * getattr(env, "num_envs", 1)) * steps_per_episode
    log.info("%s: up to %d episodes (%d timesteps)", algo, ctx.remaining, total)
    model.learn(total_timesteps=total, callback=RecordEpisodes(ctx, patience))


def ppo(ctx: SearchContext, seed: int, elite: list[Evaluation], **options: Any) -> None:
    """PPO (Schulman et al. 2017, stable-baselines3); ``options`` override :data:`DEFAULTS`."""
    _train(ctx, seed, "ppo", options)


def a2c(ctx: SearchContext, seed: int, elite: list[Evaluation], **options: Any) -> None:
    """A2C (Mnih et al. 2016, stable-baselines3)."""
    _train(ctx, seed, "a2c", options)


def dqn(ctx: SearchContext, seed: int, elite: list[Evaluation], **options: Any) -> None:
    """DQN (Mnih et al. 2015) on joint per-layer options (``Discrete(prod(nvec))``)."""
    _train(ctx, seed, "dqn", options)


def maskable_ppo(ctx: SearchContext, seed: int, elite: list[Evaluation], **options: Any) -> None:
    """sb3-contrib MaskablePPO: never offered an option that would break a budget (``action_masks()``; exact on
    joint options, the default)."""
    _train(ctx, seed, "maskable_ppo", options)


def recurrent_ppo(ctx: SearchContext, seed: int, elite: list[Evaluation], **options: Any) -> None:
    """sb3-contrib RecurrentPPO with an LSTM policy (closest SB3 relative of ConfuciuX's LSTM agent)."""
    _train(ctx, seed, "recurrent_ppo", options)
