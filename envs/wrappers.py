"""Wrappers that adapt the environments to agents with other action-space needs."""

from __future__ import annotations

import gymnasium as gym
import numpy as np
from gymnasium import spaces


class FlattenAction(gym.ActionWrapper):
    """Turn a ``MultiDiscrete(nvec)`` action space into ``Discrete(prod(nvec))`` (for DQN).

    Action ``a`` maps to ``np.unravel_index(a, nvec)`` (C order: the last parameter varies fastest). If the wrapped
    environment has ``action_masks()``, the wrapper's mask is the product of the per-parameter masks, so it offers
    exactly the same joint actions.

    Raises:
        TypeError: the wrapped action space is not MultiDiscrete.
    """

    def __init__(self, env: gym.Env) -> None:
        super().__init__(env)
        if not isinstance(env.action_space, spaces.MultiDiscrete):
            raise TypeError(f"FlattenAction needs a MultiDiscrete action space, got {env.action_space}")
        self.nvec = np.asarray(env.action_space.nvec, dtype=np.int64).reshape(-1)
        self.action_space = spaces.Discrete(int(np.prod(self.nvec)))

    def action(self, action) -> np.ndarray:
        return np.array(np.unravel_index(int(action), tuple(self.nvec)), dtype=np.int64)

    def action_masks(self) -> np.ndarray:
        """Joint mask of length ``prod(nvec)``."""
        masks = np.split(np.asarray(self.env.unwrapped.action_masks()), np.cumsum(self.nvec)[:-1])
        joint = masks[0]
        for m in masks[1:]:
            joint = np.logical_and.outer(joint, m).reshape(-1)
        return joint
