"""Global search with stable-baselines3 / sb3-contrib agents: PPO, A2C, DQN, MaskablePPO, RecurrentPPO.

The agent trains on the problem's environment — :class:`envs.LayerwiseAssignment` when the space has per-layer
parameters, else :class:`envs.AcceleratorConfig` — sharing the pipeline's evaluator. A callback
(:class:`RecordEpisodes`) records every finished episode into the :class:`~dse.search.context.SearchContext` and
stops training when the stage's budget is used, so the stage's result is the best feasible design evaluated during
training plus the elite set, not the final policy's greedy action (DESIGN.md §4). SB3 code is not modified.
"""

from __future__ import annotations

import logging
from typing import Any

import gymnasium as gym
from stable_baselines3.common.callbacks import BaseCallback

from cost_models.evaluator import Evaluation
from dse.search.context import SearchContext
from envs import AcceleratorConfig, FlattenAction, LayerwiseAssignment

log = logging.getLogger(__name__)

DEFAULTS: dict[str, dict[str, Any]] = {
    "ppo": {"n_steps": 512, "batch_size": 128, "n_epochs": 4, "learning_rate": 3e-4, "gamma": 0.99,
            "ent_coef": 0.01},
    "maskable_ppo": {"n_steps": 512, "batch_size": 128, "n_epochs": 4, "learning_rate": 3e-4, "gamma": 0.99,
                     "ent_coef": 0.01},
    "recurrent_ppo": {"n_steps": 256, "batch_size": 128, "n_epochs": 4, "learning_rate": 3e-4},
    "a2c": {"n_steps": 16, "learning_rate": 7e-4, "ent_coef": 0.01},
    "dqn": {"learning_rate": 1e-3, "buffer_size": 50_000, "learning_starts": 500, "exploration_fraction": 0.3,
            "train_freq": 4, "target_update_interval": 500},
}
"""Hyper-parameters used unless a stage's options override them (tuned for episodes of tens of steps)."""


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


def make_env(ctx: SearchContext, flatten: bool = False) -> gym.Env:
    """The environment of the context's problem (sharing its evaluator)."""
    space = ctx.problem.space
    env: gym.Env
    if space.per_layer:
        env = LayerwiseAssignment(evaluator=ctx.evaluator)
        if flatten:
            env = FlattenAction(env)
    else:
        env = AcceleratorConfig(evaluator=ctx.evaluator)
    return env


def _train(ctx: SearchContext, seed: int, algo: str, options: dict[str, Any]) -> None:
    from stable_baselines3.common.monitor import Monitor

    opts = {**DEFAULTS[algo], **options}
    policy_kwargs = opts.pop("policy_kwargs", None)
    env = make_env(ctx, flatten=(algo == "dqn"))
    steps_per_episode = env.unwrapped.L if isinstance(env.unwrapped, LayerwiseAssignment) else len(
        env.unwrapped.params)
    env = Monitor(env)
    if algo == "ppo":
        from stable_baselines3 import PPO as Algo
        policy = "MlpPolicy"
    elif algo == "a2c":
        from stable_baselines3 import A2C as Algo
        policy = "MlpPolicy"
    elif algo == "dqn":
        from stable_baselines3 import DQN as Algo
        policy = "MlpPolicy"
    elif algo == "maskable_ppo":
        from sb3_contrib import MaskablePPO as Algo
        policy = "MlpPolicy"
    elif algo == "recurrent_ppo":
        from sb3_contrib import RecurrentPPO as Algo
        policy = "MlpLstmPolicy"
    else:  # pragma: no cover - guarded by the pipeline's registry
        raise ValueError(algo)
    kwargs = {"policy_kwargs": policy_kwargs} if policy_kwargs else {}
    model = Algo(policy, env, seed=seed, verbose=0, device="cpu", **opts, **kwargs)
    # enough timesteps for the whole stage budget; the callback stops at the budget
    total = (ctx.remaining + 2) * steps_per_episode
    log.info("%s: up to %d episodes (%d timesteps)", algo, ctx.remaining, total)
    model.learn(total_timesteps=total, callback=RecordEpisodes(ctx))


def ppo(ctx: SearchContext, seed: int, elite: list[Evaluation], **options: Any) -> None:
    """PPO (Schulman et al. 2017, stable-baselines3); ``options`` override :data:`DEFAULTS`."""
    _train(ctx, seed, "ppo", options)


def a2c(ctx: SearchContext, seed: int, elite: list[Evaluation], **options: Any) -> None:
    """A2C (Mnih et al. 2016, stable-baselines3)."""
    _train(ctx, seed, "a2c", options)


def dqn(ctx: SearchContext, seed: int, elite: list[Evaluation], **options: Any) -> None:
    """DQN (Mnih et al. 2015) on the flattened action space (:class:`envs.FlattenAction`)."""
    _train(ctx, seed, "dqn", options)


def maskable_ppo(ctx: SearchContext, seed: int, elite: list[Evaluation], **options: Any) -> None:
    """sb3-contrib MaskablePPO: never offered actions that would break a budget (``action_masks()``)."""
    _train(ctx, seed, "maskable_ppo", options)


def recurrent_ppo(ctx: SearchContext, seed: int, elite: list[Evaluation], **options: Any) -> None:
    """sb3-contrib RecurrentPPO with an LSTM policy (closest SB3 relative of ConfuciuX's LSTM agent)."""
    _train(ctx, seed, "recurrent_ppo", options)
