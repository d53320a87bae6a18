"""Global search with stable-baselines3 / sb3-contrib agents: PPO, A2C, DQN, MaskablePPO, RecurrentPPO.

The agent trains on the problem's environment — :class:`envs.LayerwiseAssignment` when the space has per-layer
parameters (``n_envs`` episodes at once through :class:`envs.LayerwiseAssignmentVector`), else
:class:`envs.AcceleratorConfig` — sharing the pipeline's evaluator. A callback
(:class:`RecordEpisodes`) records every finished episode into the :class:`~dse.search.context.SearchContext` and
stops training when the stage's budget is used, so the stage's result is the best feasible design evaluated during
training plus the elite set, not the final policy's greedy action (DESIGN.md §4). SB3 code is not modified.
"""

from __future__ import annotations

import importlib
import inspect
import logging
from typing import Any

from stable_baselines3.common.callbacks import BaseCallback

from cost_models.evaluator import Evaluation
from dse.search.context import SearchContext
from cost_models.errors import SpaceError
from envs import AcceleratorConfig, LayerwiseAssignmentVector

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

N_ENVS = 8
"""Episodes stepped together on per-layer problems (option ``n_envs``): one policy call serves all of them."""

FLATTEN = {"dqn": True, "maskable_ppo": True}
"""Agents that act on joint options ``Discrete(prod(nvec))`` by default (option ``flatten``): DQN needs a discrete
space; MaskablePPO's joint mask is then exactly the feasible options (a ``MultiDiscrete`` mask can only be a
product of per-parameter sets)."""


class RecordEpisodes(BaseCallback):
    """Records each finished episode's design into the search context; stops when the stage budget is used."""

    def __init__(self, ctx: SearchContext) -> None:
        super().__init__()
        self.ctx = ctx

    def _on_step(self) -> bool:
        for info, done in zip(self.locals["infos"], self.locals["dones"]):
            if done and "metrics" in info:
                if self.ctx.remaining == 0:
                    return False
                self.ctx.record(info)
        return self.ctx.remaining > 0


def make_env(ctx: SearchContext, flatten: bool = False, n_envs: int = N_ENVS) -> tuple[Any, int]:
    """The environment of the context's problem, sharing its evaluator, and its steps per episode.

    Per-layer spaces: ``n_envs`` episodes of :class:`envs.LayerwiseAssignmentVector` as an SB3 ``VecEnv``
    (joint actions with ``flatten``). Global spaces: one :class:`envs.AcceleratorConfig` (``flatten`` applies to
    per-layer spaces only).
    """
    if ctx.problem.space.per_layer:
        from dse.search.vec_adapter import Sb3LayerwiseVecEnv

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
    return {"n_envs", "flatten"} | {n for n in inspect.signature(Algo.__init__).parameters if n not in own}


def _train(ctx: SearchContext, seed: int, algo: str, options: dict[str, Any]) -> None:
    opts = {**DEFAULTS[algo], **options}
    n_envs = int(opts.pop("n_envs", N_ENVS))
    if n_envs < 1:
        raise SpaceError(f"{algo}: option 'n_envs' must be >= 1, got {n_envs}")
    env, steps_per_episode = make_env(ctx, flatten=bool(opts.pop("flatten", FLATTEN.get(algo, False))),
                                      n_envs=n_envs)
    Algo, policy = algorithm(algo)
    if "batch_size" in opts and "n_steps" in opts:  # a minibatch no larger than the rollout (same updates, no warning)
        opts["batch_size"] = min(int(opts["batch_size"]), int(opts["n_steps"]) * getattr(env, "num_envs", 1))
    model = Algo(policy, env, seed=seed, verbose=0, device="cpu", **opts)
    # enough timesteps for the whole stage budget; the callback stops at the budget
    total = (ctx.remaining + 2 * getattr(env, "num_envs", 1)) * steps_per_episode
    log.info("%s: up to %d episodes (%d timesteps)", algo, ctx.remaining, total)
    model.learn(total_timesteps=total, callback=RecordEpisodes(ctx))


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
